// The translation of the engine's terms (term.h) into Z3 expressions, inside the solver module.
// Each term is translated once per session: terms are hash-consed and never change, so an id
// keeps its meaning while the store grows.
#pragma once

#include <cstddef>
#include <vector>

#include <z3++.h>

#include "semantics/term.h"

namespace secco::semantics {

class Z3Terms {
 public:
  explicit Z3Terms(z3::context& c) : c_(c) {}
  // `nodes` (the store as it is now) must hold `t` and everything below it.
  z3::expr expr(const TermNode* nodes, std::size_t count, TermId t);
  z3::expr var(Var v);
  z3::context& ctx() { return c_; }

 private:
  z3::expr make(const TermNode& n);
  z3::context& c_;
  std::vector<z3::expr> done_;  // by term id, as far as translated
  std::vector<bool> have_;
};

}  // namespace secco::semantics
