#include "support/diagnostics.h"

#include <algorithm>

namespace secco {
namespace {

struct KindInfo {
  Severity severity;
  std::string_view text;
};

constexpr KindInfo kKinds[] = {
#define DIAG(ID, SEV, TEXT) {Severity::SEV, TEXT},
#include "support/diagnostic_kinds.def"
#undef DIAG
};

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

}  // namespace

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
  copy.severity = severity_of(d.kind);  // -Werror applies as this engine says
  if (copy.severity == Severity::Note) {
    if (!stopped_) diags_.push_back(std::move(copy));
    return;
  }
  std::vector<Diagnostic> notes = std::move(copy.notes);
  copy.notes.clear();
  copy.message = d.severity == Severity::Error && copy.severity == Severity::Warning
                     ? d.message.substr(0, d.message.rfind(" [-Werror]"))
                     : d.message;
  emit(std::move(copy));
  for (Diagnostic& n : notes) emit(std::move(n));
}

void Diagnostics::standalone_note(diag::Kind kind, SourceRange range, const std::vector<std::string>& args) {
  if (stopped_) return;
  Diagnostic d;
  d.kind = kind;
  d.severity = Severity::Note;
  d.range = range;
  d.message = format_message(format_of(kind), args);
  diags_.push_back(std::move(d));
}

void Diagnostics::emit(Diagnostic d) {
  if (stopped_) return;
  if (d.severity == Severity::Note) {
    if (!diags_.empty()) diags_.back().notes.push_back(std::move(d));
    return;
  }
  if (d.severity == Severity::Warning && werror_) {
    d.severity = Severity::Error;
    d.message += " [-Werror]";
  }
  if (d.severity == Severity::Error) {
    if (errors_ == error_limit_) {
      Diagnostic stop;
      stop.kind = diag::err_too_many_errors;
      stop.severity = Severity::Error;
      stop.message = std::string(format_of(diag::err_too_many_errors));
      diags_.push_back(std::move(stop));
      stopped_ = true;
      return;
    }
    ++errors_;
  } else {
    ++warnings_;
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
  os << severity_word(d.severity) << ": " << d.message << '\n';
  if (b.valid() && b.file < sources.size()) {
    std::string_view line = sources.line(b.file, b.line);
    constexpr std::size_t kMaxShown = 200;  // a 1 MB line is not echoed whole
    std::size_t start = 0;
    if (b.col > kMaxShown) start = b.col - kMaxShown / 2;
    std::string_view shown = line.substr(std::min(start, line.size()), kMaxShown);
    os << "  ";
    for (char c : shown)
      os << (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f ? '?' : c);
    os << "\n  ";
    std::size_t caret = b.col - 1 - start;
    for (std::size_t i = 0; i < caret && i < shown.size(); ++i) os << (shown[i] == '\t' ? '\t' : ' ');
    os << '^';
    if (d.range.end.valid() && d.range.end.line == b.line && d.range.end.col > b.col + 1) {
      std::size_t width = std::min<std::size_t>(d.range.end.col - b.col - 1, kMaxShown);
      os << std::string(width, '~');
    }
    os << '\n';
  }
  for (const Diagnostic& n : d.notes) render(os, sources, n);
}

void Diagnostics::render(std::ostream& os) const {
  for (const Diagnostic& d : diags_) render(os, sources_, d);
}

}  // namespace secco
