// The abstract syntax tree of a policy file: plain C++ types, no ANTLR. Node sum types are
// Boost.Variant2 variants; every node carries its source range. The AST is what the text says,
// before any name is resolved: `EPERM` in an action is a Name, `read` a string.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/variant2/variant.hpp>

#include "support/action.h"
#include "support/source_manager.h"

namespace secco::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct NumberLit {
  std::uint64_t value = 0;
  std::string spelling;  // as written: "0x2a", "052", "0b101"
};

struct BoolLit {
  bool value = false;
};

// argN, argLN, argHN.
enum class ArgPart : std::uint8_t { Full, Low, High };
struct ArgRef {
  ArgPart part = ArgPart::Full;
  unsigned index = 0;  // 0..5
};

struct NameRef {
  std::string name;
};

struct Call {
  std::string name;
  SourceRange name_range;
  std::vector<ExprPtr> args;
};

enum class UnaryOp : std::uint8_t { LogicalNot, BitNot };
struct Unary {
  UnaryOp op = UnaryOp::LogicalNot;
  ExprPtr operand;
};

// In precedence order, loosest first (spec §5); all left-associative.
enum class BinaryOp : std::uint8_t {
  LogicalOr,
  LogicalAnd,
  Eq,
  Ne,
  Test,  // &?
  Lt,
  Le,
  Gt,
  Ge,
  BitOr,
  BitXor,
  BitAnd,
  Shl,
  Shr,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
};

struct Binary {
  BinaryOp op = BinaryOp::Add;
  ExprPtr lhs;
  ExprPtr rhs;
};

// in(subject, v1, ...) / notIn(subject, v1, ...).
struct InList {
  bool negated = false;
  ExprPtr subject;
  std::vector<ExprPtr> values;
};

struct Expr {
  boost::variant2::variant<NumberLit, BoolLit, ArgRef, NameRef, Call, Unary, Binary, InList> node;
  SourceRange range;
};

// An action as written: a keyword with an optional value (`trap(3)`, `errno(13)`, `kill`), a bare
// number (errno), or a name (an errno name such as EPERM, or a user variable) resolved later.
struct ActionRef {
  enum class Form : std::uint8_t { Keyword, Number, Name };
  Form form = Form::Keyword;
  ActionKind kind = ActionKind::Allow;  // Form::Keyword
  std::string keyword;                  // Form::Keyword: the keyword as written ("kill", "KILL_THREAD")
  std::optional<std::uint64_t> value;   // Keyword with "(N)", or Form::Number
  std::string value_spelling;           // the number as written
  std::string name;                     // Form::Name
  SourceRange range;
};

// SYSCALL [ '[' +A, -B ']' ] ':' BODY
struct Rule {
  enum class BodyForm : std::uint8_t {
    Expr,        // EXPR: positive if true, else negative
    Return,      // return ACTION
    ExprReturn,  // EXPR; return ACTION: positive if true, else ACTION
  };
  std::string syscall;
  SourceRange syscall_range;
  std::optional<ActionRef> positive;
  std::optional<ActionRef> negative;
  bool negative_first = false;  // the head listed -B before +A (kept for faithful printing)
  BodyForm form = BodyForm::Expr;
  ExprPtr expr;                       // Expr, ExprReturn
  std::optional<ActionRef> returned;  // Return, ExprReturn
};

// NAME = EXPR   or   NAME(p1, p2) = EXPR
struct Definition {
  std::string name;
  SourceRange name_range;
  bool has_params = false;  // written with parentheses, even if empty
  std::vector<std::string> params;
  std::vector<SourceRange> param_ranges;
  ExprPtr body;
};

// DEFAULT_POSITIVE / DEFAULT_NEGATIVE / DEFAULT_POLICY = ACTION
struct DefaultSetting {
  enum class Which : std::uint8_t { Positive, Negative, Policy };
  Which which = Which::Policy;
  ActionRef action;
};

// ARCH = NAME, NAME...  (the target ABIs, spec §10)
struct ArchSetting {
  std::vector<std::string> names;
  std::vector<SourceRange> name_ranges;
};

struct Comment {
  std::string text;  // including the leading '#'
};

struct Blank {};

struct Line {
  boost::variant2::variant<Blank, Comment, Rule, Definition, DefaultSetting, ArchSetting> node;
  std::string trailing_comment;            // "# ..." after the content, or empty
  std::uint32_t trailing_comment_col = 0;  // its byte offset in the line (for keeping alignment)
  SourceRange range;                       // the whole line
};

// A definition line that did not parse (its error is reported): the name it meant to define, so
// later uses of the name are not reported again as undefined.
struct BrokenDefinition {
  std::string name;
  SourceRange range;
  std::size_t before_line = 0;  // index in File::lines it would have had
};

struct File {
  FileId id = kNoFile;
  std::vector<Line> lines;
  std::vector<BrokenDefinition> broken_definitions;
};

// Spelling helpers shared by the printer and diagnostics.
const char* binary_op_spelling(BinaryOp op);
// Precedence level of spec §5 (1 loosest .. 10 tightest).
int binary_op_level(BinaryOp op);

// Deep structural equality that ignores source ranges and number spellings (used by the
// parse -> print -> parse round-trip tests).
bool equivalent(const Expr& a, const Expr& b);
bool equivalent(const File& a, const File& b);

// Deep copy (macro bodies are copied when expanded).
ExprPtr clone(const Expr& e);

}  // namespace secco::ast
