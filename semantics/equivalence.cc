#include "semantics/equivalence.h"

#include <exception>

#include "semantics/bpf_semantics.h"
#include "semantics/ir_semantics.h"
#include "semantics/prover.h"

namespace secco::semantics {

Result check_equivalent(Side& left, Side& right, Inputs& in, const Options& options) {
  TermStore& c = in.terms;
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  left.cuts(nr_cuts, arch_cuts);
  right.cuts(nr_cuts, arch_cuts);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);

  Prover prover(in, options.timeout_ms, options.budget_ms);
  Result r;
  auto differ = [&](const Counterexample& cex) {
    r.verdict = Result::Verdict::Differs;
    if (r.counterexamples.size() < options.max_counterexamples) r.counterexamples.push_back(cex);
  };
  std::vector<Decision> lefts, rights;
  for (const Interval& arch : arches) {
    // Both sides decide every nr interval of this arch interval at once (a BPF program in one
    // walk). Should that throw (a side that cannot be decided), the regions are taken one by one
    // below, so that what is reported, and when, is as if they had been from the start.
    bool batched = true;
    try {
      left.decide_all(arch, nrs, in, lefts);
      right.decide_all(arch, nrs, in, rights);
    } catch (const std::exception&) {
      batched = false;
    }
    for (std::size_t i = 0; i < nrs.size(); ++i) {
      const Interval& nr = nrs[i];
      if (r.counterexamples.size() >= options.max_counterexamples && r.verdict == Result::Verdict::Differs) {
        r.stats.by_cases = prover.by_cases;
        r.stats.solver_calls = prover.solver_calls;
        return r;
      }
      Region region{nr, arch};
      ++r.stats.regions;
      Decision a = batched ? lefts[i] : left.decide(region, in);
      Decision b = batched ? rights[i] : right.decide(region, in);
      if (a.value && b.value) {
        ++r.stats.evaluated;
        if (*a.value != *b.value) {
          Counterexample cex;
          cex.input.nr = nr.lo;
          cex.input.arch = arch.lo;
          cex.left = *a.value;
          cex.right = *b.value;
          differ(cex);
        }
        continue;
      }
      TermId ea = a.value ? c.constant(*a.value, 32) : *a.formula;
      TermId eb = b.value ? c.constant(*b.value, 32) : *b.formula;
      if (ea == eb) {
        ++r.stats.evaluated;
        continue;
      }
      const std::size_t solver_calls = prover.solver_calls;
      Counterexample cex;
      Answer answer = prover.exists(region, c.ne(ea, eb), cex.input);
      if (prover.solver_calls == solver_calls) ++r.stats.evaluated;
      if (answer == Answer::Sat) {
        cex.left = static_cast<std::uint32_t>(prover.eval(ea, cex.input));
        cex.right = static_cast<std::uint32_t>(prover.eval(eb, cex.input));
        differ(cex);
      } else if (answer == Answer::Unknown) {
        r.unproven.push_back(region);
        if (r.verdict == Result::Verdict::Proven) r.verdict = Result::Verdict::NotProven;
      }
    }
  }
  r.stats.by_cases = prover.by_cases;
  r.stats.solver_calls = prover.solver_calls;
  return r;
}

Result prove_equal(const bpf::Program& left, const bpf::Program& right, const Options& options) {
  Inputs in;
  BpfSemantics a(left), b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(const ir::Module& left, const bpf::Program& right, const Options& options) {
  Inputs in;
  IrSemantics a(left);
  BpfSemantics b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(const std::vector<const ir::Module*>& left, const bpf::Program& right, const Options& options) {
  Inputs in;
  IrSemantics a(left);
  BpfSemantics b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(const ir::Module& left, const ir::Module& right, const Options& options) {
  Inputs in;
  IrSemantics a(left), b(right);
  return check_equivalent(a, b, in, options);
}

}  // namespace secco::semantics
