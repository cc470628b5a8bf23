// One system call of a raw program as a decision tree (internal to explain): the program unfolded
// with nr and arch known, its argument tests as branches, its return values as leaves. The rules
// `explain` writes are read off these trees.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bpf/program.h"
#include "semantics/explain.h"
#include "semantics/explain_cond.h"
#include "target/target.h"

namespace secco::semantics {

inline constexpr std::uint32_t kKillThread = 0, kAllow = 0x7fff0000U;

struct Node {
  bool leaf = false;
  std::uint32_t action = 0;  // leaf: canonical return value
  CondPtr test;              // branch: the literal taken to `t`
  std::unique_ptr<Node> t, f;
};

// What an unfolding may take as given about argL0 (the low word of arg0), to read a multiplexer's
// code for one sub-call, or for the calls no sub-call rule decides. Tests these settle are not
// branches of the tree.
struct Arg0Assumption {
  std::uint32_t mask = 0;   // the bits of argL0 that are known,
  std::uint32_t value = 0;  // and their values (value & ~mask == 0)
  // `argL0 & excluded_mask` (the whole word when ~0) is none of these.
  std::uint32_t excluded_mask = 0xffffffffU;
  std::vector<std::uint32_t> excluded;
};

// The tree of system call `nr` on `target`, and its actions (canonical, sorted).
std::unique_ptr<Node> unfold(const bpf::Program& program, const Target& target, std::uint32_t nr,
                             std::vector<std::uint32_t>& actions, const Arg0Assumption& assume = {});

// The condition under which the tree reaches `action`.
CondPtr reaches(const Node& n, std::uint32_t action);

// The table's name of `nr`, or "nr N".
std::string name_of(const Target& target, std::uint32_t nr);

// The rule of a tree with one or two actions (`actions` from unfold); ExplainError naming `name`
// for more.
SyscallRule rule_of_tree(const Node& tree, const std::vector<std::uint32_t>& actions, std::uint32_t nr,
                         const std::string& name);

}  // namespace secco::semantics
