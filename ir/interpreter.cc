// The reference meaning of the IR, stated directly from the language definition (docs/ir.md,
// spec §5-6). It deliberately shares no arithmetic or comparison code with the passes and the
// backend it judges (not ir/constant_eval.h, not ir/builder.h): a wrong rule there must show up as
// a different decision here.
#include "ir/interpreter.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace secco::ir {
namespace {

// Thrown by a run-time division or modulo by zero: the kernel stops the filter with kill_thread.
struct DivisionByZero {};

// Run-time arithmetic: 32-bit machine words, wrapping modulo 2^32. A shift by 32 or more gives 0.
std::uint32_t word_op(Opcode op, std::uint32_t a, std::uint32_t b) {
  switch (op) {
    case Opcode::Add:
      return static_cast<std::uint32_t>(a + b);
    case Opcode::Sub:
      return static_cast<std::uint32_t>(a - b);
    case Opcode::Mul:
      return static_cast<std::uint32_t>(static_cast<std::uint64_t>(a) * b);
    case Opcode::Div:
      if (b == 0) throw DivisionByZero{};
      return a / b;
    case Opcode::Mod:
      if (b == 0) throw DivisionByZero{};
      return a % b;
    case Opcode::And:
      return a & b;
    case Opcode::Or:
      return a | b;
    case Opcode::Xor:
      return a ^ b;
    case Opcode::Shl:
      return b < 32 ? static_cast<std::uint32_t>(a << b) : 0;
    case Opcode::Shr:
      return b < 32 ? a >> b : 0;
    case Opcode::BitNot:
      return ~a;
    default:
      throw std::logic_error("interpreter: not an arithmetic opcode");
  }
}

// Compile-time arithmetic: unsigned 64 bits, wrapping modulo 2^64. A shift by 64 or more gives 0.
// (The front end rejects a constant division by zero; an unchecked module still gets the
// kernel's answer.)
std::uint64_t constant_op(Opcode op, std::uint64_t a, std::uint64_t b) {
  switch (op) {
    case Opcode::Add:
      return a + b;
    case Opcode::Sub:
      return a - b;
    case Opcode::Mul:
      return a * b;
    case Opcode::Div:
      if (b == 0) throw DivisionByZero{};
      return a / b;
    case Opcode::Mod:
      if (b == 0) throw DivisionByZero{};
      return a % b;
    case Opcode::And:
      return a & b;
    case Opcode::Or:
      return a | b;
    case Opcode::Xor:
      return a ^ b;
    case Opcode::Shl:
      return b < 64 ? a << b : 0;
    case Opcode::Shr:
      return b < 64 ? a >> b : 0;
    case Opcode::BitNot:
      return ~a;
    default:
      throw std::logic_error("interpreter: not an arithmetic opcode");
  }
}

// Comparisons are of the mathematical values: a 32-bit value is zero-extended, never truncated.
bool holds(Opcode op, std::uint64_t a, std::uint64_t b) {
  switch (op) {
    case Opcode::Eq:
      return a == b;
    case Opcode::Ne:
      return !(a == b);
    case Opcode::Lt:
      return a < b;
    case Opcode::Le:
      return !(b < a);
    case Opcode::Gt:
      return b < a;
    case Opcode::Ge:
      return !(a < b);
    case Opcode::Test:
      return (a & b) != 0;
    default:
      throw std::logic_error("interpreter: not a comparison");
  }
}

class Evaluator {
 public:
  Evaluator(const Function& f, const SeccompData& d) : f_(f), d_(d), memo_(f.value_count()), done_(f.value_count()) {}

  std::uint64_t eval(ValueId id) {
    if (done_.at(id)) return memo_[id];
    std::uint64_t r = compute(f_.value(id));
    memo_[id] = r;
    done_[id] = 1;
    return r;
  }

