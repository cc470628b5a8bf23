// A Z3 context for the queries the engine cannot settle itself. Creating one costs more than
// compiling a small policy, so it is made only when first needed, and handed back to a
// per-process pool afterwards (property tests and library users compile thousands of policies).
#pragma once

#include <memory>

#include <z3++.h>

namespace secco::semantics {

class SolverContext {
 public:
  SolverContext() = default;
  ~SolverContext();
  SolverContext(const SolverContext&) = delete;
  SolverContext& operator=(const SolverContext&) = delete;
  // A pooled context, or a new one; every call returns the same one.
  z3::context& get();

 private:
  std::unique_ptr<z3::context> ready_;
};

}  // namespace secco::semantics
