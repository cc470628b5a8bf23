#include "cli/common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "bpf/raw.h"
#include "passes/pass_manager.h"

namespace secco::cli {

void add_compile_flags(CLI::App* cmd, CompileFlags& f) {
  // Only the options main() asks for (NamedOptions, common.h); null for one left out.
  const NamedOptions& named = named_options();
  auto option = [&](const std::string& names, auto& value, const std::string& help) -> CLI::Option* {
    return named.wanted(names) ? cmd->add_option(names, value, help) : nullptr;
  };
  auto flag = [&](const std::string& names, bool& value, const std::string& help) {
    if (named.wanted(names)) cmd->add_flag(names, value, help);
  };
  // allow_extra_args(false): a list option takes one word per occurrence, so `--caps A POLICY`
  // leaves POLICY positional; repeat the option or use commas.
  if (CLI::Option* o = option("-d,--definitions", f.definitions, "extra definition file (repeatable)"))
    o->allow_extra_args(false);
  // `--arch a,b` and `--arch a --arch b` both give "a,b" (one filter for several ABIs).
  if (CLI::Option* o = option("--arch", f.arch, "target ABIs (x86_64,i386,...)"))
    f.arch_option = o->capture_default_str()->delimiter(',')->multi_option_policy(CLI::MultiOptionPolicy::Join);
  if (CLI::Option* o =
          option("-O", f.opt_level, "optimisation level: -O0 (no optimisation passes), -O1, -O2 (default)"))
    o->check(CLI::Range(0, 2));
  option("--default-positive", f.default_positive, "action when a rule body is true");
  option("--default-negative", f.default_negative, "action when a rule body is false");
  option("--default-policy", f.default_policy, "action for system calls no rule names");
  option("--on-x32", f.on_x32, "action for x32 system call numbers (default: --on-bad-arch)");
  option("--on-bad-arch", f.on_bad_arch, "action for a foreign architecture");
  if (CLI::Option* o = option("--print-after", f.print_after, "print the IR after PASS (or 'all') to stderr"))
    o->allow_extra_args(false);
  option("--passes", f.passes, "run this pass pipeline instead of the -O level's");
  flag("--verify-each", f.verify_each, "run the IR verifier after every pass");
  flag("--time-passes", f.time_passes, "report each pass's time and IR size to stderr");
  option("--profile", f.profile,
         "system-call frequency profile (`nr weight name` lines) for -O2; default: the built-in one, "
         "`none`: a balanced tree");
  if (CLI::Option* o = option("--load-pass", f.plugins, "load a pass plugin (shared object)"))
    o->allow_extra_args(false);
  flag("--validate", f.validate,
       "prove the program equal to the policy (translation validation; the default, kept for scripts)");
  flag("--no-validate", f.no_validate, "do not prove the program equal to the policy");
  if (CLI::Option* o = option("--validate-timeout", f.validate_timeout_ms,
                              "MS: solver time for the whole proof (default 10000, at most 2000 per query); what is "
                              "left undecided is reported not proven (-Wnot-proven)"))
    o->check(CLI::Range(1U, 3600000U));
  flag("--validate-passes", f.validate_passes, "prove each pass keeps every decision; name the first that does not");
  // -Werror is one flag with a single dash: CLI11 would read it as -W -e ...; main() rewrites it.
  flag("--Werror", f.werror, "warnings fail the build (also -Werror)");
  if (CLI::Option* o = option("--warning", f.warnings,
                              "-W<name> / -Wno-<name> / -Werror=<name>: turn one warning on, off or into an error"))
    o->allow_extra_args(false);
  if (CLI::Option* o =
          option("--error-limit", f.error_limit, "-ferror-limit=N: show at most N errors and N warnings (0: all)"))
    o->capture_default_str();
  if (CLI::Option* o =
          option("--diagnostics-format", f.diagnostics_format, "-fdiagnostics-format=: text or json (SARIF 2.1.0)"))
    o->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  if (CLI::Option* o = option("--caps", f.caps, "OCI profiles: capabilities granted (CAP_SYS_ADMIN,...)"))
    o->delimiter(',')->allow_extra_args(false);
  option("--kernel", f.kernel, "OCI profiles: the kernel version MAJOR.MINOR for minKernel");
}

std::unique_ptr<api::Compilation> make_compilation(const CompileFlags& f, const std::vector<std::string>& policies,
                                                   bool ir_continues_pipeline) {
  for (const std::string& plugin : f.plugins) {
    std::string err = passes::load_pass_plugin(plugin);
    if (!err.empty()) {
      std::cerr << "secco: error: " << err << '\n';
      throw Exit{kExitUsage};
    }
  }
  // OCI profiles are imported first: their architectures are the default target.
  std::vector<std::pair<std::string, std::string>> imported;
  std::vector<std::string> oci_arches;
  for (const std::string& p : policies)
    if (is_oci_profile_path(p)) imported.emplace_back(p, import_oci_or_exit(p, f, oci_arches));
  api::Settings s;
  s.arch = f.arch;
  if (!oci_arches.empty() && (f.arch_option == nullptr || f.arch_option->count() == 0)) {
    s.arch.clear();
    for (const std::string& a : oci_arches) s.arch += (s.arch.empty() ? "" : ",") + a;
  }
  s.opt_level = f.opt_level;
  s.default_positive = f.default_positive;
  s.default_negative = f.default_negative;
  s.default_policy = f.default_policy;
  s.on_x32 = f.on_x32;
  s.on_bad_arch = f.on_bad_arch;
  s.warnings_as_errors = f.werror;
  s.warning_options = f.warnings;
  s.error_limit = f.error_limit;
  s.diagnostics_json = f.diagnostics_format == "json";
  s.pipeline = f.passes;
  s.ir_continues_pipeline = ir_continues_pipeline;
  s.print_after.insert(f.print_after.begin(), f.print_after.end());
  s.verify_each = f.verify_each;
  s.time_passes = f.time_passes;
  s.validate = !f.no_validate;
  s.validate_passes = f.validate_passes;
  if (f.validate_timeout_ms != 0) s.validate_timeout_ms = s.validate_budget_ms = f.validate_timeout_ms;
  s.dump = &std::cerr;
  if (f.profile == "none") {
    s.default_profile = false;
  } else if (!f.profile.empty()) {
    std::string text = read_or_exit(f.profile);
    std::string err;
    s.profile = backend::parse_profile(text, err);
    if (!s.profile) {
      std::cerr << f.profile << ": error: " << err << '\n';
      throw Exit{kExitInput};
    }
  }
  auto c = std::make_unique<api::Compilation>(std::move(s));
  if (!c->settings_error().empty()) {
    std::cerr << "secco: error: " << c->settings_error() << '\n';
    throw Exit{kExitUsage};
  }
  for (const std::string& d : f.definitions) c->add_file(d, true);
  std::size_t next_import = 0;
  for (const std::string& p : policies) {
    if (is_oci_profile_path(p))
      c->add_text(p + " (imported)", imported[next_import++].second, false);
    else
      c->add_file(p, false);
  }
  return c;
}

bpf::Program compile_or_exit(api::Compilation& c) {
  auto prog = c.compile();
  c.render_diagnostics(std::cerr);
  if (!c.settings_error().empty()) {
    std::cerr << "secco: error: " << c.settings_error() << '\n';
    throw Exit{kExitUsage};
  }
  if (!prog) throw Exit{kExitInput};
  return *prog;
}

void write_output(const std::string& path, const std::string& data) {
  if (path.empty() || path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "secco: error: cannot write to standard output\n";
      throw Exit{kExitInput};
    }
    return;
  }
  // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) is written in place: renaming a temporary
  // file over it would replace the device node.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    int out = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    bool ok = out >= 0;
    for (std::size_t off = 0; ok && off < data.size();) {
      ssize_t n = ::write(out, data.data() + off, data.size() - off);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) off += static_cast<std::size_t>(n);
    }
    if (out >= 0 && ::close(out) != 0) ok = false;
    if (!ok) {
      std::cerr << "secco: error: cannot write '" << path << "': " << std::strerror(errno) << '\n';
      throw Exit{kExitInput};
    }
    return;
  }
  std::string tmp = path + ".secco-tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  auto fail = [&](const char* what) {
    std::cerr << "secco: error: cannot write '" << path << "': " << what << ": " << std::strerror(errno) << '\n';
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw Exit{kExitInput};
  };
  if (fd < 0) fail("cannot create a temporary file");
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write failed");
    off += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    fd = -1;
    fail("close failed");
  }
  fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename failed");
}

std::string read_or_exit(const std::string& path, std::size_t limit) {
  std::string err;
  auto data = api::read_input(path, err, limit);
  if (!data) {
    std::cerr << (path == "-" ? "<stdin>" : path) << ": error: cannot read: " << err << '\n';
    throw Exit{kExitInput};
  }
  return *data;
}

bpf::Program load_program_or_exit(const std::string& path) {
  std::string data = read_or_exit(path, bpf::kMaxInsns * sizeof(bpf::Insn) + 8);
  std::string err;
  auto prog = bpf::load_raw(data, err);
  if (!prog) {
    std::cerr << (path == "-" ? "<stdin>" : path) << ": error: " << err << '\n';
    throw Exit{kExitInput};
  }
  // A big-endian ABI's filter exported by libseccomp on this machine is in that ABI's byte order.
  if (bpf::in_other_byte_order(*prog)) return bpf::byte_swapped(*prog);
  return *prog;
}

void exit_without_teardown(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(std::cout.good() ? code : kExitInput);
}

}  // namespace secco::cli
