// The semantic engine (semantics/): proofs that hold, differences it must find (each confirmed
// on the emulator, an independent oracle), the BPF corners of the kernel's semantics, and the
// compile driver's translation validation.
#include <doctest/doctest.h>

#include <filesystem>

#include "api/compilation.h"
#include "bpf/assembler.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "semantics/bpf_semantics.h"
#include "semantics/describe.h"
#include "semantics/equivalence.h"
#include "semantics/kernel_action.h"

using namespace secco;
using semantics::Result;
using testing::read_file;
using testing::source_path;

namespace {

struct Built {
  std::unique_ptr<api::Compilation> c;
  std::optional<bpf::Program> program;
};

Built build(const std::string& text, int level = 2, bool validate = true) {
  api::Settings s;
  s.opt_level = level;
  s.validate = validate;
  Built b{std::make_unique<api::Compilation>(s), std::nullopt};
  b.c->add_text("policy.secco", text);
  b.program = b.c->compile();
  return b;
}

std::string diagnostics(const api::Compilation& c) {
  std::ostringstream os;
  c.render_diagnostics(os);
  return os.str();
}

// The emulator must see the difference the engine reports, with the same two decisions.
void confirm_on_emulator(const Result& r, const bpf::Program& left, const bpf::Program& right) {
  REQUIRE(r.verdict == Result::Verdict::Differs);
  REQUIRE(!r.counterexamples.empty());
  for (const auto& cex : r.counterexamples) {
    std::uint32_t a = runtime::Emulator(left).run(cex.input).value;
    std::uint32_t b = runtime::Emulator(right).run(cex.input).value;
    CHECK(semantics::canonical_action(a) == cex.left);
    CHECK(semantics::canonical_action(b) == cex.right);
    CHECK(cex.left != cex.right);
  }
}

bpf::Program assemble(const std::string& text) {
  SourceManager sm;
  Diagnostics d(sm);
  bpf::Program p = bpf::assemble(text, sm.add("t.asm", text), d);
  REQUIRE(!d.has_errors());
  return p;
}

}  // namespace

TEST_CASE("every test policy's program is proven equal to its IR at each level") {
  std::size_t proofs = 0;
  for (const char* dir : {"test/policies", "test/golden/policies", "examples/policies"}) {
    for (const auto& entry : std::filesystem::directory_iterator(source_path(dir))) {
      if (entry.path().extension() != ".secco") continue;
      for (int level : {0, 2}) {
        INFO(entry.path().string(), " -O", level);
        Built b = build(read_file(entry.path().string()), level, false);
        REQUIRE_MESSAGE(b.program.has_value(), diagnostics(*b.c));
        Result r = semantics::prove_equal(b.c->module(), *b.program);
        CHECK(r.verdict == Result::Verdict::Proven);
        CHECK(r.stats.regions > 0);
        ++proofs;
      }
    }
  }
  CHECK(proofs >= 16);
}

TEST_CASE("a corrupted program is caught, with a counterexample the emulator confirms") {
  Built b = build(read_file(source_path("test/policies/basic.secco")), 2, false);
  REQUIRE(b.program.has_value());
  const bpf::Program& good = *b.program;
  namespace op = bpf::op;
  std::size_t mutants = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    const bpf::Insn& in = good[i];
    bpf::Program bad = good;
    if (op::cls(in.code) == op::JMP && op::jmp_op(in.code) != op::JA && in.jt != in.jf) {
      std::swap(bad[i].jt, bad[i].jf);  // one jump target changed
    } else if (op::cls(in.code) == op::RET && op::rval(in.code) == op::K) {
      bad[i].k = in.k ^ 0x00010000U;  // one constant changed: another action
    } else {
      continue;
    }
    INFO("mutated instruction ", i);
    Result r = semantics::prove_equal(good, bad);
    confirm_on_emulator(r, good, bad);
    Result vs_ir = semantics::prove_equal(b.c->module(), bad);
    CHECK(vs_ir.verdict == Result::Verdict::Differs);
    ++mutants;
  }
  CHECK(mutants >= 5);
}

