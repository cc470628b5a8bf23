// secco asm / disasm / run: the assembler pair and running a command under a policy.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "bpf/assembler.h"
#include "bpf/checker.h"
#include "bpf/disassembler.h"
#include "bpf/dump.h"
#include "cli/common.h"
#include "runtime/install.h"
#include "target/target.h"

namespace secco::cli {

void add_asm_commands(CLI::App& app) {
  struct Opts {
    std::string file;
    std::string output;
    std::string format = "bin";
  };
  auto a = std::make_shared<Opts>();
  CLI::App* as = app.add_subcommand("asm", "assemble asm text (or libpcap -ddd numbers) into a raw program");
  as->add_option("FILE", a->file, "assembler text")->required();
  as->add_option("-o,--output", a->output, "where to write (default stdout)");
  as->add_option("-f,--format", a->format, "output format, as for compile")->capture_default_str();
  as->callback([a] {
    auto format = bpf::parse_format(a->format);
    if (!format) {
      std::cerr << "secco: error: unknown format '" << a->format << "'\n";
      throw Exit{kExitUsage};
    }
    SourceManager sm;
    Diagnostics diags(sm);
    FileId id = sm.add(a->file == "-" ? "<stdin>" : a->file, read_or_exit(a->file));
    bpf::Program prog = bpf::assemble(sm.text(id), id, diags);
    diags.render(std::cerr);
    if (diags.has_errors()) throw Exit{kExitInput};
    bpf::RenderOptions ro;
    ro.target = &Target::default_target();
    write_output(a->output, bpf::render(prog, *format, ro));
  });

  auto d = std::make_shared<Opts>();
  CLI::App* dis = app.add_subcommand("disasm", "disassemble a raw program into asm text");
  dis->add_option("FILE", d->file, "raw program (struct sock_filter[])")->required();
  dis->add_option("-o,--output", d->output, "where to write (default stdout)");
  auto force = std::make_shared<bool>(false);
  dis->add_flag("--force", *force, "disassemble even a program the kernel would refuse");
  dis->callback([d, force] {
    bpf::Program prog = load_program_or_exit(d->file);
    auto problems = bpf::check_program(prog);
    if (!problems.empty() && !*force) {
      std::cerr << (d->file == "-" ? "<stdin>" : d->file) << ": error: the kernel would refuse this program:\n"
                << bpf::format_check_errors(problems) << "(use --force to disassemble it anyway)\n";
      throw Exit{kExitInput};
    }
    write_output(d->output, bpf::disassemble(prog, &Target::default_target()));
  });
}

void add_run_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string policy;
    std::vector<std::string> command;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("run", "compile a policy, install it and execute COMMAND under it");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("POLICY", o->policy, "the policy")->required();
  cmd->add_option("COMMAND", o->command, "the command and its arguments (after --)")->required();
  cmd->callback([o] {
    auto c = make_compilation(o->flags, {o->policy});
    bpf::Program prog = compile_or_exit(*c);
    runtime::KernelSupport support = runtime::probe_kernel();
    runtime::InstallResult r = runtime::install_filter(prog);
    for (const std::string& w : r.warnings) std::cerr << "secco: warning: " << w << '\n';
    if (!r.ok()) {
      std::cerr << "secco: error: cannot install the filter: " << r.message << '\n';
      throw Exit{kExitInput};
    }
    (void)support;
    std::vector<char*> argv;
    for (std::string& a : o->command) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    int err = errno;
    std::cerr << "secco: error: cannot execute '" << o->command[0] << "': " << std::strerror(err) << '\n';
    throw Exit{err == ENOENT ? 127 : 126};
  });
}

}  // namespace secco::cli
