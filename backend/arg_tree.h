// Argument checks as decision trees. After split64, expand-in and lower-branches an `in`/`notIn`
// list, a range test or several rules of one system call that test the same argument are a run of
// branches on the two 32-bit halves of one argument (or on one computed 32-bit value). Such a run
// (a "region": single entry, every block a comparison of one of those halves with a constant) is
// a function from (high half, low half) to the block it leaves to. ArgTrees recomputes that
// function as intervals (high half first, then per high-half interval the low half) and emits it
// as a range tree: `jge`/`jgt` splits, `jeq` chains for isolated values, a leaf per interval run;
// the high half is loaded once and each low-half subtree loads the low half once.
// A cost model (program length plus expected executed instructions, values uniform over the
// intervals the region distinguishes; ties keep the original code) picks the tree or the code the
// branches would have become. See docs/backend.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "backend/codegen.h"
#include "ir/function.h"

namespace secco::backend {

// One rule's CFG after jump threading, as instruction selection walks it.
struct ThreadedCfg {
  const ir::Function& f;
  const std::vector<ir::BlockId>& rpo;
  const std::vector<ir::BlockId>& succ_true;   // Jump blocks: the target
  const std::vector<ir::BlockId>& succ_false;  // Branch blocks only
  const std::vector<std::uint8_t>& reached;    // blocks still reached after threading
};

// How instruction selection reads an argument's halves on the target ABI; a tree reads them the
// same way, and its cost is measured on that code.
struct ArgLayout {
  bool big_endian = false;  // the high half at the lower offset
  bool args32 = false;      // 32-bit arguments: the high half is 0, computed as `ld #0` (spec §10)
};

// What the tree's builder needs from instruction selection at a region's head.
struct TreeContext {
  CodeGen& gen;
  const std::vector<Node>& node;  // the code of each block already built (every block after the head)
  // What each block's code expects in A on entry (kNoValue: nothing); a leaf reaching a block with
  // another value in A loads the expected one first.
  const std::vector<ir::ValueId>& entry_a;
  std::function<Node(ir::ValueId, Node)> eval;  // code computing a value into A, then `cont`
  // Nodes numbered below this were made while selecting earlier rules (see ArgTrees::choose).
  Node first_new = 0;
};

// Measured shape of a piece of code between a region's head and its exits.
struct TreeCost {
  std::size_t length = 0;  // instructions
  unsigned worst = 0;      // longest path, in executed instructions
  double expected = 0;     // mean executed instructions, uniform over the distinguished intervals
  double score() const { return static_cast<double>(length) + expected; }
};

class ArgTrees {
 public:
  // Finds the regions (top-down over the threaded CFG).
  ArgTrees(const ThreadedCfg& cfg, ArgLayout layout);

  // Called for a branch block while code is built bottom-up, with the code the block's branch
  // would get (`plain`) and what A holds on entry (kNoValue if unknown). Returns the code to use
  // for the block: a tree when `b` heads a region and a tree is cheaper, else `plain`.
  Node choose(ir::BlockId b, Node plain, ir::ValueId a_holds, const TreeContext& cx);

  // How often choose() took the tree (for tests and statistics).
  std::size_t trees_used() const { return used_; }

 private:
  struct Test {
    ir::Opcode op;  // Eq, Ne, Gt, Le, Ge, Lt
    ir::ValueId lhs;
    std::uint32_t k;
    bool high;  // lhs is the high half of the region's argument
  };
  struct Region {
    std::vector<ir::BlockId> members;  // in reverse post-order, head first
    std::optional<std::uint64_t> arg;  // an argument's halves, or (nullopt) one computed value
  };

  std::optional<Test> test_of(ir::BlockId b) const;
  bool same_family(const Region& r, const Test& t, const Test& head) const;

  ThreadedCfg cfg_;  // holds references only
  ArgLayout layout_;
  std::vector<std::uint32_t> region_of_;  // per block: index into regions_ + 1 (0: none)
  std::vector<Region> regions_;
  std::size_t used_ = 0;
};

}  // namespace secco::backend