TEST_CASE("BPF corners: return A, division by a zero X, shifts by X, scratch memory") {
  // ret A: the kernel reads the action bits; unknown ones mean kill_process, data only counts
  // for errno/trap/trace.
  bpf::Program ret_a = assemble("ld [0]\nret a\n");
  bpf::Program spelled = assemble(
      "ld [0]\n"
      "and #0xffff0000\n"
      "jeq #0x00050000, errno, kp\n"
      "kp: ret #0x80000000\n"
      "errno: ld [0]\n"
      "ret a\n");
  Result r = semantics::prove_equal(ret_a, spelled);
  CHECK(r.verdict == Result::Verdict::Differs);  // nr 0..0xffff is kill_thread in ret_a
  confirm_on_emulator(r, ret_a, spelled);

  // Division by X = 0 returns 0 (kill_thread), as the kernel's translation does.
  bpf::Program div = assemble("ld [16]\ntax\nld #100\ndiv x\nret #0x7fff0000\n");
  bpf::Program guarded = assemble("ld [16]\njeq #0, kill, allow\nkill: ret #0\nallow: ret #0x7fff0000\n");
  CHECK(semantics::prove_equal(div, guarded).verdict == Result::Verdict::Proven);

  // A shift by X uses X's low five bits.
  bpf::Program shift = assemble("ld [24]\ntax\nld #1\nlsh x\njeq #2, a, b\na: ret #0x7fff0000\nb: ret #0\n");
  bpf::Program masked = assemble("ld [24]\nand #31\njeq #1, a, b\na: ret #0x7fff0000\nb: ret #0\n");
  CHECK(semantics::prove_equal(shift, masked).verdict == Result::Verdict::Proven);
  bpf::Program unmasked = assemble("ld [24]\njeq #1, a, b\na: ret #0x7fff0000\nb: ret #0\n");
  Result rs = semantics::prove_equal(shift, unmasked);
  confirm_on_emulator(rs, shift, unmasked);

  // Scratch memory carries values across instructions.
  bpf::Program mem = assemble("ld [20]\nst M[3]\nld #0\nldx M[3]\ntxa\njeq #7, a, b\na: ret #0x7fff0000\nb: ret #0\n");
  bpf::Program direct = assemble("ld [20]\njeq #7, a, b\na: ret #0x7fff0000\nb: ret #0\n");
  CHECK(semantics::prove_equal(mem, direct).verdict == Result::Verdict::Proven);
}

TEST_CASE("language corners: 64-bit comparisons, run-time division by zero, shifts of 32 or more, x32") {
  struct Case {
    const char* a;
    const char* b;
    bool same;
  };
  const Case cases[] = {
      {"read: arg0 == 0x100000001", "read: argH0 == 1 && argL0 == 1", true},
      {"read: arg0 == 0x100000001", "read: argL0 == 1", false},
      {"read: 100 / argL0 == 5", "read: argL0 >= 17 && argL0 <= 20", true},  // argL0 == 0 kills in both
      {"read: 100 / argL0 != 5", "read: argL0 < 17 || argL0 > 20", false},   // argL0 == 0: kill vs allow
      {"read: argL0 << argL1 == 0", "read: argL0 == 0 || argL1 >= 32 || (argL0 << argL1) == 0", true},
      {"read: argL0 + 0x100000000 == 1", "read: argL0 == 1", true},
      {"read: argL0 == 0x100000000", "read: false", true},
      {"DEFAULT_POLICY = allow\n", "DEFAULT_POLICY = allow\nread: 1", true},
      {"DEFAULT_POLICY = errno(1)\n", "DEFAULT_POLICY = errno(2)\n", false},
  };
  for (const Case& c : cases) {
    INFO(c.a, " vs ", c.b);
    Built a = build(c.a), b = build(c.b);
    REQUIRE_MESSAGE(a.program.has_value(), diagnostics(*a.c));
    REQUIRE_MESSAGE(b.program.has_value(), diagnostics(*b.c));
    Result ir = semantics::prove_equal(a.c->module(), b.c->module());
    Result bpf = semantics::prove_equal(*a.program, *b.program);
    CHECK((ir.verdict == Result::Verdict::Proven) == c.same);
    CHECK((bpf.verdict == Result::Verdict::Proven) == c.same);
    if (!c.same) confirm_on_emulator(bpf, *a.program, *b.program);
  }
  // x32 numbers take the x32 action, -1 the policy default: a program that forgets -1 differs.
  Built x = build("DEFAULT_POLICY = errno(1)\n");
  REQUIRE(x.program.has_value());
  bpf::Program no_minus_one = assemble(
      "ld [4]\njeq #0xc000003e, ok, bad\nok: ld [0]\njge #0x40000000, bad, dflt\ndflt: ret #0x50001\nbad: ret #0\n");
  Result rx = semantics::prove_equal(*x.program, no_minus_one);
  confirm_on_emulator(rx, *x.program, no_minus_one);
  CHECK(rx.counterexamples[0].input.nr == 0xffffffffU);
}

