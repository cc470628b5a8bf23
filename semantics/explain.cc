#include "semantics/explain.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "semantics/bpf_semantics.h"
#include "semantics/explain_cond.h"
#include "semantics/kernel_action.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kSeccompDataSize = 64;
constexpr std::uint32_t kKillThread = 0, kAllow = 0x7fff0000U;
// A program whose one system call unfolds into more decision nodes than this is refused: its
// text would be too large to read (and to parse: the front end limits a line).
constexpr std::size_t kMaxNodes = 20000;

// ---- One system call: the program's decision tree with nr and arch known. ----

struct Node {
  bool leaf = false;
  std::uint32_t action = 0;  // leaf: canonical return value
  CondPtr test;              // branch: the literal taken to `t`
  std::unique_ptr<Node> t, f;
};

// What the tests taken so far on a path say about one term: an interval and excluded values.
// Later tests they decide are not branches (libseccomp and secco test a word again after a
// test elsewhere, and their trees hold paths no input takes).
struct Fact {
  TermPtr term;
  std::uint32_t lo = 0, hi = 0xffffffffU;
  std::vector<std::uint32_t> excluded;
  bool excludes(std::uint32_t k) const { return std::find(excluded.begin(), excluded.end(), k) != excluded.end(); }
};

struct Machine {
  TermPtr a = Term::constant(0), x = Term::constant(0);
  std::array<TermPtr, bpf::kMemWords> m;
  std::vector<Fact> facts;
  Machine() { m.fill(Term::constant(0)); }

  Fact& fact(const TermPtr& t) {
    for (Fact& f : facts)
      if (same_term(f.term, t)) return f;
    Fact f;
    f.term = t;
    facts.push_back(f);
    return facts.back();
  }
  // The outcome of `t jop k` when the path's facts decide it.
  std::optional<bool> known(std::uint16_t jop, const TermPtr& t, std::uint32_t k) {
    const Fact& f = fact(t);
    switch (jop) {
      case op::JEQ:
        if (f.lo == f.hi) return f.lo == k;
        if (k < f.lo || k > f.hi || f.excludes(k)) return false;
        return std::nullopt;
      case op::JGT:
        if (f.lo > k) return true;
        if (f.hi <= k) return false;
        return std::nullopt;
      case op::JGE:
        if (f.lo >= k) return true;
        if (f.hi < k) return false;
        return std::nullopt;
      default:
        if (f.lo == f.hi) return (f.lo & k) != 0;
        return std::nullopt;
    }
  }
  void learn(std::uint16_t jop, const TermPtr& t, std::uint32_t k, bool outcome) {
    Fact& f = fact(t);
    switch (jop) {
      case op::JEQ:
        if (outcome)
          f.lo = f.hi = k;
        else
          f.excluded.push_back(k);
        break;
      case op::JGT:
        if (outcome)
          f.lo = std::max(f.lo, k + 1);  // k < 0xffffffff, else the test was decided
        else
          f.hi = std::min(f.hi, k);
        break;
      case op::JGE:
        if (outcome)
          f.lo = std::max(f.lo, k);
        else
          f.hi = std::min(f.hi, k - 1);  // k > 0, else the test was decided
        break;
      default:
        break;
    }
  }
};

// x & 0, x * 0, x | ~0 are constants; x + 0, x & ~0 ... are x.
TermPtr simplify_alu(std::uint16_t aop, const TermPtr& a, const TermPtr& b) {
  if (aop == op::NEG || !b->is_const()) return nullptr;
  std::uint32_t k = b->k;
  if ((aop == op::AND || aop == op::MUL) && k == 0) return Term::constant(0);
  if (aop == op::OR && k == 0xffffffffU) return Term::constant(0xffffffffU);
  bool identity = ((aop == op::ADD || aop == op::SUB || aop == op::OR || aop == op::XOR) && k == 0) ||
                  ((aop == op::LSH || aop == op::RSH) && (k & 31) == 0) || (aop == op::AND && k == 0xffffffffU) ||
                  ((aop == op::MUL || aop == op::DIV) && k == 1);
  return identity ? a : nullptr;
}

