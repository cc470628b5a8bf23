// Helpers of the IR tests: policy text -> lowered IR module (front end + lowering, no passes), and
// running a pipeline on a module pass by pass. test_ir links only secco_passes (and what it pulls
// in), so these do what api::Compilation does, minus the backend.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/module.h"
#include "support/diagnostics.h"
#include "support/source_manager.h"

namespace secco::testing {

// One policy (plus optional -d definition files) parsed and lowered. Holds the sources and the
// diagnostics engine (which refers to them), so it is not copyable; the module is.
struct LoweredPolicy {
  SourceManager sources;
  Diagnostics diags{sources};
  ir::Module module;
  bool ok = false;  // no error while parsing or lowering

  // Every diagnostic rendered as text, for failure messages.
  std::string rendered() const;
};

struct SourceFile {
  std::string name;
  std::string text;
  bool definitions_only = false;  // a -d file
};

// Definition files are lowered first, then the policy files, each group in the given order (as
// api::Compilation does).
std::unique_ptr<LoweredPolicy> lower_files(const std::vector<SourceFile>& files);
std::unique_ptr<LoweredPolicy> lower_policy(
    const std::string& text, const std::string& name = "policy.secco",
    const std::vector<std::pair<std::string, std::string>>& definition_files = {});

// Runs `pipeline` (comma-separated pass names) on `m`; returns false with diagnostics on error.
bool run_pipeline(ir::Module& m, const std::string& pipeline, Diagnostics& diags);

// The pass names of a pipeline text.
std::vector<std::string> split_pipeline(const std::string& pipeline);

}  // namespace secco::testing
