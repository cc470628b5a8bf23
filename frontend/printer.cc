// The canonical printer behind `secco fmt`. Canonical means: one space around binary operators and
// after commas, `name: body`, keywords in lower case (`in`, `notIn`, `true`, action keywords),
// numbers and names as written, and only the parentheses that precedence and left-associativity
// need (`a - (b - c)`, `(a - b) - c` prints as `a - b - c`), plus those a C reader needs where
// the language's precedence differs from C's: a bitwise operand of a comparison (`(prot & WX) != WX`;
// C binds `==` tighter than `&`) and arithmetic under a shift (`a << (b + 1)`). Comments and blank
// lines are kept; trailing comments aligned in a block of lines stay aligned.
#include "frontend/printer.h"

#include <algorithm>
#include <cctype>

namespace secco::frontend {
namespace {

using namespace secco::ast;
using boost::variant2::get_if;
using boost::variant2::visit;

constexpr int kUnaryLevel = 11;
constexpr int kPrimaryLevel = 12;

int level_of(const Expr& e) {
  if (const auto* b = get_if<Binary>(&e.node)) return binary_op_level(b->op);
  if (get_if<Unary>(&e.node)) return kUnaryLevel;
  return kPrimaryLevel;
}

bool is_comparison(BinaryOp op) {
  return op == BinaryOp::Eq || op == BinaryOp::Ne || op == BinaryOp::Test || op == BinaryOp::Lt || op == BinaryOp::Le ||
         op == BinaryOp::Gt || op == BinaryOp::Ge;
}
bool is_bitwise(BinaryOp op) {
  return op == BinaryOp::BitAnd || op == BinaryOp::BitOr || op == BinaryOp::BitXor;
}
bool is_shift(BinaryOp op) {
  return op == BinaryOp::Shl || op == BinaryOp::Shr;
}
bool is_arithmetic(BinaryOp op) {
  return op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Mul || op == BinaryOp::Div ||
         op == BinaryOp::Mod;
}

// Whether a C reader would group `child` differently under `parent` without parentheses.
bool c_reads_differently(BinaryOp parent, const Expr& child) {
  const auto* b = get_if<Binary>(&child.node);
  if (b == nullptr) return false;
  return (is_comparison(parent) && is_bitwise(b->op)) || (is_shift(parent) && is_arithmetic(b->op));
}

class ExprPrinter {
 public:
  explicit ExprPrinter(std::string& out) : out_(out) {}

  void print(const Expr& e) {
    visit([this](const auto& node) { this->node(node); }, e.node);
  }

 private:
  // Prints `e` in parentheses when its level is below `min_level`.
  void operand(const Expr& e, int min_level, bool for_c_readers = false) {
    bool parens = level_of(e) < min_level || for_c_readers;
    if (parens) out_ += '(';
    print(e);
    if (parens) out_ += ')';
  }

  void list(const std::vector<ExprPtr>& items) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out_ += ", ";
      print(*items[i]);
    }
  }

  void node(const NumberLit& n) { out_ += n.spelling.empty() ? std::to_string(n.value) : n.spelling; }
  void node(const BoolLit& b) { out_ += b.value ? "true" : "false"; }
  void node(const ArgRef& a) {
    out_ += "arg";
    if (a.part == ArgPart::Low) out_ += 'L';
    if (a.part == ArgPart::High) out_ += 'H';
    out_ += std::to_string(a.index);
  }
  void node(const NameRef& n) { out_ += n.name; }
  void node(const Call& c) {
    out_ += c.name;
    out_ += '(';
    list(c.args);
    out_ += ')';
  }
  void node(const Unary& u) {
    out_ += u.op == UnaryOp::LogicalNot ? '!' : '~';
    operand(*u.operand, kUnaryLevel);
  }
  void node(const Binary& b) {
    int level = binary_op_level(b.op);
    // Left-associative: an equal level on the left needs no parentheses, on the right it does.
    operand(*b.lhs, level, c_reads_differently(b.op, *b.lhs));
    out_ += ' ';
    out_ += binary_op_spelling(b.op);
    out_ += ' ';
    operand(*b.rhs, level + 1, c_reads_differently(b.op, *b.rhs));
  }
  void node(const InList& in) {
    out_ += in.negated ? "notIn(" : "in(";
    print(*in.subject);
    for (const ExprPtr& v : in.values) {
      out_ += ", ";
      print(*v);
    }
    out_ += ')';
  }

