#include "ir/printer.h"

#include <sstream>

#include <fmt/format.h>

namespace secco::ir {
namespace {

void print_value(std::ostream& os, const Function& f, ValueId id, const PrintOptions& opts) {
  const Value& v = f.value(id);
  os << "  %" << id << " = " << opcode_name(v.op);
  switch (v.op) {
    case Opcode::Const:
      os << ' ' << fmt::format("{:#x}", v.imm);
      break;
    case Opcode::ConstBool:
      os << ' ' << (v.imm ? "true" : "false");
      break;
    case Opcode::ArgFull:
    case Opcode::ArgLow:
    case Opcode::ArgHigh:
    case Opcode::Param:
      os << ' ' << v.imm;
      break;
    case Opcode::Ref:
    case Opcode::Call:
      os << ' ' << v.name << " @" << v.scope;
      break;
    default:
      break;
  }
  for (std::size_t i = 0; i < v.operands.size(); ++i) os << (i == 0 ? " " : ", ") << '%' << v.operands[i];
  os << " : " << type_name(v.type);
  if (opts.locations && v.loc.valid()) {
    os << "  ; " << v.loc.begin.line << ':' << v.loc.begin.col;
    if (v.use_loc.valid()) os << " via " << v.use_loc.begin.line << ':' << v.use_loc.begin.col;
  }
  os << '\n';
}

}  // namespace

std::string to_string(const ActionOperand& a) {
  switch (a.form) {
    case ActionOperand::Form::Concrete:
      return a.action.to_string();
    case ActionOperand::Form::Name:
      return "name " + a.name + " @" + std::to_string(a.scope);
    case ActionOperand::Form::DefaultPositive:
      return "default.positive";
    case ActionOperand::Form::DefaultNegative:
      return "default.negative";
  }
  return "?";
}

void print(std::ostream& os, const Function& f, const PrintOptions& opts) {
  std::vector<std::uint8_t> printed(f.value_count(), 0);
  // Schedules each value in the first block (in reverse post-order) whose terminator needs it.
  for (BlockId b : f.reverse_post_order()) {
    const Terminator& t = f.block(b).term;
    os << "bb" << b << ":\n";
    if (t.cond != kNoValue) {
      // Print the operand closure of this condition that is not printed yet, operands first.
      std::vector<std::pair<ValueId, std::size_t>> stack{{t.cond, 0}};
      while (!stack.empty()) {
        auto& [v, i] = stack.back();
        if (printed[v]) {
          stack.pop_back();
          continue;
        }
        const auto& ops = f.value(v).operands;
        if (i < ops.size()) {
          ValueId o = ops[i++];
          if (!printed[o]) stack.emplace_back(o, 0);
          continue;
        }
        printed[v] = 1;
        print_value(os, f, v, opts);
        stack.pop_back();
      }
    }
    switch (t.kind) {
      case Terminator::Kind::None:
        os << "  unterminated\n";
        break;
      case Terminator::Kind::Return:
        os << "  return " << to_string(t.action) << '\n';
        break;
      case Terminator::Kind::Branch:
        os << "  br %" << t.cond << ", bb" << t.on_true << ", bb" << t.on_false << '\n';
        break;
      case Terminator::Kind::Jump:
        os << "  jump bb" << t.on_true << '\n';
        break;
      case Terminator::Kind::Yield:
        os << "  yield %" << t.cond << '\n';
        break;
    }
  }
}

void print(std::ostream& os, const Module& m, const PrintOptions& opts) {
  const Settings& s = m.settings;
  os << "target " << (s.target ? s.target->name() : "?") << '\n';
  os << "default positive " << to_string(s.positive) << '\n';
  os << "default negative " << to_string(s.negative) << '\n';
  os << "default policy " << to_string(s.policy) << '\n';
  os << "default bad_arch " << to_string(s.bad_arch) << '\n';
  os << "default x32 " << (s.x32 ? to_string(*s.x32) : std::string("bad_arch")) << '\n';
  for (const Definition& d : m.definitions) {
    os << "\ndefine " << d.name;
    if (d.has_params) {
      os << '(';
      for (std::size_t i = 0; i < d.params.size(); ++i) os << (i ? ", " : "") << d.params[i];
      os << ')';
    }
    os << " @" << d.position << " {\n";
    print(os, d.body, opts);
    os << "}\n";
  }
  for (const Rule& r : m.rules) {
    os << "\nrule " << r.syscall << " nr=" << r.nr << " @" << r.position << " {\n";
    print(os, r.body, opts);
    os << "}\n";
  }
}

std::string to_string(const Module& m, const PrintOptions& opts) {
  std::ostringstream os;
  print(os, m, opts);
  return os.str();
}

}  // namespace secco::ir