std::uint32_t fold(std::uint16_t aop, std::uint32_t x, std::uint32_t y) {
  switch (aop) {
    case op::ADD:
      return x + y;
    case op::SUB:
      return x - y;
    case op::MUL:
      return x * y;
    case op::DIV:
      return x / y;  // callers rule out y == 0
    case op::OR:
      return x | y;
    case op::AND:
      return x & y;
    case op::XOR:
      return x ^ y;
    case op::LSH:
      return x << (y & 31);
    case op::RSH:
      return x >> (y & 31);
    case op::NEG:
      return 0U - x;
    default:
      throw ExplainError("an ALU operation seccomp refuses");
  }
}

bool decide(std::uint16_t jop, std::uint32_t x, std::uint32_t y) {
  switch (jop) {
    case op::JEQ:
      return x == y;
    case op::JGT:
      return x > y;
    case op::JGE:
      return x >= y;
    default:
      return (x & y) != 0;
  }
}

class Walker {
 public:
  Walker(const bpf::Program& p, std::uint32_t nr, std::uint32_t arch) : p_(p), nr_(nr), arch_(arch) {}

  std::unique_ptr<Node> run(std::size_t pc, Machine s) {
    while (true) {
      if (pc >= p_.size()) throw ExplainError(fmt::format("instruction {}: jump past the end", pc));
      const bpf::Insn& in = p_[pc];
      std::uint16_t cls = op::cls(in.code);
      switch (cls) {
        case op::LD:
        case op::LDX: {
          TermPtr v;
          std::uint16_t mode = op::mode(in.code);
          if (mode == op::ABS && op::size(in.code) == op::W && in.k < kSeccompDataSize && in.k % 4 == 0)
            v = in.k == 0 ? Term::constant(nr_) : in.k == 4 ? Term::constant(arch_) : Term::word(in.k);
          else if (mode == op::IMM)
            v = Term::constant(in.k);
          else if (mode == op::LEN)
            v = Term::constant(kSeccompDataSize);
          else if (mode == op::MEM && in.k < bpf::kMemWords)
            v = s.m[in.k];
          else
            throw ExplainError(fmt::format("instruction {}: a load seccomp refuses", pc));
          (cls == op::LD ? s.a : s.x) = v;
          ++pc;
          break;
        }
        case op::ST:
        case op::STX:
          if (in.k >= bpf::kMemWords) throw ExplainError(fmt::format("instruction {}: a bad store", pc));
          s.m[in.k] = cls == op::ST ? s.a : s.x;
          ++pc;
          break;
        case op::ALU: {
          std::uint16_t aop = op::alu_op(in.code);
          TermPtr b = op::src(in.code) == op::X ? s.x : Term::constant(in.k);
          if (aop == op::DIV && b->is_const() && b->k == 0) return leaf(kKillThread);  // the kernel returns 0
          if (aop == op::DIV && !b->is_const()) {
            // X = 0 ends the program with kill_thread: a branch of its own.
            auto n = branch(cond_lit(op::JEQ, b, Term::constant(0), false));
            n->t = leaf(kKillThread);
            Machine rest = s;
            rest.a = Term::alu(aop, s.a, b);
            n->f = run(pc + 1, rest);
            return collapse(std::move(n));
          }
          if (s.a->is_const() && (b->is_const() || aop == op::NEG))
            s.a = Term::constant(fold(aop, s.a->k, b->k));
          else if (TermPtr simple = simplify_alu(aop, s.a, b))
            s.a = simple;
          else
            s.a = Term::alu(aop, s.a, aop == op::NEG ? nullptr : b);
          ++pc;
          break;
        }
        case op::MISC:
          if (op::misc_op(in.code) == op::TAX)
            s.x = s.a;
          else
            s.a = s.x;
          ++pc;
          break;
        case op::JMP: {
          std::uint16_t jop = op::jmp_op(in.code);
          if (jop == op::JA) {
            pc += 1 + in.k;
            break;
          }
          TermPtr b = op::src(in.code) == op::X ? s.x : Term::constant(in.k);
          std::size_t t = pc + 1 + in.jt, f = pc + 1 + in.jf;
          if (t == f) {
            pc = t;
            break;
          }
          if (s.a->is_const() && b->is_const()) {
            pc = decide(jop, s.a->k, b->k) ? t : f;
            break;
          }
          if (b->is_const()) {
            if (std::optional<bool> k = s.known(jop, s.a, b->k)) {
              pc = *k ? t : f;
              break;
            }
          }
          auto n = branch(cond_lit(jop, s.a, b, false));
          Machine on_t = s;
          if (b->is_const()) {
            on_t.learn(jop, s.a, b->k, true);
            s.learn(jop, s.a, b->k, false);
          }
          n->t = run(t, std::move(on_t));
          n->f = run(f, std::move(s));
          return collapse(std::move(n));
        }
        case op::RET:
          if (op::rval(in.code) == op::K) return leaf(canonical_action(in.k));
          if (op::rval(in.code) == op::A && s.a->is_const()) return leaf(canonical_action(s.a->k));
          throw ExplainError(
              fmt::format("instruction {}: returns a value computed from the arguments, which a "
                          "policy cannot express",
                          pc));
        default:
          throw ExplainError(fmt::format("instruction {}: an instruction seccomp refuses", pc));
      }
    }
  }

