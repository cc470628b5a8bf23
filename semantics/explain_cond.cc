#include "semantics/explain_cond.h"

#include <algorithm>
#include <functional>

#include "support/fmt.h"

#include "bpf/program.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kArgsOffset = 16;

std::string number(std::uint64_t v) {
  return v < 10 ? std::to_string(v) : fmt::format("0x{:x}", v);
}

std::string term_text(const TermPtr& t) {
  switch (t->kind) {
    case Term::Kind::Const:
      return number(t->k);
    case Term::Kind::Word: {
      if (t->k < kArgsOffset)
        throw ExplainError(
            fmt::format("the program tests instruction_pointer (offset {}), which the policy "
                        "language has no name for",
                        t->k));
      unsigned n = (t->k - kArgsOffset) / 8;
      return fmt::format("arg{}{}", (t->k - kArgsOffset) % 8 == 0 ? 'L' : 'H', n);
    }
    case Term::Kind::Alu:
      break;
  }
  std::string a = term_text(t->a);
  switch (t->op) {
    case op::NEG:
      return "(0 - " + a + ")";
    case op::LSH:
    case op::RSH: {
      // BPF shifts by X modulo 32; the language's shift by 32 or more gives 0.
      std::string b = t->b->is_const() ? number(t->b->k & 31) : "(" + term_text(t->b) + " & 31)";
      return "(" + a + (t->op == op::LSH ? " << " : " >> ") + b + ")";
    }
    default:
      break;
  }
  const char* sym = "+";
  switch (t->op) {
    case op::SUB:
      sym = "-";
      break;
    case op::MUL:
      sym = "*";
      break;
    case op::DIV:
      sym = "/";
      break;
    case op::OR:
      sym = "|";
      break;
    case op::AND:
      sym = "&";
      break;
    case op::XOR:
      sym = "^";
      break;
    default:
      break;
  }
  return "(" + a + " " + sym + " " + term_text(t->b) + ")";
}

const char* compare_text(std::uint16_t jop, bool negated) {
  switch (jop) {
    case op::JEQ:
      return negated ? "!=" : "==";
    case op::JGT:
      return negated ? "<=" : ">";
    case op::JGE:
      return negated ? "<" : ">=";
    default:
      return "&?";
  }
}

std::string lit_text(const Cond& c) {
  if (c.kind == Cond::Kind::Lit64)
    return fmt::format("arg{} {} {}", c.arg, compare_text(c.jop, c.negated), number(c.value));
  std::string text = term_text(c.a) + " " + compare_text(c.jop, c.negated && c.jop != op::JSET) + " " + term_text(c.b);
  if (c.jop == op::JSET && c.negated) return "!(" + text + ")";
  return text;
}

CondPtr make(Cond c) {
  return std::make_shared<const Cond>(std::move(c));
}

// `t == k` (or `t != k` when `negated`) with a constant k.
bool eq_test(const CondPtr& c, bool negated, TermPtr& t, std::uint32_t& k) {
  if (c->kind != Cond::Kind::Lit || c->jop != op::JEQ || c->negated != negated || !c->b->is_const()) return false;
  t = c->a;
  k = c->b->k;
  return true;
}

// In a conjunction, what its direct `t == k` and `t != k` tests say: a kid `t != k` implied by
// a `t == k'`, and a disjunct contradicting them, are dropped (`secco diff` conjoins the
// conditions of two programs, which test the same words).
struct EqFacts {
  std::vector<std::pair<TermPtr, std::uint32_t>> eq, ne;
  // Whether `c` cannot hold together with the facts.
  bool contradicts(const CondPtr& c) const {
    TermPtr t;
    std::uint32_t k = 0;
    if (eq_test(c, false, t, k)) {
      for (const auto& [u, v] : eq)
        if (v != k && same_term(u, t)) return true;
      for (const auto& [u, v] : ne)
        if (v == k && same_term(u, t)) return true;
    } else if (eq_test(c, true, t, k)) {
      for (const auto& [u, v] : eq)
        if (v == k && same_term(u, t)) return true;
    } else if (c->kind == Cond::Kind::And) {
      for (const CondPtr& x : c->kids)
        if (contradicts(x)) return true;
    }
    return false;
  }
  bool implies_ne(const CondPtr& c) const {
    TermPtr t;
    std::uint32_t k = 0;
    if (!eq_test(c, true, t, k)) return false;
    for (const auto& [u, v] : eq)
      if (v != k && same_term(u, t)) return true;
    return false;
  }
};

