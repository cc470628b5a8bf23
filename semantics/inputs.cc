#include "semantics/inputs.h"

#include <algorithm>

namespace secco::semantics {

Inputs::Inputs() : nr(terms.var(kNr)), arch(terms.var(kArch)), ip(terms.var(kIp)) {
  for (int i = 0; i < 6; ++i) args.push_back(terms.var(static_cast<Var>(kArg0 + i)));
}

std::vector<Interval> intervals_from_cuts(std::vector<std::uint64_t> cuts) {
  cuts.push_back(0);
  cuts.push_back(0x100000000ULL);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<Interval> out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (cuts[i] > 0xffffffffULL) break;
    out.push_back({static_cast<std::uint32_t>(cuts[i]), static_cast<std::uint32_t>(cuts[i + 1] - 1)});
  }
  return out;
}

}  // namespace secco::semantics
