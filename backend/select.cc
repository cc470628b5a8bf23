// Instruction selection, bottom-up in continuation-passing style: `eval(v, cont)` returns a node
// that computes IR value v into A and then continues with `cont`. Blocks are visited in reverse
// topological order so that each branch's targets already exist.
//
//   compare a, K      =>  <a into A>; jeq|jgt|jge|jset #K        (<, <=, != swap the targets)
//   compare a, b      =>  <b into A>; tax; <a into A>; jxx x      (or via scratch if a needs X)
//   a OP K            =>  <a>; op #K        (K modulo 2^32)
//   a OP b            =>  <b>; tax; <a>; op x                      (a leaves X alone)
//                         <b>; st M[d]; <a>; ldx M[d]; op x        (or, when a needs more scratch
//                         <a>; st M[d]; <b>; tax; ld M[d]; op x     words than b, a first)
//   a % b             =>  <a>; st M[d]; <b>; tax; ld M[d]; div x; mul x; tax; ld M[d]; sub x
//                         (or b first into M[d], a into M[d+1], when that needs fewer words;
//                         seccomp rejects BPF_MOD; a zero divisor makes the kernel return 0,
//                         which is kill_thread, as spec §6 requires)
//   a << b, a >> b    =>  shifts by 32 or more give 0: <a>; st; <b>; jge #32 -> ld #0 | tax; ld; lsh x
//   a / K, a % K      with K = 0 modulo 2^32 (a divisor that folded to zero) => ret #0 (kill_thread)
// Scratch words are handed out as a stack: each operand is computed while every word from the
// current depth up is free (Sethi-Ullman), so a right- or left-nested chain needs one word.
// Every value is computed where it is used, at every level: skipping a re-test is the IR pass
// thread-jumps, skipping the reload of what A already holds the DAG pass reuse-loads. The rules
// of the arithmetic (shifts by 32 or more, modulo a power of two, divisors that are 0 modulo 2^32)
// are those of ir/arith_rules.h; comparisons with constants of 2^32 or more were decided before
// split64 (the verifier rejects them after it).
#include "backend/select.h"

#include "backend/arg_tree.h"
#include "backend/bit_test.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include "bpf/program.h"
#include "ir/arith_rules.h"
#include "support/seccomp_data.h"

namespace secco::backend {
namespace {

using namespace ir;
namespace op = bpf::op;

class Selector {
 public:
  Selector(CodeGen& gen, const Function& f, const SelectOptions& opts) : gen_(gen), f_(f), opts_(opts) {}

  Node run() {
    // Most rules test nothing (`read: 1` is `jump bb1; bb1: return allow` by now): their code is
    // the one return they reach, with no block order, argument trees or node table to build.
    if (auto ret = straight_return()) return gen_.ret(ret->encode());
    const Node first_new = static_cast<Node>(gen_.size());  // nodes below were made for earlier rules
    std::vector<BlockId> rpo = f_.reverse_post_order();
    const std::size_t n = f_.block_count();
    // The CFG as it is (thread-jumps already threaded it at -O1 and up); no block's code expects
    // anything in A (reuse-loads removes the reloads afterwards).
    std::vector<BlockId> succ_true(n, kNoBlock), succ_false(n, kNoBlock);
    std::vector<std::uint8_t> reached(n, 0);
    for (BlockId b : rpo) {
      succ_true[b] = f_.block(b).term.on_true;
      succ_false[b] = f_.block(b).term.on_false;
      reached[b] = 1;
    }
    const std::vector<ValueId> no_a(n, kNoValue);
    // Bottom-up: build each block's code once its successors exist.
    std::vector<Node> node(n, kNullNode);
    std::optional<ArgTrees> trees;
    if (opts_.arg_trees)
      trees.emplace(ThreadedCfg{f_, rpo, succ_true, succ_false, reached}, ArgLayout{opts_.big_endian, opts_.args32});
    TreeContext tree_cx{gen_, node, no_a, [this](ValueId v, Node cont) { return eval(v, cont, 0); }, first_new};
    for (auto it = rpo.rbegin(); it != rpo.rend(); ++it) {
      BlockId b = *it;
      const Terminator& t = f_.block(b).term;
      switch (t.kind) {
        case Terminator::Kind::Return:
          node[b] = gen_.ret(t.action.action.encode());
          break;
        case Terminator::Kind::Jump:
          node[b] = node[t.on_true];
          break;
        case Terminator::Kind::Branch:
          node[b] = branch(t.cond, node[t.on_true], node[t.on_false]);
          if (trees) node[b] = trees->choose(b, node[b], kNoValue, tree_cx);
          break;
        default:
          throw std::logic_error("instruction selection: block without terminator");
      }
    }
    return node[0];
  }

