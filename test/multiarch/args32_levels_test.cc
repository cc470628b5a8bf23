// 32-bit ABIs at every -O level: a spread of argument tests (every comparison of argLn, argHn and
// argn with constants at the 32/64-bit edges, masks, in/notIn lists, and mixes of the halves under
// &&, || and !) compiled for each ABI whose arguments are 32 bits. Every compile must succeed
// (validated: the -O level's program is proven equal to its IR), and under runtime::Emulator the
// program must decide as the IR interpreter on boundary arguments, high halves set included (the
// kernel passes them as 0; the program must never read them).
// The backend's range trees once stopped on `argL0 == 1 && argH0 != 0` at -O2 on these ABIs.
#include <doctest/doctest.h>

#include "ir/interpreter.h"
#include "lib/random_policy.h"
#include "multiarch/multiarch_util.h"
#include "runtime/emulator.h"

namespace secco::testing {
namespace {

const char* const kConstants[] = {"0", "1", "0xffffffff", "0x100000000", "0xffffffffffffffff"};
const char* const kCompares[] = {"==", "!=", "<", "<=", ">", ">="};
const char* const kParts[] = {"argL0", "argH0", "arg0"};

// Every comparison of one part of arg0 with every constant.
std::vector<std::string> atoms(const std::string& part) {
  std::vector<std::string> out;
  for (const char* o : kCompares)
    for (const char* k : kConstants) out.push_back(part + " " + o + " " + k);
  return out;
}

// The rule bodies: single comparisons, masks and lists, then pairs mixing the halves.
std::vector<std::string> bodies() {
  std::vector<std::string> out;
  for (const char* p : kParts)
    for (const std::string& a : atoms(p)) out.push_back(a);
  for (const char* e : {"(argL0 & 0x22) == 0x22", "(argL0 & 3) == 2", "(argH0 & 1) != 0", "(arg0 & 0x80000000) != 0",
                        "(arg0 & 0x100000001) == 0x100000001", "(arg0 & 0xffffffff00000000) != 0",
                        "(argH0 & 0xffffffff) == 0", "in(arg0, 0, 1, 0xffffffff, 0x100000000)", "notIn(argL0, 1, 2, 3)",
                        "in(argH0, 0, 1)", "in(arg0, 0x100000001, 5)", "notIn(argH0, 0)",
                        "notIn(arg0, 0, 0xffffffffffffffff)", "in(argL0, 0, 0xffffffff) && notIn(argH0, 0, 1)"})
    out.push_back(e);
  // Pairs: each low-half comparison with a high-half one and with a full one, alternately under
  // &&, || and !(…), so that every operator and constant meets the others on the same argument.
  const std::vector<std::string> lo = atoms("argL0"), hi = atoms("argH0"), full = atoms("arg0");
  for (std::size_t i = 0; i < lo.size(); ++i) {
    const std::string& h = hi[(i * 7) % hi.size()];
    const std::string& f = full[(i * 11 + 3) % full.size()];
    switch (i % 3) {
      case 0:
        out.push_back(lo[i] + " && " + h);
        out.push_back(f + " && " + h);
        break;
      case 1:
        out.push_back(lo[i] + " || " + h);
        out.push_back(h + " || " + f);
        break;
      default:
        out.push_back("!(" + lo[i] + " && " + h + ")");
        out.push_back("!(" + f + ") || " + lo[i]);
        break;
    }
  }
  out.push_back("argL0 == 1 && argH0 != 0");
  out.push_back("argL0 == 1 && argH1 != 0 || arg1 > 2 && argH0 == 0");
  out.push_back("(argL0 > 5 && argL0 < 9 || argH0 == 1) && arg1 != 0x100000000");
  return out;
}

// System calls every 32-bit ABI has, none of them multiplexed.
const char* const kCalls[] = {"read",   "write",       "close",       "dup",   "dup3",    "fcntl",     "ioctl",
                              "lseek",  "fsync",       "fdatasync",   "flock", "fchmod",  "fchown",    "fchdir",
                              "umask",  "setuid",      "setgid",      "kill",  "getpgid", "setpgid",   "getsid",
                              "setsid", "personality", "sched_yield", "prctl", "madvise", "mprotect",  "munmap",
                              "msync",  "mlock",       "munlock",     "brk",   "exit",    "exit_group"};

// Arguments at the edges of both halves.
const std::uint64_t kValues[] = {
    0,          1,          2,           3,           0x22,        0x7fffffff,         0x80000000,
    0xfffffffe, 0xffffffff, 0x100000000, 0x100000001, 0x1ffffffff, 0xffffffff00000000, 0xffffffffffffffff};

bool agrees(const MultiCompiled& c, const Target& t, const std::vector<std::uint32_t>& nrs) {
  runtime::Emulator emu(*c.program);
  for (std::uint32_t nr : nrs)
    for (std::uint64_t a0 : kValues)
      for (std::uint64_t a1 : {std::uint64_t{0}, std::uint64_t{3}, std::uint64_t{0x100000000}, ~std::uint64_t{0}}) {
        const SeccompData d = probe(t, nr, {a0, a1});
        const Action want = ir::interpret(c.compilation->modules(), d);
        const Action got = emu.run(d).action;
        if (got != want) {
          FAIL_CHECK(describe(d) << ": emulator " << got.to_string() << ", interpreter " << want.to_string());
          return false;
        }
      }
  return true;
}

TEST_CASE("32-bit ABIs: argument tests compile (validated) and decide as the interpreter at -O0, -O1 and -O2") {
  const std::vector<std::string> all = bodies();
  std::size_t abis = 0, compiles = 0;
  for (const Target* t : Target::all()) {
    if (!t->args_are_32bit()) continue;
    ++abis;
    INFO(t->name());
    std::vector<std::string> calls;
    std::vector<std::uint32_t> nrs;
    for (const char* name : kCalls)
      if (auto nr = t->syscall_number(name)) {
        calls.push_back(name);
        nrs.push_back(*nr);
      }
    REQUIRE(calls.size() >= 24);
    // As many rules per policy as there are calls; each chunk of bodies is one policy.
    for (std::size_t first = 0; first < all.size(); first += calls.size()) {
      std::string text = "DEFAULT_POLICY = errno(1)\nDEFAULT_NEGATIVE = errno(2)\n";
      for (std::size_t i = first; i < all.size() && i < first + calls.size(); ++i)
        text += calls[i - first] + ": " + all[i] + "\n";
      INFO(text);
      for (int level = 0; level <= 2; ++level) {
        INFO("-O", level);
        MultiCompiled c = compile_for(std::string(t->name()), text, level);
        REQUIRE_MESSAGE(c.program, c.diagnostics);
        CHECK(c.diagnostics.find("internal error") == std::string::npos);
        CHECK(c.diagnostics.find("not proven") == std::string::npos);
        ++compiles;
        // A 32-bit ABI's program reads no high half.
        for (const bpf::Insn& in : *c.program)
          if (in.code == (bpf::op::LD | bpf::op::W | bpf::op::ABS) && in.k >= 16)
            for (unsigned a = 0; a < 6; ++a) CHECK(in.k != seccomp_offset::arg_high(a, t->big_endian()));
        if (!agrees(c, *t, nrs)) break;
      }
    }
  }
  CHECK(abis >= 9);
  MESSAGE(abis << " ABIs, " << all.size() << " rule bodies, " << compiles << " validated compiles");
}

}  // namespace
}  // namespace secco::testing
