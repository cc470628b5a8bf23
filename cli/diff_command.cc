// secco diff A B: where two filters decide differently, per system call and argument region.
// A and B are each a policy (compiled with the compile options given) or a raw program; a file
// with a NUL byte, or ending in .bpf, is read as a raw program.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "semantics/diff.h"
#include "semantics/explain.h"
#include "semantics/solver.h"

namespace secco::cli {
namespace {

bool is_raw_program(const std::string& path) {
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".bpf") == 0) return true;
  if (path == "-") return false;
  std::string data = read_or_exit(path);
  return data.find('\0') != std::string::npos;
}

struct Side {
  bpf::Program program;
  std::vector<const Target*> targets;  // the ABIs of the filter
  std::string name;
};

std::string names_of(const std::vector<const Target*>& targets) {
  std::string out;
  for (const Target* t : targets) out += (out.empty() ? "" : ",") + std::string(t->name());
  return out;
}

Side load_side(const std::string& path, const CompileFlags& flags) {
  Side s;
  s.name = path == "-" ? "<stdin>" : path;
  if (is_raw_program(path)) {
    s.program = load_checked_program(path);
    if (flags.arch_option != nullptr && flags.arch_option->count() > 0) {
      std::string error;
      auto list = Target::parse_list(flags.arch, error);
      if (!list) {
        std::cerr << "secco: error: --arch: " << error << '\n';
        throw Exit{kExitUsage};
      }
      s.targets = *list;
      return s;
    }
    try {
      s.targets = semantics::tested_targets(s.program);
    } catch (const semantics::ExplainError& e) {
      std::cerr << s.name << ": error: " << e.what() << '\n';
      throw Exit{kExitInput};
    }
    return s;
  }
  auto c = make_compilation(flags, {path});
  s.program = compile_or_exit(*c);
  s.targets = c->targets();
  return s;
}

}  // namespace

void add_diff_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string a, b;
    bool json = false;
    unsigned timeout_ms = 10000;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "where two policies or raw programs decide differently, per system call (exit 0 same, 1 different)");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("A", o->a, "the old policy or raw program")->required();
  cmd->add_option("B", o->b, "the new policy or raw program")->required();
  cmd->add_flag("--json", o->json, "print the changes as JSON");
  cmd->add_option("--timeout", o->timeout_ms, "solver time limit per query, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600000));
  cmd->callback([o] {
    Side a = load_side(o->a, o->flags), b = load_side(o->b, o->flags);
    // Several ABIs are compared ABI by ABI; both filters must be for the same ones.
    std::vector<const Target*> sa = a.targets, sb = b.targets;
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    if (sa != sb) {
      std::cerr << "secco: error: " << a.name << " is for " << names_of(a.targets) << " and " << b.name << " for "
                << names_of(b.targets) << ": diff compares filters for the same architectures\n";
      throw Exit{kExitInput};
    }
    semantics::DiffResult r = semantics::diff_programs(a.program, b.program, a.targets, o->timeout_ms);
    if (o->json) {
      nlohmann::ordered_json j;
      j["arch"] = names_of(a.targets);
      j["same"] = r.changes.empty() && r.not_proven == 0;
      j["not_proven"] = r.not_proven;
      j["changes"] = nlohmann::ordered_json::array();
      const char* scopes[] = {"syscall", "unnamed", "x32", "other_arch"};
      for (const semantics::Change& c : r.changes) {
        nlohmann::ordered_json x;
        x["scope"] = scopes[static_cast<int>(c.scope)];
        if (!c.abi.empty()) x["abi"] = c.abi;
        x["names"] = c.names;
        if (c.scope == semantics::Change::Scope::Syscall) x["nrs"] = c.nrs;
        x["when"] = c.when;
        x["old"] = semantics::action_text(c.before);
        x["new"] = semantics::action_text(c.after);
        // One input of the region per name, to replay on both filters (`secco emulate`).
        nlohmann::ordered_json examples = nlohmann::ordered_json::array();
        for (const SeccompData& d : c.examples) {
          nlohmann::ordered_json e;
          e["nr"] = d.nr;
          e["arch"] = d.arch;
          e["args"] = std::vector<std::uint64_t>(d.args.begin(), d.args.end());
          e["instruction_pointer"] = d.instruction_pointer;
          examples.push_back(e);
        }
        x["examples"] = examples;
        j["changes"].push_back(x);
      }
      std::cout << j.dump(2) << '\n';
    } else {
      for (const semantics::Change& c : r.changes) std::cout << semantics::change_text(c) << '\n';
      if (r.not_proven > 0)
        std::cout << "not proven: the solver "
                  << (semantics::solver_unavailable().empty() ? "gave up on" : "is unavailable for") << " "
                  << r.not_proven << " queries\n";
    }
    if (std::string why = semantics::solver_unavailable(); r.not_proven > 0 && !why.empty())
      std::cerr << "secco: error: " << why
                << "; the filters are not proven equal and the changes listed may not be all\n";
    if (!r.changes.empty() || r.not_proven > 0) throw Exit{kExitInput};
  });
}

}  // namespace secco::cli
