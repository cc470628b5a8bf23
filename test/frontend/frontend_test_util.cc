// Helpers of frontend_test_util.h.
#include "frontend_test_util.h"

#include <sstream>

namespace secco::testing {
namespace {

using boost::variant2::get_if;

std::string arg_name(const ast::ArgRef& a) {
  std::string s = "arg";
  if (a.part == ast::ArgPart::Low) s += 'L';
  if (a.part == ast::ArgPart::High) s += 'H';
  return s + std::to_string(a.index);
}

}  // namespace

std::string Parsed::messages() const {
  std::ostringstream out;
  for (const Diagnostic& d : diags->all()) {
    out << sources->name(d.range.begin.file) << ':' << d.range.begin.line << ':' << d.range.begin.col << ": "
        << d.message << '\n';
  }
  return out.str();
}

Parsed parse_text(const std::string& text, const std::string& name) {
  Parsed p;
  p.sources = std::make_unique<SourceManager>();
  p.id = p.sources->add(name, text);
  p.diags = std::make_unique<Diagnostics>(*p.sources);
  p.diags->set_error_limit(100000);
  p.file = frontend::parse(*p.sources, p.id, *p.diags);
  return p;
}

std::string sexpr(const ast::Expr& e) {
  if (const auto* n = get_if<ast::NumberLit>(&e.node)) return std::to_string(n->value);
  if (const auto* b = get_if<ast::BoolLit>(&e.node)) return b->value ? "true" : "false";
  if (const auto* a = get_if<ast::ArgRef>(&e.node)) return arg_name(*a);
  if (const auto* n = get_if<ast::NameRef>(&e.node)) return n->name;
  if (const auto* u = get_if<ast::Unary>(&e.node)) {
    return std::string("(") + (u->op == ast::UnaryOp::LogicalNot ? "!" : "~") + " " + sexpr(*u->operand) + ")";
  }
  if (const auto* b = get_if<ast::Binary>(&e.node)) {
    return std::string("(") + ast::binary_op_spelling(b->op) + " " + sexpr(*b->lhs) + " " + sexpr(*b->rhs) + ")";
  }
  if (const auto* c = get_if<ast::Call>(&e.node)) {
    std::string s = "(call " + c->name;
    for (const auto& a : c->args) s += " " + sexpr(*a);
    return s + ")";
  }
  const auto& in = boost::variant2::get<ast::InList>(e.node);
  std::string s = std::string("(") + (in.negated ? "notIn " : "in ") + sexpr(*in.subject);
  for (const auto& v : in.values) s += " " + sexpr(*v);
  return s + ")";
}

std::string shape(const std::string& expr) {
  Parsed p = parse_text("x = " + expr + "\n");
  if (p.diags->has_errors() || p.file.lines.size() != 1) return p.messages();
  const auto* d = get_if<ast::Definition>(&p.file.lines[0].node);
  return d ? sexpr(*d->body) : "not a definition";
}

}  // namespace secco::testing
