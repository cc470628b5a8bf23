#include "backend/codegen.h"

namespace secco::backend {

bool is_conditional_jump(std::uint16_t code) {
  return bpf::op::cls(code) == bpf::op::JMP && bpf::op::jmp_op(code) != bpf::op::JA;
}

Node CodeGen::make(const NodeData& d) {
  auto key = std::make_tuple(d.code, d.k, d.jt, d.jf);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  auto id = static_cast<Node>(nodes_.size());
  nodes_.push_back(d);
  index_.emplace(key, id);
  return id;
}

Node CodeGen::stmt(std::uint16_t code, std::uint32_t k, Node next) {
  return make({code, k, next, kNullNode});
}

Node CodeGen::branch(std::uint16_t code, std::uint32_t k, Node jt, Node jf) {
  if (jt == jf) return jt;
  return make({code, k, jt, jf});
}

std::size_t CodeGen::reachable_count(Node root) const {
  std::vector<std::uint8_t> seen(nodes_.size(), 0);
  std::vector<Node> stack{root};
  std::size_t count = 0;
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (n == kNullNode || seen[n]) continue;
    seen[n] = 1;
    ++count;
    stack.push_back(nodes_[n].jt);
    stack.push_back(nodes_[n].jf);
  }
  return count;
}

void CodeGen::mark_used(Node root) {
  used_.resize(nodes_.size(), 0);
  std::vector<Node> stack{root};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (n == kNullNode || used_[n]) continue;
    used_[n] = 1;
    stack.push_back(nodes_[n].jt);
    stack.push_back(nodes_[n].jf);
  }
}

}  // namespace secco::backend
