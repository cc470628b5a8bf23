// The engine's question: do two deciders (BPF programs, IR modules, in any mix) take the same
// action on every input? The input space is cut into regions of nr and arch on which each side
// has one control flow; a region where both sides read no input is decided by comparing two
// numbers, the others case by case (cases.h) or, when that does not apply, by one solver query.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bpf/program.h"
#include "ir/module.h"
#include "semantics/side.h"
#include "support/seccomp_data.h"

namespace secco::semantics {

struct Counterexample {
  SeccompData input;
  std::uint32_t left = 0, right = 0;  // canonical return values (what the kernel would do)
};

struct Options {
  unsigned timeout_ms = 10000;  // per solver query; a timeout is "not proven", never proven
  unsigned budget_ms = 0;       // for all solver queries together (0: none); once spent, "not proven"
  std::size_t max_counterexamples = 1;
};

struct Stats {
  std::size_t regions = 0;       // regions compared
  std::size_t evaluated = 0;     // decided without the solver
  std::size_t by_cases = 0;      // of those, decided by evaluating every case of the arguments
  std::size_t solver_calls = 0;  // queries sent to the solver
};

struct Result {
  enum class Verdict { Proven, Differs, NotProven };
  Verdict verdict = Verdict::Proven;
  std::vector<Counterexample> counterexamples;
  std::vector<Region> unproven;  // regions where the solver gave up
  Stats stats;
};

Result check_equivalent(Side& left, Side& right, Inputs& inputs, const Options& options = {});

// Conveniences: the sides in any mix. The solver module is only loaded (solver.h), and a Z3
// context made or taken from its pool, when some region needs the solver.
Result prove_equal(const bpf::Program& left, const bpf::Program& right, const Options& options = {});
Result prove_equal(const ir::Module& left, const bpf::Program& right, const Options& options = {});
Result prove_equal(const ir::Module& left, const ir::Module& right, const Options& options = {});
// A multi-ABI filter (one module per ABI, spec §10) against a program.
Result prove_equal(const std::vector<const ir::Module*>& left, const bpf::Program& right, const Options& options = {});

}  // namespace secco::semantics