 private:
  // The action of a body whose entry reaches a return through jumps only, else nothing.
  std::optional<Action> straight_return() const {
    BlockId b = 0;
    for (std::size_t steps = 0; steps < f_.block_count() && b < f_.block_count(); ++steps) {
      const Terminator& t = f_.block(b).term;
      if (t.kind == Terminator::Kind::Return) return t.action.action;
      if (t.kind != Terminator::Kind::Jump) return std::nullopt;
      b = t.on_true;
    }
    return std::nullopt;  // a jump out of range or a cycle: the general path reports or rejects it
  }

  bool is_const(ValueId v) const { return f_.value(v).op == Opcode::Const; }
  std::uint32_t k32(ValueId v) const { return as_word(f_.value(v).imm); }

  // The comparison with constants on the right where possible.
  struct Cmp {
    Opcode op;
    ValueId lhs;
    ValueId rhs;
  };
  Cmp normalize(ValueId cond) const {
    const Value& c = f_.value(cond);
    Cmp r{c.op, c.operands[0], c.operands[1]};
    if (is_const(r.lhs) && !is_const(r.rhs)) r = {swapped_compare(r.op), r.rhs, r.lhs};
    return r;
  }
  Node branch(ValueId cond, Node on_true, Node on_false) {
    const Value& c = f_.value(cond);
    if (c.op == Opcode::ConstBool) return c.imm ? on_true : on_false;
    if (auto bt = as_bit_test(f_, cond)) {
      // (x & M) == 0 and the like: jset #M on x (bit_test.h).
      Node jump = gen_.branch(op::JMP | op::JSET | op::K, bt->mask, bt->when_set ? on_true : on_false,
                              bt->when_set ? on_false : on_true);
      return eval(bt->value, jump, 0);
    }
    Cmp cmp = normalize(cond);
    std::uint16_t jop = op::JEQ;
    Node t = on_true, f = on_false;
    switch (cmp.op) {
      case Opcode::Eq:
        break;
      case Opcode::Ne:
        std::swap(t, f);
        break;
      case Opcode::Gt:
        jop = op::JGT;
        break;
      case Opcode::Le:
        jop = op::JGT;
        std::swap(t, f);
        break;
      case Opcode::Ge:
        jop = op::JGE;
        break;
      case Opcode::Lt:
        jop = op::JGE;
        std::swap(t, f);
        break;
      case Opcode::Test:
        jop = op::JSET;
        break;
      default:
        throw std::logic_error("instruction selection: not a comparison");
    }
    if (is_const(cmp.rhs)) {
      Node jump = gen_.branch(op::JMP | jop | op::K, k32(cmp.rhs), t, f);
      return eval(cmp.lhs, jump, 0);
    }
    Node jump = gen_.branch(op::JMP | jop | op::X, 0, t, f);
    if (!uses_x(cmp.lhs)) {
      // <rhs>; tax; <lhs>; jxx x
      Node after_tax = gen_.stmt(op::MISC | op::TAX, 0, cmp.lhs == cmp.rhs ? jump : eval(cmp.lhs, jump, 0));
      return eval(cmp.rhs, after_tax, 0);
    }
    // Sethi-Ullman: the operand needing more scratch words first, parked in M[0].
    slot_check(0);
    if (need(cmp.lhs) > need(cmp.rhs)) {
      // <lhs>; st M[0]; <rhs>; tax; ld M[0]; jxx x
      Node tail = gen_.stmt(op::MISC | op::TAX, 0, gen_.stmt(op::LD | op::MEM, 0, jump));
      return eval(cmp.lhs, gen_.stmt(op::ST, 0, eval(cmp.rhs, tail, 1)), 0);
    }
    Node load_x = gen_.stmt(op::LDX | op::MEM, 0, jump);
    return eval(cmp.rhs, gen_.stmt(op::ST, 0, eval(cmp.lhs, load_x, 1)), 0);
  }