CondPtr make_junction(Cond::Kind kind, std::vector<CondPtr> kids);

bool term_divides(const TermPtr& t) {
  return t && t->kind == Term::Kind::Alu && (t->op == op::DIV || term_divides(t->a) || term_divides(t->b));
}

bool divides(const CondPtr& c) {
  if (c->kind == Cond::Kind::Lit) return term_divides(c->a) || term_divides(c->b);
  for (const CondPtr& k : c->kids)
    if (divides(k)) return true;
  return false;
}

CondPtr prune_and(std::vector<CondPtr> kids) {
  // A run-time division traps when its divisor is 0: its guards stay, in their order.
  if (std::any_of(kids.begin(), kids.end(), divides)) return make_junction(Cond::Kind::And, std::move(kids));
  EqFacts facts;
  for (const CondPtr& c : kids) {
    TermPtr t;
    std::uint32_t k = 0;
    if (eq_test(c, false, t, k)) facts.eq.emplace_back(t, k);
    if (eq_test(c, true, t, k)) facts.ne.emplace_back(t, k);
  }
  std::vector<CondPtr> out;
  bool pruned = false;  // a disjunction lost a disjunct: what is left may say more
  for (const CondPtr& c : kids) {
    if (facts.contradicts(c)) return cond_false();
    if (facts.implies_ne(c)) continue;
    if (c->kind != Cond::Kind::Or) {
      out.push_back(c);
      continue;
    }
    std::vector<CondPtr> alive;
    for (const CondPtr& d : c->kids)
      if (!facts.contradicts(d)) alive.push_back(d);
    if (alive.empty()) return cond_false();
    pruned = pruned || alive.size() < c->kids.size();
    CondPtr kept = alive.size() == 1 ? alive[0] : make_junction(Cond::Kind::Or, std::move(alive));
    if (kept->kind == Cond::Kind::And)
      out.insert(out.end(), kept->kids.begin(), kept->kids.end());
    else
      out.push_back(kept);
  }
  if (out.size() == 1) return out[0];
  if (pruned) return prune_and(std::move(out));
  return make_junction(Cond::Kind::And, std::move(out));
}

CondPtr make_junction(Cond::Kind kind, std::vector<CondPtr> kids) {
  Cond c;
  c.kind = kind;
  c.kids = std::move(kids);
  return make(std::move(c));
}

CondPtr junction(Cond::Kind kind, const CondPtr& a, const CondPtr& b) {
  Cond::Kind unit = kind == Cond::Kind::And ? Cond::Kind::True : Cond::Kind::False;
  Cond::Kind zero = kind == Cond::Kind::And ? Cond::Kind::False : Cond::Kind::True;
  if (a->kind == zero || b->kind == unit) return a;
  if (b->kind == zero || a->kind == unit) return b;
  Cond c;
  c.kind = kind;
  for (const CondPtr& x : {a, b}) {
    if (x->kind == kind)
      c.kids.insert(c.kids.end(), x->kids.begin(), x->kids.end());
    else
      c.kids.push_back(x);
  }
  if (kind == Cond::Kind::And) return prune_and(std::move(c.kids));
  return make(std::move(c));
}

// The argument index and half (true: high) of a word term, if it is one.
bool arg_half(const TermPtr& t, unsigned& arg, bool& high) {
  if (t->kind != Term::Kind::Word || t->k < kArgsOffset) return false;
  arg = (t->k - kArgsOffset) / 8;
  high = (t->k - kArgsOffset) % 8 != 0;
  return true;
}

