// The public library API's compile half (include/secco/secco.h): options and their presets,
// Policy, CompileResult and the structured diagnostics, built on api::Compilation exactly as the
// `secco compile` command is, so the library and the CLI give the same programs and messages.
//
// Every entry point is noexcept. Internal failures (an exception from the compiler, running out of
// memory) become an error diagnostic in the result; nothing here prints, throws out or exits.
// public_runtime.cc holds the other half (formats, actions, emulation, installation).
#include <exception>
#include <new>
#include <sstream>
#include <utility>

#include "api/compilation.h"
#include "api/public_convert.h"
#include "secco/secco.h"

#ifndef SECCO_VERSION
#define SECCO_VERSION "unknown"
#endif

namespace secco {

// The implementation types stay out of libsecco.so's exported symbols (their enclosing classes are
// exported, which would otherwise export their members too).
#define SECCO_HIDDEN __attribute__((visibility("hidden")))

struct SECCO_HIDDEN CompileResult::Impl {
  bool ok = false;
  std::vector<Message> messages;
  std::string text;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  Program program;
  std::string arch;
  std::vector<std::string> sources;
};

namespace {

// Shared empty values for accessors of a default-constructed (or allocation-failed) result.
const std::vector<Message> kNoMessages;
const std::string kNoText;
const Program kNoProgram;

Level level_of(secco::Severity s) {
  switch (s) {
    case secco::Severity::Note:
      return Level::note;
    case secco::Severity::Warning:
      return Level::warning;
    case secco::Severity::Error:
      return Level::error;
  }
  return Level::error;
}

Message to_message(const SourceManager& sources, const Diagnostic& d) {
  Message m;
  m.severity = level_of(d.severity);
  const SourceLoc& b = d.range.begin;
  if (b.file != kNoFile && b.file < sources.size()) {
    m.file = sources.name(b.file);
    m.line = b.line;
    m.column = b.line == 0 ? 0 : b.col;
  }
  m.text = d.message;
  return m;
}

// A result that holds one error and no program: a settings error or an internal failure.
std::shared_ptr<CompileResult::Impl> failure(std::string text, std::string arch) {
  auto impl = std::make_shared<CompileResult::Impl>();
  Message m;
  m.text = std::move(text);
  impl->text = to_string(m) + "\n";
  impl->messages.push_back(std::move(m));
  impl->errors = 1;
  impl->arch = std::move(arch);
  return impl;
}

api::Settings settings_of(const CompileOptions& o) {
  api::Settings s;
  s.arch = o.arch;
  s.opt_level = o.opt_level;
  s.default_positive = o.default_positive;
  s.default_negative = o.default_negative;
  s.default_policy = o.default_policy;
  s.on_x32 = o.on_x32;
  s.on_bad_arch = o.on_bad_arch;
  s.warnings_as_errors = o.warnings_as_errors;
  s.validate = o.validate;
  return s;
}

}  // namespace

const char* version() noexcept {
  return SECCO_VERSION;
}

std::string to_string(const Message& message) noexcept {
  try {
    std::string out;
    if (message.file.empty()) {
      out = "secco: ";
    } else {
      out = message.file;
      if (message.line != 0) out += ':' + std::to_string(message.line) + ':' + std::to_string(message.column);
      out += ": ";
    }
    switch (message.severity) {
      case Level::note:
        out += "note: ";
        break;
      case Level::warning:
        out += "warning: ";
        break;
      case Level::error:
        out += "error: ";
        break;
    }
    return out + message.text;
  } catch (...) {
    return {};
  }
}

// ---- CompileOptions presets --------------------------------------------------------------------

CompileOptions CompileOptions::allow_list(Enforcement mode, std::string denial) noexcept {
  CompileOptions o;
  std::string deny = mode == Enforcement::tracing ? std::string("log") : std::move(denial);
  o.default_positive = "allow";
  o.default_negative = deny;
  o.default_policy = deny;
  o.on_bad_arch = deny;
  return o;
}

CompileOptions CompileOptions::deny_list(Enforcement mode, std::string denial) noexcept {
  CompileOptions o;
  o.default_positive = mode == Enforcement::tracing ? std::string("log") : std::move(denial);
  o.default_negative = "allow";
  o.default_policy = "allow";
  o.on_bad_arch = mode == Enforcement::tracing ? "log" : "kill_process";
  return o;
}

// ---- CompileResult -----------------------------------------------------------------------------

bool CompileResult::ok() const noexcept {
  return impl_ && impl_->ok;
}
const std::vector<Message>& CompileResult::diagnostics() const noexcept {
  return impl_ ? impl_->messages : kNoMessages;
}
const std::string& CompileResult::diagnostics_text() const noexcept {
  return impl_ ? impl_->text : kNoText;
}
std::size_t CompileResult::error_count() const noexcept {
  return impl_ ? impl_->errors : 0;
}
std::size_t CompileResult::warning_count() const noexcept {
  return impl_ ? impl_->warnings : 0;
}
const Program& CompileResult::program() const noexcept {
  return impl_ ? impl_->program : kNoProgram;
}
const std::string& CompileResult::arch() const noexcept {
  return impl_ ? impl_->arch : kNoText;
}

std::string CompileResult::render(Format format) const noexcept {
  if (!ok()) return {};
  try {
    DumpOptions o;
    o.arch = impl_->arch;
    o.sources = impl_->sources;
    return dump(impl_->program, format, o);
  } catch (...) {
    return {};
  }
}

// ---- Policy ------------------------------------------------------------------------------------

struct SECCO_HIDDEN Policy::Impl {
  struct Input {
    bool is_file;
    std::string name;  // the path for a file
    std::string text;
  };
  CompileOptions options;
  std::vector<Input> inputs;
  bool out_of_memory = false;  // an add_*() could not store its input

