// Parse tree -> AST, one typed function per grammar rule, walking the generated accessors directly
// (no visitor, no antlrcpp::Any). Every node gets the source range of its tokens: 1-based columns,
// end exclusive. Semantic checks that need names or types are left to later stages.
#include "frontend/ast_builder.h"

#include <string>
#include <typeinfo>
#include <utility>

#include "SeccoParser.h"
#include "frontend/numbers.h"

namespace secco::frontend {
namespace {

using antlr4::Token;
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

class Builder {
 public:
  explicit Builder(BuildContext& ctx) : ctx_(ctx) {}

  ast::Rule rule(SeccoParser::Rule_Context& c) {
    ast::Rule r;
    r.syscall = c.syscall->getText();
    r.syscall_range = range(c.syscall);
    if (auto* list = c.actionList()) action_list(*list, r);
    SeccoParser::BodyContext& body_ctx = *c.body();
    if (auto* ret = as<SeccoParser::ReturnBodyContext>(body_ctx)) {
      r.form = ast::Rule::BodyForm::Return;
      r.returned = action(*ret->action());
    } else {
      auto& body = as_ref<SeccoParser::ExprBodyContext>(body_ctx);
      r.expr = expr(*body.expr());
      if (body.RETURN()) {
        r.form = ast::Rule::BodyForm::ExprReturn;
        r.returned = action(*body.action());
      }
    }
    return r;
  }

  ast::Definition definition(SeccoParser::DefinitionContext& c) {
    ast::Definition d;
    d.name = c.name->getText();
    d.name_range = range(c.name);
    d.has_params = c.hasParams != nullptr;
    if (auto* params = c.params()) {
      for (auto* p : params->IDENT()) {
        d.params.push_back(p->getText());
        d.param_ranges.push_back(range(p->getSymbol()));
      }
    }
    d.body = expr(*c.expr());
    return d;
  }

  ast::ArchSetting arch_setting(SeccoParser::ArchSettingContext& c) {
    ast::ArchSetting s;
    const auto names = c.IDENT();
    for (std::size_t i = 1; i < names.size(); ++i) {  // names[0] is ARCH itself
      s.names.push_back(names[i]->getText());
      s.name_ranges.push_back(range(names[i]->getSymbol()));
    }
    return s;
  }

