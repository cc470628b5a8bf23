#include "semantics/explain_multiplexed.h"

#include <algorithm>
#include <map>
#include <optional>

#include "support/fmt.h"

#include "semantics/explain_cond.h"
#include "semantics/explain_tree.h"
#include "target/multiplexed.h"

namespace secco::semantics {
namespace {

constexpr std::string_view kMultiplexers[] = {"socketcall", "ipc"};

// The kernel keeps the lowest action of several filters (as a signed value, data included): a
// sub-call rule with argument tests gives its multiplexed form the most restrictive of its two.
std::uint32_t most_restrictive(const SyscallRule& r) {
  return static_cast<std::int32_t>(r.positive) < static_cast<std::int32_t>(r.negative) ? r.positive : r.negative;
}

struct SubCall {
  std::string_view name;
  std::uint32_t call = 0;
  std::optional<std::uint32_t> action;  // the program's, when arg0's call number alone decides it
};

// One multiplexer on one ABI.
struct Mux {
  const Target* target = nullptr;
  std::string_view name;
  std::uint32_t nr = 0, mask = 0;
  std::vector<std::uint32_t> actions;  // every action the program gives it
  std::vector<SubCall> calls;          // by call number
  std::optional<SyscallRule> own;      // its own rule (none: the sub-call rules and the default)
};

std::string call_text(const Mux& m, const SubCall& c) {
  return fmt::format("{} {}(arg0 = {}: {})", m.target->name(), m.name, c.call, c.name);
}

Mux read_mux(const bpf::Program& program, const Target& t, std::string_view name,
             const std::vector<MultiplexedCall>& all) {
  Mux m;
  m.target = &t;
  m.name = name;
  for (const MultiplexedCall& c : all)
    if (c.form.multiplexer == name) {
      m.nr = c.form.multiplexer_nr;
      m.mask = c.form.mask;
      m.calls.push_back(SubCall{c.name, c.form.call, std::nullopt});
    }
  if (m.calls.empty()) return m;
  unfold(program, t, m.nr, m.actions);
  for (SubCall& c : m.calls) {
    Arg0Assumption known;
    known.mask = m.mask;
    known.value = c.call;
    std::vector<std::uint32_t> actions;
    unfold(program, t, m.nr, actions, known);
    if (actions.size() == 1) c.action = actions[0];
  }
  return m;
}

// `argL0 != call`: true on every call the multiplexer's own rule decides when `call` is one the
// sub-call rules decide, and it tests an argument, so that it does not replace them.
SyscallRule leftover_rule(const Mux& m, std::uint32_t action, std::uint32_t negative, std::uint32_t covered) {
  SyscallRule r;
  r.nr = m.nr;
  r.name = std::string(m.name);
  r.positive = action;
  r.negative = negative;
  r.when = cond_lit(bpf::op::JEQ, Term::word(16), Term::constant(covered), true);
  return r;
}

std::string rule_key(const std::optional<SyscallRule>& r) {
  if (!r) return "none";
  return fmt::format("{:x} {:x} {}", r->positive, r->negative, r->positive == r->negative ? "" : cond_text(r->when));
}

std::string rule_text(const std::optional<SyscallRule>& r, std::uint32_t deflt) {
  if (!r) return "no rule: the sub-call rules, then " + action_text(deflt);
  if (r->positive == r->negative) return action_text(r->positive);
  return action_text(r->positive) + " when " + cond_text(r->when) + ", else " + action_text(r->negative);
}

class Multiplexed {
 public:
  Multiplexed(const bpf::Program& p, Explanation& e) : p_(p), e_(e) {
    for (std::size_t i = 0; i < e.rules.size(); ++i) rules_[e.rules[i].name] = i;
  }

  void run() {
    for (const Target* t : e_.targets) {
      if (!multiplexes(*t)) continue;
      const std::vector<MultiplexedCall> all = multiplexed_calls(*t);
      for (std::string_view name : kMultiplexers) {
        Mux m = read_mux(p_, *t, name, all);
        if (!m.calls.empty()) muxes_.push_back(std::move(m));
      }
    }
    if (muxes_.empty()) return;
    add_multiplexed_only();
    add_default_rules();
    for (Mux& m : muxes_) own_rule(m);
    if (!refused_.empty()) throw ExplainError(refused_);
    merge();
  }

 private:
  const SyscallRule* rule(std::string_view name) const {
    auto it = rules_.find(std::string(name));
    return it == rules_.end() ? nullptr : &e_.rules[it->second];
  }
  void refuse(const std::string& why) { refused_ += (refused_.empty() ? "" : "\n") + why; }
  void add_rule(SyscallRule r, const Target* abi) {
    rules_[r.name] = e_.rules.size();
    e_.rules.push_back(std::move(r));
    e_.rule_abis.push_back(abi);
  }

