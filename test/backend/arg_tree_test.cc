// Argument checks as range trees (backend/arg_tree.h) and bit tests as one jset (backend/bit_test.h):
// at -O2 the program must make the IR interpreter's decision on probes at every boundary the
// lists create (each value, its neighbours, the 2^32 split, values that differ only in the high
// half, 0, 0xffffffff, sign-extended negatives), Z3 must prove it equal to the IR (--validate),
// the real kernel must act as the emulator predicts, and the tree must actually be used and be
// shorter than the -O1 jeq chains.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "backend/backend_test_util.h"
#include "bpf/checker.h"
#include "ir/interpreter.h"
#include "lib/random_policy.h"
#include "runtime/emulator.h"
#include "runtime/kernel_probe.h"
#include "target/target.h"

namespace secco::testing {
namespace {

// Argument values around every constant: c-1, c, c+1, and every (high, low) pair of the
// constants' halves and the edges of both halves.
std::vector<std::uint64_t> edge_values(const std::vector<std::uint64_t>& constants) {
  std::set<std::uint32_t> his{0, 1, 0x7fffffffU, 0x80000000U, 0xffffffffU}, los = his;
  std::set<std::uint64_t> out;
  for (std::uint64_t c : constants) {
    for (std::uint64_t d : {c - 1, c, c + 1}) {
      out.insert(d);
      his.insert(static_cast<std::uint32_t>(d >> 32));
      los.insert(static_cast<std::uint32_t>(d));
    }
  }
  for (std::uint64_t b : boundary_values()) out.insert(b);
  for (std::uint32_t h : his)
    for (std::uint32_t l : los) out.insert(std::uint64_t{h} << 32 | l);
  return {out.begin(), out.end()};
}

struct Checked {
  std::size_t length_o1 = 0, length_o2 = 0;
  std::size_t worst_o1 = 0, worst_o2 = 0;  // most instructions executed over the probes
};

// Compiles `text` at -O1 (no trees) and -O2 (with --validate when asked) and compares both with
// the interpreter on probes for `syscall` with each edge value in args 0 and 1 (the other 0).
Checked check_policy(const std::string& text, const std::string& syscall, const std::vector<std::uint64_t>& constants,
                     bool validate) {
  INFO(text);
  const Target& target = Target::default_target();
  std::vector<SeccompData> probes;
  std::vector<std::uint64_t> values = edge_values(constants);
  for (std::uint64_t v : values) {
    for (unsigned arg : {0U, 1U, 2U}) {
      SeccompData d;
      d.arch = target.audit_arch();
      d.nr = *target.syscall_number(syscall);
      d.args[arg] = v;
      probes.push_back(d);
    }
  }
  std::mt19937_64 rng(values.size());
  for (int i = 0; i < 2000; ++i) {
    SeccompData d;
    d.arch = target.audit_arch();
    d.nr = *target.syscall_number(syscall);
    for (unsigned arg = 0; arg < 3; ++arg) d.args[arg] = values[rng() % values.size()];
    probes.push_back(d);
  }
  Checked out;
  for (int level : {1, 2}) {
    INFO("-O", level);
    Compiled c = compile_text(text, level, "tree.secco", validate && level == 2);
    REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
    std::vector<bpf::CheckError> errors = bpf::check_program(*c.program);
    if (!errors.empty()) FAIL(bpf::format_check_errors(errors));
    runtime::Emulator emu(*c.program);
    std::size_t worst = 0;
    for (const SeccompData& d : probes) {
      runtime::EmulatorResult r = emu.run(d);
      Action want = ir::interpret(c.module, d);
      if (r.action != want) {
        FAIL_CHECK("probe " << describe(d) << ": emulator " << r.action.to_string() << ", interpreter "
                            << want.to_string());
        return out;
      }
      worst = std::max(worst, r.steps);
    }
    (level == 1 ? out.length_o1 : out.length_o2) = c.program->size();
    (level == 1 ? out.worst_o1 : out.worst_o2) = worst;
  }
  return out;
}

std::string hex_list(const std::vector<std::uint64_t>& v) {
  std::ostringstream s;
  for (std::size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << "0x" << std::hex << v[i];
  return s.str();
}

const std::string kHeader = "DEFAULT_POSITIVE = allow\nDEFAULT_NEGATIVE = EPERM\nDEFAULT_POLICY = kill\n";

TEST_CASE("range trees at the 2^32 boundaries, proven equal to the IR") {
  const std::vector<std::uint64_t> split = {0,
                                            0xffffffffULL,
                                            0x100000000ULL,
                                            0x1ffffffffULL,
                                            0x7fffffffULL,
                                            0x80000000ULL,
                                            0xffffffff00000000ULL,
                                            0xffffffffffffffffULL,
                                            0xffffffffffffff9cULL};
  SUBCASE("notIn over both halves, signed-looking values") {
    Checked c = check_policy(kHeader + "read: notIn(arg0, " + hex_list(split) + ")\n", "read", split, true);
    CHECK(c.length_o2 <= c.length_o1);
  }
  SUBCASE("values that differ only in the high half") {
    std::vector<std::uint64_t> v = {5, 0x100000005ULL, 0x200000005ULL, 0xffffffff00000005ULL, 6, 0x100000006ULL};
    check_policy(kHeader + "read: in(arg0, " + hex_list(v) + ")\n", "read", v, true);
  }
  SUBCASE("CVE-2019-9893: ranges across 2^32 with equalities") {
    std::vector<std::uint64_t> v = {0xffffffffULL, 0x100000005ULL, 3, 0x100000001ULL, 7};
    check_policy(kHeader +
                     "read: arg0 > 0xffffffff && arg0 < 0x100000005 || arg0 == 3 || arg0 >= 0x100000001 && "
                     "notIn(arg0, 0x100000001, 0x100000003) || in(arg0, 7, 0, 0xffffffff)\n",
                 "read", v, true);
  }
  SUBCASE("a rule testing two arguments keeps each argument's tree") {
    std::vector<std::uint64_t> v = {1, 2, 3, 10, 11, 12, 13, 0x100000000ULL, 40, 41, 42};
    check_policy(kHeader +
                     "read: arg0 == 1 || arg0 == 2 && argL1 == 3 || in(arg0, 10, 11, 12, 13, 0x100000000) && "
                     "notIn(argL1, 40, 41, 42, 0)\n",
                 "read", v, true);
  }
}

TEST_CASE("range trees for long lists: runs as ranges, scattered values, shorter than jeq chains") {
  SUBCASE("contiguous runs") {
    std::vector<std::uint64_t> v;
    for (std::uint64_t x = 0; x < 38; ++x) v.push_back(x);
    for (std::uint64_t x = 100; x <= 110; ++x) v.push_back(x);
    v.push_back(0xffffffffULL);
    Checked c = check_policy(kHeader + "write: in(argL1, " + hex_list(v) + ")\n", "write", v, true);
    CHECK(c.length_o2 < c.length_o1);
    CHECK(c.length_o2 <= 13);  // header, dispatch, 3 returns, ld and 5 jumps, not 50 jeqs
  }
  SUBCASE("a 38-value notIn of a 64-bit argument") {
    std::mt19937_64 rng(38);
    std::set<std::uint64_t> s{0, 0xffffffffULL, 0x100000000ULL, 0xffffffffffffff9cULL};
    while (s.size() < 38) s.insert(rng() % 5 == 0 ? rng() : rng() % 100000);
    std::vector<std::uint64_t> v(s.begin(), s.end());
    Checked c = check_policy(kHeader + "read: notIn(arg0, " + hex_list(v) + ")\n", "read", v, true);
    // The cost model trades a few instructions of length for a much shorter path.
    CHECK(c.length_o2 <= c.length_o1 + 4);
    MESSAGE("38-value notIn: -O1 " << c.length_o1 << " insns, worst " << c.worst_o1 << "; -O2 " << c.length_o2
                                   << " insns, worst " << c.worst_o2);
    CHECK(c.worst_o2 <= 20);
    CHECK(c.worst_o2 * 2 < c.worst_o1);
  }
  SUBCASE("a computed value, which may trap, is evaluated once") {
    std::vector<std::uint64_t> v = {1, 2, 3, 7, 9, 200, 255, 0x10000};
    check_policy(
        kHeader + "read: in(argL1 & 0xff, 1, 2, 3, 7, 9, 200, 255)\nwrite: in(argL0 / argL1, " + hex_list(v) + ")\n",
        "write", v, false);
  }
}

TEST_CASE("random in/notIn lists agree with the interpreter; one in five is proven") {
  std::mt19937_64 rng(property_seed());
  const std::vector<std::uint64_t>& edges = boundary_values();
  const std::uint64_t count = 60 * property_iterations();
  for (std::uint64_t i = 0; i < count; ++i) {
    std::set<std::uint64_t> s;
    const std::size_t n = 1 + rng() % 48;
    const bool half = rng() % 3 == 0;  // argL1: 32-bit values
    std::uint64_t base = rng() % 3 == 0 ? rng() : rng() % 1000;
    while (s.size() < n) {
      std::uint64_t x;
      switch (rng() % 5) {
        case 0:
          x = edges[rng() % edges.size()];
          break;
        case 1:
          x = base + s.size();  // runs
          break;
        case 2:
          x = (rng() % 4) << 32 | (base & 0xffffffffULL);  // only the high half differs
          break;
        default:
          x = rng() % 3 == 0 ? rng() : rng() % 300;
      }
      s.insert(half ? x & 0xffffffffULL : x);
    }
    std::vector<std::uint64_t> v(s.begin(), s.end());
    std::shuffle(v.begin(), v.end(), rng);
    std::string subject = half ? "argL1" : "arg0";
    std::string expr = std::string(rng() % 2 ? "in(" : "notIn(") + subject + ", " + hex_list(v) + ")";
    if (rng() % 3 == 0) expr += rng() % 2 ? " || arg1 < 0x100000002" : " && argL0 != 7";
    check_policy(kHeader + "read: " + expr + "\n", "read", v, i % 5 == 0);
  }
}

TEST_CASE("rules of one shape share the high-half tail, identical rules share everything") {
  const char* names[] = {"read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap"};
  std::string text = kHeader;
  std::vector<std::uint64_t> v;
  for (std::size_t i = 0; i < 10; ++i) {
    std::uint64_t k = 3 * i + 1;
    v.push_back(k);
    text += std::string(names[i]) + (i % 2 ? ": arg0 == " : ": arg0 != ") + std::to_string(k) + "\n";
  }
  text += "munmap: in(arg1, 5, 0x100000005, 9) && argL2 < 7\nmprotect: in(arg1, 5, 0x100000005, 9) && argL2 < 7\n";
  v.push_back(5);
  v.push_back(0x100000005ULL);
  v.push_back(7);
  Checked c{};
  for (const char* name : {"read", "write", "mmap", "munmap", "mprotect"}) c = check_policy(text, name, v, true);
  MESSAGE("10 one-check rules and two identical list rules: -O1 " << c.length_o1 << ", -O2 " << c.length_o2);
  // Each `arg0 == K` / `!= K` adds `ld lo; jne #K` to one shared `ld hi; jeq #0` tail per shape.
  CHECK(c.length_o2 + 12 <= c.length_o1);
}

TEST_CASE("bit tests are one jset, with the decisions of the IR") {
  std::vector<std::uint64_t> v = {4, 6, 8, 0x80000000ULL};
  check_policy(kHeader +
                   "read: (argL2 & 4) == 0 && (argL2 & 8) == 8 || (argL1 & 6) != 0 && (argL1 & 6) != 6 ||"
                   " (argL0 & 0x80000000) != 0x80000000 && (argL0 & 0) == 0\n",
               "read", v, true);
  Compiled c = compile_text(kHeader + "mmap: (argL2 & 4) == 0\nmprotect: (argL2 & 4) == 4\n", 2);
  REQUIRE(c.program.has_value());
  std::size_t jset = 0, alu = 0;
  for (const bpf::Insn& insn : *c.program) {
    if (insn.code == (bpf::op::JMP | bpf::op::JSET | bpf::op::K)) ++jset;
    if (bpf::op::cls(insn.code) == bpf::op::ALU) ++alu;
  }
  CHECK(jset == 2);
  CHECK(alu == 0);
}

TEST_CASE("the kernel acts on range-tree programs as the emulator predicts") {
  const Target& target = Target::default_target();
  std::vector<std::uint64_t> v = {0,
                                  1,
                                  2,
                                  3,
                                  9,
                                  0xffffffffULL,
                                  0x100000000ULL,
                                  0x100000003ULL,
                                  0xffffffffffffff9cULL,
                                  100,
                                  101,
                                  102,
                                  500,
                                  0x7fffffffULL};
  Compiled c = compile_text(
      kHeader + "getppid: notIn(arg0, " + hex_list(v) + ")\ngetpid: 1\ngettid: 1\n" + "exit_group: 1\nexit: 1\n", 2);
  REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
  runtime::Emulator emu(*c.program);
  std::size_t runs = 0;
  std::vector<std::uint64_t> values = edge_values({0, 3, 0xffffffffULL, 0x100000003ULL, 102});
  for (std::size_t i = 0; i < 24; ++i) {
    std::uint64_t x = values[i * values.size() / 24];
    SeccompData d;
    d.arch = target.audit_arch();
    d.nr = *target.syscall_number("getppid");
    d.args[0] = x;
    Action predicted = emu.run(d).action;
    REQUIRE(predicted == ir::interpret(c.module, d));
    runtime::KernelOutcome got = runtime::run_under_filter(*c.program, static_cast<long>(d.nr), d.args);
    INFO("arg0=", x, ": kernel ", runtime::to_string(got), ", emulator ", predicted.to_string());
    CHECK(runtime::consistent_with(got, predicted));
    ++runs;
  }
  CHECK(runs == 24);
}

}  // namespace
}  // namespace secco::testing
