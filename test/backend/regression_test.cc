// Regression tests for the bug history of seccomp compilers, each a named case with hand-written
// policies and exact probes. Every expectation is written out by hand (not computed by secco)
// and checked at -O0, -O1 and -O2 against BOTH the IR interpreter and the emitted program under
// the emulator; a few also run in the real kernel.
#include <doctest/doctest.h>

#include <csignal>

#include "backend/backend_test_util.h"
#include "bpf/checker.h"
#include "ir/interpreter.h"
#include "ir/printer.h"
#include "lib/random_policy.h"
#include "runtime/emulator.h"
#include "runtime/kernel_probe.h"
#include "target/target.h"

namespace secco::testing {
namespace {

constexpr std::uint32_t kArch = 0xc000003eU;  // AUDIT_ARCH_X86_64

struct Probe {
  std::uint32_t nr;
  std::array<std::uint64_t, 6> args;
  Action want;
};

SeccompData data_of(const Probe& p) {
  SeccompData d;
  d.nr = p.nr;
  d.arch = kArch;
  d.args = p.args;
  return d;
}

Action allow() {
  return Action::allow();
}
Action kill() {
  return Action::kill_thread();
}
Action err(std::uint16_t n) {
  return Action::errno_(n);
}

// Compiles at every level; each probe must give `want` in the interpreter and the emulator.
// Returns the -O2 program.
bpf::Program expect(const std::string& policy, const std::vector<Probe>& probes) {
  INFO(policy);
  bpf::Program last;
  for (int level = 0; level <= 2; ++level) {
    INFO("-O", level);
    Compiled c = compile_text(policy, level);
    REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
    CHECK(bpf::check_program(*c.program).empty());
    CHECK(find_mod(*c.program) == -1);
    runtime::Emulator emu(*c.program);
    for (const Probe& p : probes) {
      SeccompData d = data_of(p);
      INFO("probe ", describe(d), " wants ", p.want.to_string());
      CHECK(ir::interpret(c.module, d) == p.want);
      CHECK(emu.run(d).action == p.want);
    }
    last = *c.program;
  }
  return last;
}

std::string diagnostics_of(const std::string& policy) {
  return compile_text(policy, 2).diagnostics;
}

const std::uint32_t kRead = 0, kWrite = 1, kOpenat = 257, kExecve = 59, kGetppid = 110;

TEST_CASE("CVE-2019-9893: 64-bit comparisons at the 2^32 boundary, all six operators") {
  // libseccomp compared only the high halves for some operators; here every operator is checked
  // on both sides of K = 2^32 + 1, where the high halves are equal and the low halves decide, and
  // on values whose low half alone would give the wrong answer.
  const std::uint64_t K = 0x100000001ULL;
  const std::vector<std::uint64_t> values{0,
                                          1,
                                          2,
                                          0xffffffffULL,
                                          0x100000000ULL,
                                          K,
                                          0x100000002ULL,
                                          0x1ffffffffULL,
                                          0x200000001ULL,
                                          0x8000000000000001ULL,
                                          ~0ULL};
  struct Op {
    const char* text;
    bool (*holds)(std::uint64_t, std::uint64_t);
  };
  const Op ops[] = {{"==", [](std::uint64_t a, std::uint64_t b) { return a == b; }},
                    {"!=", [](std::uint64_t a, std::uint64_t b) { return a != b; }},
                    {"<", [](std::uint64_t a, std::uint64_t b) { return a < b; }},
                    {"<=", [](std::uint64_t a, std::uint64_t b) { return a <= b; }},
                    {">", [](std::uint64_t a, std::uint64_t b) { return a > b; }},
                    {">=", [](std::uint64_t a, std::uint64_t b) { return a >= b; }}};
  for (const Op& op : ops) {
    CAPTURE(op.text);
    std::string policy = std::string("read[-errno(1)]: arg0 ") + op.text + " 0x100000001\n" +
                         "write[-errno(1)]: arg0 " + op.text + " arg1\n";
    std::vector<Probe> probes;
    for (std::uint64_t v : values) {
      probes.push_back({kRead, {v, 0, 0, 0, 0, 0}, op.holds(v, K) ? allow() : err(1)});
      for (std::uint64_t w : std::vector<std::uint64_t>{K, 1, 0x200000000ULL, v ^ 0x100000000ULL})
        probes.push_back({kWrite, {v, w, 0, 0, 0, 0}, op.holds(v, w) ? allow() : err(1)});
    }
    expect(policy, probes);
  }
}

TEST_CASE("< and <= are not off by one (32- and 64-bit)") {
  expect(
      "read[-errno(1)]: arg0 < 5\nwrite[-errno(1)]: arg0 <= 5\nopenat[-errno(1)]: argL2 < 0x80000000\n"
      "close[-errno(1)]: arg0 <= 0x100000005\n",
      {{kRead, {4}, allow()},
       {kRead, {5}, err(1)},
       {kRead, {6}, err(1)},
       {kRead, {0x100000004ULL}, err(1)},
       {kWrite, {4}, allow()},
       {kWrite, {5}, allow()},
       {kWrite, {6}, err(1)},
       {kWrite, {0x100000005ULL}, err(1)},
       {kOpenat, {0, 0, 0x7fffffffULL}, allow()},
       {kOpenat, {0, 0, 0x80000000ULL}, err(1)},
       {kOpenat, {0, 0, 0xffffffff7fffffffULL}, allow()},  // argL2 is the low half only
       {3, {0x100000004ULL}, allow()},
       {3, {0x100000005ULL}, allow()},
       {3, {0x100000006ULL}, err(1)},
       {3, {0x200000000ULL}, err(1)},
       {3, {5}, allow()}});
}

TEST_CASE("a body that folds to false takes the NEGATIVE action (gosecco failed open)") {
  expect("read[-errno(5)]: 1 == 2\nwrite: 1 == 2\nclose[+errno(7)]: 3 > 2\nopenat[-errno(9)]: arg0 == 1 && false\n",
         {{kRead, {}, err(5)}, {kRead, {1, 2}, err(5)}, {kWrite, {}, kill()}, {3, {}, err(7)}, {kOpenat, {1}, err(9)}});
  std::string diags = diagnostics_of("read[-errno(5)]: 1 == 2\n");
  CHECK(diags.find("warning: the body of the rule for 'read' is always false") != std::string::npos);
}

TEST_CASE("long-jump fix-ups route far branches through ja or local returns and never flip kill into allow") {
  // Hundreds of rules with argument checks: the shared `ret ALLOW` / `ret KILL` are far from most
  // rules, on both branches of their tests.
  const Target& target = Target::default_target();
  std::string policy = "DEFAULT_POLICY = errno(3)\n";
  std::vector<Probe> probes;
  std::size_t n = 0;
  for (const SyscallEntry& e : target.syscalls()) {
    if (n == 300) break;
    std::uint64_t want_arg = 1000 + n;
    policy +=
        std::string(e.name) + ": arg0 == " + std::to_string(want_arg) + " && argL1 < " + std::to_string(10 + n) + "\n";
    probes.push_back({e.nr, {want_arg, 9 + n}, allow()});
    probes.push_back({e.nr, {want_arg, 10 + n}, kill()});
    probes.push_back({e.nr, {want_arg + 1, 0}, kill()});
    probes.push_back({e.nr, {want_arg | (1ULL << 32), 0}, kill()});
    ++n;
  }
  REQUIRE(n == 300);
  probes.push_back({0x40000000U + kRead, {1000}, kill()});
  probes.push_back({0xffffffffU, {}, err(3)});
  probes.push_back({1000, {}, err(3)});
  bpf::Program prog = expect(policy, probes);
  CHECK(prog.size() > 1000);
  CHECK(prog.size() <= bpf::kMaxInsns);
  CHECK(count_ja(prog) > 0);
  CHECK(longest_ja(prog) > 255);
  // Far jumps to a `ret` go to local copies of it (one instruction, where `ja` + the shared `ret`
  // would execute two): `ret ALLOW` and `ret KILL` appear many times, every copy is reached.
  std::size_t allow_copies = 0, kill_copies = 0;
  for (const bpf::Insn& in : prog) {
    if (in.code != (bpf::op::RET | bpf::op::K)) continue;
    if (in.k == 0x7fff0000U) ++allow_copies;
    if (in.k == 0) ++kill_copies;
  }
  CHECK(allow_copies > 1);
  CHECK(kill_copies > 1);
  // Some conditional jump has BOTH targets routed away from the fall-through: to a trampoline or a
  // local `ret` copy on each side.
  auto routed = [](const bpf::Insn& t) {
    return t.code == (bpf::op::JMP | bpf::op::JA) || t.code == (bpf::op::RET | bpf::op::K);
  };
  bool both = false;
  for (std::size_t i = 0; i + 2 < prog.size() && !both; ++i) {
    const bpf::Insn& in = prog[i];
    if (bpf::op::cls(in.code) != bpf::op::JMP || in.code == (bpf::op::JMP | bpf::op::JA)) continue;
    both = in.jt != in.jf && routed(prog[i + 1 + in.jt]) && routed(prog[i + 1 + in.jf]) &&
           prog[i + 1 + in.jt] != prog[i + 1 + in.jf];
  }
  CHECK(both);
  // The kernel agrees on a far rule (getppid is in the table: allowed only with its argument).
  std::uint64_t getppid_arg = 0;
  for (const Probe& p : probes)
    if (p.nr == kGetppid && p.want == allow()) getppid_arg = p.args[0];
  REQUIRE(getppid_arg != 0);
  auto ok = runtime::run_under_filter(prog, kGetppid, {getppid_arg, 0});
  CHECK_MESSAGE(runtime::consistent_with(ok, allow()), runtime::to_string(ok));
  auto killed = runtime::run_under_filter(prog, kGetppid, {getppid_arg + 1, 0});
  CHECK_MESSAGE(runtime::consistent_with(killed, kill()), runtime::to_string(killed));
}

TEST_CASE("x32 numbers never reach the rules, even in a deny list") {
  bpf::Program prog = expect("DEFAULT_POLICY = allow\nexecve: return kill\ngetppid: return errno(1)\n",
                             {{kExecve, {}, kill()},
                              {0x4000003bU, {}, kill()},  // x32 execve: the bad-arch action
                              {0x40000000U + kGetppid, {}, kill()},
                              {0x40000000U, {}, kill()},
                              {0xfffffffeU, {}, kill()},
                              {0x3fffffffU, {}, allow()},
                              {kGetppid, {}, err(1)},
                              {kRead, {}, allow()}});
  auto outcome = runtime::run_under_filter(prog, 0x4000003b);
  CHECK_MESSAGE(runtime::consistent_with(outcome, kill()), runtime::to_string(outcome));
  auto allowed = runtime::run_under_filter(prog, 39 /* getpid */);
  CHECK_MESSAGE(runtime::consistent_with(allowed, allow()), runtime::to_string(allowed));
}

TEST_CASE("-1 (a tracer's skipped call) gets the default policy action, not the x32 one") {
  bpf::Program prog = expect("DEFAULT_POLICY = errno(7)\nread: 1\n",
                             {{0xffffffffU, {}, err(7)}, {0x40000000U, {}, kill()}, {kRead, {}, allow()}});
  auto outcome = runtime::run_under_filter(prog, -1);
  CHECK_MESSAGE(runtime::consistent_with(outcome, err(7)), runtime::to_string(outcome));
}

TEST_CASE("int arguments and sign extension: AT_FDCWD compared as argL vs arg") {
  const std::uint64_t narrow = 0xffffff9cULL, wide = 0xffffffffffffff9cULL;
  expect(
      "openat[-errno(1)]: argL0 == AT_FDCWD\nread[-errno(1)]: arg0 == AT_FDCWD\n"
      "write[-errno(1)]: arg0 == 0xffffffffffffff9c\n",
      {{kOpenat, {narrow}, allow()},
       {kOpenat, {wide}, allow()},
       {kOpenat, {0x9c}, err(1)},
       {kRead, {narrow}, allow()},
       {kRead, {wide}, err(1)},
       {kWrite, {wide}, allow()},
       {kWrite, {narrow}, err(1)}});
  std::string diags = diagnostics_of("read: arg0 == AT_FDCWD\n");
  CHECK(diags.find("warning: comparing the full argument 'arg0' with 0xffffff9c") != std::string::npos);
  CHECK(diagnostics_of("read: argL0 == AT_FDCWD\n").empty());
}

TEST_CASE("BPF_MOD is never emitted; % is computed and a zero divisor kills") {
  expect(
      "read[-errno(1)]: argL0 % argL1 == 3\nwrite[-errno(1)]: argL0 % 10 == 3\n"
      "close[-errno(1)]: argL0 % 8 == 3\nopenat[-errno(1)]: (argL0 + 1) % (argL1 * 2) == argL2 % argL3\n",
      {{kRead, {10, 7}, allow()},
       {kRead, {10, 4}, err(1)},
       {kRead, {10, 0}, kill()},
       {kRead, {0xffffffffULL, 0x10}, err(1)},
       {kRead, {0x100000003ULL, 0x100000007ULL}, allow()},  // only the low halves count
       {kWrite, {13}, allow()},
       {kWrite, {0xfffffff9ULL}, err(1)},  // 4294967289 = 429496728 * 10 + 9
       {kWrite, {23}, allow()},
       {kWrite, {24}, err(1)},
       {3, {11}, allow()},
       {3, {12}, err(1)},
       {kOpenat, {8, 5, 9, 5}, err(1)},              // 9 % 10 = 9, 9 % 5 = 4
       {kOpenat, {4, 5, 5, 7}, allow()},             // 5 % 10 = 5, 5 % 7 = 5
       {kOpenat, {2, 5, 3, 10}, allow()},            // 3 % 10 = 3, 3 % 10 = 3
       {kOpenat, {2, 0x80000000ULL, 3, 7}, kill()},  // divisor 2^31 * 2 wraps to 0
       {kOpenat, {2, 5, 3, 0}, kill()}});
}

TEST_CASE("run-time division by zero returns kill_thread in the interpreter and the emulator") {
  expect(
      "read[-errno(1)]: argL0 / argL1 > 100 || true\n"
      "write[-errno(1)]: argL0 / (argL1 >> 40) == 0\n"  // the divisor folds to 0: always kills
      "close[-errno(1)]: argL0 % (argL1 & 0) == 0\n"    // 0 after simplify at -O1/-O2
      "openat[-errno(1)]: arg0 == argL1 / argL2\n"      // split64 must still evaluate the division
      "lseek[-errno(1)]: argL0 / argL1 * 0 == 1\n",     // `* 0` must not drop the division
      {{kRead, {1000, 1}, allow()},
       {kRead, {1000, 0}, kill()},
       {kWrite, {5, 1}, kill()},
       {kWrite, {0, 0xffffffffULL}, kill()},
       {3, {1, 2}, kill()},
       {kOpenat, {0x100000000ULL, 6, 0}, kill()},
       {kOpenat, {0x100000000ULL, 6, 3}, err(1)},
       {kOpenat, {2, 6, 3}, allow()},
       {8, {7, 0}, kill()},
       {8, {7, 1}, err(1)}});
}

TEST_CASE("a shift by 32 or more gives 0, also by a run-time amount") {
  expect(
      "read[-errno(1)]: argL0 << argL1 == 0\nwrite[-errno(1)]: argL0 >> argL1 == 0\n"
      "close[-errno(1)]: argL0 << 32 == 0 && argL0 >> 0x100000001 == argL0 >> 1\n",
      {{kRead, {1, 31}, err(1)},
       {kRead, {1, 32}, allow()},
       {kRead, {1, 33}, allow()},
       {kRead, {1, 64}, allow()},
       {kRead, {1, 0xffffffffULL}, allow()},
       {kRead, {1, 0x100000000ULL}, err(1)},  // argL1 is 0: 1 << 0
       {kWrite, {0x80000000ULL, 31}, err(1)},
       {kWrite, {0x80000000ULL, 32}, allow()},
       {kWrite, {0x80000000ULL, 0x80000000ULL}, allow()},
       {3, {0xffffffffULL}, allow()},
       {3, {6}, allow()}});
}

TEST_CASE("binary operators are left-associative") {
  expect(
      "read[-errno(1)]: argL0 == 10 - 2 - 3\nwrite[-errno(1)]: argL0 - 2 - 3 == 5\n"
      "close[-errno(1)]: argL0 / 10 / 5 == 2\nopenat[-errno(1)]: argL0 << 1 << 2 == 8\n",
      {{kRead, {5}, allow()},
       {kRead, {11}, err(1)},
       {kWrite, {10}, allow()},
       {kWrite, {6}, err(1)},
       {3, {100}, allow()},
       {3, {1000}, err(1)},
       {kOpenat, {1}, allow()},
       {kOpenat, {2}, err(1)}});
}

TEST_CASE("comparisons bind looser than the bitwise operators") {
  expect(
      "read[-errno(1)]: arg0 == 1 | 2\nwrite[-errno(1)]: argL0 & 0xff == 0x12\n"
      "close[-errno(1)]: arg0 == 1 << 56\nopenat[-errno(1)]: argL0 ^ 3 < 2\n",
      {{kRead, {3}, allow()},
       {kRead, {1}, err(1)},
       {kWrite, {0x312}, allow()},
       {kWrite, {0x13}, err(1)},
       {3, {1ULL << 56}, allow()},
       {3, {0}, err(1)},
       {kOpenat, {2}, allow()},  // 2 ^ 3 = 1 < 2
       {kOpenat, {0}, err(1)}});
}

TEST_CASE("a 32-bit value compared with a constant of 2^32 or more is compared mathematically") {
  expect(
      "read[-errno(1)]: argL0 == 0x100000000\nwrite[-errno(1)]: argL0 < 0x100000000\n"
      "close[-errno(1)]: argL0 + 0x100000000 == argL0\n",
      {{kRead, {0}, err(1)},
       {kRead, {0x100000000ULL}, err(1)},
       {kWrite, {0xffffffffULL}, allow()},
       {3, {12345}, allow()}});
}

TEST_CASE("a constant operand of 32-bit arithmetic is used modulo 2^32 even after simplification") {
  // simplify turned `C + (2^32 * argL5)` into C itself, keeping its 64-bit value (found by the
  // random policies: the rule took the wrong action at -O1 and -O2).
  expect(
      "read[-errno(1)]: 0x7fffffffffffffff + (0x100000000 * argL5) != arg1\n"
      "write[-errno(1)]: (argL0 * 0x100000000 | 0x1ffffffff) == 0xffffffff\n",
      {{kRead, {0, 0xffffffffULL}, err(1)},
       {kRead, {0, 0x7fffffffffffffffULL}, allow()},
       {kRead, {0, 0x7fffffffffffffffULL, 0, 0, 0, 3}, allow()},
       {kWrite, {0}, allow()},
       {kWrite, {0x12345}, allow()}});
}

}  // namespace
}  // namespace secco::testing
