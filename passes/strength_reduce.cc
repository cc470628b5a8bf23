// strength-reduce (-O2): replaces run-time multiplication, division and modulo by a power of two
// with shifts and masks, which are one BPF instruction each (a modulo otherwise costs seven:
// seccomp has no BPF_MOD).
//   x * 2^k  =>  x << k        x / 2^k  =>  x >> k        x % 2^k  =>  x & (2^k - 1)
// Guarantees: decisions never change (the arithmetic is unsigned 32-bit, where these identities
// are exact), no value that may trap is added or removed (the divisor is a non-zero constant).
// This is the worked example of docs/writing-a-pass.md.
#include <optional>

#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

// log2(k) if k is a power of two within 32 bits.
std::optional<unsigned> exact_log2(std::uint64_t k) {
  k &= 0xffffffffULL;  // run-time arithmetic uses constants modulo 2^32
  if (k == 0 || (k & (k - 1)) != 0) return std::nullopt;
  unsigned n = 0;
  while ((k >>= 1) != 0) ++n;
  return n;
}

SECCO_SIMPLE_PASS(StrengthReducePass, "strength-reduce", "turn *, / and % by powers of two into shifts and masks");

bool StrengthReducePass::run(Module& m, PassContext&) {
  bool changed = false;
  for (Rule& r : m.rules) {
    r.body = rewrite_values(r.body, [&](const Function& old, ValueId v, Function& out, std::vector<ValueId> ops) {
      const Value& x = old.value(v);
      bool candidate = x.type == Type::U32 && (x.op == Opcode::Mul || x.op == Opcode::Div || x.op == Opcode::Mod);
      const Value* k = candidate ? &out.value(ops[1]) : nullptr;
      auto shift = k && k->op == Opcode::Const ? exact_log2(k->imm) : std::nullopt;
      if (!shift) return copy_value(old, v, out, std::move(ops));
      changed = true;
      if (x.op == Opcode::Mod) {
        ValueId mask = out.constant((1ULL << *shift) - 1, x.loc);
        return out.make(Opcode::And, Type::U32, {ops[0], mask}, 0, x.loc);
      }
      ValueId amount = out.constant(*shift, x.loc);
      return out.make(x.op == Opcode::Mul ? Opcode::Shl : Opcode::Shr, Type::U32, {ops[0], amount}, 0, x.loc);
    });
    r.body.compact();
  }
  return changed;
}

}  // namespace

std::unique_ptr<Pass> make_strength_reduce_pass() {
  return std::make_unique<StrengthReducePass>();
}

}  // namespace secco::passes