 private:
  std::unique_ptr<Node> leaf(std::uint32_t action) {
    count();
    auto n = std::make_unique<Node>();
    n->leaf = true;
    n->action = action;
    return n;
  }
  std::unique_ptr<Node> branch(CondPtr test) {
    count();
    auto n = std::make_unique<Node>();
    n->test = std::move(test);
    return n;
  }
  // Both ways end in the same action: the test does not matter.
  static std::unique_ptr<Node> collapse(std::unique_ptr<Node> n) {
    if (n->t->leaf && n->f->leaf && n->t->action == n->f->action) return std::move(n->t);
    return n;
  }
  void count() {
    if (++nodes_ > kMaxNodes)
      throw ExplainError(
          fmt::format("the argument tests of system call {} unfold into more than {} decisions", nr_, kMaxNodes));
  }

  const bpf::Program& p_;
  std::uint32_t nr_, arch_;
  std::size_t nodes_ = 0;
};

void collect_actions(const Node& n, std::vector<std::uint32_t>& out) {
  if (n.leaf) {
    if (std::find(out.begin(), out.end(), n.action) == out.end()) out.push_back(n.action);
    return;
  }
  collect_actions(*n.t, out);
  collect_actions(*n.f, out);
}

// Whether `c` can only hold when `t != k` (it tests `t == v` for some other v on every way).
bool excludes_value(const CondPtr& c, const TermPtr& t, std::uint32_t k) {
  switch (c->kind) {
    case Cond::Kind::Lit:
      return c->jop == op::JEQ && !c->negated && c->b->is_const() && c->b->k != k && same_term(c->a, t);
    case Cond::Kind::And:
      return std::any_of(c->kids.begin(), c->kids.end(), [&](const CondPtr& x) { return excludes_value(x, t, k); });
    case Cond::Kind::Or:
      return std::all_of(c->kids.begin(), c->kids.end(), [&](const CondPtr& x) { return excludes_value(x, t, k); });
    default:
      return false;
  }
}

// The condition under which the tree reaches `action`: `c ? T : F` as `c && T || !c && F`,
// shortened where T or F is a constant.
CondPtr reaches(const Node& n, std::uint32_t action) {
  if (n.leaf) return n.action == action ? cond_true() : cond_false();
  CondPtr t = reaches(*n.t, action), f = reaches(*n.f, action);
  const CondPtr& c = n.test;
  CondPtr not_c = cond_not_lit(c);
  if (cond_is_true(t)) return cond_or(c, f);
  if (cond_is_true(f)) return cond_or(not_c, t);
  // `t == k && T || t != k && F` where F already says t is something else: drop `t != k`.
  bool implied = c->jop == op::JEQ && c->b->is_const() && excludes_value(f, c->a, c->b->k);
  return cond_or(cond_and(c, t), implied ? f : cond_and(not_c, f));
}

