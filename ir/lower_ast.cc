#include "ir/lower_ast.h"

#include "support/fmt.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "support/edit_distance.h"
#include "target/multiplexed.h"
#include "target/syscall_groups.h"

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
    // System calls named by their own rule: a group rule leaves them alone (spec §10).
    // (A list of names the ASTs own: filled once here, sorted by the first group rule, if any.)
    std::size_t rule_lines = 0;
    for (const InputFile& in : files)
      for (const ast::Line& l : in.ast->lines)
        if (const auto* r = v2::get_if<ast::Rule>(&l.node)) {
          ++rule_lines;
          if (!is_group(r->syscall)) explicit_.push_back(r->syscall);
        }
    m_.rules.reserve(rule_lines);
    for (const InputFile& in : files) {
      std::size_t broken = 0;
      const auto& lines = in.ast->lines;
      for (std::size_t i = 0; i <= lines.size(); ++i) {
        for (; broken < in.ast->broken_definitions.size() && in.ast->broken_definitions[broken].before_line <= i;
             ++broken)
          add_broken(in.ast->broken_definitions[broken]);
        if (i == lines.size()) break;
        ++position_;
        v2::visit([&](const auto& node) { this->line(node, lines[i], in.definitions_only); }, lines[i].node);
      }
    }
    return std::move(m_);
  }

 private:
  void line(const ast::Blank&, const ast::Line&, bool) {}
  void line(const ast::Comment&, const ast::Line&, bool) {}
  void line(const ast::ArchSetting&, const ast::Line&, bool) {}  // read by the driver (api/compilation.cc)

  // A definition whose line did not parse: its uses are not reported again.
  void add_broken(const ast::BrokenDefinition& b) {
    Definition def;
    def.name = b.name;
    def.position = ++position_;
    def.loc = b.range;
    def.broken = true;
    BlockId blk = def.body.add_block();
    def.body.block(blk).term =
        Terminator{Terminator::Kind::Yield, kNoValue, kNoBlock, kNoBlock, {}, def.body.constant(0, b.range)};
    defined_.insert(b.name);
    m_.definitions.push_back(std::move(def));
  }

  // lower_action, and a name action checked here, on its own line: a misspelt action must be an
  // error even when a later DEFAULT_* line overrides it. A user definition is checked by unify.
  ActionOperand action(const ast::ActionRef& ref) {
    ActionOperand a = lower_action(ref, position_, diags_);
    if (a.form != ActionOperand::Form::Name || defined_.count(a.name) || m_.target().constant(a.name)) return a;
    TypoCorrector typo(a.name);
    for (const char* k :
         {"allow", "kill", "kill_thread", "kill_process", "trap", "trace", "log", "user_notif", "errno"})
      typo.offer(k);
    for (const std::string& name : defined_) typo.offer(name);
    for (const ConstantEntry& c : m_.target().constants())
      if (m_.target().errno_number(c.name)) typo.offer(c.name);
    if (auto best = typo.best())
      diags_.report(diag::err_unknown_action_suggest, a.loc).fixit(*best) << a.name << *best;
    else
      diags_.report(diag::err_unknown_action, a.loc) << a.name;
    return ActionOperand::concrete(Action::kill_thread(), a.loc);
  }

  void line(const ast::DefaultSetting& d, const ast::Line&, bool) {
    ActionOperand a = action(d.action);
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

  // `DEFAULT_POSTIVE = EPERM` or `default_policy = allow` defines a variable nothing reads: the
  // author meant a default line, and the policy would silently be more permissive. An error.
  void check_special_name(const ast::Definition& d) {
    std::optional<std::string> best;
    std::size_t best_distance = 4;  // "small": at most 3 edits of a 14-16 letter name
    for (const char* special : {"DEFAULT_POSITIVE", "DEFAULT_NEGATIVE", "DEFAULT_POLICY"}) {
      std::size_t dist = edit_distance(d.name, special, true, 3);
      if (dist < best_distance) {
        best_distance = dist;
        best = special;
      }
    }
    if (best) diags_.report(diag::err_misspelt_special, d.name_range).fixit(*best) << d.name << *best;
  }

  void line(const ast::Definition& d, const ast::Line&, bool definitions_only) {
    check_special_name(d);
    // `AF_UNIX = 1` restates the predefined value: harmless. Another value (`ENOENT = 5`) warns.
    const auto* literal = d.has_params || !d.body ? nullptr : v2::get_if<ast::NumberLit>(&d.body->node);
    if (auto c = m_.target().constant(d.name); c && !(literal && literal->value == c->value)) {
      std::string value = c->value < 4096 ? std::to_string(c->value) : fmt::format("0x{:x}", c->value);
      diags_.report(diag::warn_shadow, d.name_range) << d.name << value;
    }
    defined_.insert(d.name);
    Definition def;
    def.library = definitions_only;
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
    def.body.block(b).term = Terminator{Terminator::Kind::Yield, kNoValue, kNoBlock, kNoBlock, {}, v};
    m_.definitions.push_back(std::move(def));
  }

  static bool is_group(const std::string& head) { return !head.empty() && head[0] == '@'; }

  static bool same_action(const std::optional<ast::ActionRef>& a, const std::optional<ast::ActionRef>& b) {
    if (!a || !b) return !a && !b;
    return a->form == b->form && a->kind == b->kind && a->value == b->value && a->name == b->name;
  }
  // Two group rules that agree on a shared member are fine; the text decides (same body, actions).
  static bool same_rule(const ast::Rule& a, const ast::Rule& b) {
    if (a.form != b.form || !same_action(a.positive, b.positive) || !same_action(a.negative, b.negative) ||
        !same_action(a.returned, b.returned))
      return false;
    if (!a.expr || !b.expr) return !a.expr && !b.expr;
    return ast::equivalent(*a.expr, *b.expr);
  }

  // `@file-system: BODY`: one rule per member the target has, except members with their own rule.
  void group_rule(const ast::Rule& r) {
    auto members = expand_syscall_group(r.syscall);
    if (!members) {
      TypoCorrector typo(r.syscall);
      for (std::string_view g : syscall_group_names()) typo.offer(g);
      if (auto best = typo.best())
        diags_.report(diag::err_unknown_group_suggest, r.syscall_range).fixit(*best) << r.syscall << *best;
      else
        diags_.report(diag::err_unknown_group, r.syscall_range) << r.syscall;
      return;
    }
    if (!explicit_sorted_) {  // most policies have no group rule: they never pay for the sort
      std::sort(explicit_.begin(), explicit_.end());
      explicit_sorted_ = true;
    }
    std::optional<Rule> proto;  // lowered once, so an action is checked once
    for (const std::string& name : *members) {
      auto nr = syscall_number(m_.target(), name);
      if (!nr || std::binary_search(explicit_.begin(), explicit_.end(), std::string_view(name))) continue;
      auto [it, first] = group_member_.emplace(name, &r);
      if (!first) {
        const ast::Rule& other = *it->second;
        if (&other != &r && !same_rule(other, r) && conflicts_.insert({&other, &r}).second) {
          diags_.report(diag::err_group_conflict, r.syscall_range) << r.syscall << other.syscall << name;
          diags_.report(diag::note_group_rule_here, other.syscall_range) << other.syscall;
        }
        continue;
      }
      if (!proto) proto = lower_rule(r, name, *nr);
      Rule rule = *proto;
      rule.syscall = name;
      rule.nr = *nr;
      m_.rules.push_back(std::move(rule));
    }
  }

  void line(const ast::Rule& r, const ast::Line&, bool definitions_only) {
    if (definitions_only) {
      diags_.report(diag::err_rule_in_definitions, r.syscall_range);
      return;
    }
    if (is_group(r.syscall)) {
      group_rule(r);
      return;
    }
    const Target& target = *m_.settings.target;
    auto nr = syscall_number(target, r.syscall);
    if (!nr) {
      std::vector<const Target*> abis = m_.settings.abis;
      if (abis.empty()) abis.push_back(&target);
      std::string names;
      for (const Target* t : abis) {
        if (syscall_number(*t, r.syscall)) return;  // exists on another ABI of the filter: skipped here
        names += (names.empty() ? "" : ", ") + std::string(t->name());
      }
      TypoCorrector typo(r.syscall);
      // The C library's name for the kernel's `newfstatat`, `newuname`...: the kernel's name first.
      for (const Target* t : abis)
        for (const SyscallEntry& s : t->syscalls()) typo.offer(s.name);
      std::optional<std::string> best = typo.best();
      for (const Target* t : abis)
        if (t->syscall_number("new" + r.syscall)) best = "new" + r.syscall;
      if (best)
        diags_.report(diag::err_unknown_syscall_suggest, r.syscall_range).fixit(*best) << r.syscall << names << *best;
      else
        diags_.report(diag::err_unknown_syscall, r.syscall_range) << r.syscall << names;
      return;
    }
    m_.rules.push_back(lower_rule(r, r.syscall, *nr));
  }

  Rule lower_rule(const ast::Rule& r, const std::string& syscall, std::uint32_t nr) {
    Rule rule;
    rule.syscall = syscall;
    rule.nr = nr;
    rule.position = position_;
    rule.loc = r.syscall_range;
    ActionOperand pos{ActionOperand::Form::DefaultPositive, {}, {}, 0, r.syscall_range};
    ActionOperand neg{ActionOperand::Form::DefaultNegative, {}, {}, 0, r.syscall_range};
    if (r.positive) pos = action(*r.positive);
    if (r.negative) neg = action(*r.negative);
    Function& f = rule.body;
    f.blocks().reserve(r.form == ast::Rule::BodyForm::Return ? 1 : 3);
    BlockId entry = f.add_block();
    auto ret = [&](const ActionOperand& a) {
      BlockId b = f.add_block();
      f.block(b).term = Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, a};
      return b;
    };
    if (r.form == ast::Rule::BodyForm::Return) {
      f.block(entry).term = Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, action(*r.returned)};
    } else {
      ValueId cond = ExprLowerer(f, position_, nullptr, args32(), diags_).lower(*r.expr);
      BlockId t = ret(pos);
      BlockId e = ret(r.form == ast::Rule::BodyForm::ExprReturn ? action(*r.returned) : neg);
      f.block(entry).term = Terminator{Terminator::Kind::Branch, cond, t, e, {}};
    }
    return rule;
  }

  // The call's number; a sub-call that exists on `t` only in its multiplexed form (i386's `accept`)
  // gets a placeholder that the multiplexing step folds into socketcall's or ipc's rule.
  static std::optional<std::uint32_t> syscall_number(const Target& t, const std::string& name) {
    if (auto nr = t.syscall_number(name)) return nr;
    if (auto form = multiplexed_form(t, name)) return multiplexed_only_number(*form);
    return std::nullopt;
  }

  const Target* args32() const { return m_.settings.target->args_are_32bit() ? m_.settings.target : nullptr; }

  Module m_;
  Diagnostics& diags_;
  std::uint32_t position_ = 0;
  std::set<std::string> defined_;                                      // names defined so far (visible to this line)
  std::vector<std::string_view> explicit_;                             // system calls with a rule of their own
  bool explicit_sorted_ = false;                                       // explicit_ is sorted (searched)
  std::map<std::string, const ast::Rule*> group_member_;               // member -> the group rule that took it
  std::set<std::pair<const ast::Rule*, const ast::Rule*>> conflicts_;  // reported once per pair
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
  Module m = Lowerer(caller, diags).run(files);
  // Every file of the compilation, so the IR text can name where each location points.
  const SourceManager& sm = diags.sources();
  for (FileId id = 0; id < sm.size(); ++id) m.sources.push_back({id, sm.name(id)});
  return m;
}

}  // namespace secco::ir
