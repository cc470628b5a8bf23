// Reader for libpcap's `-ddd` form: a line with the instruction count, then one line
// "code jt jf k" of decimal numbers per instruction (what `tcpdump -ddd` and `secco compile
// -f pcap-ddd` print). Blank lines and surrounding spaces are tolerated; anything else is an error
// located at its line and column.
#include <cctype>
#include <string>

#include "bpf/assembler.h"

namespace secco::bpf {
namespace {

bool blank(std::string_view line) {
  for (char c : line)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

struct Field {
  std::uint64_t value;
  std::size_t col;  // 0-based
};

// Splits a line into decimal fields (values saturate above 32 bits); false, with the column of the
// offending character, when something other than digits and spaces is in it.
bool fields_of(std::string_view line, std::vector<Field>& out, std::size_t& bad_col) {
  out.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    if (std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
      continue;
    }
    const std::size_t b = i;
    std::uint64_t v = 0;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) {
      if (v <= 0xffffffffULL) v = v * 10 + static_cast<unsigned>(line[i] - '0');
      ++i;
    }
    if (i == b || (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))) {
      bad_col = i;
      return false;
    }
    out.push_back({v, b});
  }
  return true;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

bool is_pcap_numbers(std::string_view text) {
  for (std::string_view line : lines_of(text)) {
    if (blank(line)) continue;
    std::vector<Field> fields;
    std::size_t bad = 0;
    return fields_of(line, fields, bad) && fields.size() == 1;
  }
  return false;
}

Program assemble_pcap_numbers(std::string_view text, FileId file, Diagnostics& diags) {
  Program program;
  std::uint64_t announced = 0;
  bool have_count = false;
  std::uint32_t count_line = 0;
  std::vector<Field> f;
  const std::vector<std::string_view> lines = lines_of(text);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto line_no = static_cast<std::uint32_t>(n + 1);
    auto at = [&](std::size_t col) { return SourceLoc{file, line_no, static_cast<std::uint32_t>(col + 1)}; };
    if (blank(lines[n])) continue;
    std::size_t bad = 0;
    const bool numbers = fields_of(lines[n], f, bad);
    if (!numbers || (have_count && f.size() != 4)) {
      diags.report(diag::err_asm_ddd_line, at(numbers ? 0 : bad));
      continue;
    }
    if (!have_count) {
      announced = f[0].value;
      have_count = true;
      count_line = line_no;
      continue;
    }
    static constexpr unsigned kBits[4] = {16, 8, 8, 32};
    bool ok = true;
    for (std::size_t i = 0; i < 4; ++i) {
      if (f[i].value >> kBits[i] != 0) {
        diags.report(diag::err_asm_value_range, at(f[i].col)) << f[i].value << kBits[i];
        ok = false;
      }
    }
    if (!ok) continue;
    program.push_back(Insn{static_cast<std::uint16_t>(f[0].value), static_cast<std::uint8_t>(f[1].value),
                           static_cast<std::uint8_t>(f[2].value), static_cast<std::uint32_t>(f[3].value)});
  }
  if (have_count && announced != program.size() && !diags.has_errors())
    diags.report(diag::err_asm_ddd_count, SourceLoc{file, count_line, 1})
        << announced << static_cast<std::uint64_t>(program.size());
  if (program.empty() && !diags.has_errors()) diags.report(diag::err_asm_empty, SourceLoc{file, 1, 1});
  if (program.size() > kMaxInsns)
    diags.report(diag::err_program_too_long, SourceLoc{file, 1, 1}) << static_cast<std::uint64_t>(program.size());
  return program;
}

}  // namespace secco::bpf
