#include "semantics/z3/z3_terms.h"

#include <stdexcept>
#include <string>

namespace secco::semantics {
namespace {

const char* const kVarNames[] = {"nr", "arch", "instruction_pointer", "arg0", "arg1", "arg2", "arg3", "arg4", "arg5"};

}  // namespace

z3::expr Z3Terms::var(Var v) {
  return c_.bv_const(kVarNames[v], v == kNr || v == kArch ? 32 : 64);
}

z3::expr Z3Terms::expr(const TermNode* nodes, std::size_t count, TermId t) {
  if (t < have_.size() && have_[t]) return done_[t];
  // Operands first, without recursion (a long ite chain is deep).
  std::vector<TermId> work{t};
  while (!work.empty()) {
    TermId u = work.back();
    if (u < have_.size() && have_[u]) {
      work.pop_back();
      continue;
    }
    if (u >= count) throw std::logic_error("solver module: a term outside the store");
    const TermNode& n = nodes[u];
    bool ready = true;
    const TermId operands[] = {n.a, n.b, n.c};
    for (unsigned i = 0; i < arity(n.op); ++i) {
      if (operands[i] >= have_.size() || !have_[operands[i]]) {
        work.push_back(operands[i]);
        ready = false;
      }
    }
    if (!ready) continue;
    work.pop_back();
    if (have_.size() <= u) {
      have_.resize(u + 1, false);
      done_.resize(u + 1, c_.bool_val(false));
    }
    done_[u] = make(n);
    have_[u] = true;
  }
  return done_[t];
}

z3::expr Z3Terms::make(const TermNode& n) {
  auto a = [&] { return done_[n.a]; };
  auto b = [&] { return done_[n.b]; };
  switch (n.op) {
    case Op::Const:
      if (n.width == 1) return c_.bool_val(n.k != 0);
      return c_.bv_val(static_cast<std::uint64_t>(n.k), n.width);
    case Op::Var:
      if (n.k >= kVarCount) break;
      return c_.bv_const(kVarNames[n.k], n.width);
    case Op::Low:
      return a().extract(31, 0);
    case Op::High:
      return a().extract(63, 32);
    case Op::ZExt:
      return z3::zext(a(), 32);
    case Op::Add:
      return a() + b();
    case Op::Sub:
      return a() - b();
    case Op::Mul:
      return a() * b();
    case Op::UDiv:
      return z3::udiv(a(), b());
    case Op::URem:
      return z3::urem(a(), b());
    case Op::And:
      return a() & b();
    case Op::Or:
      return a() | b();
    case Op::Xor:
      return a() ^ b();
    case Op::Shl:
      return z3::shl(a(), b());
    case Op::LShr:
      return z3::lshr(a(), b());
    case Op::BvNot:
      return ~a();
    case Op::Eq:
      return a() == b();
    case Op::Ult:
      return z3::ult(a(), b());
    case Op::Ule:
      return z3::ule(a(), b());
    case Op::Not:
      return !a();
    case Op::LAnd:
      return a() && b();
    case Op::LOr:
      return a() || b();
    case Op::Ite:
      return z3::ite(a(), b(), done_[n.c]);
  }
  throw std::logic_error("semantics: unknown term operation");
}

}  // namespace secco::semantics
