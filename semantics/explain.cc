#include "semantics/explain.h"

#include <algorithm>
#include <map>

#include "support/fmt.h"

#include "semantics/bpf_semantics.h"
#include "semantics/explain_cond.h"
#include "semantics/explain_multiplexed.h"
#include "semantics/explain_tree.h"
#include "semantics/kernel_action.h"

namespace secco::semantics {
namespace {

// ---- The whole program. ----

struct Tally {
  std::map<std::uint32_t, std::uint64_t> count;  // canonical action -> how many numbers
  std::map<std::uint32_t, std::uint32_t> first;  // canonical action -> first number seen
};

// The table's numbers in [lo, hi], sorted.
std::vector<std::uint32_t> table_numbers(const Target& t, std::uint32_t lo, std::uint32_t hi) {
  std::vector<std::uint32_t> out;
  for (const SyscallEntry& e : t.syscalls())
    if (e.nr >= lo && e.nr <= hi) out.push_back(e.nr);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string arch_text(std::uint32_t arch) {
  if (auto n = audit_arch_name(arch)) return std::string(*n);
  return fmt::format("0x{:x}", arch);
}

}  // namespace

std::vector<Outcome> syscall_outcomes(const bpf::Program& program, const Target& target, std::uint32_t nr) {
  std::vector<std::uint32_t> actions;
  std::unique_ptr<Node> tree = unfold(program, target, nr, actions);
  std::vector<Outcome> out;
  for (std::uint32_t a : actions) {
    CondPtr when = actions.size() == 1 ? cond_true() : cond_merge_halves(reaches(*tree, a));
    cond_check_words(when);
    out.push_back(Outcome{a, when});
  }
  return out;
}

SyscallRule explain_syscall(const bpf::Program& program, const Target& target, std::uint32_t nr) {
  std::vector<std::uint32_t> actions;
  std::unique_ptr<Node> tree = unfold(program, target, nr, actions);
  return rule_of_tree(*tree, actions, nr, name_of(target, nr));
}

CondPtr cond_for(const SyscallRule& rule, std::uint32_t action) {
  if (rule.positive == rule.negative) return action == rule.positive ? cond_true() : cond_false();
  if (action == rule.positive) return rule.when;
  if (action != rule.negative) return cond_false();
  return cond_not(rule.when);
}

namespace {

// The audit arch values the program tests one by one, as point intervals of its arch cuts.
std::vector<const Target*> arch_tested_targets(const bpf::Program& program) {
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  BpfSemantics(program).cuts(nr_cuts, arch_cuts);
  std::vector<std::uint32_t> tested;
  for (const Interval& a : intervals_from_cuts(arch_cuts))
    if (a.point()) tested.push_back(a.lo);
  std::vector<const Target*> found;
  for (const Target* t : Target::all())
    if (!t->is_x32() && std::find(tested.begin(), tested.end(), t->audit_arch()) != tested.end()) found.push_back(t);
  if (found.empty()) throw ExplainError("the program tests no architecture secco compiles for; name one with --arch");
  return found;
}

const Target* x32_target() {
  for (const Target* t : Target::all())
    if (t->is_x32()) return t;
  return nullptr;
}

// What the program decides for the numbers of one ABI.
struct AbiPart {
  std::uint32_t default_policy = 0;
  std::optional<std::uint32_t> x32;  // x86_64 without the x32 ABI: its numbers' one action
  std::vector<SyscallRule> rules;    // every named call of the ABI, the default ones too
};

// `x32_is_abi`: the x32 numbers inside AUDIT_ARCH_X86_64 are the x32 ABI's (explained on their own).
AbiPart explain_abi(const bpf::Program& program, BpfSemantics& sem, Inputs& in, const std::vector<Interval>& nrs,
                    const Target& target, bool x32_is_abi) {
  AbiPart part;
  const std::uint32_t audit = target.audit_arch();
  const Interval target_arch{audit, audit};
  const std::uint32_t x32_bit = target.is_x32() ? 0x40000000U : target.x32_bit();
  // The numbers this ABI owns: x32 from its bit up, x86_64 below it when x32 is an ABI.
  const std::uint32_t own_lo = target.is_x32() ? x32_bit : 0;
  const std::uint32_t own_hi = !target.is_x32() && x32_is_abi ? x32_bit - 1 : 0xfffffffeU;
  std::optional<std::uint32_t> x32, minus_one;
  Tally unnamed;
  auto unnamed_region = [&](std::uint32_t lo, std::uint32_t hi) {
    std::vector<std::uint32_t> named = table_numbers(target, lo, hi);
    std::uint64_t size = std::uint64_t{hi} - lo + 1;
    if (named.size() == size) return;
    std::uint32_t first = lo;
    while (std::binary_search(named.begin(), named.end(), first)) ++first;
    Decision d = sem.decide(Region{{lo, hi}, target_arch}, in);
    if (!d.value)
      throw ExplainError(
          fmt::format("system call number {} has no name on {} and its decision depends on the "
                      "arguments; a policy names the calls it decides",
                      first, target.name()));
    unnamed.count[*d.value] += size - named.size();
    unnamed.first.emplace(*d.value, first);
  };
  const bool uniform_x32 = !target.is_x32() && !x32_is_abi && x32_bit != 0;
  for (const Interval& n : nrs) {
    std::uint32_t lo = n.lo, hi = n.hi;
    if (hi == 0xffffffffU) {
      Decision d = sem.decide(Region{{0xffffffffU, 0xffffffffU}, target_arch}, in);
      if (!d.value) throw ExplainError("system call number -1 is decided by its arguments");
      minus_one = d.value;
      if (lo == hi) continue;
      --hi;
    }
    lo = std::max(lo, own_lo);
    if (uniform_x32 && hi >= x32_bit) {
      std::uint32_t from = std::max(lo, x32_bit);
      Decision d = sem.decide(Region{{from, hi}, target_arch}, in);
      if (!d.value || (x32 && *x32 != *d.value))
        throw ExplainError(
            fmt::format("x32 system call numbers are decided one by one (from nr 0x{:x}); a policy "
                        "gives them one action unless x32 is one of its ABIs (--arch x86_64,x32)",
                        from));
      x32 = d.value;
      if (lo >= x32_bit) continue;
      hi = x32_bit - 1;
    }
    hi = std::min(hi, own_hi);
    if (lo > hi) continue;
    unnamed_region(lo, hi);
  }
  if (x32_bit == 0 && minus_one) {
    unnamed.count[*minus_one] += 1;
    unnamed.first.emplace(*minus_one, 0xffffffffU);
  }
  // The default is what most unnamed numbers get; every unnamed number must get it.
  std::uint64_t best = 0;
  for (const auto& [action, count] : unnamed.count)
    if (count > best) {
      best = count;
      part.default_policy = action;
    }
  for (const auto& [action, count] : unnamed.count)
    if (action != part.default_policy)
      throw ExplainError(
          fmt::format("system call number {} has no name on {} and gets {}, not the default {}; a "
                      "policy names the calls it decides",
                      unnamed.first[action], target.name(), action_text(action), action_text(part.default_policy)));
  if (x32_bit != 0 && minus_one && *minus_one != part.default_policy)
    throw ExplainError(fmt::format("system call number -1 gets {}, not the default {}; a policy gives -1 the default",
                                   action_text(*minus_one), action_text(part.default_policy)));
  part.x32 = x32;
  for (std::uint32_t nr : table_numbers(target, own_lo, own_hi))
    if (!is_multiplexer(target, nr)) part.rules.push_back(explain_syscall(program, target, nr));
  return part;
}

std::string rule_key(const SyscallRule& r) {
  return fmt::format("{:x} {:x} {}", r.positive, r.negative, r.positive == r.negative ? "" : cond_text(r.when));
}

std::string rule_text(const SyscallRule& r) {
  if (r.positive == r.negative) return action_text(r.positive);
  return action_text(r.positive) + " when " + cond_text(r.when) + ", else " + action_text(r.negative);
}

}  // namespace

std::vector<const Target*> tested_targets(const bpf::Program& program) {
  std::vector<const Target*> found = arch_tested_targets(program);
  // x32 is an ABI of the filter when x86_64's x32 numbers are not decided alike.
  for (const Target* t : found)
    if (t->x32_bit() != 0 && x32_target() != nullptr) {
      Inputs in;
      BpfSemantics sem(program);
      std::vector<std::uint64_t> nr_cuts, arch_cuts;
      sem.cuts(nr_cuts, arch_cuts);
      std::optional<std::uint32_t> one;
      bool alike = true;
      for (const Interval& n : intervals_from_cuts(nr_cuts)) {
        if (n.hi < t->x32_bit() || n.lo == 0xffffffffU) continue;
        Interval part{std::max(n.lo, t->x32_bit()), std::min(n.hi, 0xfffffffeU)};
        Decision d = sem.decide(Region{part, {t->audit_arch(), t->audit_arch()}}, in);
        alike = alike && d.value && (!one || *one == *d.value);
        if (d.value) one = d.value;
      }
      if (!alike) found.push_back(x32_target());
      break;
    }
  return found;
}

const Target* tested_target(const bpf::Program& program) {
  std::vector<const Target*> found = arch_tested_targets(program);
  if (found.size() > 1) {
    std::string list;
    for (const Target* t : found) list += (list.empty() ? "" : ", ") + std::string(t->name());
    throw ExplainError("the program tests several architectures (" + list + "); name one with --arch");
  }
  return found[0];
}

Explanation explain(const bpf::Program& program, const Target* target) {
  if (target == nullptr) return explain(program, std::vector<const Target*>{tested_target(program)});
  return explain(program, std::vector<const Target*>{target});
}

Explanation explain(const bpf::Program& program, const std::vector<const Target*>& wanted) {
  Inputs in;
  BpfSemantics sem(program);
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  sem.cuts(nr_cuts, arch_cuts);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);

