#include "ir/reader.h"

#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "ir/opcode.h"
#include "ir/types.h"

namespace secco::ir {
namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// Thrown to stop reading after the first error has been reported.
struct Stop {};

class Reader {
 public:
  Reader(SourceManager& sources, FileId file, Diagnostics& diags)
      : sources_(sources), file_(file), diags_(diags), text_(sources.text(file)) {}  // a copy: add() may move it

  std::optional<Module> run() {
    try {
      bool more = read_header();
      while (more) {
        std::string_view w = peek_word();
        if (w == "define")
          read_definition();
        else if (w == "rule")
          read_rule();
        else
          expected("'define' or 'rule'");
        more = next_line();
      }
      return std::move(m_);
    } catch (const Stop&) {
      return std::nullopt;
    }
  }

 private:
  // ---- lines and tokens ----

  // Moves to the next line that is neither blank nor a full-line comment; false at the end.
  bool next_line() {
    while (pos_ < text_.size()) {
      std::size_t end = text_.find('\n', pos_);
      if (end == std::string::npos) end = text_.size();
      line_ = std::string_view(text_).substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_no_;
      col_ = 0;
      skip_spaces();
      if (col_ < line_.size() && line_[col_] != ';') return true;
    }
    line_ = {};
    col_ = 0;
    return false;
  }

  void skip_spaces() {
    while (col_ < line_.size() && (line_[col_] == ' ' || line_[col_] == '\t')) ++col_;
  }

  SourceRange here(std::size_t width = 0) const {
    auto c = static_cast<std::uint32_t>(col_ + 1);
    return {SourceLoc{file_, line_no_, c}, SourceLoc{file_, line_no_, c + static_cast<std::uint32_t>(width)}};
  }

  std::string found() const {
    if (col_ >= line_.size()) return "end of line";
    std::size_t n = 1;
    if (word_char(line_[col_]))
      while (col_ + n < line_.size() && word_char(line_[col_ + n]) && n < 40) ++n;
    std::string s(line_.substr(col_, n));
    for (char& c : s)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    return "'" + s + "'";
  }

  [[noreturn]] void expected(const std::string& what) {
    diags_.report(diag::err_ir_expected, here(1)) << what << found();
    throw Stop{};
  }

  [[noreturn]] void fail(diag::Kind kind, SourceRange at, std::initializer_list<std::string> args) {
    {
      auto d = diags_.report(kind, at);
      for (const std::string& a : args) d << a;
    }
    throw Stop{};
  }

  bool at_end() const { return col_ >= line_.size(); }

  std::string_view peek_word() const {
    std::size_t n = 0;
    while (col_ + n < line_.size() && word_char(line_[col_ + n])) ++n;
    return line_.substr(col_, n);
  }

  std::string_view word(const char* what) {
    std::string_view w = peek_word();
    if (w.empty()) expected(what);
    col_ += w.size();
    skip_spaces();
    return w;
  }

  // A name as the policy language writes it: a letter or '_' first.
  std::string name(const char* what) {
    if (at_end() || !(std::isalpha(static_cast<unsigned char>(line_[col_])) != 0 || line_[col_] == '_')) expected(what);
    return std::string(word(what));
  }

  void keyword(std::string_view kw) {
    if (peek_word() != kw) expected("'" + std::string(kw) + "'");
    word("");
  }

  bool accept(char c) {
    if (col_ < line_.size() && line_[col_] == c) {
      ++col_;
      skip_spaces();
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) expected(std::string("'") + c + "'");
  }

