// What a pass is: a small class with a name, a one-line description and `run`. A pass reports
// problems through the diagnostics engine, asks ctx.analyses for cached analyses, and returns what
// it preserved (PreservedAnalyses::all() when it changed nothing); it never prints (printing is the
// pass manager's instrumentation).
#pragma once

#include <memory>
#include <string_view>

#include "ir/module.h"
#include "passes/analysis_manager.h"
#include "support/diagnostics.h"

namespace secco::passes {

struct PassContext {
  Diagnostics& diags;
  AnalysisManager& analyses;
};

class Pass {
 public:
  Pass() = default;
  Pass(const Pass&) = delete;
  Pass& operator=(const Pass&) = delete;
  virtual ~Pass() = default;

  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Transforms the module; returns what stayed valid (all() = nothing changed).
  virtual PreservedAnalyses run(ir::Module& m, PassContext& ctx) = 0;
};

}  // namespace secco::passes

// Defines the boilerplate of a simple pass class; the .cc file then defines `run`.
#define SECCO_SIMPLE_PASS(CLASS, NAME, DESCRIPTION)                                                             \
  class CLASS final : public ::secco::passes::Pass {                                                            \
   public:                                                                                                      \
    std::string_view name() const override { return NAME; }                                                     \
    std::string_view description() const override { return DESCRIPTION; }                                       \
    ::secco::passes::PreservedAnalyses run(::secco::ir::Module& m, ::secco::passes::PassContext& ctx) override; \
  }
