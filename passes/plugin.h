// The contract of an out-of-tree pass plugin. A shared object defines
//   extern "C" secco::passes::PluginInfo secco_pass_plugin();
// returning the API version it was built against, its name and version, and a callback that adds
// its passes to the registry. Load it with `secco compile --load-pass lib.so --passes=...`.
#pragma once

#include <cstdint>

#include "passes/pass_registry.h"

namespace secco::passes {

// 2: Pass::run returns PreservedAnalyses and PassContext has the AnalysisManager.
// 3: Function::make takes its operands and name as views (ir::ValueSpan, std::string_view); a
//    value rewriter is a function_ref given the mapped operands as a ValueSpan (ir/rewrite.h).
inline constexpr std::uint32_t kPluginApiVersion = 3;

struct PluginInfo {
  std::uint32_t api_version;
  const char* name;
  const char* version;
  void (*register_passes)(PassRegistry& registry);
};

}  // namespace secco::passes
