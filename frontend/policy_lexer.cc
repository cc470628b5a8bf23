// The tokens of grammar/Secco.g4 by hand. ANTLR lexes by longest match, and on a tie the rule
// listed first wins: the keywords and ARG come before IDENT, so a word is a keyword only when the
// whole run of name characters spells it (`returns` and `arg1x` are names).
#include "frontend/policy_lexer.h"

#include <string_view>

namespace secco::frontend {
namespace {

using grammar::SeccoLexer;

bool is_name_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_name_char(unsigned char c) {
  return is_name_start(c) || is_digit(c);
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` equals the lower-case `keyword` ignoring case (IN, NOTIN, TRUE, FALSE).
bool equals_any_case(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(word[i]) != keyword[i]) return false;
  }
  return true;
}

// ARG : 'arg' [LH]? [0-9]+
bool is_arg(std::string_view word) {
  if (word.size() < 4 || word.substr(0, 3) != "arg") return false;
  std::size_t i = word[3] == 'L' || word[3] == 'H' ? 4 : 3;
  if (i == word.size()) return false;
  for (; i < word.size(); ++i) {
    if (!is_digit(static_cast<unsigned char>(word[i]))) return false;
  }
  return true;
}

std::size_t word_type(std::string_view word) {
  if (word == "DEFAULT_POSITIVE") return SeccoLexer::DEFAULT_POSITIVE;
  if (word == "DEFAULT_NEGATIVE") return SeccoLexer::DEFAULT_NEGATIVE;
  if (word == "DEFAULT_POLICY") return SeccoLexer::DEFAULT_POLICY;
  if (word == "return") return SeccoLexer::RETURN;
  if (equals_any_case(word, "in")) return SeccoLexer::IN;
  if (equals_any_case(word, "notin")) return SeccoLexer::NOTIN;
  if (equals_any_case(word, "true")) return SeccoLexer::TRUE;
  if (equals_any_case(word, "false")) return SeccoLexer::FALSE;
  if (is_arg(word)) return SeccoLexer::ARG;
  return SeccoLexer::IDENT;
}

// The operator starting at text[at] (two characters before one), and its length; UNKNOWN for a
// character no token starts with.
std::size_t operator_type(std::string_view text, std::size_t at, std::size_t& length) {
  char c = text[at];
  char next = at + 1 < text.size() ? text[at + 1] : '\0';
  length = 2;
  if (c == '|' && next == '|') return SeccoLexer::OROR;
  if (c == '&' && next == '&') return SeccoLexer::ANDAND;
  if (c == '=' && next == '=') return SeccoLexer::EQ;
  if (c == '!' && next == '=') return SeccoLexer::NE;
  if (c == '&' && next == '?') return SeccoLexer::TEST;
  if (c == '<' && next == '=') return SeccoLexer::LE;
  if (c == '>' && next == '=') return SeccoLexer::GE;
  if (c == '<' && next == '<') return SeccoLexer::SHL;
  if (c == '>' && next == '>') return SeccoLexer::SHR;
  length = 1;
  switch (c) {
    case '<':
      return SeccoLexer::LT;
    case '>':
      return SeccoLexer::GT;
    case '|':
      return SeccoLexer::BITOR;
    case '^':
      return SeccoLexer::BITXOR;
    case '&':
      return SeccoLexer::BITAND;
    case '+':
      return SeccoLexer::PLUS;
    case '-':
      return SeccoLexer::MINUS;
    case '*':
      return SeccoLexer::STAR;
    case '/':
      return SeccoLexer::SLASH;
    case '%':
      return SeccoLexer::PERCENT;
    case '!':
      return SeccoLexer::BANG;
    case '~':
      return SeccoLexer::TILDE;
    case '(':
      return SeccoLexer::LPAREN;
    case ')':
      return SeccoLexer::RPAREN;
    case '[':
      return SeccoLexer::LBRACK;
    case ']':
      return SeccoLexer::RBRACK;
    case ',':
      return SeccoLexer::COMMA;
    case ';':
      return SeccoLexer::SEMI;
    case ':':
      return SeccoLexer::COLON;
    case '=':
      return SeccoLexer::ASSIGN;
    default:
      return SeccoLexer::UNKNOWN;
  }
}

}  // namespace

antlr4::TokenFactory<antlr4::CommonToken>* PolicyLexer::getTokenFactory() {
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

// Moves past text[pos_, end), counting lines and columns as ANTLR's lexer does.
void PolicyLexer::advance_to(std::size_t end) {
  std::string_view text = input_.text();
  for (; pos_ < end; ++pos_) {
    if (text[pos_] == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
  }
}

PolicyLexer::Lexeme PolicyLexer::next() {
  std::string_view text = input_.text();
  std::size_t n = text.size();
  std::size_t end = pos_;
  while (end < n && (text[end] == ' ' || text[end] == '\t')) ++end;  // WS -> skip
  advance_to(end);
  Lexeme l;
  l.start = pos_;
  l.line = line_;
  l.column = column_;
  l.type = antlr4::Token::EOF;
  if (l.start < n) {
    auto c = static_cast<unsigned char>(text[l.start]);
    end = l.start + 1;
    if (is_name_start(c)) {
      while (end < n && is_name_char(static_cast<unsigned char>(text[end]))) ++end;
      l.type = word_type(text.substr(l.start, end - l.start));
    } else if (is_digit(c)) {  // NUMBER : [0-9] [0-9A-Za-z_]*
      while (end < n && is_name_char(static_cast<unsigned char>(text[end]))) ++end;
      l.type = SeccoLexer::NUMBER;
    } else if (c == '@' && end < n && is_name_char(static_cast<unsigned char>(text[end]))) {
      while (end < n && (is_name_char(static_cast<unsigned char>(text[end])) || text[end] == '-')) ++end;
      l.type = SeccoLexer::GROUP;
    } else if (c == '#') {  // COMMENT : '#' ~[\n]*
      while (end < n && text[end] != '\n') ++end;
      l.type = SeccoLexer::COMMENT;
    } else {
      std::size_t length = 1;
      l.type = operator_type(text, l.start, length);
      end = l.start + length;
    }
  }
  advance_to(end);
  l.stop = end - 1;  // at the end of the text: start - 1, as ANTLR's EOF token
  return l;
}

std::unique_ptr<antlr4::Token> PolicyLexer::nextToken() {
  Lexeme l = next();
  // What Lexer::emit() and Lexer::emitEOF() create: the text stays in the stream (copyText off).
  return antlr4::CommonTokenFactory::DEFAULT->create({this, &input_}, l.type, "", antlr4::Token::DEFAULT_CHANNEL,
                                                     l.start, l.stop, l.line, l.column);
}

}  // namespace secco::frontend
