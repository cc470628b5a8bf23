// secco opt / secco passes: the IR as a language of its own. `opt` reads IR text (or a policy),
// runs a pass pipeline with the verifier after every pass and prints the IR; `passes` lists every
// pass the pipeline may name, built-in and loaded.
#include <algorithm>
#include <iostream>

#include "support/fmt.h"

#include "backend/dag_passes.h"
#include "cli/common.h"
#include "ir/printer.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"
#include "passes/pass_stages.h"

namespace secco::cli {
namespace {

std::string stage_list(const std::vector<passes::Stage>& stages) {
  std::string s;
  for (passes::Stage st : stages) s += (s.empty() ? "" : ",") + std::string(passes::stage_name(st));
  return s.empty() ? "-" : s;
}

void load_plugins(const std::vector<std::string>& plugins) {
  for (const std::string& plugin : plugins) {
    std::string err = passes::load_pass_plugin(plugin);
    if (!err.empty()) {
      std::cerr << "secco: error: " << err << '\n';
      throw Exit{kExitUsage};
    }
  }
}

// One line per pass: name, what it needs and makes, description.
std::string pass_table() {
  const auto& registry = passes::PassRegistry::global();
  std::vector<std::string> names = registry.names();
  std::size_t width = 4;
  for (const std::string& n : names) width = std::max(width, n.size());
  for (const backend::DagPass& p : backend::dag_passes()) width = std::max(width, p.name.size());
  std::string out = fmt::format("{:<{}}  {:<14}  {:<8}  {}\n", "pass", width, "needs", "makes", "description");
  for (const std::string& n : names) {
    auto pass = registry.create(n);
    passes::PassStages st = passes::stages_of(n);
    out += fmt::format("{:<{}}  {:<14}  {:<8}  {}\n", n, width, stage_list(st.needs), stage_list(st.makes),
                       pass ? pass->description() : std::string_view("?"));
  }
  // After instruction selection, on the backend's instruction DAG.
  for (const backend::DagPass& p : backend::dag_passes())
    out += fmt::format("{:<{}}  {:<14}  {:<8}  {}\n", p.name, width, "instr-dag", "-", p.description);
  return out;
}

}  // namespace

void add_opt_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::vector<std::string> inputs;
    std::string output;
    bool no_verify = false;
    bool no_locations = false;
    bool list = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("opt", "run passes on IR text (FILE.ir) or a policy and print the IR");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("-o,--output", o->output, "where to write the IR (default stdout)");
  cmd->add_flag("--no-verify-each", o->no_verify, "do not run the IR verifier after every pass");
  cmd->add_flag("--no-locations", o->no_locations, "leave out the source locations");
  cmd->add_flag("--list-passes", o->list, "list the passes (as `secco passes`) and exit");
  cmd->add_option("INPUT", o->inputs, "an IR file (.ir), or policy files");
  cmd->callback([o] {
    if (o->list) {
      load_plugins(o->flags.plugins);
      o->flags.plugins.clear();
      write_output("-", pass_table());
      return;
    }
    if (o->inputs.empty()) {
      std::cerr << "secco: error: opt: INPUT is required (an IR file or a policy)\n";
      throw Exit{kExitUsage};
    }
    o->flags.verify_each = !o->no_verify;
    auto c = make_compilation(o->flags, o->inputs, /*ir_continues_pipeline=*/false);
    bool ok = c->analyze();
    c->render_diagnostics(std::cerr);
    if (!c->settings_error().empty()) {
      std::cerr << "secco: error: " << c->settings_error() << '\n';
      throw Exit{kExitUsage};
    }
    if (!ok) throw Exit{kExitInput};
    write_output(o->output, ir::to_string(c->module(), ir::PrintOptions{!o->no_locations}));
  });
}

void add_passes_command(CLI::App& app) {
  auto plugins = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("passes", "list every pass: what it needs, what it makes, what it does");
  cmd->add_option("--load-pass", *plugins, "load a pass plugin (shared object) first");
  cmd->callback([plugins] {
    load_plugins(*plugins);
    write_output("-", pass_table());
  });
}

}  // namespace secco::cli
