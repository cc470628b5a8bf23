// A compiled seccomp program as the kernel takes it, and its text and binary forms.
//
// `Instruction` has exactly the layout of the kernel's `struct sock_filter`, so `program.data()`
// can be handed to seccomp(2) as is. `dump()` writes every format `secco compile -f FMT` writes,
// byte for byte the same (see docs/tools.md and docs/api.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secco/export.h"

namespace secco {

// One classic-BPF instruction: struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }.
struct Instruction {
  std::uint16_t code = 0;
  std::uint8_t jt = 0;
  std::uint8_t jf = 0;
  std::uint32_t k = 0;

  friend bool operator==(const Instruction& a, const Instruction& b) {
    return a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k;
  }
  friend bool operator!=(const Instruction& a, const Instruction& b) { return !(a == b); }
};
static_assert(sizeof(Instruction) == 8, "Instruction must have the layout of struct sock_filter");

using Program = std::vector<Instruction>;

// The output formats (cli.md, `secco compile -f`):
//   bin       raw struct sock_filter[] in host byte order (what seccomp(2) and seccomp_export_bpf use)
//   assembly  secco's assembler text, "asm" (round-trips through `secco asm`)
//   c         a C array initialiser
//   json      instructions plus metadata
//   pcap_d, pcap_dd, pcap_ddd   byte-identical to libpcap's bpf_dump() (tcpdump -d, -dd, -ddd)
enum class Format { bin, assembly, c, json, pcap_d, pcap_dd, pcap_ddd };

// "bin", "asm", "c", "json", "pcap-d", "pcap-dd", "pcap-ddd" (the names of `secco compile -f`).
SECCO_API std::optional<Format> parse_format(std::string_view name) noexcept;
SECCO_API const char* format_name(Format format) noexcept;

struct DumpOptions {
  // Names system calls and errno values in comments, and is recorded in c and json output.
  std::string arch = "x86_64";
  // The policy files the program came from (recorded in c and json output).
  std::vector<std::string> sources;
  // The identifier of the array in c output.
  std::string c_array_name = "secco_filter";
};

// The program in `format`; for Format::bin the raw bytes. Empty only if memory ran out or `arch`
// is unknown.
SECCO_API std::string dump(const Program& program, Format format, const DumpOptions& options = {}) noexcept;

// A raw program (the bytes Format::bin writes) back into instructions; nullopt and `error` set when
// the size is not a positive multiple of 8 or above 4096 instructions.
SECCO_API std::optional<Program> load_program(std::string_view bytes, std::string* error = nullptr) noexcept;

}  // namespace secco
