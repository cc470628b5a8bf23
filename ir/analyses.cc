#include "ir/analyses.h"

#include <algorithm>

#include "ir/arith_rules.h"
#include "ir/constant_eval.h"

namespace secco::ir {
namespace {

constexpr std::uint64_t kWord = 0xffffffffULL;

ValueFacts exactly(std::uint64_t v) {
  return {~v, v, v, v};
}

ValueFacts within(std::uint64_t max) {
  ValueFacts f;
  f.max = max;
  // Bits above the highest bit of `max` are zero.
  std::uint64_t span = max;
  for (unsigned s = 1; s < 64; s <<= 1) span |= span >> s;
  f.zeros = ~span;
  return f;
}

// Tightens the range from the bits and the bits from an exact range.
ValueFacts settle(ValueFacts f) {
  f.min = std::max(f.min, f.ones);
  f.max = std::min(f.max, ~f.zeros);
  if (f.min > f.max) f.min = f.max;  // unreachable value: keep a consistent (empty-ish) fact
  if (f.min == f.max) f = exactly(f.min);
  return f;
}

// Facts of an operand as a 32-bit operation uses it (modulo 2^32).
ValueFacts as_word(ValueFacts f) {
  if (f.max <= kWord) return f;
  if (f.exact()) return exactly(f.min & kWord);
  ValueFacts w = within(kWord);
  w.ones = f.ones & kWord;
  w.zeros |= f.zeros & kWord;
  return settle(w);
}

ValueFacts arith_facts(Opcode op, Type type, ValueFacts a, ValueFacts b) {
  const bool word = type == Type::U32;
  const unsigned width = word ? 32 : 64;
  if (word) {
    a = as_word(a);
    b = as_word(b);
  }
  if (a.exact() && (op == Opcode::BitNot || b.exact())) {
    if (auto r = fold_arith(op, a.min, b.min, width)) return exactly(*r);
  }
  ValueFacts out = word ? within(kWord) : ValueFacts{};
  switch (op) {
    case Opcode::And:
      out.ones = a.ones & b.ones;
      out.zeros |= a.zeros | b.zeros;
      out.max = std::min({out.max, a.max, b.max});
      break;
    case Opcode::Or:
      out.ones = a.ones | b.ones;
      out.zeros |= a.zeros & b.zeros;
      out.min = std::max(a.min, b.min);
      break;
    case Opcode::Shr:
      if (b.exact()) {
        if (shift_gives_zero(b.min, width)) return exactly(0);
        out.min = a.min >> b.min;
        out.max = a.max >> b.min;
      }
      break;
    case Opcode::Add:
      if (word ? a.max + b.max <= kWord : a.max <= ~0ULL - b.max) {
        out.min = a.min + b.min;
        out.max = a.max + b.max;
      }
      break;
    case Opcode::Div:
      if (b.min > 0) out.max = a.max / b.min;
      break;
    case Opcode::Mod:
      if (b.max > 0) out.max = std::min(a.max, b.max - 1);
      break;
    default:
      break;
  }
  return settle(out);
}

ValueFacts compare_facts(Opcode op, const ValueFacts& a, const ValueFacts& b) {
  auto decided = [](bool v) { return exactly(v ? 1 : 0); };
  switch (op) {
    case Opcode::Eq:
    case Opcode::Ne:
      if (a.exact() && b.exact()) return decided((a.min == b.min) == (op == Opcode::Eq));
      if (a.max < b.min || b.max < a.min || (a.ones & b.zeros) != 0 || (a.zeros & b.ones) != 0)
        return decided(op == Opcode::Ne);
      break;
    case Opcode::Lt:
      if (a.max < b.min) return decided(true);
      if (a.min >= b.max) return decided(false);
      break;
    case Opcode::Le:
      if (a.max <= b.min) return decided(true);
      if (a.min > b.max) return decided(false);
      break;
    case Opcode::Gt:
      if (a.min > b.max) return decided(true);
      if (a.max <= b.min) return decided(false);
      break;
    case Opcode::Ge:
      if (a.min >= b.max) return decided(true);
      if (a.max < b.min) return decided(false);
      break;
    case Opcode::Test:
      if ((a.ones & b.ones) != 0) return decided(true);
      if (((~a.zeros) & (~b.zeros)) == 0) return decided(false);
      break;
    default:
      break;
  }
  return within(1);
}

}  // namespace

Liveness compute_liveness(const Function& f) {
  Liveness l;
  l.order = f.live_values();
  l.live.assign(f.value_count(), 0);
  for (ValueId v : l.order) l.live[v] = 1;
  return l;
}

MayTrap compute_may_trap(const Function& f) {
  // Operands have smaller ids than their users: one forward sweep.
  MayTrap t;
  t.trap.assign(f.value_count(), 0);
  for (ValueId v = 0; v < f.value_count(); ++v) {
    const Value& x = f.value(v);
    bool trap = false;
    if ((x.op == Opcode::Div || x.op == Opcode::Mod) && x.type == Type::U32) {
      const Value& d = f.value(x.operands[1]);
      trap = !(d.op == Opcode::Const && (d.imm & kWord) != 0);
    }
    for (ValueId o : x.operands) trap = trap || t.trap[o] != 0;
    t.trap[v] = trap ? 1 : 0;
  }
  return t;
}

KnownBits compute_known_bits(const Function& f) {
  KnownBits k;
  k.facts.resize(f.value_count());
  for (ValueId v = 0; v < f.value_count(); ++v) {
    const Value& x = f.value(v);
    const auto& o = x.operands;
    ValueFacts& out = k.facts[v];
    if (x.op == Opcode::Const) {
      out = exactly(x.imm);
    } else if (x.op == Opcode::ConstBool) {
      out = exactly(x.imm != 0 ? 1 : 0);
    } else if (x.op == Opcode::ArgLow || x.op == Opcode::ArgHigh || x.type == Type::U32) {
      out = within(kWord);
    } else if (x.type == Type::Bool || is_compare(x.op) || is_logic(x.op)) {
      out = within(1);
    }
    if (is_arith(x.op)) {
      ValueFacts b = x.op == Opcode::BitNot ? exactly(0) : k.facts[o[1]];
      out = arith_facts(x.op, x.type, k.facts[o[0]], b);
    } else if (is_compare(x.op)) {
      out = compare_facts(x.op, k.facts[o[0]], k.facts[o[1]]);
    }
  }
  return k;
}

UseCounts compute_use_counts(const Function& f) {
  UseCounts u;
  u.uses.assign(f.value_count(), 0);
  for (ValueId v : f.live_values())
    for (ValueId o : f.value(v).operands) ++u.uses[o];
  for (BlockId b : f.reverse_post_order()) {
    ValueId c = f.block(b).term.used_value();
    if (c != kNoValue) ++u.uses[c];
  }
  return u;
}

Cost compute_cost(const Function& f) {
  Cost c;
  c.instructions.assign(f.value_count(), 0);
  for (ValueId v = 0; v < f.value_count(); ++v) {
    const Value& x = f.value(v);
    const auto& o = x.operands;
    std::uint32_t n = 0;
    if (x.op == Opcode::ArgLow || x.op == Opcode::ArgHigh) {
      n = 1;
    } else if (x.op == Opcode::ArgFull) {
      n = 2;
    } else if (is_arith(x.op) || is_compare(x.op)) {
      n = c.instructions[o[0]] + 1;
      if (o.size() > 1 && f.value(o[1]).op != Opcode::Const) n += c.instructions[o[1]] + 2;
      if (x.op == Opcode::Mod && x.type == Type::U32) n += 3;
    } else {
      for (ValueId op : o) n += c.instructions[op] + 1;
    }
    c.instructions[v] = n;
  }
  return c;
}

}  // namespace secco::ir
