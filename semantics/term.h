// The engine's own formulas: hash-consed bit-vector and boolean terms over the input fields,
// folded as they are built. Most regions are decided by evaluating these terms; only a query the
// engine cannot settle itself goes to the solver module (solver.h), so a compile that needs no
// solver never loads Z3. The arithmetic here is the engine's own (it must not borrow
// the passes' or the backend's), and follows Z3's bit-vector semantics exactly, so that a term
// and its translation always agree: division by 0 gives all ones, remainder by 0 the dividend,
// a shift by the width or more gives 0.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace secco::semantics {

using TermId = std::uint32_t;

enum class Op : std::uint8_t {
  Const,  // k (width 1 is a boolean)
  Var,    // input field k (Var ids below)
  Low,    // bits 31..0 of a 64-bit term
  High,   // bits 63..32 of a 64-bit term
  ZExt,   // a 32-bit term zero-extended to 64 bits
  Add,
  Sub,
  Mul,
  UDiv,
  URem,
  And,
  Or,
  Xor,
  Shl,
  LShr,
  BvNot,  // ~a
  Eq,
  Ult,
  Ule,  // booleans
  Not,
  LAnd,
  LOr,  // boolean connectives
  Ite,  // a ? b : c
};

// The input fields.
enum Var : std::uint32_t { kNr, kArch, kIp, kArg0, kVarCount = kArg0 + 6 };

// How many operands (a, b, c in order) an operation has.
inline unsigned arity(Op op) {
  switch (op) {
    case Op::Const:
    case Op::Var:
      return 0;
    case Op::Low:
    case Op::High:
    case Op::ZExt:
    case Op::BvNot:
    case Op::Not:
      return 1;
    case Op::Ite:
      return 3;
    default:
      return 2;
  }
}

struct TermNode {
  Op op;
  std::uint8_t width;  // 1 (boolean), 32 or 64
  TermId a = 0, b = 0, c = 0;
  std::uint64_t k = 0;  // Const: the value; Var: the field
};

class TermStore {
 public:
  TermStore();
  const TermNode& node(TermId t) const { return nodes_[t]; }
  std::size_t size() const { return nodes_.size(); }
  unsigned width(TermId t) const { return nodes_[t].width; }
  bool is_const(TermId t) const { return nodes_[t].op == Op::Const; }
  std::uint64_t value(TermId t) const { return nodes_[t].k; }

  TermId constant(std::uint64_t v, unsigned width);
  TermId boolean(bool v) { return constant(v ? 1 : 0, 1); }
  TermId var(Var v);
  TermId low(TermId a);
  TermId high(TermId a);
  TermId zext(TermId a);
  TermId binary(Op op, TermId a, TermId b);  // Add .. LShr, Eq, Ult, Ule, LAnd, LOr
  TermId bvnot(TermId a);
  TermId lnot(TermId a);
  TermId ite(TermId cond, TermId then, TermId otherwise);
  // Conveniences.
  TermId ne(TermId a, TermId b) { return lnot(binary(Op::Eq, a, b)); }
  TermId ugt(TermId a, TermId b) { return binary(Op::Ult, b, a); }
  TermId uge(TermId a, TermId b) { return binary(Op::Ule, b, a); }

 private:
  TermId make(const TermNode& n);
  struct Key {
    std::uint64_t k;
    TermId a, b, c;
    std::uint16_t op_width;
    bool operator==(const Key& o) const {
      return k == o.k && a == o.a && b == o.b && c == o.c && op_width == o.op_width;
    }
  };
  struct KeyHash {
    std::size_t operator()(const Key& x) const;
  };
  std::vector<TermNode> nodes_;
  std::unordered_map<Key, TermId, KeyHash> index_;
};

// The value of an operation on constants of `width` bits (booleans: 0 or 1).
std::uint64_t fold_op(Op op, unsigned width, std::uint64_t a, std::uint64_t b);

// Evaluates terms on one concrete input (the input fields by Var id). Every term below `root`
// is evaluated once.
class Evaluator {
 public:
  explicit Evaluator(const TermStore& store) : store_(store) {}
  // The terms `roots` depend on, in an order where operands come first; evaluate() then walks
  // only these.
  void prepare(const std::vector<TermId>& roots);
  // For inputs that change a few fields at a time (after prepare()): gives each prepared term a
  // stage, `leaf(node)` where that has a value, else the lowest stage of its operands
  // (kNeverChanges for a constant). `leaf` must give a term a stage no higher than the lowest
  // stage of the inputs it reads. evaluate_changed(input, s) then re-evaluates only the terms of
  // stage s and below: enough when evaluate() ran before and the input changed since only where
  // `leaf` gives stage s or below.
  static constexpr unsigned kNeverChanges = ~0U;
  void stage(const std::function<std::optional<unsigned>(const TermNode&)>& leaf);
  void evaluate_changed(const std::uint64_t (&input)[kVarCount], unsigned s);
  // Evaluates every prepared term on `input`; then value(t) reads one.
  void evaluate(const std::uint64_t (&input)[kVarCount]);
  std::uint64_t value(TermId t) const;
  // Three-valued evaluation (after stage()), for a search that fixes the inputs of the highest
  // stage first: the terms `leaf` gave a stage below s read inputs not fixed yet, and every term
  // is known when the fixed inputs decide it whatever the others are (false && _, true || _, an
  // ite whose condition is known or whose arms agree, x & 0), else unknown. The values are those
  // of `input` all the same, so a known term's value holds for every value of the unfixed inputs.
  // Re-evaluates the terms of stage s and below (all of them when `all`): enough after an earlier
  // call for the same or a higher s when the input changed since only where `leaf` gives stage s
  // or below.
  void evaluate_partial(const std::uint64_t (&input)[kVarCount], unsigned s, bool all);
  bool known(TermId t) const;
  void dump() const;

 private:
  // One prepared term as evaluate() reads it: operands by position in order_.
  struct Step {
    Op op;
    std::uint8_t width;
    std::uint8_t operand_width;  // of operand a
    std::uint32_t a = 0, b = 0, c = 0;
    std::uint64_t k = 0;
  };
  void evaluate_step(const std::uint64_t (&input)[kVarCount], std::uint32_t i);
  void partial_step(const std::uint64_t (&input)[kVarCount], unsigned s, std::uint32_t i);
  const std::vector<std::uint32_t>& changed(unsigned s);  // the terms of stage s and below

  const TermStore& store_;
  std::vector<TermId> order_;  // by id
  std::vector<Step> steps_;    // per term of order_
  std::vector<std::uint64_t> values_;
  std::vector<unsigned> stages_;                     // after stage(): per term of order_
  std::vector<std::vector<std::uint32_t>> changed_;  // per stage s: the terms of stage s and below
  std::vector<std::uint8_t> listed_;                 // whether changed_[s] is built
  std::vector<std::uint8_t> leaf_;                   // after stage(): whether `leaf` gave the term its stage
  std::vector<std::uint8_t> known_;                  // after evaluate_partial(): per term of order_
};

}  // namespace secco::semantics
