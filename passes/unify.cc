// unify: expands every variable and macro into the rules that use it, and resolves action names
// and default actions, so that later passes see self-contained rule bodies.
//
// Hygiene comes from positions: every line has a global position (definition files first, then
// the policy files in order) and a name written on a line refers to the latest definition at an
// earlier position. A macro body's names are therefore resolved where the body was written, and
// its parameters (already `param` values) shadow everything. Predefined constants come last.
// Expansions are memoised per (definition, arguments) and values are hash-consed, so a tower of
// macros that mention each other twice grows linearly, not exponentially.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "ir/constant_eval.h"
#include "ir/rewrite.h"
#include "passes/pass.h"
#include "support/edit_distance.h"

namespace secco::passes {
namespace {

using namespace ir;

constexpr unsigned kMaxDepth = 256;
// Expansion budgets. No program the kernel accepts (4096 instructions) needs more than a few
// thousand values per rule; the limits stop generated or hostile macro towers early, before every
// later pass spends time on them, and bound the whole policy as well as each rule.
constexpr std::size_t kMaxValuesPerRule = 1u << 16;
constexpr std::size_t kMaxValuesPerPolicy = 1u << 18;

class NameTable {
 public:
  explicit NameTable(const Module& m) : m_(m) {
    for (std::size_t i = 0; i < m.definitions.size(); ++i) by_name_[m.definitions[i].name].push_back(i);
    // Sorted by position, so lookups are binary searches: a name redefined on every one of
    // 100,000 lines must not make each use scan all of them (quadratic time).
    for (auto& [name, list] : by_name_) {
      std::stable_sort(list.begin(), list.end(), [&m](std::size_t a, std::size_t b) {
        return m.definitions[a].position < m.definitions[b].position;
      });
    }
  }

  // The latest definition of `name` before `scope`, or nullptr.
  const Definition* visible(const std::string& name, std::uint32_t scope) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return nullptr;
    auto first_not_before = first_at_or_after(it->second, scope);
    return first_not_before == it->second.begin() ? nullptr : &m_.definitions[*(first_not_before - 1)];
  }
  // The closest name visible at `scope` (definitions, predefined constants, arguments) to a typo.
  std::optional<std::string> suggest(const std::string& typo, std::uint32_t scope) const {
    TypoCorrector c(typo);
    for (const auto& [name, list] : by_name_)
      if (!list.empty() && m_.definitions[list.front()].position < scope) c.offer(name);
    for (const char* part : {"arg", "argL", "argH"})
      for (int i = 0; i < 6; ++i) c.offer(part + std::to_string(i));
    for (const ConstantEntry& k : m_.target().constants()) c.offer(k.name);
    return c.best();
  }
  // The first definition of `name` at or after `scope` (for "defined later" notes).
  const Definition* later(const std::string& name, std::uint32_t scope) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return nullptr;
    auto found = first_at_or_after(it->second, scope);
    return found == it->second.end() ? nullptr : &m_.definitions[*found];
  }

 private:
  std::vector<std::size_t>::const_iterator first_at_or_after(const std::vector<std::size_t>& list,
                                                             std::uint32_t scope) const {
    return std::partition_point(list.begin(), list.end(),
                                [this, scope](std::size_t i) { return m_.definitions[i].position < scope; });
  }

  const Module& m_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_;
};

class Expander {
 public:
  // `policy_left`: what remains of the whole policy's budget for this rule.
  Expander(const Module& m, const NameTable& names, Diagnostics& diags, Function& out,
           std::size_t policy_left = kMaxValuesPerPolicy)
      : m_(m), names_(names), diags_(diags), out_(out), policy_left_(policy_left) {}

