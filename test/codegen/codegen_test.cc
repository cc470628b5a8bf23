// Backend unit tests: the shape of emitted programs (spec §9), far jumps, shared tails, the
// kernel's constant-action cache condition, the 4096-instruction limit.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api/compilation.h"
#include "backend/codegen.h"
#include "backend/jump_layout.h"
#include "bpf/checker.h"
#include "ir/interpreter.h"
#include "runtime/emulator.h"
#include "support/seccomp_data.h"
#include "target/target.h"

namespace {

using secco::SeccompData;
namespace op = secco::bpf::op;

struct Compiled {
  secco::bpf::Program program;
  std::string diagnostics;
};

Compiled compile(const std::string& policy, int level = 2) {
  secco::api::Settings s;
  s.opt_level = level;
  secco::api::Compilation c(s);
  c.add_text("p.secco", policy);
  auto prog = c.compile();
  std::ostringstream os;
  c.render_diagnostics(os);
  return {prog ? *prog : secco::bpf::Program{}, os.str()};
}

SeccompData call(std::uint32_t nr, std::uint64_t a0 = 0, std::uint64_t a1 = 0) {
  SeccompData d;
  d.arch = 0xc000003e;
  d.nr = nr;
  d.args = {a0, a1, 0, 0, 0, 0};
  return d;
}

}  // namespace

TEST_CASE("programs start with the architecture check and the nr load (spec §9)") {
  Compiled c = compile("read: arg0 == 1\n");
  REQUIRE(c.program.size() > 4);
  CHECK(c.program[0].code == (op::LD | op::W | op::ABS));
  CHECK(c.program[0].k == 4);
  CHECK(c.program[1].code == (op::JMP | op::JEQ | op::K));
  CHECK(c.program[1].k == 0xc000003eU);
  CHECK(c.program[2].code == (op::LD | op::W | op::ABS));
  CHECK(c.program[2].k == 0);
  secco::runtime::Emulator emu(c.program);
  SeccompData foreign = call(0, 1);
  foreign.arch = 0x40000003;  // i386
  CHECK(emu.run(foreign).action.to_string() == "kill_thread");
  CHECK(emu.run(call(0, 1)).action.to_string() == "allow");
  CHECK(emu.run(call(0, 2)).action.to_string() == "kill_thread");
}

TEST_CASE("argument-free system calls are decided from nr and arch alone") {
  Compiled c = compile("DEFAULT_POLICY = errno(1)\nread: 1\nwrite: 1\nclose: return EBADF\nopenat: argL2 == 0\n");
  REQUIRE(c.diagnostics.empty());
  secco::runtime::Emulator emu(c.program);
  for (std::uint32_t nr : {0u, 1u, 3u, 4u, 100u, 0x40000000u, 0xffffffffu}) {
    std::set<std::uint32_t> loads;
    emu.run(call(nr), [&](const secco::runtime::TraceStep& s) {
      if (s.insn.code == (op::LD | op::W | op::ABS)) loads.insert(s.insn.k);
    });
    CAPTURE(nr);
    CHECK(loads == std::set<std::uint32_t>{0, 4});
  }
  std::set<std::uint32_t> loads;
  emu.run(call(257), [&](const secco::runtime::TraceStep& s) {
    if (s.insn.code == (op::LD | op::W | op::ABS)) loads.insert(s.insn.k);
  });
  CHECK(loads.count(32) == 1);  // openat's rule reads args[2].lo
}

TEST_CASE("identical tails are emitted once") {
  // Fifty rules with the same body share one copy of it.
  std::string policy;
  const char* names[] = {"read", "write", "close", "fstat", "lseek", "mmap", "mprotect", "munmap", "brk", "ioctl"};
  for (const char* n : names) policy += std::string(n) + ": argL0 == 7\n";
  Compiled shared = compile(policy);
  Compiled single = compile("read: argL0 == 7\n");
  // Ten rules: the dispatch grows, the body (ld, jeq) and the returns do not multiply.
  CHECK(shared.program.size() < single.program.size() + 2 * 10);
  std::size_t arg_loads = 0;
  for (const auto& i : shared.program)
    if (i.code == (op::LD | op::W | op::ABS) && i.k == 16) ++arg_loads;
  CHECK(arg_loads == 1);
}