  // Sub-calls with no number of their own on any ABI of the filter, that no rule names and that
  // every multiplexer reading its call number gives one action other than the default: a rule
  // `NAME: return A` says it (where it has neither form the compiler skips it).
  void add_multiplexed_only() {
    std::map<std::string_view, std::optional<std::uint32_t>> action;
    std::vector<std::pair<std::string_view, const Mux*>> order;
    for (const Mux& m : muxes_) {
      if (m.actions.size() == 1) continue;  // an argument-free rule for the multiplexer decides it all
      for (const SubCall& c : m.calls) {
        if (rule(c.name) != nullptr) continue;
        if (std::any_of(e_.targets.begin(), e_.targets.end(),
                        [&](const Target* t) { return t->syscall_number(c.name).has_value(); }))
          continue;
        auto [it, fresh] = action.try_emplace(c.name, c.action);
        if (fresh)
          order.emplace_back(c.name, &m);
        else if (it->second != c.action)
          it->second = std::nullopt;
      }
    }
    for (const auto& [name, m] : order) {
      const std::optional<std::uint32_t> a = action[name];
      if (!a || *a == e_.default_policy) continue;
      SyscallRule r;
      r.nr = m->nr;
      r.name = std::string(name);
      r.positive = r.negative = *a;
      r.when = cond_true();
      e_.notes.push_back(
          fmt::format("{} has no number of its own on {}: its rule decides {} with its call number in arg0", name,
                      m->target->name(), m->name));
      add_rule(std::move(r), m->target);
    }
  }

  // The multiplexer's tree on the calls no sub-call rule decides: the covered numbers ruled out.
  std::unique_ptr<Node> leftover(const Mux& m, std::vector<std::uint32_t>& actions) const {
    Arg0Assumption rest;
    rest.excluded_mask = m.mask;
    for (const SubCall& c : m.calls)
      if (rule(c.name) != nullptr) rest.excluded.push_back(c.call);
    return unfold(p_, *m.target, m.nr, actions, rest);
  }

  // When the calls left to a multiplexer's own rule have more outcomes than a rule has, the
  // sub-calls that get the default (and have no rule: their direct calls get it too) are given
  // `NAME: return DEFAULT`, which takes their numbers out of that rule's part.
  void add_default_rules() {
    std::vector<const Mux*> crowded;
    for (const Mux& m : muxes_) {
      if (m.actions.size() == 1) continue;
      std::vector<std::uint32_t> actions;
      leftover(m, actions);
      if (actions.size() > 2) crowded.push_back(&m);
    }
    std::vector<std::pair<std::string_view, const Mux*>> names;
    for (const Mux* m : crowded)
      for (const SubCall& c : m->calls)
        if (rule(c.name) == nullptr && c.action == e_.default_policy &&
            std::none_of(names.begin(), names.end(), [&](const auto& n) { return n.first == c.name; }))
          names.emplace_back(c.name, m);
    std::string added;
    for (const auto& [name, first] : names) {
      // Every multiplexer that reads the call must give it the default.
      bool alike = true;
      for (const Mux& m : muxes_)
        for (const SubCall& c : m.calls)
          if (c.name == name && m.actions.size() > 1) alike = alike && c.action == e_.default_policy;
      if (!alike) continue;
      SyscallRule r;
      r.nr = first->nr;
      r.name = std::string(name);
      r.positive = r.negative = e_.default_policy;
      r.when = cond_true();
      added += (added.empty() ? "" : ", ") + r.name;
      add_rule(std::move(r), first->target);
    }
    if (!added.empty())
      e_.notes.push_back(
          fmt::format("{}: the default, said by rules so that they decide their call numbers in arg0 "
                      "of socketcall/ipc, whose own rule then has at most two outcomes",
                      added));
  }

