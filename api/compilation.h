// One compilation: the files of a policy, the caller's settings, the pass pipeline and the
// backend, with every diagnostic collected in one engine. The CLI and the public API both drive
// the compiler through this class; nothing here prints or exits.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "backend/profile.h"
#include "bpf/program.h"
#include "frontend/ast.h"
#include "ir/lower_ast.h"
#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::passes {
class PassManager;
}

namespace secco::api {

struct Settings {
  // One ABI ("x86_64") or several ("x86_64,i386,x32": one filter for all, spec §10).
  std::string arch = "x86_64";
  int opt_level = 2;
  // Actions as the policy language spells them ("allow", "errno(13)", "EPERM"); empty = default.
  std::string default_positive, default_negative, default_policy, on_x32, on_bad_arch;
  bool warnings_as_errors = false;
  std::string pipeline;  // pass list; empty = the opt level's pipeline
  std::set<std::string> print_after;
  bool verify_each = false;
  bool time_passes = false;
  std::ostream* dump = nullptr;  // where --print-after / --time-passes write
  std::optional<backend::Profile> profile;
};

// The largest policy file accepted (a 1 GB input stops with a clear error, not an OOM).
inline constexpr std::size_t kMaxFileBytes = 64u << 20;

class Compilation {
 public:
  explicit Compilation(Settings settings);
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;

  // Adds a policy file ("-" is standard input) or text. Definition files (-d) come before the
  // policy files whatever the call order. Returns false (with a diagnostic) if unreadable.
  bool add_file(const std::string& path, bool definitions_only = false);
  void add_text(const std::string& name, std::string text, bool definitions_only = false);

  // Parses and lowers every file and runs the pass pipeline. Returns false on any error.
  bool analyze();
  // analyze() and the backend: the checked program, or nullopt with diagnostics.
  std::optional<bpf::Program> compile();

  // The first ABI's module; modules() has one per ABI of the filter, in order.
  const ir::Module& module() const { return module_; }
  std::vector<const ir::Module*> modules() const;
  const std::vector<const Target*>& targets() const { return targets_; }
  Diagnostics& diagnostics() { return diags_; }
  const SourceManager& sources() const { return sources_; }
  void render_diagnostics(std::ostream& os) const { diags_.render(os); }
  // Settings error found before any file was read (bad --arch, bad action text, bad pipeline):
  // callers treat these as command-line errors.
  const std::string& settings_error() const { return settings_error_; }
  std::vector<std::string> file_names() const;

 private:
  struct Input {
    FileId file;
    bool definitions_only;
  };
  std::optional<ir::ActionOperand> parse_setting_action(const std::string& text, const char* what);

  Settings settings_;
  SourceManager sources_;
  Diagnostics diags_;
  std::vector<Input> inputs_;
  std::vector<ast::File> asts_;
  // Lowers the policy for every ABI, runs the pipeline on each, notes the rules skipped on some.
  bool analyze_abis(const std::vector<ir::InputFile>& files, passes::PassManager& pm);
  void note_skipped_rules(const std::vector<ir::Module>& modules);
  // An `ARCH = ...` line of the policy replaces the --arch targets; false on a bad one.
  bool read_arch_line();

  std::vector<const Target*> targets_;
  ir::Module module_;
  std::vector<ir::Module> other_modules_;  // targets_[1..]
  std::string settings_error_;
  bool analyzed_ = false;
  bool analyze_ok_ = false;
};

// Reads a whole file ("-" = stdin) with the size limit; on failure returns nullopt and sets `error`.
std::optional<std::string> read_input(const std::string& path, std::string& error, std::size_t limit = kMaxFileBytes);

}  // namespace secco::api
