#include "semantics/cond_formula.h"

#include "bpf/program.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kArgsOffset = 16;

std::optional<z3::expr> term(const TermPtr& t, Z3Inputs& in) {
  z3::context& c = in.ctx;
  switch (t->kind) {
    case Term::Kind::Const:
      return c.bv_val(t->k, 32);
    case Term::Kind::Word: {
      // Offsets as on a little-endian ABI: the low half first (explain's walker maps them).
      const z3::expr& field = t->k < kArgsOffset ? in.ip : in.args[(t->k - kArgsOffset) / 8];
      return t->k % 8 == 0 ? field.extract(31, 0) : field.extract(63, 32);
    }
    case Term::Kind::Alu:
      break;
  }
  std::optional<z3::expr> a = term(t->a, in);
  if (!a) return std::nullopt;
  if (t->op == op::NEG) return -*a;
  std::optional<z3::expr> b = term(t->b, in);
  if (!b) return std::nullopt;
  switch (t->op) {
    case op::ADD:
      return *a + *b;
    case op::SUB:
      return *a - *b;
    case op::MUL:
      return *a * *b;
    case op::OR:
      return *a | *b;
    case op::AND:
      return *a & *b;
    case op::XOR:
      return *a ^ *b;
    case op::LSH:
      return z3::shl(*a, *b & c.bv_val(31, 32));
    case op::RSH:
      return z3::lshr(*a, *b & c.bv_val(31, 32));
    default:
      return std::nullopt;  // DIV, and anything else
  }
}

z3::expr compare(std::uint16_t jop, const z3::expr& a, const z3::expr& b) {
  switch (jop) {
    case op::JEQ:
      return a == b;
    case op::JGT:
      return z3::ugt(a, b);
    case op::JGE:
      return z3::uge(a, b);
    default:
      return (a & b) != a.ctx().bv_val(0, a.get_sort().bv_size());
  }
}

}  // namespace

std::optional<z3::expr> term_formula(const TermPtr& t, Z3Inputs& in) {
  return term(t, in);
}

std::optional<z3::expr> cond_formula(const CondPtr& cond, Z3Inputs& in) {
  z3::context& c = in.ctx;
  switch (cond->kind) {
    case Cond::Kind::True:
      return c.bool_val(true);
    case Cond::Kind::False:
      return c.bool_val(false);
    case Cond::Kind::Lit: {
      std::optional<z3::expr> a = term(cond->a, in), b = term(cond->b, in);
      if (!a || !b) return std::nullopt;
      z3::expr e = compare(cond->jop, *a, *b);
      return cond->negated ? !e : e;
    }
    case Cond::Kind::Lit64: {
      z3::expr e = compare(cond->jop, in.args.at(cond->arg), c.bv_val(static_cast<std::uint64_t>(cond->value), 64));
      return cond->negated ? !e : e;
    }
    case Cond::Kind::Not: {
      std::optional<z3::expr> k = cond_formula(cond->kids.at(0), in);
      if (!k) return std::nullopt;
      return !*k;
    }
    case Cond::Kind::And:
    case Cond::Kind::Or: {
      const bool conj = cond->kind == Cond::Kind::And;
      z3::expr e = c.bool_val(conj);
      for (const CondPtr& kid : cond->kids) {
        std::optional<z3::expr> k = cond_formula(kid, in);
        if (!k) return std::nullopt;
        e = conj ? e && *k : e || *k;
      }
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace secco::semantics
