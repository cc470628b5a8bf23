#include "semantics/prover.h"

#include <algorithm>
#include <chrono>

#include "semantics/cases.h"
#include "semantics/solver_context.h"
#include "semantics/z3_terms.h"

namespace secco::semantics {

Prover::Prover(Inputs& in, unsigned timeout_ms, unsigned budget_ms)
    : in_(in), timeout_ms_(timeout_ms), budget_ms_(budget_ms) {}
Prover::~Prover() = default;

Answer Prover::exists(const Region& region, TermId cond, SeccompData& witness) {
  switch (decide_by_cases(in_.terms, cond, region, witness)) {
    case CaseAnswer::Holds:
      ++by_cases;
      return Answer::Sat;
    case CaseAnswer::Never:
      ++by_cases;
      return Answer::Unsat;
    case CaseAnswer::Unsupported:
      break;
  }
  unsigned timeout = timeout_ms_;
  if (budget_ms_ != 0) {
    if (spent_ms_ >= budget_ms_) return Answer::Unknown;
    timeout = std::min(timeout, static_cast<unsigned>(budget_ms_ - spent_ms_) + 1);
  }
  ++solver_calls;
  const auto start = std::chrono::steady_clock::now();
  struct Clock {  // counts the query's time against the budget, however it ends
    double& spent;
    std::chrono::steady_clock::time_point start;
    ~Clock() { spent += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(); }
  } clock{spent_ms_, start};
  if (!context_) {
    context_ = std::make_unique<SolverContext>();
    z3_ = std::make_unique<Z3Terms>(context_->get(), in_.terms);
  }
  z3::context& c = context_->get();
  z3::params p(c);
  p.set("timeout", timeout);
  // A fresh solver per query keeps Z3 on its bit-blasting QF_BV tactic (push/pop would put it in
  // the slower incremental mode).
  z3::solver solver(c, "QF_BV");
  solver.set(p);
  z3::expr nr = z3_->var(kNr), arch = z3_->var(kArch);
  solver.add(z3::uge(nr, c.bv_val(region.nr.lo, 32)) && z3::ule(nr, c.bv_val(region.nr.hi, 32)));
  solver.add(z3::uge(arch, c.bv_val(region.arch.lo, 32)) && z3::ule(arch, c.bv_val(region.arch.hi, 32)));
  solver.add(z3_->expr(cond));
  switch (solver.check()) {
    case z3::unsat:
      return Answer::Unsat;
    case z3::unknown:
      return Answer::Unknown;
    case z3::sat:
      break;
  }
  z3::model m = solver.get_model();
  auto value = [&](Var v) { return m.eval(z3_->var(v), true).get_numeral_uint64(); };
  witness.nr = static_cast<std::uint32_t>(value(kNr));
  witness.arch = static_cast<std::uint32_t>(value(kArch));
  witness.instruction_pointer = value(kIp);
  for (std::size_t i = 0; i < 6; ++i) witness.args[i] = value(static_cast<Var>(kArg0 + i));
  return Answer::Sat;
}

std::uint64_t Prover::eval(TermId t, const SeccompData& d) const {
  std::uint64_t input[kVarCount] = {d.nr, d.arch, d.instruction_pointer};
  for (std::size_t i = 0; i < 6; ++i) input[kArg0 + i] = d.args[i];
  Evaluator ev(in_.terms);
  ev.prepare({t});
  ev.evaluate(input);
  return ev.value(t);
}

}  // namespace secco::semantics
