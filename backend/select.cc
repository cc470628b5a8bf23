// Instruction selection, bottom-up in continuation-passing style: `eval(v, cont)` returns a node
// that computes IR value v into A and then continues with `cont`. Blocks are visited in reverse
// topological order so that each branch's targets already exist.
//
//   compare a, K      =>  <a into A>; jeq|jgt|jge|jset #K        (<, <=, != swap the targets)
//   compare a, b      =>  <b into A>; tax; <a into A>; jxx x      (or via scratch if a needs X)
//   a OP K            =>  <a>; op #K        (K modulo 2^32)
//   a OP b            =>  <b>; st M[d]; <a>; ldx M[d]; op x
//   a % b             =>  <b>; st M[d]; <a>; st M[d+1]; ldx M[d]; div x; mul x; tax; ld M[d+1]; sub x
//                         (seccomp rejects BPF_MOD; a zero divisor makes the kernel return 0,
//                         which is kill_thread, as spec §6 requires)
//   a << b, a >> b    =>  shifts by 32 or more give 0: <a>; st; <b>; jge #32 -> ld #0 | tax; ld; lsh x
//   a / K, a % K      with K = 0 modulo 2^32 (a divisor that folded to zero) => ret #0 (kill_thread)
// The accumulator's content at each block entry is known when all predecessors leave the same
// value there; then the load of the compared value is skipped.
#include "backend/select.h"

#include <stdexcept>

#include "bpf/program.h"
#include "support/seccomp_data.h"

namespace secco::backend {
namespace {

using namespace ir;
namespace op = bpf::op;

constexpr ValueId kNrInA = 0xfffffffeU;  // "A holds the system call number"
constexpr ValueId kUnknownA = kNoValue;

class Selector {
 public:
  Selector(CodeGen& gen, const Function& f, const SelectOptions& opts) : gen_(gen), f_(f), opts_(opts) {}

  Node run() {
    std::vector<BlockId> rpo = f_.reverse_post_order();
    std::vector<ValueId> entry_a(f_.block_count(), kUnknownA);
    std::vector<std::uint8_t> seen(f_.block_count(), 0);
    // Top-down: what A holds when each block starts.
    auto flow = [&](BlockId to, ValueId a) {
      if (!seen[to]) {
        seen[to] = 1;
        entry_a[to] = a;
      } else if (entry_a[to] != a) {
        entry_a[to] = kUnknownA;
      }
    };
    seen[0] = 1;
    entry_a[0] = kNrInA;
    for (BlockId b : rpo) {
      const Terminator& t = f_.block(b).term;
      if (t.kind == Terminator::Kind::Jump) flow(t.on_true, entry_a[b]);
      if (t.kind == Terminator::Kind::Branch) {
        ValueId after = a_after_compare(t.cond);
        flow(t.on_true, after);
        flow(t.on_false, after);
      }
    }
    // Bottom-up: build each block's code once its successors exist.
    std::vector<Node> node(f_.block_count(), kNullNode);
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
          node[b] = branch(t.cond, node[t.on_true], node[t.on_false], opts_.reuse_loads ? entry_a[b] : kUnknownA);
          break;
        default:
          throw std::logic_error("instruction selection: block without terminator");
      }
    }
    return node[0];
  }

 private:
  bool is_const(ValueId v) const { return f_.value(v).op == Opcode::Const; }
  std::uint32_t k32(ValueId v) const { return static_cast<std::uint32_t>(f_.value(v).imm); }

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
  ValueId a_after_compare(ValueId cond) const {
    if (f_.value(cond).op == Opcode::ConstBool) return kUnknownA;
    return normalize(cond).lhs;
  }

  Node branch(ValueId cond, Node on_true, Node on_false, ValueId a_holds) {
    const Value& c = f_.value(cond);
    if (c.op == Opcode::ConstBool) return c.imm ? on_true : on_false;
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
      return a_holds == cmp.lhs ? jump : eval(cmp.lhs, jump, 0);
    }
    Node jump = gen_.branch(op::JMP | jop | op::X, 0, t, f);
    if (!uses_x(cmp.lhs)) {
      // <rhs>; tax; <lhs>; jxx x
      Node after_tax = gen_.stmt(op::MISC | op::TAX, 0, cmp.lhs == cmp.rhs ? jump : eval(cmp.lhs, jump, 0));
      return a_holds == cmp.rhs ? after_tax : eval(cmp.rhs, after_tax, 0);
    }
    slot_check(0);
    Node load_x = gen_.stmt(op::LDX | op::MEM, 0, jump);
    return eval(cmp.rhs, gen_.stmt(op::ST, 0, eval(cmp.lhs, load_x, 1)), 1);
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

