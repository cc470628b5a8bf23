// Knows every pass by name: the built-in ones of pass_registry.def and those that plugins add.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "passes/pass.h"

namespace secco::passes {

class PassRegistry {
 public:
  using Factory = std::function<std::unique_ptr<Pass>()>;

  // The process-wide registry, with the built-in passes already in it.
  static PassRegistry& global();

  // Adds a pass; returns false if the name is taken.
  bool add(const std::string& name, Factory factory);
  std::unique_ptr<Pass> create(const std::string& name) const;
  bool contains(const std::string& name) const { return factories_.count(name) != 0; }
  std::vector<std::string> names() const;

 private:
  std::map<std::string, Factory> factories_;
};

// The pipelines of the optimisation levels. Every level contains the required passes, so all give
// the same decisions; -O1 and -O2 add optimisations.
std::string pipeline_for_level(int level);

}  // namespace secco::passes
