// The canonical printer: spacing, minimal parentheses, keyword case, heads in written order, and
// the round-trip property parse(print(ast)) ~ ast and print(parse(print(ast))) == print(ast) on
// every policy in test/policies/ and /work/shared/bench (the sibling of the source tree).
#include <doctest/doctest.h>

#include <filesystem>

#include "frontend/printer.h"
#include "frontend_test_util.h"
#include "lib/test_support.h"

namespace secco::testing {
namespace {

namespace fs = std::filesystem;

std::string fmt(const std::string& text) {
  Parsed p = parse_text(text);
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  return frontend::print(p.file);
}

TEST_CASE("canonical spacing, keyword case, numbers as written") {
  CHECK(fmt("read:arg0==1&&argL1<0x10") == "read: arg0 == 1 && argL1 < 0x10\n");
  CHECK(fmt("read  [ -KILL ,+Trap( 0X3 ) ] :   TRUE") == "read[-kill, +trap(0X3)]: true\n");
  CHECK(fmt("read[+allow,-EPERM]:IN(arg0,1,2)||NOTIN(arg1,3)") ==
        "read[+allow, -EPERM]: in(arg0, 1, 2) || notIn(arg1, 3)\n");
  CHECK(fmt("read:arg0==1;return ERRNO(13)") == "read: arg0 == 1; return errno(13)\n");
  CHECK(fmt("read :return 052") == "read: return 052\n");
  CHECK(fmt("f( a ,b )=a+b\ng()=FALSE\n") == "f(a, b) = a + b\ng() = false\n");
  CHECK(fmt("DEFAULT_POLICY=Kill_Thread") == "DEFAULT_POLICY = kill_thread\n");
  CHECK(fmt("  # indented comment   \n\n   \nx = 1    #   trailing  \n") ==
        "# indented comment\n\n\nx = 1 #   trailing\n");
  CHECK(fmt("").empty());
  CHECK(fmt("x = 1") == "x = 1\n");
}

TEST_CASE("minimal parentheses by precedence and left-associativity") {
  CHECK(fmt("x = (10 - 2) - 3") == "x = 10 - 2 - 3\n");
  CHECK(fmt("x = 10 - (2 - 3)") == "x = 10 - (2 - 3)\n");
  CHECK(fmt("x = (a + b) * c") == "x = (a + b) * c\n");
  CHECK(fmt("x = a + (b * c)") == "x = a + b * c\n");
  CHECK(fmt("x = ((a))") == "x = a\n");
  CHECK(fmt("x = !(a == b) && !(!c)") == "x = !(a == b) && !!c\n");
  CHECK(fmt("x = ~(a | b)") == "x = ~(a | b)\n");
  CHECK(fmt("x = (a || b) && c") == "x = (a || b) && c\n");
  CHECK(fmt("x = a == (b == c)") == "x = a == (b == c)\n");
  CHECK(fmt("x = (a == b) != c") == "x = a == b != c\n");
  CHECK(fmt("x = a < (b | c)") == "x = a < (b | c)\n");  // kept for C readers: see below
  CHECK(fmt("x = (a < b) | c") == "x = (a < b) | c\n");
  CHECK(fmt("x = f((a), (b + c) * 2)") == "x = f(a, (b + c) * 2)\n");
}

TEST_CASE("parentheses a C reader needs stay, where the language's precedence differs from C's") {
  // Issue 12: `(prot & WX) != WX` must not become `prot & WX != WX` (C reads `prot & (WX != WX)`).
  CHECK(fmt("x = (prot & WX) != WX") == "x = (prot & WX) != WX\n");
  CHECK(fmt("x = prot & WX != WX") == "x = (prot & WX) != WX\n");  // the same program, now unambiguous
  CHECK(fmt("x = argL0 ^ 1 == 0") == "x = (argL0 ^ 1) == 0\n");
  CHECK(fmt("x = 1 < (argL0 | 2)") == "x = 1 < (argL0 | 2)\n");
  CHECK(fmt("x = argL0 &? (4 & 1)") == "x = argL0 &? (4 & 1)\n");
  CHECK(fmt("x = a << b + 1") == "x = a << (b + 1)\n");
  CHECK(fmt("x = (a * 2) >> 1") == "x = (a * 2) >> 1\n");
  CHECK(fmt("x = (a << 1) + 1") == "x = (a << 1) + 1\n");
  CHECK(fmt("x = a & b | c") == "x = a & b | c\n");  // same grouping in C
  CHECK(fmt("x = a + b * c == d") == "x = a + b * c == d\n");
  // The canonical form parses back to the same tree.
  CHECK(shape("prot & WX != WX") == shape("(prot & WX) != WX"));
}

TEST_CASE("trailing comments aligned in a block stay aligned") {
  CHECK(fmt("read: 1           # a\nopenat:  arg0==1  # b\nwrite: 1          # c\n") ==
        "read: 1           # a\nopenat: arg0 == 1 # b\nwrite: 1          # c\n");
  // Not aligned in the source: one space, as before.
  CHECK(fmt("read: 1 # a\nwrite:  1   # b\n") == "read: 1 # a\nwrite: 1 # b\n");
  // Blocks are separated by blank lines and whole-line comments; each keeps its own column.
  CHECK(fmt("read: 1    # a\nclose: 1   # b\n\nopenat: 1 # c\nfstat: 1  # d\n") ==
        "read: 1  # a\nclose: 1 # b\n\nopenat: 1 # c\nfstat: 1  # d\n");
  // Idempotent.
  std::string once = fmt("read: 1           # a\nopenat:  arg0==1  # b\n");
  CHECK(fmt(once) == once);
}

void check_round_trip(const std::string& path) {
  CAPTURE(path);
  Parsed first = parse_text(read_file(path), path);
  REQUIRE_MESSAGE(!first.diags->has_errors(), first.messages());
  std::string printed = frontend::print(first.file);
  Parsed second = parse_text(printed, path + " (printed)");
  REQUIRE_MESSAGE(!second.diags->has_errors(), second.messages());
  CHECK(ast::equivalent(first.file, second.file));
  CHECK(frontend::print(second.file) == printed);
  CHECK(first.file.lines.size() == second.file.lines.size());
}

std::vector<std::string> policies_in(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".secco") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("round trip: every policy in test/policies") {
  std::vector<std::string> files = policies_in(source_path("test/policies"));
  CHECK(files.size() >= 5);
  for (const std::string& f : files) check_round_trip(f);
}

TEST_CASE("round trip: the shared benchmark policies") {
  std::vector<std::string> files = policies_in(fs::path(SECCO_SOURCE_DIR) / ".." / "shared" / "bench");
  if (files.empty()) {
    MESSAGE("no benchmark policies next to the source tree; skipped");
    return;
  }
  for (const std::string& f : files) check_round_trip(f);
}

TEST_CASE("equivalence sees differences that matter and ignores spelling and ranges") {
  auto same = [](const std::string& a, const std::string& b) {
    return ast::equivalent(parse_text(a).file, parse_text(b).file);
  };
  CHECK(same("x = 0x10 + (a)", "x   =  16+a"));
  CHECK(same("read[-KILL]: 1", "read[-kill]: 01"));
  CHECK(!same("read[-kill]: 1", "read[-kill_thread]: 1"));
  CHECK(!same("x = 1 - 2 - 3", "x = 1 - (2 - 3)"));
  CHECK(!same("x = in(a, 1)", "x = notIn(a, 1)"));
  CHECK(!same("read[+allow, -kill]: 1", "read[-kill, +allow]: 1"));
  CHECK(!same("read: 1", "read: 1 # c"));
  CHECK(!same("f(a) = a", "f(b) = b"));
  CHECK(!same("read: return 1", "read: 1; return 1"));
}

TEST_CASE("clone copies the whole tree with its ranges") {
  Parsed p = parse_text("x = f(a, in(argL1, 1, 2)) + ~3 - notIn(b, 4)");
  const auto& d = boost::variant2::get<ast::Definition>(p.file.lines[0].node);
  ast::ExprPtr copy = ast::clone(*d.body);
  CHECK(ast::equivalent(*copy, *d.body));
  CHECK(sexpr(*copy) == sexpr(*d.body));
  CHECK(copy->range.begin.col == d.body->range.begin.col);
  CHECK(copy->range.end.col == d.body->range.end.col);
  CHECK(copy.get() != d.body.get());
  CHECK(frontend::print(*copy) == "f(a, in(argL1, 1, 2)) + ~3 - notIn(b, 4)");
}

}  // namespace
}  // namespace secco::testing
