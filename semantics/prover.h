// One question to the engine: does some input of a region make a condition true? Settled case
// by case when the condition allows it (cases.h), else by the solver module (solver.h) — which
// is only loaded, and its context made, on the first query that needs it.
#pragma once

#include <cstddef>

#include "semantics/inputs.h"
#include "semantics/solver.h"
#include "semantics/term.h"
#include "support/seccomp_data.h"

namespace secco::semantics {

class Prover {
 public:
  // `timeout_ms` per solver query; `budget_ms` for all of them (0: no limit), after which a query
  // that needs the solver is answered Unknown.
  Prover(Inputs& in, unsigned timeout_ms, unsigned budget_ms = 0);
  ~Prover();
  Prover(const Prover&) = delete;
  Prover& operator=(const Prover&) = delete;

  // On Sat, `witness` is an input of the region that makes `cond` true.
  Answer exists(const Region& region, TermId cond, SeccompData& witness);
  // The value of a term on one input.
  std::uint64_t eval(TermId t, const SeccompData& input) const;

  std::size_t by_cases = 0;      // queries settled without the solver
  std::size_t solver_calls = 0;  // queries sent to the solver

 private:
  Inputs& in_;
  unsigned timeout_ms_, budget_ms_;
  double spent_ms_ = 0;
  SolverSession solver_;
};

}  // namespace secco::semantics
