// The dispatch DP's shortcuts (backend/dispatch.cc: only the root's cells in the top two depth
// budgets, cells copied from the budget below when nothing they read changed, the one-pass
// vectorised split search) must not change the tree: on random ranges (islands and wide ranges,
// a few outcomes) under random profiles (tied weights included, so that the first-best split rule
// is exercised), build_dispatch builds exactly the tree of build_dispatch_reference, the DP with
// every cell of every budget computed and every split tried one by one. CodeGen hash-conses its
// nodes, so two equal trees are one node.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "backend/codegen.h"
#include "backend/dispatch.h"
#include "backend/profile.h"

namespace {

using secco::backend::CodeGen;
using secco::backend::Node;
using secco::backend::NrRange;
using secco::backend::Profile;

// `count` ranges covering 0..2^32-1: mostly single numbers (islands), some wider; neighbours
// differ in outcome.
std::vector<NrRange> random_ranges(std::mt19937& rng, CodeGen& gen, std::size_t count, unsigned outcomes) {
  std::vector<Node> rets;
  for (unsigned o = 0; o < outcomes; ++o) rets.push_back(gen.ret(0x50000U + o));
  std::vector<NrRange> ranges;
  std::uint32_t next = 0;
  unsigned prev = outcomes;
  for (std::size_t r = 0; r < count; ++r) {
    unsigned o = static_cast<unsigned>(rng() % outcomes);
    if (o == prev) o = (o + 1) % outcomes;
    prev = o;
    std::uint32_t width = rng() % 3 == 0 ? 1 + rng() % 12 : 1;
    std::uint32_t last = r + 1 == count ? 0xffffffffU : next + width - 1;
    ranges.push_back({next, last, rets[o]});
    next = last + 1;
  }
  return ranges;
}

Profile random_profile(std::mt19937& rng, std::uint32_t numbers) {
  Profile p;
  const unsigned style = rng() % 4;
  for (std::uint32_t nr = 0; nr < numbers; ++nr) {
    if (rng() % 3 == 0) continue;
    double w = 0;
    switch (style) {
      case 0:
        w = static_cast<double>(1 + rng() % 4);
        break;  // many ties
      case 1:
        w = std::uniform_real_distribution<double>(0, 1000)(rng);
        break;
      case 2:
        w = std::exponential_distribution<double>(0.001)(rng);
        break;
      default:
        w = rng() % 10 == 0 ? 1e6 : 1.0;
        break;  // a few hot calls
    }
    p.weight[nr] = w;
  }
  return p;
}

void check_same_tree(std::mt19937& rng, std::size_t count) {
  CodeGen gen;
  const unsigned outcomes = 2 + static_cast<unsigned>(rng() % 3);
  std::vector<NrRange> ranges = secco::backend::merge_ranges(random_ranges(rng, gen, count, outcomes));
  const Profile profile = random_profile(rng, ranges.back().first);
  const Node fast = secco::backend::build_dispatch(gen, ranges, &profile);
  const Node reference = secco::backend::build_dispatch_reference(gen, ranges, &profile);
  CHECK_MESSAGE(fast == reference, "ranges: " << ranges.size());
}

}  // namespace

TEST_CASE("the dispatch DP's shortcuts pick the reference DP's tree") {
  std::mt19937 rng(20261201);
  for (int trial = 0; trial < 400; ++trial) check_same_tree(rng, 3 + rng() % 126);
  // Above kFullScan (the root bounds) and at the sizes where the depth budget changes.
  for (std::size_t count : {4u, 5u, 8u, 9u, 16u, 17u, 32u, 33u, 64u, 65u, 127u, 128u, 129u, 130u, 200u})
    check_same_tree(rng, count);
}