  // Expands `f` with its parameters bound to `bound`; returns the old->new value map.
  std::vector<ValueId> expand(const Function& f, const std::vector<ValueId>& bound, SourceRange use, unsigned depth) {
    std::vector<ValueId> map(f.value_count(), kNoValue);
    std::vector<ValueId> ops;  // reused by every value (a nested expansion has its own)
    for (ValueId v : f.live_values()) {
      if (failed_) return map;
      const Value& x = f.value(v);
      ops.clear();
      for (ValueId o : x.operands) ops.push_back(map[o]);
      switch (x.op) {
        case Opcode::Param:
          map[v] = x.imm < bound.size() ? bound[x.imm] : out_.constant(0);
          break;
        case Opcode::Ref:
        case Opcode::Call:
          map[v] = resolve(x, ops, use.valid() ? use : x.loc, depth);
          break;
        default: {
          ValueId id = copy_value(f, v, out_, ops);
          if (use.valid() && !out_.value(id).use_loc.valid()) out_.set_use_loc(id, use);
          map[v] = id;
        }
      }
      if (out_.value_count() > kMaxValuesPerRule && !failed_) {
        diags_.report(diag::err_expansion_too_large, use.valid() ? use : x.loc) << kMaxValuesPerRule;
        failed_ = true;
      } else if (out_.value_count() > policy_left_ && !failed_) {
        diags_.report(diag::err_policy_too_large, use.valid() ? use : x.loc) << kMaxValuesPerPolicy;
        failed_ = over_policy_budget_ = true;
      }
    }
    return map;
  }

  bool failed() const { return failed_; }
  bool over_policy_budget() const { return over_policy_budget_; }

 private:
  ValueId resolve(const Value& x, const std::vector<ValueId>& args, SourceRange use, unsigned depth) {
    const bool is_call = x.op == Opcode::Call;
    const Definition* def = names_.visible(x.name, x.scope);
    if (def == nullptr) {
      auto c = m_.target().constant(x.name);
      // A constant whose C value is negative keeps its name, so typecheck can warn when a full
      // 64-bit argument is compared with it (the C library may sign-extend it).
      if (c && !is_call)
        return out_.make(Opcode::Const, Type::Const64, {}, c->value, x.loc, c->negative_in_c ? x.name : std::string());
      if (c && is_call) {
        diags_.report(diag::err_call_variable, x.loc) << x.name;
        return poison();
      }
      if (auto best = names_.suggest(x.name, x.scope))
        diags_.report(diag::err_undefined_name_suggest, x.loc).fixit(*best) << x.name << *best;
      else
        diags_.report(diag::err_undefined_name, x.loc) << x.name;
      if (const Definition* later = names_.later(x.name, x.scope))
        diags_.report(diag::note_defined_later, later->loc) << x.name;
      return poison();
    }
    if (def->broken) return poison();  // its line's syntax error is reported
    if (is_call && !def->has_params) {
      diags_.report(diag::err_call_variable, x.loc) << x.name;
      diags_.report(diag::note_defined_here, def->loc) << x.name;
      return poison();
    }
    if (!is_call && !def->params.empty()) {
      diags_.report(diag::err_macro_needs_args, x.loc) << x.name << static_cast<std::uint64_t>(def->params.size());
      diags_.report(diag::note_defined_here, def->loc) << x.name;
      return poison();
    }
    if (is_call && args.size() != def->params.size()) {
      diags_.report(diag::err_wrong_arity, x.loc)
          << x.name << static_cast<std::uint64_t>(def->params.size()) << static_cast<std::uint64_t>(args.size());
      diags_.report(diag::note_defined_here, def->loc) << x.name;
      return poison();
    }
    if (depth >= kMaxDepth) {
      diags_.report(diag::err_expansion_too_deep, use) << kMaxDepth;
      failed_ = true;
      return poison();
    }
    auto key = std::make_pair(def, args);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    std::vector<ValueId> map = expand(def->body, args, use, depth + 1);
    ValueId result = failed_ ? poison() : map[def->body.block(0).term.yielded];
    if (result == kNoValue) result = poison();
    memo_.emplace(std::move(key), result);
    return result;
  }