  // Scratch words eval(v) uses (its Sethi-Ullman number for the encodings below).
  unsigned need(ValueId v) {
    auto it = need_.find(v);
    if (it != need_.end()) return it->second;
    const Value& x = f_.value(v);
    unsigned r = 0;
    if (x.op == Opcode::BitNot) {
      r = need(x.operands[0]);
    } else if (is_arith(x.op)) {
      ValueId a = x.operands[0], b = x.operands[1];
      if (is_const(b)) {
        std::uint32_t k = k32(b);
        bool parks = x.op == Opcode::Mod && k != 0 && !word_power_of_two(k);
        r = parks ? std::max(need(a), 1U) : need(a);
      } else if (x.op == Opcode::Shl || x.op == Opcode::Shr) {
        r = std::max(need(a), 1 + need(b));
      } else if (x.op == Opcode::Mod) {
        r = std::min(std::max(need(a), 1 + need(b)), std::max(need(b), 2 + need(a)));
      } else if (!uses_x(a)) {
        r = std::max(need(a), need(b));
      } else {
        r = std::min(std::max(need(b), 1 + need(a)), std::max(need(a), 1 + need(b)));
      }
    }
    need_.emplace(v, r);
    return r;
  }

  // Whether computing v into A overwrites X.
  bool uses_x(ValueId v) const {
    const Value& x = f_.value(v);
    if (!is_arith(x.op)) return false;
    if (x.op == Opcode::BitNot) return uses_x(x.operands[0]);
    if (x.op == Opcode::Mod) return true;
    if (!is_const(x.operands[1])) return true;
    return uses_x(x.operands[0]);
  }

  // Scratch word `depth` is about to be used.
  static void slot_check(unsigned depth) {
    if (depth >= bpf::kMemWords)
      throw std::runtime_error(
          "an expression in this rule needs more than 16 scratch words; split it into simpler tests");
  }

