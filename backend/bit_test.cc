#include "backend/bit_test.h"

namespace secco::backend {

std::optional<BitTest> as_bit_test(const ir::Function& f, ir::ValueId cond) {
  using ir::Opcode;
  const ir::Value& c = f.value(cond);
  if ((c.op != Opcode::Eq && c.op != Opcode::Ne) || c.operands.size() != 2) return std::nullopt;
  auto constant = [&](ir::ValueId v) -> std::optional<std::uint32_t> {
    const ir::Value& x = f.value(v);
    if (x.op != Opcode::Const || x.imm > 0xffffffffULL) return std::nullopt;
    return static_cast<std::uint32_t>(x.imm);
  };
  ir::ValueId masked = c.operands[0];
  std::optional<std::uint32_t> rhs = constant(c.operands[1]);
  if (!rhs) {
    masked = c.operands[1];
    rhs = constant(c.operands[0]);
  }
  if (!rhs) return std::nullopt;
  const ir::Value& m = f.value(masked);
  if (m.op != Opcode::And || m.operands.size() != 2) return std::nullopt;
  ir::ValueId x = m.operands[0];
  std::optional<std::uint32_t> mask = constant(m.operands[1]);
  if (!mask) {
    x = m.operands[1];
    mask = constant(m.operands[0]);
  }
  if (!mask || f.value(x).op == Opcode::Const) return std::nullopt;
  bool eq = c.op == Opcode::Eq;
  if (*rhs == 0) return BitTest{x, *mask, !eq};
  bool single_bit = *mask != 0 && (*mask & (*mask - 1)) == 0;
  if (single_bit && *rhs == *mask) return BitTest{x, *mask, eq};
  return std::nullopt;
}

}  // namespace secco::backend
