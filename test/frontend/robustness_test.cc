// Hostile input never crashes, hangs or overflows the stack: invalid UTF-8, binary garbage, NUL
// bytes, very long lines, deep nesting, long operator chains. Also a 10,000-line policy parses fast.
#include <doctest/doctest.h>

#include <chrono>
#include <random>

#include "frontend/limits.h"
#include "frontend/printer.h"
#include "frontend_test_util.h"

namespace secco::testing {
namespace {

// A guard against super-linear parsing, not a speed measurement (bench/ measures speed): an
// optimised build parses these lines in ~0.3 s, and a quadratic or exponential parse would take
// minutes, so a budget far above the expected time keeps the test steady on a loaded machine.
// Debug and sanitizer builds only must not hang.
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__) && !defined(SECCO_SANITIZED)
constexpr double kParseBudgetSeconds = 10.0;
#else
constexpr double kParseBudgetSeconds = 30.0;
#endif

TEST_CASE("invalid UTF-8: one diagnostic at the first bad byte, then the file is not parsed") {
  Parsed p = parse_text("read: 1\n# caf\xc3\xa9 ok\nx = 1 # \xff\xfe\nwrite: $\n");
  CHECK(p.messages() == "test.secco:3:9: invalid UTF-8 byte 0xff in policy text\n");
  CHECK(p.file.lines.empty());
  CHECK(parse_text("\x80").messages() == "test.secco:1:1: invalid UTF-8 byte 0x80 in policy text\n");
  CHECK(parse_text("# \xc0\xaf overlong").messages() == "test.secco:1:3: invalid UTF-8 byte 0xc0 in policy text\n");
  CHECK(parse_text("# \xed\xa0\x80 surrogate").messages() ==
        "test.secco:1:3: invalid UTF-8 byte 0xed in policy text\n");
  CHECK(parse_text("# \xe2\x82 truncated").messages() == "test.secco:1:3: invalid UTF-8 byte 0xe2 in policy text\n");
}

TEST_CASE("binary garbage and NUL bytes give diagnostics, not crashes") {
  std::mt19937 rng(1234);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::size_t n = rng() % 300;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>(rng() % 128);  // ASCII: passes UTF-8
    Parsed p = parse_text(text);
    for (const Diagnostic& d : p.diags->all()) {
      CHECK(d.range.begin.line >= 1);
      CHECK(d.range.begin.col >= 1);
      CHECK(d.message.find("<EOF>") == std::string::npos);
    }
  }
  Parsed nul = parse_text(std::string("\0\0\0\nread: 1\n", 12));
  CHECK(nul.messages() == "test.secco:1:1: unknown character '\\x00'\n");
  CHECK(nul.file.lines.size() == 1);
}

TEST_CASE("a line longer than the limit is reported without being lexed") {
  std::string huge = "read: " + std::string(1 << 20, '(') + "\nwrite: 1\n";
  Parsed p = parse_text(huge);
  CHECK(p.messages() == "test.secco:1:65537: line is longer than 65536 bytes\n");
  CHECK(p.file.lines.size() == 1);
  std::string just_fits = "x = " + std::string(frontend::kMaxLineLength - 4, '1');
  CHECK(parse_text(just_fits).messages() ==
        "test.secco:1:5: number '" + std::string(frontend::kMaxLineLength - 4, '1') + "' does not fit in 64 bits\n");
}

TEST_CASE("deep nesting is an error, not a stack overflow") {
  std::string ok = "x = " + std::string(frontend::kMaxNesting, '(') + "1" + std::string(frontend::kMaxNesting, ')');
  CHECK(parse_text(ok).messages().empty());
  std::string deep =
      "x = " + std::string(frontend::kMaxNesting + 1, '(') + "1" + std::string(frontend::kMaxNesting + 1, ')');
  CHECK(parse_text(deep).messages() ==
        "test.secco:1:261: parentheses and '!'/'~' operators are nested more than 256 deep\n");
  CHECK(!parse_text("x = " + std::string(40000, '(') + "1").messages().empty());
  CHECK(!parse_text("x = " + std::string(40000, '!') + "1").messages().empty());
  CHECK(!parse_text("x = " + std::string(20000, '~') + std::string(20000, '(') + "1").messages().empty());
  // Nesting counts only the open parentheses: many shallow groups are fine.
  std::string wide = "x = 1";
  for (int i = 0; i < 300; ++i) wide += " + !(1)";
  CHECK(parse_text(wide).messages().empty());
}

TEST_CASE("a binary operator chain longer than the limit is an error") {
  std::string chain = "x = 1";
  for (std::size_t i = 0; i < frontend::kMaxBinaryOperators; ++i) chain += "+1";
  Parsed ok = parse_text(chain);
  CHECK(ok.messages().empty());
  CHECK(frontend::print(ok.file).size() > chain.size());  // printed with spaces, no crash
  chain += "+1";
  CHECK(parse_text(chain).messages() ==
        "test.secco:1:" + std::to_string(4 + 2 * frontend::kMaxBinaryOperators + 2) +
            ": more than 1024 binary operators on one line; split the expression with definitions\n");
}

TEST_CASE("a 10,000-line policy parses well under a second") {
  std::string text = "# generated\nDEFAULT_POLICY = kill\n";
  for (int i = 0; i < 2000; ++i) {
    std::string n = std::to_string(i);
    text += "C" + n + " = 0x" + n + " | 4096\n";
    text += "m" + n + "(a, b) = a == C" + n + " || in(b, 1, 2, 3) && !(a &? b)\n";
    text += "sys" + n + "[+allow, -errno(1)]: m" + n + "(argL0, arg1) || arg2 < 1 << 40 # c\n";
    text += "blank" + n + ": argH3 - 1 - 2 == 0; return EPERM\n";
    text += "\n";
  }
  auto start = std::chrono::steady_clock::now();
  Parsed p = parse_text(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("parsed 10002 lines in " << seconds << " s");
  CHECK(p.messages().empty());
  CHECK(p.file.lines.size() == 10002);
  CHECK(seconds < kParseBudgetSeconds);
}

}  // namespace
}  // namespace secco::testing
