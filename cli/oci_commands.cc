// secco import oci, and OCI profiles given to compile/check as POLICY: the bridge from the
// command line to import/ (docs/oci.md).
#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/common.h"
#include "import/oci_import.h"

namespace secco::cli {

bool is_oci_profile_path(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

namespace {

oci::ImportOptions import_options(const std::string& path, const CompileFlags& f) {
  oci::ImportOptions o;
  o.source_name = path;
  if (f.arch_option != nullptr && f.arch_option->count() > 0) {
    std::string a = f.arch;
    for (std::size_t start = 0; start <= a.size();) {
      std::size_t comma = a.find(',', start);
      if (comma == std::string::npos) comma = a.size();
      std::string name = a.substr(start, comma - start);
      if (name.empty()) {
        std::cerr << "secco: error: --arch '" << a << "' has an empty architecture name\n";
        throw Exit{kExitUsage};
      }
      o.arches.push_back(name);
      start = comma + 1;
    }
  }
  for (std::string cap : f.caps) {
    for (char& ch : cap) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (cap.rfind("CAP_", 0) != 0) cap = "CAP_" + cap;
    if (!oci::is_capability_name(cap)) {
      std::cerr << "secco: error: --caps: unknown capability '" << cap << "'\n";
      throw Exit{kExitUsage};
    }
    o.caps.push_back(cap);
  }
  if (!f.kernel.empty()) {
    o.kernel = oci::parse_kernel_version(f.kernel);
    if (!o.kernel) {
      std::cerr << "secco: error: --kernel '" << f.kernel << "': expected MAJOR.MINOR, e.g. 6.1\n";
      throw Exit{kExitUsage};
    }
  }
  return o;
}

}  // namespace

std::string import_oci_or_exit(const std::string& path, const CompileFlags& f, std::vector<std::string>& arches) {
  oci::ImportOptions o = import_options(path, f);
  std::string json = read_or_exit(path);
  oci::ImportResult r = oci::import_profile(json, o);
  for (const oci::Problem& p : r.problems) std::cerr << oci::to_string(p, path) << '\n';
  if (!r.ok()) throw Exit{kExitInput};
  for (const std::string& a : r.arches)
    if (std::find(arches.begin(), arches.end(), a) == arches.end()) arches.push_back(a);
  return r.text;
}

void add_import_command(CLI::App& app) {
  struct Opts {
    CompileFlags flags;
    std::string profile;
    std::string output;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* imp = app.add_subcommand("import", "translate a policy of another tool into secco policy text");
  imp->require_subcommand(1);
  CLI::App* cmd = imp->add_subcommand("oci", "an OCI/Docker seccomp profile (JSON) -> secco policy text");
  o->flags.arch_option =
      cmd->add_option("--arch", o->flags.arch, "target ABIs, comma-separated (default: the profile's)");
  cmd->add_option("--caps", o->flags.caps, "capabilities granted, for includes/excludes (CAP_SYS_ADMIN,...)")
      ->delimiter(',');
  cmd->add_option("--kernel", o->flags.kernel, "kernel version MAJOR.MINOR, for minKernel");
  cmd->add_option("-o,--output", o->output, "where to write (default stdout)");
  cmd->add_option("PROFILE", o->profile, "the profile (JSON)")->required();
  cmd->callback([o] {
    std::vector<std::string> arches;
    std::string text = import_oci_or_exit(o->profile, o->flags, arches);
    write_output(o->output, text);
  });
}

}  // namespace secco::cli