std::string name_of(const Target& target, std::uint32_t nr) {
  if (auto n = target.syscall_name(nr)) return std::string(*n);
  return fmt::format("nr {}", nr);
}

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

namespace {

std::unique_ptr<Node> unfold(const bpf::Program& program, const Target& target, std::uint32_t nr,
                             std::vector<std::uint32_t>& actions) {
  Walker w(program, nr, target.audit_arch());
  std::unique_ptr<Node> tree = w.run(0, Machine{});
  collect_actions(*tree, actions);
  std::sort(actions.begin(), actions.end());
  return tree;
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
  SyscallRule rule;
  rule.nr = nr;
  rule.name = name_of(target, nr);
  if (actions.size() > 2) {
    std::string list;
    for (std::uint32_t a : actions) list += (list.empty() ? "" : ", ") + action_text(a);
    throw ExplainError(fmt::format("{} has {} outcomes ({}) depending on its arguments; a rule has two", rule.name,
                                   actions.size(), list));
  }
  if (actions.size() == 1) {
    rule.positive = rule.negative = actions[0];
    rule.when = cond_true();
    return rule;
  }
  // allow is the positive action when it is one of the two; else the one that is not kill.
  std::uint32_t pos = actions[1], neg = actions[0];
  if (actions[0] == kAllow) std::swap(pos, neg);
  if (pos == kKillThread) std::swap(pos, neg);
  rule.positive = pos;
  rule.negative = neg;
  rule.when = cond_merge_halves(reaches(*tree, pos));
  cond_check_words(rule.when);
  return rule;
}

CondPtr cond_for(const SyscallRule& rule, std::uint32_t action) {
  if (rule.positive == rule.negative) return action == rule.positive ? cond_true() : cond_false();
  if (action == rule.positive) return rule.when;
  if (action != rule.negative) return cond_false();
  return cond_not(rule.when);
}

const Target* tested_target(const bpf::Program& program) {
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  BpfSemantics(program).cuts(nr_cuts, arch_cuts);
  std::vector<Interval> arches = intervals_from_cuts(arch_cuts);
  std::vector<const Target*> found;
  for (const Interval& a : arches)
    if (a.point())
      if (const Target* t = Target::find_by_audit_arch(a.lo)) found.push_back(t);
  if (found.empty()) throw ExplainError("the program tests no architecture secco compiles for; name one with --arch");
  if (found.size() > 1) {
    std::string list;
    for (const Target* t : found) list += (list.empty() ? "" : ", ") + std::string(t->name());
    throw ExplainError("the program tests several architectures (" + list +
                       "); a policy has one: explain one with --arch (the others must then share one action)");
  }
  return found[0];
}

Explanation explain(const bpf::Program& program, const Target* target) {
  z3::context ctx;
  Inputs in(ctx);
  BpfSemantics sem(program);
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  sem.cuts(nr_cuts, arch_cuts);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);

  if (target == nullptr) target = tested_target(program);
  Explanation e;
  e.target = target;
  const std::uint32_t audit = target->audit_arch();

  // Every other architecture: one action, whatever the call and its arguments.
  std::optional<std::uint32_t> bad_arch;
  for (const Interval& a : arches) {
    if (a.contains(audit) && !a.point())
      throw ExplainError(fmt::format("the program does not tell {} from other architectures", target->name()));
    if (a.contains(audit)) continue;
    for (const Interval& n : nrs) {
      Decision d = sem.decide(Region{n, a}, in);
      if (!d.value || (bad_arch && *bad_arch != *d.value))
        throw ExplainError(fmt::format(
            "architecture {} (nr {}) is decided differently from other foreign architectures; a policy gives every "
            "architecture but its target one action",
            arch_text(a.lo), n.lo));
      bad_arch = d.value;
    }
  }
  e.bad_arch = bad_arch.value_or(kKillThread);

