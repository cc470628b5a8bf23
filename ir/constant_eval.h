// Compile-time arithmetic of the language: unsigned 64-bit, wrapping (spec §5), and its 32-bit
// run-time counterpart. Shared by the passes that fold constants and resolve action names.
#pragma once

#include <cstdint>
#include <optional>

#include "ir/function.h"

namespace secco::ir {

// a OP b in `width` bits (32 or 64); nullopt for division or modulo by zero. Shifts by the width
// or more give 0. For BitNot, b is ignored.
std::optional<std::uint64_t> fold_arith(Opcode op, std::uint64_t a, std::uint64_t b, unsigned width);
// The outcome of a comparison of two 64-bit values.
bool fold_compare(Opcode op, std::uint64_t a, std::uint64_t b);
// The value of `v` if it is a constant expression (constants and arithmetic on them).
std::optional<std::uint64_t> evaluate_constant(const Function& f, ValueId v);

}  // namespace secco::ir
