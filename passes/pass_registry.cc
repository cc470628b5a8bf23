#include "passes/pass_registry.h"

namespace secco::passes {

// Factories of the built-in passes, declared from the registry list itself.
#define SECCO_PASS(NAME, FACTORY) std::unique_ptr<Pass> FACTORY();
#include "passes/pass_registry.def"
#undef SECCO_PASS

PassRegistry& PassRegistry::global() {
  static PassRegistry* registry = [] {
    auto* r = new PassRegistry;
#define SECCO_PASS(NAME, FACTORY) r->add(NAME, FACTORY);
#include "passes/pass_registry.def"
#undef SECCO_PASS
    return r;
  }();
  return *registry;
}

bool PassRegistry::add(const std::string& name, Factory factory) {
  return factories_.emplace(name, std::move(factory)).second;
}

std::unique_ptr<Pass> PassRegistry::create(const std::string& name) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) return nullptr;
  return it->second();
}

std::vector<std::string> PassRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, factory] : factories_) out.push_back(name);
  return out;
}

std::string pipeline_for_level(int level) {
  // Required: unify, typecheck, expand-in, fold, split64, check-duplicates, lower-branches.
  if (level <= 0) return "unify,typecheck,expand-in,fold,check-duplicates,split64,lower-branches";
  if (level == 1) return "unify,typecheck,expand-in,fold,check-duplicates,simplify,split64,simplify,lower-branches";
  return "unify,typecheck,expand-in,fold,check-duplicates,simplify,strength-reduce,split64,simplify,lower-branches";
}

}  // namespace secco::passes