  Explanation e;
  e.targets = wanted.empty() ? tested_targets(program) : wanted;
  e.target = e.targets.front();
  std::vector<std::uint32_t> audits;
  bool x32_is_abi = false;
  for (const Target* t : e.targets) {
    audits.push_back(t->audit_arch());
    x32_is_abi = x32_is_abi || t->is_x32();
  }
  auto ours = [&](const Interval& a) {
    return std::find_if(audits.begin(), audits.end(), [&](std::uint32_t v) { return a.contains(v); }) != audits.end();
  };

  // Every other architecture: one action, whatever the call and its arguments.
  std::optional<std::uint32_t> bad_arch;
  for (const Interval& a : arches) {
    if (ours(a) && !a.point())
      throw ExplainError(fmt::format(
          "the program does not tell {} from other architectures",
          arch_text(*std::find_if(audits.begin(), audits.end(), [&](std::uint32_t v) { return a.contains(v); }))));
    if (ours(a)) continue;
    for (const Interval& n : nrs) {
      Decision d = sem.decide(Region{n, a}, in);
      if (!d.value || (bad_arch && *bad_arch != *d.value))
        throw ExplainError(fmt::format(
            "architecture {} (nr {}) is decided differently from other foreign architectures; a policy gives every "
            "architecture but its target ones one action",
            arch_text(a.lo), n.lo));
      bad_arch = d.value;
    }
  }
  e.bad_arch = bad_arch.value_or(kKillThread);

