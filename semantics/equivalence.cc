#include "semantics/equivalence.h"

#include "semantics/bpf_semantics.h"
#include "semantics/ir_semantics.h"

namespace secco::semantics {
namespace {

std::uint64_t model_value(const z3::model& m, const z3::expr& var) {
  return m.eval(var, true).get_numeral_uint64();
}

SeccompData input_from(const z3::model& m, Inputs& in) {
  SeccompData d;
  d.nr = static_cast<std::uint32_t>(model_value(m, in.nr));
  d.arch = static_cast<std::uint32_t>(model_value(m, in.arch));
  d.instruction_pointer = model_value(m, in.ip);
  for (std::size_t i = 0; i < 6; ++i) d.args[i] = model_value(m, in.args[i]);
  return d;
}

z3::expr as_expr(const Decision& d, z3::context& c) {
  return d.value ? c.bv_val(*d.value, 32) : *d.formula;
}

}  // namespace

Result check_equivalent(Side& left, Side& right, Inputs& in, const Options& options) {
  z3::context& c = in.ctx;
  std::vector<std::uint64_t> nr_cuts, arch_cuts;
  left.cuts(nr_cuts, arch_cuts);
  right.cuts(nr_cuts, arch_cuts);
  std::vector<Interval> nrs = intervals_from_cuts(nr_cuts), arches = intervals_from_cuts(arch_cuts);

  z3::params p(c);
  p.set("timeout", options.timeout_ms);

  Result r;
  auto differ = [&](const Counterexample& cex) {
    r.verdict = Result::Verdict::Differs;
    if (r.counterexamples.size() < options.max_counterexamples) r.counterexamples.push_back(cex);
  };
  for (const Interval& arch : arches) {
    for (const Interval& nr : nrs) {
      if (r.counterexamples.size() >= options.max_counterexamples && r.verdict == Result::Verdict::Differs) return r;
      Region region{nr, arch};
      ++r.stats.regions;
      Decision a = left.decide(region, in);
      Decision b = right.decide(region, in);
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
      z3::expr ea = as_expr(a, c), eb = as_expr(b, c);
      if (z3::eq(ea, eb)) {
        ++r.stats.evaluated;
        continue;
      }
      ++r.stats.solver_calls;
      // A fresh solver per query keeps Z3 on its bit-blasting QF_BV tactic (push/pop would put it
      // in the slower incremental mode).
      z3::solver solver(c, "QF_BV");
      solver.set(p);
      solver.add(z3::uge(in.nr, c.bv_val(nr.lo, 32)) && z3::ule(in.nr, c.bv_val(nr.hi, 32)));
      solver.add(z3::uge(in.arch, c.bv_val(arch.lo, 32)) && z3::ule(in.arch, c.bv_val(arch.hi, 32)));
      solver.add(ea != eb);
      z3::check_result verdict = solver.check();
      if (verdict == z3::sat) {
        z3::model m = solver.get_model();
        Counterexample cex;
        cex.input = input_from(m, in);
        cex.left = static_cast<std::uint32_t>(m.eval(ea, true).get_numeral_uint64());
        cex.right = static_cast<std::uint32_t>(m.eval(eb, true).get_numeral_uint64());
        differ(cex);
      } else if (verdict == z3::unknown) {
        r.unproven.push_back(region);
        if (r.verdict == Result::Verdict::Proven) r.verdict = Result::Verdict::NotProven;
      }
    }
  }
  return r;
}

Result prove_equal(const bpf::Program& left, const bpf::Program& right, const Options& options) {
  z3::context c;
  Inputs in(c);
  BpfSemantics a(left), b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(const ir::Module& left, const bpf::Program& right, const Options& options) {
  z3::context c;
  return prove_equal(c, left, right, options);
}

Result prove_equal(z3::context& c, const ir::Module& left, const bpf::Program& right, const Options& options) {
  Inputs in(c);
  IrSemantics a(left);
  BpfSemantics b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(z3::context& c, const std::vector<const ir::Module*>& left, const bpf::Program& right,
                   const Options& options) {
  Inputs in(c);
  IrSemantics a(left);
  BpfSemantics b(right);
  return check_equivalent(a, b, in, options);
}

Result prove_equal(const ir::Module& left, const ir::Module& right, const Options& options) {
  z3::context c;
  return prove_equal(c, left, right, options);
}

Result prove_equal(z3::context& c, const ir::Module& left, const ir::Module& right, const Options& options) {
  Inputs in(c);
  IrSemantics a(left), b(right);
  return check_equivalent(a, b, in, options);
}

}  // namespace secco::semantics
