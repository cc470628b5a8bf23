// The assembler's entry point: libpcap's -ddd numbers (pcap_numbers.cc) or the `asm` text format,
// the inverse of disassembler.cc, parsed by asm_detail::AsmParser (asm_parser.h, asm_parser.cc,
// asm_operands.cc).
#include "bpf/assembler.h"

#include "bpf/asm_parser.h"

namespace secco::bpf {

Program assemble(std::string_view text, FileId file, Diagnostics& diags) {
  if (is_pcap_numbers(text)) return assemble_pcap_numbers(text, file, diags);
  return asm_detail::AsmParser(file, diags).run(text);
}

}  // namespace secco::bpf