  std::string& out_;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string action_text(const ActionRef& a) {
  switch (a.form) {
    case ActionRef::Form::Keyword: {
      std::string word = a.keyword.empty() ? std::string(action_keyword_name(a.kind)) : lower(a.keyword);
      if (a.value) word += "(" + (a.value_spelling.empty() ? std::to_string(*a.value) : a.value_spelling) + ")";
      return word;
    }
    case ActionRef::Form::Number:
      return a.value_spelling.empty() ? std::to_string(a.value.value_or(0)) : a.value_spelling;
    case ActionRef::Form::Name:
      return a.name;
  }
  return "";
}

std::string rule_text(const Rule& r) {
  std::string out = r.syscall;
  if (r.positive || r.negative) {
    std::string pos = r.positive ? "+" + action_text(*r.positive) : "";
    std::string neg = r.negative ? "-" + action_text(*r.negative) : "";
    std::string first = r.negative_first ? neg : pos;
    std::string second = r.negative_first ? pos : neg;
    out += '[' + first;
    if (!first.empty() && !second.empty()) out += ", ";
    out += second + ']';
  }
  out += ": ";
  if (r.form != Rule::BodyForm::Return && r.expr) out += print(*r.expr);
  if (r.form == Rule::BodyForm::ExprReturn) out += "; ";
  if (r.form != Rule::BodyForm::Expr && r.returned) out += "return " + action_text(*r.returned);
  return out;
}

std::string definition_text(const Definition& d) {
  std::string out = d.name;
  if (d.has_params) {
    out += '(';
    for (std::size_t i = 0; i < d.params.size(); ++i) out += (i != 0 ? ", " : "") + d.params[i];
    out += ')';
  }
  out += " = ";
  if (d.body) out += print(*d.body);
  return out;
}

std::string default_text(const DefaultSetting& s) {
  const char* which = s.which == DefaultSetting::Which::Positive   ? "DEFAULT_POSITIVE"
                      : s.which == DefaultSetting::Which::Negative ? "DEFAULT_NEGATIVE"
                                                                   : "DEFAULT_POLICY";
  return std::string(which) + " = " + action_text(s.action);
}

struct LineText {
  std::string operator()(const Blank&) const { return ""; }
  std::string operator()(const Comment& c) const { return c.text; }
  std::string operator()(const Rule& r) const { return rule_text(r); }
  std::string operator()(const Definition& d) const { return definition_text(d); }
  std::string operator()(const DefaultSetting& s) const { return default_text(s); }
  std::string operator()(const ArchSetting& s) const {
    std::string out = "ARCH = ";
    for (std::size_t i = 0; i < s.names.size(); ++i) out += (i != 0 ? ", " : "") + s.names[i];
    return out;
  }
};

}  // namespace

std::string print(const ast::Expr& expr) {
  std::string out;
  ExprPrinter(out).print(expr);
  return out;
}

std::string print(const ast::File& file) {
  std::vector<std::string> texts;
  for (const ast::Line& line : file.lines) texts.push_back(visit(LineText{}, line.node));
  // Trailing comments: one space after the text, or, in a block of consecutive code lines whose
  // comments started at one column in the source (two or more of them), one column for the block.
  std::vector<std::size_t> comment_col(file.lines.size(), 0);
  auto is_code = [&](std::size_t i) {
    return !get_if<Blank>(&file.lines[i].node) && !get_if<Comment>(&file.lines[i].node);
  };
  for (std::size_t i = 0; i < file.lines.size();) {
    std::size_t end = i;
    while (end < file.lines.size() && is_code(end)) ++end;
    std::vector<std::size_t> commented;
    for (std::size_t k = i; k < end; ++k)
      if (!file.lines[k].trailing_comment.empty()) commented.push_back(k);
    bool aligned = commented.size() >= 2;
    std::size_t width = 0;
    for (std::size_t k : commented) {
      aligned = aligned && file.lines[k].trailing_comment_col == file.lines[commented[0]].trailing_comment_col;
      width = std::max(width, texts[k].size());
    }
    if (aligned)
      for (std::size_t k : commented) comment_col[k] = width + 1;
    i = end == i ? i + 1 : end;
  }
  std::string out;
  for (std::size_t i = 0; i < file.lines.size(); ++i) {
    const ast::Line& line = file.lines[i];
    std::string text = texts[i];
    if (!line.trailing_comment.empty()) {
      if (!text.empty()) text.append(std::max<std::size_t>(comment_col[i], text.size() + 1) - text.size(), ' ');
      text += line.trailing_comment;
    }
    out += text;
    out += '\n';
  }
  return out;
}

}  // namespace secco::frontend
