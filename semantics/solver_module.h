// The boundary between the engine and its solver module (secco-z3.so, built from semantics/z3/):
// plain C types only, so that the engine never includes z3++.h and a module built for another
// layout is refused (abi, node_size) instead of misread. The module exports one function,
// secco_solver_module(), which returns its table.
#pragma once

#include <cstddef>
#include <cstdint>

#include "semantics/term.h"

extern "C" {

// Raised whenever the structs below or the meaning of a call change.
constexpr std::uint32_t kSeccoSolverAbi = 1;

// Is there an input with nr in [nr_lo, nr_hi] and arch in [arch_lo, arch_hi] on which every
// assertion (a boolean term, by id into `nodes`) holds? `nodes` is the engine's term store
// (term.h), operands before the terms that use them.
struct SeccoSolverQuery {
  const secco::semantics::TermNode* nodes;
  std::size_t node_count;
  const secco::semantics::TermId* assertions;
  std::size_t assertion_count;
  std::uint32_t nr_lo, nr_hi, arch_lo, arch_hi;
  unsigned timeout_ms;  // 0: no limit
};

enum SeccoSolverAnswer { kSeccoSolverSat = 0, kSeccoSolverUnsat = 1, kSeccoSolverUnknown = 2 };

struct SeccoSolverModule {
  std::uint32_t abi;        // kSeccoSolverAbi
  std::uint32_t node_size;  // sizeof(TermNode)
  // A session translates the terms of one store once; it keeps its solver context until closed.
  void* (*open)();
  void (*close)(void* session);
  // A SeccoSolverAnswer; on Sat, model[Var] is one such input (kVarCount values). Never throws:
  // a solver error is Unknown.
  int (*check)(void* session, const SeccoSolverQuery* query, std::uint64_t* model);
};

}  // extern "C"

// The name of the one symbol the module exports: `const SeccoSolverModule* secco_solver_module()`.
#define SECCO_SOLVER_MODULE_ENTRY "secco_solver_module"