// `argHn OP h` / `argLn OP l` with a constant right side, not negated.
bool half_test(const CondPtr& c, std::uint16_t jop, bool want_high, unsigned& arg, std::uint32_t& k) {
  bool high = false;
  if (c->kind != Cond::Kind::Lit || c->jop != jop || c->negated || !c->b->is_const()) return false;
  if (!arg_half(c->a, arg, high) || high != want_high) return false;
  k = c->b->k;
  return true;
}

CondPtr lit64(unsigned arg, std::uint16_t jop, std::uint64_t value) {
  Cond c;
  c.kind = Cond::Kind::Lit64;
  c.arg = arg;
  c.jop = jop;
  c.value = value;
  return make(std::move(c));
}

std::uint64_t join_halves(std::uint32_t high, std::uint32_t low) {
  return (std::uint64_t{high} << 32) | low;
}

// In an And: `argHn == h` and `argLn == l` become `argn == (h:l)`.
std::vector<CondPtr> merge_and(std::vector<CondPtr> kids) {
  for (std::size_t i = 0; i < kids.size(); ++i) {
    unsigned ai = 0;
    std::uint32_t h = 0;
    if (!half_test(kids[i], op::JEQ, true, ai, h)) continue;
    for (std::size_t j = 0; j < kids.size(); ++j) {
      unsigned aj = 0;
      std::uint32_t l = 0;
      if (j == i || !half_test(kids[j], op::JEQ, false, aj, l) || aj != ai) continue;
      kids[i] = lit64(ai, op::JEQ, join_halves(h, l));
      kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(j));
      break;
    }
  }
  return kids;
}

// In an Or: `argHn > h` and `argHn == h && argLn > l` (or >=) become `argn > (h:l)` (or >=).
std::vector<CondPtr> merge_or(std::vector<CondPtr> kids) {
  for (std::size_t i = 0; i < kids.size(); ++i) {
    unsigned ai = 0;
    std::uint32_t h = 0;
    if (!half_test(kids[i], op::JGT, true, ai, h)) continue;
    for (std::size_t j = 0; j < kids.size(); ++j) {
      const CondPtr& k = kids[j];
      if (j == i || k->kind != Cond::Kind::And || k->kids.size() != 2) continue;
      unsigned a1 = 0, a2 = 0;
      std::uint32_t h2 = 0, l = 0;
      std::uint16_t jop = 0;
      if (!half_test(k->kids[0], op::JEQ, true, a1, h2) || a1 != ai || h2 != h) continue;
      if (half_test(k->kids[1], op::JGT, false, a2, l))
        jop = op::JGT;
      else if (half_test(k->kids[1], op::JGE, false, a2, l))
        jop = op::JGE;
      if (jop == 0 || a2 != ai) continue;
      kids[i] = lit64(ai, jop, join_halves(h, l));
      kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(j));
      break;
    }
  }
  return kids;
}

}  // namespace

TermPtr Term::constant(std::uint32_t v) {
  auto t = std::make_shared<Term>();
  t->kind = Kind::Const;
  t->k = v;
  return t;
}

TermPtr Term::word(std::uint32_t offset) {
  auto t = std::make_shared<Term>();
  t->kind = Kind::Word;
  t->k = offset;
  return t;
}

TermPtr Term::alu(std::uint16_t aop, TermPtr a, TermPtr b) {
  auto t = std::make_shared<Term>();
  t->kind = Kind::Alu;
  t->op = aop;
  t->a = std::move(a);
  t->b = std::move(b);
  return t;
}

bool same_term(const TermPtr& a, const TermPtr& b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind || a->k != b->k || a->op != b->op) return false;
  if (a->kind != Term::Kind::Alu) return true;
  return same_term(a->a, b->a) && same_term(a->b, b->b);
}

CondPtr cond_true() {
  static const CondPtr t = make(Cond{});
  return t;
}

CondPtr cond_false() {
  static const CondPtr f = [] {
    Cond c;
    c.kind = Cond::Kind::False;
    return make(std::move(c));
  }();
  return f;
}

