// Parse tree -> AST, one typed function per grammar rule, reading each context's children directly
// (no visitor, no antlrcpp::Any). The generated accessors (`c.expr()`, `c.IDENT()`) scan the children
// with dynamic_cast on every call; the shape of each rule's children is fixed by Secco.g4, so the
// builder indexes them instead (the positions are noted at each rule). Every node gets the source
// range of its tokens: 1-based columns, end exclusive. Semantic checks that need names or types
// are left to later stages.
#include "frontend/ast_builder.h"

#include <string>
#include <typeinfo>
#include <utility>

#include "SeccoParser.h"
#include "frontend/numbers.h"

namespace secco::frontend {
namespace {

using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;
using grammar::SeccoParser;

// `node` as the generated context class T, or null. Every T asked for here is a leaf of the
// generated classes (a labelled alternative or a line rule), so an exact type match is what
// dynamic_cast would find; it costs one type_info comparison where dynamic_cast walked the class
// hierarchy, several name comparisons per miss (in `perf`, most of the builder's time).
template <typename T, typename Node>
T* as(Node& node) {
  return typeid(node) == typeid(T) ? static_cast<T*>(&node) : nullptr;
}
template <typename T, typename Node>
T& as_ref(Node& node) {
  if (T* t = as<T>(node)) return *t;
  throw std::bad_cast();
}

// Child `i` of a rule context, known from the grammar to be a rule (sub)context or a token.
ParserRuleContext& rule_at(ParserRuleContext& c, std::size_t i) {
  return static_cast<ParserRuleContext&>(*c.children[i]);
}
Token* token_at(ParserRuleContext& c, std::size_t i) {
  return static_cast<TerminalNode*>(c.children[i])->getSymbol();
}
// Whether child `i` is a token (the driver's parser builds no error nodes: a syntax error ends the line).
bool is_token(ParserRuleContext& c, std::size_t i) {
  return typeid(*c.children[i]) == typeid(antlr4::tree::TerminalNodeImpl);
}

class Builder {
 public:
  explicit Builder(BuildContext& ctx) : ctx_(ctx) {}

  // ruleLine: syscall actionList? ':' body COMMENT? EOF
  ast::Rule rule(SeccoParser::RuleLineContext& c) {
    ast::Rule r;
    Token* syscall = token_at(c, 0);
    r.syscall = syscall->getText();
    r.syscall_range = range(syscall);
    bool has_list = !is_token(c, 1);
    if (has_list) action_list(rule_at(c, 1), r);
    ParserRuleContext& body_ctx = rule_at(c, has_list ? 3 : 2);
    if (is_token(body_ctx, 0)) {  // RETURN action
      r.form = ast::Rule::BodyForm::Return;
      r.returned = action(rule_at(body_ctx, 1));
    } else {  // expr (';' RETURN action)?
      r.expr = expr(rule_at(body_ctx, 0));
      if (body_ctx.children.size() == 4) {
        r.form = ast::Rule::BodyForm::ExprReturn;
        r.returned = action(rule_at(body_ctx, 3));
      }
    }
    return r;
  }

  // definition: IDENT ('(' params? ')')? '=' expr, that is 3, 5 or (with params) 6 children;
  // params: IDENT (',' IDENT)*
  ast::Definition definition(SeccoParser::DefinitionContext& c) {
    ast::Definition d;
    Token* name = token_at(c, 0);
    d.name = name->getText();
    d.name_range = range(name);
    d.has_params = c.children.size() > 3;
    if (c.children.size() == 6) {
      ParserRuleContext& params = rule_at(c, 2);
      for (std::size_t i = 0; i < params.children.size(); i += 2) {
        Token* p = token_at(params, i);
        d.params.push_back(p->getText());
        d.param_ranges.push_back(range(p));
      }
    }
    d.body = expr(rule_at(c, c.children.size() - 1));
    return d;
  }

  // archSetting: IDENT '=' IDENT (',' IDENT)*; the first IDENT is ARCH itself
  ast::ArchSetting arch_setting(SeccoParser::ArchSettingContext& c) {
    ast::ArchSetting s;
    for (std::size_t i = 2; i < c.children.size(); i += 2) {
      Token* name = token_at(c, i);
      s.names.push_back(name->getText());
      s.name_ranges.push_back(range(name));
    }
    return s;
  }

  // defaultSetting: which '=' action
  ast::DefaultSetting default_setting(SeccoParser::DefaultSettingContext& c) {
    ast::DefaultSetting s;
    switch (token_at(c, 0)->getType()) {
      case SeccoParser::DEFAULT_POSITIVE:
        s.which = ast::DefaultSetting::Which::Positive;
        break;
      case SeccoParser::DEFAULT_NEGATIVE:
        s.which = ast::DefaultSetting::Which::Negative;
        break;
      default:
        s.which = ast::DefaultSetting::Which::Policy;
        break;
    }
    s.action = action(rule_at(c, 2));  // which '=' action
    return s;
  }

