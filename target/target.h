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
  // x32: its numbers are those at or above x32_bit() inside AUDIT_ARCH_X86_64, which it shares.
  virtual bool is_x32() const = 0;
  // From the audit arch value's flags (<linux/audit.h>): __AUDIT_ARCH_64BIT, __AUDIT_ARCH_LE.
  // Arguments are 32 bits where the value lacks __AUDIT_ARCH_64BIT (x32 and mips n32 carry it:
  // their registers, and so the kernel's seccomp_data arguments, are 64 bits).
  bool args_are_32bit() const { return (audit_arch() & 0x80000000u) == 0; }
  bool big_endian() const { return (audit_arch() & 0x40000000u) == 0; }

  virtual std::optional<std::uint32_t> syscall_number(std::string_view name) const = 0;
  virtual std::optional<std::string_view> syscall_name(std::uint32_t nr) const = 0;
  // All system calls, sorted by number.
  virtual const std::vector<SyscallEntry>& syscalls() const = 0;

  virtual std::optional<std::uint32_t> errno_number(std::string_view name) const = 0;
  virtual std::optional<std::string_view> errno_name(std::uint32_t value) const = 0;

  // Predefined constants (errno names included), by exact name.
  virtual std::optional<ConstantEntry> constant(std::string_view name) const = 0;
  virtual const std::vector<ConstantEntry>& constants() const = 0;

  // Constants whose value on this ABI differs from the build machine's (sorted by name).
  virtual const std::vector<ConstantEntry>& abi_specific_constants() const = 0;

  // The target with this name ("x86_64"; also "amd64"), or nullptr.
  static const Target* find(std::string_view name);
  // The target whose audit arch value this is, or nullptr.
  static const Target* find_by_audit_arch(std::uint32_t audit_arch);
  static const Target& default_target();
  // Names of all targets, for messages.
  static std::vector<std::string_view> names();
  // All targets, in the order of target/CMakeLists.txt.
  static std::vector<const Target*> all();
  // Parses "x86_64,i386,x32": the targets in order, or nullopt with `error` set (an unknown name,
  // listing the known ones; a name given twice).
  static std::optional<std::vector<const Target*>> parse_list(std::string_view names, std::string& error);
};

// Audit arch names known to the emulator and the test runner (`arch=aarch64`), including
// architectures we cannot compile for, so that foreign-architecture probes can be written.
std::optional<std::uint32_t> audit_arch_by_name(std::string_view name);
std::optional<std::string_view> audit_arch_name(std::uint32_t value);

}  // namespace secco
