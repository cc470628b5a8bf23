#include "semantics/term.h"

#include <algorithm>
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

}  // namespace

std::uint64_t fold_op(Op op, unsigned width, std::uint64_t a, std::uint64_t b) {
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

void Evaluator::prepare(const std::vector<TermId>& roots) {
  order_.clear();
  slot_.clear();
  std::vector<TermId> work(roots.begin(), roots.end());
  std::unordered_map<TermId, bool> seen;
  while (!work.empty()) {
    TermId t = work.back();
    work.pop_back();
    if (!seen.emplace(t, true).second) continue;
    order_.push_back(t);
    const TermNode& n = store_.node(t);
    const TermId operands[] = {n.a, n.b, n.c};
    for (unsigned i = 0; i < arity(n.op); ++i) work.push_back(operands[i]);
  }
  // Operands are made before the terms that use them, so ids order them.
  std::sort(order_.begin(), order_.end());
  for (std::uint32_t i = 0; i < order_.size(); ++i) slot_.emplace(order_[i], i);
  operands_.assign(order_.size() * 3, 0);
  for (std::uint32_t i = 0; i < order_.size(); ++i) {
    const TermNode& n = store_.node(order_[i]);
    auto at = [&](TermId t) {
      auto it = slot_.find(t);
      return it == slot_.end() ? 0U : it->second;
    };
    const TermId operands[] = {n.a, n.b, n.c};
    for (unsigned j = 0; j < arity(n.op); ++j) operands_[3 * i + j] = at(operands[j]);
  }
  values_.assign(order_.size(), 0);
}

void Evaluator::evaluate(const std::uint64_t (&input)[kVarCount]) {
  for (std::uint32_t i = 0; i < order_.size(); ++i) {
    const TermNode& n = store_.node(order_[i]);
    const std::uint64_t a = values_[operands_[3 * i]], b = values_[operands_[3 * i + 1]];
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
        v = a != 0 ? b : values_[operands_[3 * i + 2]];
        break;
      default:
        v = fold_op(n.op, store_.width(n.a), a, b);
    }
  }
}

}  // namespace secco::semantics
