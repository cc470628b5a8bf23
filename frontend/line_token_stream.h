// The parser's token stream for one policy line: the hand-written lexer's tokens (PolicyLexer),
// all read at once, in CommonToken objects that are kept and refilled line after line.
// ANTLR's CommonTokenStream allocated a token per token and freed them at the next line, and it
// filters channels on every LT() (the grammar has only the default channel: WS is skipped).
// Only frontend .cc files include this header.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "frontend/policy_lexer.h"

namespace secco::frontend {

class LineTokenStream final : public antlr4::TokenStream {
 public:
  explicit LineTokenStream(PolicyLexer& lexer) : lexer_(lexer) {}

  // Lexes the lexer's text from its start up to and including EOF, and goes back to token 0.
  void fill();
  // Tokens of the line, the EOF token last.
  std::size_t count() const { return size_; }
  const antlr4::CommonToken& token(std::size_t i) const { return *pool_[i]; }

  // antlr4::TokenStream, as BufferedTokenStream over one channel.
  antlr4::Token* LT(ssize_t k) override;
  antlr4::Token* get(std::size_t index) const override;
  antlr4::TokenSource* getTokenSource() const override { return &lexer_; }
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext* ctx) override;
  std::string getText(antlr4::Token* start, antlr4::Token* stop) override;

  // antlr4::IntStream
  void consume() override;
  std::size_t LA(ssize_t i) override { return LT(i)->getType(); }
  ssize_t mark() override { return 0; }
  void release(ssize_t) override {}
  std::size_t index() override { return p_; }
  void seek(std::size_t index) override { p_ = index; }
  std::size_t size() override { return size_; }
  std::string getSourceName() const override { return lexer_.getSourceName(); }

 private:
  PolicyLexer& lexer_;
  std::vector<std::unique_ptr<antlr4::CommonToken>> pool_;  // pool_[0, size_) hold the line's tokens
  std::size_t size_ = 0;
  std::size_t p_ = 0;
};

}  // namespace secco::frontend
