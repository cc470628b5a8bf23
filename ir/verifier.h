// The IR verifier. Invariants, checked according to how far the module has been lowered:
//  1. Values: operands name earlier values (the value table is in definition order, so every use
//     is dominated by its definition); each opcode has its operand count.
//  2. Control flow: every reachable block ends in a terminator; branch targets exist; the CFG is
//     acyclic; rules end in `return`, definitions in `yield`.
//  3. After unify: no ref, call or param; every action is concrete.
//  4. After typecheck: every value has the type its opcode gives its operands' types.
//  5. After split64: comparisons are 32-bit (u32 against u32 or a constant below 2^32), no in/notin.
//  6. After lower-branches: branch conditions are comparisons or boolean constants; one rule per
//     system call number.
//  7. The stage flags are consistent: typed, split and branchy need expanded; split and branchy
//     need typed.
// All violations are collected; each names the rule, the value and the invariant.
#pragma once

#include <string>
#include <vector>

#include "ir/module.h"

namespace secco::ir {

std::vector<std::string> verify(const Module& m);

}  // namespace secco::ir
