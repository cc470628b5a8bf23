// Deciding queries case by case (semantics/cases.h) without the solver: every answer checked
// against Z3 on the same term, witnesses checked by evaluation; what falls outside the class is
// left to the solver; and the compile driver's budget reports "not proven", never proven.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <sstream>

#include "api/compilation.h"
#include "semantics/cases.h"
#include "semantics/equivalence.h"
#include "semantics/prover.h"
#include "semantics/solver.h"

using namespace secco;
using namespace secco::semantics;

namespace {

std::uint64_t eval(const TermStore& s, TermId t, const SeccompData& d) {
  std::uint64_t input[kVarCount] = {d.nr, d.arch, d.instruction_pointer};
  for (std::size_t i = 0; i < 6; ++i) input[kArg0 + i] = d.args[i];
  Evaluator ev(s);
  ev.prepare({t});
  ev.evaluate(input);
  return ev.value(t);
}

const Region kAll{{0, 0xffffffffU}, {0, 0xffffffffU}};

// A random test's comparison: v == k, v < k or k <= v (unsigned), as `choice` % 3 says.
TermId comparison(TermStore& s, std::uint64_t choice, TermId v, TermId k) {
  switch (choice % 3) {
    case 0:
      return s.binary(Op::Eq, v, k);
    case 1:
      return s.binary(Op::Ult, v, k);
    default:
      return s.binary(Op::Ule, k, v);
  }
}

// Z3's answer on the same term (through the solver module), without the case analysis.
bool z3_sat(const TermStore& s, TermId cond) {
  SolverSession solver(s);
  SeccompData model;
  Answer a = solver.check(kAll, {cond}, 0, model);
  REQUIRE(a != Answer::Unknown);
  return a == Answer::Sat;
}

}  // namespace

TEST_CASE("case by case: an off-by-one comparison is found at the boundary") {
  Inputs in;
  TermStore& s = in.terms;
  TermId w = s.zext(s.low(in.args[0]));
  TermId lt = s.binary(Op::Ult, w, s.constant(5, 64)), le = s.binary(Op::Ule, w, s.constant(5, 64));
  SeccompData witness;
  REQUIRE(decide_by_cases(s, s.ne(lt, le), kAll, witness) == CaseAnswer::Holds);
  CHECK((witness.args[0] & 0xffffffffU) == 5);
  CHECK(decide_by_cases(s, s.ne(lt, s.lnot(s.uge(w, s.constant(5, 64)))), kAll, witness) == CaseAnswer::Never);
}

TEST_CASE("case by case: masked words and 64-bit comparisons split into halves") {
  Inputs in;
  TermStore& s = in.terms;
  // (arg1 & 0xf0) == 0x10 against the same or (arg1 & 0xf0) == 0x20: differ where the bits are 0x20.
  TermId m = s.binary(Op::And, in.args[1], s.constant(0xf0, 64));
  TermId masked = s.binary(Op::Eq, m, s.constant(0x10, 64));
  TermId or20 = s.binary(Op::LOr, masked, s.binary(Op::Eq, m, s.constant(0x20, 64)));
  SeccompData witness;
  REQUIRE(decide_by_cases(s, s.ne(masked, or20), kAll, witness) == CaseAnswer::Holds);
  CHECK((witness.args[1] & 0xf0) == 0x20);
  // A word also compared unmasked is left to the solver.
  TermId or7 = s.binary(Op::LOr, masked, s.binary(Op::Eq, in.args[1], s.constant(7, 64)));
  CHECK(decide_by_cases(s, s.ne(masked, or7), kAll, witness) == CaseAnswer::Unsupported);
  // arg2 < 0x100000005 as one 64-bit comparison, against the halves the backend emits.
  TermId full = s.binary(Op::Ult, in.args[2], s.constant(0x100000005ULL, 64));
  TermId hi = s.high(in.args[2]), lo = s.low(in.args[2]);
  TermId halves =
      s.binary(Op::LOr, s.binary(Op::Ult, hi, s.constant(1, 32)),
               s.binary(Op::LAnd, s.binary(Op::Eq, hi, s.constant(1, 32)), s.binary(Op::Ult, lo, s.constant(5, 32))));
  CHECK(decide_by_cases(s, s.ne(full, halves), kAll, witness) == CaseAnswer::Never);
  TermId wrong =
      s.binary(Op::LOr, s.binary(Op::Ult, hi, s.constant(1, 32)),
               s.binary(Op::LAnd, s.binary(Op::Eq, hi, s.constant(1, 32)), s.binary(Op::Ule, lo, s.constant(5, 32))));
  REQUIRE(decide_by_cases(s, s.ne(full, wrong), kAll, witness) == CaseAnswer::Holds);
  CHECK(witness.args[2] == 0x100000005ULL);
}

