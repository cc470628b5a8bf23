// secco compile / check / ir / fmt: the commands that read policies and stop at some stage.
#include <iostream>

#include "bpf/dump.h"
#include "cli/common.h"
#include "frontend/parse.h"
#include "frontend/printer.h"
#include "ir/printer.h"
#include "target/target.h"

namespace secco::cli {

void add_compile_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::vector<std::string> policies;
    std::string output;
    std::string format = "bin";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("compile", "compile a policy to a seccomp program");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("-o,--output", o->output, "where to write (default stdout)");
  cmd->add_option("-f,--format", o->format, "bin, asm, c, json, pcap-d, pcap-dd, pcap-ddd")->capture_default_str();
  cmd->add_option("POLICY", o->policies, "policy files, read as one policy in order")->required();
  cmd->callback([o] {
    auto format = bpf::parse_format(o->format);
    if (!format) {
      std::cerr << "secco: error: unknown format '" << o->format
                << "' (bin, asm, c, json, pcap-d, pcap-dd, pcap-ddd)\n";
      throw Exit{kExitUsage};
    }
    auto c = make_compilation(o->flags, o->policies);
    bpf::Program prog = compile_or_exit(*c);
    bpf::RenderOptions ro;
    ro.target = &c->module().target();
    for (const Target* t : c->targets()) ro.arch += (ro.arch.empty() ? "" : ",") + std::string(t->name());
    ro.audit_arch = c->module().target().audit_arch();
    ro.sources = c->file_names();
    ro.secco_version = SECCO_VERSION;
    write_output(o->output, bpf::render(prog, *format, ro));
    exit_without_teardown(kExitOk);
  });
}

void add_check_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::vector<std::string> policies;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("check", "parse, expand and type-check a policy; print every diagnostic");
  add_compile_flags(cmd, o->flags);
  cmd->add_option("POLICY", o->policies, "policy files")->required();
  cmd->callback([o] {
    auto c = make_compilation(o->flags, o->policies);
    // check runs the backend too when the pipeline lowers the module all the way, so a policy
    // that passes check also compiles (size limits included); a custom --passes may stop earlier.
    bool ok = c->analyze();
    const ir::Module& m = c->module();
    if (ok && m.expanded && m.split && m.branchy) {
      compile_or_exit(*c);
      return;
    }
    c->render_diagnostics(std::cerr);
    if (!c->settings_error().empty()) {
      std::cerr << "secco: error: " << c->settings_error() << '\n';
      throw Exit{kExitUsage};
    }
    if (!ok) throw Exit{kExitInput};
  });
}

void add_ir_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::vector<std::string> policies;
    bool no_locations = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("ir", "print the IR after the pass pipeline (or stop with --passes)");
  add_compile_flags(cmd, o->flags);
  cmd->add_flag("--no-locations", o->no_locations, "leave out the source locations");
  cmd->add_option("POLICY", o->policies, "policy files")->required();
  cmd->callback([o] {
    auto c = make_compilation(o->flags, o->policies);
    bool ok = c->analyze();
    c->render_diagnostics(std::cerr);
    if (!c->settings_error().empty()) {
      std::cerr << "secco: error: " << c->settings_error() << '\n';
      throw Exit{kExitUsage};
    }
    if (!ok) throw Exit{kExitInput};
    write_output("-", ir::to_string(c->module(), ir::PrintOptions{!o->no_locations}));
  });
}

void add_fmt_command(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    bool check = false;
    bool in_place = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("fmt", "print policies in canonical form");
  cmd->add_flag("--check", o->check, "exit 1 if a file is not formatted (print nothing else)");
  cmd->add_flag("-i,--in-place", o->in_place, "rewrite the files");
  cmd->add_option("POLICY", o->files, "policy files")->required();
  cmd->callback([o] {
    int status = kExitOk;
    for (const std::string& path : o->files) {
      SourceManager sm;
      Diagnostics diags(sm);
      FileId id = sm.add(path == "-" ? "<stdin>" : path, read_or_exit(path));
      ast::File file = frontend::parse(sm, id, diags);
      diags.render(std::cerr);
      if (diags.has_errors()) throw Exit{kExitInput};
      std::string text = frontend::print(file);
      if (o->check) {
        if (text != sm.text(id)) {
          std::cerr << sm.name(id) << ": not formatted\n";
          status = kExitInput;
        }
      } else if (o->in_place && path != "-") {
        if (text != sm.text(id)) write_output(path, text);
      } else {
        write_output("-", text);
      }
    }
    if (status != kExitOk) throw Exit{status};
  });
}

}  // namespace secco::cli
