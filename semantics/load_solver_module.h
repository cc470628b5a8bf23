// Loading the solver module (solver_module.h) from a file: by the engine in its own process
// (solver.cc) and by secco-solver, which serves it to the static `secco` (z3/solver_server.cc).
#pragma once

#include <string>

#include "semantics/solver_module.h"

namespace secco::semantics {

// dlopens the module at `path` (RTLD_NOW | RTLD_LOCAL) and checks that it is one of this build:
// its ABI number, node size and three calls. On failure returns nullptr and says why in `error`.
// A module is never unloaded: code that may have started threads is not safe to unload.
const SeccoSolverModule* load_solver_module(const std::string& path, std::string& error);

}  // namespace secco::semantics
