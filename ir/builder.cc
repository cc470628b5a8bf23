#include "ir/builder.h"

#include "ir/arith_rules.h"
#include "ir/constant_eval.h"

namespace secco::ir {

bool Builder::may_trap(ValueId v) {
  if (trap_cache_.size() < f_.value_count()) trap_cache_.resize(f_.value_count(), -1);
  if (trap_cache_[v] >= 0) return trap_cache_[v] == 1;
  const Value& x = f_.value(v);
  bool trap = false;
  if ((x.op == Opcode::Div || x.op == Opcode::Mod) && x.type == Type::U32) {
    const Value& d = f_.value(x.operands[1]);
    trap = !(d.op == Opcode::Const && !word_divisor_traps(d.imm));
  }
  // Operands by index: the recursion grows trap_cache_, never the values, but reads them anew.
  for (std::size_t i = 0; i < f_.value(v).operands.size(); ++i) trap = may_trap(f_.value(v).operands[i]) || trap;
  trap_cache_[v] = trap ? 1 : 0;
  return trap;
}

ValueId Builder::arith(Opcode op, Type type, ValueId a, ValueId b, SourceRange loc) {
  bool unary = op == Opcode::BitNot;
  if (is_const(a) && (unary || is_const(b))) {
    auto r = fold_arith(op, f_.value(a).imm, unary ? 0 : f_.value(b).imm, type == Type::U32 ? 32 : 64);
    if (r) return constant(*r, loc);
  }
  return unary ? f_.make(op, type, {a}, 0, loc) : f_.make(op, type, {a, b}, 0, loc);
}

ValueId Builder::compare(Opcode op, ValueId a, ValueId b, SourceRange loc) {
  if (is_const(a) && is_const(b)) return boolean(fold_compare(op, f_.value(a).imm, f_.value(b).imm), loc);
  return f_.make(op, Type::Bool, {a, b}, 0, loc);
}

ValueId Builder::land(ValueId a, ValueId b, SourceRange loc) {
  if (is_false(a)) return a;
  if (is_true(a)) return b;
  if (is_true(b)) return a;
  if (is_false(b) && !may_trap(a)) return b;
  if (a == b) return a;
  return f_.make(Opcode::LAnd, Type::Bool, {a, b}, 0, loc);
}

ValueId Builder::lor(ValueId a, ValueId b, SourceRange loc) {
  if (is_true(a)) return a;
  if (is_false(a)) return b;
  if (is_false(b)) return a;
  if (is_true(b) && !may_trap(a)) return b;
  if (a == b) return a;
  return f_.make(Opcode::LOr, Type::Bool, {a, b}, 0, loc);
}

ValueId Builder::lnot(ValueId a, SourceRange loc) {
  const Value& x = f_.value(a);
  if (x.op == Opcode::ConstBool) return boolean(x.imm == 0, loc);
  if (x.op == Opcode::LNot) return x.operands[0];
  if (auto neg = negated_compare(x.op)) {
    ValueId l = x.operands[0], r = x.operands[1];
    return compare(*neg, l, r, loc);
  }
  return f_.make(Opcode::LNot, Type::Bool, {a}, 0, loc);
}

ValueId Builder::after(ValueId trapping, ValueId result, SourceRange loc) {
  // (trapping & 0) == 0 is always true but evaluates `trapping` first.
  ValueId zero = constant(0, loc);
  ValueId masked = f_.make(Opcode::And, Type::U32, {trapping, zero}, 0, loc);
  ValueId evaluated = f_.make(Opcode::Eq, Type::Bool, {masked, zero}, 0, loc);
  return f_.make(Opcode::LAnd, Type::Bool, {evaluated, result}, 0, loc);
}

}  // namespace secco::ir
