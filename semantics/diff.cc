#include "semantics/diff.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "semantics/bpf_semantics.h"
#include "semantics/cond_formula.h"
#include "semantics/z3_terms.h"
#include "semantics/explain.h"

namespace secco::semantics {
namespace {

// Marks a return value computed from the input (no canonical value is 0xffffffff: it means
// kill_process, 0x80000000).
constexpr std::uint32_t kComputed = 0xffffffffU;

struct Query {
  z3::context& c;
  Z3Inputs& in;
  Z3Terms& zt;
  unsigned timeout_ms;
  std::size_t& not_proven;

  // `d` decides `v`, as a formula.
  z3::expr is(const Decision& d, std::uint32_t v) {
    return d.value ? c.bool_val(*d.value == v) : zt.expr(*d.formula) == c.bv_val(v, 32);
  }
  // A solver with the query timeout, limited to the inputs of `region`.
  z3::solver region_solver(const Region& region) {
    z3::solver s(c, "QF_BV");
    z3::params p(c);
    p.set("timeout", timeout_ms);
    s.set(p);
    s.add(z3::uge(in.nr, c.bv_val(region.nr.lo, 32)) && z3::ule(in.nr, c.bv_val(region.nr.hi, 32)));
    s.add(z3::uge(in.arch, c.bv_val(region.arch.lo, 32)) && z3::ule(in.arch, c.bv_val(region.arch.hi, 32)));
    return s;
  }
  // An input of `region` that makes `a` decide `x` and `b` decide `y`, if there is one.
  std::optional<SeccompData> possible(const Region& region, const Decision& a, const Decision& b, std::uint32_t x,
                                      std::uint32_t y) {
    z3::solver s = region_solver(region);
    s.add(is(a, x) && is(b, y));
    z3::check_result r = s.check();
    if (r == z3::unknown) ++not_proven;
    if (r != z3::sat) return std::nullopt;
    return example(s.get_model());
  }
  // Whether `cond` holds on exactly the inputs of `region` where `a` decides `x` and `b` decides `y`.
  bool exact(const Region& region, const Decision& a, const Decision& b, std::uint32_t x, std::uint32_t y,
             const CondPtr& cond) {
    std::optional<z3::expr> f = cond_formula(cond, in);
    if (!f) return false;
    z3::solver s = region_solver(region);
    s.add(*f != (is(a, x) && is(b, y)));
    return s.check() == z3::unsat;  // a timeout keeps the longer text
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
      std::optional<z3::expr> tf = term_formula(t, in);
      if (!tf) continue;
      z3::solver s = region_solver(region);
      s.add(is(a, x) && is(b, y));
      if (s.check() != z3::sat) continue;
      auto v = static_cast<std::uint32_t>(s.get_model().eval(*tf, true).get_numeral_uint64());
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
  SeccompData example(const z3::model& m) {
    auto value = [&](const z3::expr& e) { return m.eval(e, true).get_numeral_uint64(); };
    SeccompData d;
    d.nr = static_cast<std::uint32_t>(value(in.nr));
    d.arch = static_cast<std::uint32_t>(value(in.arch));
    d.instruction_pointer = value(in.ip);
    for (std::size_t i = 0; i < d.args.size(); ++i) d.args[i] = value(in.args[i]);
    return d;
  }
  // The values a decision can take on a region (a formula: the canonical actions it can reach).
  std::vector<std::uint32_t> values(const Decision& d) {
    if (d.value) return {*d.value};
    std::vector<std::uint32_t> out;
    collect(zt.expr(*d.formula), out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // The constant leaves of an ite tree: a superset of what it reaches (the solver sorts them out).
  void collect(const z3::expr& e, std::vector<std::uint32_t>& out) {
    if (e.is_numeral()) {
      out.push_back(static_cast<std::uint32_t>(e.get_numeral_uint64()));
      return;
    }
    if (e.is_app() && e.decl().decl_kind() == Z3_OP_ITE) {
      collect(e.arg(1), out);
      collect(e.arg(2), out);
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
  Inputs terms;  // the sides' decisions; Z3 formulas for diff's own queries
  z3::context c;
  Z3Inputs in(c);
  Z3Terms zt(c, terms.terms);
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
  Query q{c, in, zt, timeout_ms, result.not_proven};
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
    z3::expr ea = a.value ? c.bv_val(*a.value, 32) : zt.expr(*a.formula);
    z3::expr eb = b.value ? c.bv_val(*b.value, 32) : zt.expr(*b.formula);
    z3::solver s(c, "QF_BV");
    s.add(z3::uge(in.nr, c.bv_val(r.nr.lo, 32)) && z3::ule(in.nr, c.bv_val(r.nr.hi, 32)));
    s.add(z3::uge(in.arch, c.bv_val(r.arch.lo, 32)) && z3::ule(in.arch, c.bv_val(r.arch.hi, 32)));
    s.add(ea != eb);
    z3::check_result cr = s.check();
    if (cr == z3::unknown) ++result.not_proven;
    if (cr == z3::sat) {
      z3::model m = s.get_model();
      changes.add(Found{abi, scope, name, r.nr.lo, "some arguments",
                        static_cast<std::uint32_t>(m.eval(ea, true).get_numeral_uint64()),
                        static_cast<std::uint32_t>(m.eval(eb, true).get_numeral_uint64()), q.example(m)});
    }
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