  // A number (decimal or 0x hex) that fits in `bits` bits.
  std::uint64_t number(const char* what, unsigned bits = 64) {
    std::size_t start = col_;
    SourceRange at = here();
    std::string_view w = peek_word();
    if (w.empty() || std::isdigit(static_cast<unsigned char>(w[0])) == 0) expected(what);
    unsigned base = 10;
    std::string_view digits = w;
    if (w.size() > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
      base = 16;
      digits = w.substr(2);
    }
    std::uint64_t v = 0;
    bool overflow = false;
    for (char c : digits) {
      int d = -1;
      if (std::isdigit(static_cast<unsigned char>(c)) != 0) d = c - '0';
      if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) expected(what);
      if (v > (UINT64_MAX - static_cast<unsigned>(d)) / base) overflow = true;
      v = v * base + static_cast<unsigned>(d);
    }
    if (overflow || (bits < 64 && v >> bits != 0)) {
      at.end.col = at.begin.col + static_cast<std::uint32_t>(w.size());
      fail(diag::err_ir_number, at, {std::string(w), std::to_string(bits)});
    }
    col_ = start + w.size();
    skip_spaces();
    return v;
  }

  std::uint32_t number32(const char* what) { return static_cast<std::uint32_t>(number(what, 32)); }

  std::string quoted() {
    if (!accept_raw('"')) expected("a quoted file name");
    std::string out;
    while (true) {
      if (col_ >= line_.size()) expected("'\"'");
      char c = line_[col_++];
      if (c == '"') break;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (col_ >= line_.size()) expected("an escape");
      char e = line_[col_++];
      if (e == '"' || e == '\\') {
        out += e;
      } else if (e == 'x' && col_ + 2 <= line_.size() && std::isxdigit(static_cast<unsigned char>(line_[col_])) &&
                 std::isxdigit(static_cast<unsigned char>(line_[col_ + 1]))) {
        out += static_cast<char>(std::stoi(std::string(line_.substr(col_, 2)), nullptr, 16));
        col_ += 2;
      } else {
        --col_;
        expected("'\\\"', '\\\\' or '\\xHH'");
      }
    }
    skip_spaces();
    return out;
  }

  bool accept_raw(char c) {
    if (col_ < line_.size() && line_[col_] == c) {
      ++col_;
      return true;
    }
    return false;
  }

  void end_of_line() {
    if (!at_end()) expected("end of line");
  }

  // ---- locations: `; [fN:]L:C[-E | -L:E] [via ...]` ----

  SourceRange location() {
    SourceRange r;
    FileId file = kNoFile;
    SourceRange at = here();
    if (accept_raw('f')) {
      auto index = static_cast<std::size_t>(number("a source file number"));
      if (index >= m_.sources.size()) fail(diag::err_ir_undefined, at, {"source file", "f" + std::to_string(index)});
      file = m_.sources[index].id;
      expect_raw(':');
    } else {
      file = default_file();
    }
    r.begin = SourceLoc{file, number32("a line number"), 0};
    expect_raw(':');
    r.begin.col = number32("a column number");
    r.end = r.begin;
    if (accept_raw('-')) {
      std::uint32_t a = number32("a column number");
      if (accept_raw(':')) {
        r.end.line = a;
        r.end.col = number32("a column number");
      } else {
        r.end.col = a;
      }
    }
    if (r.begin.line == 0) fail(diag::err_ir_invalid, at, {"line numbers start at 1"});
    skip_spaces();
    return r;
  }

  void expect_raw(char c) {
    if (!accept_raw(c)) expected(std::string("'") + c + "'");
  }

  FileId default_file() {
    if (!m_.sources.empty()) return m_.sources[0].id;
    if (unknown_source_ == kNoFile) unknown_source_ = sources_.add("<unknown source>", "");
    return unknown_source_;
  }

  // A trailing `; ...`: a location if it starts like one, else a comment. Returns whether a
  // location was read (into `loc`, and `via` into `via` when given).
  bool trailing(SourceRange* loc, SourceRange* via = nullptr) {
    if (!accept(';')) {
      end_of_line();
      return false;
    }
    bool is_loc = col_ < line_.size() && (std::isdigit(static_cast<unsigned char>(line_[col_])) != 0 ||
                                          (line_[col_] == 'f' && col_ + 1 < line_.size() &&
                                           std::isdigit(static_cast<unsigned char>(line_[col_ + 1])) != 0));
    if (!is_loc || loc == nullptr) {
      col_ = line_.size();
      return false;
    }
    *loc = location();
    if (via != nullptr && peek_word() == "via") {
      word("");
      *via = location();
    }
    end_of_line();
    return true;
  }

