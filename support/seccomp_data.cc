#include "support/seccomp_data.h"

namespace secco {

std::uint32_t load_word(const SeccompData& d, std::uint32_t offset) {
  switch (offset) {
    case seccomp_offset::kNr:
      return d.nr;
    case seccomp_offset::kArch:
      return d.arch;
    case seccomp_offset::kIpLow:
      return static_cast<std::uint32_t>(d.instruction_pointer);
    case seccomp_offset::kIpHigh:
      return static_cast<std::uint32_t>(d.instruction_pointer >> 32);
    default:
      break;
  }
  // The kernel stores the 64-bit arguments in the ABI's byte order: on a big-endian ABI (the audit
  // arch value lacks __AUDIT_ARCH_LE, 0x40000000) the high half comes first.
  const bool big_endian = (d.arch & 0x40000000u) == 0;
  unsigned i = (offset - 16) / 8;
  std::uint64_t v = d.args[i];
  const bool low = (offset % 8 == 0) != big_endian;
  return low ? static_cast<std::uint32_t>(v) : static_cast<std::uint32_t>(v >> 32);
}

}  // namespace secco
