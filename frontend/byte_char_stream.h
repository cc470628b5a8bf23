// A CharStream over the bytes of one policy line, one symbol per byte. ANTLRInputStream would
// decode UTF-8 into code points, making token offsets code-point columns; the grammar needs only
// ASCII outside comments, and a stray byte >= 0x80 simply lexes as UNKNOWN. Tokens read their text
// from it, so it must outlive them. Only frontend .cc files include this header.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "SeccoLexer.h"  // the generated headers bring the runtime (see grammar/CMakeLists.txt)

namespace secco::frontend {

class ByteCharStream : public antlr4::CharStream {
 public:
  void reset(std::string_view text) {
    text_ = text;
    pos_ = 0;
  }
  std::string_view text() const { return text_; }

  void consume() override;
  std::size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }  // the whole line is in memory: nothing to buffer
  void release(ssize_t) override {}
  std::size_t index() override { return pos_; }
  void seek(std::size_t index) override { pos_ = index < text_.size() ? index : text_.size(); }
  std::size_t size() override { return text_.size(); }
  std::string getSourceName() const override { return "policy"; }
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string toString() const override { return std::string(text_); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace secco::frontend
