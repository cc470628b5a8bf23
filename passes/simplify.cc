// simplify (optional, -O1 and up): algebraic and boolean identities that make smaller programs.
//   x + 0, x - 0, x | 0, x ^ 0, x << 0, x >> 0, x * 1, x / 1  =>  x
//   x * 0, x & 0  =>  0                     (only if x cannot trap)
//   !!a => a, !(a < b) => a >= b, a && a => a, a || a => a
//   comparisons of a 32-bit value with a constant that decide nothing:
//   u32 >= 0, u32 <= 0xffffffff => true;  u32 < 0, u32 > 0xffffffff => false
//   u32 == K, u32 < K, ... with K >= 2^32 => the mathematical outcome
// It never removes the evaluation of a value that may trap.
#include <utility>

#include "ir/arith_rules.h"
#include "ir/builder.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

ValueId narrow(Builder& b, ValueId v) {
  const Value& x = b.function().value(v);
  return x.op == Opcode::Const && x.imm > kWordMask ? b.constant(as_word(x.imm), x.loc) : v;
}

ValueId simplify_arith(Builder& b, const Value& x, ValueSpan ops) {
  Function& f = b.function();
  if (x.op == Opcode::BitNot || x.type != Type::U32)
    return b.arith(x.op, x.type, ops[0], ops.size() > 1 ? ops[1] : kNoValue, x.loc);
  // An operand that became a constant is used modulo 2^32 by this 32-bit operation: when an
  // identity returns it as the result, it must be reduced (`(K * argL0) + C` with K = 2^32
  // simplifies to C mod 2^32, not to C).
  ValueId l = narrow(b, ops[0]), r = narrow(b, ops[1]);
  auto konst = [&](ValueId v, std::uint64_t k) { return b.is_const(v) && as_word(f.value(v).imm) == k; };
  switch (x.op) {
    case Opcode::Add:
    case Opcode::Or:
    case Opcode::Xor:
      if (konst(r, 0)) return l;
      if (konst(l, 0)) return r;
      break;
    case Opcode::Sub:
    case Opcode::Shl:
    case Opcode::Shr:
      if (konst(r, 0)) return l;
      break;
    case Opcode::Mul:
      if (konst(r, 1)) return l;
      if (konst(l, 1)) return r;
      if (konst(r, 0) && !b.may_trap(l)) return b.constant(0, x.loc);
      if (konst(l, 0) && !b.may_trap(r)) return b.constant(0, x.loc);
      break;
    case Opcode::Div:
      if (konst(r, 1)) return l;
      break;
    case Opcode::And:
      if (konst(r, kWordMask)) return l;
      if (konst(l, kWordMask)) return r;
      if (konst(r, 0) && !b.may_trap(l)) return b.constant(0, x.loc);
      if (konst(l, 0) && !b.may_trap(r)) return b.constant(0, x.loc);
      break;
    default:
      break;
  }
  return b.arith(x.op, x.type, l, r, x.loc);
}

ValueId simplify_compare(Builder& b, const Value& x, ValueSpan ops) {
  Function& f = b.function();
  ValueId l = ops[0], r = ops[1];
  Opcode op = x.op;
  if (b.is_const(l) && !b.is_const(r)) {
    std::swap(l, r);
    op = swapped_compare(op);
  }
  if (f.value(l).type == Type::U32 && b.is_const(r) && !b.may_trap(l)) {
    std::uint64_t k = f.value(r).imm;
    if (auto outcome = word_vs_wide_constant(op, k)) return b.boolean(*outcome, x.loc);
    if (op == Opcode::Ge && k == 0) return b.boolean(true, x.loc);
    if (op == Opcode::Lt && k == 0) return b.boolean(false, x.loc);
    if (op == Opcode::Le && k == kWordMask) return b.boolean(true, x.loc);
    if (op == Opcode::Gt && k == kWordMask) return b.boolean(false, x.loc);
    if (op == Opcode::Test && as_word(k) == 0) return b.boolean(false, x.loc);
  }
  if (l == r && !b.may_trap(l) && op != Opcode::Test)
    return b.boolean(op == Opcode::Eq || op == Opcode::Le || op == Opcode::Ge, x.loc);
  return b.compare(op, l, r, x.loc);
}

ValueId simplify_value(const Function& old, ValueId v, Function& out, ValueSpan ops) {
  const Value& x = old.value(v);
  Builder b(out);
  if (is_arith(x.op)) return simplify_arith(b, x, ops);
  if (is_compare(x.op)) return simplify_compare(b, x, ops);
  if (x.op == Opcode::LAnd) return b.land(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LOr) return b.lor(ops[0], ops[1], x.loc);
  if (x.op == Opcode::LNot) return b.lnot(ops[0], x.loc);
  return copy_value(old, v, out, ops);
}

// The values simplify_value may replace; it copies every other one.
bool simplifies(const Value& x) {
  return is_arith(x.op) || is_compare(x.op) || x.op == Opcode::LAnd || x.op == Opcode::LOr || x.op == Opcode::LNot;
}

SECCO_SIMPLE_PASS(SimplifyPass, "simplify", "simplify boolean identities and comparisons with known outcome");

PreservedAnalyses SimplifyPass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) {
    if (!may_rewrite(std::as_const(r.body), simplifies)) continue;
    Function out = rewrite_values(r.body, simplify_value, ctx.analyses.liveness(r.body).order);
    out.compact();
    if (same_function(out, std::as_const(r.body))) continue;
    r.body = std::move(out);
    changed = true;
  }
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_simplify_pass() {
  return std::make_unique<SimplifyPass>();
}

}  // namespace secco::passes
