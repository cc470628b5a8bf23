#include "ir/lower_ast.h"

#include <algorithm>

namespace secco::ir {
namespace {

namespace v2 = boost::variant2;

Opcode binary_opcode(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::LogicalOr:
      return Opcode::LOr;
    case ast::BinaryOp::LogicalAnd:
      return Opcode::LAnd;
    case ast::BinaryOp::Eq:
      return Opcode::Eq;
    case ast::BinaryOp::Ne:
      return Opcode::Ne;
    case ast::BinaryOp::Test:
      return Opcode::Test;
    case ast::BinaryOp::Lt:
      return Opcode::Lt;
    case ast::BinaryOp::Le:
      return Opcode::Le;
    case ast::BinaryOp::Gt:
      return Opcode::Gt;
    case ast::BinaryOp::Ge:
      return Opcode::Ge;
    case ast::BinaryOp::BitOr:
      return Opcode::Or;
    case ast::BinaryOp::BitXor:
      return Opcode::Xor;
    case ast::BinaryOp::BitAnd:
      return Opcode::And;
    case ast::BinaryOp::Shl:
      return Opcode::Shl;
    case ast::BinaryOp::Shr:
      return Opcode::Shr;
    case ast::BinaryOp::Add:
      return Opcode::Add;
    case ast::BinaryOp::Sub:
      return Opcode::Sub;
    case ast::BinaryOp::Mul:
      return Opcode::Mul;
    case ast::BinaryOp::Div:
      return Opcode::Div;
    case ast::BinaryOp::Mod:
      return Opcode::Mod;
  }
  return Opcode::Add;
}

// Builds the values of one expression into a function.
class ExprLowerer {
 public:
  ExprLowerer(Function& f, std::uint32_t scope, const std::vector<std::string>* params, const Target* args32,
              Diagnostics& diags)
      : f_(f), scope_(scope), params_(params), args32_(args32), diags_(diags) {}

  ValueId lower(const ast::Expr& e) {
    return v2::visit([&](const auto& node) { return lower_node(node, e.range); }, e.node);
  }

 private:
  ValueId lower_node(const ast::NumberLit& n, SourceRange r) { return f_.constant(n.value, r); }
  ValueId lower_node(const ast::BoolLit& b, SourceRange r) { return f_.boolean(b.value, r); }
  ValueId lower_node(const ast::ArgRef& a, SourceRange r) {
    // On a 32-bit ABI the kernel's arguments are 32 bits: argn is argLn (a comparison with a wider
    // constant then gets the usual warning) and argHn is 0 at run time (spec §10). argHn stays a
    // run-time value, so that `x / argH0` is the run-time division by zero it is there, not a
    // compile-time error the same rule does not have on a 64-bit ABI of the filter.
    if (args32_ != nullptr && a.part == ast::ArgPart::High)
      diags_.report(diag::warn_arg_high_on_32bit, r) << std::string(args32_->name()) << a.index;
    if (args32_ != nullptr && a.part == ast::ArgPart::Full) return f_.make(Opcode::ArgLow, Type::U32, {}, a.index, r);
    switch (a.part) {
      case ast::ArgPart::Full:
        return f_.make(Opcode::ArgFull, Type::Arg64, {}, a.index, r);
      case ast::ArgPart::Low:
        return f_.make(Opcode::ArgLow, Type::U32, {}, a.index, r);
      case ast::ArgPart::High:
        return f_.make(Opcode::ArgHigh, Type::U32, {}, a.index, r);
    }
    return kNoValue;
  }
  ValueId lower_node(const ast::NameRef& n, SourceRange r) {
    if (params_ != nullptr) {
      auto it = std::find(params_->begin(), params_->end(), n.name);
      if (it != params_->end())
        return f_.make(Opcode::Param, Type::Unknown, {}, static_cast<std::uint64_t>(it - params_->begin()), r);
    }
    return f_.make(Opcode::Ref, Type::Unknown, {}, 0, r, n.name, scope_);
  }
  ValueId lower_node(const ast::Call& c, SourceRange r) {
    std::vector<ValueId> args;
    for (const auto& a : c.args) args.push_back(lower(*a));
    return f_.make(Opcode::Call, Type::Unknown, std::move(args), 0, r, c.name, scope_);
  }
  ValueId lower_node(const ast::Unary& u, SourceRange r) {
    ValueId x = lower(*u.operand);
    return f_.make(u.op == ast::UnaryOp::LogicalNot ? Opcode::LNot : Opcode::BitNot, Type::Unknown, {x}, 0, r);
  }
  ValueId lower_node(const ast::Binary& b, SourceRange r) {
    ValueId l = lower(*b.lhs);
    ValueId rr = lower(*b.rhs);
    return f_.make(binary_opcode(b.op), Type::Unknown, {l, rr}, 0, r);
  }
  ValueId lower_node(const ast::InList& in, SourceRange r) {
    std::vector<ValueId> ops{lower(*in.subject)};
    for (const auto& v : in.values) ops.push_back(lower(*v));
    return f_.make(in.negated ? Opcode::NotIn : Opcode::In, Type::Unknown, std::move(ops), 0, r);
  }

