// A Z3 context made ahead of time. Creating one costs more than compiling a small policy, so the
// driver starts it on a second thread when the compilation begins and picks it up when the
// program is ready to be validated.
#pragma once

#include <future>
#include <memory>

#include <z3++.h>

namespace secco::semantics {

class SolverContext {
 public:
  // Starts creating the context on another thread.
  SolverContext();
  ~SolverContext();
  SolverContext(const SolverContext&) = delete;
  SolverContext& operator=(const SolverContext&) = delete;
  // Waits for the context; every call returns the same one. Contexts are pooled per process.
  z3::context& get();

 private:
  std::future<std::unique_ptr<z3::context>> pending_;
  std::unique_ptr<z3::context> ready_;
};

}  // namespace secco::semantics
