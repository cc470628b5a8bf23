// AST helpers of ast.h: operator spellings and levels, structural equivalence (for round-trip
// tests) and deep copy (for macro expansion).
#include "frontend/ast.h"

#include <algorithm>
#include <cctype>

namespace secco::ast {
namespace {

using boost::variant2::visit;

bool equivalent(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return equivalent(*a, *b);
}

bool equivalent(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!equivalent(a[i], b[i])) return false;
  }
  return true;
}

bool same_ignoring_case(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// Actions compare by meaning: keyword case and number spelling do not matter, but `kill` and
// `kill_thread` stay distinct spellings the printer keeps.
bool equivalent(const ActionRef& a, const ActionRef& b) {
  if (a.form != b.form || a.value != b.value) return false;
  switch (a.form) {
    case ActionRef::Form::Keyword:
      return a.kind == b.kind && same_ignoring_case(a.keyword, b.keyword);
    case ActionRef::Form::Number:
      return true;
    case ActionRef::Form::Name:
      return a.name == b.name;
  }
  return false;
}

bool equivalent(const std::optional<ActionRef>& a, const std::optional<ActionRef>& b) {
  if (!a || !b) return !a && !b;
  return equivalent(*a, *b);
}

struct ExprEq {
  bool operator()(const NumberLit& a, const NumberLit& b) const { return a.value == b.value; }
  bool operator()(const BoolLit& a, const BoolLit& b) const { return a.value == b.value; }
  bool operator()(const ArgRef& a, const ArgRef& b) const { return a.part == b.part && a.index == b.index; }
  bool operator()(const NameRef& a, const NameRef& b) const { return a.name == b.name; }
  bool operator()(const Call& a, const Call& b) const { return a.name == b.name && equivalent(a.args, b.args); }
  bool operator()(const Unary& a, const Unary& b) const { return a.op == b.op && equivalent(a.operand, b.operand); }
  bool operator()(const Binary& a, const Binary& b) const {
    return a.op == b.op && equivalent(a.lhs, b.lhs) && equivalent(a.rhs, b.rhs);
  }
  bool operator()(const InList& a, const InList& b) const {
    return a.negated == b.negated && equivalent(a.subject, b.subject) && equivalent(a.values, b.values);
  }
  template <typename A, typename B>
  bool operator()(const A&, const B&) const {
    return false;
  }
};

struct LineEq {
  bool operator()(const Blank&, const Blank&) const { return true; }
  bool operator()(const Comment& a, const Comment& b) const { return a.text == b.text; }
  bool operator()(const Rule& a, const Rule& b) const {
    return a.syscall == b.syscall && equivalent(a.positive, b.positive) && equivalent(a.negative, b.negative) &&
           a.negative_first == b.negative_first && a.form == b.form && equivalent(a.expr, b.expr) &&
           equivalent(a.returned, b.returned);
  }
  bool operator()(const Definition& a, const Definition& b) const {
    return a.name == b.name && a.has_params == b.has_params && a.params == b.params && equivalent(a.body, b.body);
  }
  bool operator()(const DefaultSetting& a, const DefaultSetting& b) const {
    return a.which == b.which && equivalent(a.action, b.action);
  }
  bool operator()(const ArchSetting& a, const ArchSetting& b) const { return a.names == b.names; }
  template <typename A, typename B>
  bool operator()(const A&, const B&) const {
    return false;
  }
};

std::vector<ExprPtr> clone_all(const std::vector<ExprPtr>& v) {
  std::vector<ExprPtr> out;
  out.reserve(v.size());
  for (const ExprPtr& e : v) out.push_back(e ? clone(*e) : nullptr);
  return out;
}

ExprPtr clone_ptr(const ExprPtr& e) {
  return e ? clone(*e) : nullptr;
}

struct ExprCopy {
  Expr operator()(const NumberLit& n) const { return Expr{n, {}}; }
  Expr operator()(const BoolLit& n) const { return Expr{n, {}}; }
  Expr operator()(const ArgRef& n) const { return Expr{n, {}}; }
  Expr operator()(const NameRef& n) const { return Expr{n, {}}; }
  Expr operator()(const Call& n) const { return Expr{Call{n.name, n.name_range, clone_all(n.args)}, {}}; }
  Expr operator()(const Unary& n) const { return Expr{Unary{n.op, clone_ptr(n.operand)}, {}}; }
  // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): ownership moves into the variant
  Expr operator()(const Binary& n) const { return Expr{Binary{n.op, clone_ptr(n.lhs), clone_ptr(n.rhs)}, {}}; }
  Expr operator()(const InList& n) const {
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): ownership moves into the variant
    return Expr{InList{n.negated, clone_ptr(n.subject), clone_all(n.values)}, {}};
  }
};

}  // namespace

const char* binary_op_spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::LogicalOr:
      return "||";
    case BinaryOp::LogicalAnd:
      return "&&";
    case BinaryOp::Eq:
      return "==";
    case BinaryOp::Ne:
      return "!=";
    case BinaryOp::Test:
      return "&?";
    case BinaryOp::Lt:
      return "<";
    case BinaryOp::Le:
      return "<=";
    case BinaryOp::Gt:
      return ">";
    case BinaryOp::Ge:
      return ">=";
    case BinaryOp::BitOr:
      return "|";
    case BinaryOp::BitXor:
      return "^";
    case BinaryOp::BitAnd:
      return "&";
    case BinaryOp::Shl:
      return "<<";
    case BinaryOp::Shr:
      return ">>";
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Sub:
      return "-";
    case BinaryOp::Mul:
      return "*";
    case BinaryOp::Div:
      return "/";
    case BinaryOp::Mod:
      return "%";
  }
  return "?";
}

int binary_op_level(BinaryOp op) {
  switch (op) {
    case BinaryOp::LogicalOr:
      return 1;
    case BinaryOp::LogicalAnd:
      return 2;
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Test:
      return 3;
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge:
      return 4;
    case BinaryOp::BitOr:
      return 5;
    case BinaryOp::BitXor:
      return 6;
    case BinaryOp::BitAnd:
      return 7;
    case BinaryOp::Shl:
    case BinaryOp::Shr:
      return 8;
    case BinaryOp::Add:
    case BinaryOp::Sub:
      return 9;
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod:
      return 10;
  }
  return 0;
}

bool equivalent(const Expr& a, const Expr& b) {
  return visit(ExprEq{}, a.node, b.node);
}

bool equivalent(const File& a, const File& b) {
  if (a.lines.size() != b.lines.size()) return false;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const Line& x = a.lines[i];
    const Line& y = b.lines[i];
    if (x.trailing_comment != y.trailing_comment || !visit(LineEq{}, x.node, y.node)) return false;
  }
  return true;
}

ExprPtr clone(const Expr& e) {
  auto copy = std::make_unique<Expr>(visit(ExprCopy{}, e.node));
  copy->range = e.range;
  return copy;
}

}  // namespace secco::ast
