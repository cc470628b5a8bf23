// The BPF backend's entry point: a fully lowered IR module (after lower-branches) becomes a
// checked classic-BPF program in the shape of spec §9:
//   ld [arch]; jeq #AUDIT_ARCH, +0, bad_arch   ld [nr]; <range tree over nr>   <rules>
// x32 numbers and -1 are ranges of the same tree, so arg-free calls are decided from nr and
// arch alone (the kernel's constant-action cache can then skip the filter for them). Every
// program is run through the kernel-equivalent checker; a failure is an internal error and
// nothing is emitted.
#pragma once

#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "backend/profile.h"
#include "bpf/program.h"
#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::backend {

struct BackendOptions {
  int opt_level = 2;
  const Profile* profile = nullptr;  // weights for the dispatch tree (-O2)
  // DAG passes run after instruction selection (backend/dag_passes.h), comma-separated names;
  // nullopt: those of opt_level.
  std::optional<std::string> dag_pipeline;
  // DAG passes (or "all") whose result is dumped to `dump`; "select": the DAG as selected.
  std::set<std::string> print_after;
  std::ostream* dump = nullptr;
};

std::optional<bpf::Program> generate(const ir::Module& m, const BackendOptions& options, Diagnostics& diags);

}  // namespace secco::backend
