// What the compiler knows about one target architecture: its audit arch value, its system call
// names and numbers, errno names and the predefined Linux constants of spec §7. The tables are
// generated at build time from the system's kernel and libc headers (see target/CMakeLists.txt).
// Every name lookup of later stages goes through this interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace secco {

struct SyscallEntry {
  std::string_view name;
  std::uint32_t nr;
};

struct ConstantEntry {
  std::string_view name;
  std::uint64_t value;  // negative C values as 32-bit two's complement (AT_FDCWD = 0xffffff9c)
  bool negative_in_c;   // the C value is negative: the C library may sign-extend it
};

class Target {
 public:
  virtual ~Target() = default;

  virtual std::string_view name() const = 0;     // "x86_64"
  virtual std::uint32_t audit_arch() const = 0;  // AUDIT_ARCH_X86_64 = 0xc000003e
  // Bit that marks x32 system call numbers on x86_64 (0x40000000), 0 where there is none.
  virtual std::uint32_t x32_bit() const = 0;

  virtual std::optional<std::uint32_t> syscall_number(std::string_view name) const = 0;
  virtual std::optional<std::string_view> syscall_name(std::uint32_t nr) const = 0;
  // All system calls, sorted by number.
  virtual const std::vector<SyscallEntry>& syscalls() const = 0;

  virtual std::optional<std::uint32_t> errno_number(std::string_view name) const = 0;
  virtual std::optional<std::string_view> errno_name(std::uint32_t value) const = 0;

  // Predefined constants (errno names included), by exact name.
  virtual std::optional<ConstantEntry> constant(std::string_view name) const = 0;
  virtual const std::vector<ConstantEntry>& constants() const = 0;

  // The target with this name ("x86_64"; also "amd64"), or nullptr.
  static const Target* find(std::string_view name);
  // The target whose audit arch value this is, or nullptr.
  static const Target* find_by_audit_arch(std::uint32_t audit_arch);
  static const Target& default_target();
  // Names of all targets, for messages.
  static std::vector<std::string_view> names();
};

// Audit arch names known to the emulator and the test runner (`arch=aarch64`), including
// architectures we cannot compile for, so that foreign-architecture probes can be written.
std::optional<std::uint32_t> audit_arch_by_name(std::string_view name);
std::optional<std::string_view> audit_arch_name(std::uint32_t value);

}  // namespace secco