  ValueId poison() {
    failed_ = true;
    return out_.constant(0);
  }

  const Module& m_;
  const NameTable& names_;
  Diagnostics& diags_;
  Function& out_;
  std::size_t policy_left_;
  std::map<std::pair<const Definition*, std::vector<ValueId>>, ValueId> memo_;
  bool failed_ = false;
  bool over_policy_budget_ = false;
};

class ActionResolver {
 public:
  ActionResolver(const Module& m, const NameTable& names, Diagnostics& diags) : m_(m), names_(names), diags_(diags) {}

  // Resolves a name to errno(value); defaults resolve to the given concrete actions.
  void resolve(ActionOperand& a, const Settings* defaults) {
    if (a.form == ActionOperand::Form::DefaultPositive && defaults) {
      a = with_loc(defaults->positive, a.loc);
      return;
    }
    if (a.form == ActionOperand::Form::DefaultNegative && defaults) {
      a = with_loc(defaults->negative, a.loc);
      return;
    }
    if (a.form != ActionOperand::Form::Name) return;
    std::optional<std::uint64_t> value;
    if (const Definition* def = names_.visible(a.name, a.scope)) {
      if (def->broken) {
        a = ActionOperand::concrete(Action::kill_thread(), a.loc);
        return;
      }
      if (!def->params.empty()) {
        diags_.report(diag::err_action_not_constant, a.loc) << a.name;
        a = ActionOperand::concrete(Action::kill_thread(), a.loc);
        return;
      }
      Function scratch;
      Expander ex(m_, names_, diags_, scratch);
      std::vector<ValueId> map = ex.expand(def->body, {}, a.loc, 0);
      if (!ex.failed()) value = evaluate_constant(scratch, map[def->body.block(0).term.yielded]);
      if (!value) {
        if (!ex.failed()) diags_.report(diag::err_action_not_constant, a.loc) << a.name;
        a = ActionOperand::concrete(Action::kill_thread(), a.loc);
        return;
      }
    } else if (auto c = m_.target().constant(a.name)) {
      value = c->value;
    } else {
      diags_.report(diag::err_unknown_action, a.loc) << a.name;
      a = ActionOperand::concrete(Action::kill_thread(), a.loc);
      return;
    }
    if (*value > 0xffff) {
      diags_.report(diag::err_action_value_range, a.loc) << *value << a.name;
      *value = 0;
    } else if (*value > 4095) {
      diags_.report(diag::warn_errno_capped, a.loc) << *value;
    }
    a = ActionOperand::concrete(Action::errno_(static_cast<std::uint16_t>(*value)), a.loc);
  }

 private:
  static ActionOperand with_loc(ActionOperand a, SourceRange loc) {
    a.loc = loc;
    return a;
  }
  const Module& m_;
  const NameTable& names_;
  Diagnostics& diags_;
};

// -Wunused-definition: a definition of the policy (not of a -d library) that no rule, default
// line or later definition names. A misspelt special name or rule head shows up here.
// Found before expansion (which removes the names), reported after it.
std::vector<const Definition*> unused_definitions(const Module& m, const NameTable& names) {
  std::vector<bool> used(m.definitions.size(), false);
  auto mark = [&](const std::string& name, std::uint32_t scope) {
    if (const Definition* def = names.visible(name, scope))
      used[static_cast<std::size_t>(def - m.definitions.data())] = true;
  };
  auto scan = [&](const Function& f) {
    for (ValueId v : f.live_values()) {
      const Value& x = f.value(v);
      if (x.op == Opcode::Ref || x.op == Opcode::Call) mark(x.name, x.scope);
    }
    for (const Block& b : f.blocks())
      if (b.term.action.form == ActionOperand::Form::Name) mark(b.term.action.name, b.term.action.scope);
  };
  for (const Definition& d : m.definitions) scan(d.body);
  for (const Rule& r : m.rules) scan(r.body);
  const Settings& s = m.settings;
  for (const ActionOperand* a : {&s.positive, &s.negative, &s.policy, &s.bad_arch})
    if (a->form == ActionOperand::Form::Name) mark(a->name, a->scope);
  std::vector<const Definition*> out;
  for (std::size_t i = 0; i < m.definitions.size(); ++i) {
    const Definition& d = m.definitions[i];
    if (!used[i] && !d.library && !d.broken) out.push_back(&d);
  }
  return out;
}

