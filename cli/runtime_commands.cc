// secco run / run --audit / record / dump: the commands that put a filter around a real process or
// read one out of it. The work is in runtime/ (launch, supervisor, recorder, filter_dump); this file
// turns command lines into calls and results into messages and exit codes.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "bpf/checker.h"
#include "bpf/dump.h"
#include "cli/common.h"
#include "runtime/emulator.h"
#include "runtime/filter_dump.h"
#include "runtime/launch.h"
#include "runtime/recorder.h"
#include "runtime/start_check.h"
#include "runtime/supervisor.h"
#include "runtime/syscall_decode.h"
#include "target/target.h"

namespace secco::cli {
namespace {

// The resolved executable, or the message and exit status of execvp's shell conventions.
std::string resolve_or_exit(const std::string& name) {
  runtime::ResolvedCommand rc = runtime::resolve_command(name);
  if (rc.path.empty()) {
    std::cerr << "secco: error: cannot execute '" << name << "': " << std::strerror(rc.error) << '\n';
    throw Exit{rc.error == ENOENT ? 127 : 126};
  }
  return rc.path;
}

runtime::Launched launch_or_exit(const runtime::LaunchSpec& spec, bool check_exec) {
  auto precheck = [&](const char* path, char* const* argv, char* const* envp) -> std::string {
    return check_exec ? runtime::check_exec_allowed(spec.program, path, argv, envp) : std::string();
  };
  runtime::Launched l = runtime::launch(spec, precheck);
  if (!l.started()) {
    std::cerr << "secco: error: " << l.message << '\n';
    throw Exit{l.exit_code};
  }
  return l;
}

// Runs the supervised command to its end; returns the exit status to mirror.
int supervise_to_end(runtime::Launched& l,
                     const std::function<void(const runtime::Notification&, const runtime::StringReader&)>& observe) {
  runtime::forward_signals_to(l.pid);
  bool own_call_seen = false;
  std::string error =
      runtime::supervise(l.listener, l.pid, [&](const runtime::Notification& n, const runtime::StringReader& read) {
        if (!own_call_seen && n.data.arch == runtime::native_audit_arch() &&
            l.is_own_call(n.pid, n.data.nr, n.data.args[0])) {
          own_call_seen = true;  // the child's go-ahead read before its execve
          return;
        }
        observe(n, read);
      });
  if (!error.empty()) std::cerr << "secco: error: " << error << '\n';
  ::close(l.listener);
  l.listener = -1;
  std::string exec_error = runtime::finish_launch(l);
  int status = runtime::wait_and_mirror(l.pid);
  if (!exec_error.empty()) {
    std::cerr << "secco: error: " << exec_error << '\n';
    return l.exit_code;
  }
  return status;
}

int run_audit(const bpf::Program& prog, const std::string& path, const std::vector<std::string>& command) {
  std::optional<bpf::Program> notify = runtime::notify_filter(prog);
  if (!notify) {
    std::cerr << "secco: error: --audit cannot rewrite a program that returns a computed value (`ret a`)\n";
    throw Exit{kExitInput};
  }
  runtime::Emulator original(prog);
  runtime::LaunchSpec spec{*notify, path, command, true};
  runtime::Launched l = launch_or_exit(spec, false);
  struct Tally {
    std::uint64_t count = 0;
  };
  std::map<std::pair<std::string, std::string>, Tally> summary;  // (call, action)
  std::uint64_t total = 0;
  int status = supervise_to_end(l, [&](const runtime::Notification& n, const runtime::StringReader& read) {
    runtime::EmulatorResult r = original.run(n.data);
    const Target* target = Target::find_by_audit_arch(n.data.arch);
    std::string action = runtime::describe_action(r.action, target);
    std::string call = runtime::format_call(target, n.data, &read);
    std::cerr << "secco: audit: [pid " << n.pid << "] " << call << " -> would " << action << '\n';
    std::optional<std::string_view> name = target ? target->syscall_name(n.data.nr) : std::nullopt;
    std::string key = name ? std::string(*name) : "syscall_" + std::to_string(n.data.nr);
    if (target && n.data.arch != runtime::native_audit_arch()) key += " (" + std::string(target->name()) + ")";
    ++summary[{key, action}].count;
    ++total;
  });
  std::cerr << "secco: audit summary: " << total << (total == 1 ? " call" : " calls") << " the policy would deny";
  if (total == 0)
    std::cerr << '\n';
  else
    std::cerr << ":\n";
  for (const auto& [key, tally] : summary)
    std::cerr << "  " << key.first << "  " << tally.count << (tally.count == 1 ? " call" : " calls") << "  -> "
              << key.second << '\n';
  return status;
}

std::string join_command(const std::vector<std::string>& command) {
  std::string out;
  for (const std::string& a : command) {
    if (!out.empty()) out += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`#;&|<>()*?") == std::string::npos;
    if (plain) {
      out += a;
    } else {
      out += '\'';
      for (char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c == '\n' ? ' ' : c);
      out += '\'';
    }
  }
  return out;
}

}  // namespace

void add_run_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string policy;
    std::vector<std::string> command;
    bool audit = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("run", "compile a policy, install it and execute COMMAND under it");
  add_compile_flags(cmd, o->flags);
  cmd->add_flag("--audit", o->audit, "do not block: run COMMAND and report every call the policy would deny");
  cmd->add_option("POLICY", o->policy, "the policy")->required();
  cmd->add_option("COMMAND", o->command, "the command and its arguments (everything after POLICY)")->required();
  cmd->callback([o] {
    auto c = make_compilation(o->flags, {o->policy});
    bpf::Program prog = compile_or_exit(*c);
    std::string path = resolve_or_exit(o->command[0]);
    if (o->audit) throw Exit{run_audit(prog, path, o->command)};
    runtime::LaunchSpec spec{prog, path, o->command, false};
    runtime::Launched l = launch_or_exit(spec, true);
    runtime::forward_signals_to(l.pid);
    throw Exit{runtime::wait_and_mirror(l.pid)};
  });
}

void add_record_command(CLI::App& app) {
  struct Opts {
    std::string output;
    std::string profile_out;
    std::vector<std::string> command;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("record", "run COMMAND and write a policy that allows what it used");
  cmd->add_option("-o,--output", o->output, "where to write the policy")->required();
  cmd->add_option("--profile-out", o->profile_out, "where to write the system-call frequency profile");
  cmd->add_option("COMMAND", o->command, "the command and its arguments")->required();
  cmd->callback([o] {
    const Target* target = runtime::native_target();
    if (target == nullptr) {
      std::cerr << "secco: error: secco has no system call table for this machine's architecture\n";
      throw Exit{kExitInput};
    }
    std::string path = resolve_or_exit(o->command[0]);
    runtime::LaunchSpec spec{runtime::notify_everything(), path, o->command, true};
    runtime::Launched l = launch_or_exit(spec, false);
    runtime::Recorder recorder;
    int status = supervise_to_end(
        l, [&](const runtime::Notification& n, const runtime::StringReader&) { recorder.add(n.data); });
    write_output(o->output, recorder.policy_text(*target, join_command(o->command)));
    if (!o->profile_out.empty()) write_output(o->profile_out, recorder.profile_text(*target));
    std::cerr << "secco: recorded " << recorder.calls() << " system calls into '" << o->output << "'\n";
    if (std::uint64_t foreign = recorder.foreign_calls(*target); foreign > 0)
      std::cerr << "secco: warning: " << foreign << " calls of other ABIs than " << target->name()
                << " were seen; the policy does not allow them\n";
    throw Exit{status};
  });
}

namespace {

// `-f explain`: a filter the kernel runs is checked like a file's before it is explained.
std::string explain_filter(const bpf::Program& prog, const std::string& origin) {
  auto errors = bpf::check_program(prog);
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << origin << ": error: " << e.message << '\n';
    throw Exit{kExitInput};
  }
  return explain_program_or_exit(prog, "", origin);
}

}  // namespace

void add_dump_command(CLI::App& app) {
  struct Opts {
    pid_t pid = 0;
    std::string output;
    std::string format = "bin";
    int index = -1;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("dump", "write the seccomp filters installed in a running process");
  cmd->add_option("PID", o->pid, "the process")->required();
  cmd->add_option("-o,--output", o->output, "where to write (default stdout)");
  cmd->add_option("-f,--format", o->format, "output format: bin (raw), asm, c, json, ..., explain (policy text)")
      ->capture_default_str();
  cmd->add_option("-i,--index", o->index, "only filter N (0 = the first installed)");
  cmd->callback([o] {
    const bool explain = o->format == "explain";  // policy text, as `secco explain` writes it
    auto format = bpf::parse_format(explain ? "asm" : o->format);
    if (!format) {
      std::cerr << "secco: error: unknown format '" << o->format << "'\n";
      throw Exit{kExitUsage};
    }
    runtime::FilterDump d = runtime::dump_filters(o->pid);
    if (!d.ok()) {
      std::cerr << "secco: error: " << d.message << '\n';
      throw Exit{kExitInput};
    }
    if (d.filters.empty()) {
      std::cerr << "secco: error: process " << o->pid << " has no seccomp filter\n";
      throw Exit{kExitInput};
    }
    std::vector<std::size_t> which;
    if (o->index >= 0) {
      if (static_cast<std::size_t>(o->index) >= d.filters.size()) {
        std::cerr << "secco: error: process " << o->pid << " has " << d.filters.size() << " filter(s); there is no "
                  << o->index << '\n';
        throw Exit{kExitUsage};
      }
      which.push_back(static_cast<std::size_t>(o->index));
    } else {
      for (std::size_t i = 0; i < d.filters.size(); ++i) which.push_back(i);
    }
    if (which.size() > 1 && *format != bpf::Format::Asm) {
      std::cerr << "secco: error: process " << o->pid << " has " << which.size()
                << " filters; choose one with --index N (0 = the first installed) or use -f asm for all\n";
      throw Exit{kExitUsage};
    }
    bpf::RenderOptions ro;
    ro.target = runtime::native_target();
    std::string out;
    for (std::size_t i : which) {
      if (which.size() > 1)
        out += std::string(explain ? "# filter " : "; filter ") + std::to_string(i) + " of " +
               std::to_string(d.filters.size()) + (i + 1 == d.filters.size() ? " (newest, runs first)" : "") + ", " +
               std::to_string(d.filters[i].size()) + " instructions\n";
      if (explain)
        out += explain_filter(d.filters[i], "process " + std::to_string(o->pid) + " filter " + std::to_string(i));
      else
        out += bpf::render(d.filters[i], *format, ro);
    }
    write_output(o->output, out);
  });
}

}  // namespace secco::cli
