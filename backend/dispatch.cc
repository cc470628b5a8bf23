#include "backend/dispatch.h"

#include <limits>

namespace secco::backend {

std::vector<NrRange> merge_ranges(const std::vector<NrRange>& ranges) {
  std::vector<NrRange> out;
  for (const NrRange& r : ranges) {
    if (!out.empty() && out.back().outcome == r.outcome && out.back().last + 1 == r.first) {
      out.back().last = r.last;
    } else {
      out.push_back(r);
    }
  }
  return out;
}

namespace {

// Weight of a range: its profiled calls plus a small floor so unprofiled ranges still count.
std::vector<double> range_weights(const std::vector<NrRange>& ranges, const Profile* profile) {
  std::vector<double> w(ranges.size(), 1.0);
  if (profile == nullptr) return w;
  double total = 0;
  for (const auto& [nr, weight] : profile->weight) total += weight;
  double floor = total > 0 ? total * 1e-6 : 1.0;
  std::size_t i = 0;
  for (std::size_t r = 0; r < ranges.size(); ++r) w[r] = floor;
  for (const auto& [nr, weight] : profile->weight) {
    while (i < ranges.size() && ranges[i].last < nr) ++i;
    if (i < ranges.size() && ranges[i].first <= nr) w[i] += weight;
  }
  return w;
}

class TreeBuilder {
 public:
  TreeBuilder(CodeGen& gen, const std::vector<NrRange>& ranges, const std::vector<double>& w)
      : gen_(gen), ranges_(ranges), n_(ranges.size()) {
    prefix_.assign(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) prefix_[i + 1] = prefix_[i] + w[i];
  }

  // Optimal alphabetic tree by dynamic programming with Knuth's root bounds: O(n^2).
  Node optimal() {
    std::vector<std::vector<double>> cost(n_, std::vector<double>(n_, 0));
    root_.assign(n_, std::vector<std::size_t>(n_, 0));
    for (std::size_t i = 0; i < n_; ++i) root_[i][i] = i;
    for (std::size_t len = 2; len <= n_; ++len) {
      for (std::size_t i = 0; i + len - 1 < n_; ++i) {
        std::size_t j = i + len - 1;
        // The split k means: ranges i..k-1 on the left, k..j on the right (jge first(k)).
        std::size_t lo = len == 2 ? i + 1 : std::max(i + 1, root_[i][j - 1]);
        std::size_t hi = len == 2 ? j : std::min(j, root_[i + 1][j]);
        if (hi < lo) hi = lo;
        double best = std::numeric_limits<double>::infinity();
        std::size_t best_k = lo;
        for (std::size_t k = lo; k <= hi; ++k) {
          double c = cost[i][k - 1] + cost[k][j];
          if (c < best) {
            best = c;
            best_k = k;
          }
        }
        cost[i][j] = best + (prefix_[j + 1] - prefix_[i]);
        root_[i][j] = best_k;
      }
    }
    return emit(0, n_ - 1, true);
  }

  // Optimal among trees no deeper than `max_depth` comparisons (Larmore-Przytycka style DP over
  // depth budgets, O(depth * n^3)): the profile decides the shape, but a rare or unprofiled range
  // (x32 numbers, -1, unused calls) never sinks more than a level or two below a balanced tree.
  Node limited(unsigned max_depth) {
    const double inf = std::numeric_limits<double>::infinity();
    // cost[d][i][j]: best weighted depth of ranges i..j using at most d comparisons on any path.
    std::vector<std::vector<std::vector<double>>> cost(
        max_depth + 1, std::vector<std::vector<double>>(n_, std::vector<double>(n_, inf)));
    droot_.assign(max_depth + 1, std::vector<std::vector<std::size_t>>(n_, std::vector<std::size_t>(n_, 0)));
    for (unsigned d = 0; d <= max_depth; ++d) {
      for (std::size_t i = 0; i < n_; ++i) cost[d][i][i] = 0;
      if (d == 0) continue;
      for (std::size_t len = 2; len <= n_; ++len) {
        for (std::size_t i = 0; i + len - 1 < n_; ++i) {
          std::size_t j = i + len - 1;
          double best = inf;
          std::size_t best_k = i + 1;
          for (std::size_t k = i + 1; k <= j; ++k) {
            double c = cost[d - 1][i][k - 1] + cost[d - 1][k][j];
            if (c < best) {
              best = c;
              best_k = k;
            }
          }
          cost[d][i][j] = best + (prefix_[j + 1] - prefix_[i]);
          droot_[d][i][j] = best_k;
        }
      }
    }
    return emit_limited(0, n_ - 1, max_depth);
  }

  // Balanced by count.
  Node balanced() { return emit(0, n_ - 1, false); }

 private:
  Node emit(std::size_t i, std::size_t j, bool use_roots) {
    if (i == j) return ranges_[i].outcome;
    std::size_t k = use_roots ? root_[i][j] : i + (j - i + 1) / 2;
    Node left = emit(i, k - 1, use_roots);
    Node right = emit(k, j, use_roots);
    // jge #first(k): numbers >= first(k) go right.
    return gen_.branch(bpf::op::JMP | bpf::op::JGE | bpf::op::K, ranges_[k].first, right, left);
  }

  Node emit_limited(std::size_t i, std::size_t j, unsigned d) {
    if (i == j) return ranges_[i].outcome;
    std::size_t k = droot_[d][i][j];
    Node left = emit_limited(i, k - 1, d - 1);
    Node right = emit_limited(k, j, d - 1);
    return gen_.branch(bpf::op::JMP | bpf::op::JGE | bpf::op::K, ranges_[k].first, right, left);
  }

  CodeGen& gen_;
  const std::vector<NrRange>& ranges_;
  std::size_t n_;
  std::vector<double> prefix_;
  std::vector<std::vector<std::size_t>> root_;
  std::vector<std::vector<std::vector<std::size_t>>> droot_;  // limited(): split per depth budget
};

}  // namespace

// With a profile, the tree may be at most this many levels deeper than a balanced one.
constexpr unsigned kDepthSlack = 2;
// Above this many ranges the depth-limited DP (cubic) gives way to the unlimited one (quadratic).
constexpr std::size_t kLimitedMaxRanges = 160;

Node build_dispatch(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile) {
  std::vector<double> w = range_weights(ranges, profile);
  TreeBuilder tb(gen, ranges, w);
  if (profile != nullptr && ranges.size() <= kLimitedMaxRanges) {
    unsigned balanced_depth = 0;
    while ((std::size_t{1} << balanced_depth) < ranges.size()) ++balanced_depth;
    return tb.limited(balanced_depth + kDepthSlack);
  }
  if (profile != nullptr && ranges.size() <= 2048) return tb.optimal();
  return tb.balanced();
}

}  // namespace secco::backend
