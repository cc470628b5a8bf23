// Assembler diagnostics: each error kind, located at line:column, and every bad line reported.
#include <doctest/doctest.h>

#include <sstream>

#include "bpf/assembler.h"

namespace secco::bpf {
namespace {

// A diagnostic as "line:column: message format", comparable and printable.
using Found = std::string;

Found found(diag::Kind kind, std::uint32_t line, std::uint32_t col) {
  return std::to_string(line) + ":" + std::to_string(col) + ": " + std::string(Diagnostics::format_of(kind));
}

// All diagnostics of assembling `text`, one "line:col: format" per line.
std::string errors_of(const std::string& text, std::string* rendered = nullptr) {
  SourceManager sources;
  FileId file = sources.add("bad.asm", text);
  Diagnostics diags(sources);
  assemble(text, file, diags);
  std::string out;
  for (const Diagnostic& d : diags.all()) out += found(d.kind, d.range.begin.line, d.range.begin.col) + "\n";
  if (rendered) {
    std::ostringstream os;
    diags.render(os);
    *rendered = os.str();
  }
  return out;
}

std::string one(diag::Kind kind, std::uint32_t line, std::uint32_t col) {
  return found(kind, line, col) + "\n";
}

TEST_CASE("assembler errors are located") {
  CHECK(errors_of("  foo #1\n") == one(diag::err_asm_unknown_mnemonic, 1, 3));
  CHECK(errors_of("ret a\n  ld [bogus]\n") == one(diag::err_asm_unknown_field, 2, 7));
  CHECK(errors_of("  ld [args[6].lo]\n") == one(diag::err_asm_unknown_field, 1, 7));
  CHECK(errors_of("  jeq #1, nowhere\n  ret a\n") == one(diag::err_asm_undefined_label, 1, 11));
  CHECK(errors_of("top: ret a\n  jeq #1, top\n  ret a\n") == one(diag::err_asm_backward_jump, 2, 11));
  CHECK(errors_of("  ret ERRNO(70000)\n") == one(diag::err_action_value_range, 1, 13));
  CHECK(errors_of("  ret FOO\n") == one(diag::err_unknown_action, 1, 7));
  CHECK(errors_of("  ret ALLOW(1)\n") == one(diag::err_asm_operand, 1, 7));
  CHECK(errors_of("  ld #0x100000000\n") == one(diag::err_asm_value_range, 1, 7));
  CHECK(errors_of("  ld #-2147483649\n") == one(diag::err_asm_value_range, 1, 7));
  CHECK(errors_of("  jeq #1, +256\n") == one(diag::err_asm_value_range, 1, 12));
  CHECK(errors_of("  ret a extra\n") == one(diag::err_asm_trailing, 1, 9));
  CHECK(errors_of("  add\n") == one(diag::err_asm_operand, 1, 6));
  CHECK(errors_of("  ld M[3\n") == one(diag::err_asm_expected, 1, 9));
  CHECK(errors_of("  ldh #1\n") == one(diag::err_asm_operand, 1, 7));
  CHECK(errors_of("  .insn 0x10000, 0, 0, 0\n") == one(diag::err_asm_value_range, 1, 9));
  CHECK(errors_of("  jeq #1 L1\n") == one(diag::err_asm_expected, 1, 10));
  CHECK(errors_of("; nothing\n\n") == one(diag::err_asm_empty, 1, 1));
  CHECK(errors_of("") == one(diag::err_asm_empty, 1, 1));
}

TEST_CASE("duplicate labels get a note") {
  std::string rendered;
  CHECK(errors_of("a: ld #1\na: ret a\n", &rendered) == one(diag::err_asm_duplicate_label, 2, 1));
  CHECK(rendered ==
        "bad.asm:2:1: error: label 'a' is defined twice\n"
        "  a: ret a\n"
        "  ^\n"
        "bad.asm:1:1: note: 'a' was first defined here\n"
        "  a: ld #1\n"
        "  ^\n");
}

TEST_CASE("conditional jumps reach at most 255 instructions") {
  std::string text = "  jeq #1, far\n";
  for (int i = 0; i < 256; ++i) text += "  ret a\n";
  text += "far: ret a\n";
  CHECK(errors_of(text) == one(diag::err_asm_jump_too_far, 1, 11));
  // ja takes a 32-bit offset.
  std::string ja = "  ja far\n";
  for (int i = 0; i < 300; ++i) ja += "  ret a\n";
  ja += "far: ret a\n";
  CHECK(errors_of(ja).empty());
}

TEST_CASE("every bad line is reported") {
  CHECK(errors_of("  foo\n  ret a\n  ld [x]\n  bar\n  ret b\n") ==
        one(diag::err_asm_unknown_mnemonic, 1, 3) + one(diag::err_asm_expected, 3, 8) +
            one(diag::err_asm_unknown_mnemonic, 4, 3) + one(diag::err_unknown_action, 5, 7));
}

TEST_CASE("pcap -ddd errors") {
  CHECK(errors_of("2\n6 0 0 0\n") == one(diag::err_asm_ddd_count, 1, 1));
  CHECK(errors_of("1\n6 0 0\n") == one(diag::err_asm_ddd_line, 2, 1));
  CHECK(errors_of("1\n6 0 x 0\n") == one(diag::err_asm_ddd_line, 2, 5));
  CHECK(errors_of("1\n6 0 256 0\n") == one(diag::err_asm_value_range, 2, 5));
  CHECK(errors_of("1\n65536 0 0 4294967296\n") ==
        one(diag::err_asm_value_range, 2, 1) + one(diag::err_asm_value_range, 2, 11));
}

}  // namespace
}  // namespace secco::bpf
