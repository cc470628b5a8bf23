#include "semantics/diff.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "semantics/bpf_semantics.h"
#include "semantics/explain.h"

namespace secco::semantics {
namespace {

// Marks a return value computed from the input (no canonical value is 0xffffffff: it means
// kill_process, 0x80000000).
constexpr std::uint32_t kComputed = 0xffffffffU;

struct Query {
  z3::context& c;
  Inputs& in;
  unsigned timeout_ms;
  std::size_t& not_proven;

  // Whether some input of `region` makes `a` decide `x` and `b` decide `y`.
  bool possible(const Region& region, const Decision& a, const Decision& b, std::uint32_t x, std::uint32_t y) {
    auto is = [&](const Decision& d, std::uint32_t v) {
      return d.value ? c.bool_val(*d.value == v) : *d.formula == c.bv_val(v, 32);
    };
    z3::solver s(c, "QF_BV");
    z3::params p(c);
    p.set("timeout", timeout_ms);
    s.set(p);
    s.add(z3::uge(in.nr, c.bv_val(region.nr.lo, 32)) && z3::ule(in.nr, c.bv_val(region.nr.hi, 32)));
    s.add(z3::uge(in.arch, c.bv_val(region.arch.lo, 32)) && z3::ule(in.arch, c.bv_val(region.arch.hi, 32)));
    s.add(is(a, x) && is(b, y));
    z3::check_result r = s.check();
    if (r == z3::unknown) ++not_proven;
    return r == z3::sat;
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

struct Collector {
  std::vector<Change> out;
  void add(Change::Scope scope, std::string name, std::uint32_t nr, std::string when, std::uint32_t x,
           std::uint32_t y) {
    for (const Change& c : out)
      if (c.scope == scope && c.name == name && c.when == when && c.before == x && c.after == y) return;
    out.push_back(Change{scope, std::move(name), nr, std::move(when), x, y});
  }
};

}  // namespace

DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after, const Target& target,
                         unsigned timeout_ms) {
  z3::context c;
  Inputs in(c);
  BpfSemantics sa(before), sb(after);
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  sa.cuts(nr_cuts, arch_cuts);
  sb.cuts(nr_cuts, arch_cuts);
  const std::uint32_t audit = target.audit_arch(), x32_bit = target.x32_bit();
  arch_cuts.push_back(audit);
  arch_cuts.push_back(std::uint64_t{audit} + 1);
  nr_cuts.push_back(0xffffffffU);
  if (x32_bit != 0) nr_cuts.push_back(x32_bit);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);
  for (const SyscallEntry& e : target.syscalls()) {
    nr_cuts.push_back(e.nr);
    nr_cuts.push_back(std::uint64_t{e.nr} + 1);
  }
  // Every named number is a region of its own on the target's arch.
  std::vector<Interval> target_nrs = intervals_from_cuts(nr_cuts);

