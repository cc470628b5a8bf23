#include "backend/jump_layout.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

namespace secco::backend {
namespace {

bool is_ret(std::uint16_t code) {
  return bpf::op::cls(code) == bpf::op::RET;
}
bool is_ja(std::uint16_t code) {
  return bpf::op::cls(code) == bpf::op::JMP && !is_conditional_jump(code);
}

// Reverse post-order from `root`: a topological order of the DAG.
std::vector<Node> order_nodes(const CodeGen& gen, Node root) {
  std::vector<Node> post;
  std::vector<std::uint8_t> seen(gen.size(), 0);
  std::vector<std::pair<Node, int>> stack{{root, 0}};
  seen[root] = 1;
  while (!stack.empty()) {
    auto& [n, i] = stack.back();
    const NodeData& d = gen.node(n);
    // Visit jt first and jf (or the only successor) last, so it lands right after n.
    Node succ[2] = {is_conditional_jump(d.code) ? d.jt : kNullNode, is_conditional_jump(d.code) ? d.jf : d.jt};
    if (i < 2) {
      Node s = succ[i++];
      if (s != kNullNode && !seen[s]) {
        seen[s] = 1;
        stack.emplace_back(s, 0);
      }
      continue;
    }
    post.push_back(n);
    stack.pop_back();
  }
  std::reverse(post.begin(), post.end());
  return post;
}

constexpr std::uint32_t kNone = 0xffffffffU;

// One slot of the linear program: a DAG node, or a copy standing in for a node (a `ret` copy, or a
// `ja` to it). Slots have stable ids; `order` holds them in program order.
struct Slot {
  Node node;
  bool copy;
};

class Layout {
 public:
  Layout(const CodeGen& gen, Node root, bool local_returns) : gen_(gen), local_(local_returns) {
    std::vector<Node> nodes = order_nodes(gen, root);
    route_.assign(gen.size(), {kNone, kNone});
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      Node n = nodes[i];
      order_.push_back(add({n, false}));
      const NodeData& d = gen.node(n);
      bool falls_through = !is_conditional_jump(d.code) && !is_ret(d.code) && !is_ja(d.code);
      if (falls_through && (i + 1 >= nodes.size() || nodes[i + 1] != d.jt)) order_.push_back(add({d.jt, true}));
    }
  }

  bpf::Program run(LayoutStats* stats) {
    while (route_far_jumps()) {
    }
    drop_unused_returns();
    place();
    bpf::Program prog;
    prog.reserve(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) {
      const Slot& s = slots_[order_[i]];
      const NodeData& d = gen_.node(s.node);
      if (s.copy) {
        if (local_ && is_ret(d.code)) {
          prog.push_back(bpf::stmt(d.code, d.k));
          if (stats) ++stats->ret_copies;
        } else {
          prog.push_back(bpf::stmt(bpf::op::JMP | bpf::op::JA, static_cast<std::uint32_t>(node_pos_[s.node] - i - 1)));
          if (stats) ++stats->trampolines;
        }
        continue;
      }
      bpf::Insn insn{d.code, 0, 0, d.k};
      if (is_conditional_jump(d.code)) {
        std::size_t t = target(s.node, 0), f = target(s.node, 1);
        if (t <= i || f <= i || t - i - 1 > 255 || f - i - 1 > 255)
          throw std::logic_error("jump layout: jump out of range");
        insn.jt = static_cast<std::uint8_t>(t - i - 1);
        insn.jf = static_cast<std::uint8_t>(f - i - 1);
      } else if (is_ja(d.code)) {
        insn.k = static_cast<std::uint32_t>(node_pos_[d.jt] - i - 1);
      }
      prog.push_back(insn);
    }
    return prog;
  }

 private:
  std::uint32_t add(Slot s) {
    slots_.push_back(s);
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }

  // Positions of every slot and of every node's own slot.
  void place() {
    pos_.assign(slots_.size(), kNone);
    node_pos_.assign(gen_.size(), kNone);
    for (std::size_t i = 0; i < order_.size(); ++i) {
      pos_[order_[i]] = static_cast<std::uint32_t>(i);
      if (!slots_[order_[i]].copy) node_pos_[slots_[order_[i]].node] = static_cast<std::uint32_t>(i);
    }
  }

  // Where side 0 (taken) or 1 (not taken) of conditional jump `n` lands.
  std::size_t target(Node n, int side) const {
    std::uint32_t r = route_[n][side];
    if (r != kNone) return pos_[r];
    const NodeData& d = gen_.node(n);
    return node_pos_[side == 0 ? d.jt : d.jf];
  }

  // Whether slot `i` (an index into order_) must be followed by its fall-through successor.
  bool falls_through(std::size_t i) const {
    const Slot& s = slots_[order_[i]];
    if (s.copy) return false;
    std::uint16_t code = gen_.node(s.node).code;
    return !is_conditional_jump(code) && !is_ret(code) && !is_ja(code);
  }

  // One pass: every conditional jump that cannot reach its target gets a trampoline. One to the
  // same target that lies within reach ahead is reused; else a new one goes at the last boundary
  // (after a `ret`, a jump or a copy, never between an instruction and its fall-through) within
  // kPlaceAhead, so that the following jumps can share it: the further ahead, the more jumps
  // share one copy (96 -> 200: 1.5-2% shorter programs above 1,000 instructions, 213 -> 170
  // trampolines and 75 -> 39 `ret` copies on a 4,300-instruction one), while 55 instructions
  // stay for later insertions between the jump and its copy. An edge whose shared
  // trampoline drifted out of reach gets its own, right after the jump, which no later insertion
  // can push away: each edge is rerouted at most twice and the iteration ends.
  static constexpr std::size_t kPlaceAhead = 200;
  static constexpr std::size_t kReuseReach = 200;

