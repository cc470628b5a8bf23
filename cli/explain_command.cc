// secco explain: a raw program decompiled into policy text. The text is compiled back and proven
// to decide exactly as the program on every input before it is written; a program the language
// cannot express, or a proof that fails, is an error and nothing is written.
#include <algorithm>
#include <iostream>

#include "cli/common.h"
#include "semantics/describe.h"
#include "semantics/equivalence.h"
#include "semantics/explain.h"
#include "semantics/solver.h"

namespace secco::cli {

std::string explain_program_or_exit(const bpf::Program& prog, const std::string& arch, const std::string& origin) {
  std::vector<const Target*> targets;
  if (!arch.empty()) {
    std::string error;
    auto list = Target::parse_list(arch, error);
    if (!list) {
      std::cerr << "secco: error: --arch: " << error << '\n';
      throw Exit{kExitUsage};
    }
    targets = *list;
  }
  semantics::Explanation e;
  std::string text;
  try {
    e = semantics::explain(prog, targets);
    text = semantics::policy_text(e, origin);
  } catch (const semantics::ExplainError& err) {
    // One line per reason (several ABIs: every call that cannot have one rule).
    std::string what = err.what();
    for (std::size_t at = 0; at <= what.size();) {
      std::size_t nl = std::min(what.find('\n', at), what.size());
      std::cerr << origin << ": error: cannot explain: " << what.substr(at, nl - at) << '\n';
      at = nl + 1;
    }
    throw Exit{kExitInput};
  }
  // The round trip, proven: compile the text with the settings it names, compare with the program.
  semantics::ExplainSettings es = semantics::settings_of(e);
  api::Settings s;
  s.arch = es.arch;
  s.on_bad_arch = es.on_bad_arch;
  s.on_x32 = es.on_x32;
  api::Compilation c(s);
  c.add_text("<explained " + origin + ">", text);
  if (!c.settings_error().empty() || !c.analyze()) {
    c.render_diagnostics(std::cerr);
    std::cerr << origin << ": error: cannot explain: the decompiled text does not compile" << c.settings_error()
              << '\n';
    throw Exit{kExitInput};
  }
  semantics::Options proof;
  proof.max_counterexamples = 10;  // several ABIs: name the other calls the text gets wrong too
  semantics::Result r = semantics::prove_equal(c.modules(), prog, proof);
  if (r.verdict != semantics::Result::Verdict::Proven) {
    std::cerr << origin << ": error: cannot explain: the decompiled text is not proven equal to the program";
    if (std::string why = semantics::solver_unavailable(); !why.empty()) std::cerr << " (" << why << ")";
    // Several ABIs: one rule per name stands for all of them; the counterexample names the call
    // and the ABI where the program decides otherwise.
    if (!r.counterexamples.empty())
      std::cerr << (e.targets.size() > 1 ? "; a policy gives a name one rule on every ABI, and the text's rule is "
                                           "not what the program decides: "
                                         : ": ")
                << semantics::describe(r.counterexamples[0], e.targets, "the text", "the program");
    std::cerr << '\n';
    for (std::size_t i = 1; i < r.counterexamples.size(); ++i)
      std::cerr << "  also: " << semantics::describe(r.counterexamples[i], e.targets, "the text", "the program")
                << '\n';
    throw Exit{kExitInput};
  }
  return text;
}

void add_explain_command(CLI::App& app) {
  struct Opts {
    std::string program, output, arch;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "decompile a raw program into policy text, proven to compile to a program that decides the same");
  cmd->add_option("PROGRAM", o->program, "the raw program (bin format: secco's, libseccomp's export, ...)")->required();
  cmd->add_option("--arch", o->arch, "the ABIs to explain, e.g. x86_64,i386,x32 (default: those the program tests)")
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::Join);
  cmd->add_option("-o,--output", o->output, "where to write (default stdout)");
  cmd->callback([o] {
    bpf::Program prog = load_checked_program(o->program);
    std::string origin = o->program == "-" ? "<stdin>" : o->program;
    write_output(o->output, explain_program_or_exit(prog, o->arch, origin));
  });
}

}  // namespace secco::cli