TEST_CASE("jump layout routes far jumps through ja without changing targets") {
  // A DAG whose branches land 250..260 instructions away: both targets must survive layout.
  for (std::uint32_t distance = 250; distance <= 262; ++distance) {
    secco::backend::CodeGen gen;
    secco::backend::Node kill = gen.ret(0);
    secco::backend::Node allow = gen.ret(0x7fff0000U);
    // A chain of `distance` distinct loads before allow.
    secco::backend::Node chain = allow;
    for (std::uint32_t i = 0; i < distance; ++i) chain = gen.stmt(op::LD | op::IMM, i, chain);
    secco::backend::Node branch = gen.branch(op::JMP | op::JEQ | op::K, 5, kill, chain);
    secco::backend::Node root = gen.stmt(op::LD | op::W | op::ABS, 16, branch);
    secco::bpf::Program p = secco::backend::layout(gen, root);
    CAPTURE(distance);
    REQUIRE(secco::bpf::check_program(p).empty());
    secco::runtime::Emulator emu(p);
    CHECK(emu.run(call(0, 5)).value == 0U);
    CHECK(emu.run(call(0, 6)).value == 0x7fff0000U);
  }
}

TEST_CASE("a policy too large for the kernel is refused and names its largest rules") {
  // Each rule tests a different set of values, so nothing is shared.
  std::string policy;
  int n = 0;
  const char* names[] = {"read", "write", "close", "fstat", "lseek", "mmap", "ioctl", "openat"};
  for (const char* name : names) {
    policy += std::string(name) + ": in(argL0";
    for (int i = 0; i < 700; ++i) policy += ", " + std::to_string(++n * 7);
    policy += ")\n";
  }
  Compiled c = compile(policy);
  CHECK(c.program.empty());
  CHECK(c.diagnostics.find("error: the program has") != std::string::npos);
  CHECK(c.diagnostics.find("the kernel accepts at most 4096") != std::string::npos);
  CHECK(c.diagnostics.find("note: the rule for '") != std::string::npos);
  CHECK(c.diagnostics.find("are the system-call dispatch") != std::string::npos);
}

TEST_CASE("large programs with far jumps on both branches keep every decision") {
  // Many rules with distinct argument tests force jumps longer than 255 in the dispatch.
  std::string policy = "DEFAULT_POLICY = errno(38)\n";
  std::vector<std::string> syscalls;
  for (const char* n : {"read",   "write",       "close",     "fstat",    "lseek",     "mmap",    "mprotect", "munmap",
                        "brk",    "ioctl",       "pread64",   "pwrite64", "readv",     "writev",  "access",   "pipe",
                        "select", "sched_yield", "mremap",    "msync",    "mincore",   "madvise", "dup",      "dup2",
                        "pause",  "nanosleep",   "getitimer", "alarm",    "setitimer", "getpid"}) {
    syscalls.push_back(n);
  }
  for (std::size_t i = 0; i < syscalls.size(); ++i) {
    policy += syscalls[i] + ": in(argL0";
    for (int v = 0; v < 12; ++v) policy += ", " + std::to_string(i * 100 + v * 3);
    policy += "); return kill\n";
  }
  secco::api::Settings s;
  secco::api::Compilation comp(s);
  comp.add_text("p.secco", policy);
  auto prog = comp.compile();
  REQUIRE(prog);
  bool has_ja = false;
  for (const auto& i : *prog) has_ja = has_ja || i.code == (op::JMP | op::JA);
  CHECK(has_ja);
  CHECK(prog->size() > 300);
  secco::runtime::Emulator emu(*prog);
  for (std::uint32_t nr = 0; nr < 45; ++nr) {
    for (std::uint64_t a = 0; a < 3100; a += 1) {
      SeccompData d = call(nr, a);
      if (emu.run(d).action != secco::ir::interpret(comp.module(), d)) {
        FAIL("mismatch at nr " << nr << " arg0 " << a);
      }
    }
  }
}

