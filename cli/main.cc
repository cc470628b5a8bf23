// The `secco` command line (contract: spec/cli.md). Each subcommand lives in its own file; this
// one wires them up and maps every failure to the contract's exit codes: 0 success, 1 the input
// is wrong, 2 the command line is wrong. No exception escapes: an unexpected one is reported as
// an internal error with exit 1 and no output written.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <iostream>

#include "cli/common.h"
#include "cli/suggest.h"
#include "semantics/solver.h"

#ifdef SECCO_PLUGIN_HOST
namespace {

// This secco links the C++ runtime statically and exports no symbols. A pass plugin is C++ code
// that shares objects, allocations and exceptions with secco, so it must share one runtime with
// it: a command line that loads one (`--load-pass`, anywhere: a false alarm only costs an exec)
// runs SECCO_PLUGIN_HOST instead, the same program linked with libstdc++.so and exporting its
// symbols, installed beside this file. Returns only when that cannot be done (exit 2).
int run_plugin_host(char** argv) {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string host;
  if (n > 0) {
    std::string dir(self, static_cast<std::size_t>(n));
    host = dir.substr(0, dir.rfind('/') + 1) + SECCO_PLUGIN_HOST;
    execv(host.c_str(), argv);
  }
  std::cerr << "secco: error: --load-pass needs " << (host.empty() ? std::string(SECCO_PLUGIN_HOST) : host)
            << " (this secco has a static C++ runtime and loads pass plugins through it): " << std::strerror(errno)
            << '\n';
  return secco::cli::kExitUsage;
}

bool loads_plugin(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--load-pass") == 0 || std::strncmp(argv[i], "--load-pass=", 12) == 0) return true;
  return false;
}

}  // namespace
#endif

int main(int argc, char** argv) {
  using namespace secco::cli;
#ifdef SECCO_PLUGIN_HOST
  if (loads_plugin(argc, argv)) return run_plugin_host(argv);
#endif
#ifdef SECCO_STATIC_EXECUTABLE
  secco::semantics::use_solver_process();  // a static executable cannot dlopen the module
#endif
  // `-Werror`, `-W<name>`, `-ferror-limit=N` are single-dash long flags (clang's spelling); CLI11
  // spells long flags with two dashes.
  std::vector<std::string> args(argv, argv + argc);
  auto make_app = [] {
    auto app = std::make_unique<CLI::App>("secco: a compiler toolchain for Linux seccomp-bpf policies", "secco");
    app->require_subcommand(1);
    app->set_version_flag("--version", std::string("secco ") + SECCO_VERSION);
    return app;
  };
  std::unique_ptr<CLI::App> owner = make_app();
  CLI::App* app = owner.get();
  try {
    // Setting up every command's options costs more than a small compile: only as many as needed
    // to reach the named command (all of them for --help, an unknown name or a typo).
    using Adder = void (*)(CLI::App&);
    const Adder adders[] = {add_compile_command, add_check_command,  add_ir_command,       add_fmt_command,
                            add_emulate_command, add_test_command,   add_asm_commands,     add_run_command,
                            add_record_command,  add_dump_command,   add_syscalls_command, add_opt_command,
                            add_passes_command,  add_verify_command, add_explain_command,  add_diff_command,
                            add_import_command};
    const std::string first = args.size() > 1 ? args[1] : "";
    auto add_commands = [&](CLI::App& to) {
      for (Adder add : adders) {
        add(to);
        auto named = [&](const CLI::App* sub) { return sub->get_name() == first; };
        if (!first.empty() && first[0] != '-' && !to.get_subcommands(named).empty()) break;
      }
    };
    if (first != "--version") {
      // compile, check and ir with only the compile options the command line names, when CLI11
      // parses it the same way with those alone (NamedOptions, common.h); else with all of them.
      if (first == "compile" || first == "check" || first == "ir") {
        std::vector<std::string> rewritten = args;
        rewrite_diagnostic_flags(rewritten);
        const NamedOptions named(rewritten, 2);
        set_named_options(&named);
        add_commands(*app);
        set_named_options(nullptr);
        if (!named.parses_like_full(*app->get_subcommand(first))) {
          owner = make_app();
          app = owner.get();
          add_commands(*app);
        }
      } else {
        add_commands(*app);
      }
    }
    std::string unknown = unknown_command(*app, args);
    if (!unknown.empty()) {
      std::cerr << "secco: error: " << unknown << "\n(run 'secco --help' for the list of commands)\n";
      return kExitUsage;
    }
    separate_command(*app, args);
    rewrite_diagnostic_flags(args);  // after separate_command: stops at the `--` before a command
    std::vector<char*> cargs;
    for (std::string& a : args) cargs.push_back(a.data());
    app->parse(static_cast<int>(cargs.size()), cargs.data());
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app->exit(e);
  } catch (const CLI::ParseError& e) {
    std::string hint = suggest_option(*app, args);
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
