#include "ir/interpreter.h"

#include "ir/constant_eval.h"

#include <algorithm>
#include <stdexcept>

namespace secco::ir {
namespace {

struct DivisionByZero {};

class Evaluator {
 public:
  Evaluator(const Function& f, const SeccompData& d) : f_(f), d_(d), memo_(f.value_count()), done_(f.value_count()) {}

  std::uint64_t eval(ValueId id) {
    if (done_[id]) return memo_[id];
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
      case Opcode::ConstBool:
        return v.imm;
      case Opcode::ArgFull:
        return d_.args.at(v.imm);
      case Opcode::ArgLow:
        return d_.args.at(v.imm) & 0xffffffffU;
      case Opcode::ArgHigh:
        return d_.args.at(v.imm) >> 32;
      case Opcode::LAnd:
        return eval(o[0]) != 0 && eval(o[1]) != 0;
      case Opcode::LOr:
        return eval(o[0]) != 0 || eval(o[1]) != 0;
      case Opcode::LNot:
        return eval(o[0]) == 0;
      case Opcode::In:
      case Opcode::NotIn: {
        std::uint64_t x = eval(o[0]);
        bool found = false;
        for (std::size_t i = 1; i < o.size() && !found; ++i) found = eval(o[i]) == x;
        return (v.op == Opcode::In) == found;
      }
      default:
        break;
    }
    if (is_compare(v.op)) return fold_compare(v.op, eval(o[0]), eval(o[1]));
    if (is_arith(v.op)) return arith(v);
    throw std::logic_error("interpreter: unexpanded value '" + std::string(opcode_name(v.op)) + "'");
  }

  std::uint64_t arith(const Value& v) {
    // The same arithmetic as constant folding, in 32 bits for run-time values.
    unsigned width = v.type == Type::U32 ? 32 : 64;
    std::uint64_t a = eval(v.operands[0]);
    std::uint64_t b = v.op == Opcode::BitNot ? 0 : eval(v.operands[1]);
    auto r = fold_arith(v.op, a, b, width);
    if (!r) throw DivisionByZero{};
    return *r;
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

Action interpret(const Module& module, const SeccompData& data) {
  const Settings& s = module.settings;
  auto concrete = [](const ActionOperand& a) {
    if (!a.resolved()) throw std::logic_error("interpreter: unresolved default action");
    return a.action;
  };
  if (data.arch != module.target().audit_arch()) return concrete(s.bad_arch);
  std::uint32_t x32 = module.target().x32_bit();
  if (x32 != 0 && data.nr >= x32 && data.nr != 0xffffffffU) return concrete(s.x32 ? *s.x32 : s.bad_arch);
  for (const Rule& r : module.rules) {
    if (r.nr == data.nr) return interpret(r.body, data);
  }
  return concrete(s.policy);
}

}  // namespace secco::ir