  Function& f_;
  std::uint32_t scope_;
  const std::vector<std::string>* params_;
  const Target* args32_;  // the target when its arguments are 32 bits, else null
  Diagnostics& diags_;
};

class Lowerer {
 public:
  Lowerer(const Settings& caller, Diagnostics& diags) : diags_(diags) { m_.settings = caller; }

  Module run(const std::vector<InputFile>& files) {
    for (const InputFile& in : files) {
      for (const ast::Line& line : in.ast->lines) {
        ++position_;
        v2::visit([&](const auto& node) { this->line(node, line, in.definitions_only); }, line.node);
      }
    }
    return std::move(m_);
  }

 private:
  void line(const ast::Blank&, const ast::Line&, bool) {}
  void line(const ast::Comment&, const ast::Line&, bool) {}
  void line(const ast::ArchSetting&, const ast::Line&, bool) {}  // read by the driver (api/compilation.cc)

  void line(const ast::DefaultSetting& d, const ast::Line&, bool) {
    ActionOperand a = lower_action(d.action, position_, diags_);
    switch (d.which) {
      case ast::DefaultSetting::Which::Positive:
        m_.settings.positive = a;
        break;
      case ast::DefaultSetting::Which::Negative:
        m_.settings.negative = a;
        break;
      case ast::DefaultSetting::Which::Policy:
        m_.settings.policy = a;
        break;
    }
  }

  void line(const ast::Definition& d, const ast::Line&, bool) {
    Definition def;
    def.name = d.name;
    def.params = d.params;
    def.has_params = d.has_params;
    def.position = position_;
    def.loc = d.name_range;
    for (std::size_t i = 0; i < d.params.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (d.params[i] == d.params[j]) {
          SourceRange at = i < d.param_ranges.size() ? d.param_ranges[i] : d.name_range;
          diags_.report(diag::err_duplicate_param, at) << d.params[i];
        }
      }
    }
    BlockId b = def.body.add_block();
    ValueId v = ExprLowerer(def.body, position_, &def.params, args32(), diags_).lower(*d.body);
    def.body.block(b).term = Terminator{Terminator::Kind::Yield, v, kNoBlock, kNoBlock, {}};
    m_.definitions.push_back(std::move(def));
  }

