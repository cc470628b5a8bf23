// Internal to the assembler: the line parser of the `asm` text format, shared by asm_parser.cc
// (lines, labels, numbers, jump resolution) and asm_operands.cc (one method per instruction
// family). Not part of the public API; include bpf/assembler.h instead.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bpf/program.h"
#include "support/diagnostics.h"

namespace secco::bpf::asm_detail {

struct LineError {};  // thrown after the diagnostic is reported; ends the line

// A jump target named by a label, filled in when all labels are known.
struct Fixup {
  std::size_t insn;
  enum Field { Jt, Jf, K } field;
  std::string label;
  SourceRange range;
};

struct LabelDef {
  std::size_t index;  // the instruction the label precedes (== length at the end of the text)
  SourceRange range;
};

bool word_char(char c);

class AsmParser {
 public:
  AsmParser(FileId file, Diagnostics& diags) : file_(file), diags_(diags) {}
  // Assembles every line of `text`, then resolves the labels.
  Program run(std::string_view text);

 private:
  SourceLoc loc(std::size_t pos) const { return {file_, line_no_, static_cast<std::uint32_t>(pos + 1)}; }
  SourceRange range(std::size_t b, std::size_t e) const { return {loc(b), loc(e)}; }

  // Report and abandon the line.
  [[noreturn]] void fail_expected(const char* what);
  [[noreturn]] void fail_operand(std::size_t at, const char* what);

  // The lexer, on line_ from pos_; every reader skips leading blanks.
  void skip_ws();
  char peek();  // '\0' at the end of the line
  bool accept(char c);
  void expect(char c, const char* what);
  std::string_view word();  // letters, digits, '_' and '.'
  // A decimal or 0x-hex number of at most `bits` bits; a leading '-' (32-bit values only) gives
  // the two's complement.
  std::uint32_t number(unsigned bits, const char* what);

  void parse_line();
  void define_label(std::string_view name, SourceRange r);
  void resolve();

  // asm_operands.cc: the instruction whose mnemonic is mnemonic_, operands from pos_.
  Insn parse_instruction();
  Insn parse_load();
  Insn parse_jump(std::uint16_t jmp_op, bool negated);
  Insn parse_ret();
  std::uint32_t parse_mem_index();
  std::uint32_t parse_target(Fixup::Field field);

  FileId file_;
  Diagnostics& diags_;
  std::string_view line_;  // the current line without its comment
  std::size_t pos_ = 0;
  std::uint32_t line_no_ = 0;
  std::string mnemonic_;  // lowercased
  std::size_t mnemonic_start_ = 0;
  Program program_;
  std::map<std::string, LabelDef> labels_;
  std::vector<Fixup> fixups_;
  std::vector<Fixup> pending_;  // fixups of the line being parsed (dropped if it fails)
};

}  // namespace secco::bpf::asm_detail
