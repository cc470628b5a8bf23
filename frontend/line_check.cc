// Token-level checks of one line; see line_check.h. The nesting and operator limits are checked
// here, before ANTLR runs, because the parser itself recurses once per '(' or '!'.
#include "frontend/line_check.h"

#include <string>

#include "SeccoLexer.h"
#include "frontend/limits.h"
#include "frontend/utf8.h"

namespace secco::frontend {
namespace {

using grammar::SeccoLexer;

bool is_binary_operator(std::size_t type) {
  switch (type) {
    case SeccoLexer::OROR:
    case SeccoLexer::ANDAND:
    case SeccoLexer::EQ:
    case SeccoLexer::NE:
    case SeccoLexer::TEST:
    case SeccoLexer::LE:
    case SeccoLexer::GE:
    case SeccoLexer::SHL:
    case SeccoLexer::SHR:
    case SeccoLexer::LT:
    case SeccoLexer::GT:
    case SeccoLexer::BITOR:
    case SeccoLexer::BITXOR:
    case SeccoLexer::BITAND:
    case SeccoLexer::PLUS:
    case SeccoLexer::MINUS:
    case SeccoLexer::STAR:
    case SeccoLexer::SLASH:
    case SeccoLexer::PERCENT:
      return true;
    default:
      return false;
  }
}

class Checker {
 public:
  Checker(FileId file, std::uint32_t line, Diagnostics& diags) : file_(file), line_(line), diags_(diags) {}

  SourceRange range(const LexedToken& t) const {
    return {{file_, line_, static_cast<std::uint32_t>(t.begin + 1)},
            {file_, line_, static_cast<std::uint32_t>(t.end + 1)}};
  }
  Diagnostics& diags() { return diags_; }

  // Depth of '(' plus chained unary operators: `!(~(x))` is 4 deep. A run of unary operators
  // counts until the operand it applies to; a ')' returns to the depth before its '('.
  bool nesting_ok(const std::vector<LexedToken>& tokens) {
    std::vector<std::size_t> open;  // depth outside each unclosed '('
    std::size_t depth = 0;
    std::size_t unary = 0;
    std::size_t binary = 0;
    for (const LexedToken& t : tokens) {
      if (t.type == SeccoLexer::BANG || t.type == SeccoLexer::TILDE) {
        ++unary;
      } else if (t.type == SeccoLexer::LPAREN) {
        open.push_back(depth);
        depth += unary + 1;
        unary = 0;
      } else if (t.type == SeccoLexer::RPAREN) {
        if (!open.empty()) {
          depth = open.back();
          open.pop_back();
        }
        unary = 0;
      } else {
        unary = 0;
      }
      if (is_binary_operator(t.type) && ++binary > kMaxBinaryOperators) {
        diags_.report(diag::err_expression_too_long, range(t)) << static_cast<std::uint64_t>(kMaxBinaryOperators);
        return false;
      }
      if (depth + unary > kMaxNesting) {
        diags_.report(diag::err_nesting_too_deep, range(t)) << static_cast<std::uint64_t>(kMaxNesting);
        return false;
      }
    }
    return true;
  }

 private:
  FileId file_;
  std::uint32_t line_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<LineKind> check_line(std::string_view text, const std::vector<LexedToken>& tokens, FileId file,
                                   std::uint32_t line, Diagnostics& diags) {
  Checker check(file, line, diags);
  bool has_colon = false;
  bool has_assign = false;
  std::size_t content = 0;  // tokens before a trailing comment
  for (const LexedToken& t : tokens) {
    if (t.type == SeccoLexer::UNKNOWN) {
      diags.report(diag::err_unknown_char, check.range(t)) << describe_char(text, t.begin);
      return std::nullopt;
    }
    if (t.type == SeccoLexer::COMMENT) break;
    has_colon |= t.type == SeccoLexer::COLON;
    has_assign |= t.type == SeccoLexer::ASSIGN;
    ++content;
  }
  if (content == 0) return LineKind::BlankOrComment;
  if (!check.nesting_ok(tokens)) return std::nullopt;
  std::size_t first = tokens.front().type;
  if (first == SeccoLexer::DEFAULT_POSITIVE || first == SeccoLexer::DEFAULT_NEGATIVE ||
      first == SeccoLexer::DEFAULT_POLICY) {
    return LineKind::Default;
  }
  if (first == SeccoLexer::IDENT && tokens.size() > 1 && tokens[1].type == SeccoLexer::ASSIGN &&
      text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "ARCH" && !has_colon) {
    return LineKind::Arch;
  }
  if (has_colon) return LineKind::Rule;
  if (has_assign) return LineKind::Definition;
  diags.report(diag::err_line_kind, check.range(tokens.front()));
  return std::nullopt;
}

}  // namespace secco::frontend