 private:
  std::uint64_t compute(const Value& v) {
    const auto& o = v.operands;
    switch (v.op) {
      case Opcode::Const:
        return v.imm;
      case Opcode::ConstBool:
        return v.imm != 0 ? 1 : 0;
      case Opcode::ArgFull:
        return d_.args.at(v.imm);
      case Opcode::ArgLow:
        return static_cast<std::uint32_t>(d_.args.at(v.imm));
      case Opcode::ArgHigh:
        return static_cast<std::uint32_t>(d_.args.at(v.imm) >> 32);
      case Opcode::LAnd:
        return eval(o[0]) != 0 ? eval(o[1]) != 0 : 0;
      case Opcode::LOr:
        return eval(o[0]) != 0 ? 1 : eval(o[1]) != 0;
      case Opcode::LNot:
        return eval(o[0]) != 0 ? 0 : 1;
      case Opcode::In:
      case Opcode::NotIn: {
        // Candidates are evaluated left to right until one matches.
        std::uint64_t subject = eval(o[0]);
        bool member = false;
        for (std::size_t i = 1; i < o.size(); ++i) {
          if (eval(o[i]) == subject) {
            member = true;
            break;
          }
        }
        return v.op == Opcode::In ? member : !member;
      }
      default:
        break;
    }
    if (is_compare(v.op)) {
      std::uint64_t a = eval(o[0]);
      return holds(v.op, a, eval(o[1])) ? 1 : 0;
    }
    if (is_arith(v.op)) {
      std::uint64_t a = eval(o[0]);
      std::uint64_t b = v.op == Opcode::BitNot ? 0 : eval(o[1]);
      // A constant taking part in run-time arithmetic is used modulo 2^32.
      if (v.type == Type::U32) return word_op(v.op, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
      return constant_op(v.op, a, b);
    }
    throw std::logic_error("interpreter: unexpanded value '" + std::string(opcode_name(v.op)) + "'");
  }

  const Function& f_;
  const SeccompData& d_;
  std::vector<std::uint64_t> memo_;
  std::vector<std::uint8_t> done_;
};

}  // namespace

Action interpret(const Function& body, const SeccompData& data) {
  Evaluator ev(body, data);
  BlockId b = 0;
  try {
    for (std::size_t steps = 0; steps <= body.block_count(); ++steps) {
      const Terminator& t = body.block(b).term;
      switch (t.kind) {
        case Terminator::Kind::Return:
          if (!t.action.resolved()) throw std::logic_error("interpreter: unresolved action");
          return t.action.action;
        case Terminator::Kind::Branch:
          b = ev.eval(t.cond) != 0 ? t.on_true : t.on_false;
          break;
        case Terminator::Kind::Jump:
          b = t.on_true;
          break;
        default:
          throw std::logic_error("interpreter: block without a rule terminator");
      }
    }
  } catch (const DivisionByZero&) {
    return Action::kill_thread();
  }
  throw std::logic_error("interpreter: control flow cycle");
}

Action interpret(const Module& module, const SeccompData& given) {
  const Settings& s = module.settings;
  // On a 32-bit ABI the kernel passes 32-bit arguments: the high halves are 0 (spec §10).
  SeccompData data = given;
  if (module.target().args_are_32bit())
    for (std::uint64_t& a : data.args) a &= 0xffffffffULL;
  auto concrete = [](const ActionOperand& a) {
    if (!a.resolved()) throw std::logic_error("interpreter: unresolved default action");
    return a.action;
  };
  if (data.arch != module.target().audit_arch()) return concrete(s.bad_arch);
  std::uint32_t x32 = module.target().x32_bit();
  if (module.target().is_x32()) {
    // x32 alone: the x86_64 numbers below the x32 bit are another ABI (spec §10).
    if (data.nr < x32) return concrete(s.bad_arch);
  } else if (x32 != 0 && data.nr >= x32 && data.nr != 0xffffffffU) {
    return concrete(s.x32 ? *s.x32 : s.bad_arch);
  }
  for (const Rule& r : module.rules) {
    if (r.nr == data.nr) return interpret(r.body, data);
  }
  return concrete(s.policy);
}

Action interpret(const std::vector<const Module*>& abis, const SeccompData& data) {
  const Module* main = nullptr;
  const Module* x32 = nullptr;
  for (const Module* m : abis) {
    if (m->target().audit_arch() != data.arch) continue;
    (m->target().is_x32() ? x32 : main) = m;
  }
  if (main == nullptr && x32 == nullptr) return interpret(*abis.front(), data);  // the bad_arch action
  const bool x32_number = x32 != nullptr && data.nr >= x32->target().x32_bit() && data.nr != 0xffffffffU;
  if (main == nullptr || x32_number) return interpret(*x32, data);
  return interpret(*main, data);
}

}  // namespace secco::ir
