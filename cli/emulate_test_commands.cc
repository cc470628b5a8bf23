// secco emulate / secco test: run compiled programs (or raw ones) on system calls.
#include <iostream>

#include "api/policy_tests.h"
#include "cli/common.h"
#include "cli/suggest.h"
#include "runtime/emulator.h"
#include "target/target.h"

namespace secco::cli {
namespace {

runtime::Emulator make_emulator(bpf::Program prog) {
  std::string err;
  auto emu = runtime::Emulator::create(std::move(prog), err);
  if (!emu) {
    std::cerr << "secco: error: " << err << '\n';
    throw Exit{kExitInput};
  }
  return std::move(*emu);
}

}  // namespace

void add_emulate_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    bool raw = false;
    std::string file;
    std::string syscall;
    std::vector<std::string> args;
    std::string data_arch;
    std::string ip;
    bool trace = false;
    std::string target = "x86_64";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("emulate", "run a program for one system call and print the action");
  add_compile_flags(cmd, o->flags);
  // In emulate, --arch is the architecture in seccomp_data; --target picks the compile target.
  cmd->remove_option(cmd->get_option("--arch"));
  cmd->add_option("--arch", o->data_arch, "seccomp_data.arch: an audit arch value or name (default: the target's)");
  cmd->add_option("--target", o->target, "compile the policy for these architectures (x86_64,i386,...)")
      ->capture_default_str();
  cmd->add_flag("--bpf", o->raw, "FILE is a raw program, not a policy");
  cmd->add_option("--ip", o->ip, "instruction pointer");
  cmd->add_flag("--trace", o->trace, "print every executed instruction to stderr");
  cmd->add_option("FILE", o->file, "policy or (with --bpf) raw program")->required();
  cmd->add_option("SYSCALL", o->syscall, "system call name or number")->required();
  cmd->add_option("ARGS", o->args, "up to six arguments (decimal, hex or octal, -N, or a constant such as AT_FDCWD)");
  cmd->callback([o] {
    std::string arch_error;
    const auto targets = Target::parse_list(o->target, arch_error);
    if (!targets) {
      std::cerr << "secco: error: " << arch_error << '\n';
      throw Exit{kExitUsage};
    }
    // The call is named in the table of the ABI in seccomp_data (--arch), else of the first target.
    const Target* target = targets->front();
    SeccompData data;
    data.arch = target->audit_arch();
    if (!o->data_arch.empty()) {
      auto a = audit_arch_by_name(o->data_arch);
      if (!a) {
        auto n = api::parse_number_text(o->data_arch);
        if (n && *n <= 0xffffffffULL) a = static_cast<std::uint32_t>(*n);
      }
      if (!a) {
        std::cerr << "secco: error: unknown architecture '" << o->data_arch << "'\n";
        throw Exit{kExitUsage};
      }
      data.arch = *a;
      if (const Target* named = Target::find(o->data_arch)) {
        target = named;
      } else if (const Target* by_value = Target::find_by_audit_arch(*a)) {
        target = by_value;
      }
    }
    if (auto nr = target->syscall_number(o->syscall)) {
      data.nr = *nr;
    } else if (auto n = api::parse_number_text(o->syscall); n && *n <= 0xffffffffULL) {
      data.nr = static_cast<std::uint32_t>(*n);
    } else {
      std::cerr << "secco: error: " << unknown_syscall_message(o->syscall, *target) << '\n';
      throw Exit{kExitUsage};
    }
    if (o->args.size() > 6) {
      std::cerr << "secco: error: a system call has at most 6 arguments\n";
      throw Exit{kExitUsage};
    }
    for (std::size_t i = 0; i < o->args.size(); ++i) {
      // A number, a predefined constant (`AT_FDCWD`, with its table value 0xffffff9c) or a negative
      // decimal (`-100`: 64-bit two's complement, as the C library passes a negative int or long).
      const std::string& text = o->args[i];
      std::optional<std::uint64_t> v = api::parse_number_text(text);
      if (!v && text.size() > 1 && text[0] == '-') {
        if (auto n = api::parse_number_text(text.substr(1)); n && *n != 0 && *n <= (1ULL << 63)) v = ~*n + 1;
      }
      if (!v) {
        if (auto c = target->constant(text)) v = c->value;
      }
      if (!v) {
        std::cerr << "secco: error: argument " << i << " '" << text
                  << "' is not a number, a negative number or a predefined constant\n";
        throw Exit{kExitUsage};
      }
      data.args[i] = *v;
    }
    if (!o->ip.empty()) {
      auto v = api::parse_number_text(o->ip);
      if (!v) {
        std::cerr << "secco: error: --ip '" << o->ip << "' is not a number\n";
        throw Exit{kExitUsage};
      }
      data.instruction_pointer = *v;
    }
    bpf::Program prog;
    if (o->raw) {
      prog = load_program_or_exit(o->file);
    } else {
      CompileFlags flags = o->flags;
      flags.arch = o->target;
      auto c = make_compilation(flags, {o->file});
      prog = compile_or_exit(*c);
    }
    runtime::Emulator emu = make_emulator(std::move(prog));
    runtime::EmulatorResult r = o->trace ? emu.run(data, std::cerr) : emu.run(data);
    write_output("-", r.action.to_string() + "\n");
  });
}

void add_test_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string policy;
    std::vector<std::string> cases;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("test", "run policy test cases; ends with 'N passed, M failed'");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("POLICY", o->policy, "the policy")->required();
  cmd->add_option("CASES", o->cases, "case files: lines 'SYSCALL(ARG, ...) => ACTION'")->required();
  cmd->callback([o] {
    auto c = make_compilation(o->flags, {o->policy});
    bpf::Program prog = compile_or_exit(*c);
    const Target& target = c->module().target();
    runtime::Emulator emu = make_emulator(std::move(prog));
    std::size_t passed = 0, failed = 0;
    for (const std::string& path : o->cases) {
      SourceManager sm;
      Diagnostics diags(sm);
      FileId id = sm.add(path == "-" ? "<stdin>" : path, read_or_exit(path));
      std::vector<api::TestCase> cases = api::parse_test_cases(sm, id, target, diags);
      diags.render(std::cerr);
      if (diags.has_errors()) throw Exit{kExitInput};
      for (const api::TestCase& tc : cases) {
        Action got = emu.run(tc.data).action;
        if (got == tc.expected) {
          ++passed;
        } else {
          ++failed;
          std::cout << sm.name(id) << ':' << tc.line << ": " << tc.text << " expected " << tc.expected.to_string()
                    << ", got " << got.to_string() << '\n';
        }
      }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    std::cout.flush();
    if (failed != 0) throw Exit{kExitInput};
  });
}

}  // namespace secco::cli
