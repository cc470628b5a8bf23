#include "passes/pass_manager.h"

#include <dlfcn.h>

#include <chrono>

#include "support/fmt.h"

#include "ir/printer.h"
#include "ir/verifier.h"
#include "passes/pass_registry.h"
#include "passes/pass_stages.h"
#include "passes/plugin.h"

namespace secco::passes {

std::optional<PassManager> PassManager::parse(const std::string& pipeline, std::string& error) {
  PassManager pm;
  std::size_t start = 0;
  while (start <= pipeline.size()) {
    std::size_t comma = pipeline.find(',', start);
    if (comma == std::string::npos) comma = pipeline.size();
    std::string name = pipeline.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.empty()) {
      error = "empty pass name in pipeline '" + pipeline + "'";
      return std::nullopt;
    }
    auto pass = PassRegistry::global().create(name);
    if (!pass) {
      error = "unknown pass '" + name + "'; known passes: ";
      auto names = PassRegistry::global().names();
      for (std::size_t i = 0; i < names.size(); ++i) error += (i ? ", " : "") + names[i];
      return std::nullopt;
    }
    pm.passes_.push_back(std::move(pass));
    start = comma + 1;
  }
  return pm;
}

std::string PassManager::text() const {
  std::string s;
  for (const auto& p : passes_) s += (s.empty() ? "" : ",") + std::string(p->name());
  return s;
}

namespace {

double analysis_ms(const AnalysisManager& am) {
  double ms = 0;
  for (std::size_t i = 0; i < kAnalysisCount; ++i) ms += am.stats(static_cast<Analysis>(i)).ms;
  return ms;
}

}  // namespace

bool PassManager::run(ir::Module& m, Diagnostics& diags, const Instrumentation& inst) const {
#ifdef NDEBUG
  const bool verify = inst.verify_each;
#else
  const bool verify = true;
#endif
  AnalysisManager analyses;
  analyses.time_analyses(inst.time_passes);
  PassContext ctx{diags, analyses};
  for (const auto& pass : passes_) {
    const std::string name(pass->name());
    std::size_t before = inst.time_passes ? m.size() : 0;
    if (auto missing = missing_stage(name, m)) {
      diags.report(diag::err_pass_stage, SourceRange{}) << name << stage_name(*missing) << stage_maker(*missing);
      return false;
    }
    // With verification, the module before the pass checks a pass that claims it changed nothing.
    std::string text_before = verify ? ir::to_string(m) : std::string();
    double analysis_before = analysis_ms(analyses);
    // The clock only for --time-passes: its first read faults in the vDSO's pages.
    std::chrono::steady_clock::time_point t0, t1;
    if (inst.time_passes) t0 = std::chrono::steady_clock::now();
    PreservedAnalyses preserved = pass->run(m, ctx);
    if (inst.time_passes) t1 = std::chrono::steady_clock::now();
    const bool changed = preserved.changed();
    if (inst.time_passes && inst.out) {
      double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
      *inst.out << fmt::format("; time-passes: {:<18} {:9.3f} ms  (analyses {:.3f} ms)  size {} -> {}{}\n", name, ms,
                               analysis_ms(analyses) - analysis_before, before, m.size(),
                               changed ? "" : " (unchanged)");
    }
    if (diags.has_errors()) return false;
    if (verify) {
      std::vector<std::string> problems = ir::verify(m);
      if (!changed && problems.empty() && ir::to_string(m) != text_before)
        problems.push_back("the pass reported no change but changed the module");
      for (const std::string& stale : analyses.stale_preserved(m, preserved))
        problems.push_back("the pass reported an analysis preserved that it invalidated (" + stale + ")");
      for (const std::string& p : problems)
        diags.report(diag::err_ir_verify, SourceRange{}) << "after pass '" + name + "'" << p;
      if (!problems.empty()) return false;
    }
    analyses.keep_preserved(m, preserved);
    if (inst.out && (inst.print_after.count("all") || inst.print_after.count(name))) {
      *inst.out << "; *** IR Dump After " << name << " ***" << (changed ? "" : " (unchanged)") << '\n';
      ir::print(*inst.out, m);
    }
    if (inst.after_pass && !inst.after_pass(name, m)) return false;
  }
  if (inst.time_passes && inst.out) {
    for (std::size_t i = 0; i < kAnalysisCount; ++i) {
      auto a = static_cast<Analysis>(i);
      const AnalysisManager::Stats& st = analyses.stats(a);
      *inst.out << fmt::format("; time-passes: analysis {:<10} {:9.3f} ms  computed {}, reused {}\n", analysis_name(a),
                               st.ms, st.computed, st.reused);
    }
  }
  return !diags.has_errors();
}

std::string load_pass_plugin(const std::string& path) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return "cannot load pass plugin '" + path + "': " + ::dlerror();
  using Entry = PluginInfo (*)();
  auto entry = reinterpret_cast<Entry>(::dlsym(handle, "secco_pass_plugin"));
  if (entry == nullptr) return "'" + path + "' is not a secco pass plugin (no secco_pass_plugin symbol)";
  PluginInfo info = entry();
  if (info.api_version != kPluginApiVersion)
    return fmt::format("pass plugin '{}' was built for plugin API {}, this secco has {}", path, info.api_version,
                       kPluginApiVersion);
  if (info.register_passes == nullptr) return "pass plugin '" + path + "' registers nothing";
  PassRegistry& registry = PassRegistry::global();
  registry.set_origin("plugin '" + path + "'");
  info.register_passes(registry);
  registry.set_origin("built-in");
  std::vector<std::string> conflicts = registry.take_conflicts();
  if (!conflicts.empty()) return conflicts.front();
  return {};
}

}  // namespace secco::passes
