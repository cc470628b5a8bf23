// IR opcodes: what each value computes. Values are pure; the only effect is that a run-time
// division by zero makes the whole filter return kill_thread (as the kernel does).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace secco::ir {

enum class Opcode : std::uint8_t {
  // Leaves.
  Const,      // imm: a u64 constant
  ConstBool,  // imm: 0 or 1
  ArgFull,    // imm: argument index; the full 64-bit argument
  ArgLow,     // imm: argument index; its low 32 bits
  ArgHigh,    // imm: argument index; its high 32 bits
  // Before `unify`.
  Ref,    // name, scope: a variable or macro named without arguments
  Call,   // name, scope, operands = arguments
  Param,  // imm: parameter index, inside a definition body
  // Arithmetic: u64 on constants (wrapping), u32 at run time (wrapping).
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  And,
  Or,
  Xor,
  Shl,
  Shr,
  BitNot,
  // Comparisons -> bool. Operands may be u32, u64 or arg64 until `split64` makes them all 32-bit.
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Test,  // (a & b) != 0
  // Booleans; And/Or evaluate their right operand only when needed.
  LAnd,
  LOr,
  LNot,
  // Membership before `expand-in`: operands = subject, values...
  In,
  NotIn,
};

std::string_view opcode_name(Opcode op);
std::optional<Opcode> opcode_by_name(std::string_view name);

inline bool is_arith(Opcode op) {
  return op >= Opcode::Add && op <= Opcode::BitNot;
}
inline bool is_compare(Opcode op) {
  return op >= Opcode::Eq && op <= Opcode::Test;
}
inline bool is_logic(Opcode op) {
  return op >= Opcode::LAnd && op <= Opcode::LNot;
}
inline bool is_leaf(Opcode op) {
  return op <= Opcode::ArgHigh || op == Opcode::Param || op == Opcode::Ref;
}

// The comparison with swapped operands (a < b  <=>  b > a); Eq/Ne/Test are symmetric.
Opcode swapped_compare(Opcode op);
// The negated comparison (!(a < b) <=> a >= b); nullopt for Test.
std::optional<Opcode> negated_compare(Opcode op);

}  // namespace secco::ir
