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

// libseccomp's seccomp_export_bpf writes a big-endian ABI's filter in that ABI's byte order. A
// seccomp opcode fits in 8 bits and every program ends in a return (opcode 0x06 or 0x16), so a
// program whose opcodes all fit only once each field is byte-swapped is unambiguously such an export.
bool in_other_byte_order(const Program& program);
// Each field (code, k) byte-swapped; jt and jf are single bytes.
Program byte_swapped(const Program& program);

// The program as bytes, host byte order.
std::string to_raw(const Program& program);

}  // namespace secco::bpf
