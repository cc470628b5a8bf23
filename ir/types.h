// The IR's value types. Every value has exactly one after `typecheck`.
#pragma once

#include <cstdint>
#include <string_view>

namespace secco::ir {

enum class Type : std::uint8_t {
  Unknown,  // before typecheck (names and calls not yet resolved)
  Bool,     // a condition
  U32,      // a 32-bit value known only at run time (argLN, argHN, arithmetic on them)
  Const64,  // a 64-bit constant known at compile time (printed `u64`)
  Arg64,    // a full 64-bit system call argument (only compared, never computed with)
};

std::string_view type_name(Type t);

}  // namespace secco::ir
