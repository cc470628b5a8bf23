// One side of an equivalence query: something that decides an action for every input (a
// classic-BPF program, an IR module). The engine asks each side where its decision may change
// with nr or arch (cuts), then asks for its decision on each region between cuts.
#pragma once

#include <cstdint>
#include <vector>

#include "semantics/inputs.h"

namespace secco::semantics {

class Side {
 public:
  virtual ~Side() = default;
  // Values where an interval of nr (or arch) starts in which the side's control flow may differ
  // from its neighbours'. More cuts than needed only cost time; fewer are still sound (the
  // solver then sees nr or arch as a variable), only slower.
  virtual void cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const = 0;
  // The decision for every input in `region` (a formula may mention nr and arch; the caller
  // constrains them to the region).
  virtual Decision decide(const Region& region, Inputs& in) = 0;
  // The decisions on the regions `nrs` (sorted, disjoint) × `arch`, in order: those decide()
  // gives one by one, which is what this default does.
  virtual void decide_all(const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
                          std::vector<Decision>& out) {
    out.clear();
    for (const Interval& nr : nrs) out.push_back(decide(Region{nr, arch}, in));
  }
};

}  // namespace secco::semantics
