// lower-branches: turns the boolean operators of each branch condition into control flow, so
// that every remaining condition is one comparison (or a constant):
//   br (a && b), T, F   =>   br a, B, F ;  B: br b, T, F
//   br (a || b), T, F   =>   br a, T, B ;  B: br b, T, F
//   br !a, T, F         =>   br a, F, T
//   br true, T, F       =>   jump T
// This is exactly short-circuit evaluation. Worklist-driven, so a 100,000-term condition does
// not recurse 100,000 deep.
#include <utility>

#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

void lower_function(Function& f) {
  struct Item {
    BlockId block;
    ValueId cond;
    BlockId on_true;
    BlockId on_false;
  };
  std::vector<Item> work;
  std::size_t original = f.block_count();
  std::size_t operators = 0;  // each use of one adds a block: room for one use each
  for (BlockId b = 0; b < original; ++b) {
    const Terminator& t = std::as_const(f).block(b).term;
    if (t.kind == Terminator::Kind::Branch) work.push_back({b, t.cond, t.on_true, t.on_false});
  }
  for (ValueId v : f.live_values()) {
    Opcode op = f.value(v).op;
    if (op == Opcode::LAnd || op == Opcode::LOr) ++operators;
  }
  f.blocks().reserve(original + operators);
  while (!work.empty()) {
    Item it = work.back();
    work.pop_back();
    const Value& c = f.value(it.cond);
    switch (c.op) {
      case Opcode::LAnd:
      case Opcode::LOr: {
        ValueId lhs = c.operands[0], rhs = c.operands[1];
        bool is_and = c.op == Opcode::LAnd;
        BlockId second = f.add_block();
        work.push_back({second, rhs, it.on_true, it.on_false});
        work.push_back(is_and ? Item{it.block, lhs, second, it.on_false} : Item{it.block, lhs, it.on_true, second});
        break;
      }
      case Opcode::LNot:
        work.push_back({it.block, c.operands[0], it.on_false, it.on_true});
        break;
      case Opcode::ConstBool:
        f.block(it.block).term =
            Terminator{Terminator::Kind::Jump, kNoValue, c.imm ? it.on_true : it.on_false, kNoBlock, {}};
        break;
      default:
        f.block(it.block).term = Terminator{Terminator::Kind::Branch, it.cond, it.on_true, it.on_false, {}};
        break;
    }
  }
  f.compact();
}

// Whether lower_function changes `f`: it rewrites every branch on a boolean operator or a
// constant, rebuilds every branch terminator without an action, and compacts.
bool needs_lowering(const Function& f) {
  if (!f.is_compact()) return true;
  for (const Block& b : f.blocks()) {
    const Terminator& t = b.term;
    if (t.kind != Terminator::Kind::Branch) continue;
    Opcode op = f.value(t.cond).op;
    if (op == Opcode::LAnd || op == Opcode::LOr || op == Opcode::LNot || op == Opcode::ConstBool) return true;
    const ActionOperand& a = t.action;
    const ActionOperand none;
    if (t.yielded != kNoValue || a.form != none.form || !(a.action == none.action) || !a.name.empty() || a.scope != 0 ||
        a.loc.begin != none.loc.begin || a.loc.end != none.loc.end)
      return true;
  }
  return false;
}

SECCO_SIMPLE_PASS(LowerBranchesPass, "lower-branches", "lower boolean operators to short-circuit branches");

PreservedAnalyses LowerBranchesPass::run(Module& m, PassContext&) {
  bool changed = !m.branchy;
  for (Rule& r : m.rules) {
    // A body with nothing to lower is left alone; any other changes, so it is lowered in place.
    if (!needs_lowering(std::as_const(r.body))) continue;
    lower_function(r.body);
    changed = true;
  }
  m.branchy = true;
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_lower_branches_pass() {
  return std::make_unique<LowerBranchesPass>();
}

}  // namespace secco::passes