 private:
  SourceLoc loc(std::size_t offset) const { return {ctx_.file, ctx_.line, static_cast<std::uint32_t>(offset + 1)}; }
  SourceRange range(Token* t) const { return {loc(t->getStartIndex()), loc(t->getStopIndex() + 1)}; }
  SourceRange range(ParserRuleContext& c) const {
    return {loc(c.getStart()->getStartIndex()), loc(c.getStop()->getStopIndex() + 1)};
  }

  // actionList: '[' actionItem (',' actionItem)? ']'; actionItem: sign action
  void action_list(ParserRuleContext& c, ast::Rule& r) {
    for (std::size_t i = 1; i + 1 < c.children.size(); i += 2) {
      ParserRuleContext& item = rule_at(c, i);
      bool positive = token_at(item, 0)->getType() == SeccoParser::PLUS;
      if (i == 1) r.negative_first = !positive;
      std::optional<ast::ActionRef>& slot = positive ? r.positive : r.negative;
      if (slot) {
        ctx_.diags.report(diag::err_duplicate_action, range(item)) << (positive ? "positive" : "negative");
        ctx_.failed = true;
      }
      slot = action(rule_at(item, 1));
    }
  }

  // action: IDENT ('(' NUMBER ')')? | NUMBER
  ast::ActionRef action(ParserRuleContext& c) {
    ast::ActionRef a;
    a.range = range(c);
    Token* first = token_at(c, 0);
    if (first->getType() == SeccoParser::NUMBER) {
      a.form = ast::ActionRef::Form::Number;
      a.value_spelling = first->getText();
      a.value = number_value(first);
      return a;
    }
    Token* value = c.children.size() == 4 ? token_at(c, 2) : nullptr;
    std::string word = first->getText();
    std::optional<ActionKind> kind = action_keyword(word);
    bool takes_value = kind && (*kind == ActionKind::Trap || *kind == ActionKind::Trace || *kind == ActionKind::Errno);
    if (value && !kind) {
      fail(diag::err_unknown_action, range(first), word);
    } else if (value && !takes_value) {
      fail(diag::err_action_takes_no_value, a.range, word);
    } else if (!value && kind == ActionKind::Errno) {
      fail(diag::err_action_needs_value, a.range, word);
    }
    if (value) {
      a.value_spelling = value->getText();
      a.value = number_value(value);
    }
    if (kind) {
      a.form = ast::ActionRef::Form::Keyword;
      a.kind = *kind;
      a.keyword = word;
    } else {
      a.form = ast::ActionRef::Form::Name;  // EPERM or a user variable, resolved later
      a.name = word;
    }
    return a;
  }

  // expr: primary (OP primary)*, grouped here by precedence (ast::binary_op_level): children
  // alternate operand, operator token, operand, ...
  ast::ExprPtr expr(ParserRuleContext& c) {
    if (c.children.size() == 1) return primary(rule_at(c, 0));
    std::size_t next = 0;
    return binary(c, next, 0);
  }

  // Precedence climbing over the operands of `c` from child `next`: the operand there, then every
  // operator binding at least as tight as `min_level` with its right operand, grouped to the left.
  // Operands are built left to right, as they appear (the order of their diagnostics).
  ast::ExprPtr binary(ParserRuleContext& c, std::size_t& next, unsigned min_level) {
    SourceLoc begin = loc(rule_at(c, next).getStart()->getStartIndex());
    ast::ExprPtr left = primary(rule_at(c, next));
    next += 1;
    while (next < c.children.size()) {
      ast::BinaryOp op = binary_op(token_at(c, next)->getType());
      auto level = static_cast<unsigned>(ast::binary_op_level(op));
      if (level < min_level) break;
      next += 1;
      ast::ExprPtr right = binary(c, next, level + 1);
      auto e = std::make_unique<ast::Expr>();
      e->range = {begin, loc(rule_at(c, next - 1).getStop()->getStopIndex() + 1)};  // the last operand taken
      e->node = ast::Binary{op, std::move(left), std::move(right)};
      left = std::move(e);
    }
    return left;
  }

  static ast::BinaryOp binary_op(std::size_t token) {
    switch (token) {
      case SeccoParser::OROR:
        return ast::BinaryOp::LogicalOr;
      case SeccoParser::ANDAND:
        return ast::BinaryOp::LogicalAnd;
      case SeccoParser::EQ:
        return ast::BinaryOp::Eq;
      case SeccoParser::NE:
        return ast::BinaryOp::Ne;
      case SeccoParser::TEST:
        return ast::BinaryOp::Test;
      case SeccoParser::LT:
        return ast::BinaryOp::Lt;
      case SeccoParser::LE:
        return ast::BinaryOp::Le;
      case SeccoParser::GT:
        return ast::BinaryOp::Gt;
      case SeccoParser::GE:
        return ast::BinaryOp::Ge;
      case SeccoParser::BITOR:
        return ast::BinaryOp::BitOr;
      case SeccoParser::BITXOR:
        return ast::BinaryOp::BitXor;
      case SeccoParser::BITAND:
        return ast::BinaryOp::BitAnd;
      case SeccoParser::SHL:
        return ast::BinaryOp::Shl;
      case SeccoParser::SHR:
        return ast::BinaryOp::Shr;
      case SeccoParser::PLUS:
        return ast::BinaryOp::Add;
      case SeccoParser::MINUS:
        return ast::BinaryOp::Sub;
      case SeccoParser::STAR:
        return ast::BinaryOp::Mul;
      case SeccoParser::SLASH:
        return ast::BinaryOp::Div;
      default:
        return ast::BinaryOp::Mod;
    }
  }

