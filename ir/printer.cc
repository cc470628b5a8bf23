#include "ir/printer.h"

#include <sstream>
#include <unordered_map>

#include "support/fmt.h"

#include "ir/first_use.h"

namespace secco::ir {
namespace {

// Numbers files by their index in Module::sources; a location in another file prints as file 0.
class LocationWriter {
 public:
  explicit LocationWriter(const Module* m) {
    if (m == nullptr) return;
    for (std::size_t i = 0; i < m->sources.size(); ++i) index_.emplace(m->sources[i].id, i);
  }

  std::string text(const SourceRange& r) const {
    std::string s;
    auto it = index_.find(r.begin.file);
    if (it != index_.end() && it->second != 0) s += fmt::format("f{}:", it->second);
    s += fmt::format("{}:{}", r.begin.line, r.begin.col);
    if (r.end.valid() && r.end.file == r.begin.file && r.end != r.begin) {
      if (r.end.line == r.begin.line)
        s += fmt::format("-{}", r.end.col);
      else
        s += fmt::format("-{}:{}", r.end.line, r.end.col);
    }
    return s;
  }

 private:
  std::unordered_map<FileId, std::size_t> index_;
};

void print_loc(std::ostream& os, const SourceRange& r, const LocationWriter& lw, const PrintOptions& opts) {
  if (opts.locations && r.valid()) os << "  ; " << lw.text(r);
}

class FunctionPrinter {
 public:
  FunctionPrinter(std::ostream& os, const Function& f, const PrintOptions& opts, const LocationWriter& lw)
      : os_(os), f_(f), opts_(opts), lw_(lw), numbering_(f) {}

  void run() {
    std::vector<BlockId> rpo = f_.reverse_post_order();
    std::vector<BlockId> label(f_.block_count(), kNoBlock);
    for (std::size_t i = 0; i < rpo.size(); ++i) label[rpo[i]] = static_cast<BlockId>(i);
    auto block_name = [&](BlockId b) {
      return b < label.size() && label[b] != kNoBlock ? fmt::format("bb{}", label[b]) : std::string("bb?");
    };
    for (BlockId b : rpo) {
      const Terminator& t = f_.block(b).term;
      os_ << block_name(b) << ":\n";
      if (t.used_value() != kNoValue) schedule(t.used_value());
      switch (t.kind) {
        case Terminator::Kind::None:
          os_ << "  unterminated\n";
          break;
        case Terminator::Kind::Return:
          os_ << "  return " << to_string(t.action);
          print_loc(os_, t.action.loc, lw_, opts_);
          os_ << '\n';
          break;
        case Terminator::Kind::Branch:
          os_ << "  br " << value_name(t.cond) << ", " << block_name(t.on_true) << ", " << block_name(t.on_false)
              << '\n';
          break;
        case Terminator::Kind::Jump:
          os_ << "  jump " << block_name(t.on_true) << '\n';
          break;
        case Terminator::Kind::Yield:
          os_ << "  yield " << value_name(t.yielded) << '\n';
          break;
      }
    }
  }

 private:
  std::string value_name(ValueId v) const {
    ValueId n = numbering_.number(v);
    return n != kNoValue ? fmt::format("%{}", n) : std::string("%?");
  }

  // Prints the operand closure of `root` that is not printed yet, operands first.
  void schedule(ValueId root) {
    numbering_.schedule(root, [&](ValueId v) { print_value(v); });
  }

