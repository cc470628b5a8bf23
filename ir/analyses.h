// Facts about one function's values that passes ask for: which values are live, which may trap,
// the known bits and range of each value, how often each is used, and what each costs in BPF
// instructions. Each is computed from scratch by a function here; passes get them cached from
// passes::AnalysisManager (passes/analysis_manager.h).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/function.h"

namespace secco::ir {

// Values used by reachable terminators, transitively, each after its operands.
struct Liveness {
  std::vector<ValueId> order;
  std::vector<std::uint8_t> live;  // by value id
  bool operator==(const Liveness& o) const { return order == o.order && live == o.live; }
};
Liveness compute_liveness(const Function& f);

// Whether evaluating each value may stop the filter (a run-time division or modulo whose divisor
// is not a non-zero constant, or anything that evaluates one).
struct MayTrap {
  std::vector<std::uint8_t> trap;  // by value id
  bool operator==(const MayTrap& o) const { return trap == o.trap; }
};
MayTrap compute_may_trap(const Function& f);

// What is known of a value at run time: bits known to be 0 or 1 and an inclusive unsigned range
// of its mathematical value (a u32 is within [0, 2^32-1], a bool within [0, 1]).
struct ValueFacts {
  std::uint64_t zeros = 0;
  std::uint64_t ones = 0;
  std::uint64_t min = 0;
  std::uint64_t max = ~0ULL;
  bool operator==(const ValueFacts& o) const {
    return zeros == o.zeros && ones == o.ones && min == o.min && max == o.max;
  }
  bool exact() const { return min == max; }
};
struct KnownBits {
  std::vector<ValueFacts> facts;  // by value id
  bool operator==(const KnownBits& o) const { return facts == o.facts; }
};
KnownBits compute_known_bits(const Function& f);

// How many times each value is an operand of a live value or a terminator's condition.
struct UseCounts {
  std::vector<std::uint32_t> uses;  // by value id
  bool operator==(const UseCounts& o) const { return uses == o.uses; }
};
UseCounts compute_use_counts(const Function& f);

// An estimate of the BPF instructions that compute each value on its own, operands included (a
// constant is an immediate: 0; a 32-bit load: 1; an operation: 1, plus 2 to spill a run-time
// right operand; a run-time modulo: 3 more, as seccomp has no BPF_MOD). The backend may share
// loads, so this is an upper bound for one value, useful to compare rewrites.
struct Cost {
  std::vector<std::uint32_t> instructions;  // by value id
  bool operator==(const Cost& o) const { return instructions == o.instructions; }
};
Cost compute_cost(const Function& f);

}  // namespace secco::ir
