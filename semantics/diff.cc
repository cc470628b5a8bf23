#include "semantics/diff.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "support/fmt.h"

#include "semantics/bpf_semantics.h"
#include "semantics/cond_formula.h"
#include "semantics/explain.h"
#include "semantics/solver.h"

namespace secco::semantics {
namespace {

// Marks a return value computed from the input (no canonical value is 0xffffffff: it means
// kill_process, 0x80000000).
constexpr std::uint32_t kComputed = 0xffffffffU;

struct Query {
  Inputs& in;
  SolverSession& solver;
  unsigned timeout_ms;
  std::size_t& not_proven;

  // `d` decides `v`, as a boolean term.
  TermId is(const Decision& d, std::uint32_t v) {
    return d.value ? in.terms.boolean(*d.value == v) : in.terms.binary(Op::Eq, *d.formula, in.terms.constant(v, 32));
  }
  // The value of a term on one input (the solver's model), by the engine's own evaluation.
  std::uint64_t eval(TermId t, const SeccompData& d) {
    std::uint64_t input[kVarCount] = {d.nr, d.arch, d.instruction_pointer};
    for (std::size_t i = 0; i < d.args.size(); ++i) input[kArg0 + i] = d.args[i];
    Evaluator ev(in.terms);
    ev.prepare({t});
    ev.evaluate(input);
    return ev.value(t);
  }
  // An input of `region` that makes `a` decide `x` and `b` decide `y`, if there is one.
  std::optional<SeccompData> possible(const Region& region, const Decision& a, const Decision& b, std::uint32_t x,
                                      std::uint32_t y) {
    SeccompData model;
    Answer r = solver.check(region, {is(a, x), is(b, y)}, timeout_ms, model);
    if (r == Answer::Unknown) ++not_proven;
    if (r != Answer::Sat) return std::nullopt;
    return model;
  }
  // Whether `cond` holds on exactly the inputs of `region` where `a` decides `x` and `b` decides `y`.
  bool exact(const Region& region, const Decision& a, const Decision& b, std::uint32_t x, std::uint32_t y,
             const CondPtr& cond) {
    std::optional<TermId> f = cond_formula(cond, in);
    if (!f) return false;
    TermStore& s = in.terms;
    SeccompData model;
    TermId differ = s.ne(*f, s.binary(Op::LAnd, is(a, x), is(b, y)));
    return solver.check(region, {differ}, timeout_ms, model) == Answer::Unsat;  // a timeout keeps the longer text
  }
  // In a conjunction, several bounds on one word that leave it one value (`argL2 != 0 &&
  // argL2 < 2`) become that value (`argL2 == 1`) when the solver proves the region the same.
  std::vector<CondPtr> pin_values(const Region& region, const Decision& a, const Decision& b, std::uint32_t x,
                                  std::uint32_t y, std::vector<CondPtr> kids) {
    auto bound = [](const CondPtr& k) { return k->kind == Cond::Kind::Lit && k->b->is_const(); };
    for (std::size_t i = 0; i < kids.size(); ++i) {
      if (!bound(kids[i])) continue;
      const TermPtr t = kids[i]->a;
      std::vector<CondPtr> rest, same;
      for (const CondPtr& k : kids) (bound(k) && same_term(k->a, t) ? same : rest).push_back(k);
      if (same.size() < 2) continue;
      std::optional<TermId> tf = term_formula(t, in);
      if (!tf) continue;
      SeccompData model;
      if (solver.check(region, {is(a, x), is(b, y)}, timeout_ms, model) != Answer::Sat) continue;
      auto v = static_cast<std::uint32_t>(eval(*tf, model));
      rest.insert(rest.begin() + static_cast<std::ptrdiff_t>(std::min(i, rest.size())),
                  cond_lit(bpf::op::JEQ, t, Term::constant(v), false));
      CondPtr candidate = cond_true();
      for (const CondPtr& k : rest) candidate = cond_and(candidate, k);
      if (exact(region, a, b, x, y, candidate)) kids = std::move(rest);
    }
    return kids;
  }
  // The region's condition with the conjuncts (and then the disjuncts inside them) left out that
  // the solver proves it does not need: the text stays the exact region, only shorter.
  CondPtr shorten(const Region& region, const Decision& a, const Decision& b, std::uint32_t x, std::uint32_t y,
                  const CondPtr& cond) {
    constexpr std::size_t kMaxTries = 32;  // queries per region, at most
    std::size_t tries = 0;
    auto rebuild = [](Cond::Kind kind, const std::vector<CondPtr>& kids) {
      CondPtr out = kind == Cond::Kind::And ? cond_true() : cond_false();
      for (const CondPtr& k : kids) out = kind == Cond::Kind::And ? cond_and(out, k) : cond_or(out, k);
      return out;
    };
    // Drops the parts of a junction `kind` the whole (built by `whole_with`) does not need.
    auto drop = [&](Cond::Kind kind, std::vector<CondPtr> kids, const auto& whole_with) {
      for (std::size_t i = 0; i < kids.size() && kids.size() > 1 && tries < kMaxTries; ++tries) {
        std::vector<CondPtr> fewer = kids;
        fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
        if (exact(region, a, b, x, y, whole_with(rebuild(kind, fewer))))
          kids = std::move(fewer);
        else
          ++i;
      }
      return kids;
    };
    if (cond->kind != Cond::Kind::And && cond->kind != Cond::Kind::Or) return cond;
    std::vector<CondPtr> kids = drop(cond->kind, cond->kids, [](const CondPtr& c2) { return c2; });
    if (cond->kind == Cond::Kind::And) kids = pin_values(region, a, b, x, y, std::move(kids));
    if (cond->kind == Cond::Kind::And)
      for (std::size_t i = 0; i < kids.size(); ++i) {
        if (kids[i]->kind != Cond::Kind::Or) continue;
        auto with = [&](const CondPtr& part) {
          std::vector<CondPtr> all = kids;
          all[i] = part;
          return rebuild(Cond::Kind::And, all);
        };
        kids[i] = rebuild(Cond::Kind::Or, drop(Cond::Kind::Or, kids[i]->kids, with));
      }
    return rebuild(cond->kind, kids);
  }
  // The values a decision can take on a region (a formula: the canonical actions it can reach).
  std::vector<std::uint32_t> values(const Decision& d) {
    if (d.value) return {*d.value};
    std::vector<std::uint32_t> out;
    collect(*d.formula, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // The constant leaves of an ite tree: a superset of what it reaches (the solver sorts them out).
  void collect(TermId t, std::vector<std::uint32_t>& out) {
    const TermNode& n = in.terms.node(t);
    if (n.op == Op::Const) {
      out.push_back(static_cast<std::uint32_t>(n.k));
      return;
    }
    if (n.op == Op::Ite) {
      collect(n.b, out);
      collect(n.c, out);
      return;
    }
    out.push_back(kComputed);
  }
};

// One region before grouping.
struct Found {
  std::size_t abi = 0;  // index in the targets; other architectures: the count of targets
  Change::Scope scope = Change::Scope::Syscall;
  std::string name;
  std::uint32_t nr = 0;
  std::string when;
  std::uint32_t before = 0, after = 0;
  SeccompData example;
};

struct Collector {
  std::vector<Found> out;
  void add(Found f) {
    for (const Found& c : out)
      if (c.abi == f.abi && c.scope == f.scope && c.name == f.name && c.when == f.when && c.before == f.before &&
          c.after == f.after)
        return;
    out.push_back(std::move(f));
  }
};

SeccompData point(std::uint32_t nr, std::uint32_t arch) {
  SeccompData d;
  d.nr = nr;
  d.arch = arch;
  return d;
}

}  // namespace

DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after, const Target& target,
                         unsigned timeout_ms) {
  return diff_programs(before, after, std::vector<const Target*>{&target}, timeout_ms);
}

DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after,
                         const std::vector<const Target*>& targets, unsigned timeout_ms) {
  Inputs terms;  // the sides' decisions and diff's own queries
  SolverSession solver(terms.terms);
  BpfSemantics sa(before), sb(after);
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  sa.cuts(nr_cuts, arch_cuts);
  sb.cuts(nr_cuts, arch_cuts);
  std::vector<std::uint32_t> audits;  // distinct, in the order of the targets
  for (const Target* t : targets) {
    if (std::find(audits.begin(), audits.end(), t->audit_arch()) == audits.end()) audits.push_back(t->audit_arch());
    arch_cuts.push_back(t->audit_arch());
    arch_cuts.push_back(std::uint64_t{t->audit_arch()} + 1);
  }
  constexpr std::uint32_t kX32Bit = 0x40000000U;
  nr_cuts.push_back(0xffffffffU);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);
  // On an ABI's arch every named number is a region of its own (x86_64's arch: x32's names too).
  auto abis_of = [&](std::uint32_t audit) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < targets.size(); ++i)
      if (targets[i]->audit_arch() == audit) out.push_back(i);
    return out;
  };
  auto named_nrs = [&](const std::vector<std::size_t>& abis) {
    std::vector<std::uint64_t> cuts = nr_cuts;
    for (std::size_t i : abis) {
      if (targets[i]->x32_bit() != 0 || targets[i]->is_x32()) cuts.push_back(kX32Bit);
      for (const SyscallEntry& e : targets[i]->syscalls()) {
        cuts.push_back(e.nr);
        cuts.push_back(std::uint64_t{e.nr} + 1);
      }
    }
    return intervals_from_cuts(cuts);
  };

  DiffResult result;
  Query q{terms, solver, timeout_ms, result.not_proven};
  Collector changes;
  // A region without names: the pairs of different outcomes the solver finds possible.
  auto whole = [&](std::size_t abi, Change::Scope scope, const std::string& name, const Region& r, const Decision& a,
                   const Decision& b) {
    if (a.value && b.value) {
      changes.add(Found{abi, scope, name, r.nr.lo, "", *a.value, *b.value, point(r.nr.lo, r.arch.lo)});
      return;
    }
    std::vector<std::uint32_t> va = q.values(a), vb = q.values(b);
    bool computed = std::count(va.begin(), va.end(), kComputed) + std::count(vb.begin(), vb.end(), kComputed) > 0;
    if (!computed) {
      for (std::uint32_t x : va)
        for (std::uint32_t y : vb)
          if (x != y)
            if (auto ex = q.possible(r, a, b, x, y))
              changes.add(Found{abi, scope, name, r.nr.lo, "some arguments", x, y, *ex});
      return;
    }
    // A return value computed from the input: one example of a difference.
    TermStore& ts = terms.terms;
    TermId ea = a.value ? ts.constant(*a.value, 32) : *a.formula;
    TermId eb = b.value ? ts.constant(*b.value, 32) : *b.formula;
    SeccompData model;
    Answer cr = solver.check(r, {ts.ne(ea, eb)}, timeout_ms, model);
    if (cr == Answer::Unknown) ++result.not_proven;
    if (cr == Answer::Sat)
      changes.add(Found{abi, scope, name, r.nr.lo, "some arguments", static_cast<std::uint32_t>(q.eval(ea, model)),
                        static_cast<std::uint32_t>(q.eval(eb, model)), model});
  };
  // One named system call: the regions of its arguments where the two differ.
  auto syscall = [&](std::size_t abi, std::uint32_t nr, const Region& r, const Decision& a, const Decision& b) {
    const Target& target = *targets[abi];
    std::string name(*target.syscall_name(nr));
    if (a.value && b.value) {
      if (*a.value != *b.value)
        changes.add(Found{abi, Change::Scope::Syscall, name, nr, "", *a.value, *b.value, point(nr, r.arch.lo)});
      return;
    }
    std::vector<Outcome> oa, ob;
    try {
      oa = syscall_outcomes(before, target, nr);
      ob = syscall_outcomes(after, target, nr);
    } catch (const ExplainError&) {
      whole(abi, Change::Scope::Syscall, name, r, a, b);  // arguments the language cannot name
      return;
    }
    for (const Outcome& x : oa)
      for (const Outcome& y : ob) {
        if (x.action == y.action) continue;
        CondPtr when = cond_and(x.when, y.when);
        if (cond_is_false(when)) continue;
        std::optional<SeccompData> ex = q.possible(r, a, b, x.action, y.action);
        if (!ex) continue;
        when = q.shorten(r, a, b, x.action, y.action, when);
        changes.add(Found{abi, Change::Scope::Syscall, name, nr, cond_is_true(when) ? "" : cond_text(when), x.action,
                          y.action, *ex});
      }
  };

  for (const Interval& ar : arches) {
    std::vector<std::size_t> here = ar.point() ? abis_of(ar.lo) : std::vector<std::size_t>{};
    if (here.empty()) {
      for (const Interval& n : nrs) {
        Region r{n, ar};
        Decision a = sa.decide(r, terms), b = sb.decide(r, terms);
        if (a.value && b.value && *a.value == *b.value) continue;
        if (!a.value && !b.value && *a.formula == *b.formula) continue;
        whole(targets.size(), Change::Scope::OtherArch, "other architectures", r, a, b);
      }
      continue;
    }
    // x86_64's arch holds x32's numbers (from its bit up, -1 aside) when x32 is one of the ABIs.
    std::optional<std::size_t> x32, native;
    for (std::size_t i : here) (targets[i]->is_x32() ? x32 : native) = i;
    for (const Interval& n : named_nrs(here)) {
      Region r{n, ar};
      Decision a = sa.decide(r, terms), b = sb.decide(r, terms);
      if (a.value && b.value && *a.value == *b.value) continue;
      if (!a.value && !b.value && *a.formula == *b.formula) continue;
      const bool in_x32 = x32 && (n.lo >= kX32Bit || !native) && n.lo != 0xffffffffU;
      const std::size_t abi = in_x32 ? *x32 : native ? *native : *x32;
      const Target& t = *targets[abi];
      if (n.lo == 0xffffffffU) {
        whole(abi, Change::Scope::Unnamed, "nr -1", r, a, b);
      } else if (!in_x32 && t.x32_bit() != 0 && n.lo >= t.x32_bit()) {
        whole(abi, Change::Scope::X32, "x32 numbers", r, a, b);
      } else if (n.point() && t.syscall_name(n.lo)) {
        syscall(abi, n.lo, r, a, b);
      } else {
        std::string name = n.point() ? fmt::format("nr {}", n.lo) : fmt::format("nr {}-{}", n.lo, n.hi);
        whole(abi, Change::Scope::Unnamed, name, r, a, b);
      }
    }
  }
  std::vector<Found> found = std::move(changes.out);
  // Per ABI; system calls by name; the other scopes by number.
  std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    const std::string& xn = x.scope == Change::Scope::Syscall ? x.name : std::string();
    const std::string& yn = y.scope == Change::Scope::Syscall ? y.name : std::string();
    return std::tie(x.abi, x.scope, xn, x.nr, x.when, x.before, x.after) <
           std::tie(y.abi, y.scope, yn, y.nr, y.when, y.before, y.after);
  });
  // One change for the regions of one ABI and scope with the same condition and actions.
  for (const Found& f : found) {
    auto same = std::find_if(result.changes.begin(), result.changes.end(), [&](const Change& g) {
      return g.scope == f.scope &&
             g.abi == (f.abi < targets.size() && targets.size() > 1 ? targets[f.abi]->name() : "") &&
             g.when == f.when && g.before == f.before && g.after == f.after;
    });
    if (same == result.changes.end() || f.scope == Change::Scope::X32 || f.scope == Change::Scope::OtherArch) {
      Change g;
      g.scope = f.scope;
      if (f.abi < targets.size() && targets.size() > 1) g.abi = std::string(targets[f.abi]->name());
      g.when = f.when;
      g.before = f.before;
      g.after = f.after;
      result.changes.push_back(std::move(g));
      same = result.changes.end() - 1;
    }
    same->names.push_back(f.name);
    same->nrs.push_back(f.nr);
    same->examples.push_back(f.example);
  }
  return result;
}

std::string change_text(const Change& c) {
  std::string out = c.abi.empty() ? "" : "[" + c.abi + "] ";
  for (std::size_t i = 0; i < c.names.size(); ++i) out += (i == 0 ? "" : ", ") + c.names[i];
  out += ": ";
  if (!c.when.empty()) out += c.when + ": ";
  return out + action_text(c.before) + " -> " + action_text(c.after);
}

}  // namespace secco::semantics
