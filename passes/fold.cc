// fold: evaluates constant arithmetic in unsigned 64 bits (wrapping), comparisons of constants and
// boolean operators with constant operands, and shifts of run-time values by 32 or more (which
// give 0). It is required (the backend cannot compute 64-bit constants) and never removes the
// evaluation of a value that may trap. A rule body that folds to a constant gets a warning: it
// then always takes that constant's action (a false body takes the negative action).
#include "ir/builder.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

ValueId fold_value(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops) {
  const Value& x = old.value(v);
  Builder b(out);
  if (is_arith(x.op)) {
    ValueId rhs = ops.size() > 1 ? ops[1] : kNoValue;
    if ((x.op == Opcode::Shl || x.op == Opcode::Shr) && x.type == Type::U32 && b.is_const(rhs) &&
        (out.value(rhs).imm & 0xffffffffULL) >= 32 && !b.may_trap(ops[0]))
      return b.constant(0, x.loc);
    return b.arith(x.op, x.type, ops[0], rhs, x.loc);
  }
  if (is_compare(x.op)) return b.compare(x.op, ops[0], ops[1], x.loc);
  if (x.op == Opcode::LAnd) return b.land(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LOr) return b.lor(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LNot && out.value(ops[0]).op == Opcode::ConstBool) return b.lnot(ops[0], x.loc);
  return copy_value(old, v, out, std::move(ops));
}

SECCO_SIMPLE_PASS(FoldPass, "fold", "fold constant arithmetic and comparisons");

bool FoldPass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) {
    std::size_t before = r.body.live_values().size();
    const Terminator& entry = r.body.block(0).term;
    bool was_constant = entry.kind != Terminator::Kind::Branch || r.body.value(entry.cond).op == Opcode::ConstBool;
    r.body = rewrite_values(r.body, fold_value);
    const Terminator& t = r.body.block(0).term;
    if (!was_constant && t.kind == Terminator::Kind::Branch && r.body.value(t.cond).op == Opcode::ConstBool)
      ctx.diags.report(diag::warn_body_constant, r.loc) << r.syscall << (r.body.value(t.cond).imm ? "true" : "false");
    r.body.compact();
    changed = changed || r.body.live_values().size() != before;
  }
  return changed;
}

}  // namespace

std::unique_ptr<Pass> make_fold_pass() {
  return std::make_unique<FoldPass>();
}

}  // namespace secco::passes