  // Each ABI on its own numbers; then one rule per name, which must hold on every ABI that has it.
  std::vector<AbiPart> parts;
  for (const Target* t : e.targets) parts.push_back(explain_abi(program, sem, in, nrs, *t, x32_is_abi));
  e.default_policy = parts.front().default_policy;
  for (std::size_t i = 1; i < parts.size(); ++i)
    if (parts[i].default_policy != e.default_policy)
      throw ExplainError(fmt::format("the default is {} on {} but {} on {}; a policy has one default",
                                     action_text(e.default_policy), e.targets[0]->name(),
                                     action_text(parts[i].default_policy), e.targets[i]->name()));
  std::optional<std::uint32_t> x32;
  for (const AbiPart& p : parts)
    if (p.x32) x32 = p.x32;
  e.x32 = x32.value_or(e.bad_arch);

  // By name: the first 64-bit ABI's rule stands for all (on a 32-bit ABI it means the low halves,
  // which the proof of the round trip checks); two 64-bit ABIs, or two 32-bit ones, must agree.
  struct Seen {
    std::size_t abi;
    const SyscallRule* rule;
  };
  std::map<std::string, std::vector<Seen>> by_name;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < parts.size(); ++i)
    for (const SyscallRule& r : parts[i].rules) {
      auto [it, fresh] = by_name.try_emplace(r.name);
      if (fresh) order.push_back(r.name);
      it->second.push_back(Seen{i, &r});
    }
  std::string refused;  // every call the text cannot give one rule, a line each
  for (const std::string& name : order) {
    const std::vector<Seen>& seen = by_name[name];
    const Seen* pick = &seen.front();
    for (const Seen& s : seen)
      if (!e.targets[s.abi]->args_are_32bit()) {
        pick = &s;
        break;
      }
    const bool pick_32 = e.targets[pick->abi]->args_are_32bit();
    bool one_rule = true;
    for (const Seen& s : seen) {
      if (rule_key(*s.rule) == rule_key(*pick->rule)) continue;
      if (!pick_32 && e.targets[s.abi]->args_are_32bit()) continue;
      refused += fmt::format(
          "{}{} is decided differently on {} ({}) and on {} ({}); a policy gives a name one rule on every ABI",
          refused.empty() ? "" : "\n", name, e.targets[pick->abi]->name(), rule_text(*pick->rule),
          e.targets[s.abi]->name(), rule_text(*s.rule));
      one_rule = false;
      break;
    }
    if (!one_rule) continue;
    const SyscallRule& r = *pick->rule;
    if (r.positive == r.negative && r.positive == e.default_policy) {
      // The 32-bit ABIs that decide it otherwise are refused by the proof of the round trip.
      continue;
    }
    e.rules.push_back(r);
    e.rule_abis.push_back(e.targets[pick->abi]);
  }
  if (!refused.empty()) throw ExplainError(refused);
  explain_multiplexed(program, e);
  return e;
}