TEST_CASE("case by case: arithmetic on a word, or two words compared, is left to the solver") {
  Inputs in;
  TermStore& s = in.terms;
  TermId w = s.low(in.args[0]);
  SeccompData witness;
  TermId sum = s.binary(Op::Eq, s.binary(Op::Add, w, s.constant(1, 32)), s.constant(3, 32));
  CHECK(decide_by_cases(s, sum, kAll, witness) == CaseAnswer::Unsupported);
  TermId two = s.binary(Op::Eq, w, s.low(in.args[1]));
  CHECK(decide_by_cases(s, two, kAll, witness) == CaseAnswer::Unsupported);
  CHECK(decide_by_cases(s, s.binary(Op::Eq, in.nr, s.constant(3, 32)), kAll, witness) == CaseAnswer::Unsupported);
  // The prover then asks Z3, and the model is a real witness.
  Prover p(in, 10000);
  REQUIRE(p.exists(kAll, sum, witness) == Answer::Sat);
  CHECK(p.solver_calls == 1);
  CHECK((witness.args[0] & 0xffffffffU) == 2);
}

TEST_CASE("case by case agrees with Z3 on random comparisons of masked words") {
  std::mt19937_64 rng(7);
  auto pick = [&](std::initializer_list<std::uint64_t> xs) { return *(xs.begin() + rng() % xs.size()); };
  std::size_t decided = 0;
  for (int round = 0; round < 200; ++round) {
    Inputs in;
    TermStore& s = in.terms;
    auto atom = [&]() {
      TermId v = pick({0, 1}) ? s.zext(s.low(in.args[rng() % 2])) : in.args[rng() % 2];
      const unsigned width = s.width(v);
      if (rng() % 3 == 0) v = s.binary(Op::And, v, s.constant(pick({0xf0, 0x3, 0x100000001ULL, 0xff00ff}), width));
      TermId k = s.constant(pick({0, 1, 2, 0x10, 0xff, 0x100000000ULL, 0x100000001ULL, 0xffffffffULL}), width);
      return comparison(s, rng(), v, k);
    };
    TermId cond = atom();
    for (int i = 0; i < 3; ++i) {
      TermId a = atom();
      cond = rng() % 2 ? s.binary(Op::LAnd, cond, rng() % 2 ? a : s.lnot(a)) : s.binary(Op::LOr, cond, a);
    }
    SeccompData witness;
    CaseAnswer answer = decide_by_cases(s, cond, kAll, witness);
    if (answer == CaseAnswer::Unsupported) continue;
    ++decided;
    CHECK((answer == CaseAnswer::Holds) == z3_sat(s, cond));
    if (answer == CaseAnswer::Holds) CHECK(eval(s, cond, witness) == 1);
  }
  CHECK(decided >= 60);  // the others mix masks on one word: left to the solver
}

