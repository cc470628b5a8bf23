// secco's public C++ library API: compile seccomp policies, render, emulate and install the
// programs, without the command line. It includes program.h and action.h; "secco/secco.h" (the C
// API) includes this header too when compiled as C++, so either name gives a C++ program all of it.
//
//   secco::CompileResult r = secco::compile_files({"server.secco"}, secco::CompileOptions::allow_list());
//   if (!r.ok()) { std::cerr << r.diagnostics_text(); return 1; }
//   secco::InstallResult i = secco::install(r.program());
//   if (!i.ok()) { std::cerr << i.message << '\n'; return 1; }
//
// Everything here is noexcept: a policy error, an unknown option value, an unreadable file, a kernel
// refusal or running out of memory comes back in the result, never as an exception or an exit.
// Only standard-library types cross the boundary; the compiler itself is hidden behind pointers to
// implementation, so these headers include nothing of secco's internals. See docs/api.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "secco/action.h"
#include "secco/export.h"
#include "secco/program.h"

namespace secco {

// "0.1.0"
SECCO_API const char* version() noexcept;

// Whether a preset blocks what it denies or only reports it.
enum class Enforcement {
  enforcing,  // denied calls get the preset's denial (kill_process, EPERM, ...)
  tracing,    // denied calls get `log`: they run, and the kernel writes an audit record for each
};

// A policy file or text given by name (the name appears in diagnostics).
struct Source {
  std::string name;
  std::string text;
};

// The settings of `secco compile` (cli.md). Action fields take the policy language's spelling:
// "allow", "kill", "kill_process", "trap(3)", "log", "errno(13)", "EPERM", "13". Empty means the
// language default (positive allow, negative kill, policy kill, bad arch kill). DEFAULT_* lines in
// a policy override these, as spec'd.
struct SECCO_API CompileOptions {
  std::string arch = "x86_64";
  int opt_level = 2;  // 0, 1 or 2; every level makes the same decisions
  std::string default_positive;
  std::string default_negative;
  std::string default_policy;
  std::string on_x32;
  std::string on_bad_arch;
  std::vector<std::string> definition_files;  // -d FILE: definitions visible to the whole policy
  std::vector<Source> definition_texts;       // the same, given as text (after the files)
  bool warnings_as_errors = false;            // -Werror
  bool validate = true;  // prove the program decides as the policy (translation validation); false: --no-validate

  // gosecco's allow list: the rules name what is allowed (positive `allow`); a rule's false branch
  // and every call no rule names get `denial` (tracing: `log`); so does a foreign architecture.
  static CompileOptions allow_list(Enforcement mode = Enforcement::enforcing,
                                   std::string denial = "kill_process") noexcept;
  // gosecco's deny list: the rules name what is denied (positive `denial`, tracing: `log`); a
  // rule's false branch and every call no rule names are allowed. A foreign architecture is killed
  // when enforcing (else the deny list could be bypassed through 32-bit calls) and logged when tracing.
  static CompileOptions deny_list(Enforcement mode = Enforcement::enforcing, std::string denial = "EPERM") noexcept;
};

// How bad a diagnostic is.
enum class Level { note, warning, error };

// One diagnostic, as `secco check` prints it: `file:line:column: error: text`. A note follows the
// diagnostic it belongs to. Problems with no place (an unknown --arch) have an empty file and line 0.
struct Message {
  Level severity = Level::error;
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string text;
};
// "policy.secco:3:7: error: unknown system call 'reed'"
SECCO_API std::string to_string(const Message& message) noexcept;

// The outcome of a compilation. Cheap to copy (the data is shared and immutable).
class SECCO_API CompileResult {
 public:
  CompileResult() noexcept = default;  // a failed, empty result

  bool ok() const noexcept;
  explicit operator bool() const noexcept { return ok(); }

  // Every diagnostic, in order; warnings appear also when ok().
  const std::vector<Message>& diagnostics() const noexcept;
  // The same rendered as the command line prints them: location, source line and caret.
  const std::string& diagnostics_text() const noexcept;
  std::size_t error_count() const noexcept;
  std::size_t warning_count() const noexcept;

  // The checked program (empty unless ok()).
  const Program& program() const noexcept;
  // dump() with the architecture and file names of this compilation: exactly `secco compile -f`.
  std::string render(Format format) const noexcept;
  const std::string& arch() const noexcept;

  // Implementation detail (public so the library's helpers can build results).
  struct Impl;

 private:
  friend class Policy;
  std::shared_ptr<const Impl> impl_;
};

// A policy made of several files and texts, read as one in the order added (definition files and
// texts of the options come first). compile() may be called more than once.
class SECCO_API Policy {
 public:
  explicit Policy(CompileOptions options = {}) noexcept;
  ~Policy();
  Policy(Policy&&) noexcept;
  Policy& operator=(Policy&&) noexcept;
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  // A policy file; "-" is standard input. Read when compile() runs.
  Policy& add_file(std::string path) noexcept;
  // Policy text under a display name.
  Policy& add_text(std::string name, std::string text) noexcept;

  CompileResult compile() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

SECCO_API CompileResult compile_files(const std::vector<std::string>& paths,
                                      const CompileOptions& options = {}) noexcept;
SECCO_API CompileResult compile_string(const std::string& name, const std::string& text,
                                       const CompileOptions& options = {}) noexcept;

struct InstallOptions {
  bool set_no_new_privs = true;      // PR_SET_NO_NEW_PRIVS first (needed without CAP_SYS_ADMIN)
  bool all_threads = true;           // SECCOMP_FILTER_FLAG_TSYNC: filter every thread of the process
  bool require_all_threads = false;  // fail rather than filter only the caller when TSYNC is impossible
  bool log = false;                  // SECCOMP_FILTER_FLAG_LOG: audit-log every action but allow
};

struct InstallResult {
  // "ok" or why not: "empty_program", "program_too_long", "no_seccomp_filter", "unknown_action",
  // "unsupported_action", "no_new_privs_failed", "tsync_unavailable", "tsync_failed", "rejected",
  // "permission_denied", "out_of_memory", "blocked", "kernel_error" (docs/installing.md).
  std::string status = "kernel_error";
  int error = 0;                      // the kernel's errno, 0 when secco refused before asking
  std::string message;                // empty when ok; otherwise one sentence naming the cause
  std::vector<std::string> warnings;  // installed, but not quite as asked
  bool used_prctl = false;            // installed with prctl(PR_SET_SECCOMP), not seccomp(2)
  bool all_threads = false;           // TSYNC was applied

  bool ok() const noexcept { return status == "ok"; }
  explicit operator bool() const noexcept { return ok(); }
};

// Installs `program` as a seccomp filter of the calling process. It cannot be removed afterwards;
// it is inherited by children and kept across execve.
SECCO_API InstallResult install(const Program& program, const InstallOptions& options = {}) noexcept;

// What the running kernel supports, probed without changing anything.
struct KernelInfo {
  bool filters = false;             // seccomp filters can be installed
  bool seccomp_syscall = false;     // seccomp(2) exists (Linux 3.17)
  bool all_threads = false;         // SECCOMP_FILTER_FLAG_TSYNC (3.17)
  bool log_flag = false;            // SECCOMP_FILTER_FLAG_LOG (4.14)
  bool already_filtered = false;    // this process is already under a filter
  std::vector<ActionType> actions;  // the actions the kernel knows
  std::string problem;              // why filters cannot be installed; empty when they can

  bool supports(ActionType type) const noexcept {
    for (ActionType a : actions)
      if (a == type) return true;
    return false;
  }
};
SECCO_API KernelInfo kernel_info() noexcept;

}  // namespace secco