TEST_CASE("a program near 4096 instructions with shared tails and far jumps keeps every decision") {
  // The largest-fit benchmark's `checks` kind (bench/largest_fit.cc): per system call, 64-bit `==`,
  // `<` a constant above 2^32 and mask tests on arguments 0-3 as `||` alternatives. -O2
  // shares high-half tails between rules and routes far jumps through `ja` trampolines and `ret`
  // copies (a fix-up that flips kill into allow is a historic bug); the emulator must agree with
  // the IR interpreter on the values around every constant, with the other arguments failing
  // their tests and at 0.
  const secco::Target& target = secco::Target::default_target();
  std::vector<std::pair<std::string, std::uint32_t>> calls;
  for (const secco::SyscallEntry& e : target.syscalls()) calls.emplace_back(std::string(e.name), e.nr);
  REQUIRE(calls.size() > 300);
  const std::size_t n = 1100, S = 300;
  struct Check {
    unsigned arg;
    int form;
    std::uint64_t k;
  };
  std::vector<std::vector<Check>> rules(S);
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= h << 13;
    h ^= h >> 7;
    h ^= h << 17;
    Check c{static_cast<unsigned>((i / S) % 4), static_cast<int>(i % 3), h & 0xffffffffU};
    if (c.form == 1) c.k = (1ULL << 32) + (h & 0xffff);
    if (c.form == 2) c.k = 1ULL << (h % 31);
    rules[i % S].push_back(c);
  }
  std::string policy = "DEFAULT_POSITIVE = allow\nDEFAULT_NEGATIVE = kill\nDEFAULT_POLICY = errno(3)\n";
  for (std::size_t r = 0; r < S; ++r) {
    policy += calls[r].first + ": ";
    for (std::size_t j = 0; j < rules[r].size(); ++j) {
      const Check& c = rules[r][j];
      std::string a = std::to_string(c.arg);
      if (j) policy += " || ";
      if (c.form == 0) policy += "arg" + a + " == " + std::to_string(c.k);
      if (c.form == 1) policy += "arg" + a + " < " + std::to_string(c.k);
      if (c.form == 2) policy += "(argL" + a + " & " + std::to_string(c.k) + ") == 0";
    }
    policy += "\n";
  }
  secco::api::Settings s;
  secco::api::Compilation comp(s);
  comp.add_text("p.secco", policy);
  auto prog = comp.compile();
  REQUIRE(prog);
  CHECK(prog->size() > 2500);
  CHECK(prog->size() <= secco::bpf::kMaxInsns);
  std::size_t far_ja = 0;
  for (const auto& i : *prog) far_ja += i.code == (op::JMP | op::JA) && i.k > 255;
  CHECK(far_ja > 0);
  REQUIRE(secco::bpf::check_program(*prog).empty());
  secco::runtime::Emulator emu(*prog);
  std::size_t probes = 0;
  for (std::size_t r = 0; r < S; ++r) {
    // Every argument at values around each of the rule's constants, the others failing their tests.
    std::vector<std::uint64_t> base(6, 0);
    for (const Check& c : rules[r])
      base[c.arg] = c.form == 0 ? c.k + 1 : c.form == 1 ? 0xffffffff00000000ULL : 0xffffffffULL;
    for (const Check& c : rules[r]) {
      std::vector<std::uint64_t> vals{0,
                                      c.k,
                                      c.k - 1,
                                      c.k + 1,
                                      c.k | (1ULL << 32),
                                      c.k ^ 0xffffffffU,
                                      (1ULL << 32) - 1,
                                      1ULL << 32,
                                      (2ULL << 32) - 1,
                                      2ULL << 32,
                                      ~0ULL};
      for (std::uint64_t v : vals) {
        for (int others = 0; others < 2; ++others) {
          SeccompData d;
          d.arch = 0xc000003e;
          d.nr = calls[r].second;
          for (unsigned a = 0; a < 6; ++a) d.args[a] = others ? 0 : base[a];
          d.args[c.arg] = v;
          ++probes;
          if (emu.run(d).action != secco::ir::interpret(comp.module(), d))
            FAIL("mismatch on " << calls[r].first << " arg" << c.arg << " = " << v);
        }
      }
    }
  }
  CHECK(probes > 5000);
}
