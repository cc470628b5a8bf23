// The front end's driver: policy text -> AST. The text is checked to be UTF-8, split into lines,
// and each line is lexed and parsed on its own, so a broken line never swallows the next one and
// every bad line of a file is reported. The lexer reads bytes (see ByteCharStream), so token
// offsets are byte columns, the unit of SourceLoc. One lexer, token stream and parser serve all
// lines of a file: they are reset per line, which keeps a 10,000-line policy fast.
#include "frontend/parse.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "SeccoLexer.h"
#include "SeccoParser.h"
#include "frontend/ast_builder.h"
#include "frontend/limits.h"
#include "frontend/line_check.h"
#include "frontend/syntax_errors.h"
#include "frontend/utf8.h"

namespace secco::frontend {
namespace {

using grammar::SeccoLexer;
using grammar::SeccoParser;

// A CharStream over the bytes of one line, one symbol per byte. ANTLRInputStream would decode
// UTF-8 into code points, making token offsets code-point columns; the grammar needs only ASCII
// outside comments, and a stray byte >= 0x80 simply lexes as UNKNOWN.
class ByteCharStream : public antlr4::CharStream {
 public:
  void reset(std::string_view text) {
    text_ = text;
    pos_ = 0;
  }

  void consume() override {
    if (pos_ >= text_.size()) throw antlr4::IllegalStateException("cannot consume EOF");
    ++pos_;
  }
  std::size_t LA(ssize_t i) override {
    if (i == 0) return 0;  // undefined by the interface
    ssize_t at = static_cast<ssize_t>(pos_) + (i > 0 ? i - 1 : i);
    if (at < 0 || at >= static_cast<ssize_t>(text_.size())) return antlr4::IntStream::EOF;
    return static_cast<unsigned char>(text_[static_cast<std::size_t>(at)]);
  }
  ssize_t mark() override { return -1; }  // the whole line is in memory: nothing to buffer
  void release(ssize_t) override {}
  std::size_t index() override { return pos_; }
  void seek(std::size_t index) override { pos_ = std::min(index, text_.size()); }
  std::size_t size() override { return text_.size(); }
  std::string getSourceName() const override { return "policy"; }
  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < interval.a || static_cast<std::size_t>(interval.a) >= text_.size()) return "";
    auto begin = static_cast<std::size_t>(interval.a);
    auto end = std::min(static_cast<std::size_t>(interval.b) + 1, text_.size());
    return std::string(text_.substr(begin, end - begin));
  }
  std::string toString() const override { return std::string(text_); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// Reports the first invalid UTF-8 byte; returns false if there is one.
bool check_utf8(std::string_view text, FileId id, Diagnostics& diags) {
  std::optional<std::size_t> bad = find_invalid_utf8(text);
  if (!bad) return true;
  std::size_t line_start = text.rfind('\n', *bad == 0 ? std::string_view::npos : *bad - 1);
  line_start = line_start == std::string_view::npos || *bad == 0 ? 0 : line_start + 1;
  auto line =
      static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n') + 1);
  SourceLoc at{id, line, static_cast<std::uint32_t>(*bad - line_start + 1)};
  diags.report(diag::err_invalid_utf8, SourceRange(at, {id, line, at.col + 1}))
      << fmt::format("{:02x}", static_cast<unsigned char>(text[*bad]));
  return false;
}

class LineParser {
 public:
  LineParser(FileId id, Diagnostics& diags)
      : id_(id), diags_(diags), lexer_(&stream_), tokens_(&lexer_), parser_(&tokens_), errors_(lexer_, parser_, sink_) {
    sink_.diags = &diags;
    sink_.file = id;
  }

  // Parses line number `number` (text without its line break) and appends it to `file` if it is
  // well formed.
  void parse(std::string_view text, std::uint32_t number, ast::File& file) {
    ast::Line line;
    line.range = {{id_, number, 1}, {id_, number, static_cast<std::uint32_t>(text.size() + 1)}};
    if (text.size() > kMaxLineLength) {
      SourceLoc at{id_, number, static_cast<std::uint32_t>(kMaxLineLength + 1)};
      diags_.report(diag::err_line_too_long, at) << static_cast<std::uint64_t>(kMaxLineLength);
      return;
    }
    stream_.reset(text);
    lexer_.setInputStream(&stream_);
    tokens_.setTokenSource(&lexer_);
    tokens_.fill();
    std::vector<LexedToken> lexed;
    for (antlr4::Token* t : tokens_.getTokens()) {
      if (t->getType() != antlr4::Token::EOF)
        lexed.push_back({t->getType(), t->getStartIndex(), t->getStopIndex() + 1});
    }
    std::optional<LineKind> kind = check_line(text, lexed, id_, number, diags_);
    if (!kind) return;
    if (*kind == LineKind::BlankOrComment) {
      if (lexed.empty()) {
        line.node = ast::Blank{};
      } else {
        line.node = ast::Comment{trim_right(text.substr(lexed.front().begin))};
      }
      file.lines.push_back(std::move(line));
      return;
    }
    if (*kind == LineKind::Definition && lexed.front().type == SeccoLexer::IDENT) {
      const LexedToken& t = lexed.front();
      file.broken_definitions.push_back({std::string(text.substr(t.begin, t.end - t.begin)),
                                         {{id_, number, static_cast<std::uint32_t>(t.begin + 1)},
                                          {id_, number, static_cast<std::uint32_t>(t.end + 1)}},
                                         file.lines.size()});
    }
    sink_.line = number;
    sink_.failed = false;
    parser_.setTokenStream(&tokens_);
    antlr4::ParserRuleContext* tree = nullptr;
    try {
      if (*kind == LineKind::Rule) tree = parser_.ruleLine();
      if (*kind == LineKind::Definition) tree = parser_.definitionLine();
      if (*kind == LineKind::Default) tree = parser_.defaultLine();
      if (*kind == LineKind::Arch) tree = parser_.archLine();
    } catch (const antlr4::ParseCancellationException&) {
      return;  // the syntax error is reported
    }
    if (sink_.failed || tree == nullptr) return;
    BuildContext build{diags_, id_, number};
    bool built = build_line(*tree, line, build);
    if (*kind == LineKind::Definition && !file.broken_definitions.empty() &&
        file.broken_definitions.back().range.begin.line == number) {
      if (built) file.broken_definitions.pop_back();  // parsed after all: not broken
    }
    if (built) file.lines.push_back(std::move(line));
  }

 private:
  FileId id_;
  Diagnostics& diags_;
  ByteCharStream stream_;
  SeccoLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  SeccoParser parser_;
  LineErrorSink sink_;
  SyntaxErrorHandler errors_;
};

}  // namespace

ast::File parse(const SourceManager& sources, FileId id, Diagnostics& diags) {
  ast::File file;
  file.id = id;
  std::string_view text = sources.text(id);
  if (!check_utf8(text, id, diags)) return file;
  LineParser parser(id, diags);
  std::uint32_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {  // a final line break does not start another line
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    parser.parse(line, ++number, file);
    start = end + 1;
  }
  return file;
}

}  // namespace secco::frontend