std::string action_text(std::uint32_t v) {
  std::uint32_t data = v & 0xffffU;
  switch (v & 0xffff0000U) {
    case 0x7fff0000U:
      return "allow";
    case 0x00000000U:
      return "kill_thread";
    case 0x80000000U:
      return "kill_process";
    case 0x00030000U:
      return fmt::format("trap({})", data);
    case 0x00050000U:
      return fmt::format("errno({})", data);
    case 0x7ff00000U:
      return fmt::format("trace({})", data);
    case 0x7ffc0000U:
      return "log";
    case 0x7fc00000U:
      return "user_notif";
    default:
      return "kill_process";
  }
}

namespace {

// `text` as comment lines of at most 100 columns, broken between words.
std::string comment_text(const std::string& text) {
  std::string out, line = "#";
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.find(' ', at), text.size());
    std::string word = text.substr(at, end - at);
    if (line.size() > 1 && line.size() + 1 + word.size() > 100) {
      out += line + "\n";
      line = "#  ";
    }
    line += " " + word;
    at = end + 1;
  }
  return out + line + "\n";
}

}  // namespace

std::string policy_text(const Explanation& e, const std::string& origin) {
  std::string out;
  ExplainSettings s = settings_of(e);
  out += fmt::format("# {} decompiled by secco explain for {}.\n", origin, s.arch);
  out += fmt::format("# Other architectures get {}", action_text(e.bad_arch));
  if (!s.on_x32.empty()) out += fmt::format(", x32 system call numbers {}", action_text(e.x32));
  out += ": compile with\n#   --arch=" + s.arch + " --on-bad-arch=" + s.on_bad_arch;
  if (!s.on_x32.empty()) out += " --on-x32=" + s.on_x32;
  out += "\n";
  const std::string deflt = action_text(e.default_policy);
  if (e.targets.size() > 1) {
    std::string list;
    for (const Target* t : e.targets) list += (list.empty() ? "" : ", ") + std::string(t->name());
    out += "ARCH = " + list + "\n";
  }
  for (const std::string& note : e.notes) out += comment_text(note);
  out += "DEFAULT_POSITIVE = allow\n";
  out += "DEFAULT_NEGATIVE = " + deflt + "\n";
  out += "DEFAULT_POLICY = " + deflt + "\n";
  for (const SyscallRule& r : e.rules) {
    if (r.positive == r.negative) {
      out += r.name + (r.positive == kAllow ? ": 1\n" : ": return " + action_text(r.positive) + "\n");
      continue;
    }
    out += r.name;
    if (r.positive != kAllow) out += "[+" + action_text(r.positive) + "]";
    out += ": " + cond_text(r.when);
    if (r.negative != e.default_policy) out += "; return " + action_text(r.negative);
    out += "\n";
  }
  return out;
}

ExplainSettings settings_of(const Explanation& e) {
  ExplainSettings s;
  bool x32_is_abi = false, has_x32_bit = false;
  for (const Target* t : e.targets) {
    s.arch += (s.arch.empty() ? "" : ",") + std::string(t->name());
    x32_is_abi = x32_is_abi || t->is_x32();
    has_x32_bit = has_x32_bit || t->x32_bit() != 0;
  }
  s.on_bad_arch = action_text(e.bad_arch);
  if (has_x32_bit && !x32_is_abi) s.on_x32 = action_text(e.x32);
  return s;
}

}  // namespace secco::semantics
