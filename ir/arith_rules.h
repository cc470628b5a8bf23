// The rules of the language's arithmetic that the compiler applies in more than one place (spec
// §5-6), each written once here for the passes and the backend. The reference interpreter
// (ir/interpreter.cc) states them again on its own on purpose: it is the oracle they are tested
// against.
#pragma once

#include <cstdint>
#include <optional>

#include "ir/opcode.h"

namespace secco::ir {

inline constexpr std::uint64_t kWordMask = 0xffffffffULL;

// A constant taking part in 32-bit run-time arithmetic is used modulo 2^32.
constexpr std::uint32_t as_word(std::uint64_t k) {
  return static_cast<std::uint32_t>(k & kWordMask);
}

// A shift by the operand's width (32 at run time, 64 at compile time) or more gives 0.
constexpr bool shift_gives_zero(std::uint64_t amount, unsigned width) {
  return amount >= width;
}

// A run-time division or modulo by a constant that is 0 modulo 2^32 always traps: the filter
// returns kill_thread (spec §6).
constexpr bool word_divisor_traps(std::uint64_t k) {
  return as_word(k) == 0;
}

// log2(k mod 2^32) when that is a power of two: then, in 32 bits, x * k = x << n, x / k = x >> n
// and x % k = x & (k - 1).
inline std::optional<unsigned> word_power_of_two(std::uint64_t k) {
  std::uint32_t w = as_word(k);
  if (w == 0 || (w & (w - 1)) != 0) return std::nullopt;
  unsigned n = 0;
  while ((w >>= 1) != 0) ++n;
  return n;
}

// The outcome of `x OP k` for a 32-bit x and a constant k of 2^32 or more: x is compared
// mathematically, so it is below k. nullopt when k fits in 32 bits or for Test (`&?` uses bits).
inline std::optional<bool> word_vs_wide_constant(Opcode op, std::uint64_t k) {
  if (k <= kWordMask || op == Opcode::Test) return std::nullopt;
  return op == Opcode::Ne || op == Opcode::Lt || op == Opcode::Le;
}

}  // namespace secco::ir
