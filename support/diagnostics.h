// The diagnostics engine every stage reports through. Messages live in diagnostic_kinds.def;
// call sites name a kind and stream arguments:  diags.report(diag::err_unknown_syscall, range) << name;
// A note attaches to the diagnostic reported just before it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "support/source_manager.h"

namespace secco {

enum class Severity { Note, Warning, Error };

// "note", "warning" or "error": the word clang prints and SARIF's `level`.
std::string_view severity_word(Severity s);

namespace diag {
enum Kind : std::uint16_t {
#define DIAG(ID, SEV, TEXT) ID,
#include "support/diagnostic_kinds.def"
#undef DIAG
  kNumKinds
};
}  // namespace diag

struct Diagnostic {
  diag::Kind kind{};
  Severity severity = Severity::Error;
  SourceRange range;
  std::string message;
  std::string flag;  // a warning's -W name ("unused-definition"), also when -Werror made it an error
  // A fix-it: replace `range` with this text (clang's "did you mean" line under the caret).
  std::optional<std::string> fixit;
  std::vector<Diagnostic> notes;
};

// What -W<name>, -Wno-<name>, -Werror=<name> and -Wno-error=<name> set for one warning flag.
enum class WarningState : std::uint8_t { Default, Ignored, Warning, Error };

class Diagnostics;

// Collects the arguments of one diagnostic and hands it to the engine when it goes out of scope.
class DiagnosticBuilder {
 public:
  DiagnosticBuilder(Diagnostics& engine, diag::Kind kind, SourceRange range);
  DiagnosticBuilder(const DiagnosticBuilder&) = delete;
  DiagnosticBuilder& operator=(const DiagnosticBuilder&) = delete;
  ~DiagnosticBuilder();

  DiagnosticBuilder& operator<<(std::string_view arg);
  DiagnosticBuilder& operator<<(const std::string& arg) { return *this << std::string_view(arg); }
  DiagnosticBuilder& operator<<(const char* arg) { return *this << std::string_view(arg); }
  DiagnosticBuilder& operator<<(std::uint64_t arg);
  DiagnosticBuilder& operator<<(int arg) { return *this << static_cast<std::uint64_t>(arg); }
  DiagnosticBuilder& operator<<(unsigned arg) { return *this << static_cast<std::uint64_t>(arg); }
  // Suggests replacing the diagnostic's range with `text`.
  DiagnosticBuilder& fixit(std::string text) {
    fixit_ = std::move(text);
    return *this;
  }

 private:
  Diagnostics& engine_;
  diag::Kind kind_;
  SourceRange range_;
  std::vector<std::string> args_;
  std::optional<std::string> fixit_;
};

class Diagnostics {
 public:
  explicit Diagnostics(const SourceManager& sources) : sources_(sources) {}

  DiagnosticBuilder report(diag::Kind kind, SourceRange range) { return {*this, kind, range}; }
  DiagnosticBuilder report(diag::Kind kind, SourceLoc loc) { return {*this, kind, SourceRange(loc)}; }

  // -Werror: warnings reported from now on count as errors.
  void set_warnings_as_errors(bool on) { werror_ = on; }
  // Stop showing errors (and, separately, warnings) after this many; 0 = no limit. Diagnostics
  // past the limit are still counted and summed up as "N more errors" (a garbage file must not
  // flood the terminal).
  void set_error_limit(std::size_t limit) { error_limit_ = limit; }
  // Applies one -W option without its "-W": "unused-definition", "no-shadow", "error=shadow",
  // "no-error=shadow", "error" (all warnings), "everything"/"all" (all on). False: unknown flag.
  bool apply_warning_option(std::string_view option);
  // Every warning flag name, sorted (for --help and did-you-mean).
  static std::vector<std::string> warning_flags();
  static std::string flag_of(diag::Kind kind);  // "" for errors and notes

  bool has_errors() const { return errors_ != 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  std::size_t hidden_errors() const { return hidden_errors_; }
  std::size_t hidden_warnings() const { return hidden_warnings_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  const SourceManager& sources() const { return sources_; }

  // Adds a diagnostic found by another engine over the same sources (one ABI's compilation of a
  // multi-ABI filter), unless an identical one (kind, place, message) is there already.
  void merge(const Diagnostic& d);
  // A note that stands alone rather than attaching to the diagnostic before it.
  void standalone_note(diag::Kind kind, SourceRange range, const std::vector<std::string>& args);

  // Renders `file:line:col: error: message`, the source line and a caret, for every diagnostic.
  void render(std::ostream& os) const;
  static void render(std::ostream& os, const SourceManager& sources, const Diagnostic& d);
  // The same diagnostics as one SARIF 2.1.0 log (--diagnostics-format=json), for editors and CI.
  void render_json(std::ostream& os) const;

  static Severity severity_of(diag::Kind kind);
  static std::string_view format_of(diag::Kind kind);

 private:
  friend class DiagnosticBuilder;
  void emit(Diagnostic d);

  const SourceManager& sources_;
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t error_limit_ = 20;
  std::size_t hidden_errors_ = 0;
  std::size_t hidden_warnings_ = 0;
  std::map<std::string, WarningState, std::less<>> flags_;
  bool werror_ = false;
  bool last_dropped_ = false;  // the notes of a hidden or ignored diagnostic are dropped too
};

// Substitutes %0..%9 in `format` with `args`.
std::string format_message(std::string_view format, const std::vector<std::string>& args);

}  // namespace secco
