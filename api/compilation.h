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
  std::vector<std::string> warning_options;  // -W options without "-W": "no-shadow", "error=unused-definition"
  std::size_t error_limit = 20;              // -ferror-limit=N (0: no limit)
  bool diagnostics_json = false;             // render diagnostics as SARIF
  std::string pipeline;                      // pass list; empty = the opt level's pipeline
  // An IR input without `pipeline`: go on with the level's pipeline from the IR's stage (true), or
  // run no pass (false, `secco opt`).
  bool ir_continues_pipeline = true;
  std::set<std::string> print_after;
  bool verify_each = false;
  bool time_passes = false;
  std::ostream* dump = nullptr;  // where --print-after / --time-passes write
  std::optional<backend::Profile> profile;
  // Without `profile`: -O2 weights the dispatch with the built-in profile (false: a balanced tree).
  bool default_profile = true;
  // Translation validation: prove the emitted program decides as the IR does (semantics/). On by
  // default: most regions are decided without the solver; a query the solver cannot finish in
  // time (nonlinear run-time arithmetic such as `argL0 * argL1`) is reported "not proven"
  // (-Wnot-proven), never passed as proven.
  bool validate = true;
  // Also prove each pass's output equal to its input (from `typecheck` on), naming the first
  // pass that changed a decision.
  bool validate_passes = false;
  unsigned validate_timeout_ms = 2000;  // per solver query
  unsigned validate_budget_ms = 10000;  // all solver queries of one compilation together (0: no limit)
};

// The largest policy file accepted (a 1 GB input stops with a clear error, not an OOM).
inline constexpr std::size_t kMaxFileBytes = 64u << 20;

class Compilation {
 public:
  explicit Compilation(Settings settings);
  ~Compilation();
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;

  // Adds a policy file ("-" is standard input) or text. Definition files (-d) come before the
  // policy files whatever the call order. Returns false (with a diagnostic) if unreadable.
  bool add_file(const std::string& path, bool definitions_only = false);
  void add_text(const std::string& name, std::string text, bool definitions_only = false);

  // Parses and lowers every file and runs the pass pipeline. Returns false on any error. A single
  // `.ir` file is read as IR text instead (ir/reader.h) and verified before any pass runs.
  bool analyze();
  // analyze() and the backend: the checked program, or nullopt with diagnostics.
  std::optional<bpf::Program> compile();

  // The first ABI's module; modules() has one per ABI of the filter, in order.
  const ir::Module& module() const { return module_; }
  std::vector<const ir::Module*> modules() const;
  const std::vector<const Target*>& targets() const { return targets_; }
  Diagnostics& diagnostics() { return diags_; }
  const SourceManager& sources() const { return sources_; }
  void render_diagnostics(std::ostream& os) const {
    if (settings_.diagnostics_json)
      diags_.render_json(os);
    else
      diags_.render(os);
  }
  // Settings error found before any file was read (bad --arch, bad action text, bad pipeline):
  // callers treat these as command-line errors.
  const std::string& settings_error() const { return settings_error_; }
  std::vector<std::string> file_names() const;
  // What the last validation cost ("N regions, M decided by evaluation, K solver calls"), empty
  // when none ran.
  const std::string& validation_summary() const { return validation_summary_; }

 private:
  struct Input {
    FileId file;
    bool definitions_only;
  };
  std::optional<ir::ActionOperand> parse_setting_action(const std::string& text, const char* what);
  void finish_checks(ir::Module& m, Diagnostics& diags);
  bool analyze_ir(const std::vector<Input>& inputs, const std::string& level_pipeline);
  // Runs the pipeline on one ABI's module; the first ABI's run shows --print-after/--time-passes.
  bool run_passes(const passes::PassManager& pm, ir::Module& m, Diagnostics& diags, bool first);
  bool validate_program(const bpf::Program& program);
  bool validate_pass(const std::string& pass, const ir::Module& before, const ir::Module& after);

  Settings settings_;
  SourceManager sources_;
  Diagnostics diags_;
  std::vector<Input> inputs_;
  std::vector<ast::File> asts_;
  // Lowers the policy for every ABI, runs the pipeline on each, notes the rules skipped on some.
  bool analyze_abis(const std::vector<ir::InputFile>& files, const passes::PassManager& pm);
  // An engine for one more ABI's compilation, with the settings of the main one; its diagnostics
  // are merged into diags_ so that one every ABI finds is shown once.
  std::unique_ptr<Diagnostics> abi_engine();
  void note_skipped_rules(const std::vector<ir::Module>& modules);
  // A predefined constant the policy uses whose value differs between the ABIs (EDQUOT on mips).
  void note_abi_constants(const ir::Module& m);
  // An `ARCH = ...` line of the policy replaces the --arch targets; false on a bad one.
  bool read_arch_line();

  std::vector<const Target*> targets_;
  ir::Module module_;
  std::vector<ir::Module> other_modules_;  // targets_[1..]
  std::string settings_error_;
  std::string validation_summary_;
  bool analyzed_ = false;
  bool analyze_ok_ = false;
  std::string dag_pipeline_;   // the DAG passes of the pipeline (backend/dag_passes.h)
  bool no_ir_passes_ = false;  // `--passes` named DAG passes only
};

// Whether a file is read as IR text (`secco compile FILE.ir`): its name ends in `.ir`.
bool is_ir_file(const std::string& name);

// Reads a whole file ("-" = stdin) with the size limit; on failure returns nullopt and sets `error`.
std::optional<std::string> read_input(const std::string& path, std::string& error, std::size_t limit = kMaxFileBytes);

}  // namespace secco::api