  ast::DefaultSetting default_setting(SeccoParser::DefaultSettingContext& c) {
    ast::DefaultSetting s;
    switch (c.which->getType()) {
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
    s.action = action(*c.action());
    return s;
  }

 private:
  SourceLoc loc(std::size_t offset) const { return {ctx_.file, ctx_.line, static_cast<std::uint32_t>(offset + 1)}; }
  SourceRange range(Token* t) const { return {loc(t->getStartIndex()), loc(t->getStopIndex() + 1)}; }
  SourceRange range(antlr4::ParserRuleContext& c) const {
    return {loc(c.getStart()->getStartIndex()), loc(c.getStop()->getStopIndex() + 1)};
  }

  void action_list(SeccoParser::ActionListContext& c, ast::Rule& r) {
    auto items = c.actionItem();
    r.negative_first = !items.empty() && items.front()->sign->getType() == SeccoParser::MINUS;
    for (auto* item : items) {
      bool positive = item->sign->getType() == SeccoParser::PLUS;
      std::optional<ast::ActionRef>& slot = positive ? r.positive : r.negative;
      if (slot) {
        ctx_.diags.report(diag::err_duplicate_action, range(*item)) << (positive ? "positive" : "negative");
        ctx_.failed = true;
      }
      slot = action(*item->action());
    }
  }

  ast::ActionRef action(SeccoParser::ActionContext& c) {
    ast::ActionRef a;
    a.range = range(c);
    if (auto* num = as<SeccoParser::NumberActionContext>(c)) {
      a.form = ast::ActionRef::Form::Number;
      a.value_spelling = num->value->getText();
      a.value = number_value(num->value);
      return a;
    }
    auto& named = as_ref<SeccoParser::NamedActionContext>(c);
    std::string word = named.name->getText();
    std::optional<ActionKind> kind = action_keyword(word);
    bool takes_value = kind && (*kind == ActionKind::Trap || *kind == ActionKind::Trace || *kind == ActionKind::Errno);
    if (named.value && !kind) {
      fail(diag::err_unknown_action, range(named.name), word);
    } else if (named.value && !takes_value) {
      fail(diag::err_action_takes_no_value, a.range, word);
    } else if (!named.value && kind == ActionKind::Errno) {
      fail(diag::err_action_needs_value, a.range, word);
    }
    if (named.value) {
      a.value_spelling = named.value->getText();
      a.value = number_value(named.value);
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

  ast::ExprPtr expr(SeccoParser::ExprContext& c) {
    if (auto* p = as<SeccoParser::PrimaryExprContext>(c)) return primary(*p->primary());
    auto e = std::make_unique<ast::Expr>();
    e->range = range(c);
    if (auto* u = as<SeccoParser::UnaryContext>(c)) {
      auto op = u->op->getType() == SeccoParser::BANG ? ast::UnaryOp::LogicalNot : ast::UnaryOp::BitNot;
      e->node = ast::Unary{op, expr(*u->expr())};
      return e;
    }
    auto& b = as_ref<SeccoParser::BinaryContext>(c);
    e->node = ast::Binary{binary_op(b.op->getType()), expr(*b.expr(0)), expr(*b.expr(1))};
    return e;
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

  ast::ExprPtr primary(SeccoParser::PrimaryContext& c) {
    if (auto* paren = as<SeccoParser::ParenContext>(c)) return expr(*paren->expr());
    auto e = std::make_unique<ast::Expr>();
    e->range = range(c);
    if (auto* n = as<SeccoParser::NumberContext>(c)) {
      Token* t = n->NUMBER()->getSymbol();
      e->node = ast::NumberLit{number_value(t), t->getText()};
    } else if (auto* b = as<SeccoParser::BooleanContext>(c)) {
      e->node = ast::BoolLit{b->value->getType() == SeccoParser::TRUE};
    } else if (auto* a = as<SeccoParser::ArgumentContext>(c)) {
      e->node = argument(a->ARG()->getSymbol());
    } else if (auto* in = as<SeccoParser::InListContext>(c)) {
      ast::InList list;
      list.negated = in->kind->getType() == SeccoParser::NOTIN;
      auto operands = in->expr();
      list.subject = expr(*operands.front());
      for (std::size_t i = 1; i < operands.size(); ++i) list.values.push_back(expr(*operands[i]));
      if (list.values.empty()) fail(diag::err_in_needs_values, e->range, list.negated ? "notIn" : "in");
      e->node = std::move(list);
    } else if (auto* call = as<SeccoParser::CallContext>(c)) {
      ast::Call node;
      node.name = call->IDENT()->getText();
      node.name_range = range(call->IDENT()->getSymbol());
      for (auto* arg : call->expr()) node.args.push_back(expr(*arg));
      e->node = std::move(node);
    } else {
      e->node = ast::NameRef{as_ref<SeccoParser::NameContext>(c).IDENT()->getText()};
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

std::uint32_t comment_col(antlr4::tree::TerminalNode* comment) {
  return comment ? static_cast<std::uint32_t>(comment->getSymbol()->getStartIndex()) : 0;
}

std::string trimmed_comment(antlr4::tree::TerminalNode* comment) {
  if (!comment) return "";
  std::string text = comment->getText();
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

bool build_line(antlr4::ParserRuleContext& tree, ast::Line& out, BuildContext& ctx) {
  Builder builder(ctx);
  if (auto* r = as<SeccoParser::RuleLineContext>(tree)) {
    out.node = builder.rule(*r->rule_());
    out.trailing_comment = trimmed_comment(r->COMMENT());
    out.trailing_comment_col = comment_col(r->COMMENT());
  } else if (auto* d = as<SeccoParser::DefinitionLineContext>(tree)) {
    out.node = builder.definition(*d->definition());
    out.trailing_comment = trimmed_comment(d->COMMENT());
    out.trailing_comment_col = comment_col(d->COMMENT());
  } else if (auto* s = as<SeccoParser::DefaultLineContext>(tree)) {
    out.node = builder.default_setting(*s->defaultSetting());
    out.trailing_comment = trimmed_comment(s->COMMENT());
    out.trailing_comment_col = comment_col(s->COMMENT());
  } else if (auto* a = as<SeccoParser::ArchLineContext>(tree)) {
    out.node = builder.arch_setting(*a->archSetting());
    out.trailing_comment = trimmed_comment(a->COMMENT());
    out.trailing_comment_col = comment_col(a->COMMENT());
  }
  return !ctx.failed;
}

}  // namespace secco::frontend
