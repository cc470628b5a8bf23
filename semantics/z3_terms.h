// The translation of the engine's terms (term.h) into Z3 expressions, made only for a query the
// engine cannot settle by itself. Each term is translated once per context.
#pragma once

#include <vector>

#include <z3++.h>

#include "semantics/term.h"

namespace secco::semantics {

// The input fields as Z3 variables, named as Z3Terms names them (so formulas from both mix), for
// code that builds Z3 formulas itself (diff's region conditions).
struct Z3Inputs {
  explicit Z3Inputs(z3::context& c);
  z3::context& ctx;
  z3::expr nr, arch, ip;
  std::vector<z3::expr> args;  // six
};

class Z3Terms {
 public:
  Z3Terms(z3::context& c, const TermStore& store) : c_(c), store_(store) {}
  z3::expr expr(TermId t);
  z3::expr var(Var v) { return expr(const_cast<TermStore&>(store_).var(v)); }
  z3::context& ctx() { return c_; }

 private:
  z3::expr make(const TermNode& n);
  z3::context& c_;
  const TermStore& store_;
  std::vector<z3::expr> done_;  // by term id, as far as translated
  std::vector<bool> have_;
};

}  // namespace secco::semantics
