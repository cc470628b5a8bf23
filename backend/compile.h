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
#include <vector>

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
  // One profile per ABI of a multi-ABI filter, in the order of the modules (nullptr: none); when
  // given, it replaces `profile`.
  std::vector<const Profile*> abi_profiles;
};

std::optional<bpf::Program> generate(const ir::Module& m, const BackendOptions& options, Diagnostics& diags);

// One filter for several ABIs (spec §10), one module per ABI, each compiled for its own target:
//   ld [arch]; jeq #AUDIT_1, abi_1, +0; jeq #AUDIT_2, abi_2, +0; ...; bad_arch
// where each abi_i is `ld [nr]` and one range tree over that ABI's numbers (built by
// build_dispatch). x32 shares AUDIT_ARCH_X86_64 with x86_64: one tree there, x86_64's rules below
// the x32 bit and x32's at and above it; a missing half is decided by the wrong-ABI action (x32
// not a target: the x32 action, as a single-ABI x86_64 filter does). The first module's
// wrong-architecture action serves the whole filter; the ABIs are tested in the order given.
std::optional<bpf::Program> generate(const std::vector<const ir::Module*>& abis, const BackendOptions& options,
                                     Diagnostics& diags);

}  // namespace secco::backend
