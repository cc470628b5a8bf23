// The solver behind the engine, for the queries it cannot settle itself. Z3 lives in a module
// built apart (secco-z3.so, semantics/z3/), loaded with dlopen on the first such query, so a
// process that needs no solver query (most compiles) never loads libz3. The module is found at a
// place fixed at build time next to the binary or library that holds the engine — never through
// the environment or the working directory. When it cannot be loaded every query is Unknown:
// "not proven", never proven.
#pragma once

#include <string>
#include <vector>

#include "semantics/inputs.h"
#include "semantics/term.h"
#include "support/seccomp_data.h"

namespace secco::semantics {

enum class Answer { Sat, Unsat, Unknown };

// Queries over the terms of one store (which may grow between queries; a term is translated once).
class SolverSession {
 public:
  explicit SolverSession(const TermStore& store) : store_(store) {}
  ~SolverSession();
  SolverSession(const SolverSession&) = delete;
  SolverSession& operator=(const SolverSession&) = delete;

  // Is there an input of `region` on which every assertion (a boolean term) holds? On Sat,
  // `model` is one. `timeout_ms` 0: no limit.
  Answer check(const Region& region, const std::vector<TermId>& assertions, unsigned timeout_ms, SeccompData& model);

 private:
  const TermStore& store_;
  void* session_ = nullptr;
};

// Why the solver module could not be loaded ("" when it was, or has not been needed yet), for
// the commands that must say why they prove nothing.
std::string solver_unavailable();

// For a program that cannot dlopen (the fully static `secco`): the module is served by the
// secco-solver process found where the module would be (solver_process.h). Called before the
// first query.
void use_solver_process();

// The module's path for test programs, which do not sit where the shipped binaries do. Called
// before the first query; not reachable from the command line or the environment.
void set_solver_module_for_testing(const std::string& path);

}  // namespace secco::semantics
