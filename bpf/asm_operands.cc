// Operand parsing of the assembler, one method per instruction family (see asm_parser.h and
// the grammar in docs/bpf-tools.md). Each returns the encoded instruction; label targets are
// left as pending fixups for AsmParser::resolve().
#include <cctype>

#include "bpf/asm_parser.h"
#include "bpf/asm_syntax.h"
#include "support/action.h"

namespace secco::bpf::asm_detail {

using namespace op;
namespace syn = asm_syntax;

Insn AsmParser::parse_instruction() {
  const std::string& m = mnemonic_;
  if (m == "ld" || m == "ldh" || m == "ldb" || m == "ldx" || m == "ldxb") return parse_load();
  if (m == "st" || m == "stx") return stmt(m == "st" ? ST : STX, parse_mem_index());
  if (m == "tax") return stmt(MISC | TAX, 0);
  if (m == "txa") return stmt(MISC | TXA, 0);
  if (m == "ret") return parse_ret();
  if (m == "ja" || m == "jmp") {
    return stmt(JMP | JA, parse_target(Fixup::K));
  }
  if (m == ".insn") {
    Insn insn;
    insn.code = static_cast<std::uint16_t>(number(16, "an opcode"));
    expect(',', "','");
    insn.jt = static_cast<std::uint8_t>(number(8, "a jt offset"));
    expect(',', "','");
    insn.jf = static_cast<std::uint8_t>(number(8, "a jf offset"));
    expect(',', "','");
    insn.k = number(32, "a k value");
    return insn;
  }
  if (auto j = syn::jump_by_name(m)) return parse_jump(j->jmp_op, j->negated);
  if (auto alu = syn::alu_op_by_name(m)) {
    if (*alu == NEG) return stmt(ALU | NEG, 0);
    const std::size_t b = pos_;
    if (accept('#')) return stmt(ALU | *alu | K, number(32, "a number"));
    std::string_view w = word();
    if (w == "x" || w == "X") return stmt(ALU | *alu | X, 0);
    pos_ = b;
    fail_operand(b, "'#number' or 'x'");
  }
  diags_.report(diag::err_asm_unknown_mnemonic, range(mnemonic_start_, mnemonic_start_ + m.size())) << m;
  throw LineError{};
}

std::uint32_t AsmParser::parse_mem_index() {
  const std::size_t b = pos_;
  std::string_view w = word();
  if (w != "M" && w != "m") {
    pos_ = b;
    fail_operand(b, "'M[index]'");
  }
  expect('[', "'['");
  std::uint32_t k = number(32, "a scratch memory index");
  expect(']', "']'");
  return k;
}

Insn AsmParser::parse_load() {
  const std::string& m = mnemonic_;
  const bool x = m == "ldx" || m == "ldxb";
  const std::uint16_t size_bits = m == "ldh" ? H : m == "ldb" ? B : W;
  const std::size_t b = pos_;
  auto only = [&](bool ok, const char* expected) {
    if (!ok) fail_operand(b, expected);
  };
  const char* plain_forms = x ? "'#number', 'M[index]', 'len' or '4*([offset]&0xf)'"
                              : "'#number', '[field]', '[x + offset]', 'M[index]' or 'len'";
  const bool word_sized = m == "ld" || m == "ldx";
  if (accept('#')) {
    only(word_sized, "'[offset]' or '[x + offset]'");
    const std::size_t wb = pos_;
    std::string_view w = word();
    if (w == "len" || w == "pktlen") return stmt((x ? LDX : LD) | W | LEN, 0);
    pos_ = wb;
    return stmt((x ? LDX : LD) | IMM, number(32, "a number"));
  }
  if (accept('[')) {
    only(!x, plain_forms);
    const std::size_t inner = pos_;
    std::string_view w = word();
    if (w == "x" || w == "X") {
      expect('+', "'+'");
      std::uint32_t k = number(32, "an offset");
      expect(']', "']'");
      return stmt(LD | size_bits | IND, k);
    }
    pos_ = inner;
    const char c = peek();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      std::uint32_t k = number(32, "an offset");
      expect(']', "']'");
      return stmt(LD | size_bits | ABS, k);
    }
    // A field name, possibly with its own brackets: "args[2].hi".
    skip_ws();
    const std::size_t fb = pos_;
    std::size_t depth = 0, e = pos_;
    for (; e < line_.size(); ++e) {
      if (line_[e] == '[') ++depth;
      if (line_[e] == ']' && depth-- == 0) break;
    }
    std::string_view name = line_.substr(fb, e - fb);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (e == line_.size()) {
      pos_ = e;
      fail_expected("']'");
    }
    auto off = syn::field_offset(name);
    if (!off) {
      diags_.report(diag::err_asm_unknown_field, range(fb, fb + name.size())) << name;
      throw LineError{};
    }
    pos_ = e + 1;
    return stmt(LD | size_bits | ABS, *off);
  }
  const std::size_t wb = pos_;
  std::string_view w = word();
  if (w == "M" || w == "m") {
    only(word_sized, plain_forms);
    pos_ = wb;
    return stmt((x ? LDX : LD) | MEM, parse_mem_index());
  }
  if (w == "len") {
    only(word_sized, plain_forms);
    return stmt((x ? LDX : LD) | W | LEN, 0);
  }
  if (w == "4" && x) {  // 4*([k]&0xf)
    expect('*', "'*'");
    expect('(', "'('");
    expect('[', "'['");
    std::uint32_t k = number(32, "an offset");
    expect(']', "']'");
    expect('&', "'&'");
    const std::size_t mb = pos_;
    if (number(32, "'0xf'") != 0xf) {
      pos_ = mb;
      fail_expected("'0xf'");
    }
    expect(')', "')'");
    return stmt(LDX | B | MSH, k);
  }
  pos_ = wb;
  fail_operand(b, m == "ldxb" ? "'4*([offset]&0xf)'" : plain_forms);
}

