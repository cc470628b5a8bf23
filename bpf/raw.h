// Raw programs: the bytes seccomp(2) takes, a `struct sock_filter` array in host byte order (what
// libseccomp's seccomp_export_bpf writes and `secco compile -f bin` produces).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bpf/program.h"

namespace secco::bpf {

// Splits `bytes` into instructions. Refuses (nullopt, `error` set) input that is empty, not a
// multiple of 8 bytes, or longer than 4096 instructions. The instructions themselves are not
// checked: any 8-byte pattern is a well-formed instruction (see check_program for the kernel's rules).
std::optional<Program> load_raw(std::string_view bytes, std::string& error);

// The program as bytes, host byte order.
std::string to_raw(const Program& program);

}  // namespace secco::bpf
