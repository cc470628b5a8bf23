// Command-line typo help: did-you-mean for subcommands and options, and the clang-style
// diagnostic flags (-W<name>, -Wno-<name>, -Werror=<name>, -ferror-limit=N) that CLI11 cannot
// spell (it reads a single dash as short options).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace secco {
class Target;
}

namespace secco::cli {

// Rewrites -W..., -ferror-limit=N and -fdiagnostics-format=F into the long options
// add_compile_flags declares. Stops at "--": what follows is a command's own arguments (run it
// after separate_command, which puts the "--" before the command of `run` and `record`).
void rewrite_diagnostic_flags(std::vector<std::string>& args);

// "unknown command 'comple'; did you mean 'compile'?" when args[1] names no subcommand; "" if it does.
std::string unknown_command(const CLI::App& app, const std::vector<std::string>& args);

// A did-you-mean line for the first unknown option in `args` given to the parsed subcommand; "".
std::string suggest_option(const CLI::App& app, const std::vector<std::string>& args);

// "unknown system call 'opneat' on x86_64; did you mean 'openat'?" (the suggestion from t's table).
std::string unknown_syscall_message(const std::string& name, const Target& t);

}  // namespace secco::cli
