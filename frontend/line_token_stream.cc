#include "frontend/line_token_stream.h"

namespace secco::frontend {

void LineTokenStream::fill() {
  lexer_.reset();
  size_ = 0;
  p_ = 0;
  while (true) {
    PolicyLexer::Lexeme l = lexer_.next();
    if (size_ == pool_.size()) {
      pool_.push_back(std::make_unique<antlr4::CommonToken>(
          std::make_pair(static_cast<antlr4::TokenSource*>(&lexer_), lexer_.getInputStream()), l.type,
          antlr4::Token::DEFAULT_CHANNEL, l.start, l.stop));
    }
    antlr4::CommonToken& t = *pool_[size_];
    t.setType(l.type);
    t.setStartIndex(l.start);
    t.setStopIndex(l.stop);
    t.setLine(l.line);
    t.setCharPositionInLine(l.column);
    t.setTokenIndex(size_);
    ++size_;
    if (l.type == antlr4::Token::EOF) return;
  }
}

antlr4::Token* LineTokenStream::LT(ssize_t k) {
  if (k == 0) return nullptr;
  if (k < 0) {
    auto back = static_cast<std::size_t>(-k);
    return back > p_ ? nullptr : pool_[p_ - back].get();
  }
  std::size_t i = p_ + static_cast<std::size_t>(k) - 1;
  return pool_[i < size_ ? i : size_ - 1].get();  // past the end: EOF
}

antlr4::Token* LineTokenStream::get(std::size_t index) const {
  if (index >= size_) {
    throw antlr4::IndexOutOfBoundsException("token index " + std::to_string(index) + " out of range 0.." +
                                            std::to_string(size_ - 1));
  }
  return pool_[index].get();
}

void LineTokenStream::consume() {
  if (LA(1) == antlr4::Token::EOF) throw antlr4::IllegalStateException("cannot consume EOF");
  ++p_;
}

std::string LineTokenStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < 0) return "";
  auto stop = static_cast<std::size_t>(interval.b);
  if (stop >= size_) stop = size_ - 1;
  std::string out;
  for (auto i = static_cast<std::size_t>(interval.a); i <= stop; ++i) {
    if (pool_[i]->getType() == antlr4::Token::EOF) break;
    out += pool_[i]->getText();
  }
  return out;
}

std::string LineTokenStream::getText() {
  return size_ == 0 ? std::string()
                    : getText(antlr4::misc::Interval(static_cast<ssize_t>(0), static_cast<ssize_t>(size_ - 1)));
}

std::string LineTokenStream::getText(antlr4::RuleContext* ctx) {
  return getText(ctx->getSourceInterval());
}

std::string LineTokenStream::getText(antlr4::Token* start, antlr4::Token* stop) {
  if (start == nullptr || stop == nullptr) return "";
  return getText(antlr4::misc::Interval(start->getTokenIndex(), stop->getTokenIndex()));
}

}  // namespace secco::frontend
