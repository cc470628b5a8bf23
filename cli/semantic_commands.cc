// secco verify: the semantic engine's answers on the command line.
#include <iostream>

#include "bpf/checker.h"
#include "cli/common.h"
#include "semantics/describe.h"
#include "semantics/equivalence.h"
#include "semantics/solver.h"

namespace secco::cli {

bpf::Program load_checked_program(const std::string& path) {
  bpf::Program prog = load_program_or_exit(path);
  auto errors = bpf::check_program(prog);
  if (!errors.empty()) {
    std::string name = path == "-" ? "<stdin>" : path;
    for (const auto& e : errors) std::cerr << name << ": error: " << e.message << '\n';
    std::cerr << name << ": error: the kernel would refuse this program\n";
    throw Exit{kExitInput};
  }
  return prog;
}

void add_verify_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string policy, program;
    std::size_t max_counterexamples = 10;
    unsigned timeout_ms = 10000;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "prove a raw program decides as a policy on every input (exit 0 proven, 1 differs or not proven)");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("POLICY", o->policy, "the policy")->required();
  cmd->add_option("PROGRAM", o->program, "the raw program (bin format, e.g. libseccomp's export)")->required();
  cmd->add_option("--counterexamples", o->max_counterexamples, "how many counterexamples to print at most")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--timeout", o->timeout_ms, "solver time limit per query, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600000));
  cmd->callback([o] {
    bpf::Program prog = load_checked_program(o->program);
    auto c = make_compilation(o->flags, {o->policy});
    bool ok = c->analyze();
    c->render_diagnostics(std::cerr);
    if (!c->settings_error().empty()) {
      std::cerr << "secco: error: " << c->settings_error() << '\n';
      throw Exit{kExitUsage};
    }
    if (!ok) throw Exit{kExitInput};
    semantics::Options opts;
    opts.max_counterexamples = o->max_counterexamples;
    opts.timeout_ms = o->timeout_ms;
    semantics::Result r = semantics::prove_equal(c->modules(), prog, opts);
    switch (r.verdict) {
      case semantics::Result::Verdict::Proven:
        std::cout << "proven: " << o->program << " decides as " << o->policy << " on every input ("
                  << semantics::describe(r.stats) << ")\n";
        return;
      case semantics::Result::Verdict::Differs:
        std::cout << "differs: " << o->program << " does not decide as " << o->policy << '\n';
        for (const auto& cex : r.counterexamples)
          std::cout << "  " << semantics::describe(cex, c->targets(), "the policy", "the program") << '\n';
        throw Exit{kExitInput};
      case semantics::Result::Verdict::NotProven:
        if (std::string why = semantics::solver_unavailable(); !why.empty()) {
          std::cout << "not proven: the solver is unavailable; " << r.unproven.size() << " regions need it ("
                    << semantics::describe(r.stats) << ")\n";
          std::cerr << "secco: error: " << why << '\n';
          throw Exit{kExitInput};
        }
        std::cout << "not proven: the solver gave up on " << r.unproven.size() << " regions ("
                  << semantics::describe(r.stats) << ")\n";
        throw Exit{kExitInput};
    }
  });
}

}  // namespace secco::cli
