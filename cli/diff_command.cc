// secco diff A B: where two filters decide differently, per system call and argument region.
// A and B are each a policy (compiled with the compile options given) or a raw program; a file
// with a NUL byte, or ending in .bpf, is read as a raw program.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "semantics/diff.h"
#include "semantics/explain.h"

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
  const Target* target = nullptr;
  std::string name;
};

Side load_side(const std::string& path, const CompileFlags& flags) {
  Side s;
  s.name = path == "-" ? "<stdin>" : path;
  if (is_raw_program(path)) {
    s.program = load_checked_program(path);
    if (flags.arch_option != nullptr && flags.arch_option->count() > 0) {
      s.target = Target::find(flags.arch);
      if (s.target == nullptr) {
        std::cerr << "secco: error: unknown architecture '" << flags.arch << "'\n";
        throw Exit{kExitUsage};
      }
      return s;
    }
    try {
      s.target = semantics::tested_target(s.program);
    } catch (const semantics::ExplainError& e) {
      std::cerr << s.name << ": error: " << e.what() << '\n';
      throw Exit{kExitInput};
    }
    return s;
  }
  auto c = make_compilation(flags, {path});
  s.program = compile_or_exit(*c);
  s.target = &c->module().target();
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
    if (a.target != b.target) {
      std::cerr << "secco: error: " << a.name << " is for " << a.target->name() << " and " << b.name << " for "
                << b.target->name() << ": diff compares filters for one architecture\n";
      throw Exit{kExitInput};
    }
    semantics::DiffResult r = semantics::diff_programs(a.program, b.program, *a.target, o->timeout_ms);
    if (o->json) {
      nlohmann::ordered_json j;
      j["arch"] = std::string(a.target->name());
      j["same"] = r.changes.empty() && r.not_proven == 0;
      j["not_proven"] = r.not_proven;
      j["changes"] = nlohmann::ordered_json::array();
      const char* scopes[] = {"syscall", "unnamed", "x32", "other_arch"};
      for (const semantics::Change& c : r.changes) {
        nlohmann::ordered_json x;
        x["scope"] = scopes[static_cast<int>(c.scope)];
        x["name"] = c.name;
        if (c.scope == semantics::Change::Scope::Syscall) x["nr"] = c.nr;
        x["when"] = c.when;
        x["old"] = semantics::action_text(c.before);
        x["new"] = semantics::action_text(c.after);
        j["changes"].push_back(x);
      }
      std::cout << j.dump(2) << '\n';
    } else {
      for (const semantics::Change& c : r.changes) std::cout << semantics::change_text(c) << '\n';
      if (r.not_proven > 0) std::cout << "not proven: the solver gave up on " << r.not_proven << " queries\n";
    }
    if (!r.changes.empty() || r.not_proven > 0) throw Exit{kExitInput};
  });
}

}  // namespace secco::cli
