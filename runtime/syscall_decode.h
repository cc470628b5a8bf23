// Writing one system call the way strace does: `openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC)`.
// Arguments are decoded where their type is known (a table of common calls: descriptors, paths
// read from the caller, open/mmap/socket flags and families by name); the rest are printed in hex.
// Constant names come from the target's predefined-name tables.
#pragma once

#include <string>

#include "runtime/supervisor.h"
#include "support/seccomp_data.h"

namespace secco {
class Target;
}

namespace secco::runtime {

// The system call's name (or `syscall_N`) and its decoded arguments; `read` may be null (no paths).
std::string format_call(const Target* target, const SeccompData& data, const StringReader* read);

// `value` as `|`-joined names of the constants starting with `prefix` ("O_", "PROT_", ...), with any
// bits no name covers in hex; used for flag arguments.
std::string flag_names(const Target& target, const char* prefix, std::uint64_t value);

// The name starting with `prefix` whose value is `value` (for enumerations: address families,
// fcntl commands, prctl options; aliases resolve to one name), or the number in decimal.
std::string enum_name(const Target& target, const char* prefix, std::uint64_t value);

}  // namespace secco::runtime
