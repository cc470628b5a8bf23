// The policy language's lexer, written by hand: the tokens of grammar/Secco.g4 (same token types,
// text, start/stop offsets, line, column and channel as the ANTLR-generated SeccoLexer), without
// the generated lexer's ATN simulation, whose DFA every secco process rebuilt from cold.
// The generated lexer stays the oracle: test/frontend/lexer_diff_test.cc and fuzz/fuzz_lexer.cc
// require both to produce identical token streams. Only frontend .cc files include this header.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "frontend/byte_char_stream.h"

namespace secco::frontend {

// Reads the text of a ByteCharStream from its beginning (construction or reset()). Like the
// generated lexer, it never reports an error: a character no token starts with is an UNKNOWN
// token, which the driver reports.
class PolicyLexer : public antlr4::TokenSource {
 public:
  explicit PolicyLexer(ByteCharStream& input) : input_(input) {}

  // Starts again at the beginning of the stream's (new) text, on line 1.
  void reset() {
    pos_ = 0;
    line_ = 1;
    column_ = 0;
  }

  // One token, as the fields of a CommonToken (what nextToken() creates from it).
  struct Lexeme {
    std::size_t type = 0;
    std::size_t start = 0;  // byte offsets in the stream, stop inclusive (ANTLR's convention)
    std::size_t stop = 0;
    std::size_t line = 1;
    std::size_t column = 0;
  };
  // The next token (EOF at the end, again and again).
  Lexeme next();

  std::unique_ptr<antlr4::Token> nextToken() override;
  std::size_t getLine() const override { return line_; }
  std::size_t getCharPositionInLine() override { return column_; }
  antlr4::CharStream* getInputStream() override { return &input_; }
  std::string getSourceName() override { return input_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

 private:
  void advance_to(std::size_t end);

  ByteCharStream& input_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 0;
};

}  // namespace secco::frontend
