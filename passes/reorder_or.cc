// reorder-or (-O2): in a rule body `a || b || c` that decides the rule (its branch goes
// straight to two returns), moves the alternatives comparing a 64-bit argument's order with a
// constant above 2^32 (`arg0 < 0x100000010`) to the end, keeping the order of the others and of
// those among themselves.
// Why: after split64 such a comparison is three tests of the high half (below, equal, above) and
// one of the low half. Not last, it costs five instructions (`ld hi; jeq #0; jne #1; ld lo;
// jlt`); last, its exits are the rule's own two returns, so the argument tree can test the low
// half first and end in high-half tails (`ld hi; jeq #0, allow, kill`) that every rule ending the
// same way shares: two instructions of its own (docs/backend.md, "Ordering alternatives").
// Guarantees: decisions never change. The alternatives are reordered only when none of them can
// trap (the may-trap analysis: a run-time division or modulo, spec §6), and then `||` is
// commutative. The order depends on each alternative's own form only (not on other rules or the
// ABI), so every ABI of a multi-ABI filter gets the same order for the alternatives it keeps.
#include <algorithm>
#include <utility>
#include <vector>

#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

// 1 for `argN < K` and the like with K of 2^32 or more (and a low half that is not 0): the
// alternatives to evaluate last. 0 for every other one.
int rank(const Function& f, ValueId v) {
  const Value& c = f.value(v);
  if (c.op != Opcode::Lt && c.op != Opcode::Le && c.op != Opcode::Gt && c.op != Opcode::Ge) return 0;
  const Value& a = f.value(c.operands[0]);
  const Value& b = f.value(c.operands[1]);
  const Value* k = a.op == Opcode::Const ? &a : b.op == Opcode::Const ? &b : nullptr;
  const Value* arg = a.op == Opcode::ArgFull ? &a : b.op == Opcode::ArgFull ? &b : nullptr;
  if (k == nullptr || arg == nullptr) return 0;
  return (k->imm >> 32) != 0 && (k->imm & 0xffffffffU) != 0 ? 1 : 0;
}

// The operands of the `||` tree at v, left to right.
void flatten(const Function& f, ValueId v, std::vector<ValueId>& out) {
  std::vector<ValueId> stack{v};
  while (!stack.empty()) {
    ValueId x = stack.back();
    stack.pop_back();
    const Value& d = f.value(x);
    if (d.op != Opcode::LOr) {
      out.push_back(x);
      continue;
    }
    stack.push_back(d.operands[1]);
    stack.push_back(d.operands[0]);
  }
}

bool reorder(Function& f, AnalysisManager& analyses) {
  bool changed = false;
  for (BlockId b = 0; b < f.block_count(); ++b) {
    const Terminator& t = std::as_const(f).block(b).term;
    if (t.kind != Terminator::Kind::Branch || f.value(t.cond).op != Opcode::LOr) continue;
    auto is_return = [&](BlockId s) { return std::as_const(f).block(s).term.kind == Terminator::Kind::Return; };
    if (!is_return(t.on_true) || !is_return(t.on_false)) continue;
    std::vector<ValueId> alts;
    flatten(f, t.cond, alts);
    std::vector<int> ranks;
    for (ValueId a : alts) ranks.push_back(rank(f, a));
    if (std::is_sorted(ranks.begin(), ranks.end())) continue;
    // (Values made by an earlier reordering of this body come after the alternatives' ids.)
    const std::vector<std::uint8_t>& traps = analyses.may_trap(f).trap;
    if (std::any_of(alts.begin(), alts.end(), [&](ValueId a) { return traps[a] != 0; })) continue;
    std::vector<std::size_t> order(alts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return ranks[x] < ranks[y]; });
    const SourceRange loc = f.value(t.cond).loc;
    ValueId cond = alts[order[0]];
    for (std::size_t i = 1; i < order.size(); ++i)
      cond = f.make(Opcode::LOr, Type::Bool, {cond, alts[order[i]]}, 0, loc);
    f.block(b).term.cond = cond;
    changed = true;
  }
  if (changed) f.compact();
  return changed;
}

SECCO_SIMPLE_PASS(ReorderOrPass, "reorder-or",
                  "evaluate 64-bit range tests with a constant above 2^32 last among a rule's || alternatives");

PreservedAnalyses ReorderOrPass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) changed = reorder(r.body, ctx.analyses) || changed;
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_reorder_or_pass() {
  return std::make_unique<ReorderOrPass>();
}

}  // namespace secco::passes