  void own_rule(Mux& m) {
    std::vector<const SubCall*> covered;
    std::vector<std::uint32_t> covered_calls;
    std::string covered_names;
    for (const SubCall& c : m.calls)
      if (rule(c.name) != nullptr) {
        covered.push_back(&c);
        covered_calls.push_back(c.call);
        covered_names += fmt::format("{}{} ({})", covered_names.empty() ? "" : ", ", c.name, c.call);
      }
    const std::string abi(m.target->name());
    if (m.actions.size() == 1) {
      // One action whatever the call: a rule without argument tests, which replaces the sub-call
      // rules' tests, unless they and the default give that action already.
      const std::uint32_t x = m.actions[0];
      bool needed = x != e_.default_policy;
      for (const SubCall* c : covered) needed = needed || most_restrictive(*rule(c->name)) != x;
      if (!needed) return;
      SyscallRule r;
      r.nr = m.nr;
      r.name = std::string(m.name);
      r.positive = r.negative = x;
      r.when = cond_true();
      m.own = r;
      if (!covered.empty())
        e_.notes.push_back(
            fmt::format("{} {}: its rule has no argument tests, so it decides every call made through "
                        "it; the rules of {} decide their own numbers only",
                        abi, m.name, covered_names));
      return;
    }
    for (const SubCall* c : covered) {
      const std::uint32_t want = most_restrictive(*rule(c->name));
      if (!c->action)
        refuse(
            fmt::format("{} depends on more than its call number, but the rule for {} gives it one action ({}); "
                        "a policy cannot say it",
                        call_text(m, *c), c->name, action_text(want)));
      else if (*c->action != want)
        refuse(
            fmt::format("{} gets {}, but the rule for {} gives it {} (a sub-call rule decides its multiplexed "
                        "form, with its most restrictive action when it tests arguments); a policy cannot say it",
                        call_text(m, *c), action_text(*c->action), c->name, action_text(want)));
    }
    std::vector<std::uint32_t> actions;
    std::unique_ptr<Node> tree = leftover(m, actions);
    if (actions.size() > 2) {
      std::string list;
      for (std::uint32_t a : actions) list += (list.empty() ? "" : ", ") + action_text(a);
      refuse(fmt::format("{} {} has {} outcomes ({}) on the calls no sub-call rule decides{}; a rule has two", abi,
                         m.name, actions.size(), list,
                         covered.empty() ? "" : " (the rules of " + covered_names + " decide theirs)"));
      return;
    }
    if (covered.empty()) {
      m.own = rule_of_tree(*tree, actions, m.nr, std::string(m.name));
    } else if (actions.size() == 2) {
      m.own = rule_of_tree(*tree, actions, m.nr, std::string(m.name));
    } else if (actions[0] != e_.default_policy) {
      m.own = leftover_rule(m, actions[0], e_.default_policy, covered_calls.front());
    }
    if (m.own && m.own->positive == m.own->negative && m.own->positive == e_.default_policy) m.own.reset();
    if (!covered.empty())
      e_.notes.push_back(
          fmt::format("{} {}: the rules of {} decide those call numbers in arg0 (a rule with argument "
                      "tests gives its most restrictive action); {}",
                      abi, m.name, covered_names,
                      m.own ? "its own rule decides the other calls" : "the other calls get the default"));
  }

  // One rule per name on every ABI (spec §10): as for the other calls, a 64-bit ABI's rule stands
  // for the 32-bit ones, whose differences the proof of the round trip judges.
  void merge() {
    for (std::string_view name : kMultiplexers) {
      std::vector<const Mux*> seen;
      for (const Mux& m : muxes_)
        if (m.name == name) seen.push_back(&m);
      if (seen.empty()) continue;
      const Mux* pick = seen.front();
      for (const Mux* m : seen)
        if (!m->target->args_are_32bit()) {
          pick = m;
          break;
        }
      for (const Mux* m : seen) {
        if (rule_key(m->own) == rule_key(pick->own)) continue;
        if (!pick->target->args_are_32bit() && m->target->args_are_32bit()) continue;
        refuse(
            fmt::format("{} is decided differently on {} ({}) and on {} ({}); a policy gives a name one rule on "
                        "every ABI",
                        name, pick->target->name(), rule_text(pick->own, e_.default_policy), m->target->name(),
                        rule_text(m->own, e_.default_policy)));
        break;
      }
      if (const SyscallRule* other = rule(name)) {
        // A non-multiplexing ABI of the filter has the name too, with a rule of its own.
        if (rule_key(*other) != rule_key(pick->own))
          refuse(
              fmt::format("{} is decided differently on {} and on the ABIs that multiplex it; a policy gives a "
                          "name one rule on every ABI",
                          name, e_.rule_abis[rules_.at(std::string(name))]->name()));
        continue;
      }
      if (pick->own) add_rule(*pick->own, pick->target);
    }
    if (!refused_.empty()) throw ExplainError(refused_);
  }

  const bpf::Program& p_;
  Explanation& e_;
  std::map<std::string, std::size_t> rules_;  // e_.rules by name
  std::vector<Mux> muxes_;
  std::string refused_;
};

}  // namespace

bool is_multiplexer(const Target& t, std::uint32_t nr) {
  if (!multiplexes(t)) return false;
  for (std::string_view name : kMultiplexers)
    if (t.syscall_number(name) == nr) return true;
  return false;
}

void explain_multiplexed(const bpf::Program& program, Explanation& e) {
  Multiplexed(program, e).run();
}

}  // namespace secco::semantics
