// split64: makes every comparison 32-bit, the width of seccomp's BPF. Each operand becomes a
// (high, low) pair: a full argument is (argHN, argLN), a constant K is (K >> 32, K & 0xffffffff),
// a 32-bit run-time value R is (0, R) (zero-extended). Then, exactly (unsigned):
//   a == b   =>  ah == bh && al == bl          a != b  =>  ah != bh || al != bl
//   a <  b   =>  ah < bh || ah == bh && al < bl    (<=, >, >= likewise; only the low test changes)
//   a &? b   =>  ah &? bh || al &? bl
// Sub-tests between constants fold away, so `argL0 == 0x100000000` becomes false and
// `arg0 == 5` tests the high half against 0. Getting the high-half test wrong at the 2^32
// boundary was libseccomp's CVE-2019-9893; the tests probe exactly there.
// When the split would skip evaluating an operand that may trap, the result evaluates it first.
#include <utility>

#include "ir/builder.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

struct Halves {
  ValueId high;
  ValueId low;
};

Halves halves(Builder& b, ValueId v) {
  // Copies of the fields used: the builder appends to the function's values, which may move them
  // (use after free); the whole value would copy its operands and name too.
  const Value& x = b.function().value(v);
  const Opcode op = x.op;
  const std::uint64_t imm = x.imm;
  const SourceRange loc = x.loc;
  if (op == Opcode::ArgFull) {
    unsigned i = static_cast<unsigned>(imm);
    return {b.arg_high(i, loc), b.arg_low(i, loc)};
  }
  if (op == Opcode::Const) return {b.constant(imm >> 32, loc), b.constant(imm & 0xffffffffULL, loc)};
  return {b.constant(0, loc), v};
}

bool is_narrow(const Function& f, ValueId v) {
  const Value& x = f.value(v);
  return x.type == Type::U32 || (x.op == Opcode::Const && x.imm <= 0xffffffffULL);
}

ValueId split_compare(Builder& b, Opcode op, ValueId lhs, ValueId rhs, SourceRange loc) {
  Function& f = b.function();
  if (is_narrow(f, lhs) && is_narrow(f, rhs)) return b.compare(op, lhs, rhs, loc);
  Halves l = halves(b, lhs), r = halves(b, rhs);
  ValueId result;
  switch (op) {
    case Opcode::Eq:
      result = b.land(b.compare(Opcode::Eq, l.high, r.high, loc), b.compare(Opcode::Eq, l.low, r.low, loc), loc);
      break;
    case Opcode::Ne:
      result = b.lor(b.compare(Opcode::Ne, l.high, r.high, loc), b.compare(Opcode::Ne, l.low, r.low, loc), loc);
      break;
    case Opcode::Test:
      result = b.lor(b.compare(Opcode::Test, l.high, r.high, loc), b.compare(Opcode::Test, l.low, r.low, loc), loc);
      break;
    default: {
      // Strict order on the high halves decides; equal high halves defer to the low halves.
      Opcode strict = (op == Opcode::Lt || op == Opcode::Le) ? Opcode::Lt : Opcode::Gt;
      ValueId high_decides = b.compare(strict, l.high, r.high, loc);
      ValueId high_equal = b.compare(Opcode::Eq, l.high, r.high, loc);
      result = b.lor(high_decides, b.land(high_equal, b.compare(op, l.low, r.low, loc), loc), loc);
      break;
    }
  }
  // A run-time operand the split no longer evaluates on every path must still be evaluated.
  for (ValueId operand : {lhs, rhs}) {
    if (f.value(operand).type == Type::U32 && b.may_trap(operand)) result = b.after(operand, result, loc);
  }
  return result;
}

SECCO_SIMPLE_PASS(Split64Pass, "split64", "split 64-bit comparisons into exact 32-bit tests");

PreservedAnalyses Split64Pass::run(Module& m, PassContext& ctx) {
  bool changed = !m.split;
  for (Rule& r : m.rules) {
    if (!may_rewrite(std::as_const(r.body), [](const Value& x) { return is_compare(x.op); })) continue;
    Function rewritten = rewrite_values(
        r.body,
        [](const Function& old, ValueId v, Function& out, ValueSpan ops) {
          const Value& x = old.value(v);
          if (!is_compare(x.op)) return copy_value(old, v, out, ops);
          Builder b(out);
          return split_compare(b, x.op, ops[0], ops[1], x.loc);
        },
        ctx.analyses.liveness(r.body).order);
    rewritten.compact();
    if (same_function(rewritten, std::as_const(r.body))) continue;
    r.body = std::move(rewritten);
    changed = true;
  }
  m.split = true;
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_split64_pass() {
  return std::make_unique<Split64Pass>();
}

}  // namespace secco::passes
