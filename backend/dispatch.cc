#include "backend/dispatch.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// What one instruction of the tree is worth in expected comparisons per call. 0.1 takes a `jeq`
// chain where it saves an instruction for at most a tenth of a comparison more per call: on the
// benchmark policies the programs are 15-25% shorter and execute within 5% of the profile's
// optimum (docs/benchmarks.md, sixth round); larger values buy little length for more execution.
constexpr double kLengthWeight = 0.1;

class TreeBuilder {
 public:
  TreeBuilder(CodeGen& gen, const std::vector<NrRange>& ranges, const std::vector<double>& w)
      : gen_(gen), ranges_(ranges), n_(ranges.size()), w_(w) {
    prefix_.assign(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) prefix_[i + 1] = prefix_[i] + w[i];
  }

  // Optimal among trees no deeper than `max_depth` comparisons (a DP over depth budgets): the
  // profile decides the shape, but a rare or unprofiled range (x32 numbers, -1, unused calls) never
  // sinks more than a level or two below a balanced tree. Up to kFullScan ranges every split that
  // fits the budget is scanned (O(depth * n^3) at worst); above, the split search of each budget
  // is narrowed by Knuth's monotone root bounds of optimal alphabetic trees, with a full scan when
  // no split in the bounds fits the budget: O(depth * n^2) in practice.
  //
  // The cost of a tree is its expected comparisons plus kLengthWeight per instruction. A tree of
  // `jge` alone has one comparison per boundary, so the term matters only for the other kind of
  // subtree: a span whose ranges are single numbers ("islands") in one background outcome is a
  // `jeq` chain, one comparison per island where `jge` needs two (allow-lists with scattered
  // gaps, deny-lists with scattered denials).
  //
  // `reference` turns the shortcuts off (every cell of every budget is computed, each split is
  // tried one by one, no cell is copied from the budget below): the same tree, slowly, for the
  // tests (build_dispatch_reference).
  Node limited(unsigned max_depth, bool reference = false) {
    const double inf = std::numeric_limits<double>::infinity();
    length_cost_ = kLengthWeight * prefix_[n_];
    max_chain_ = max_depth;
    // The chains depend on the span only: computed once for every layer.
    const std::size_t spans = 2 * max_chain_ + 2;
    chains_.assign(n_ * spans * 2, Sea{});
    for (std::size_t i = 0; i + 1 < n_; ++i)
      for (int c = 0; c < 2; ++c) island_chains(i, c, spans);
    // cost of ranges i..j using at most d (this layer) or d-1 (prev) comparisons on any path.
    // Without the root bounds every split is scanned: the same costs by end, then start (span i..j
    // at j * n + i), so that both sides of the splits of a span lie in order in memory.
    const bool by_end = n_ <= kFullScan;
    const std::size_t cells = n_ * n_;
    std::unique_ptr<double[]> tables(new double[(by_end ? 4 : 2) * cells]);
    double* prev = &tables[0];
    double* cur = &tables[cells];
    double* prev_by_end = by_end ? &tables[2 * cells] : nullptr;
    double* cur_by_end = by_end ? &tables[3 * cells] : nullptr;
    // The split scans of the full-scan DP read only cells that the layer below computed (the
    // splits whose two sides fit its budget); the root bounds and the reference DP also read
    // spans too long for the layer below, which must cost inf there.
    if (!by_end || reference) std::fill(&tables[0], &tables[0] + (by_end ? 4 : 2) * cells, inf);
    // Whether every span from the first range of a span to its last one and no further (kPrefixes)
    // and every span from one of its ranges to its last one (kSuffixes) cost the same in this
    // layer (cur) or the previous one (prev) as in the layer before (see below); spans of one range
    // always do.
    std::vector<std::uint8_t> same_prev(n_ * n_, 0), same_cur(n_ * n_, 0);
    // Only the cells a layer computes are read back (by emit_limited and the root bounds), so the
    // split table is left uninitialised; and a layer's buffer needs no reset: it last held layer
    // d-2, whose finite cells (spans of at most computed(d-2) ranges) all lie among the ones layer
    // d overwrites, so the cells the root bounds or the reference DP read beyond them stay inf.
    droot_.reset(new std::uint16_t[std::size_t{max_depth + 1} * n_ * n_]);
    for (std::size_t i = 0; i < n_; ++i) {
      prev[at(i, i)] = 0;
      if (by_end) prev_by_end[at(i, i)] = 0;
      same_prev[at(i, i)] = same_cur[at(i, i)] = kPrefixes | kSuffixes;
    }
    for (unsigned d = 1; d <= max_depth; ++d) {
      for (std::size_t i = 0; i < n_; ++i) cur[at(i, i)] = 0;
      if (by_end)
        for (std::size_t i = 0; i < n_; ++i) cur_by_end[at(i, i)] = 0;
      std::uint16_t* root = &droot_[d * n_ * n_];
      const std::uint16_t* root_prev = &droot_[(d - 1) * n_ * n_];
      const std::size_t fits = std::min(n_, computed(d));
      const std::size_t fits_prev = std::min(n_, computed(d - 1));
      // Only the root span reads the top budget, and only spans from the first range or to the
      // last one read the budget below it (the root's two sides): those two layers compute just
      // these cells ("rim"). Their other cells are stale (from the layer two budgets down), so no
      // cell there is copied from the layer below. Not with the root bounds, which read the
      // whole layer.
      const bool top = by_end && !reference && d == max_depth;
      const bool rim = by_end && !reference && d + 1 >= max_depth;
      for (std::size_t len = top ? n_ : 2; len <= fits; ++len) {
        const bool bounds = len > 2 && n_ > kFullScan;
        const std::size_t step = rim && len < n_ ? n_ - len : 1;
        for (std::size_t i = 0; i + len - 1 < n_; i += step) {
          std::size_t j = i + len - 1;
          const std::size_t ij = at(i, j), left = at(i, j - 1), right = at(i + 1, j);
          // A layer's cell repeats the previous layer's when everything it reads does: the
          // costs of the two sides of its splits (the spans of i..j-1 from i, the spans of i+1..j
          // to j), the root bounds and the chains it may take (those of at most d islands). The
          // choices then repeat too, ties included, so the cell is copied instead of searched;
          // most short spans settle a few layers below the top.
          if (!rim && !reference && len <= fits_prev && (same_prev[left] & kPrefixes) != 0 &&
              (same_prev[right] & kSuffixes) != 0 &&
              (!bounds || (((root[left] ^ root_prev[left]) | (root[right] ^ root_prev[right])) & kSplitMask) == 0) &&
              !chain_of(i, len, d)) {
            cur[ij] = prev[ij];
            if (by_end) cur_by_end[at(j, i)] = prev[ij];
            root[ij] = root_prev[ij];
            same_cur[ij] = static_cast<std::uint8_t>((same_cur[left] & kPrefixes) | (same_cur[right] & kSuffixes));
            continue;
          }
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
          std::size_t lo = i + 1, hi = j;
          if (bounds) {
            lo = std::max<std::size_t>(i + 1, root[left] & kSplitMask);
            hi = std::min<std::size_t>(j, root[right] & kSplitMask);
          }
          if (by_end) {
            // Only splits whose two sides fit d-1 levels can be finite (prev is inf beyond them).
            lo = std::max<std::size_t>(i + 1, j + 1 >= fits_prev ? j + 1 - fits_prev : 0);
            hi = std::min<std::size_t>(j, i + fits_prev);
            if (reference) {
              scan(i + 1, j, best, best_k);
            } else if (lo <= hi) {
              least_split(&prev[at(i, 0)], &prev_by_end[at(j, 0)], lo, hi, best, best_k);
            }
          } else if (lo <= hi) {
            scan(lo, hi, best, best_k);
          }
          if (best == inf && !by_end) {
            // The root bounds left nothing finite: every split whose two sides fit d-1 levels (the
            // others cost inf and never win; by_end has scanned exactly these already).
            std::size_t from = std::max<std::size_t>(i + 1, j + 1 >= fits_prev ? j + 1 - fits_prev : 0);
            std::size_t to = std::min<std::size_t>(j, i + fits_prev);
            if (from <= to) scan(from, to, best, best_k);
          }
          double cost = best + (prefix_[j + 1] - prefix_[i]) + length_cost_;
          std::uint16_t pick = static_cast<std::uint16_t>(best_k);
          for (int c = 0; len < 2 * max_chain_ + 2 && c < 2; ++c) {
            const Sea& sea = chains_[(i * (2 * max_chain_ + 2) + len) * 2 + static_cast<std::size_t>(c)];
            if (sea.islands == 0 || sea.islands > d || sea.cost >= cost) continue;
            cost = sea.cost;
            pick = static_cast<std::uint16_t>(best_k | (c == 0 ? kSeaFirst : kSeaSecond));
          }
          cur[ij] = cost;
          if (by_end) cur_by_end[at(j, i)] = cost;
          root[ij] = pick;
          same_cur[ij] = len <= fits_prev && cost == prev[ij]
                             ? static_cast<std::uint8_t>((same_cur[left] & kPrefixes) | (same_cur[right] & kSuffixes))
                             : 0;
        }
      }
      std::swap(prev, cur);
      std::swap(prev_by_end, cur_by_end);
      std::swap(same_prev, same_cur);
    }
    return emit_limited(0, n_ - 1, max_depth);
  }

