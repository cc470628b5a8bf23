#include "passes/pass_manager.h"

#include <dlfcn.h>

#include <chrono>

#include <fmt/format.h>

#include "ir/printer.h"
#include "ir/verifier.h"
#include "passes/pass_registry.h"
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

bool PassManager::run(ir::Module& m, Diagnostics& diags, const Instrumentation& inst) const {
#ifdef NDEBUG
  const bool verify = inst.verify_each;
#else
  const bool verify = true;
#endif
  PassContext ctx{diags};
  for (const auto& pass : passes_) {
    const std::string name(pass->name());
    std::size_t before = inst.time_passes ? m.size() : 0;
    auto t0 = std::chrono::steady_clock::now();
    bool changed = pass->run(m, ctx);
    auto t1 = std::chrono::steady_clock::now();
    if (inst.time_passes && inst.out) {
      double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
      *inst.out << fmt::format("; time-passes: {:<18} {:9.3f} ms  size {} -> {}{}\n", name, ms, before, m.size(),
                               changed ? "" : " (unchanged)");
    }
    if (diags.has_errors()) return false;
    if (verify) {
      std::vector<std::string> problems = ir::verify(m);
      if (!problems.empty()) {
        diags.report(diag::err_internal, SourceRange{})
            << "IR verifier failed after pass '" + name + "': " + problems[0];
        return false;
      }
    }
    if (inst.out && (inst.print_after.count("all") || inst.print_after.count(name))) {
      *inst.out << "; *** IR Dump After " << name << " ***" << (changed ? "" : " (unchanged)") << '\n';
      ir::print(*inst.out, m);
    }
    if (inst.after_pass && !inst.after_pass(name, m)) return false;
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
  info.register_passes(PassRegistry::global());
  return {};
}

}  // namespace secco::passes
