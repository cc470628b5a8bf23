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
  unsigned i = (offset - 16) / 8;
  std::uint64_t v = d.args[i];
  return (offset % 8 == 0) ? static_cast<std::uint32_t>(v) : static_cast<std::uint32_t>(v >> 32);
}

}  // namespace secco
