#include "passes/pass_registry.h"

#include <algorithm>

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
  if (factories_.count(name) != 0) {
    conflicts_.push_back("pass '" + name + "' is registered twice: by " + origins_[name] + " and by " + origin_);
    return false;
  }
  factories_.emplace(name, std::move(factory));
  origins_[name] = origin_;
  return true;
}

bool PassRegistry::add(const std::string& name, Factory factory, PassStages stages) {
  if (!add(name, std::move(factory))) return false;
  stages_[name] = std::move(stages);
  return true;
}

std::optional<PassStages> PassRegistry::declared_stages(const std::string& name) const {
  auto it = stages_.find(name);
  if (it == stages_.end()) return std::nullopt;
  return it->second;
}

const std::string& PassRegistry::origin_of(const std::string& name) const {
  static const std::string kNone;
  auto it = origins_.find(name);
  return it == origins_.end() ? kNone : it->second;
}

std::vector<std::string> PassRegistry::take_conflicts() {
  std::vector<std::string> out;
  out.swap(conflicts_);
  return out;
}

const std::vector<std::string>& PassRegistry::extension_points() {
  static const std::vector<std::string> kPoints = {"after-typecheck", "after-simplify", "before-lowering",
                                                   "pipeline-end"};
  return kPoints;
}

bool PassRegistry::add_to_pipelines(const std::string& point, const std::string& pass) {
  const auto& points = extension_points();
  if (std::find(points.begin(), points.end(), point) == points.end()) {
    std::string known;
    for (const std::string& p : points) known += (known.empty() ? "" : ", ") + p;
    conflicts_.push_back(origin_ + ": unknown extension point '" + point + "'; known points: " + known);
    return false;
  }
  if (!contains(pass)) {
    conflicts_.push_back(origin_ + ": cannot add unregistered pass '" + pass + "' at '" + point + "'");
    return false;
  }
  extensions_[point].push_back(pass);
  return true;
}

std::vector<std::string> PassRegistry::passes_at(const std::string& point) const {
  auto it = extensions_.find(point);
  return it == extensions_.end() ? std::vector<std::string>{} : it->second;
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
  const PassRegistry& r = PassRegistry::global();
  auto at = [&](const char* point) {
    std::string s;
    for (const std::string& p : r.passes_at(point)) s += "," + p;
    return s;
  };
  std::string optimise = level == 1 ? "" : ",strength-reduce,reorder-or";
  return "unify,typecheck" + at("after-typecheck") + ",expand-in,fold,check-duplicates,simplify" +
         at("after-simplify") + optimise + at("before-lowering") + ",split64,simplify,lower-branches,thread-jumps" +
         at("pipeline-end");
}

}  // namespace secco::passes
