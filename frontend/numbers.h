// Number literals of the policy language (spec §2): decimal, 0x hex, leading-zero octal, 0b binary,
// unsigned 64-bit. Kept apart from the parser so the rules are testable on their own.
#pragma once

#include <cstdint>
#include <string_view>

namespace secco::frontend {

struct NumberValue {
  enum class Status : std::uint8_t { Ok, Invalid, Overflow };
  Status status = Status::Invalid;
  std::uint64_t value = 0;
};

// Converts the spelling of one number token ("42", "0x2A", "052", "0b101"). `09`, `0x`, `12ab`
// are Invalid; a value above 2^64-1 is Overflow.
NumberValue parse_number(std::string_view spelling);

}  // namespace secco::frontend
