#include "backend/arg_tree.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>
#include <stdexcept>

#include "backend/bit_test.h"
#include "bpf/program.h"
#include "support/seccomp_data.h"

namespace secco::backend {
namespace {

using namespace ir;
namespace op = bpf::op;

// Limits that keep the analysis linear in practice; a larger region keeps its plain code.
constexpr std::size_t kMaxMembers = 4096;
constexpr std::size_t kMaxCells = std::size_t{1} << 16;
constexpr std::size_t kMaxDp = 256;  // intervals one DP table covers; longer lists split in halves first

bool holds(Opcode o, std::uint32_t v, std::uint32_t k) {
  switch (o) {
    case Opcode::Eq:
      return v == k;
    case Opcode::Ne:
      return v != k;
    case Opcode::Gt:
      return v > k;
    case Opcode::Le:
      return v <= k;
    case Opcode::Ge:
      return v >= k;
    case Opcode::Lt:
      return v < k;
    default:
      throw std::logic_error("argument tree: not an ordered comparison");
  }
}

// A run of values [first, next item's first) and where it goes.
struct Item {
  std::uint32_t first;
  Node leaf;
  double weight;
  unsigned leaf_worst;  // instructions executed inside the leaf before the exit block's code
  double leaf_expected;
};

// The range tree over sorted items covering 0..2^32-1 (neighbours with equal leaves merged).
// A DP over item spans minimises length + expected depth (weights normalised to 1) choosing per
// span among: a `jge` split, peeling a single-value item at either end with `jeq`, and a `jeq`
// chain over the span's single-value items when every other item shares one leaf.
class RangeTree {
 public:
  RangeTree(CodeGen& gen, std::vector<Item> items) : gen_(gen), items_(std::move(items)) {
    double total = 0;
    for (const Item& it : items_) total += it.weight;
    for (Item& it : items_) it.weight = total > 0 ? it.weight / total : 1.0 / static_cast<double>(items_.size());
    prefix_.assign(items_.size() + 1, 0);
    for (std::size_t i = 0; i < items_.size(); ++i) prefix_[i + 1] = prefix_[i] + items_[i].weight;
  }

  Node build() { return build(0, items_.size() - 1, 0); }
  unsigned worst() const { return worst_; }
  double expected() const { return expected_; }

 private:
  enum class Kind : std::uint8_t { Leaf, Split, PeelLeft, PeelRight, Chain };
  struct Choice {
    Kind kind = Kind::Leaf;
    std::uint32_t at = 0;  // Split: first item of the right part
    Node background = kNullNode;
  };

  bool point(std::size_t i) const {
    std::uint64_t end = i + 1 < items_.size() ? items_[i + 1].first : std::uint64_t{1} << 32;
    return end == std::uint64_t{items_[i].first} + 1;
  }
  double weight(std::size_t i, std::size_t j) const { return prefix_[j + 1] - prefix_[i]; }

  Node build(std::size_t lo, std::size_t hi, unsigned depth) {
    if (hi - lo + 1 > kMaxDp) {
      std::size_t mid = lo + (hi - lo + 1) / 2;
      Node right = build(mid, hi, depth + 1);
      Node left = build(lo, mid - 1, depth + 1);
      return gen_.branch(op::JMP | op::JGE | op::K, items_[mid].first, right, left);
    }
    solve(lo, hi);
    return emit(lo, hi, depth);
  }

