#include "semantics/cond_formula.h"

#include "bpf/program.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kArgsOffset = 16;

std::optional<TermId> term(const TermPtr& t, Inputs& in) {
  TermStore& s = in.terms;
  switch (t->kind) {
    case Term::Kind::Const:
      return s.constant(t->k, 32);
    case Term::Kind::Word: {
      // Offsets as on a little-endian ABI: the low half first (explain's walker maps them).
      const TermId field = t->k < kArgsOffset ? in.ip : in.args.at((t->k - kArgsOffset) / 8);
      return t->k % 8 == 0 ? s.low(field) : s.high(field);
    }
    case Term::Kind::Alu:
      break;
  }
  std::optional<TermId> a = term(t->a, in);
  if (!a) return std::nullopt;
  if (t->op == op::NEG) return s.binary(Op::Sub, s.constant(0, 32), *a);
  std::optional<TermId> b = term(t->b, in);
  if (!b) return std::nullopt;
  switch (t->op) {
    case op::ADD:
      return s.binary(Op::Add, *a, *b);
    case op::SUB:
      return s.binary(Op::Sub, *a, *b);
    case op::MUL:
      return s.binary(Op::Mul, *a, *b);
    case op::OR:
      return s.binary(Op::Or, *a, *b);
    case op::AND:
      return s.binary(Op::And, *a, *b);
    case op::XOR:
      return s.binary(Op::Xor, *a, *b);
    case op::LSH:
      return s.binary(Op::Shl, *a, s.binary(Op::And, *b, s.constant(31, 32)));
    case op::RSH:
      return s.binary(Op::LShr, *a, s.binary(Op::And, *b, s.constant(31, 32)));
    default:
      return std::nullopt;  // DIV, and anything else
  }
}

TermId compare(TermStore& s, std::uint16_t jop, TermId a, TermId b) {
  switch (jop) {
    case op::JEQ:
      return s.binary(Op::Eq, a, b);
    case op::JGT:
      return s.ugt(a, b);
    case op::JGE:
      return s.uge(a, b);
    default:
      return s.ne(s.binary(Op::And, a, b), s.constant(0, s.width(a)));
  }
}

}  // namespace

std::optional<TermId> term_formula(const TermPtr& t, Inputs& in) {
  return term(t, in);
}

std::optional<TermId> cond_formula(const CondPtr& cond, Inputs& in) {
  TermStore& s = in.terms;
  switch (cond->kind) {
    case Cond::Kind::True:
      return s.boolean(true);
    case Cond::Kind::False:
      return s.boolean(false);
    case Cond::Kind::Lit: {
      std::optional<TermId> a = term(cond->a, in), b = term(cond->b, in);
      if (!a || !b) return std::nullopt;
      TermId e = compare(s, cond->jop, *a, *b);
      return cond->negated ? s.lnot(e) : e;
    }
    case Cond::Kind::Lit64: {
      TermId e = compare(s, cond->jop, in.args.at(cond->arg), s.constant(cond->value, 64));
      return cond->negated ? s.lnot(e) : e;
    }
    case Cond::Kind::Not: {
      std::optional<TermId> k = cond_formula(cond->kids.at(0), in);
      if (!k) return std::nullopt;
      return s.lnot(*k);
    }
    case Cond::Kind::And:
    case Cond::Kind::Or: {
      const bool conj = cond->kind == Cond::Kind::And;
      TermId e = s.boolean(conj);
      for (const CondPtr& kid : cond->kids) {
        std::optional<TermId> k = cond_formula(kid, in);
        if (!k) return std::nullopt;
        e = s.binary(conj ? Op::LAnd : Op::LOr, e, *k);
      }
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace secco::semantics
