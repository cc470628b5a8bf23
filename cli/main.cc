// The `secco` command line (contract: spec/cli.md). Each subcommand lives in its own file; this
// one wires them up and maps every failure to the contract's exit codes: 0 success, 1 the input
// is wrong, 2 the command line is wrong. No exception escapes: an unexpected one is reported as
// an internal error with exit 1 and no output written.
#include <cstring>
#include <iostream>

#include "cli/common.h"

int main(int argc, char** argv) {
  using namespace secco::cli;
  // `-Werror` is a single-dash long flag in cli.md; CLI11 spells long flags with two dashes.
  std::vector<std::string> args(argv, argv + argc);
  for (std::string& a : args)
    if (a == "-Werror") a = "--Werror";
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
    add_import_command(app);
    separate_command(app, args);
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
    std::cerr << "secco: error: " << e.what() << "\n(run 'secco --help' or 'secco COMMAND --help')\n";
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