// Whether expanding `f` would give `f` back with only its actions resolved: it is compact (the
// expansion copies its live values in order, then compacts), names nothing (no ref, call or
// parameter to expand) and fits the budgets (whose errors the expansion reports).
bool expands_in_place(const Function& f, std::size_t policy_left) {
  if (f.value_count() > kMaxValuesPerRule || f.value_count() > policy_left || !f.is_compact()) return false;
  for (ValueId v = 0; v < f.value_count(); ++v) {
    Opcode op = f.value(v).op;
    if (op == Opcode::Ref || op == Opcode::Call || op == Opcode::Param) return false;
  }
  return true;
}

SECCO_SIMPLE_PASS(UnifyPass, "unify", "expand variables and macros; resolve action names and defaults");

PreservedAnalyses UnifyPass::run(Module& m, PassContext& ctx) {
  if (m.expanded) return PreservedAnalyses::all();
  NameTable names(m);
  std::vector<const Definition*> unused = unused_definitions(m, names);
  ActionResolver actions(m, names, ctx.diags);
  Settings& s = m.settings;
  for (ActionOperand* a : {&s.positive, &s.negative, &s.policy, &s.bad_arch}) actions.resolve(*a, nullptr);
  if (s.x32) actions.resolve(*s.x32, nullptr);
  std::size_t policy_values = 0;
  std::vector<Rule> kept;
  kept.reserve(m.rules.size());
  for (Rule& r : m.rules) {
    if (expands_in_place(r.body, kMaxValuesPerPolicy - std::min(policy_values, kMaxValuesPerPolicy))) {
      // Nothing to expand: only the actions are resolved, where they are.
      for (BlockId b = 0; b < r.body.block_count(); ++b) {
        const ActionOperand& a = std::as_const(r.body).block(b).term.action;
        if (a.form == ActionOperand::Form::Concrete) continue;
        actions.resolve(r.body.block(b).term.action, &s);
      }
      policy_values += r.body.value_count();
      kept.push_back(std::move(r));
      continue;
    }
    Function out;
    Expander ex(m, names, ctx.diags, out, kMaxValuesPerPolicy - std::min(policy_values, kMaxValuesPerPolicy));
    std::vector<ValueId> map = ex.expand(r.body, {}, SourceRange{}, 0);
    for (const Block& b : r.body.blocks()) {
      BlockId nb = out.add_block();
      Terminator t = b.term;
      if (t.cond != kNoValue) t.cond = map[t.cond];
      actions.resolve(t.action, &s);
      out.block(nb).term = t;
    }
    out.compact();
    policy_values += out.value_count();
    r.body = std::move(out);
    if (ex.over_policy_budget()) break;  // one error, not one per remaining rule
    // A rule whose expansion failed (reported) is dropped, so later checking passes report the
    // other rules' errors without cascades from this one.
    if (!ex.failed()) kept.push_back(std::move(r));
  }
  m.rules = std::move(kept);
  // Reported only for a policy without errors: a rule dropped for a syntax error, or whose
  // expansion failed, may have been the only user.
  if (!ctx.diags.has_errors())
    for (const Definition* d : unused) ctx.diags.report(diag::warn_unused_definition, d->loc) << d->name;
  m.definitions.clear();
  m.expanded = true;
  return PreservedAnalyses::none();
}

}  // namespace

std::unique_ptr<Pass> make_unify_pass() {
  return std::make_unique<UnifyPass>();
}

}  // namespace secco::passes
