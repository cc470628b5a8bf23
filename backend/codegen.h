// The instruction DAG the backend builds programs in, after Chromium's bpf_dsl CodeGen.
// Instructions are made bottom-up: a node can only point at nodes that already exist, so every
// jump is forward by construction. make() is hash-consed on (code, k, successors): identical
// tails (the same `ret`, the same check) exist once and are jumped to from everywhere.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "bpf/program.h"

namespace secco::backend {

using Node = std::uint32_t;
inline constexpr Node kNullNode = 0xffffffffU;

struct NodeData {
  std::uint16_t code = 0;
  std::uint32_t k = 0;
  Node jt = kNullNode;  // conditional jumps: taken; ja: target; other non-returns: next
  Node jf = kNullNode;  // conditional jumps: not taken
};

class CodeGen {
 public:
  // A straight-line instruction followed by `next` (kNullNode only for returns).
  Node stmt(std::uint16_t code, std::uint32_t k, Node next);
  // A return.
  Node ret(std::uint32_t value) { return stmt(bpf::op::RET | bpf::op::K, value, kNullNode); }
  // A conditional jump; a jump whose two targets are equal is no jump at all.
  Node branch(std::uint16_t code, std::uint32_t k, Node jt, Node jf);

  const NodeData& node(Node n) const { return nodes_.at(n); }
  std::size_t size() const { return nodes_.size(); }
  // Nodes reachable from `root` (how many instructions a sub-program takes before layout).
  std::size_t reachable_count(Node root) const;
  // Marks the nodes reachable from `root` as part of the program (a rule's code once chosen), so
  // that a later rule sharing them knows they cost nothing more.
  void mark_used(Node root);
  bool used(Node n) const { return n < used_.size() && used_[n] != 0; }

 private:
  Node make(const NodeData& d);
  std::vector<NodeData> nodes_;
  std::vector<std::uint8_t> used_;
  std::map<std::tuple<std::uint16_t, std::uint32_t, Node, Node>, Node> index_;
};

bool is_conditional_jump(std::uint16_t code);

}  // namespace secco::backend
