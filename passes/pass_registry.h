// Knows every pass by name: the built-in ones of pass_registry.def and those that plugins add.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "passes/pass.h"
#include "passes/pass_stages.h"

namespace secco::passes {

class PassRegistry {
 public:
  using Factory = std::function<std::unique_ptr<Pass>()>;

  // The process-wide registry, with the built-in passes already in it.
  static PassRegistry& global();

  // Adds a pass; returns false if the name is taken (the conflict, naming both origins, is kept
  // for load_pass_plugin to report).
  bool add(const std::string& name, Factory factory);
  // ... declaring the lowering stages it needs and makes (as a built-in pass's in pass_stages.cc):
  // the pass manager then refuses to run it on a module that lacks one, `secco passes` lists them
  // and `secco compile FILE.ir` knows where a pipeline goes on from.
  bool add(const std::string& name, Factory factory, PassStages stages);
  // The stages a pass added with them declared; nullopt for the others.
  std::optional<PassStages> declared_stages(const std::string& name) const;
  // Inserts a registered pass into the -O1 and -O2 pipelines at a named extension point (as LLVM's
  // PassBuilder callbacks): "after-typecheck", "after-simplify" (after the first simplify),
  // "before-lowering" (before split64) or "pipeline-end" (after lower-branches, before the
  // backend). Passes at one point run in the order they were added. Returns false (and records
  // the error, see take_conflicts) for an unknown point or pass.
  bool add_to_pipelines(const std::string& point, const std::string& pass);
  static const std::vector<std::string>& extension_points();
  // Passes added at `point`, in order.
  std::vector<std::string> passes_at(const std::string& point) const;
  // Who registers the passes added from now on ("built-in", "plugin 'x.so'"), for conflict messages.
  void set_origin(std::string origin) { origin_ = std::move(origin); }
  const std::string& origin_of(const std::string& name) const;
  // Registration errors (duplicate names, unknown extension points) since the last call.
  std::vector<std::string> take_conflicts();
  std::unique_ptr<Pass> create(const std::string& name) const;
  bool contains(const std::string& name) const { return factories_.count(name) != 0; }
  std::vector<std::string> names() const;

 private:
  std::map<std::string, Factory> factories_;
  std::map<std::string, std::string> origins_;
  std::map<std::string, PassStages> stages_;
  std::map<std::string, std::vector<std::string>> extensions_;
  std::string origin_ = "built-in";
  std::vector<std::string> conflicts_;
};

// The pipelines of the optimisation levels. Every level contains the required passes, so all give
// the same decisions; -O1 and -O2 add optimisations and the passes added at extension points.
std::string pipeline_for_level(int level);

}  // namespace secco::passes
