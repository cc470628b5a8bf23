// explain's conditions as terms over the inputs (term.h), so that `secco diff` can shorten a
// region's condition and have the solver confirm the shorter one is still exactly the region.
#pragma once

#include <optional>

#include "semantics/explain_cond.h"
#include "semantics/inputs.h"

namespace secco::semantics {

// The condition as a boolean term, with the meaning its text has (32-bit wrapping terms, shift
// counts masked to 5 bits as BPF does, words named as on a little-endian ABI). nullopt for a
// condition with a division: a run-time division by zero ends the program, which the condition
// alone does not say.
std::optional<TermId> cond_formula(const CondPtr& c, Inputs& in);
// A term as a 32-bit bit-vector (nullopt with a division).
std::optional<TermId> term_formula(const TermPtr& t, Inputs& in);

}  // namespace secco::semantics