TEST_CASE("a validated compile of argument rules needs no solver call") {
  api::Settings st;
  api::Compilation c(st);
  c.add_text("p.secco",
             "DEFAULT_POLICY = errno(1)\n"
             "clone: (argL0 & 0x10000000) == 0\n"
             "socket: in(arg0, 1, 2, 10) && argL1 & 0xf == 1\n"
             "openat: argL2 & 3 == 0\n"
             "mmap: arg3 > 0x100000000 || argL1 <= 4096\n");
  auto program = c.compile();
  REQUIRE(program.has_value());
  auto modules = c.modules();
  Result r = prove_equal(modules, *program);
  CHECK(r.verdict == Result::Verdict::Proven);
  CHECK(r.stats.solver_calls == 0);
  CHECK(r.stats.by_cases >= 4);
}

TEST_CASE("a solver that runs out of time gives 'not proven', an error with -Werror, never proven") {
  const char* policy = "read: (argL0 * argL1) % (argL2 + 3) == argL3 * 7 + argL4 % 5\n";
  api::Settings st;
  st.validate_timeout_ms = 1;
  st.validate_budget_ms = 1;
  {
    api::Compilation c(st);
    c.add_text("p.secco", policy);
    REQUIRE(c.compile().has_value());
    std::ostringstream os;
    c.render_diagnostics(os);
    CHECK(os.str().find("not proven equal") != std::string::npos);
    CHECK(os.str().find("-Wnot-proven") != std::string::npos);
  }
  st.warnings_as_errors = true;
  api::Compilation c(st);
  c.add_text("p.secco", policy);
  CHECK_FALSE(c.compile().has_value());
}

// The search fixes one word at a time and skips the combinations of the others once a
// three-valued evaluation decides the condition (false && _, an ite whose arms agree, x & 0):
// a decision reached that way that were wrong would hide a difference. Random conditions over
// several words, with ite, masks and connectives, checked against Z3 (and witnesses by evaluation).
TEST_CASE("case by case: skipping decided combinations never hides one that holds") {
  std::mt19937_64 rng(13);
  auto pick = [&](std::initializer_list<std::uint64_t> xs) { return *(xs.begin() + rng() % xs.size()); };
  std::size_t decided = 0, holds = 0;
  for (int round = 0; round < 300; ++round) {
    Inputs in;
    TermStore& s = in.terms;
    auto word = [&](unsigned arg) {
      switch (rng() % 3) {
        case 0:
          return s.zext(s.low(in.args[arg]));
        case 1:
          return s.zext(s.high(in.args[arg]));
        default:
          return in.args[arg];
      }
    };
    auto atom = [&]() {
      TermId v = word(static_cast<unsigned>(rng() % 3));
      TermId k = s.constant(pick({0, 1, 2, 5, 0xff, 0x100000000ULL, 0xffffffffULL}), 64);
      return comparison(s, rng(), v, k);
    };
    auto action = [&]() { return s.constant(pick({0, 0x7fff0000, 0x50001}), 32); };
    // Two decision trees of a few levels, compared.
    std::function<TermId(int)> tree = [&](int depth) -> TermId {
      if (depth == 0 || rng() % 4 == 0) return action();
      TermId c = atom();
      if (rng() % 2) c = s.binary(rng() % 2 ? Op::LAnd : Op::LOr, c, atom());
      return s.ite(c, tree(depth - 1), tree(depth - 1));
    };
    TermId a = tree(4), b = tree(4);
    TermId cond = s.ne(a, b);
    if (s.is_const(cond)) continue;
    SeccompData witness;
    CaseAnswer answer = decide_by_cases(s, cond, kAll, witness);
    if (answer == CaseAnswer::Unsupported) continue;
    ++decided;
    const bool sat = z3_sat(s, cond);
    CHECK((answer == CaseAnswer::Holds) == sat);
    if (answer == CaseAnswer::Holds) {
      ++holds;
      CHECK(eval(s, cond, witness) == 1);
    }
  }
  CHECK(decided >= 100);
  CHECK(holds >= 30);
}
