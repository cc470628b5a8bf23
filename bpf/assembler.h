// `asm` text -> program (format reference: docs/bpf-tools.md).
//
// Accepts the project's assembler text and, detected by its first line being a bare count, the
// decimal numbers of libpcap's `-ddd` dump. Problems are reported through the diagnostics engine
// with line:column (kinds err_asm_* in support/diagnostic_kinds.def); every line is examined, so
// one run shows all errors. The result is meaningful only when no error was reported.
//
// The assembler encodes; it does not judge: a program the kernel would refuse (a `mod`, a jump past
// the end written as `+N`, a `.insn` with any code) assembles to exactly the bytes written, so that
// every disassembled program round-trips. Run check_program() to learn whether the kernel takes it.
#pragma once

#include <string_view>

#include "bpf/program.h"
#include "support/diagnostics.h"

namespace secco::bpf {

// `file` locates the diagnostics; `text` is that file's content.
Program assemble(std::string_view text, FileId file, Diagnostics& diags);

// Whether `text` looks like libpcap's `-ddd` form (first non-blank line is a bare decimal count).
bool is_pcap_numbers(std::string_view text);

// The `-ddd` reader alone (assemble() calls it when is_pcap_numbers()).
Program assemble_pcap_numbers(std::string_view text, FileId file, Diagnostics& diags);

}  // namespace secco::bpf
