#include "semantics/prover.h"

#include <algorithm>
#include <chrono>

#include "semantics/cases.h"

namespace secco::semantics {

Prover::Prover(Inputs& in, unsigned timeout_ms, unsigned budget_ms)
    : in_(in), timeout_ms_(timeout_ms), budget_ms_(budget_ms), solver_(in.terms) {}
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
  return solver_.check(region, {cond}, timeout, witness);
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
