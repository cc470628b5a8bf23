#include "ir/constant_eval.h"

#include "ir/arith_rules.h"

namespace secco::ir {

std::optional<std::uint64_t> fold_arith(Opcode op, std::uint64_t a, std::uint64_t b, unsigned width) {
  const std::uint64_t mask = width >= 64 ? ~0ULL : ((1ULL << width) - 1);
  a &= mask;
  b &= mask;
  switch (op) {
    case Opcode::Add:
      return (a + b) & mask;
    case Opcode::Sub:
      return (a - b) & mask;
    case Opcode::Mul:
      return (a * b) & mask;
    case Opcode::Div:
      if (b == 0) return std::nullopt;
      return a / b;
    case Opcode::Mod:
      if (b == 0) return std::nullopt;
      return a % b;
    case Opcode::And:
      return a & b;
    case Opcode::Or:
      return a | b;
    case Opcode::Xor:
      return a ^ b;
    case Opcode::Shl:
      return shift_gives_zero(b, width) ? 0 : (a << b) & mask;
    case Opcode::Shr:
      return shift_gives_zero(b, width) ? 0 : a >> b;
    case Opcode::BitNot:
      return ~a & mask;
    default:
      return std::nullopt;
  }
}

bool fold_compare(Opcode op, std::uint64_t a, std::uint64_t b) {
  switch (op) {
    case Opcode::Eq:
      return a == b;
    case Opcode::Ne:
      return a != b;
    case Opcode::Lt:
      return a < b;
    case Opcode::Le:
      return a <= b;
    case Opcode::Gt:
      return a > b;
    case Opcode::Ge:
      return a >= b;
    case Opcode::Test:
      return (a & b) != 0;
    default:
      return false;
  }
}

std::optional<std::uint64_t> evaluate_constant(const Function& f, ValueId v) {
  const Value& x = f.value(v);
  if (x.op == Opcode::Const) return x.imm;
  if (!is_arith(x.op)) return std::nullopt;
  auto a = evaluate_constant(f, x.operands[0]);
  if (!a) return std::nullopt;
  std::uint64_t b = 0;
  if (x.op != Opcode::BitNot) {
    auto bb = evaluate_constant(f, x.operands[1]);
    if (!bb) return std::nullopt;
    b = *bb;
  }
  return fold_arith(x.op, *a, b, 64);
}

}  // namespace secco::ir
