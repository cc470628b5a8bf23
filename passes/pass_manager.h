// Runs a pipeline of passes with the standard instrumentation: print the IR after selected
// passes, verify between passes, time each pass and the IR size before and after. A pipeline is
// text ("unify,typecheck,fold") and prints back to the same text.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "ir/module.h"
#include "passes/pass.h"

namespace secco::passes {

struct Instrumentation {
  std::set<std::string> print_after;  // pass names, or "all"
  bool verify_each = false;           // also on in debug builds
  bool time_passes = false;
  std::ostream* out = nullptr;  // where dumps and timings go (stderr in the CLI)
  // Called after each pass that succeeded; returning false stops the pipeline (--validate-passes).
  std::function<bool(const std::string& pass, const ir::Module& m)> after_pass;
};

class PassManager {
 public:
  // Parses a comma-separated list of registered pass names. On an unknown name returns nullopt
  // and sets `error`.
  static std::optional<PassManager> parse(const std::string& pipeline, std::string& error);

  // Runs the passes in order; stops after the first pass that reported an error or when the
  // verifier fails (an internal error: no output must be produced). Returns !diags.has_errors().
  bool run(ir::Module& m, Diagnostics& diags, const Instrumentation& inst = {}) const;

  std::string text() const;
  const std::vector<std::unique_ptr<Pass>>& passes() const { return passes_; }

 private:
  std::vector<std::unique_ptr<Pass>> passes_;
};

// Loads an out-of-tree pass plugin: a shared object exporting `secco_pass_plugin` (see
// passes/plugin.h). Returns an empty string on success, else what went wrong.
std::string load_pass_plugin(const std::string& path);

}  // namespace secco::passes