  CompileResult::Impl compile() const;
};

CompileResult::Impl Policy::Impl::compile() const {
  CompileResult::Impl r;
  r.arch = options.arch;
  api::Compilation c(settings_of(options));
  std::optional<bpf::Program> prog;
  if (c.settings_error().empty()) {
    for (const std::string& path : options.definition_files) c.add_file(path, true);
    for (const Source& s : options.definition_texts) c.add_text(s.name, s.text, true);
    for (const Input& in : inputs) {
      if (in.is_file)
        c.add_file(in.name, false);
      else
        c.add_text(in.name, in.text, false);
    }
    prog = c.compile();
  }
  const Diagnostics& diags = c.diagnostics();
  for (const Diagnostic& d : diags.all()) {
    r.messages.push_back(to_message(c.sources(), d));
    for (const Diagnostic& n : d.notes) r.messages.push_back(to_message(c.sources(), n));
  }
  std::ostringstream text;
  c.render_diagnostics(text);
  r.errors = diags.error_count();
  r.warnings = diags.warning_count();
  if (!c.settings_error().empty()) {
    Message m;
    m.text = c.settings_error();
    text << to_string(m) << '\n';
    r.messages.push_back(std::move(m));
    ++r.errors;
    prog.reset();
  }
  r.text = text.str();
  if (prog) {
    r.ok = true;
    r.program = detail::from_bpf(*prog);
    r.sources = c.file_names();
  }
  return r;
}

Policy::Policy(CompileOptions options) noexcept {
  try {
    impl_ = std::make_unique<Impl>();
    impl_->options = std::move(options);
  } catch (...) {
    impl_.reset();
  }
}

Policy::~Policy() = default;
Policy::Policy(Policy&&) noexcept = default;
Policy& Policy::operator=(Policy&&) noexcept = default;

Policy& Policy::add_file(std::string path) noexcept {
  if (!impl_) return *this;
  try {
    impl_->inputs.push_back({true, std::move(path), {}});
  } catch (...) {
    impl_->out_of_memory = true;
  }
  return *this;
}

Policy& Policy::add_text(std::string name, std::string text) noexcept {
  if (!impl_) return *this;
  try {
    impl_->inputs.push_back({false, std::move(name), std::move(text)});
  } catch (...) {
    impl_->out_of_memory = true;
  }
  return *this;
}

CompileResult Policy::compile() const noexcept {
  CompileResult result;
  const std::string& arch = impl_ ? impl_->options.arch : kNoText;
  try {
    if (!impl_ || impl_->out_of_memory) {
      result.impl_ = failure("out of memory", arch);
    } else {
      result.impl_ = std::make_shared<CompileResult::Impl>(impl_->compile());
    }
  } catch (const std::bad_alloc&) {
    try {
      result.impl_ = failure("out of memory", arch);
    } catch (...) {
      result.impl_.reset();  // ok() is false and there is nothing more to say
    }
  } catch (const std::exception& e) {
    try {
      result.impl_ = failure(std::string("internal error: ") + e.what(), arch);
    } catch (...) {
      result.impl_.reset();
    }
  } catch (...) {
    result.impl_.reset();
  }
  return result;
}

CompileResult compile_files(const std::vector<std::string>& paths, const CompileOptions& options) noexcept {
  try {
    Policy p(options);
    for (const std::string& path : paths) p.add_file(path);
    return p.compile();
  } catch (...) {
    return {};
  }
}

CompileResult compile_string(const std::string& name, const std::string& text, const CompileOptions& options) noexcept {
  try {
    Policy p(options);
    p.add_text(name, text);
    return p.compile();
  } catch (...) {
    return {};
  }
}

}  // namespace secco
