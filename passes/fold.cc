// fold: evaluates constant arithmetic in unsigned 64 bits (wrapping), comparisons of constants and
// boolean operators with constant operands, and shifts of run-time values by 32 or more (which
// give 0). It is required (the backend cannot compute 64-bit constants) and never removes the
// evaluation of a value that may trap. A rule body that folds to a constant gets a warning: it
// then always takes that constant's action (a false body takes the negative action).
#include <utility>

#include "ir/arith_rules.h"
#include "ir/builder.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

ValueId fold_value(const Function& old, ValueId v, Function& out, ValueSpan ops) {
  const Value& x = old.value(v);
  Builder b(out);
  if (is_arith(x.op)) {
    ValueId rhs = ops.size() > 1 ? ops[1] : kNoValue;
    if ((x.op == Opcode::Shl || x.op == Opcode::Shr) && x.type == Type::U32 && b.is_const(rhs) &&
        shift_gives_zero(as_word(out.value(rhs).imm), 32) && !b.may_trap(ops[0]))
      return b.constant(0, x.loc);
    return b.arith(x.op, x.type, ops[0], rhs, x.loc);
  }
  if (is_compare(x.op)) return b.compare(x.op, ops[0], ops[1], x.loc);
  if (x.op == Opcode::LAnd) return b.land(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LOr) return b.lor(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LNot && out.value(ops[0]).op == Opcode::ConstBool) return b.lnot(ops[0], x.loc);
  return copy_value(old, v, out, ops);
}

// The values fold_value may replace; it copies every other one.
bool folds(const Value& x) {
  return is_arith(x.op) || is_compare(x.op) || x.op == Opcode::LAnd || x.op == Opcode::LOr || x.op == Opcode::LNot;
}

SECCO_SIMPLE_PASS(FoldPass, "fold", "fold constant arithmetic and comparisons");

PreservedAnalyses FoldPass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) {
    const Function& body = r.body;
    if (!may_rewrite(body, folds)) continue;
    const Terminator& entry = body.block(0).term;
    bool was_constant = entry.kind != Terminator::Kind::Branch || body.value(entry.cond).op == Opcode::ConstBool;
    Function out = rewrite_values(body, fold_value, ctx.analyses.liveness(body).order);
    const Terminator& t = std::as_const(out).block(0).term;
    if (!was_constant && t.kind == Terminator::Kind::Branch && out.value(t.cond).op == Opcode::ConstBool)
      ctx.diags.report(diag::warn_body_constant, r.loc) << r.syscall << (out.value(t.cond).imm ? "true" : "false");
    out.compact();
    if (same_function(out, body)) continue;
    r.body = std::move(out);
    changed = true;
  }
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_fold_pass() {
  return std::make_unique<FoldPass>();
}

}  // namespace secco::passes