  // The first k in lo..hi with the least left[k - 1] + right[k], if that is less than `best`: as
  // scanning k upwards and keeping each cost below the best so far. Both rows are read in order,
  // four splits at a time where SSE2 is there, in one pass: a block of four only updates the least
  // so far when one of its splits is below it, so the first split with the final least lies in the
  // last block that did (every split before it costs more), and only that block is searched again.
  static void least_split(const double* left, const double* right, std::size_t lo, std::size_t hi, double& best,
                          std::size_t& best_k) {
    std::size_t k = lo;
    double least = std::numeric_limits<double>::infinity();
    std::size_t block = lo;  // the first split of the block where `least` last dropped
#if defined(__SSE2__)
    __m128d m = _mm_set1_pd(least);
    for (; k + 3 <= hi; k += 4) {
      const __m128d v = _mm_min_pd(_mm_add_pd(_mm_loadu_pd(left + k - 1), _mm_loadu_pd(right + k)),
                                   _mm_add_pd(_mm_loadu_pd(left + k + 1), _mm_loadu_pd(right + k + 2)));
      if (_mm_movemask_pd(_mm_cmplt_pd(v, m)) != 0) {
        least = std::min(_mm_cvtsd_f64(v), _mm_cvtsd_f64(_mm_unpackhi_pd(v, v)));
        m = _mm_set1_pd(least);
        block = k;
      }
    }
#endif
    for (; k <= hi; ++k) {
      const double c = left[k - 1] + right[k];
      if (c < least) {
        least = c;
        block = k;
      }
    }
    if (!(least < best)) return;
    k = block;
    while (left[k - 1] + right[k] != least) ++k;
    best = least;
    best_k = k;
  }

