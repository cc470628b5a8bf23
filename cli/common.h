// Pieces shared by the subcommands: the compile options of cli.md, writing results atomically,
// and exit codes (0 success, 1 bad input, 2 bad command line).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api/compilation.h"
#include "bpf/program.h"

namespace secco::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInput = 1;
inline constexpr int kExitUsage = 2;

// Thrown by a command to end with an exit code after printing its message.
struct Exit {
  int code;
};

struct CompileFlags {
  std::vector<std::string> definitions;
  std::string arch = "x86_64";
  int opt_level = 2;
  std::string default_positive, default_negative, default_policy, on_x32, on_bad_arch;
  std::vector<std::string> print_after;
  std::string passes;
  bool verify_each = false;
  bool time_passes = false;
  bool werror = false;
  std::vector<std::string> warnings;  // -W<name> options without the "-W"
  std::size_t error_limit = 20;
  std::string diagnostics_format = "text";
  std::string profile;
  std::vector<std::string> plugins;
  bool validate = false;  // the default; the flag is kept for scripts that pass it
  bool no_validate = false;
  bool validate_passes = false;
  unsigned validate_timeout_ms = 0;  // 0: the library's default budget
  // OCI profiles given as POLICY (`.json`): capabilities granted and the kernel version for their
  // includes/excludes; set when --arch was given (else the profile's architectures are used).
  std::vector<std::string> caps;
  std::string kernel;
  CLI::Option* arch_option = nullptr;
};

void add_compile_flags(CLI::App* cmd, CompileFlags& flags);

// Setting up the ~25 compile options costs more than compiling a small policy, and a command line
// names few of them. For compile, check and ir, main() first builds the command with only the
// options of add_compile_flags that the command line names (wanted), then checks that CLI11 finds
// every option it will look up (parses_like_full): then the parse is the same as with all of them.
// Otherwise (help, an unknown or misspelt option, anything unusual) it builds everything again.
class NamedOptions {
 public:
  NamedOptions() = default;  // every option
  // The names in args[first..] up to `--`: `--name[=value]`, and each letter of `-abc`.
  NamedOptions(const std::vector<std::string>& args, std::size_t first);
  // Whether an option with these names (CLI11's "-o,--output") is wanted.
  bool wanted(const std::string& names) const;
  // Whether `cmd` (built with wanted options only) resolves every option of the command line as
  // the full command would: each is there and none asks for help.
  bool parses_like_full(const CLI::App& cmd) const;

 private:
  bool all_ = true;
  std::vector<std::string> args_;
  std::vector<std::string> names_;  // "--output", "-o"
};

// The filter add_compile_flags applies (every option unless main() sets one).
void set_named_options(const NamedOptions* named);
const NamedOptions& named_options();

// Builds a compilation from the flags and policy files; exits 2 on a settings error.
// `ir_continues_pipeline`: a .ir input without --passes goes on with the -O level's pipeline from
// its stage (compile); false: no pass runs (opt).
std::unique_ptr<api::Compilation> make_compilation(const CompileFlags& flags, const std::vector<std::string>& policies,
                                                   bool ir_continues_pipeline = true);

// Compiles and returns the program, or prints diagnostics and throws Exit{1}.
bpf::Program compile_or_exit(api::Compilation& c);

// Writes `data` to `path` ("-" or empty: stdout) all at once: through a temporary file renamed
// into place, so a failure never leaves a partial output file.
void write_output(const std::string& path, const std::string& data);

// Ends the process after the output is committed, without tearing down the compilation (parse
// trees, IR, caches) piece by piece — clang's -disable-free: the kernel reclaims it all at once.
[[noreturn]] void exit_without_teardown(int code);

// Reads an input file or throws Exit{1} after printing why.
std::string read_or_exit(const std::string& path, std::size_t limit = api::kMaxFileBytes);

// Loads a raw program (`--bpf`), or prints why not and throws Exit{1}.
bpf::Program load_program_or_exit(const std::string& path);

void add_compile_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_ir_command(CLI::App& app);
void add_fmt_command(CLI::App& app);
void add_emulate_command(CLI::App& app);
void add_test_command(CLI::App& app);
void add_asm_commands(CLI::App& app);
void add_run_command(CLI::App& app);
void add_record_command(CLI::App& app);
void add_dump_command(CLI::App& app);
void add_syscalls_command(CLI::App& app);

// `run` and `record` take a command after their own arguments: inserts `--` where that command
// starts, so that none of its arguments is read as secco's own option.
void separate_command(CLI::App& app, std::vector<std::string>& args);
void add_opt_command(CLI::App& app);
void add_passes_command(CLI::App& app);
void add_verify_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_diff_command(CLI::App& app);
// A raw program the kernel would load, or the checker's messages (naming the instruction) and Exit{1}.
bpf::Program load_checked_program(const std::string& path);
// `secco explain`'s text for a checked program (`arch` empty: the one it tests), proven to compile
// back to an equal program; prints why not and throws Exit{1}.
std::string explain_program_or_exit(const bpf::Program& prog, const std::string& arch, const std::string& origin);

void add_import_command(CLI::App& app);

// An OCI profile (a POLICY ending in `.json`) as policy text; prints its problems, throws Exit{1}
// on an error. `arches` receives the profile's target ABIs.
std::string import_oci_or_exit(const std::string& path, const CompileFlags& flags, std::vector<std::string>& arches);
bool is_oci_profile_path(const std::string& path);

}  // namespace secco::cli
