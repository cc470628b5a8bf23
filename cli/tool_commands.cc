// secco asm / disasm: the assembler pair.

#include <cstring>
#include <iostream>

#include "bpf/assembler.h"
#include "bpf/checker.h"
#include "bpf/disassembler.h"
#include "bpf/dump.h"
#include "cli/common.h"
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
  auto arch = std::make_shared<std::string>("x86_64");
  dis->add_option("--arch", *arch,
                  "names system calls where the program has no arch test (the program's own tests win)")
      ->capture_default_str();
  dis->callback([d, force, arch] {
    const Target* target = Target::find(*arch);
    if (target == nullptr) {
      std::string error;
      Target::parse_list(*arch, error);
      std::cerr << "secco: error: " << (error.empty() ? "--arch takes one architecture" : error) << '\n';
      throw Exit{kExitUsage};
    }
    bpf::Program prog = load_program_or_exit(d->file);
    auto problems = bpf::check_program(prog);
    if (!problems.empty() && !*force) {
      std::cerr << (d->file == "-" ? "<stdin>" : d->file) << ": error: the kernel would refuse this program:\n"
                << bpf::format_check_errors(problems) << "(use --force to disassemble it anyway)\n";
      throw Exit{kExitInput};
    }
    write_output(d->output, bpf::disassemble(prog, target));
  });
}

}  // namespace secco::cli
