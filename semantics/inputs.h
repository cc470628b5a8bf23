// The input of a filter as terms (term.h), and the pieces of the input space the engine
// splits a query into: one interval of system call numbers and one interval of arch values.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "semantics/term.h"

namespace secco::semantics {

// The fields of struct seccomp_data as bit-vectors: nr and arch 32 bits, the rest 64; and the
// store every formula over them is made in.
struct Inputs {
  Inputs();
  Inputs(const Inputs&) = delete;
  Inputs& operator=(const Inputs&) = delete;
  TermStore terms;
  TermId nr, arch, ip;
  std::vector<TermId> args;  // six
};

struct Interval {
  std::uint32_t lo = 0, hi = 0;  // inclusive
  bool point() const { return lo == hi; }
  bool contains(std::uint32_t v) const { return lo <= v && v <= hi; }
};

// One query: every input whose nr and arch lie in these intervals.
struct Region {
  Interval nr, arch;
};

// What a side decides on a region: one canonical return value, or a formula over the inputs
// (a 32-bit bit-vector term, already canonical).
struct Decision {
  std::optional<std::uint32_t> value;
  std::optional<TermId> formula;
  bool reads_input() const { return !value.has_value(); }
};

// Cuts [0, 2^32) at the given points (an interval starts at each one) into sorted intervals.
std::vector<Interval> intervals_from_cuts(std::vector<std::uint64_t> cuts);

}  // namespace secco::semantics