  void line(const ast::Rule& r, const ast::Line&, bool definitions_only) {
    if (definitions_only) {
      diags_.report(diag::err_rule_in_definitions, r.syscall_range);
      return;
    }
    const Target& target = *m_.settings.target;
    auto nr = target.syscall_number(r.syscall);
    if (!nr) {
      std::vector<const Target*> abis = m_.settings.abis;
      if (abis.empty()) abis.push_back(&target);
      std::string names;
      for (const Target* t : abis) {
        if (t->syscall_number(r.syscall)) return;  // exists on another ABI of the filter: skipped here
        names += (names.empty() ? "" : ", ") + std::string(t->name());
      }
      diags_.report(diag::err_unknown_syscall, r.syscall_range) << r.syscall << names;
      if (auto near = Target::closest_syscall(r.syscall, abis))
        diags_.report(diag::note_did_you_mean, r.syscall_range) << std::string(*near);
      return;
    }
    Rule rule;
    rule.syscall = r.syscall;
    rule.nr = *nr;
    rule.position = position_;
    rule.loc = r.syscall_range;
    ActionOperand pos{ActionOperand::Form::DefaultPositive, {}, {}, 0, r.syscall_range};
    ActionOperand neg{ActionOperand::Form::DefaultNegative, {}, {}, 0, r.syscall_range};
    if (r.positive) pos = lower_action(*r.positive, position_, diags_);
    if (r.negative) neg = lower_action(*r.negative, position_, diags_);
    Function& f = rule.body;
    BlockId entry = f.add_block();
    auto ret = [&](const ActionOperand& a) {
      BlockId b = f.add_block();
      f.block(b).term = Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, a};
      return b;
    };
    if (r.form == ast::Rule::BodyForm::Return) {
      f.block(entry).term = Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock,
                                       lower_action(*r.returned, position_, diags_)};
    } else {
      ValueId cond = ExprLowerer(f, position_, nullptr, args32(), diags_).lower(*r.expr);
      BlockId t = ret(pos);
      BlockId e = ret(r.form == ast::Rule::BodyForm::ExprReturn ? lower_action(*r.returned, position_, diags_) : neg);
      f.block(entry).term = Terminator{Terminator::Kind::Branch, cond, t, e, {}};
    }
    m_.rules.push_back(std::move(rule));
  }

  const Target* args32() const { return m_.settings.target->args_are_32bit() ? m_.settings.target : nullptr; }

  Module m_;
  Diagnostics& diags_;
  std::uint32_t position_ = 0;
};

}  // namespace

ActionOperand lower_action(const ast::ActionRef& a, std::uint32_t scope, Diagnostics& diags) {
  ActionOperand out;
  out.loc = a.range;
  out.scope = scope;
  auto value_in_range = [&](std::uint64_t v, std::string_view what) {
    if (v > 0xffff) {
      diags.report(diag::err_action_value_range, a.range) << v << what;
      return false;
    }
    return true;
  };
  switch (a.form) {
    case ast::ActionRef::Form::Name:
      out.form = ActionOperand::Form::Name;
      out.name = a.name;
      return out;
    case ast::ActionRef::Form::Number:
      if (value_in_range(*a.value, "errno")) {
        out.action = Action::errno_(static_cast<std::uint16_t>(*a.value));
        if (*a.value > 4095) diags.report(diag::warn_errno_capped, a.range) << *a.value;
      }
      return out;
    case ast::ActionRef::Form::Keyword:
      break;
  }
  out.action.kind = a.kind;
  Action probe{a.kind, 0};
  if (!probe.has_data() && a.value) {
    diags.report(diag::err_action_takes_no_value, a.range) << a.keyword;
  } else if (a.kind == ActionKind::Errno && !a.value) {
    diags.report(diag::err_action_needs_value, a.range) << a.keyword;
  } else if (a.value && value_in_range(*a.value, a.keyword)) {
    out.action.data = static_cast<std::uint16_t>(*a.value);
    if (a.kind == ActionKind::Errno && *a.value > 4095) diags.report(diag::warn_errno_capped, a.range) << *a.value;
  }
  return out;
}

Module lower(const std::vector<InputFile>& files, const Settings& caller, Diagnostics& diags) {
  return Lowerer(caller, diags).run(files);
}

}  // namespace secco::ir
