// See lexer_oracle.h.
#include "frontend/lexer_oracle.h"

#include <sstream>

#include "SeccoLexer.h"
#include "frontend/byte_char_stream.h"
#include "frontend/policy_lexer.h"

namespace secco::frontend {
namespace {

// Records the generated lexer's errors instead of printing them.
class ErrorLog : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer*, antlr4::Token*, std::size_t line, std::size_t column, const std::string& msg,
                   std::exception_ptr) override {
    out << "error " << line << ':' << column << ' ' << msg << '\n';
  }
  std::ostringstream out;
};

std::string describe(antlr4::TokenSource& source) {
  std::ostringstream out;
  while (true) {
    std::unique_ptr<antlr4::Token> t = source.nextToken();
    out << t->getType() << " '" << t->getText() << "' " << t->getStartIndex() << ".." << t->getStopIndex() << " @"
        << t->getLine() << ':' << t->getCharPositionInLine() << " ch" << t->getChannel() << '\n';
    if (t->getType() == antlr4::Token::EOF) return out.str();
  }
}

}  // namespace

std::string tokens_by_policy_lexer(std::string_view text) {
  ByteCharStream input;
  input.reset(text);
  PolicyLexer lexer(input);
  return describe(lexer);  // it has no errors to report
}

std::string tokens_by_generated_lexer(std::string_view text) {
  ByteCharStream input;
  input.reset(text);
  grammar::SeccoLexer lexer(&input);
  ErrorLog errors;
  lexer.removeErrorListeners();
  lexer.addErrorListener(&errors);
  std::string tokens = describe(lexer);
  return tokens + errors.out.str();
}

}  // namespace secco::frontend
