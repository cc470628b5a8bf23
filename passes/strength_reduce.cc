// strength-reduce (-O2): replaces run-time multiplication, division and modulo by a power of two
// with shifts and masks, which are one BPF instruction each (a modulo otherwise costs seven:
// seccomp has no BPF_MOD).
//   x * 2^k  =>  x << k        x / 2^k  =>  x >> k        x % 2^k  =>  x & (2^k - 1)
// Guarantees: decisions never change (the arithmetic is unsigned 32-bit, where these identities
// are exact), no value that may trap is added or removed (the divisor is a non-zero constant).
// This is the worked example of docs/writing-a-pass.md.
#include <utility>

#include "ir/arith_rules.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

SECCO_SIMPLE_PASS(StrengthReducePass, "strength-reduce", "turn *, / and % by powers of two into shifts and masks");

PreservedAnalyses StrengthReducePass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) {
    // Only a 32-bit *, / or % can be reduced; a body without one stays as it is.
    if (!may_rewrite(std::as_const(r.body), [](const Value& x) {
          return x.type == Type::U32 && (x.op == Opcode::Mul || x.op == Opcode::Div || x.op == Opcode::Mod);
        }))
      continue;
    bool reduced = false;
    Function rewritten = rewrite_values(
        r.body,
        [&](const Function& old, ValueId v, Function& out, ValueSpan ops) {
          const Value& x = old.value(v);
          bool candidate = x.type == Type::U32 && (x.op == Opcode::Mul || x.op == Opcode::Div || x.op == Opcode::Mod);
          const Value* k = candidate ? &out.value(ops[1]) : nullptr;
          auto shift = k && k->op == Opcode::Const ? word_power_of_two(k->imm) : std::nullopt;
          if (!shift) return copy_value(old, v, out, ops);
          reduced = true;
          if (x.op == Opcode::Mod) {
            ValueId mask = out.constant((1ULL << *shift) - 1, x.loc);
            return out.make(Opcode::And, Type::U32, {ops[0], mask}, 0, x.loc);
          }
          ValueId amount = out.constant(*shift, x.loc);
          return out.make(x.op == Opcode::Mul ? Opcode::Shl : Opcode::Shr, Type::U32, {ops[0], amount}, 0, x.loc);
        },
        ctx.analyses.liveness(r.body).order);
    if (!reduced) continue;  // the body stays as it was
    rewritten.compact();
    r.body = std::move(rewritten);
    changed = true;
  }
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_strength_reduce_pass() {
  return std::make_unique<StrengthReducePass>();
}

}  // namespace secco::passes
