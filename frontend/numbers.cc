// Number literal conversion with overflow detection; see numbers.h for the accepted forms.
#include "frontend/numbers.h"

#include <limits>

namespace secco::frontend {
namespace {

// Value of `c` as a digit, or 99 when it is not an alphanumeric digit at all.
unsigned digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'z') return static_cast<unsigned>(c - 'a') + 10;
  if (c >= 'A' && c <= 'Z') return static_cast<unsigned>(c - 'A') + 10;
  return 99;
}

NumberValue convert(std::string_view digits, unsigned base) {
  NumberValue out;
  if (digits.empty()) return out;  // "0x", "0b"
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  bool overflow = false;
  for (char c : digits) {
    unsigned d = digit_value(c);
    if (d >= base) return out;  // a bad digit is reported even after an overflow
    if (value > (kMax - d) / base) overflow = true;
    value = value * base + d;
  }
  out.status = overflow ? NumberValue::Status::Overflow : NumberValue::Status::Ok;
  out.value = overflow ? 0 : value;
  return out;
}

}  // namespace

NumberValue parse_number(std::string_view s) {
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return convert(s.substr(2), 16);
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) return convert(s.substr(2), 2);
  if (s.size() >= 2 && s[0] == '0') return convert(s.substr(1), 8);
  return convert(s, 10);
}

}  // namespace secco::frontend