  // ---- module ----

  // Reads the settings; returns true when a 'define' or 'rule' line is next (the current line).
  bool read_header() {
    bool have_target = false;
    bool have_stages = false;
    std::array<bool, 5> have_default{};
    while (next_line()) {
      std::string_view w = peek_word();
      SourceRange at = here(w.size());
      if (w == "define" || w == "rule") break;
      if (w != "target" && w != "stages" && w != "source" && w != "default")
        expected("'target', 'stages', 'source', 'default', 'define' or 'rule'");
      word("");
      if (w == "target") {
        if (have_target) fail(diag::err_ir_redefined, at, {"setting", "target"});
        std::string_view t = word("a target name");
        m_.settings.target = Target::find(t);
        if (m_.settings.target == nullptr) fail(diag::err_ir_unknown, at, {"target", std::string(t)});
        have_target = true;
        end_of_line();
      } else if (w == "stages") {
        if (have_stages) fail(diag::err_ir_redefined, at, {"setting", "stages"});
        have_stages = true;
        read_stages();
      } else if (w == "source") {
        std::uint64_t index = number("a source file number");
        if (index != m_.sources.size())
          fail(diag::err_ir_invalid, at, {"source files must be numbered 0, 1, 2, ... in order"});
        std::string file_name = quoted();
        end_of_line();
        m_.sources.push_back({sources_.add(file_name, ""), file_name});
      } else {
        read_default(have_default);
      }
    }
    if (!have_target) {
      diags_.report(diag::err_ir_invalid, SourceRange{SourceLoc{file_, 1, 1}}) << "the module has no 'target' line";
      throw Stop{};
    }
    return !line_.empty();
  }

  void read_stages() {
    if (peek_word() == "none") {
      word("");
      end_of_line();
      return;
    }
    if (at_end()) expected("a stage ('expanded', 'typed', 'split', 'branchy') or 'none'");
    while (!at_end()) {
      SourceRange at = here(peek_word().size());
      std::string_view s = word("a stage");
      bool* flag = s == "expanded"  ? &m_.expanded
                   : s == "typed"   ? &m_.typed
                   : s == "split"   ? &m_.split
                   : s == "branchy" ? &m_.branchy
                                    : nullptr;
      if (flag == nullptr) fail(diag::err_ir_unknown, at, {"stage", std::string(s)});
      if (*flag) fail(diag::err_ir_redefined, at, {"stage", std::string(s)});
      *flag = true;
    }
  }

  void read_default(std::array<bool, 5>& have) {
    static constexpr std::array<std::string_view, 5> kWhat = {"positive", "negative", "policy", "bad_arch", "x32"};
    SourceRange at = here(peek_word().size());
    std::string_view what = word("'positive', 'negative', 'policy', 'bad_arch' or 'x32'");
    std::size_t i = 0;
    while (i < kWhat.size() && kWhat[i] != what) ++i;
    if (i == kWhat.size()) fail(diag::err_ir_unknown, at, {"default", std::string(what)});
    if (have[i]) fail(diag::err_ir_redefined, at, {"default", std::string(what)});
    have[i] = true;
    Settings& s = m_.settings;
    if (i == 4 && peek_word() == "bad_arch") {
      word("");
      end_of_line();
      s.x32.reset();
      return;
    }
    ActionOperand a = action();
    trailing(&a.loc);
    ActionOperand* slots[4] = {&s.positive, &s.negative, &s.policy, &s.bad_arch};
    if (i < 4)
      *slots[i] = a;
    else
      s.x32 = a;
  }

  ActionOperand action() {
    ActionOperand a;
    SourceRange at = here(peek_word().size());
    std::string_view w = word("an action");
    if (w == "name") {
      a.form = ActionOperand::Form::Name;
      a.name = name("an action name");
      a.scope = scope();
      return a;
    }
    if (w == "default.positive" || w == "default.negative") {
      a.form = w == "default.positive" ? ActionOperand::Form::DefaultPositive : ActionOperand::Form::DefaultNegative;
      return a;
    }
    auto kind = action_keyword(w);
    // Only the printed spellings: `kill` and upper case are policy-language conveniences.
    if (!kind || action_keyword_name(*kind) != w) fail(diag::err_ir_unknown, at, {"action", std::string(w)});
    a.action.kind = *kind;
    if (a.action.has_data()) {
      expect('(');
      a.action.data = static_cast<std::uint16_t>(number("the action's value", 16));
      expect(')');
    }
    return a;
  }

