// The line machinery of the assembler (see asm_parser.h): splitting the text into lines and
// comments, label definitions, the small lexer, numbers, and resolving jump labels at the end. A
// syntax error throws LineError after reporting, which abandons just that line, so every line
// of a file is diagnosed in one run.
#include "bpf/asm_parser.h"

#include <cctype>

namespace secco::bpf::asm_detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

Program AsmParser::run(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_no_;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line_ = line.substr(0, line.find(';'));
    pos_ = 0;
    try {
      parse_line();
    } catch (const LineError&) {
    }
    start = end + 1;
  }
  resolve();
  if (program_.empty() && !diags_.has_errors()) diags_.report(diag::err_asm_empty, SourceLoc{file_, 1, 1});
  if (program_.size() > kMaxInsns)
    diags_.report(diag::err_program_too_long, SourceLoc{file_, 1, 1}) << static_cast<std::uint64_t>(program_.size());
  return program_;
}

void AsmParser::fail_expected(const char* what) {
  skip_ws();
  diags_.report(diag::err_asm_expected, loc(pos_)) << what;
  throw LineError{};
}
void AsmParser::fail_operand(std::size_t at, const char* what) {
  diags_.report(diag::err_asm_operand, range(at, pos_ > at ? pos_ : at + 1)) << mnemonic_ << what;
  throw LineError{};
}

void AsmParser::skip_ws() {
  while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
}
char AsmParser::peek() {
  skip_ws();
  return pos_ < line_.size() ? line_[pos_] : '\0';
}
bool AsmParser::accept(char c) {
  if (peek() != c) return false;
  ++pos_;
  return true;
}
void AsmParser::expect(char c, const char* what) {
  if (!accept(c)) fail_expected(what);
}
std::string_view AsmParser::word() {
  skip_ws();
  std::size_t b = pos_;
  while (pos_ < line_.size() && word_char(line_[pos_])) ++pos_;
  return line_.substr(b, pos_ - b);
}

// A decimal or 0x-hex number of at most `bits` bits; a leading '-' (32-bit values only) gives
// the two's complement.
std::uint32_t AsmParser::number(unsigned bits, const char* what) {
  skip_ws();
  const std::size_t b = pos_;
  const bool negative = bits == 32 && accept('-');
  skip_ws();
  int base = 10;
  if (pos_ + 1 < line_.size() && line_[pos_] == '0' && (line_[pos_ + 1] == 'x' || line_[pos_ + 1] == 'X')) {
    base = 16;
    pos_ += 2;
  }
  const std::size_t digits = pos_;
  std::uint64_t v = 0;
  bool overflow = false;
  while (pos_ < line_.size() && std::isxdigit(static_cast<unsigned char>(line_[pos_]))) {
    char c = line_[pos_];
    if (base == 10 && !std::isdigit(static_cast<unsigned char>(c))) break;
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (v > 0xffffffffULL) overflow = true, v = 0xffffffffULL + 1;
    ++pos_;
  }
  if (pos_ == digits) {
    pos_ = b;
    fail_expected(what);
  }
  if (pos_ < line_.size() && word_char(line_[pos_])) {
    pos_ = b;
    fail_expected(what);
  }
  const std::uint64_t limit = negative ? 0x80000000ULL : (bits == 32 ? 0xffffffffULL : (1ULL << bits) - 1);
  if (overflow || v > limit) {
    diags_.report(diag::err_asm_value_range, range(b, pos_)) << std::string(line_.substr(b, pos_ - b)) << bits;
    throw LineError{};
  }
  return negative ? static_cast<std::uint32_t>(0U - static_cast<std::uint32_t>(v)) : static_cast<std::uint32_t>(v);
}

void AsmParser::parse_line() {
  mnemonic_.clear();
  for (;;) {
    if (peek() == '\0') return;
    const std::size_t b = pos_;
    std::string_view w = word();
    if (w.empty()) {
      diags_.report(diag::err_asm_expected, loc(b)) << "an instruction or a label";
      throw LineError{};
    }
    if (accept(':')) {
      define_label(w, range(b, b + w.size()));
      continue;
    }
    mnemonic_ = lower(w);
    mnemonic_start_ = b;
    break;
  }
  Insn insn = parse_instruction();
  if (peek() != '\0') {
    diags_.report(diag::err_asm_trailing, range(pos_, line_.size())) << std::string(line_.substr(pos_));
    throw LineError{};
  }
  program_.push_back(insn);
  for (Fixup& f : pending_) fixups_.push_back(std::move(f));
  pending_.clear();
}

void AsmParser::define_label(std::string_view name, SourceRange r) {
  auto [it, inserted] = labels_.emplace(std::string(name), LabelDef{program_.size(), r});
  if (!inserted) {
    diags_.report(diag::err_asm_duplicate_label, r) << name;
    diags_.report(diag::note_asm_label_here, it->second.range) << name;
  }
}

void AsmParser::resolve() {
  for (const Fixup& f : fixups_) {
    auto it = labels_.find(f.label);
    if (it == labels_.end()) {
      diags_.report(diag::err_asm_undefined_label, f.range) << f.label;
      continue;
    }
    if (it->second.index <= f.insn) {
      diags_.report(diag::err_asm_backward_jump, f.range) << f.label;
      continue;
    }
    const std::size_t offset = it->second.index - f.insn - 1;
    Insn& insn = program_[f.insn];
    if (f.field == Fixup::K) {
      insn.k = static_cast<std::uint32_t>(offset);
    } else if (offset > 255) {
      diags_.report(diag::err_asm_jump_too_far, f.range) << f.label << static_cast<std::uint64_t>(offset);
    } else {
      (f.field == Fixup::Jt ? insn.jt : insn.jf) = static_cast<std::uint8_t>(offset);
    }
  }
}

}  // namespace secco::bpf::asm_detail