  // Computes v into A, then continues with `cont`. Scratch words from `depth` up are free.
  Node eval(ValueId v, Node cont, unsigned depth) {
    const Value& x = f_.value(v);
    switch (x.op) {
      case Opcode::Const:
        return gen_.stmt(op::LD | op::IMM, static_cast<std::uint32_t>(x.imm), cont);
      case Opcode::ArgLow:
        return gen_.stmt(op::LD | op::W | op::ABS,
                         seccomp_offset::arg_low(static_cast<unsigned>(x.imm), opts_.big_endian), cont);
      case Opcode::ArgHigh:
        if (opts_.args32) return gen_.stmt(op::LD | op::IMM, 0, cont);
        return gen_.stmt(op::LD | op::W | op::ABS,
                         seccomp_offset::arg_high(static_cast<unsigned>(x.imm), opts_.big_endian), cont);
      case Opcode::BitNot:
        return eval(x.operands[0], gen_.stmt(op::ALU | op::XOR | op::K, 0xffffffffU, cont), depth);
      default:
        break;
    }
    if (!is_arith(x.op)) throw std::logic_error("instruction selection: cannot compute this value into A");
    ValueId a = x.operands[0], b = x.operands[1];
    std::uint16_t alu = alu_of(x.op);
    if (is_const(b)) {
      std::uint32_t k = k32(b);
      // A divisor that folded to zero: the division always traps, and the kernel's answer to a
      // division by zero is to return 0 (kill_thread). `div #0` itself would not load.
      if ((x.op == Opcode::Div || x.op == Opcode::Mod) && word_divisor_traps(k)) return gen_.ret(0);
      if ((x.op == Opcode::Shl || x.op == Opcode::Shr) && shift_gives_zero(k, 32))
        return eval(a, gen_.stmt(op::LD | op::IMM, 0, cont), depth);  // a is still evaluated (it may trap)
      if (x.op == Opcode::Mod) {
        if (word_power_of_two(k)) return eval(a, gen_.stmt(op::ALU | op::AND | op::K, k - 1, cont), depth);
        slot_check(depth);
        // <a>; st M[d]; div #k; mul #k; tax; ld M[d]; sub x   (a is computed before M[d] is taken)
        Node tail = gen_.stmt(op::MISC | op::TAX, 0,
                              gen_.stmt(op::LD | op::MEM, depth, gen_.stmt(op::ALU | op::SUB | op::X, 0, cont)));
        Node body = gen_.stmt(op::ST, depth,
                              gen_.stmt(op::ALU | op::DIV | op::K, k, gen_.stmt(op::ALU | op::MUL | op::K, k, tail)));
        return eval(a, body, depth);
      }
      return eval(a, gen_.stmt(op::ALU | alu | op::K, k, cont), depth);
    }
    // Operands that are not constants, in Sethi-Ullman order: the one needing more scratch words
    // is computed first, while every word from `depth` up is still free.
    if (x.op == Opcode::Shl || x.op == Opcode::Shr) {
      // <a>; st M[d]; <b>; jge #32, zero, shift;  shift: tax; ld M[d]; lsh x;  zero: ld #0
      // (a first even when b is deeper: a must be computed, it may trap, before b decides.)
      slot_check(depth);
      Node zero = gen_.stmt(op::LD | op::IMM, 0, cont);
      Node shift = gen_.stmt(op::MISC | op::TAX, 0,
                             gen_.stmt(op::LD | op::MEM, depth, gen_.stmt(op::ALU | alu | op::X, 0, cont)));
      Node test = gen_.branch(op::JMP | op::JGE | op::K, 32, zero, shift);
      return eval(a, gen_.stmt(op::ST, depth, eval(b, test, depth + 1)), depth);
    }
    if (x.op == Opcode::Mod) {
      slot_check(depth);
      if (std::max(need(a), 1 + need(b)) <= std::max(need(b), 2 + need(a))) {
        // <a>; st M[d]; <b>; tax; ld M[d]; div x; mul x; tax; ld M[d]; sub x
        Node tail = gen_.stmt(
            op::MISC | op::TAX, 0,
            gen_.stmt(op::LD | op::MEM, depth,
                      gen_.stmt(op::ALU | op::DIV | op::X, 0,
                                gen_.stmt(op::ALU | op::MUL | op::X, 0,
                                          gen_.stmt(op::MISC | op::TAX, 0,
                                                    gen_.stmt(op::LD | op::MEM, depth,
                                                              gen_.stmt(op::ALU | op::SUB | op::X, 0, cont)))))));
        return eval(a, gen_.stmt(op::ST, depth, eval(b, tail, depth + 1)), depth);
      }
      // <b>; st M[d]; <a>; st M[d+1]; ldx M[d]; div x; mul x; tax; ld M[d+1]; sub x
      slot_check(depth + 1);
      Node tail = gen_.stmt(op::LDX | op::MEM, depth,
                            gen_.stmt(op::ALU | op::DIV | op::X, 0,
                                      gen_.stmt(op::ALU | op::MUL | op::X, 0,
                                                gen_.stmt(op::MISC | op::TAX, 0,
                                                          gen_.stmt(op::LD | op::MEM, depth + 1,
                                                                    gen_.stmt(op::ALU | op::SUB | op::X, 0, cont))))));
      Node with_a = eval(a, gen_.stmt(op::ST, depth + 1, tail), depth + 1);
      return eval(b, gen_.stmt(op::ST, depth, with_a), depth);
    }
    Node apply = gen_.stmt(op::ALU | alu | op::X, 0, cont);
    if (!uses_x(a)) {
      // <b>; tax; <a>; op x   (computing a leaves X alone: no scratch word)
      return eval(b, gen_.stmt(op::MISC | op::TAX, 0, eval(a, apply, depth)), depth);
    }
    slot_check(depth);
    if (need(a) > need(b)) {
      // <a>; st M[d]; <b>; tax; ld M[d]; op x
      Node tail = gen_.stmt(op::MISC | op::TAX, 0, gen_.stmt(op::LD | op::MEM, depth, apply));
      return eval(a, gen_.stmt(op::ST, depth, eval(b, tail, depth + 1)), depth);
    }
    // <b>; st M[d]; <a>; ldx M[d]; op x
    Node tail = gen_.stmt(op::LDX | op::MEM, depth, apply);
    return eval(b, gen_.stmt(op::ST, depth, eval(a, tail, depth + 1)), depth);
  }

  static std::uint16_t alu_of(Opcode o) {
    switch (o) {
      case Opcode::Add:
        return op::ADD;
      case Opcode::Sub:
        return op::SUB;
      case Opcode::Mul:
        return op::MUL;
      case Opcode::Div:
        return op::DIV;
      case Opcode::And:
        return op::AND;
      case Opcode::Or:
        return op::OR;
      case Opcode::Xor:
        return op::XOR;
      case Opcode::Shl:
        return op::LSH;
      case Opcode::Shr:
        return op::RSH;
      default:
        return op::ADD;
    }
  }

  CodeGen& gen_;
  const Function& f_;
  const SelectOptions& opts_;
  std::map<ValueId, unsigned> need_;
};

}  // namespace

Node select_rule(CodeGen& gen, const ir::Rule& rule, const SelectOptions& options) {
  Node entry = Selector(gen, rule.body, options).run();
  gen.mark_used(entry);  // later rules' cost models count these instructions as free
  return entry;
}

}  // namespace secco::backend