  void print_value(ValueId id) {
    const Value& v = f_.value(id);
    os_ << "  %" << numbering_.number(id) << " = " << opcode_name(v.op);
    switch (v.op) {
      case Opcode::Const:
        os_ << ' ' << fmt::format("{:#x}", v.imm);
        if (opts_.constant_names && !v.name.empty()) os_ << ' ' << v.name;
        break;
      case Opcode::ConstBool:
        os_ << ' ' << (v.imm ? "true" : "false");
        break;
      case Opcode::ArgFull:
      case Opcode::ArgLow:
      case Opcode::ArgHigh:
      case Opcode::Param:
        os_ << ' ' << v.imm;
        break;
      case Opcode::Ref:
      case Opcode::Call:
        os_ << ' ' << v.name << " @" << v.scope;
        break;
      default:
        break;
    }
    for (std::size_t i = 0; i < v.operands.size(); ++i) os_ << (i == 0 ? " " : ", ") << value_name(v.operands[i]);
    os_ << " : " << type_name(v.type);
    if (opts_.locations && v.loc.valid()) {
      os_ << "  ; " << lw_.text(v.loc);
      if (v.use_loc.valid()) os_ << " via " << lw_.text(v.use_loc);
    }
    os_ << '\n';
  }

  std::ostream& os_;
  const Function& f_;
  const PrintOptions& opts_;
  const LocationWriter& lw_;
  FirstUseNumbering numbering_;
};

std::string stage_words(const Module& m) {
  std::string s;
  for (auto [on, word] : {std::pair{m.expanded, "expanded"}, std::pair{m.typed, "typed"}, std::pair{m.split, "split"},
                          std::pair{m.branchy, "branchy"}})
    if (on) s += (s.empty() ? "" : " ") + std::string(word);
  return s.empty() ? "none" : s;
}

}  // namespace

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out += std::string("\\") + c;
    else if (u < 0x20 || u >= 0x7f)
      out += fmt::format("\\x{:02x}", u);
    else
      out += c;
  }
  return out + "\"";
}

std::string to_string(const ActionOperand& a) {
  switch (a.form) {
    case ActionOperand::Form::Concrete:
      return a.action.to_string();
    case ActionOperand::Form::Name:
      return "name " + a.name + " @" + std::to_string(a.scope);
    case ActionOperand::Form::DefaultPositive:
      return "default.positive";
    case ActionOperand::Form::DefaultNegative:
      return "default.negative";
  }
  return "?";
}

void print(std::ostream& os, const Function& f, const PrintOptions& opts) {
  LocationWriter lw(nullptr);
  FunctionPrinter(os, f, opts, lw).run();
}

void print(std::ostream& os, const Module& m, const PrintOptions& opts) {
  const Settings& s = m.settings;
  LocationWriter lw(&m);
  os << "target " << (s.target ? s.target->name() : "?") << '\n';
  os << "stages " << stage_words(m) << '\n';
  if (opts.locations)
    for (std::size_t i = 0; i < m.sources.size(); ++i) os << "source " << i << ' ' << quote(m.sources[i].name) << '\n';
  auto setting = [&](const char* what, const ActionOperand& a) {
    os << "default " << what << ' ' << to_string(a);
    print_loc(os, a.loc, lw, opts);
    os << '\n';
  };
  setting("positive", s.positive);
  setting("negative", s.negative);
  setting("policy", s.policy);
  setting("bad_arch", s.bad_arch);
  if (s.x32)
    setting("x32", *s.x32);
  else
    os << "default x32 bad_arch\n";
  for (const Definition& d : m.definitions) {
    os << "\ndefine " << d.name;
    if (d.has_params) {
      os << '(';
      for (std::size_t i = 0; i < d.params.size(); ++i) os << (i ? ", " : "") << d.params[i];
      os << ')';
    }
    os << " @" << d.position << " {";
    print_loc(os, d.loc, lw, opts);
    os << '\n';
    FunctionPrinter(os, d.body, opts, lw).run();
    os << "}\n";
  }
  for (const Rule& r : m.rules) {
    os << "\nrule " << r.syscall << " nr=" << r.nr << " @" << r.position << " {";
    print_loc(os, r.loc, lw, opts);
    os << '\n';
    FunctionPrinter(os, r.body, opts, lw).run();
    os << "}\n";
  }
}

std::string to_string(const Module& m, const PrintOptions& opts) {
  std::ostringstream os;
  print(os, m, opts);
  return os.str();
}

}  // namespace secco::ir