  // Fills cost_/choice_ for spans inside [lo, hi].
  void solve(std::size_t lo, std::size_t hi) {
    base_ = lo;
    n_ = hi - lo + 1;
    cost_.assign(n_ * n_, 0);
    choice_.assign(n_ * n_, Choice{});
    const double inf = std::numeric_limits<double>::infinity();
    // Chain costs: for each span, the best background leaf (every non-point item must have it),
    // growing the span to the right. The chain's cost sums the non-background items' weight times
    // their rank in item order, so while the background stays the same the sum of the longer span
    // continues the shorter one's (the same additions in the same order); a new background (the
    // heaviest leaf of spans of points changes) sums the span afresh.
    std::vector<double> chain(n_ * n_, inf);
    std::vector<Node> chain_bg(n_ * n_, kNullNode);
    std::vector<std::pair<Node, double>> by_leaf;  // weight per leaf, in order of appearance
    for (std::size_t i = lo; i <= hi; ++i) {
      Node nonpoint = kNullNode;
      by_leaf.clear();
      Node sum_bg = kNullNode;  // the background `sum` and `p` were summed for
      double sum = 0;
      unsigned p = 0;
      for (std::size_t j = i; j <= hi; ++j) {
        const Item& it = items_[j];
        if (!point(j)) {
          if (nonpoint != kNullNode && nonpoint != it.leaf) break;
          nonpoint = it.leaf;
        }
        auto leaf = std::find_if(by_leaf.begin(), by_leaf.end(), [&](const auto& e) { return e.first == it.leaf; });
        if (leaf == by_leaf.end()) leaf = by_leaf.insert(by_leaf.end(), {it.leaf, 0.0});
        leaf->second += it.weight;
        if (j == i) continue;
        Node bg = nonpoint;
        double bg_weight = -1;
        if (bg == kNullNode) {
          // The heaviest leaf, the lowest-numbered one among equals.
          for (const auto& [l, w] : by_leaf)
            if (w > bg_weight || (w == bg_weight && l < bg)) {
              bg_weight = w;
              bg = l;
            }
        } else {
          for (const auto& [l, w] : by_leaf)
            if (l == bg) bg_weight = w;
        }
        if (bg == sum_bg) {
          if (it.leaf != bg) sum += it.weight * ++p;
        } else {
          sum_bg = bg;
          sum = 0;
          p = 0;
          for (std::size_t t = i; t <= j; ++t)
            if (items_[t].leaf != bg) sum += items_[t].weight * ++p;
        }
        double c = sum;
        c += bg_weight * p + p;
        chain[at(i, j)] = c;
        chain_bg[at(i, j)] = bg;
      }
    }
    for (std::size_t len = 2; len <= n_; ++len) {
      for (std::size_t i = lo; i + len - 1 <= hi; ++i) {
        std::size_t j = i + len - 1;
        double w = weight(i, j);
        Choice best{Kind::Chain, 0, chain_bg[at(i, j)]};
        double best_cost = chain[at(i, j)];
        for (std::size_t k = i + 1; k <= j; ++k) {
          double c = 1 + w + cost_[at(i, k - 1)] + cost_[at(k, j)];
          if (c < best_cost) {
            best_cost = c;
            best = {Kind::Split, static_cast<std::uint32_t>(k), kNullNode};
          }
        }
        if (point(i) && 1 + w + cost_[at(i + 1, j)] < best_cost) {
          best_cost = 1 + w + cost_[at(i + 1, j)];
          best = {Kind::PeelLeft, 0, kNullNode};
        }
        if (point(j) && 1 + w + cost_[at(i, j - 1)] < best_cost) {
          best_cost = 1 + w + cost_[at(i, j - 1)];
          best = {Kind::PeelRight, 0, kNullNode};
        }
        cost_[at(i, j)] = best_cost;
        choice_[at(i, j)] = best;
      }
    }
  }

  std::size_t at(std::size_t i, std::size_t j) const { return (i - base_) * n_ + (j - base_); }

  Node leaf(std::size_t i, unsigned depth) {
    const Item& it = items_[i];
    worst_ = std::max(worst_, depth + it.leaf_worst);
    expected_ += it.weight * (depth + it.leaf_expected);
    return it.leaf;
  }

  Node emit(std::size_t i, std::size_t j, unsigned depth) {
    if (i == j) return leaf(i, depth);
    const Choice c = choice_[at(i, j)];
    switch (c.kind) {
      case Kind::Split: {
        Node right = emit(c.at, j, depth + 1);
        Node left = emit(i, c.at - 1, depth + 1);
        return gen_.branch(op::JMP | op::JGE | op::K, items_[c.at].first, right, left);
      }
      case Kind::PeelLeft: {
        Node rest = emit(i + 1, j, depth + 1);
        return gen_.branch(op::JMP | op::JEQ | op::K, items_[i].first, leaf(i, depth + 1), rest);
      }
      case Kind::PeelRight: {
        Node rest = emit(i, j - 1, depth + 1);
        return gen_.branch(op::JMP | op::JEQ | op::K, items_[j].first, leaf(j, depth + 1), rest);
      }
      case Kind::Chain: {
        // jeq per single-value item in order; the background after the last.
        std::vector<std::size_t> points;
        for (std::size_t t = i; t <= j; ++t)
          if (items_[t].leaf != c.background) points.push_back(t);
        const unsigned p = static_cast<unsigned>(points.size());
        for (std::size_t t = i; t <= j; ++t)
          if (items_[t].leaf == c.background) leaf(t, depth + p);
        Node cur = c.background;
        for (std::size_t q = points.size(); q-- > 0;)
          cur = gen_.branch(op::JMP | op::JEQ | op::K, items_[points[q]].first,
                            leaf(points[q], depth + static_cast<unsigned>(q) + 1), cur);
        return cur;
      }
      case Kind::Leaf:
        break;
    }
    throw std::logic_error("argument tree: a span of several items without a choice");
  }

