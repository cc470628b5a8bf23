#include "support/diagnostics.h"

#include <algorithm>

namespace secco {
namespace {

struct KindInfo {
  Severity severity;
  std::string_view text;
  std::string_view id;
};

constexpr KindInfo kKinds[] = {
#define DIAG(ID, SEV, TEXT) {Severity::SEV, TEXT, #ID},
#include "support/diagnostic_kinds.def"
#undef DIAG
};

// One source line as shown under a diagnostic: tabs expanded to the next multiple of 8, a UTF-8
// sequence shown as itself and counted as one column, control bytes shown as '?'. `column[i]` is
// the display column of byte i (and of the end of the line at i = size).
struct ShownLine {
  std::string text;
  std::vector<std::size_t> column;
};

std::size_t utf8_length(unsigned char b) {
  if (b >= 0xf0 && b <= 0xf4) return 4;
  if (b >= 0xe0) return 3;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  return 1;
}

ShownLine show_line(std::string_view line) {
  ShownLine out;
  out.column.assign(line.size() + 1, 0);
  std::size_t col = 0;
  for (std::size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    out.column[i] = col;
    if (c == '\t') {
      std::size_t next = (col / 8 + 1) * 8;
      out.text.append(next - col, ' ');
      col = next;
      ++i;
      continue;
    }
    std::size_t len = c >= 0x80 ? utf8_length(c) : 1;
    bool valid = c >= 0x20 && c != 0x7f && i + len <= line.size();
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(line[i + k]) & 0xc0) == 0x80;
    if (!valid) {
      out.text += '?';
      len = 1;
    } else {
      out.text.append(line.substr(i, len));
    }
    for (std::size_t k = 1; k < len; ++k) out.column[i + k] = col;
    ++col;
    i += len;
  }
  out.column[line.size()] = col;
  return out;
}

}  // namespace

std::string_view severity_word(Severity s) {
  switch (s) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string format_message(std::string_view format, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size() && format[i + 1] >= '0' && format[i + 1] <= '9') {
      auto n = static_cast<std::size_t>(format[i + 1] - '0');
      if (n < args.size()) out += args[n];
      ++i;
    } else {
      out += format[i];
    }
  }
  return out;
}

Severity Diagnostics::severity_of(diag::Kind kind) {
  return kKinds[kind].severity;
}
std::string_view Diagnostics::format_of(diag::Kind kind) {
  return kKinds[kind].text;
}

