// See byte_char_stream.h.
#include "frontend/byte_char_stream.h"

#include <algorithm>

namespace secco::frontend {

void ByteCharStream::consume() {
  if (pos_ >= text_.size()) throw antlr4::IllegalStateException("cannot consume EOF");
  ++pos_;
}

std::size_t ByteCharStream::LA(ssize_t i) {
  if (i == 0) return 0;  // undefined by the interface
  ssize_t at = static_cast<ssize_t>(pos_) + (i > 0 ? i - 1 : i);
  if (at < 0 || at >= static_cast<ssize_t>(text_.size())) return antlr4::IntStream::EOF;
  return static_cast<unsigned char>(text_[static_cast<std::size_t>(at)]);
}

std::string ByteCharStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < interval.a || static_cast<std::size_t>(interval.a) >= text_.size()) return "";
  auto begin = static_cast<std::size_t>(interval.a);
  auto end = std::min(static_cast<std::size_t>(interval.b) + 1, text_.size());
  return std::string(text_.substr(begin, end - begin));
}

}  // namespace secco::frontend