  static void slot_check(unsigned depth) {
    if (depth + 1 >= bpf::kMemWords)
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
        return gen_.stmt(op::LD | op::W | op::ABS, seccomp_offset::arg_low(static_cast<unsigned>(x.imm)), cont);
      case Opcode::ArgHigh:
        return gen_.stmt(op::LD | op::W | op::ABS, seccomp_offset::arg_high(static_cast<unsigned>(x.imm)), cont);
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
      if ((x.op == Opcode::Div || x.op == Opcode::Mod) && k == 0) return gen_.ret(0);
      if ((x.op == Opcode::Shl || x.op == Opcode::Shr) && k >= 32)
        return eval(a, gen_.stmt(op::LD | op::IMM, 0, cont), depth);  // a is still evaluated (it may trap)
      if (x.op == Opcode::Mod) {
        if ((k & (k - 1)) == 0) return eval(a, gen_.stmt(op::ALU | op::AND | op::K, k - 1, cont), depth);
        slot_check(depth);
        // <a>; st M[d]; div #k; mul #k; tax; ld M[d]; sub x
        Node tail = gen_.stmt(op::MISC | op::TAX, 0,
                              gen_.stmt(op::LD | op::MEM, depth, gen_.stmt(op::ALU | op::SUB | op::X, 0, cont)));
        Node body = gen_.stmt(op::ST, depth,
                              gen_.stmt(op::ALU | op::DIV | op::K, k, gen_.stmt(op::ALU | op::MUL | op::K, k, tail)));
        return eval(a, body, depth + 1);
      }
      return eval(a, gen_.stmt(op::ALU | alu | op::K, k, cont), depth);
    }
    slot_check(depth + 1);
    if (x.op == Opcode::Shl || x.op == Opcode::Shr) {
      // <a>; st M[d]; <b>; jge #32, zero, shift;  shift: tax; ld M[d]; lsh x;  zero: ld #0
      Node zero = gen_.stmt(op::LD | op::IMM, 0, cont);
      Node shift = gen_.stmt(op::MISC | op::TAX, 0,
                             gen_.stmt(op::LD | op::MEM, depth, gen_.stmt(op::ALU | alu | op::X, 0, cont)));
      Node test = gen_.branch(op::JMP | op::JGE | op::K, 32, zero, shift);
      return eval(a, gen_.stmt(op::ST, depth, eval(b, test, depth + 1)), depth + 1);
    }
    if (x.op == Opcode::Mod) {
      Node tail = gen_.stmt(op::LDX | op::MEM, depth,
                            gen_.stmt(op::ALU | op::DIV | op::X, 0,
                                      gen_.stmt(op::ALU | op::MUL | op::X, 0,
                                                gen_.stmt(op::MISC | op::TAX, 0,
                                                          gen_.stmt(op::LD | op::MEM, depth + 1,
                                                                    gen_.stmt(op::ALU | op::SUB | op::X, 0, cont))))));
      Node with_a = eval(a, gen_.stmt(op::ST, depth + 1, tail), depth + 2);
      return eval(b, gen_.stmt(op::ST, depth, with_a), depth + 2);
    }
    // <b>; st M[d]; <a>; ldx M[d]; op x
    Node tail = gen_.stmt(op::LDX | op::MEM, depth, gen_.stmt(op::ALU | alu | op::X, 0, cont));
    return eval(b, gen_.stmt(op::ST, depth, eval(a, tail, depth + 1)), depth + 1);
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
};

}  // namespace

Node select_rule(CodeGen& gen, const ir::Rule& rule, const SelectOptions& options) {
  return Selector(gen, rule.body, options).run();
}

}  // namespace secco::backend