  // primary: its alternative is told by its first token
  ast::ExprPtr primary(ParserRuleContext& c) {
    Token* first = token_at(c, 0);
    std::size_t type = first->getType();
    if (type == SeccoParser::LPAREN) return expr(rule_at(c, 1));  // '(' expr ')'
    auto e = std::make_unique<ast::Expr>();
    e->range = range(c);
    if (type == SeccoParser::IDENT) {  // IDENT ('(' (expr (',' expr)*)? ')')?
      if (c.children.size() == 1) {
        e->node = ast::NameRef{first->getText()};
        return e;
      }
      ast::Call node;
      node.name = first->getText();
      node.name_range = range(first);
      for (std::size_t i = 2; i + 1 < c.children.size(); i += 2) node.args.push_back(expr(rule_at(c, i)));
      e->node = std::move(node);
    } else if (type == SeccoParser::NUMBER) {
      e->node = ast::NumberLit{number_value(first), first->getText()};
    } else if (type == SeccoParser::TRUE || type == SeccoParser::FALSE) {
      e->node = ast::BoolLit{type == SeccoParser::TRUE};
    } else if (type == SeccoParser::ARG) {
      e->node = argument(first);
    } else if (type == SeccoParser::BANG || type == SeccoParser::TILDE) {  // ('!' | '~') primary
      auto op = type == SeccoParser::BANG ? ast::UnaryOp::LogicalNot : ast::UnaryOp::BitNot;
      e->node = ast::Unary{op, primary(rule_at(c, 1))};
    } else {  // (IN | NOTIN) '(' expr (',' expr)* ')'
      ast::InList list;
      list.negated = first->getType() == SeccoParser::NOTIN;
      list.subject = expr(rule_at(c, 2));
      for (std::size_t i = 4; i + 1 < c.children.size(); i += 2) list.values.push_back(expr(rule_at(c, i)));
      if (list.values.empty()) fail(diag::err_in_needs_values, e->range, list.negated ? "notIn" : "in");
      e->node = std::move(list);
    }
    return e;
  }

  // argN / argLN / argHN; the lexer accepts any digits so that `arg6` gets this message.
  ast::ArgRef argument(Token* t) {
    std::string text = t->getText();
    ast::ArgRef a;
    std::string prefix = "arg";
    if (text[3] == 'L' || text[3] == 'H') {
      a.part = text[3] == 'L' ? ast::ArgPart::Low : ast::ArgPart::High;
      prefix += text[3];
    }
    std::string digits = text.substr(prefix.size());
    if (digits.size() != 1 || digits[0] > '5') {
      ctx_.diags.report(diag::err_no_such_argument, range(t)) << text << prefix + "0" << prefix + "5";
      ctx_.failed = true;
      return a;
    }
    a.index = static_cast<unsigned>(digits[0] - '0');
    return a;
  }

  std::uint64_t number_value(Token* t) {
    std::string text = t->getText();
    NumberValue n = parse_number(text);
    if (n.status == NumberValue::Status::Invalid) fail(diag::err_bad_number, range(t), text);
    if (n.status == NumberValue::Status::Overflow) fail(diag::err_number_overflow, range(t), text);
    return n.value;
  }

  void fail(diag::Kind kind, SourceRange where, const std::string& arg) {
    ctx_.diags.report(kind, where) << arg;
    ctx_.failed = true;
  }

  BuildContext& ctx_;
};

// A line rule's children end COMMENT? EOF, after the line's content, whose last child is a rule.
void trailing_comment(ParserRuleContext& line, ast::Line& out) {
  std::size_t n = line.children.size();
  if (n < 3 || !is_token(line, n - 2)) return;
  Token* comment = token_at(line, n - 2);
  std::string text = comment->getText();
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  out.trailing_comment = std::move(text);
  out.trailing_comment_col = static_cast<std::uint32_t>(comment->getStartIndex());
}

}  // namespace

bool build_line(ParserRuleContext& tree, ast::Line& out, BuildContext& ctx) {
  Builder builder(ctx);
  if (auto* rule = as<SeccoParser::RuleLineContext>(tree)) {
    out.node = builder.rule(*rule);
  } else if (as<SeccoParser::DefinitionLineContext>(tree)) {
    out.node = builder.definition(as_ref<SeccoParser::DefinitionContext>(rule_at(tree, 0)));
  } else if (as<SeccoParser::DefaultLineContext>(tree)) {
    out.node = builder.default_setting(as_ref<SeccoParser::DefaultSettingContext>(rule_at(tree, 0)));
  } else if (as<SeccoParser::ArchLineContext>(tree)) {
    out.node = builder.arch_setting(as_ref<SeccoParser::ArchSettingContext>(rule_at(tree, 0)));
  }
  trailing_comment(tree, out);
  return !ctx.failed;
}

}  // namespace secco::frontend
