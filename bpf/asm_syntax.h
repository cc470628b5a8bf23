// Vocabulary shared by the disassembler and the assembler of the `asm` text format (reference:
// docs/bpf-tools.md): names of struct seccomp_data fields, ALU and jump mnemonics, and how an
// instruction is classified for printing. Keeping both directions on one table is what makes
// `disasm | asm` give back the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bpf/program.h"

namespace secco::bpf::asm_syntax {

// "nr", "arch", "ip.lo", "ip.hi", "args[3].lo", "args[3].hi" for the aligned words of
// struct seccomp_data (low half first, as on little-endian targets); nullopt for other offsets.
std::optional<std::string> field_name(std::uint32_t offset);
// The inverse, also accepting "ip" and "args[N]" for the low halves.
std::optional<std::uint32_t> field_offset(std::string_view name);

// ALU operation names: add sub mul div or and lsh rsh neg mod xor.
std::optional<std::string_view> alu_name(std::uint16_t alu_op);
std::optional<std::uint16_t> alu_op_by_name(std::string_view name);

// Conditional jump names. `negated` names the form with the true branch falling through:
// jeq/jne, jgt/jle, jge/jlt, jset/jnset.
std::optional<std::string_view> jump_name(std::uint16_t jmp_op, bool negated);
struct JumpMnemonic {
  std::uint16_t jmp_op;
  bool negated;
};
std::optional<JumpMnemonic> jump_by_name(std::string_view name);

// Whether the disassembler prints `insn` with a mnemonic (known opcode, unused fields zero);
// otherwise it prints the raw `.insn code, jt, jf, k` form.
bool has_mnemonic(const Insn& insn);

// An immediate as printed: "#0x..." for bit masks (`and`, `or`, `xor`, `jset`) and for values of
// 4096 and more, else decimal.
std::string immediate(std::uint32_t k, bool bitmask);

std::string hex(std::uint32_t v);

}  // namespace secco::bpf::asm_syntax
