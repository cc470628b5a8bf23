// The pieces of `explain`'s conditions (internal to semantics/): 32-bit terms over the words of
// struct seccomp_data, literals (one BPF comparison, or a 64-bit comparison of a whole argument
// rebuilt from its two halves), and their conjunctions and disjunctions, printed in the policy
// language. Every term is printed with the meaning BPF gives it (32-bit wrapping, shifts by X
// masked to 5 bits as the kernel does).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "semantics/explain.h"

namespace secco::semantics {

struct Term;
using TermPtr = std::shared_ptr<const Term>;

struct Term {
  enum class Kind { Const, Word, Alu } kind = Kind::Const;
  std::uint32_t k = 0;   // Const: the value; Word: the offset in struct seccomp_data
  std::uint16_t op = 0;  // Alu: bpf::op::ADD ...
  TermPtr a, b;          // Alu operands (b unused for NEG)
  static TermPtr constant(std::uint32_t v);
  static TermPtr word(std::uint32_t offset);
  static TermPtr alu(std::uint16_t op, TermPtr a, TermPtr b);
  bool is_const() const { return kind == Kind::Const; }
};

bool same_term(const TermPtr& a, const TermPtr& b);

struct Cond {
  enum class Kind { True, False, Lit, Lit64, And, Or, Not } kind = Kind::True;
  // Lit: `a OP b` for the BPF jump `jop` (JEQ, JGT, JGE, JSET), or its negation.
  // Lit64: `argN OP value` over the whole 64-bit argument N (JEQ, JGT, JGE), or its negation.
  std::uint16_t jop = 0;
  bool negated = false;
  TermPtr a, b;
  unsigned arg = 0;
  std::uint64_t value = 0;
  std::vector<CondPtr> kids;  // And, Or; Not: one
};

CondPtr cond_true();
CondPtr cond_false();
CondPtr cond_lit(std::uint16_t jop, TermPtr a, TermPtr b, bool negated);
CondPtr cond_not_lit(const CondPtr& lit);
CondPtr cond_or(const CondPtr& a, const CondPtr& b);
// The negation; a literal's is the opposite literal.
CondPtr cond_not(const CondPtr& c);
// Rewrites the halves' tests that libseccomp and secco emit for one 64-bit comparison
// (`argH == h && argL == l`, `argH > h || argH == h && argL > l`) as that comparison.
CondPtr cond_merge_halves(const CondPtr& c);
// Throws ExplainError when a literal reads a word the language has no name for.
void cond_check_words(const CondPtr& c);
// How many binary operators the printed text has (the front end limits a line).
std::size_t cond_operators(const CondPtr& c);

}  // namespace secco::semantics
