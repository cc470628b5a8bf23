// Linked into test, benchmark and fuzz programs that use the engine: they live elsewhere in the
// build tree than `secco` and libsecco.so, so the engine would not find its solver module beside
// them; this names the built one before main() runs.
#include "semantics/solver.h"

namespace {

const bool kSolverModuleNamed = [] {
  secco::semantics::set_solver_module_for_testing(SECCO_SOLVER_MODULE_BUILT);
  return true;
}();

}  // namespace