  bool route_far_jumps() {
    place();
    // Copy slots by target node: positions in the current order (a pending copy placed before
    // old slot q counts as position q).
    std::map<Node, std::vector<std::uint32_t>> copies;
    for (std::size_t i = 0; i < order_.size(); ++i)
      if (slots_[order_[i]].copy) copies[slots_[order_[i]].node].push_back(static_cast<std::uint32_t>(i));
    std::map<std::size_t, std::vector<std::uint32_t>> pending;  // old index -> copies to insert before it
    bool changed = false;
    std::vector<std::uint32_t> next;
    next.reserve(order_.size() + 16);
    for (std::size_t i = 0; i < order_.size(); ++i) {
      auto pend = pending.find(i);
      if (pend != pending.end()) next.insert(next.end(), pend->second.begin(), pend->second.end());
      next.push_back(order_[i]);
      const Slot& s = slots_[order_[i]];
      if (s.copy || !is_conditional_jump(gen_.node(s.node).code)) continue;
      Node n = s.node;
      for (int side = 0; side < 2; ++side) {
        std::size_t t = target(n, side);
        if (t - i - 1 <= 255) continue;
        changed = true;
        Node goal = side == 0 ? gen_.node(n).jt : gen_.node(n).jf;
        std::uint32_t via = kNone;
        if (route_[n][side] == kNone) {
          std::vector<std::uint32_t>& at = copies[goal];
          auto p = std::upper_bound(at.begin(), at.end(), static_cast<std::uint32_t>(i));
          if (local_ && p != at.end() && *p - i - 1 <= kReuseReach)
            via = *p < order_.size() && slots_[order_[*p]].copy && slots_[order_[*p]].node == goal
                      ? order_[*p]
                      : pending_id(pending, *p, goal);
          if (via == kNone) {
            // The last boundary within reach: before old slot q, where slot q-1 does not fall through.
            std::size_t q = local_ ? std::min(order_.size(), i + 1 + kPlaceAhead) : i + 1;
            while (q > i + 1 && falls_through(q - 1)) --q;
            via = add({goal, true});
            if (q == i + 1) {
              next.push_back(via);
            } else {
              pending[q].push_back(via);
              at.insert(std::upper_bound(at.begin(), at.end(), static_cast<std::uint32_t>(q)),
                        static_cast<std::uint32_t>(q));
            }
          }
        } else {
          via = add({goal, true});
          next.push_back(via);
        }
        route_[n][side] = via;
      }
    }
    auto tail = pending.find(order_.size());
    if (tail != pending.end()) next.insert(next.end(), tail->second.begin(), tail->second.end());
    order_ = std::move(next);
    return changed;
  }

  // The pending copy of `goal` to be inserted before old slot q.
  std::uint32_t pending_id(const std::map<std::size_t, std::vector<std::uint32_t>>& pending, std::size_t q,
                           Node goal) const {
    auto it = pending.find(q);
    if (it == pending.end()) return kNone;
    for (std::uint32_t id : it->second)
      if (slots_[id].node == goal) return id;
    return kNone;
  }

  // A `ret` node whose every jump now goes to a local copy is dead weight; so is a copy nobody
  // routes to any more. Removing slots only shortens jumps.
  void drop_unused_returns() {
    std::vector<std::uint8_t> used(slots_.size(), 0);
    std::vector<std::uint8_t> node_used(gen_.size(), 0);
    for (std::size_t i = 0; i < order_.size(); ++i) {
      const Slot& s = slots_[order_[i]];
      const NodeData& d = gen_.node(s.node);
      if (s.copy) {
        // A copy right after a straight-line instruction is its fall-through.
        if (i > 0) {
          const Slot& prev = slots_[order_[i - 1]];
          const NodeData& pd = gen_.node(prev.node);
          if (!prev.copy && !is_conditional_jump(pd.code) && !is_ret(pd.code) && !is_ja(pd.code)) used[order_[i]] = 1;
        }
        if (!local_ || !is_ret(d.code)) node_used[s.node] = 1;
        continue;
      }
      if (is_conditional_jump(d.code)) {
        for (int side = 0; side < 2; ++side) {
          if (route_[s.node][side] != kNone)
            used[route_[s.node][side]] = 1;
          else
            node_used[side == 0 ? d.jt : d.jf] = 1;
        }
      } else if (!is_ret(d.code)) {
        // Unless a copy of the successor follows it.
        bool copied = i + 1 < order_.size() && slots_[order_[i + 1]].copy && slots_[order_[i + 1]].node == d.jt;
        if (!copied || is_ja(d.code)) node_used[d.jt] = 1;
      }
    }
    if (!order_.empty()) node_used[slots_[order_[0]].node] = 1;  // the entry
    std::vector<std::uint32_t> kept;
    kept.reserve(order_.size());
    for (std::uint32_t id : order_) {
      const Slot& s = slots_[id];
      bool keep = s.copy ? used[id] != 0 : (node_used[s.node] != 0 || !is_ret(gen_.node(s.node).code));
      if (keep) kept.push_back(id);
    }
    order_ = std::move(kept);
  }

  const CodeGen& gen_;
  bool local_;  // copies of a `ret` are `ret`s (else `ja` to the shared one, placed right after)
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> order_;
  std::vector<std::array<std::uint32_t, 2>> route_;  // per conditional jump: trampoline slot or kNone
  std::vector<std::uint32_t> pos_;
  std::vector<std::uint32_t> node_pos_;
};

}  // namespace

bpf::Program layout(const CodeGen& gen, Node root, LayoutStats* stats, bool local_returns) {
  return Layout(gen, root, local_returns).run(stats);
}

}  // namespace secco::backend
