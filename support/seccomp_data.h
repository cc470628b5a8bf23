// The layout of the kernel's `struct seccomp_data`, the input of every filter.
#pragma once

#include <array>
#include <cstdint>

namespace secco {

struct SeccompData {
  std::uint32_t nr = 0;
  std::uint32_t arch = 0;
  std::uint64_t instruction_pointer = 0;
  std::array<std::uint64_t, 6> args{};
};

namespace seccomp_offset {
inline constexpr std::uint32_t kNr = 0;
inline constexpr std::uint32_t kArch = 4;
inline constexpr std::uint32_t kIpLow = 8;
inline constexpr std::uint32_t kIpHigh = 12;
// The halves of argument i; on a big-endian ABI the high half is at the lower offset.
inline constexpr std::uint32_t arg_low(unsigned i, bool big_endian = false) {
  return 16 + 8 * i + (big_endian ? 4 : 0);
}
inline constexpr std::uint32_t arg_high(unsigned i, bool big_endian = false) {
  return 20 + 8 * i - (big_endian ? 4 : 0);
}
inline constexpr std::uint32_t kSize = 64;
}  // namespace seccomp_offset

// Reads the 32-bit word at a byte offset, the argument halves in the byte order of d.arch's ABI
// (little-endian unless the audit arch value says big-endian); offset must be a multiple of 4
// below 64.
std::uint32_t load_word(const SeccompData& d, std::uint32_t offset);

}  // namespace secco
