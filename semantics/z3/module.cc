// secco-z3.so: the engine's solver queries (solver_module.h) answered by Z3. The only code of
// secco that includes z3++.h; the engine loads it on its first query that needs a solver.
#include <memory>

#include <z3++.h>

#include "semantics/solver_module.h"
#include "semantics/z3/solver_context.h"
#include "semantics/z3/z3_terms.h"

namespace secco::semantics {
namespace {

struct Session {
  SolverContext context;  // from the module's pool, on the first query
  std::unique_ptr<Z3Terms> terms;
};

void* open_session() {
  try {
    return new Session();
  } catch (...) {
    return nullptr;
  }
}

void close_session(void* s) {
  delete static_cast<Session*>(s);
}

int check(void* s, const SeccoSolverQuery* q, std::uint64_t* model) {
  if (s == nullptr || q == nullptr || model == nullptr) return kSeccoSolverUnknown;
  auto& session = *static_cast<Session*>(s);
  try {
    z3::context& c = session.context.get();
    if (!session.terms) session.terms = std::make_unique<Z3Terms>(c);
    Z3Terms& zt = *session.terms;
    // A fresh solver per query keeps Z3 on its bit-blasting QF_BV tactic (push/pop would put it
    // in the slower incremental mode).
    z3::solver solver(c, "QF_BV");
    if (q->timeout_ms != 0) {
      z3::params p(c);
      p.set("timeout", q->timeout_ms);
      solver.set(p);
    }
    z3::expr nr = zt.var(kNr), arch = zt.var(kArch);
    solver.add(z3::uge(nr, c.bv_val(q->nr_lo, 32)) && z3::ule(nr, c.bv_val(q->nr_hi, 32)));
    solver.add(z3::uge(arch, c.bv_val(q->arch_lo, 32)) && z3::ule(arch, c.bv_val(q->arch_hi, 32)));
    for (std::size_t i = 0; i < q->assertion_count; ++i) {
      z3::expr e = zt.expr(q->nodes, q->node_count, q->assertions[i]);
      if (!e.is_bool()) return kSeccoSolverUnknown;
      solver.add(e);
    }
    switch (solver.check()) {
      case z3::unsat:
        return kSeccoSolverUnsat;
      case z3::unknown:
        return kSeccoSolverUnknown;
      case z3::sat:
        break;
    }
    z3::model m = solver.get_model();
    for (unsigned v = 0; v < kVarCount; ++v) model[v] = m.eval(zt.var(static_cast<Var>(v)), true).get_numeral_uint64();
    return kSeccoSolverSat;
  } catch (...) {
    return kSeccoSolverUnknown;  // a Z3 error (memory, a malformed term): not proven
  }
}

const SeccoSolverModule kModule{kSeccoSolverAbi, sizeof(TermNode), open_session, close_session, check};

}  // namespace
}  // namespace secco::semantics

extern "C" __attribute__((visibility("default"))) const SeccoSolverModule* secco_solver_module() {
  return &secco::semantics::kModule;
}
