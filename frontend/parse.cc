// The front end's driver: policy text -> AST. The text is checked to be UTF-8, split into lines,
// and each line is lexed and parsed on its own, so a broken line never swallows the next one and
// every bad line of a file is reported. The lexer reads bytes (see ByteCharStream), so token
// offsets are byte columns, the unit of SourceLoc. One lexer, token stream and parser serve all
// lines of a file: they are reset per line, which keeps a 10,000-line policy fast.
// Each line is parsed in two stages (the usual ANTLR speed-up): SLL prediction, which bails out at
// the first syntax error, and only for a line it rejects, full LL with the reporting error
// strategy, so diagnostics are what a single LL parse gives.
#include "frontend/parse.h"

#include "support/fmt.h"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "SeccoParser.h"
#include "frontend/ast_builder.h"
#include "frontend/byte_char_stream.h"
#include "frontend/limits.h"
#include "frontend/line_check.h"
#include "frontend/line_token_stream.h"
#include "frontend/policy_lexer.h"
#include "frontend/syntax_errors.h"
#include "frontend/utf8.h"

namespace secco::frontend {
namespace {

using grammar::SeccoParser;

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

// The generated parser with two of ANTLR's virtual hooks made cheaper for the driver's use.
// Terminal nodes: Parser::consume() allocates one per token (through the tree tracker, which frees
// it at the next reset); here they come from a pool kept across lines. Rule contexts: the parent of
// a context is always a ParserRuleContext, so it is linked to it without Parser's dynamic_cast.
// The parse tree is the same; error recovery (the reporting stage) keeps ANTLR's own consume().
class PooledParser final : public SeccoParser {
 public:
  using SeccoParser::SeccoParser;

  antlr4::Token* consume() override {
    if (!_buildParseTrees || !_parseListeners.empty() || _errHandler->inErrorRecoveryMode(this)) {
      return SeccoParser::consume();
    }
    antlr4::Token* o = _input->LT(1);
    if (o->getType() != antlr4::Token::EOF) _input->consume();
    if (used_ == terminals_.size()) terminals_.push_back(std::make_unique<antlr4::tree::TerminalNodeImpl>(o));
    antlr4::tree::TerminalNodeImpl* node = terminals_[used_++].get();
    node->symbol = o;
    _ctx->addChild(node);  // sets its parent
    return o;
  }

  void reset() override {
    SeccoParser::reset();
    used_ = 0;  // the previous tree is gone: its terminal nodes are free again
  }

 protected:
  void addContextToParseTree() override {
    if (_ctx->parent != nullptr) static_cast<antlr4::ParserRuleContext*>(_ctx->parent)->addChild(_ctx);
  }

 private:
  std::vector<std::unique_ptr<antlr4::tree::TerminalNodeImpl>> terminals_;
  std::size_t used_ = 0;
};

class LineParser {
 public:
  LineParser(FileId id, Diagnostics& diags)
      : id_(id), diags_(diags), lexer_(stream_), tokens_(lexer_), parser_(&tokens_), errors_(parser_, sink_) {
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
    tokens_.fill();
    std::vector<LexedToken>& lexed = lexed_;
    lexed.clear();
    for (std::size_t i = 0; i + 1 < tokens_.count(); ++i) {  // all but EOF
      const antlr4::CommonToken& t = tokens_.token(i);
      lexed.push_back({t.getType(), t.getStartIndex(), t.getStopIndex() + 1});
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
    if (*kind == LineKind::Definition && lexed.front().type == grammar::SeccoParser::IDENT) {
      const LexedToken& t = lexed.front();
      file.broken_definitions.push_back({std::string(text.substr(t.begin, t.end - t.begin)),
                                         {{id_, number, static_cast<std::uint32_t>(t.begin + 1)},
                                          {id_, number, static_cast<std::uint32_t>(t.end + 1)}},
                                         file.lines.size()});
    }
    sink_.line = number;
    sink_.failed = false;
    antlr4::ParserRuleContext* tree = nullptr;
    try {
      errors_.fast_stage();
      tree = parse_kind(*kind);
    } catch (const antlr4::ParseCancellationException&) {
      try {
        errors_.full_stage();
        tree = parse_kind(*kind);
      } catch (const antlr4::ParseCancellationException&) {
        return;  // the syntax error is reported
      }
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
  // Parses the line in tokens_ from its first token, starting at the rule for its kind.
  antlr4::ParserRuleContext* parse_kind(LineKind kind) {
    tokens_.seek(0);                   // back to the first token for the second stage
    parser_.setTokenStream(&tokens_);  // resets the parser
    switch (kind) {
      case LineKind::Rule:
        return parser_.ruleLine();
      case LineKind::Definition:
        return parser_.definitionLine();
      case LineKind::Default:
        return parser_.defaultLine();
      case LineKind::Arch:
        return parser_.archLine();
      case LineKind::BlankOrComment:
        break;
    }
    return nullptr;
  }

  FileId id_;
  Diagnostics& diags_;
  ByteCharStream stream_;
  PolicyLexer lexer_;
  LineTokenStream tokens_;
  PooledParser parser_;
  LineErrorSink sink_;
  SyntaxErrorHandler errors_;
  std::vector<LexedToken> lexed_;  // the current line's tokens (the buffer is kept between lines)
};

}  // namespace

ast::File parse(const SourceManager& sources, FileId id, Diagnostics& diags) {
  ast::File file;
  file.id = id;
  std::string_view text = sources.text(id);
  if (!check_utf8(text, id, diags)) return file;
  LineParser parser(id, diags);
  // One Line per line of text: reserving them up front saves moving every Line as the vector grows.
  file.lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
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
