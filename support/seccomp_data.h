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
inline constexpr std::uint32_t arg_low(unsigned i) {
  return 16 + 8 * i;
}
inline constexpr std::uint32_t arg_high(unsigned i) {
  return 20 + 8 * i;
}
inline constexpr std::uint32_t kSize = 64;
}  // namespace seccomp_offset

// Reads the 32-bit word at a byte offset (little-endian halves, as on x86_64); offset must be a
// multiple of 4 below 64.
std::uint32_t load_word(const SeccompData& d, std::uint32_t offset);

}  // namespace secco