  std::uint32_t scope() {
    expect('@');
    return number32("a line position");
  }

  void read_definition() {
    word("");
    Definition d;
    d.name = name("a definition name");
    if (accept('(')) {
      d.has_params = true;
      if (!accept(')')) {
        do {
          d.params.push_back(name("a parameter name"));
        } while (accept(','));
        expect(')');
      }
    }
    d.position = scope();
    expect('{');
    trailing(&d.loc);
    read_body(d.body);
    m_.definitions.push_back(std::move(d));
  }

  void read_rule() {
    word("");
    Rule r;
    r.syscall = name("a system call name");
    keyword("nr");
    expect('=');
    r.nr = number32("a system call number");
    r.position = scope();
    expect('{');
    trailing(&r.loc);
    read_body(r.body);
    m_.rules.push_back(std::move(r));
  }

  // ---- function bodies ----

  struct BlockLabel {
    BlockId id = kNoBlock;
    bool defined = false;
    SourceRange first_use;
  };

  void read_body(Function& f) {
    std::unordered_map<std::uint64_t, ValueId> values;
    std::unordered_map<std::uint64_t, BlockLabel> blocks;
    auto block_ref = [&](bool define) -> BlockId {
      SourceRange at = here(peek_word().size());
      std::string_view w = peek_word();
      if (w.size() < 3 || w.substr(0, 2) != "bb" || std::isdigit(static_cast<unsigned char>(w[2])) == 0)
        expected("a block label 'bbN'");
      col_ += 2;
      std::uint64_t n = number("a block number");
      BlockLabel& b = blocks[n];
      if (b.id == kNoBlock) {
        b.id = f.add_block();
        b.first_use = at;
      }
      if (define) {
        if (b.defined) fail(diag::err_ir_redefined, at, {"block", std::string(w)});
        b.defined = true;
      }
      return b.id;
    };
    auto value_ref = [&]() -> ValueId {
      SourceRange at = here();
      if (!accept_raw('%')) expected("a value '%N'");
      std::uint64_t n = number("a value number");
      auto it = values.find(n);
      if (it == values.end()) fail(diag::err_ir_undefined, at, {"value", "%" + std::to_string(n)});
      return it->second;
    };

    BlockId current = kNoBlock;  // the block whose terminator is still to come
    while (true) {
      if (!next_line()) expected("'}' closing the body");
      if (line_[col_] == '}') {
        ++col_;
        skip_spaces();
        end_of_line();
        break;
      }
      if (line_[col_] == '%') {
        if (current == kNoBlock) expected("a block label 'bbN:'");
        read_value(f, values, value_ref);
        continue;
      }
      std::string_view w = peek_word();
      if (w.size() > 2 && w.substr(0, 2) == "bb") {
        if (current != kNoBlock) expected("a terminator ('return', 'br', 'jump', 'yield' or 'unterminated')");
        current = block_ref(true);
        expect(':');
        end_of_line();
        continue;
      }
      if (current == kNoBlock) expected("a block label 'bbN:' or '}'");
      Terminator t;  // not a reference into the block table: block_ref may grow it
      SourceRange at = here(w.size());
      word("");
      if (w == "return") {
        t.kind = Terminator::Kind::Return;
        t.action = action();
        trailing(&t.action.loc);
      } else if (w == "br") {
        t.kind = Terminator::Kind::Branch;
        t.cond = value_ref();
        expect(',');
        t.on_true = block_ref(false);
        expect(',');
        t.on_false = block_ref(false);
        trailing(nullptr);
      } else if (w == "jump") {
        t.kind = Terminator::Kind::Jump;
        t.on_true = block_ref(false);
        trailing(nullptr);
      } else if (w == "yield") {
        t.kind = Terminator::Kind::Yield;
        t.yielded = value_ref();
        trailing(nullptr);
      } else if (w == "unterminated") {
        trailing(nullptr);
      } else {
        col_ = at.begin.col - 1;
        expected("a value, a terminator ('return', 'br', 'jump', 'yield', 'unterminated') or a block label");
      }
      f.block(current).term = t;
      current = kNoBlock;
    }
    if (current != kNoBlock) expected("a terminator before '}'");
    if (f.block_count() == 0) expected("a block label 'bbN:' before '}'");
    for (const auto& [n, b] : blocks)
      if (!b.defined) fail(diag::err_ir_undefined, b.first_use, {"block", "bb" + std::to_string(n)});
  }