  CodeGen& gen_;
  std::vector<Item> items_;
  std::vector<double> prefix_;
  std::size_t base_ = 0, n_ = 0;
  std::vector<double> cost_;
  std::vector<Choice> choice_;
  unsigned worst_ = 0;
  double expected_ = 0;
};

// Starts of the intervals on which every comparison of `tests` with constants is constant.
std::vector<std::uint32_t> interval_starts(const std::set<std::pair<Opcode, std::uint32_t>>& tests) {
  std::set<std::uint64_t> starts{0};
  for (const auto& [o, k] : tests) {
    if (o == Opcode::Eq || o == Opcode::Ne) {
      starts.insert(k);
      starts.insert(std::uint64_t{k} + 1);
    } else if (o == Opcode::Gt || o == Opcode::Le) {
      starts.insert(std::uint64_t{k} + 1);
    } else {
      starts.insert(k);
    }
  }
  std::vector<std::uint32_t> out;
  for (std::uint64_t s : starts)
    if (s <= 0xffffffffULL) out.push_back(static_cast<std::uint32_t>(s));
  return out;
}

}  // namespace

std::optional<ArgTrees::Test> ArgTrees::test_of(BlockId b) const {
  const Function& f = cfg_.f;
  const Terminator& t = f.block(b).term;
  if (t.kind != Terminator::Kind::Branch) return std::nullopt;
  const Value& c = f.value(t.cond);
  if (c.operands.size() != 2) return std::nullopt;
  switch (c.op) {
    case Opcode::Eq:
    case Opcode::Ne:
    case Opcode::Gt:
    case Opcode::Le:
    case Opcode::Ge:
    case Opcode::Lt:
      break;
    default:
      return std::nullopt;
  }
  if (as_bit_test(f, t.cond)) return std::nullopt;  // one jset, see bit_test.h
  Opcode o = c.op;
  ValueId lhs = c.operands[0], rhs = c.operands[1];
  if (f.value(lhs).op == Opcode::Const) {
    std::swap(lhs, rhs);
    o = swapped_compare(o);
  }
  const Value& k = f.value(rhs);
  if (k.op != Opcode::Const || k.imm > 0xffffffffULL || f.value(lhs).op == Opcode::Const) return std::nullopt;
  return Test{o, lhs, static_cast<std::uint32_t>(k.imm), f.value(lhs).op == Opcode::ArgHigh};
}

bool ArgTrees::same_family(const Region& r, const Test& t, const Test& head) const {
  const Value& v = cfg_.f.value(t.lhs);
  if (r.arg) return (v.op == Opcode::ArgLow || v.op == Opcode::ArgHigh) && v.imm == *r.arg;
  return t.lhs == head.lhs;
}

ArgTrees::ArgTrees(const ThreadedCfg& cfg, ArgLayout layout)
    : cfg_(cfg), layout_(layout), region_of_(cfg.f.block_count(), 0) {
  const std::size_t n = cfg.f.block_count();
  std::vector<std::uint32_t> order(n, 0);  // position in reverse post-order
  for (std::size_t i = 0; i < cfg.rpo.size(); ++i) order[cfg.rpo[i]] = static_cast<std::uint32_t>(i);
  std::vector<std::vector<BlockId>> preds(n);
  for (BlockId b : cfg.rpo) {
    if (!cfg.reached[b]) continue;
    const Terminator& t = cfg.f.block(b).term;
    if (t.kind == Terminator::Kind::Jump) preds[cfg.succ_true[b]].push_back(b);
    if (t.kind == Terminator::Kind::Branch) {
      preds[cfg.succ_true[b]].push_back(b);
      if (cfg.succ_false[b] != cfg.succ_true[b]) preds[cfg.succ_false[b]].push_back(b);
    }
  }
  for (BlockId head : cfg.rpo) {
    if (!cfg.reached[head] || region_of_[head] != 0) continue;
    std::optional<Test> ht = test_of(head);
    if (!ht) continue;
    Region r;
    const Value& hv = cfg.f.value(ht->lhs);
    if (hv.op == Opcode::ArgLow || hv.op == Opcode::ArgHigh) r.arg = hv.imm;
    const std::uint32_t id = static_cast<std::uint32_t>(regions_.size() + 1);
    // Grow in reverse post-order: a block joins when it tests the family and all its
    // predecessors are members (one entry: nothing outside jumps into the middle).
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> work;
    std::set<BlockId> queued;
    auto push_succs = [&](BlockId b) {
      for (BlockId s : {cfg.succ_true[b], cfg.succ_false[b]})
        if (queued.insert(s).second) work.push(order[s]);
    };
    region_of_[head] = id;
    r.members.push_back(head);
    push_succs(head);
    while (!work.empty() && r.members.size() < kMaxMembers) {
      BlockId s = cfg.rpo[work.top()];
      work.pop();
      if (region_of_[s] != 0) continue;
      std::optional<Test> st = test_of(s);
      if (!st || !same_family(r, *st, *ht)) continue;
      bool single_entry = std::all_of(preds[s].begin(), preds[s].end(), [&](BlockId p) { return region_of_[p] == id; });
      if (!single_entry) continue;
      region_of_[s] = id;
      r.members.push_back(s);
      push_succs(s);
    }
    regions_.push_back(std::move(r));
  }
}

Node ArgTrees::choose(BlockId b, Node plain, ValueId a_holds, const TreeContext& cx) {
  if (b >= region_of_.size() || region_of_[b] == 0) return plain;
  const std::uint32_t id = region_of_[b];
  const Region& r = regions_[id - 1];
  if (r.members.front() != b || r.members.size() < 2) return plain;
  const Function& f = cfg_.f;
  auto member = [&](BlockId x) { return x < region_of_.size() && region_of_[x] == id; };

  // The comparisons on each half; the values naming the halves.
  std::vector<Test> tests(region_of_.size(), Test{});  // per member block
  std::set<std::pair<Opcode, std::uint32_t>> hi_tests, lo_tests;
  ValueId hi_id = kNoValue, lo_id = kNoValue;
  std::set<BlockId> exits;
  for (BlockId m : r.members) {
    Test t = *test_of(m);
    tests[m] = t;
    (t.high ? hi_tests : lo_tests).insert({t.op, t.k});
    (t.high ? hi_id : lo_id) = t.lhs;
    for (BlockId s : {cfg_.succ_true[m], cfg_.succ_false[m]})
      if (!member(s)) exits.insert(s);
  }
  // Every exit's code must exist, and what it expects in A must be a value we can load.
  for (BlockId e : exits)
    if (e >= cx.node.size() || cx.node[e] == kNullNode ||
        (cx.entry_a[e] != kNoValue && cx.entry_a[e] >= f.value_count()))
      return plain;
  // On a 32-bit ABI the high half is always 0: one high interval, so the region's comparisons of
  // the high half are decided and its tree reads only the low half.
  const std::vector<std::uint32_t> hi_starts =
      layout_.args32 ? std::vector<std::uint32_t>{0} : interval_starts(hi_tests);
  const std::vector<std::uint32_t> lo_starts = interval_starts(lo_tests);
  const std::size_t nh = hi_starts.size(), nl = lo_starts.size();
  if (nh * nl > kMaxCells) return plain;

  // The region's function on every (high, low) interval pair, and the executed instructions of
  // its plain code there.
  auto walk = [&](std::uint32_t hv, std::uint32_t lv, unsigned& steps) {
    BlockId cur = b;
    ValueId in_a = a_holds;
    while (member(cur)) {
      const Test& t = tests[cur];
      steps += 1 + (in_a != t.lhs ? 1 : 0);
      bool taken = holds(t.op, t.high ? hv : lv, t.k);
      cur = taken ? cfg_.succ_true[cur] : cfg_.succ_false[cur];
      in_a = member(cur) ? cx.entry_a[cur] : kNoValue;
    }
    return cur;
  };
  std::vector<BlockId> grid(nh * nl);
  for (std::size_t i = 0; i < nh; ++i) {
    for (std::size_t j = 0; j < nl; ++j) {
      unsigned steps = 0;
      grid[i * nl + j] = walk(hi_starts[i], lo_starts[j], steps);
    }
  }
  // The points every encoding is measured on, each counting once: per run of high intervals with
  // the same low-half map, the first value of each run of low intervals with one exit.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;
  for (std::size_t i = 0; i < nh; ++i) {
    auto same_row = [&](std::size_t a, std::size_t c) {
      return std::equal(grid.begin() + a * nl, grid.begin() + (a + 1) * nl, grid.begin() + c * nl);
    };
    if (i > 0 && same_row(i - 1, i)) continue;
    for (std::size_t j = 0; j < nl; ++j)
      if (j == 0 || grid[i * nl + j] != grid[i * nl + j - 1]) cells.emplace_back(hi_starts[i], lo_starts[j]);
  }
  TreeCost pc;
  double steps_sum = 0;
  for (const auto& [hv, lv] : cells) {
    unsigned steps = 0;
    walk(hv, lv, steps);
    steps_sum += steps;
    pc.worst = std::max(pc.worst, steps);
  }
  pc.expected = steps_sum / static_cast<double>(cells.size());

  // A leaf reaching exit e with `in_a` in A.
  auto exit_leaf = [&](BlockId e, ValueId in_a, unsigned* extra) {
    // A `ret` reads nothing; other code may rely on A holding what its predecessors compared.
    ValueId need = f.block(e).term.kind == Terminator::Kind::Return ? kNoValue : cx.entry_a[e];
    *extra = need != kNoValue && need != in_a ? 1 : 0;
    return *extra ? cx.eval(need, cx.node[e]) : cx.node[e];
  };
  // Runs of one half: (first value, exit, elementary intervals covered).
  struct Run {
    std::uint32_t first;
    BlockId exit;
    double weight;
  };
  // A tree over `runs` of the value `inner_id`, with `in_a` in A on entry.
  auto inner_tree = [&](const std::vector<Run>& runs, ValueId inner_id, ValueId in_a, unsigned* worst,
                        double* expected) {
    if (runs.size() == 1) {
      unsigned extra = 0;
      Node n = exit_leaf(runs.front().exit, in_a, &extra);
      *worst = extra;
      *expected = extra;
      return n;
    }
    std::vector<Item> items;
    for (const Run& run : runs) {
      unsigned extra = 0;
      Node n = exit_leaf(run.exit, inner_id, &extra);
      items.push_back({run.first, n, run.weight, extra, static_cast<double>(extra)});
    }
    RangeTree t(cx.gen, std::move(items));
    Node root = t.build();
    unsigned load = in_a == inner_id ? 0 : 1;
    *worst = t.worst() + load;
    *expected = t.expected() + load;
    return load ? cx.eval(inner_id, root) : root;
  };
  // The tree deciding the `outer` half first (high-major: the high half, then per high interval
  // the low half; low-major the other way round, which lets rules share a high-half tail).
  auto encode = [&](bool high_major, TreeCost& tc) {
    const std::vector<std::uint32_t>& outer = high_major ? hi_starts : lo_starts;
    const std::vector<std::uint32_t>& inner = high_major ? lo_starts : hi_starts;
    const ValueId outer_id = high_major ? hi_id : lo_id, inner_id = high_major ? lo_id : hi_id;
    auto cell = [&](std::size_t o, std::size_t i) { return high_major ? grid[o * nl + i] : grid[i * nl + o]; };
    std::vector<std::pair<std::vector<Run>, double>> maps;  // per outer run: inner runs, weight
    std::vector<std::uint32_t> firsts;
    for (std::size_t o = 0; o < outer.size(); ++o) {
      std::vector<Run> runs;
      for (std::size_t i = 0; i < inner.size(); ++i) {
        if (!runs.empty() && runs.back().exit == cell(o, i))
          runs.back().weight += 1;
        else
          runs.push_back({inner[i], cell(o, i), 1});
      }
      auto same = [&](const std::vector<Run>& a, const std::vector<Run>& c) {
        return std::equal(a.begin(), a.end(), c.begin(), c.end(),
                          [](const Run& x, const Run& y) { return x.first == y.first && x.exit == y.exit; });
      };
      if (!maps.empty() && same(maps.back().first, runs)) {
        maps.back().second += static_cast<double>(inner.size());
      } else {
        maps.emplace_back(std::move(runs), static_cast<double>(inner.size()));
        firsts.push_back(outer[o]);
      }
    }
    if (maps.size() == 1) return inner_tree(maps.front().first, inner_id, a_holds, &tc.worst, &tc.expected);
    std::vector<Item> items;
    for (std::size_t m = 0; m < maps.size(); ++m) {
      unsigned worst = 0;
      double expected = 0;
      Node n = inner_tree(maps[m].first, inner_id, outer_id, &worst, &expected);
      items.push_back({firsts[m], n, maps[m].second, worst, expected});
    }
    RangeTree t(cx.gen, std::move(items));
    Node root = t.build();
    unsigned load = a_holds == outer_id ? 0 : 1;
    tc.worst = t.worst() + load;
    tc.expected = t.expected() + load;
    return load ? cx.eval(outer_id, root) : root;
  };

  // Length: the instructions this rule adds, up to the exits' code. A node an earlier rule made
  // costs nothing: it is in the program (an identical high-half tail) or it was a candidate there,
  // and choosing it here makes the rules share it (so the first rule of a shape pays for a tail
  // and the next ones take it for free). A candidate an earlier rule chose outright (an identical
  // region) is taken again, so identical rules stay one code.
  std::vector<Node> stop_nodes;  // sorted
  for (BlockId e : exits) stop_nodes.push_back(cx.node[e]);
  std::sort(stop_nodes.begin(), stop_nodes.end());
  auto stop = [&](Node x) { return std::binary_search(stop_nodes.begin(), stop_nodes.end(), x); };
  auto length = [&](Node root) {
    std::set<Node> seen;
    std::vector<Node> stack{root};
    while (!stack.empty()) {
      Node x = stack.back();
      stack.pop_back();
      if (x == kNullNode || x < cx.first_new || cx.gen.used(x) || stop(x) || !seen.insert(x).second) continue;
      stack.push_back(cx.gen.node(x).jt);
      stack.push_back(cx.gen.node(x).jf);
    }
    return seen.size();
  };
  pc.length = length(plain);
  const double eps = 1e-9;
  auto better = [&](const TreeCost& a, const TreeCost& c) {
    return a.score() < c.score() - eps || (a.score() <= c.score() + eps && a.worst < c.worst);
  };
  if (cx.gen.used(plain)) return plain;
  Node best = plain;
  TreeCost best_cost = pc;
  // A tree over an argument's halves measured on the cells by running it: it holds only loads of
  // the two halves and jumps up to the exits' code.
  const std::uint32_t off_hi = r.arg ? seccomp_offset::arg_high(static_cast<unsigned>(*r.arg), layout_.big_endian) : 0;
  const std::uint32_t off_lo = r.arg ? seccomp_offset::arg_low(static_cast<unsigned>(*r.arg), layout_.big_endian) : 0;
  auto run_tree = [&](Node root, TreeCost& tc) {
    double sum = 0;
    tc.worst = 0;
    for (const auto& [hv, lv] : cells) {
      std::uint32_t a = a_holds == hi_id ? hv : lv;
      unsigned steps = 0;
      for (Node x = root; !stop(x);) {
        const NodeData& d = cx.gen.node(x);
        ++steps;
        if (d.code == (op::LD | op::W | op::ABS) && (d.k == off_hi || d.k == off_lo)) {
          a = d.k == off_hi ? hv : lv;
          x = d.jt;
          continue;
        }
        bool taken;
        if (d.code == (op::JMP | op::JEQ | op::K))
          taken = a == d.k;
        else if (d.code == (op::JMP | op::JGE | op::K))
          taken = a >= d.k;
        else if (d.code == (op::JMP | op::JGT | op::K))
          taken = a > d.k;
        else
          throw std::logic_error("argument tree: unexpected instruction in a tree");
        x = taken ? d.jt : d.jf;
      }
      sum += steps;
      tc.worst = std::max(tc.worst, steps);
    }
    tc.expected = sum / static_cast<double>(cells.size());
  };
  for (bool high_major : {true, false}) {
    if (!high_major && (hi_tests.empty() || lo_tests.empty() || layout_.args32)) continue;  // the same tree
    TreeCost tc;
    Node tree = encode(high_major, tc);
    tc.length = length(tree);
    if (cx.gen.used(tree)) {
      ++used_;
      return tree;
    }
    if (r.arg) run_tree(tree, tc);
    if (better(tc, best_cost)) {
      best = tree;
      best_cost = tc;
    }
  }
  if (best != plain) ++used_;
  return best;
}

}  // namespace secco::backend
