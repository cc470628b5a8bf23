// How the kernel reads a filter's 32-bit return value (kernel/seccomp.c), written here on its own
// so that the semantic engine does not borrow the decision code of the stages it judges. Two
// return values are the same decision when their canonical forms are equal: the action bits
// pick the action (unknown bits mean kill_process), and the 16 data bits count only for the
// actions that carry data (errno, trap, trace).
#pragma once

#include <cstdint>

#include "semantics/term.h"

namespace secco::semantics {

// The canonical return value of `ret`.
std::uint32_t canonical_action(std::uint32_t ret);
// The same as a formula over a 32-bit bit-vector.
TermId canonical_action(TermStore& s, TermId ret);

}  // namespace secco::semantics