Insn AsmParser::parse_ret() {
  const std::size_t b = pos_;
  if (accept('#')) return stmt(RET | K, number(32, "a number"));
  std::string_view w = word();
  if (w == "a" || w == "A") return stmt(RET | A, 0);
  auto kind = action_keyword(w);
  if (!kind) {
    if (w.empty()) fail_operand(b, "an action, '#number' or 'a'");
    diags_.report(diag::err_unknown_action, range(pos_ - w.size(), pos_)) << w;
    throw LineError{};
  }
  Action action{*kind, 0};
  if (accept('(')) {
    if (!action.has_data()) fail_operand(b, "no value for this action");
    const std::size_t nb = pos_;
    std::uint32_t v = number(32, "a number");
    if (v > 0xffff) {
      diags_.report(diag::err_action_value_range, range(nb, pos_)) << static_cast<std::uint64_t>(v) << w;
      throw LineError{};
    }
    action.data = static_cast<std::uint16_t>(v);
    expect(')', "')'");
  }
  return stmt(RET | K, action.encode());
}

Insn AsmParser::parse_jump(std::uint16_t jmp_op, bool negated) {
  Insn insn;
  const std::size_t b = pos_;
  if (accept('#')) {
    insn.code = JMP | jmp_op | K;
    insn.k = number(32, "a number");
  } else {
    std::string_view w = word();
    if (w != "x" && w != "X") {
      pos_ = b;
      fail_operand(b, "'#number' or 'x'");
    }
    insn.code = JMP | jmp_op | X;
  }
  expect(',', "',' and a jump target");
  // `jne #k, A, B` is `jeq #k, B, A`: the negated names swap the two branches.
  const auto first = static_cast<std::uint8_t>(parse_target(negated ? Fixup::Jf : Fixup::Jt));
  std::uint8_t second = 0;
  if (accept(',')) second = static_cast<std::uint8_t>(parse_target(negated ? Fixup::Jt : Fixup::Jf));
  (negated ? insn.jf : insn.jt) = first;
  (negated ? insn.jt : insn.jf) = second;
  return insn;
}

// A raw offset `+N` (returned; 8 bits for conditional jumps, 32 for `ja`) or a label (0 is
// returned and a fixup fills the field in later).
std::uint32_t AsmParser::parse_target(Fixup::Field field) {
  if (accept('+')) return number(field == Fixup::K ? 32 : 8, "a jump offset");
  skip_ws();
  const std::size_t b = pos_;
  std::string_view w = word();
  if (w.empty()) fail_expected("a label or '+offset'");
  pending_.push_back(Fixup{program_.size(), field, std::string(w), range(b, pos_)});
  return 0;
}

}  // namespace secco::bpf::asm_detail
