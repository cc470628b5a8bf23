// Every production of the grammar (grammar/Secco.g4): line kinds, rule heads and bodies, actions,
// definitions, defaults, tokens, and operator precedence and associativity of spec §5.
#include <doctest/doctest.h>

#include "frontend_test_util.h"

namespace secco::testing {
namespace {

using boost::variant2::get;
using boost::variant2::get_if;
using boost::variant2::holds_alternative;

const ast::Rule& only_rule(const Parsed& p) {
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  REQUIRE(p.file.lines.size() == 1);
  REQUIRE(holds_alternative<ast::Rule>(p.file.lines[0].node));
  return get<ast::Rule>(p.file.lines[0].node);
}

TEST_CASE("line kinds: blank, comment, rule, definition, default") {
  Parsed p = parse_text("\n   \t\n# a comment  \n  # indented\nread: 1\nX = 2\nDEFAULT_POLICY = kill\n");
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  REQUIRE(p.file.lines.size() == 7);
  CHECK(holds_alternative<ast::Blank>(p.file.lines[0].node));
  CHECK(holds_alternative<ast::Blank>(p.file.lines[1].node));
  CHECK(get<ast::Comment>(p.file.lines[2].node).text == "# a comment");  // trailing blanks dropped
  CHECK(get<ast::Comment>(p.file.lines[3].node).text == "# indented");
  CHECK(get<ast::Rule>(p.file.lines[4].node).syscall == "read");
  CHECK(get<ast::Definition>(p.file.lines[5].node).name == "X");
  CHECK(get<ast::DefaultSetting>(p.file.lines[6].node).which == ast::DefaultSetting::Which::Policy);
  CHECK(p.file.lines[4].range.begin.line == 5);
  CHECK(p.file.lines[4].range.end.col == 8);
}

TEST_CASE("empty file, missing final newline, CRLF") {
  CHECK(parse_text("").file.lines.empty());
  CHECK(parse_text("read: 1").file.lines.size() == 1);
  Parsed crlf = parse_text("read: 1\r\n# note\r\nx = 2 # c\r\n");
  REQUIRE_MESSAGE(!crlf.diags->has_errors(), crlf.messages());
  REQUIRE(crlf.file.lines.size() == 3);
  CHECK(get<ast::Comment>(crlf.file.lines[1].node).text == "# note");
  CHECK(crlf.file.lines[2].trailing_comment == "# c");
}

TEST_CASE("rule bodies: EXPR, return ACTION, EXPR; return ACTION, 1, true") {
  Parsed e_p = parse_text("read: arg0 == 1");
  const ast::Rule& e = only_rule(e_p);
  CHECK(e.form == ast::Rule::BodyForm::Expr);
  CHECK(sexpr(*e.expr) == "(== arg0 1)");
  CHECK(!e.returned);

  Parsed ret_p = parse_text("read: return EPERM");
  const ast::Rule& ret = only_rule(ret_p);
  CHECK(ret.form == ast::Rule::BodyForm::Return);
  CHECK(!ret.expr);
  CHECK(ret.returned->form == ast::ActionRef::Form::Name);
  CHECK(ret.returned->name == "EPERM");

  Parsed er_p = parse_text("read: arg0 == 1; return 5");
  const ast::Rule& er = only_rule(er_p);
  CHECK(er.form == ast::Rule::BodyForm::ExprReturn);
  CHECK(sexpr(*er.expr) == "(== arg0 1)");
  CHECK(er.returned->form == ast::ActionRef::Form::Number);
  CHECK(*er.returned->value == 5);

  Parsed one_p = parse_text("read: 1");
  CHECK(sexpr(*only_rule(one_p).expr) == "1");
  Parsed true_p = parse_text("read:TRUE");
  CHECK(sexpr(*only_rule(true_p).expr) == "true");
}

TEST_CASE("rule heads: either order, one item, blanks before the head") {
  Parsed p1 = parse_text("read[+trace, -kill]: 1");
  const ast::Rule& r1 = only_rule(p1);
  CHECK(r1.positive->kind == ActionKind::Trace);
  CHECK(r1.negative->kind == ActionKind::KillThread);
  CHECK(!r1.negative_first);

  Parsed p2 = parse_text("read  [ -55 , +log ] : 1");
  const ast::Rule& r2 = only_rule(p2);
  CHECK(r2.negative_first);
  CHECK(r2.negative->form == ast::ActionRef::Form::Number);
  CHECK(*r2.negative->value == 55);
  CHECK(r2.positive->kind == ActionKind::Log);

  Parsed p3 = parse_text("read[-EACCES]: 1");
  const ast::Rule& r3 = only_rule(p3);
  CHECK(!r3.positive);
  CHECK(r3.negative->name == "EACCES");
  CHECK(r3.syscall_range.begin.col == 1);
  CHECK(r3.syscall_range.end.col == 5);
}

TEST_CASE("actions: every keyword, values, numbers, names, any case") {
  struct Case {
    const char* text;
    ActionKind kind;
    std::optional<std::uint64_t> value;
  };
  const Case cases[] = {
      {"allow", ActionKind::Allow, std::nullopt},
      {"kill", ActionKind::KillThread, std::nullopt},
      {"kill_thread", ActionKind::KillThread, std::nullopt},
      {"kill_process", ActionKind::KillProcess, std::nullopt},
      {"trap", ActionKind::Trap, std::nullopt},
      {"trap(3)", ActionKind::Trap, 3},
      {"trace", ActionKind::Trace, std::nullopt},
      {"trace(0x10)", ActionKind::Trace, 16},
      {"log", ActionKind::Log, std::nullopt},
      {"user_notif", ActionKind::UserNotif, std::nullopt},
      {"errno(13)", ActionKind::Errno, 13},
      {"ALLOW", ActionKind::Allow, std::nullopt},
      {"Kill_Process", ActionKind::KillProcess, std::nullopt},
      {"ERRNO(1)", ActionKind::Errno, 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Parsed p = parse_text(std::string("DEFAULT_NEGATIVE = ") + c.text);
    REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
    const ast::ActionRef& a = get<ast::DefaultSetting>(p.file.lines[0].node).action;
    CHECK(a.form == ast::ActionRef::Form::Keyword);
    CHECK(a.kind == c.kind);
    CHECK(a.value == c.value);
    CHECK(a.keyword == std::string(c.text).substr(0, std::string(c.text).find('(')));
  }
  Parsed num = parse_text("DEFAULT_POSITIVE = 0x10");
  const ast::ActionRef& n = get<ast::DefaultSetting>(num.file.lines[0].node).action;
  CHECK(n.form == ast::ActionRef::Form::Number);
  CHECK(*n.value == 16);
  CHECK(n.value_spelling == "0x10");
  CHECK(get<ast::DefaultSetting>(num.file.lines[0].node).which == ast::DefaultSetting::Which::Positive);
  Parsed name = parse_text("DEFAULT_NEGATIVE = MY_ERR");
  CHECK(get<ast::DefaultSetting>(name.file.lines[0].node).action.name == "MY_ERR");
  CHECK(get<ast::DefaultSetting>(name.file.lines[0].node).which == ast::DefaultSetting::Which::Negative);
}

TEST_CASE("definitions: variables, macros with parameters, empty parameter list") {
  Parsed p = parse_text("PAGE = 4096\nsmall(x, n) = x < n\nnone() = 1\n");
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  const auto& v = get<ast::Definition>(p.file.lines[0].node);
  CHECK(!v.has_params);
  CHECK(sexpr(*v.body) == "4096");
  const auto& m = get<ast::Definition>(p.file.lines[1].node);
  CHECK(m.has_params);
  CHECK(m.params == std::vector<std::string>{"x", "n"});
  REQUIRE(m.param_ranges.size() == 2);
  CHECK(m.param_ranges[1].begin.col == 10);
  CHECK(sexpr(*m.body) == "(< x n)");
  const auto& e = get<ast::Definition>(p.file.lines[2].node);
  CHECK(e.has_params);
  CHECK(e.params.empty());
}

TEST_CASE("tokens: numbers in every base, arguments, keywords in any case") {
  CHECK(shape("42") == "42");
  CHECK(shape("0x2a + 0X2A") == "(+ 42 42)");
  CHECK(shape("052") == "42");
  CHECK(shape("0b101010 + 0B1") == "(+ 42 1)");
  CHECK(shape("0") == "0");
  CHECK(shape("0xffffffffffffffff") == "18446744073709551615");
  CHECK(shape("arg0 + argL5 + argH3") == "(+ (+ arg0 argL5) argH3)");
  CHECK(shape("in(a, 1) && IN(a, 2) && NotIn(a, 3) && NOTIN(a, 4)") ==
        "(&& (&& (&& (in a 1) (in a 2)) (notIn a 3)) (notIn a 4))");
  CHECK(shape("true || True || FALSE") == "(|| (|| true true) false)");
  CHECK(shape("arg10x + argl0 + _x1") == "(+ (+ arg10x argl0) _x1)");  // identifiers, not arguments
  CHECK(shape("f() + g(1) + h(a, b + 1)") == "(+ (+ (call f) (call g 1)) (call h a (+ b 1)))");
}

TEST_CASE("precedence follows spec section 5, loosest to tightest") {
  CHECK(shape("a || b && c") == "(|| a (&& b c))");
  CHECK(shape("a && b == c") == "(&& a (== b c))");
  CHECK(shape("a == b < c") == "(== a (< b c))");
  CHECK(shape("a != b <= c") == "(!= a (<= b c))");
  CHECK(shape("a &? b > c") == "(&? a (> b c))");
  CHECK(shape("a < b | c") == "(< a (| b c))");
  CHECK(shape("a >= b | c") == "(>= a (| b c))");
  CHECK(shape("a | b ^ c") == "(| a (^ b c))");
  CHECK(shape("a ^ b & c") == "(^ a (& b c))");
  CHECK(shape("a & b << c") == "(& a (<< b c))");
  CHECK(shape("a >> b + c") == "(>> a (+ b c))");
  CHECK(shape("a - b * c") == "(- a (* b c))");
  CHECK(shape("a + b / c % d") == "(+ a (% (/ b c) d))");
  CHECK(shape("!a * b") == "(* (! a) b)");
  CHECK(shape("~a + ~~b") == "(+ (~ a) (~ (~ b)))");
  CHECK(shape("!(a == b)") == "(! (== a b))");
  CHECK(shape("arg0 == 1 | 2") == "(== arg0 (| 1 2))");  // unlike C
}

TEST_CASE("every binary operator is left-associative") {
  CHECK(shape("10 - 2 - 3") == "(- (- 10 2) 3)");
  CHECK(shape("a / b / c") == "(/ (/ a b) c)");
  CHECK(shape("a % b * c") == "(* (% a b) c)");
  CHECK(shape("a << b >> c") == "(>> (<< a b) c)");
  CHECK(shape("a & b & c") == "(& (& a b) c)");
  CHECK(shape("a ^ b ^ c") == "(^ (^ a b) c)");
  CHECK(shape("a | b | c") == "(| (| a b) c)");
  CHECK(shape("a < b > c <= d >= e") == "(>= (<= (> (< a b) c) d) e)");
  CHECK(shape("a == b != c &? d") == "(&? (!= (== a b) c) d)");
  CHECK(shape("a && b && c") == "(&& (&& a b) c)");
  CHECK(shape("a || b || c") == "(|| (|| a b) c)");
  CHECK(shape("a - (b - c)") == "(- a (- b c))");
}

TEST_CASE("source ranges of expressions are 1-based and half-open") {
  Parsed p = parse_text("read: argL0 + 12 == f(x)");
  const ast::Rule& r = only_rule(p);
  CHECK(r.expr->range.begin.col == 7);
  CHECK(r.expr->range.end.col == 25);
  const auto& eq = get<ast::Binary>(r.expr->node);
  CHECK(eq.lhs->range.begin.col == 7);
  CHECK(eq.lhs->range.end.col == 17);
  const auto& call = get<ast::Call>(eq.rhs->node);
  CHECK(call.name_range.begin.col == 21);
  CHECK(call.name_range.end.col == 22);
  CHECK(r.expr->range.begin.line == 1);
  CHECK(r.expr->range.begin.file == p.id);
}

TEST_CASE("trailing comments are kept on every kind of line") {
  Parsed p = parse_text("read: 1 # why\nX = 2#tight\nDEFAULT_POLICY = kill   # d   \n");
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  CHECK(p.file.lines[0].trailing_comment == "# why");
  CHECK(p.file.lines[1].trailing_comment == "#tight");
  CHECK(p.file.lines[2].trailing_comment == "# d");
}

TEST_CASE("a syscall named like an action keyword is still a rule") {
  Parsed p = parse_text("kill: return trap\ntrace: 1\n");
  REQUIRE_MESSAGE(!p.diags->has_errors(), p.messages());
  CHECK(get<ast::Rule>(p.file.lines[0].node).syscall == "kill");
  CHECK(get<ast::Rule>(p.file.lines[0].node).returned->kind == ActionKind::Trap);
  CHECK(get<ast::Rule>(p.file.lines[1].node).syscall == "trace");
}

}  // namespace
}  // namespace secco::testing