// A warning's flag is its identifier without "warn_", dashes for underscores:
// warn_unused_definition -> unused-definition.
std::string Diagnostics::flag_of(diag::Kind kind) {
  if (kKinds[kind].severity != Severity::Warning) return "";
  std::string_view id = kKinds[kind].id;
  if (id.substr(0, 5) == "warn_") id.remove_prefix(5);
  std::string flag(id);
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

std::vector<std::string> Diagnostics::warning_flags() {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < diag::kNumKinds; ++k) {
    std::string f = flag_of(static_cast<diag::Kind>(k));
    if (!f.empty()) out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Diagnostics::apply_warning_option(std::string_view option) {
  if (option == "error") {
    werror_ = true;
    return true;
  }
  if (option == "no-error") {
    werror_ = false;
    return true;
  }
  if (option == "all" || option == "everything") return true;  // every warning is on by default
  WarningState state = WarningState::Warning;
  if (option.substr(0, 6) == "error=") {
    state = WarningState::Error;
    option.remove_prefix(6);
  } else if (option.substr(0, 9) == "no-error=") {
    state = WarningState::Warning;
    option.remove_prefix(9);
  } else if (option.substr(0, 3) == "no-") {
    state = WarningState::Ignored;
    option.remove_prefix(3);
  }
  std::vector<std::string> known = warning_flags();
  if (!std::binary_search(known.begin(), known.end(), option)) return false;
  flags_[std::string(option)] = state;
  return true;
}

DiagnosticBuilder::DiagnosticBuilder(Diagnostics& engine, diag::Kind kind, SourceRange range)
    : engine_(engine), kind_(kind), range_(range) {}

DiagnosticBuilder& DiagnosticBuilder::operator<<(std::string_view arg) {
  args_.emplace_back(arg);
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::operator<<(std::uint64_t arg) {
  args_.push_back(std::to_string(arg));
  return *this;
}

DiagnosticBuilder::~DiagnosticBuilder() {
  Diagnostic d;
  d.kind = kind_;
  d.severity = Diagnostics::severity_of(kind_);
  d.range = range_;
  d.message = format_message(Diagnostics::format_of(kind_), args_);
  d.flag = Diagnostics::flag_of(kind_);
  d.fixit = std::move(fixit_);
  engine_.emit(std::move(d));
}

void Diagnostics::merge(const Diagnostic& d) {
  const auto same_place = [](const SourceRange& a, const SourceRange& b) {
    return a.begin == b.begin && a.end == b.end;
  };
  for (const Diagnostic& e : diags_) {
    if (e.kind == d.kind && e.message == d.message && same_place(e.range, d.range)) return;
  }
  Diagnostic copy = d;
  // The other engine applied no -W options, -Werror or limit: this one does, as for its own.
  copy.severity = severity_of(d.kind);
  if (copy.severity == Severity::Note) {
    diags_.push_back(std::move(copy));
    return;
  }
  emit(std::move(copy));
}

void Diagnostics::standalone_note(diag::Kind kind, SourceRange range, const std::vector<std::string>& args) {
  Diagnostic d;
  d.kind = kind;
  d.severity = Severity::Note;
  d.range = range;
  d.message = format_message(format_of(kind), args);
  diags_.push_back(std::move(d));
}

void Diagnostics::emit(Diagnostic d) {
  if (d.severity == Severity::Note) {
    if (!last_dropped_ && !diags_.empty()) diags_.back().notes.push_back(std::move(d));
    return;
  }
  last_dropped_ = false;
  if (d.severity == Severity::Warning) {
    auto it = flags_.find(d.flag);
    WarningState state = it == flags_.end() ? WarningState::Default : it->second;
    if (state == WarningState::Ignored) {
      last_dropped_ = true;
      return;
    }
    if (state == WarningState::Error || (state == WarningState::Default && werror_)) d.severity = Severity::Error;
  }
  std::size_t& count = d.severity == Severity::Error ? errors_ : warnings_;
  std::size_t& hidden = d.severity == Severity::Error ? hidden_errors_ : hidden_warnings_;
  ++count;
  if (error_limit_ != 0 && count > error_limit_) {
    ++hidden;
    last_dropped_ = true;
    return;
  }
  diags_.push_back(std::move(d));
}

void Diagnostics::render(std::ostream& os, const SourceManager& sources, const Diagnostic& d) {
  const SourceLoc& b = d.range.begin;
  if (b.valid() && b.file < sources.size()) {
    os << sources.name(b.file) << ':' << b.line << ':' << b.col << ": ";
  } else if (b.file != kNoFile && b.file < sources.size()) {
    os << sources.name(b.file) << ": ";  // about the whole file (unreadable, too large)
  } else {
    os << "secco: ";
  }
  os << severity_word(d.severity) << ": " << d.message;
  if (!d.flag.empty()) os << (d.severity == Severity::Error ? " [-Werror,-W" : " [-W") << d.flag << ']';
  os << '\n';
  // A file known only by name (a policy an IR file's locations point into) shows no source line.
  if (b.valid() && b.file < sources.size() && !sources.text(b.file).empty()) {
    std::string_view line = sources.line(b.file, b.line);
    constexpr std::size_t kMaxShown = 200;  // a 1 MB line is not echoed whole
    std::size_t start = 0;
    if (b.col > kMaxShown) {
      start = b.col - kMaxShown / 2;
      while (start > 0 && start < line.size() && (static_cast<unsigned char>(line[start]) & 0xc0) == 0x80) --start;
    }
    std::string_view part = line.substr(std::min(start, line.size()), kMaxShown);
    ShownLine shown = show_line(part);
    std::size_t at = std::min<std::size_t>(b.col - 1 - start, part.size());
    std::size_t caret = shown.column[at];
    os << "  " << shown.text << "\n  " << std::string(caret, ' ') << '^';
    if (d.range.end.valid() && d.range.end.line == b.line && d.range.end.col > b.col + 1) {
      std::size_t end = std::min<std::size_t>(d.range.end.col - 1 - start, part.size());
      if (shown.column[end] > caret + 1) os << std::string(shown.column[end] - caret - 1, '~');
    }
    os << '\n';
    if (d.fixit) os << "  " << std::string(caret, ' ') << *d.fixit << '\n';
  }
  for (const Diagnostic& n : d.notes) render(os, sources, n);
}

void Diagnostics::render(std::ostream& os) const {
  for (const Diagnostic& d : diags_) render(os, sources_, d);
  if (hidden_errors_ == 0 && hidden_warnings_ == 0) return;
  auto plural = [](std::size_t n, const char* what) {
    return std::to_string(n) + " more " + what + (n == 1 ? "" : "s");
  };
  os << "secco: note: ";
  if (hidden_errors_ != 0) os << plural(hidden_errors_, "error");
  if (hidden_errors_ != 0 && hidden_warnings_ != 0) os << " and ";
  if (hidden_warnings_ != 0) os << plural(hidden_warnings_, "warning");
  os << " not shown (-ferror-limit=" << error_limit_ << "; -ferror-limit=0 shows all)\n";
}

}  // namespace secco
