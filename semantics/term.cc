#include "semantics/term.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace secco::semantics {
namespace {

std::uint64_t mask(unsigned width) {
  return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1;
}

bool commutative(Op op) {
  return op == Op::Add || op == Op::Mul || op == Op::And || op == Op::Or || op == Op::Xor || op == Op::Eq ||
         op == Op::LAnd || op == Op::LOr;
}

bool is_bool_result(Op op) {
  return op == Op::Eq || op == Op::Ult || op == Op::Ule || op == Op::LAnd || op == Op::LOr;
}

// fold_op, inlined into the evaluator's loop.
[[gnu::always_inline]] inline std::uint64_t fold(Op op, unsigned width, std::uint64_t a, std::uint64_t b) {
  const std::uint64_t m = mask(width);
  switch (op) {
    case Op::Add:
      return (a + b) & m;
    case Op::Sub:
      return (a - b) & m;
    case Op::Mul:
      return (a * b) & m;
    case Op::UDiv:
      return b == 0 ? m : a / b;
    case Op::URem:
      return b == 0 ? a : a % b;
    case Op::And:
      return a & b;
    case Op::Or:
      return a | b;
    case Op::Xor:
      return a ^ b;
    case Op::Shl:
      return b >= width ? 0 : (a << b) & m;
    case Op::LShr:
      return b >= width ? 0 : a >> b;
    case Op::Eq:
      return a == b;
    case Op::Ult:
      return a < b;
    case Op::Ule:
      return a <= b;
    case Op::LAnd:
      return (a != 0) && (b != 0);
    case Op::LOr:
      return (a != 0) || (b != 0);
    default:
      throw std::logic_error("semantics: fold of a non-binary operation");
  }
}

}  // namespace

std::uint64_t fold_op(Op op, unsigned width, std::uint64_t a, std::uint64_t b) {
  return fold(op, width, a, b);
}