CondPtr cond_lit(std::uint16_t jop, TermPtr a, TermPtr b, bool negated) {
  Cond c;
  c.kind = Cond::Kind::Lit;
  c.jop = jop;
  c.a = std::move(a);
  c.b = std::move(b);
  c.negated = negated;
  return make(std::move(c));
}

CondPtr cond_not_lit(const CondPtr& lit) {
  Cond c = *lit;
  c.negated = !c.negated;
  return make(std::move(c));
}

CondPtr cond_and(const CondPtr& a, const CondPtr& b) {
  return junction(Cond::Kind::And, a, b);
}

CondPtr cond_or(const CondPtr& a, const CondPtr& b) {
  return junction(Cond::Kind::Or, a, b);
}

CondPtr cond_not(const CondPtr& c) {
  switch (c->kind) {
    case Cond::Kind::True:
      return cond_false();
    case Cond::Kind::False:
      return cond_true();
    case Cond::Kind::Lit:
    case Cond::Kind::Lit64:
      return cond_not_lit(c);
    case Cond::Kind::Not:
      return c->kids[0];
    default:
      break;
  }
  Cond n;
  n.kind = Cond::Kind::Not;
  n.kids = {c};
  return make(std::move(n));
}

bool cond_is_true(const CondPtr& c) {
  return c->kind == Cond::Kind::True;
}

bool cond_is_false(const CondPtr& c) {
  return c->kind == Cond::Kind::False;
}

CondPtr cond_merge_halves(const CondPtr& c) {
  if (c->kind != Cond::Kind::And && c->kind != Cond::Kind::Or) return c;
  std::vector<CondPtr> kids;
  for (const CondPtr& k : c->kids) kids.push_back(cond_merge_halves(k));
  kids = c->kind == Cond::Kind::And ? merge_and(std::move(kids)) : merge_or(std::move(kids));
  if (kids.size() == 1) return kids[0];
  Cond out;
  out.kind = c->kind;
  out.kids = std::move(kids);
  return make(std::move(out));
}

void cond_check_words(const CondPtr& c) {
  (void)cond_text(c);
}

std::size_t cond_operators(const CondPtr& c) {
  std::size_t n = 0;
  std::function<void(const TermPtr&)> term = [&](const TermPtr& t) {
    if (t->kind != Term::Kind::Alu) return;
    n += t->op == op::LSH || t->op == op::RSH ? 2 : 1;
    term(t->a);
    if (t->b) term(t->b);
  };
  std::function<void(const CondPtr&)> walk = [&](const CondPtr& x) {
    if (x->kind == Cond::Kind::Lit) {
      ++n;
      term(x->a);
      term(x->b);
    } else if (x->kind == Cond::Kind::Lit64) {
      ++n;
    } else if (x->kind == Cond::Kind::Not) {
      walk(x->kids[0]);
    } else if (x->kind == Cond::Kind::And || x->kind == Cond::Kind::Or) {
      n += x->kids.size() - 1;
      for (const CondPtr& k : x->kids) walk(k);
    }
  };
  walk(c);
  return n;
}

std::string cond_text(const CondPtr& c) {
  switch (c->kind) {
    case Cond::Kind::True:
      return "true";
    case Cond::Kind::False:
      return "false";
    case Cond::Kind::Lit:
    case Cond::Kind::Lit64:
      return lit_text(*c);
    case Cond::Kind::Not:
      return "!(" + cond_text(c->kids[0]) + ")";
    case Cond::Kind::And:
    case Cond::Kind::Or:
      break;
  }
  std::string out;
  for (const CondPtr& k : c->kids) {
    if (!out.empty()) out += c->kind == Cond::Kind::And ? " && " : " || ";
    std::string t = cond_text(k);
    // && binds tighter than ||: only an Or inside an And needs parentheses.
    out += c->kind == Cond::Kind::And && k->kind == Cond::Kind::Or ? "(" + t + ")" : t;
  }
  return out;
}

}  // namespace secco::semantics