  template <typename ValueRef>
  void read_value(Function& f, std::unordered_map<std::uint64_t, ValueId>& values, ValueRef& value_ref) {
    SourceRange at = here();
    ++col_;  // '%'
    std::uint64_t n = number("a value number");
    if (values.count(n) != 0) fail(diag::err_ir_redefined, at, {"value", "%" + std::to_string(n)});
    expect('=');
    SourceRange op_at = here(peek_word().size());
    std::string_view op_name = word("an opcode");
    auto op = opcode_by_name(op_name);
    if (!op) fail(diag::err_ir_unknown, op_at, {"opcode", std::string(op_name)});
    std::uint64_t imm = 0;
    std::string value_name;
    std::uint32_t scope_pos = 0;
    switch (*op) {
      case Opcode::Const:
        imm = number("a constant");
        if (!at_end() && (std::isalpha(static_cast<unsigned char>(line_[col_])) != 0 || line_[col_] == '_'))
          value_name = name("a constant name");
        break;
      case Opcode::ConstBool: {
        std::string_view b = word("'true' or 'false'");
        if (b != "true" && b != "false") {
          col_ -= b.size();
          expected("'true' or 'false'");
        }
        imm = b == "true" ? 1 : 0;
        break;
      }
      case Opcode::ArgFull:
      case Opcode::ArgLow:
      case Opcode::ArgHigh:
      case Opcode::Param:
        imm = number("an index", 32);
        break;
      case Opcode::Ref:
      case Opcode::Call:
        value_name = name("a name");
        scope_pos = scope();
        break;
      default:
        break;
    }
    std::vector<ValueId> operands;
    if (!at_end() && line_[col_] == '%') {
      do {
        operands.push_back(value_ref());
        skip_spaces();
      } while (accept(','));
    }
    expect(':');
    SourceRange type_at = here();
    Type type = Type::Unknown;
    if (accept_raw('?')) {
      skip_spaces();
    } else {
      type_at = here(peek_word().size());
      std::string_view t = word("a type ('bool', 'u32', 'u64', 'arg64' or '?')");
      type = t == "bool"    ? Type::Bool
             : t == "u32"   ? Type::U32
             : t == "u64"   ? Type::Const64
             : t == "arg64" ? Type::Arg64
                            : Type::Unknown;
      if (type == Type::Unknown) fail(diag::err_ir_unknown, type_at, {"type", std::string(t)});
    }
    SourceRange loc, via;
    trailing(&loc, &via);
    ValueId id = f.make(*op, type, std::move(operands), imm, loc, std::move(value_name), scope_pos);
    if (via.valid() && !f.value(id).use_loc.valid()) f.set_use_loc(id, via);
    values.emplace(n, id);
  }

  SourceManager& sources_;
  FileId file_;
  Diagnostics& diags_;
  const std::string text_;
  std::size_t pos_ = 0;
  std::string_view line_;
  std::uint32_t line_no_ = 0;
  std::size_t col_ = 0;
  FileId unknown_source_ = kNoFile;
  Module m_;
};

}  // namespace

std::optional<Module> read_module(SourceManager& sources, FileId file, Diagnostics& diags) {
  return Reader(sources, file, diags).run();
}

}  // namespace secco::ir
