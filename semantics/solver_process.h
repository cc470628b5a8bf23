// The solver module served by a process of its own, secco-solver (semantics/z3/solver_server.cc),
// for a program that cannot dlopen: the fully static `secco` executable. The engine sees the same
// table (solver_module.h) as for the loaded module; its calls become messages
// (solver_protocol.h). The server is started on the first query and ends when this process does
// (its socket closes). A server that cannot be started, dies or answers nonsense makes every
// later query Unknown: "not proven", never proven.
#pragma once

#include <string>

#include "semantics/solver_module.h"

namespace secco::semantics {

// Starts the server at `path` and waits for its greeting. On failure returns nullptr and says why.
const SeccoSolverModule* start_solver_process(const std::string& path, std::string& error);

}  // namespace secco::semantics
