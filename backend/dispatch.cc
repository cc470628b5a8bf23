#include "backend/dispatch.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>

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

// Weight of a range: its profiled calls, smoothed so that a range the profile under-weights (a call
// rare in the recorded workloads but hot elsewhere, x32, -1) still counts: every range gets a floor
// of kFloorShare of the total, and the depth limit below bounds the rest.
constexpr double kFloorShare = 1e-4;

std::vector<double> range_weights(const std::vector<NrRange>& ranges, const Profile* profile) {
  std::vector<double> w(ranges.size(), 1.0);
  if (profile == nullptr) return w;
  double total = 0;
  for (const auto& [nr, weight] : profile->weight) total += weight;
  double floor = total > 0 ? total * kFloorShare : 1.0;
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

  // Optimal among trees no deeper than `max_depth` comparisons (a DP over depth budgets): the
  // profile decides the shape, but a rare or unprofiled range (x32 numbers, -1, unused calls) never
  // sinks more than a level or two below a balanced tree. The split search of each budget is
  // narrowed by Knuth's monotone root bounds of optimal alphabetic trees, with a full scan when
  // no split in the bounds fits the budget: O(depth * n^2) in practice.
  Node limited(unsigned max_depth) {
    const double inf = std::numeric_limits<double>::infinity();
    // cost of ranges i..j using at most d (this layer) or d-1 (prev) comparisons on any path.
    std::vector<double> prev(n_ * n_, inf), cur(n_ * n_, inf);
    // Only the cells a layer computes are read back (by emit_limited and the root bounds), so the
    // split table is left uninitialised; and a layer's buffer needs no reset: it last held layer
    // d-2, whose finite cells (spans <= 2^(d-2)) all lie among the ones layer d overwrites.
    droot_.reset(new std::uint16_t[std::size_t{max_depth + 1} * n_ * n_]);
    for (std::size_t i = 0; i < n_; ++i) prev[at(i, i)] = 0;
    for (unsigned d = 1; d <= max_depth; ++d) {
      for (std::size_t i = 0; i < n_; ++i) cur[at(i, i)] = 0;
      std::uint16_t* root = &droot_[d * n_ * n_];
      const std::size_t fits = d >= 63 ? n_ : std::min<std::size_t>(n_, std::size_t{1} << d);
      for (std::size_t len = 2; len <= fits; ++len) {
        for (std::size_t i = 0; i + len - 1 < n_; ++i) {
          std::size_t j = i + len - 1;
          auto scan = [&](std::size_t lo, std::size_t hi, double& best, std::size_t& best_k) {
            for (std::size_t k = lo; k <= hi; ++k) {
              double c = prev[at(i, k - 1)] + prev[at(k, j)];
              if (c < best) {
                best = c;
                best_k = k;
              }
            }
          };
          double best = inf;
          std::size_t best_k = i + 1;
          std::size_t lo = len == 2 ? i + 1 : std::max<std::size_t>(i + 1, root[at(i, j - 1)]);
          std::size_t hi = len == 2 ? j : std::min<std::size_t>(j, root[at(i + 1, j)]);
          if (lo <= hi) scan(lo, hi, best, best_k);
          if (best == inf) {
            // Only splits whose two sides fit d-1 levels (at most 2^(d-1) ranges each) can be
            // finite; the others cost inf and never win, so the scan skips them.
            const std::size_t half = d - 1 >= 63 ? n_ : std::min<std::size_t>(n_, std::size_t{1} << (d - 1));
            std::size_t from = std::max<std::size_t>(i + 1, j + 1 >= half ? j + 1 - half : 0);
            std::size_t to = std::min<std::size_t>(j, i + half);
            if (from <= to) scan(from, to, best, best_k);
          }
          cur[at(i, j)] = best + (prefix_[j + 1] - prefix_[i]);
          root[at(i, j)] = static_cast<std::uint16_t>(best_k);
        }
      }
      std::swap(prev, cur);
    }
    return emit_limited(0, n_ - 1, max_depth);
  }

  // Balanced by count.
  Node balanced() { return emit(0, n_ - 1); }

 private:
  std::size_t at(std::size_t i, std::size_t j) const { return i * n_ + j; }

  Node emit(std::size_t i, std::size_t j) {
    if (i == j) return ranges_[i].outcome;
    std::size_t k = i + (j - i + 1) / 2;
    Node left = emit(i, k - 1);
    Node right = emit(k, j);
    // jge #first(k): numbers >= first(k) go right.
    return gen_.branch(bpf::op::JMP | bpf::op::JGE | bpf::op::K, ranges_[k].first, right, left);
  }

  Node emit_limited(std::size_t i, std::size_t j, unsigned d) {
    if (i == j) return ranges_[i].outcome;
    std::size_t k = droot_[d * n_ * n_ + at(i, j)];
    Node left = emit_limited(i, k - 1, d - 1);
    Node right = emit_limited(k, j, d - 1);
    return gen_.branch(bpf::op::JMP | bpf::op::JGE | bpf::op::K, ranges_[k].first, right, left);
  }

  CodeGen& gen_;
  const std::vector<NrRange>& ranges_;
  std::size_t n_;
  std::vector<double> prefix_;
  std::unique_ptr<std::uint16_t[]> droot_;  // limited(): split per depth budget and range span
};

}  // namespace

// With a profile, the tree may be at most this many levels deeper than a balanced one, at every size.
constexpr unsigned kDepthSlack = 2;
constexpr std::size_t kMaxProfiled = 1024;

unsigned balanced_depth(std::size_t ranges) {
  unsigned depth = 0;
  while ((std::size_t{1} << depth) < ranges) ++depth;
  return depth;
}

Node build_dispatch(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile) {
  std::vector<double> w = range_weights(ranges, profile);
  TreeBuilder tb(gen, ranges, w);
  // The DP's tables grow with the square of the ranges; beyond kMaxProfiled a balanced tree.
  if (profile != nullptr && ranges.size() > 2 && ranges.size() <= kMaxProfiled)
    return tb.limited(balanced_depth(ranges.size()) + kDepthSlack);
  return tb.balanced();
}

}  // namespace secco::backend
