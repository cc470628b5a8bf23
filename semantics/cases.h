// Deciding a query without the solver, case by case. When every input word (a 32-bit half of
// instruction_pointer or of an argument) is read only in comparisons of the word, or of the word
// under a constant mask, against constants, each word's values fall into a few classes on which
// every such comparison has one outcome (the intervals between the constants; the values a
// masked word can equal; or every value of the few bits the masks keep). One value per class,
// for every combination of words, then covers every input exactly: the query holds for some
// input iff it holds for one of these. Anything else (arithmetic on a word, two words compared,
// nr or arch left symbolic, too many cases) is left to the solver.
#pragma once

#include <cstddef>
#include <optional>

#include "semantics/inputs.h"
#include "semantics/term.h"
#include "support/seccomp_data.h"

namespace secco::semantics {

enum class CaseAnswer { Holds, Never, Unsupported };

// Whether some input of `region` makes the boolean `cond` true; on Holds, `witness` is one.
// Tries at most `budget` combinations.
CaseAnswer decide_by_cases(const TermStore& store, TermId cond, const Region& region, SeccompData& witness,
                           std::size_t budget = 4096);

}  // namespace secco::semantics
