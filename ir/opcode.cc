#include "ir/opcode.h"

#include <array>

#include "ir/types.h"

namespace secco::ir {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Opcode::NotIn) + 1> kNames = {
    "const", "bool", "arg", "arg.lo", "arg.hi", "ref", "call", "param", "add",  "sub", "mul",
    "div",   "mod",  "and", "or",     "xor",    "shl", "shr",  "not",   "eq",   "ne",  "lt",
    "le",    "gt",   "ge",  "test",   "land",   "lor", "lnot", "in",    "notin"};

}  // namespace

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Unknown:
      return "?";
    case Type::Bool:
      return "bool";
    case Type::U32:
      return "u32";
    case Type::Const64:
      return "u64";
    case Type::Arg64:
      return "arg64";
  }
  return "?";
}

std::string_view opcode_name(Opcode op) {
  return kNames[static_cast<std::size_t>(op)];
}

std::optional<Opcode> opcode_by_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Opcode>(i);
  }
  return std::nullopt;
}

Opcode swapped_compare(Opcode op) {
  switch (op) {
    case Opcode::Lt:
      return Opcode::Gt;
    case Opcode::Le:
      return Opcode::Ge;
    case Opcode::Gt:
      return Opcode::Lt;
    case Opcode::Ge:
      return Opcode::Le;
    default:
      return op;
  }
}

std::optional<Opcode> negated_compare(Opcode op) {
  switch (op) {
    case Opcode::Eq:
      return Opcode::Ne;
    case Opcode::Ne:
      return Opcode::Eq;
    case Opcode::Lt:
      return Opcode::Ge;
    case Opcode::Le:
      return Opcode::Gt;
    case Opcode::Gt:
      return Opcode::Le;
    case Opcode::Ge:
      return Opcode::Lt;
    default:
      return std::nullopt;
  }
}

}  // namespace secco::ir
