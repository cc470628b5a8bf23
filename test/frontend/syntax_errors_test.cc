// Every parse diagnostic: its file, line, column and text. Errors at the end of a line point just
// after the last token, where the missing piece belongs. Also: every bad line is reported and the
// good lines around it still parse.
#include <doctest/doctest.h>

#include "frontend_test_util.h"

namespace secco::testing {
namespace {

// The one diagnostic of a one-line policy, as "test.secco:1:COL: message\n".
std::string error_of(const std::string& line) {
  return parse_text(line).messages();
}

TEST_CASE("rule syntax errors") {
  CHECK(error_of("read arg0: 1") == "test.secco:1:6: expected ':' after the system call name\n");
  CHECK(error_of(": 1") == "test.secco:1:1: expected a system call name, found ':'\n");
  CHECK(error_of("read[+allow -kill]: 1") == "test.secco:1:13: expected ',' or ']', found '-'\n");
  CHECK(error_of("read[allow]: 1") ==
        "test.secco:1:6: expected '+ACTION' or '-ACTION' in the action list, found 'allow'\n");
  CHECK(error_of("read[+]: 1") == "test.secco:1:7: expected an action after '+'\n");
  CHECK(error_of("read[+allow: 1") == "test.secco:1:12: expected ',' or ']', found ':'\n");
  // Without ':' or '=' a line is of no kind at all (spec §1), whatever it starts like.
  CHECK(error_of("read[+allow") ==
        "test.secco:1:1: expected a rule ('NAME: ...'), a definition ('NAME = ...') or a comment\n");
  CHECK(error_of("read:") == "test.secco:1:6: expected an expression or 'return ACTION' after ':'\n");
  CHECK(error_of("read: arg0 ==") == "test.secco:1:14: expected an expression after '=='\n");
  CHECK(error_of("read: arg0 ==   # why") == "test.secco:1:14: expected an expression after '=='\n");
  CHECK(error_of("read: (arg0 == 1") == "test.secco:1:17: missing ')'\n");
  CHECK(error_of("read: arg0 == 1)") == "test.secco:1:16: unmatched ')'\n");
  CHECK(error_of("read: arg0 == 1 2") == "test.secco:1:17: unexpected '2' after the expression\n");
  CHECK(error_of("read: a = 1") == "test.secco:1:9: unexpected '=' after the expression; did you mean '=='?\n");
  CHECK(error_of("read: return") == "test.secco:1:13: expected an action after 'return'\n");
  CHECK(error_of("read: arg0 == 1; allow") == "test.secco:1:18: expected 'return' after ';'\n");
  CHECK(error_of("read: arg0 == 1; return allow x") == "test.secco:1:31: unexpected 'x' after 'allow'\n");
  CHECK(error_of("read: in(arg0 1)") == "test.secco:1:15: expected ',' or ')', found '1'\n");
  CHECK(error_of("read: f(1,)") == "test.secco:1:11: expected an expression after ','\n");
  CHECK(error_of("read: return trap(") == "test.secco:1:19: expected a number after '('\n");
  CHECK(error_of("read: return trap(1") == "test.secco:1:20: missing ')'\n");
  CHECK(error_of("read: 1 +* 2") == "test.secco:1:10: expected an expression after '+'\n");
  CHECK(error_of("read: ()") == "test.secco:1:8: expected an expression between '(' and ')'\n");
  CHECK(error_of("read: 1 ! 2") == "test.secco:1:9: unexpected '!' after the expression\n");
  CHECK(error_of("read: arg0 === 1") == "test.secco:1:14: expected an expression after '=='\n");
}

TEST_CASE("definition and default syntax errors") {
  CHECK(error_of("x =") == "test.secco:1:4: expected an expression after '='\n");
  CHECK(error_of("f(a b) = 1") == "test.secco:1:5: expected ',' or ')' in the parameter list, found 'b'\n");
  CHECK(error_of("f(1) = 2") == "test.secco:1:3: expected a parameter name, found '1'\n");
  CHECK(error_of("f(a,) = 2") == "test.secco:1:5: expected a parameter name, found ')'\n");
  CHECK(error_of("3 = 4") == "test.secco:1:1: expected a name to define, found '3'\n");
  CHECK(error_of("x y = 1") == "test.secco:1:3: expected '=' after 'x'\n");
  CHECK(error_of("arg0 = 1") == "test.secco:1:1: expected a name to define, found 'arg0'\n");
  CHECK(error_of("DEFAULT_POLICY kill") == "test.secco:1:16: expected '=' after 'DEFAULT_POLICY'\n");
  CHECK(error_of("DEFAULT_POLICY =") == "test.secco:1:17: expected an action after '='\n");
  CHECK(error_of("DEFAULT_POLICY = kill 3") == "test.secco:1:23: unexpected '3' after 'kill'\n");
  CHECK(error_of("DEFAULT_POLICY = arg0 == 1") == "test.secco:1:18: expected an action after '='\n");
}

TEST_CASE("line kind, unknown characters") {
  CHECK(error_of("just some words") ==
        "test.secco:1:1: expected a rule ('NAME: ...'), a definition ('NAME = ...') or a comment\n");
  CHECK(error_of("read: a $ b") == "test.secco:1:9: unknown character '$'\n");
  CHECK(error_of("read: é") == "test.secco:1:7: unknown character 'é'\n");
  CHECK(error_of(std::string("read: a\0b", 9)) == "test.secco:1:8: unknown character '\\x00'\n");
  CHECK(error_of("read: a\rb") == "test.secco:1:8: unknown character '\\r'\n");
  CHECK(error_of("# é and $ are fine in comments").empty());
}

TEST_CASE("numbers, arguments and actions checked by the AST builder") {
  CHECK(error_of("x = 18446744073709551616") ==
        "test.secco:1:5: number '18446744073709551616' does not fit in 64 bits\n");
  CHECK(error_of("x = 0x1ffffffffffffffff") ==
        "test.secco:1:5: number '0x1ffffffffffffffff' does not fit in 64 bits\n");
  CHECK(error_of("x = 09") == "test.secco:1:5: invalid number '09'\n");
  CHECK(error_of("x = 0x") == "test.secco:1:5: invalid number '0x'\n");
  CHECK(error_of("x = 0b12") == "test.secco:1:5: invalid number '0b12'\n");
  CHECK(error_of("x = 12ab") == "test.secco:1:5: invalid number '12ab'\n");
  CHECK(error_of("x = arg6") == "test.secco:1:5: no argument 'arg6': system calls have arguments arg0 to arg5\n");
  CHECK(error_of("x = argH9") == "test.secco:1:5: no argument 'argH9': system calls have arguments argH0 to argH5\n");
  CHECK(error_of("x = argL01") == "test.secco:1:5: no argument 'argL01': system calls have arguments argL0 to argL5\n");
  CHECK(error_of("read[+allow, +kill]: 1") == "test.secco:1:14: the positive action is given twice\n");
  CHECK(error_of("read[-1, -2]: 1") == "test.secco:1:10: the negative action is given twice\n");
  CHECK(error_of("read: in(arg0)") ==
        "test.secco:1:7: 'in' needs at least one value after the tested expression, as in 'in(arg0, 1)'\n");
  CHECK(error_of("read: notIn(arg0)") ==
        "test.secco:1:7: 'notIn' needs at least one value after the tested expression, as in 'notIn(arg0, 1)'\n");
  CHECK(error_of("read: return foo(3)") == "test.secco:1:14: unknown action 'foo'\n");
  CHECK(error_of("read: return allow(3)") == "test.secco:1:14: action 'allow' takes no value\n");
  CHECK(error_of("read: return errno") == "test.secco:1:14: action 'errno' needs a value, as in 'errno(1)'\n");
  CHECK(error_of("DEFAULT_POLICY = errno(099)") == "test.secco:1:24: invalid number '099'\n");
  // Several builder errors on one line are all reported.
  CHECK(error_of("x = arg7 + 09") ==
        "test.secco:1:5: no argument 'arg7': system calls have arguments arg0 to arg5\n"
        "test.secco:1:12: invalid number '09'\n");
}

TEST_CASE("every bad line is reported; good lines still parse") {
  Parsed p = parse_text("read: 1\nwrite: (\nx = 1\nclose arg0\nopen: arg0 ==\nstat: 1\n");
  CHECK(p.messages() ==
        "test.secco:2:9: expected an expression after '('\n"
        "test.secco:4:1: expected a rule ('NAME: ...'), a definition ('NAME = ...') or a comment\n"
        "test.secco:5:14: expected an expression after '=='\n");
  CHECK(p.file.lines.size() == 3);  // read, x, stat
  CHECK(p.diags->error_count() == 3);
  for (const Diagnostic& d : p.diags->all()) CHECK(d.range.begin.file == p.id);
}

TEST_CASE("ANTLR's words never reach the user") {
  const char* bad[] = {"read: (((", "read: )))", "x = = =", "DEFAULT_POSITIVE = = 1", "read[: 1",        "read]: 1",
                       "f(: 1",     "read: in(", ",,, = 3", "read: return 1 2 3",     "read: ; return 1"};
  for (const char* line : bad) {
    std::string m = error_of(line);
    CAPTURE(line);
    CAPTURE(m);
    CHECK(!m.empty());
    CHECK(m.find("<EOF>") == std::string::npos);
    CHECK(m.find("mismatched") == std::string::npos);
    CHECK(m.find("extraneous") == std::string::npos);
    CHECK(m.find("expecting") == std::string::npos);
    CHECK(m.find("IDENT") == std::string::npos);
    CHECK(m.find("viable") == std::string::npos);
  }
}

}  // namespace
}  // namespace secco::testing
