#include "backend/jump_layout.h"

#include <algorithm>
#include <stdexcept>

namespace secco::backend {
namespace {

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

// One slot of the linear program: a DAG node, or a `ja` to a node.
struct Slot {
  Node node;
  bool trampoline;
};

}  // namespace

bpf::Program layout(const CodeGen& gen, Node root) {
  std::vector<Node> order = order_nodes(gen, root);
  std::vector<Slot> slots;
  for (std::size_t i = 0; i < order.size(); ++i) {
    Node n = order[i];
    slots.push_back({n, false});
    const NodeData& d = gen.node(n);
    bool falls_through =
        !is_conditional_jump(d.code) && bpf::op::cls(d.code) != bpf::op::RET && !(bpf::op::cls(d.code) == bpf::op::JMP);
    if (falls_through && (i + 1 >= order.size() || order[i + 1] != d.jt)) slots.push_back({d.jt, true});
  }
  // far[n] bit 0: jt routed through a trampoline, bit 1: jf.
  std::vector<std::uint8_t> far(gen.size(), 0);
  std::vector<std::size_t> pos(gen.size(), 0);
  for (;;) {
    for (std::size_t i = 0; i < slots.size(); ++i)
      if (!slots[i].trampoline) pos[slots[i].node] = i;
    bool changed = false;
    std::vector<Slot> next;
    next.reserve(slots.size() + 8);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      next.push_back(slots[i]);
      if (slots[i].trampoline || !is_conditional_jump(gen.node(slots[i].node).code)) continue;
      Node n = slots[i].node;
      const NodeData& d = gen.node(n);
      // Offsets with the trampolines already in place right after this slot.
      std::size_t tramps = (far[n] & 1 ? 1 : 0) + (far[n] & 2 ? 1 : 0);
      std::uint8_t want = far[n];
      if (!(far[n] & 1) && pos[d.jt] - i - 1 > 255) want |= 1;
      if (!(far[n] & 2) && pos[d.jf] - i - 1 > 255) want |= 2;
      if (want != far[n]) {
        changed = true;
        // Drop existing trampolines of this node (they follow it) and re-add in fixed order.
        i += tramps;
        far[n] = want;
        if (want & 1) next.push_back({d.jt, true});
        if (want & 2) next.push_back({d.jf, true});
      }
    }
    slots = std::move(next);
    if (!changed) break;
  }
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (!slots[i].trampoline) pos[slots[i].node] = i;
  bpf::Program prog;
  prog.reserve(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& s = slots[i];
    if (s.trampoline) {
      prog.push_back(bpf::stmt(bpf::op::JMP | bpf::op::JA, static_cast<std::uint32_t>(pos[s.node] - i - 1)));
      continue;
    }
    const NodeData& d = gen.node(s.node);
    bpf::Insn insn{d.code, 0, 0, d.k};
    if (is_conditional_jump(d.code)) {
      std::size_t t = (far[s.node] & 1) ? i + 1 : pos[d.jt];
      std::size_t f = (far[s.node] & 2) ? i + 1 + ((far[s.node] & 1) ? 1 : 0) : pos[d.jf];
      if (t - i - 1 > 255 || f - i - 1 > 255 || t <= i || f <= i)
        throw std::logic_error("jump layout: jump out of range");
      insn.jt = static_cast<std::uint8_t>(t - i - 1);
      insn.jf = static_cast<std::uint8_t>(f - i - 1);
    } else if (bpf::op::cls(d.code) == bpf::op::JMP) {
      insn.k = static_cast<std::uint32_t>(pos[d.jt] - i - 1);
    }
    prog.push_back(insn);
  }
  return prog;
}

}  // namespace secco::backend