  // The target's numbers: x32 ones, -1, and those without a name, by region; named ones one by one.
  const Interval target_arch{audit, audit};
  const std::uint32_t x32_bit = target->x32_bit();
  std::optional<std::uint32_t> x32, minus_one;
  Tally unnamed;
  auto unnamed_region = [&](std::uint32_t lo, std::uint32_t hi) {
    std::vector<std::uint32_t> named = table_numbers(*target, lo, hi);
    std::uint64_t size = std::uint64_t{hi} - lo + 1;
    if (named.size() == size) return;
    std::uint32_t first = lo;
    while (std::binary_search(named.begin(), named.end(), first)) ++first;
    Decision d = sem.decide(Region{{lo, hi}, target_arch}, in);
    if (!d.value)
      throw ExplainError(
          fmt::format("system call number {} has no name on {} and its decision depends on the "
                      "arguments; a policy names the calls it decides",
                      first, target->name()));
    unnamed.count[*d.value] += size - named.size();
    unnamed.first.emplace(*d.value, first);
  };
  for (const Interval& n : nrs) {
    std::uint32_t lo = n.lo, hi = n.hi;
    if (hi == 0xffffffffU) {
      Decision d = sem.decide(Region{{0xffffffffU, 0xffffffffU}, target_arch}, in);
      if (!d.value) throw ExplainError("system call number -1 is decided by its arguments");
      minus_one = d.value;
      if (lo == hi) continue;
      --hi;
    }
    if (x32_bit != 0 && hi >= x32_bit) {
      std::uint32_t from = std::max(lo, x32_bit);
      Decision d = sem.decide(Region{{from, hi}, target_arch}, in);
      if (!d.value || (x32 && *x32 != *d.value))
        throw ExplainError(
            fmt::format("x32 system call numbers are decided one by one (from nr 0x{:x}); a policy "
                        "gives them one action",
                        from));
      x32 = d.value;
      if (lo >= x32_bit) continue;
      hi = x32_bit - 1;
    }
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
      e.default_policy = action;
    }
  for (const auto& [action, count] : unnamed.count)
    if (action != e.default_policy)
      throw ExplainError(
          fmt::format("system call number {} has no name on {} and gets {}, not the default {}; a "
                      "policy names the calls it decides",
                      unnamed.first[action], target->name(), action_text(action), action_text(e.default_policy)));
  if (x32_bit != 0 && minus_one && *minus_one != e.default_policy)
    throw ExplainError(fmt::format("system call number -1 gets {}, not the default {}; a policy gives -1 the default",
                                   action_text(*minus_one), action_text(e.default_policy)));
  e.x32 = x32.value_or(e.bad_arch);

  const std::uint32_t top = x32_bit != 0 ? x32_bit - 1 : 0xfffffffeU;
  for (std::uint32_t nr : table_numbers(*target, 0, top)) {
    SyscallRule r = explain_syscall(program, *target, nr);
    if (r.positive == r.negative && r.positive == e.default_policy) continue;
    e.rules.push_back(std::move(r));
  }
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

std::string policy_text(const Explanation& e, const std::string& origin) {
  std::string out;
  ExplainSettings s = settings_of(e);
  out += fmt::format("# {} decompiled by secco explain for {}.\n", origin, e.target->name());
  out += fmt::format("# Other architectures get {}", action_text(e.bad_arch));
  if (e.target->x32_bit() != 0) out += fmt::format(", x32 system call numbers {}", action_text(e.x32));
  out += ": compile with\n#   --arch=" + s.arch + " --on-bad-arch=" + s.on_bad_arch;
  if (!s.on_x32.empty()) out += " --on-x32=" + s.on_x32;
  out += "\n";
  const std::string deflt = action_text(e.default_policy);
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
  s.arch = std::string(e.target->name());
  s.on_bad_arch = action_text(e.bad_arch);
  if (e.target->x32_bit() != 0) s.on_x32 = action_text(e.x32);
  return s;
}

}  // namespace secco::semantics