std::size_t TermStore::KeyHash::operator()(const Key& x) const {
  std::uint64_t h = x.k * 0x9e3779b97f4a7c15ULL;
  h ^= (std::uint64_t{x.a} << 32 | x.b) + 0x632be59bd9b4e019ULL + (h << 6) + (h >> 2);
  h ^= (std::uint64_t{x.c} << 16 | x.op_width) + 0x94d049bb133111ebULL + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

TermStore::TermStore() {
  nodes_.reserve(256);
}

TermId TermStore::make(const TermNode& n) {
  Key key{n.k, n.a, n.b, n.c, static_cast<std::uint16_t>(static_cast<unsigned>(n.op) << 8 | n.width)};
  auto [it, inserted] = index_.try_emplace(key, static_cast<TermId>(nodes_.size()));
  if (inserted) nodes_.push_back(n);
  return it->second;
}

TermId TermStore::constant(std::uint64_t v, unsigned width) {
  return make(TermNode{Op::Const, static_cast<std::uint8_t>(width), 0, 0, 0, v & mask(width)});
}

TermId TermStore::var(Var v) {
  return make(TermNode{Op::Var, static_cast<std::uint8_t>(v == kNr || v == kArch ? 32 : 64), 0, 0, 0, v});
}

TermId TermStore::low(TermId a) {
  const TermNode& n = node(a);
  if (n.op == Op::Const) return constant(n.k, 32);
  if (n.op == Op::ZExt) return n.a;
  return make(TermNode{Op::Low, 32, a});
}

TermId TermStore::high(TermId a) {
  const TermNode& n = node(a);
  if (n.op == Op::Const) return constant(n.k >> 32, 32);
  if (n.op == Op::ZExt) return constant(0, 32);
  return make(TermNode{Op::High, 32, a});
}

TermId TermStore::zext(TermId a) {
  if (is_const(a)) return constant(value(a), 64);
  return make(TermNode{Op::ZExt, 64, a});
}

TermId TermStore::binary(Op op, TermId a, TermId b) {
  const unsigned w = width(a);
  if (w != width(b)) throw std::logic_error("semantics: operands of different widths");
  if (is_const(a) && is_const(b)) return constant(fold_op(op, w, value(a), value(b)), is_bool_result(op) ? 1 : w);
  if (commutative(op) && is_const(a)) std::swap(a, b);
  const bool kb = is_const(b);
  const std::uint64_t vb = kb ? value(b) : 0;
  switch (op) {
    case Op::Add:
    case Op::Sub:
    case Op::Or:
    case Op::Xor:
      if (kb && vb == 0) return a;
      if (op == Op::Or && a == b) return a;
      break;
    case Op::And:
      if (kb && vb == 0) return b;
      if (kb && vb == mask(w)) return a;
      if (a == b) return a;
      break;
    case Op::Mul:
      if (kb && vb == 0) return b;
      if (kb && vb == 1) return a;
      break;
    case Op::Shl:
    case Op::LShr:
      if (kb && vb == 0) return a;
      if (kb && vb >= w) return constant(0, w);
      break;
    case Op::Eq:
      if (a == b) return boolean(true);
      break;
    case Op::Ult:
      if (a == b || (kb && vb == 0)) return boolean(false);
      break;
    case Op::Ule:
      if (a == b || (is_const(a) && value(a) == 0)) return boolean(true);
      break;
    case Op::LAnd:
      if (kb) return vb ? a : b;
      if (a == b) return a;
      break;
    case Op::LOr:
      if (kb) return vb ? b : a;
      if (a == b) return a;
      break;
    default:
      break;
  }
  return make(TermNode{op, static_cast<std::uint8_t>(is_bool_result(op) ? 1 : w), a, b});
}

TermId TermStore::bvnot(TermId a) {
  if (is_const(a)) return constant(~value(a), width(a));
  if (node(a).op == Op::BvNot) return node(a).a;
  return make(TermNode{Op::BvNot, static_cast<std::uint8_t>(width(a)), a});
}

TermId TermStore::lnot(TermId a) {
  if (is_const(a)) return boolean(value(a) == 0);
  if (node(a).op == Op::Not) return node(a).a;
  return make(TermNode{Op::Not, 1, a});
}

TermId TermStore::ite(TermId cond, TermId then, TermId otherwise) {
  if (width(then) != width(otherwise)) throw std::logic_error("semantics: ite arms of different widths");
  if (is_const(cond)) return value(cond) ? then : otherwise;
  if (then == otherwise) return then;
  if (width(then) == 1 && is_const(then) && is_const(otherwise)) return value(then) ? cond : lnot(cond);
  if (node(cond).op == Op::Not) return ite(node(cond).a, otherwise, then);
  return make(TermNode{Op::Ite, static_cast<std::uint8_t>(width(then)), cond, then, otherwise});
}

namespace {

// prepare()'s marks by term id, kept between calls (stamped, so never cleared): a mark is valid
// when its stamp is the current one.
struct PrepareScratch {
  std::vector<std::uint32_t> stamp;
  std::vector<std::uint32_t> slot;
  std::uint32_t current = 0;
};

}  // namespace

void Evaluator::prepare(const std::vector<TermId>& roots) {
  static thread_local PrepareScratch scratch;
  if (scratch.stamp.size() < store_.size()) {
    scratch.stamp.resize(store_.size(), 0);
    scratch.slot.resize(store_.size(), 0);
  }
  if (++scratch.current == 0) {  // wrapped: every old stamp could look current
    std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
    scratch.current = 1;
  }
  const std::uint32_t current = scratch.current;
  order_.clear();
  std::vector<TermId> work(roots.begin(), roots.end());
  while (!work.empty()) {
    TermId t = work.back();
    work.pop_back();
    if (scratch.stamp[t] == current) continue;
    scratch.stamp[t] = current;
    order_.push_back(t);
    const TermNode& n = store_.node(t);
    const TermId operands[] = {n.a, n.b, n.c};
    for (unsigned i = 0; i < arity(n.op); ++i) work.push_back(operands[i]);
  }
  // Operands are made before the terms that use them, so ids order them.
  std::sort(order_.begin(), order_.end());
  for (std::uint32_t i = 0; i < order_.size(); ++i) scratch.slot[order_[i]] = i;
  steps_.resize(order_.size());
  for (std::uint32_t i = 0; i < order_.size(); ++i) {
    const TermNode& n = store_.node(order_[i]);
    Step& step = steps_[i];
    step.op = n.op;
    step.width = n.width;
    step.operand_width = arity(n.op) > 0 ? static_cast<std::uint8_t>(store_.width(n.a)) : 0;
    step.k = n.k;
    const TermId operands[] = {n.a, n.b, n.c};
    std::uint32_t* slots[] = {&step.a, &step.b, &step.c};
    for (unsigned j = 0; j < 3; ++j) *slots[j] = j < arity(n.op) ? scratch.slot[operands[j]] : 0;
  }
  values_.assign(order_.size(), 0);
  known_.clear();
  leaf_.clear();
  stages_.clear();
  changed_.clear();
  listed_.clear();
}

std::uint64_t Evaluator::value(TermId t) const {
  auto it = std::lower_bound(order_.begin(), order_.end(), t);
  if (it == order_.end() || *it != t) throw std::out_of_range("semantics: value of a term not prepared");
  return values_[static_cast<std::size_t>(it - order_.begin())];
}

void Evaluator::stage(const std::function<std::optional<unsigned>(const TermNode&)>& leaf) {
  // order_ is in id order: operands come first.
  stages_.assign(order_.size(), kNeverChanges);
  leaf_.assign(order_.size(), 0);
  for (std::uint32_t i = 0; i < order_.size(); ++i) {
    const TermNode& n = store_.node(order_[i]);
    if (std::optional<unsigned> own = leaf(n)) {
      stages_[i] = *own;
      leaf_[i] = 1;
      continue;
    }
    const Step& step = steps_[i];
    const std::uint32_t operands[] = {step.a, step.b, step.c};
    for (unsigned j = 0; j < arity(n.op); ++j) stages_[i] = std::min(stages_[i], stages_[operands[j]]);
  }
  changed_.clear();
  listed_.clear();
}

[[gnu::always_inline]] inline void Evaluator::evaluate_step(const std::uint64_t (&input)[kVarCount], std::uint32_t i) {
  const Step& n = steps_[i];
  const std::uint64_t a = values_[n.a], b = values_[n.b];
  std::uint64_t& v = values_[i];
  switch (n.op) {
    case Op::Const:
      v = n.k;
      break;
    case Op::Var:
      v = input[n.k] & mask(n.width);
      break;
    case Op::Low:
      v = a & 0xffffffffULL;
      break;
    case Op::High:
      v = a >> 32;
      break;
    case Op::ZExt:
      v = a;
      break;
    case Op::BvNot:
      v = ~a & mask(n.width);
      break;
    case Op::Not:
      v = a == 0;
      break;
    case Op::Ite:
      v = a != 0 ? b : values_[n.c];
      break;
    default:
      v = fold(n.op, n.operand_width, a, b);
  }
}

const std::vector<std::uint32_t>& Evaluator::changed(unsigned s) {
  if (s >= listed_.size()) {
    listed_.resize(s + 1, 0);
    changed_.resize(s + 1);
  }
  std::vector<std::uint32_t>& terms = changed_[s];
  if (listed_[s] == 0) {
    for (std::uint32_t i = 0; i < order_.size(); ++i)
      if (stages_[i] <= s) terms.push_back(i);
    listed_[s] = 1;
  }
  return terms;
}

void Evaluator::evaluate_changed(const std::uint64_t (&input)[kVarCount], unsigned s) {
  for (std::uint32_t i : changed(s)) evaluate_step(input, i);
}

[[gnu::always_inline]] inline void Evaluator::partial_step(const std::uint64_t (&input)[kVarCount], unsigned s,
                                                           std::uint32_t i) {
  evaluate_step(input, i);
  const Step& n = steps_[i];
  if (leaf_[i] != 0) {
    // An input without a stage is never fixed by the search: unknown.
    known_[i] = stages_[i] != kNeverChanges && stages_[i] >= s;
    return;
  }
  const bool ka = known_[n.a] != 0, kb = known_[n.b] != 0;
  const std::uint64_t a = values_[n.a], b = values_[n.b];
  bool k = false;
  switch (n.op) {
    case Op::Const:
      k = true;
      break;
    case Op::Var:  // an input no stage was given for (nr, arch): never fixed by the search
      k = false;
      break;
    case Op::Low:
    case Op::High:
    case Op::ZExt:
    case Op::BvNot:
    case Op::Not:
      k = ka;
      break;
    case Op::Ite:
      k = ka ? (a != 0 ? kb : known_[n.c] != 0) : kb && known_[n.c] != 0 && b == values_[n.c];
      break;
    case Op::LAnd:
    case Op::And:
      k = (ka && kb) || (ka && a == 0) || (kb && b == 0);
      break;
    case Op::LOr:
      k = (ka && kb) || (ka && a != 0) || (kb && b != 0);
      break;
    default:
      k = ka && kb;
  }
  known_[i] = k;
}

void Evaluator::evaluate_partial(const std::uint64_t (&input)[kVarCount], unsigned s, bool all) {
  known_.resize(order_.size(), 0);
  if (all) {
    for (std::uint32_t i = 0; i < order_.size(); ++i) partial_step(input, s, i);
    return;
  }
  for (std::uint32_t i : changed(s)) partial_step(input, s, i);
}

void Evaluator::dump() const {
  for (std::uint32_t i = 0; i < order_.size(); ++i) {
    const Step& n = steps_[i];
    fprintf(stderr, "  #%u t%u op=%d w=%d a=%u b=%u c=%u k=%llx stage=%d leaf=%d known=%d val=%llx\n", i, order_[i],
            (int)n.op, n.width, n.a, n.b, n.c, (unsigned long long)n.k, (int)stages_[i], leaf_[i], known_[i],
            (unsigned long long)values_[i]);
  }
}

bool Evaluator::known(TermId t) const {
  auto it = std::lower_bound(order_.begin(), order_.end(), t);
  if (it == order_.end() || *it != t) throw std::out_of_range("semantics: value of a term not prepared");
  return known_[static_cast<std::size_t>(it - order_.begin())] != 0;
}

void Evaluator::evaluate(const std::uint64_t (&input)[kVarCount]) {
  for (std::uint32_t i = 0; i < order_.size(); ++i) evaluate_step(input, i);
}

}  // namespace secco::semantics
