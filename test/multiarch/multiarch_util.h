// Helpers of the multi-ABI tests: compiling policy text for a list of ABIs through
// api::Compilation, and the per-ABI probes.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "bpf/program.h"
#include "support/seccomp_data.h"
#include "target/target.h"

namespace secco::testing {

struct MultiCompiled {
  std::unique_ptr<api::Compilation> compilation;
  std::optional<bpf::Program> program;
  std::string diagnostics;  // rendered
};

inline MultiCompiled compile_for(const std::string& arch, const std::string& text, int opt_level = 2) {
  api::Settings settings;
  settings.arch = arch;
  settings.opt_level = opt_level;
  // Validated (the default), with a short solver budget: random policies' run-time `*`, `/`, `%`
  // are reported "not proven" instead of slowing the suite down.
  settings.validate_timeout_ms = 50;
  settings.validate_budget_ms = 100;
  MultiCompiled out;
  out.compilation = std::make_unique<api::Compilation>(settings);
  if (!out.compilation->settings_error().empty()) {
    out.diagnostics = out.compilation->settings_error();
    return out;
  }
  out.compilation->add_text("test.secco", text);
  out.program = out.compilation->compile();
  std::ostringstream os;
  out.compilation->render_diagnostics(os);
  out.diagnostics = os.str();
  return out;
}

// libseccomp's seccomp_export_bpf writes a filter for big-endian ABIs in their byte order (the
// program runs on that machine): the instructions in this machine's order again.
inline std::string native_order(std::string bytes) {
  for (std::size_t at = 0; at + 8 <= bytes.size(); at += 8) {
    std::swap(bytes[at], bytes[at + 1]);  // code; jt and jf are single bytes
    std::swap(bytes[at + 4], bytes[at + 7]);
    std::swap(bytes[at + 5], bytes[at + 6]);
  }
  return bytes;
}

inline SeccompData probe(const Target& t, std::uint32_t nr, std::vector<std::uint64_t> args = {}) {
  SeccompData d;
  d.arch = t.audit_arch();
  d.nr = nr;
  for (std::size_t i = 0; i < args.size() && i < 6; ++i) d.args[i] = args[i];
  return d;
}

// secco's ABI name and libseccomp 2.5.4's (seccomp_arch_resolve_name) for every ABI both know.
struct LibseccompAbiName {
  const char* secco;
  const char* libseccomp;
};
inline constexpr LibseccompAbiName kLibseccompAbis[] = {{"x86_64", "x86_64"},
                                                        {"i386", "x86"},
                                                        {"x32", "x32"},
                                                        {"aarch64", "aarch64"},
                                                        {"arm", "arm"},
                                                        {"riscv64", "riscv64"},
                                                        {"ppc64le", "ppc64le"},
                                                        {"ppc64", "ppc64"},
                                                        {"ppc", "ppc"},
                                                        {"s390x", "s390x"},
                                                        {"s390", "s390"},
                                                        {"mips", "mips"},
                                                        {"mipsel", "mipsel"},
                                                        {"mips64", "mips64"},
                                                        {"mips64el", "mipsel64"},
                                                        {"mips64n32", "mips64n32"},
                                                        {"mips64eln32", "mipsel64n32"},
                                                        {"parisc", "parisc"},
                                                        {"parisc64", "parisc64"}};

inline const char* libseccomp_abi_name(std::string_view secco) {
  for (const LibseccompAbiName& a : kLibseccompAbis)
    if (secco == a.secco) return a.libseccomp;
  return nullptr;
}

inline const Target& abi(std::string_view name) {
  const Target* t = Target::find(name);
  if (t == nullptr) throw std::runtime_error("no target " + std::string(name));
  return *t;
}

}  // namespace secco::testing