  // Whether span i.. of `len` ranges has a chain of exactly d islands (taken at budget d, not d-1).
  bool chain_of(std::size_t i, std::size_t len, unsigned d) const {
    const std::size_t spans = 2 * max_chain_ + 2;
    if (len >= spans) return false;
    const Sea* sea = &chains_[(i * spans + len) * 2];
    return sea[0].islands == d || sea[1].islands == d;
  }

  // Balanced by count.
  Node balanced() {
    return emit(0, n_ - 1);
  }

 private:
  std::size_t at(std::size_t i, std::size_t j) const {
    return i * n_ + j;
  }

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
    std::uint16_t pick = droot_[d * n_ * n_ + at(i, j)];
    if ((pick & (kSeaFirst | kSeaSecond)) != 0) return emit_chain(i, j, (pick & kSeaFirst) != 0 ? 0 : 1);
    std::size_t k = pick & kSplitMask;
    Node left = emit_limited(i, k - 1, d - 1);
    Node right = emit_limited(k, j, d - 1);
    return gen_.branch(bpf::op::JMP | bpf::op::JGE | bpf::op::K, ranges_[k].first, right, left);
  }

  // A `jeq` chain over the islands of ranges i..j, the most frequent first, then the background.
  Node emit_chain(std::size_t i, std::size_t j, int candidate) {
    Node background = kNullNode;
    std::vector<std::size_t> islands = island_order(i, j, candidate, background);
    Node node = background;
    for (std::size_t t = islands.size(); t-- > 0;) {
      const NrRange& r = ranges_[islands[t]];
      node = gen_.branch(bpf::op::JMP | bpf::op::JEQ | bpf::op::K, r.first, r.outcome, node);
    }
    return node;
  }

  // Spans up to this many ranges are computed at depth budget d: 2^d for `jge` trees, 2d+1 for a
  // chain of d islands.
  std::size_t computed(unsigned d) const {
    std::size_t tree = d >= 63 ? n_ : std::size_t{1} << d;
    return std::max<std::size_t>(tree, 2 * std::size_t{d} + 1);
  }

  // The islands of ranges i..j for background candidate 0 (the outcome of range i) or 1 (of range
  // i+1), most frequent first (equal weights by number), or empty when a range of another outcome
  // spans more than one number.
  std::vector<std::size_t> island_order(std::size_t i, std::size_t j, int candidate, Node& background) const {
    background = ranges_[i + static_cast<std::size_t>(candidate)].outcome;
    std::vector<std::size_t> islands;
    for (std::size_t x = i; x <= j; ++x) {
      if (ranges_[x].outcome == background) continue;
      if (ranges_[x].first != ranges_[x].last) return {};
      islands.push_back(x);
    }
    std::stable_sort(islands.begin(), islands.end(), [&](std::size_t a, std::size_t b) { return w_[a] > w_[b]; });
    return islands;
  }

  struct Sea {
    std::size_t islands = 0;
    double cost = 0;
  };

  // The chain costs of every span i..j of 2 to spans-1 ranges for one background candidate (as
  // in island_order) into chains_, growing j: the islands stay sorted as island_order sorts them
  // (a new island, the highest number so far, goes after every island at least as heavy), so each
  // span costs one pass over at most max_chain_ islands and no allocation; a span that is no
  // chain (an island too many, a range of another outcome spanning several numbers) ends the
  // growth, as no longer span is one either.
  void island_chains(std::size_t i, int candidate, std::size_t spans) {
    const Node background = ranges_[i + static_cast<std::size_t>(candidate)].outcome;
    order_.clear();
    for (std::size_t j = i; j < n_ && j - i + 1 < spans; ++j) {
      const NrRange& r = ranges_[j];
      if (r.outcome != background) {
        if (r.first != r.last || order_.size() == max_chain_) return;
        auto at = std::find_if(order_.begin(), order_.end(), [&](std::size_t x) { return w_[x] < w_[j]; });
        order_.insert(at, j);
      }
      if (j == i || order_.empty()) continue;
      chains_[(i * spans + (j - i + 1)) * 2 + static_cast<std::size_t>(candidate)] = chain_cost(i, j);
    }
  }

  // The cost of ranges i..j as a `jeq` chain over the islands order_ (sorted as island_order
  // sorts them): island t (from 1) executes t comparisons, the background all of them.
  Sea chain_cost(std::size_t i, std::size_t j) const {
    Sea sea;
    sea.islands = order_.size();
    double rest = prefix_[j + 1] - prefix_[i];
    for (std::size_t t = 0; t < order_.size(); ++t) {
      sea.cost += w_[order_[t]] * static_cast<double>(t + 1);
      rest -= w_[order_[t]];
    }
    sea.cost += rest * static_cast<double>(order_.size()) + length_cost_ * static_cast<double>(order_.size());
    return sea;
  }

  // Up to this many ranges every split is scanned: the chains break the monotonicity of the
  // optimal roots that the bounds rely on (small-server: 8.88 expected comparisons with the
  // bounds, 8.81 scanning all), and O(depth * n^3) is still small.
  static constexpr std::size_t kFullScan = 128;
  static constexpr std::uint16_t kSplitMask = 0x3fff;  // ranges are at most kMaxProfiled < 2^14
  static constexpr std::uint16_t kSeaFirst = 0x8000;
  static constexpr std::uint16_t kSeaSecond = 0x4000;
  static constexpr std::uint8_t kPrefixes = 1;  // limited(): same_prev, same_cur
  static constexpr std::uint8_t kSuffixes = 2;

  CodeGen& gen_;
  const std::vector<NrRange>& ranges_;
  std::size_t n_;
  const std::vector<double>& w_;
  std::size_t max_chain_ = 0;       // longest `jeq` chain considered (the depth budget)
  double length_cost_ = 0;          // one instruction, in the units of the weights
  std::vector<Sea> chains_;         // chain_cost per (first range, span length, candidate)
  std::vector<std::size_t> order_;  // island_chains: the islands so far, in chain order
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

namespace {

// `reference`: TreeBuilder::limited without its shortcuts.
Node dispatch_tree(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile, bool reference) {
  std::vector<double> w = range_weights(ranges, profile);
  TreeBuilder tb(gen, ranges, w);
  // The DP's tables grow with the square of the ranges; beyond kMaxProfiled a balanced tree.
  if (profile != nullptr && ranges.size() > 2 && ranges.size() <= kMaxProfiled)
    return tb.limited(balanced_depth(ranges.size()) + kDepthSlack, reference);
  return tb.balanced();
}

}  // namespace

Node build_dispatch(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile) {
  return dispatch_tree(gen, ranges, profile, false);
}

Node build_dispatch_reference(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile) {
  return dispatch_tree(gen, ranges, profile, true);
}

}  // namespace secco::backend
