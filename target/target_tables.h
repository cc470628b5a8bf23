// The tables generated at build time from the system's kernel and libc headers, as the generated
// source target_tables.cc (build tree, library secco_target_tables) defines them, and as
// target.cc reads them. Internal to target/: later stages use target.h only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "target/target.h"

namespace secco::tables {

template <typename T>
struct Span {
  const T* data;
  std::size_t size;
  const T* begin() const { return data; }
  const T* end() const { return data + size; }
};

// One architecture we can compile for.
struct ArchTable {
  std::string_view name;           // "x86_64"
  Span<std::string_view> aliases;  // {"amd64"}
  std::uint32_t audit_arch;        // AUDIT_ARCH_X86_64
  std::uint32_t x32_bit;           // __X32_SYSCALL_BIT, 0 where there is none
  Span<SyscallEntry> syscalls;     // sorted by number; names and numbers unique
  Span<SyscallEntry> by_name;      // the same, sorted by name
  Span<ConstantEntry> overrides;   // constants (errno names included) whose value differs here, by name
};

struct ErrnoEntry {
  std::string_view name;
  std::uint32_t value;
  bool primary;  // false for an alias defined as another errno name (EWOULDBLOCK = EAGAIN)
};

struct AuditArchEntry {
  std::string_view name;  // AUDIT_ARCH_AARCH64 -> "aarch64"
  std::uint32_t value;
};

// In the order of target/CMakeLists.txt; the first is the default target.
Span<ArchTable> arch_tables();
// Sorted by name; errno names included.
Span<ConstantEntry> constant_table();
// Sorted by name.
Span<ErrnoEntry> errno_table();
// Sorted by name.
Span<AuditArchEntry> audit_arch_table();

}  // namespace secco::tables
