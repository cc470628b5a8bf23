// Program -> `asm` text (format reference: docs/bpf-tools.md).
//
// Works on every program, also ones the checker rejects: any instruction without a mnemonic (an
// unknown opcode, or non-zero fields the opcode does not use) prints as `.insn code, jt, jf, k`,
// and jump targets outside the program print as raw offsets `+N`. So assemble(disassemble(p))
// gives back p byte for byte, for every p that load_raw() accepts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bpf/program.h"

namespace secco {
class Target;
}

namespace secco::bpf {

// The whole program: labels `L<index>:` before jump targets, one instruction per line, comments
// naming system calls, architectures and errno values where `target` (may be null) knows them.
std::string disassemble(const Program& program, const Target* target);

// The same, instruction by instruction (for formats that annotate each instruction).
struct AsmLine {
  std::size_t index;
  bool labelled;        // a jump lands here: the text is preceded by `L<index>:`
  std::string text;     // "jeq #59, L7"
  std::string comment;  // "execve", or empty
};
std::vector<AsmLine> disassemble_lines(const Program& program, const Target* target);

// One instruction at `index` of a `length`-instruction program, without label or comment, jump
// targets written as `L<absolute index>` (used by traces and the JSON format).
std::string disassemble_insn(const Insn& insn, std::size_t index, std::size_t length);

}  // namespace secco::bpf
