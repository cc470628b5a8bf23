// The `secco` command line (contract: spec/cli.md). Each subcommand lives in its own file; this
// one wires them up and maps every failure to the contract's exit codes: 0 success, 1 the input
// is wrong, 2 the command line is wrong. No exception escapes: an unexpected one is reported as
// an internal error with exit 1 and no output written.
#include <cstring>
#include <iostream>

#include "cli/common.h"
#include "cli/suggest.h"

int main(int argc, char** argv) {
  using namespace secco::cli;
  // `-Werror`, `-W<name>`, `-ferror-limit=N` are single-dash long flags (clang's spelling); CLI11
  // spells long flags with two dashes.
  std::vector<std::string> args(argv, argv + argc);
  CLI::App app{"secco: a compiler toolchain for Linux seccomp-bpf policies", "secco"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("secco ") + SECCO_VERSION);
  try {
    add_compile_command(app);
    add_check_command(app);
    add_ir_command(app);
    add_fmt_command(app);
    add_emulate_command(app);
    add_test_command(app);
    add_asm_commands(app);
    add_run_command(app);
    add_record_command(app);
    add_dump_command(app);
    add_syscalls_command(app);
    add_opt_command(app);
    add_passes_command(app);
    add_verify_command(app);
    add_explain_command(app);
    add_diff_command(app);
    add_import_command(app);
    std::string unknown = unknown_command(app, args);
    if (!unknown.empty()) {
      std::cerr << "secco: error: " << unknown << "\n(run 'secco --help' for the list of commands)\n";
      return kExitUsage;
    }
    separate_command(app, args);
    rewrite_diagnostic_flags(args);  // after separate_command: stops at the `--` before a command
    std::vector<char*> cargs;
    for (std::string& a : args) cargs.push_back(a.data());
    app.parse(static_cast<int>(cargs.size()), cargs.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string hint = suggest_option(app, args);
    std::cerr << "secco: error: " << (hint.empty() ? std::string(e.what()) : hint)
              << "\n(run 'secco --help' or 'secco COMMAND --help')\n";
    return kExitUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const std::bad_alloc&) {
    std::cerr << "secco: error: out of memory (no output written)\n";
    return kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "secco: internal error: " << e.what() << " (no output written)\n";
    return kExitInput;
  }
  return kExitOk;
}