TEST_CASE("compiling with validation; --validate-passes proves every pass") {
  for (const auto& entry : std::filesystem::directory_iterator(source_path("test/policies"))) {
    if (entry.path().extension() != ".secco") continue;
    INFO(entry.path().string());
    api::Settings s;
    s.validate = true;
    s.validate_passes = true;
    api::Compilation c(s);
    c.add_text(entry.path().filename().string(), read_file(entry.path().string()));
    auto p = c.compile();
    REQUIRE_MESSAGE(p.has_value(), diagnostics(c));
    CHECK(c.validation_summary().find("regions") != std::string::npos);
  }
  api::Settings on;  // the default: proven
  api::Compilation d(on);
  d.add_text("p.secco", "read: 1\n");
  REQUIRE(d.compile().has_value());
  CHECK(d.validation_summary().find("regions") != std::string::npos);
  api::Settings off;  // --no-validate: no proof
  off.validate = false;
  api::Compilation c(off);
  c.add_text("p.secco", "read: 1\n");
  REQUIRE(c.compile().has_value());
  CHECK(c.validation_summary().empty());
}

namespace {

// decide_all's one walk over an arch interval's regions must give each region what a walk of
// its own (decide) gives: the same value, or the same (hash-consed) formula.
void check_one_walk(const bpf::Program& p, const std::vector<std::uint64_t>& extra_nr_cuts = {}) {
  semantics::Inputs in;
  semantics::BpfSemantics all(p), one(p);
  std::vector<std::uint64_t> nr_cuts = extra_nr_cuts, arch_cuts{0xc000003eULL, 0xc000003fULL};
  all.cuts(nr_cuts, arch_cuts);
  std::vector<semantics::Interval> nrs = semantics::intervals_from_cuts(nr_cuts);
  std::vector<semantics::Interval> arches = semantics::intervals_from_cuts(arch_cuts);
  std::vector<semantics::Decision> out;
  for (const semantics::Interval& arch : arches) {
    all.decide_all(arch, nrs, in, out);
    REQUIRE(out.size() == nrs.size());
    for (std::size_t i = 0; i < nrs.size(); ++i) {
      INFO("nr ", nrs[i].lo, "..", nrs[i].hi, " arch ", arch.lo, "..", arch.hi);
      semantics::Decision d = one.decide(semantics::Region{nrs[i], arch}, in);
      CHECK(d.value == out[i].value);
      CHECK(d.formula == out[i].formula);
    }
  }
}

}  // namespace

TEST_CASE("one walk for an arch interval's regions decides each as a walk of its own") {
  for (const char* dir : {"test/policies", "examples/policies"}) {
    for (const auto& entry : std::filesystem::directory_iterator(source_path(dir))) {
      if (entry.path().extension() != ".secco") continue;
      INFO(entry.path().string());
      Built b = build(read_file(entry.path().string()), 2, false);
      REQUIRE(b.program.has_value());
      check_one_walk(*b.program);
      check_one_walk(*b.program, {3, 100, 200, 1000});  // regions of more than one nr
    }
  }
  // nr used other than in a comparison with a constant: returned, in arithmetic, compared with
  // X or as X, kept in X and scratch memory across joins where other paths hold other values.
  for (const char* text : {
           "ld [0]\nret a\n",
           "ld [0]\nand #0xffff0000\njeq #0x00050000, e, k\nk: ret #0x80000000\ne: ld [0]\nret a\n",
           "ld [0]\njset #4, a, b\na: ret #0x7fff0000\nb: ret #0\n",
           "ld [0]\ntax\nld [16]\njgt x, a, b\na: ret #0x7fff0000\nb: ret #0\n",
           "ld [16]\ntax\nld [0]\njge x, a, b\na: ret #0x7fff0000\nb: ret #0\n",
           "ld [0]\ntax\nld #100\ndiv x\njeq #5, a, b\na: ret #0x7fff0000\nb: ret #0\n",
           "ld [0]\nst M[2]\nld [16]\njeq #1, one, two\none: ld #7\nst M[2]\ntwo: ld M[2]\n"
           "jeq #7, a, b\na: ret #0x7fff0000\nb: ret a\n",
           "ld [0]\njge #100, big, small\nbig: ld [16]\njeq #3, j, small\nsmall: ld [0]\ntax\nj: txa\n"
           "jgt #150, a, b\na: ret #0x7fff0000\nb: ret #0x00050001\n",
           "ld [0]\njeq #3, three, other\nthree: ld [16]\njeq #1, a, b\nother: jge #10, a, b\n"
           "a: ret #0x7fff0000\nb: ret #0\n",
       }) {
    INFO(text);
    bpf::Program p = assemble(text);
    check_one_walk(p);
    check_one_walk(p, {3, 5, 7, 100, 120, 200});
  }
}