  DiffResult result;
  Query q{c, in, timeout_ms, result.not_proven};
  Collector changes;
  // A region without names: the pairs of different outcomes the solver finds possible.
  auto whole = [&](Change::Scope scope, const std::string& name, const Region& r, const Decision& a,
                   const Decision& b) {
    if (a.value && b.value) {
      changes.add(scope, name, r.nr.lo, "", *a.value, *b.value);
      return;
    }
    std::vector<std::uint32_t> va = q.values(a), vb = q.values(b);
    bool computed = std::count(va.begin(), va.end(), kComputed) + std::count(vb.begin(), vb.end(), kComputed) > 0;
    if (!computed) {
      for (std::uint32_t x : va)
        for (std::uint32_t y : vb)
          if (x != y && q.possible(r, a, b, x, y)) changes.add(scope, name, r.nr.lo, "some arguments", x, y);
      return;
    }
    // A return value computed from the input: one example of a difference.
    z3::expr ea = a.value ? c.bv_val(*a.value, 32) : *a.formula;
    z3::expr eb = b.value ? c.bv_val(*b.value, 32) : *b.formula;
    z3::solver s(c, "QF_BV");
    s.add(z3::uge(in.nr, c.bv_val(r.nr.lo, 32)) && z3::ule(in.nr, c.bv_val(r.nr.hi, 32)));
    s.add(z3::uge(in.arch, c.bv_val(r.arch.lo, 32)) && z3::ule(in.arch, c.bv_val(r.arch.hi, 32)));
    s.add(ea != eb);
    z3::check_result cr = s.check();
    if (cr == z3::unknown) ++result.not_proven;
    if (cr == z3::sat) {
      z3::model m = s.get_model();
      changes.add(scope, name, r.nr.lo, "some arguments",
                  static_cast<std::uint32_t>(m.eval(ea, true).get_numeral_uint64()),
                  static_cast<std::uint32_t>(m.eval(eb, true).get_numeral_uint64()));
    }
  };
  // One named system call: the regions of its arguments where the two differ.
  auto syscall = [&](std::uint32_t nr, const Region& r, const Decision& a, const Decision& b) {
    std::string name(*target.syscall_name(nr));
    if (a.value && b.value) {
      if (*a.value != *b.value) changes.add(Change::Scope::Syscall, name, nr, "", *a.value, *b.value);
      return;
    }
    std::vector<Outcome> oa, ob;
    try {
      oa = syscall_outcomes(before, target, nr);
      ob = syscall_outcomes(after, target, nr);
    } catch (const ExplainError&) {
      whole(Change::Scope::Syscall, name, r, a, b);  // arguments the language cannot name
      return;
    }
    for (const Outcome& x : oa)
      for (const Outcome& y : ob) {
        if (x.action == y.action) continue;
        CondPtr when = cond_and(x.when, y.when);
        if (cond_is_false(when) || !q.possible(r, a, b, x.action, y.action)) continue;
        changes.add(Change::Scope::Syscall, name, nr, cond_is_true(when) ? "" : cond_text(when), x.action, y.action);
      }
  };

  for (const Interval& ar : arches) {
    bool foreign = !ar.contains(audit);
    for (const Interval& n : foreign ? nrs : target_nrs) {
      Region r{n, ar};
      Decision a = sa.decide(r, in), b = sb.decide(r, in);
      if (a.value && b.value && *a.value == *b.value) continue;
      if (!a.value && !b.value && z3::eq(*a.formula, *b.formula)) continue;
      if (foreign) {
        whole(Change::Scope::OtherArch, "other architectures", r, a, b);
      } else if (n.lo == 0xffffffffU) {
        whole(Change::Scope::Unnamed, "nr -1", r, a, b);
      } else if (x32_bit != 0 && n.lo >= x32_bit) {
        whole(Change::Scope::X32, "x32 numbers", r, a, b);
      } else if (n.point() && target.syscall_name(n.lo)) {
        syscall(n.lo, r, a, b);
      } else {
        std::string name = n.point() ? fmt::format("nr {}", n.lo) : fmt::format("nr {}-{}", n.lo, n.hi);
        whole(Change::Scope::Unnamed, name, r, a, b);
      }
    }
  }
  result.changes = std::move(changes.out);
  // System calls by name; the other scopes by number.
  std::sort(result.changes.begin(), result.changes.end(), [](const Change& x, const Change& y) {
    const std::string& xn = x.scope == Change::Scope::Syscall ? x.name : std::string();
    const std::string& yn = y.scope == Change::Scope::Syscall ? y.name : std::string();
    return std::tie(x.scope, xn, x.nr, x.when, x.before, x.after) <
           std::tie(y.scope, yn, y.nr, y.when, y.before, y.after);
  });
  return result;
}

std::string change_text(const Change& c) {
  std::string out = c.name + ": ";
  if (!c.when.empty()) out += c.when + ": ";
  return out + action_text(c.before) + " -> " + action_text(c.after);
}

}  // namespace secco::semantics
