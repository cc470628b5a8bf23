// Property: no pass changes a policy's meaning. For every policy in test/policies/ and for many
// random policies (lib/random_policy.h), the IR interpreter's decision on many random and
// boundary probes is the same after every pass of every -O level's pipeline, from the first
// interpretable point (after unify and typecheck) to the end, and the IR verifier accepts the
// module after every pass. Scaled by $SECCO_PROPERTY_ITERATIONS; a failure names its seed
// ($SECCO_PROPERTY_SEED reproduces a run).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "ir/interpreter.h"
#include "ir/ir_test_util.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "lib/random_policy.h"
#include "lib/test_support.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"
#include "target/target.h"

namespace secco::testing {
namespace {

struct Outcome {
  std::size_t decisions = 0;
};

// Runs each level's pipeline pass by pass on copies of the lowered module and compares every
// interpretable stage with the reference (the module right after unify + typecheck).
void check_all_pipelines(const std::string& label, const std::string& text, const std::vector<SeccompData>& probes,
                         Outcome& outcome) {
  auto lowered = lower_policy(text, label);
  INFO(label);
  INFO(text);
  REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
  std::vector<Action> reference;
  for (int level = 0; level <= 2; ++level) {
    ir::Module m = lowered->module;
    std::vector<std::string> names = split_pipeline(passes::pipeline_for_level(level));
    passes::AnalysisManager analyses;
    passes::PassContext ctx{lowered->diags, analyses};
    for (const std::string& name : names) {
      auto pass = passes::PassRegistry::global().create(name);
      REQUIRE(pass != nullptr);
      analyses.keep_preserved(m, pass->run(m, ctx));
      INFO("-O", level, " after pass '", name, "'");
      REQUIRE_MESSAGE(!lowered->diags.has_errors(), lowered->rendered());
      std::vector<std::string> problems = ir::verify(m);
      if (!problems.empty()) FAIL(problems.front() << "\n" << ir::to_string(m));
      if (!m.expanded || !m.typed) continue;
      if (reference.empty()) {
        for (const SeccompData& d : probes) reference.push_back(ir::interpret(m, d));
        continue;
      }
      for (std::size_t i = 0; i < probes.size(); ++i) {
        Action got = ir::interpret(m, probes[i]);
        if (got != reference[i]) {
          FAIL_CHECK("probe " << describe(probes[i]) << ": " << got.to_string() << " instead of "
                              << reference[i].to_string() << "\nIR:\n"
                              << ir::to_string(m));
          return;
        }
        ++outcome.decisions;
      }
    }
  }
}

TEST_CASE("every pass of every pipeline preserves the decisions of the example policies") {
  const Target& target = Target::default_target();
  Outcome outcome;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("test/policies"))) {
    if (entry.path().extension() != ".secco") continue;
    ++files;
    std::string text = read_file(entry.path().string());
    // Probe with the rules' system calls: recover them by lowering once.
    auto lowered = lower_policy(text, entry.path().filename().string());
    REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
    RandomPolicy as_random;
    for (const ir::Rule& r : lowered->module.rules) as_random.rules.push_back({r.syscall, r.nr});
    for (const ir::Rule& r : lowered->module.rules) {
      for (std::size_t v = 0; v < r.body.value_count(); ++v)
        if (r.body.value(v).op == ir::Opcode::Const) as_random.constants.push_back(r.body.value(v).imm);
    }
    std::vector<SeccompData> probes = generate_probes(as_random, target, files, 400 * property_iterations());
    check_all_pipelines(entry.path().filename().string(), text, probes, outcome);
  }
  CHECK(files >= 5);
  CHECK(outcome.decisions > 0);
}

TEST_CASE("every pass of every pipeline preserves the decisions of random policies") {
  const Target& target = Target::default_target();
  PolicyGenerator gen(target);
  const std::uint64_t first = property_seed();
  const std::uint64_t count = 3000 * property_iterations();
  Outcome outcome;
  auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    RandomPolicy p = gen.generate(seed);
    std::vector<SeccompData> probes = generate_probes(p, target, seed, 64);
    check_all_pipelines("random-" + std::to_string(seed) + ".secco", p.text, probes, outcome);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE(count << " random policies, " << outcome.decisions << " compared decisions in " << s << " s");
  CHECK(outcome.decisions > count);
}

}  // namespace
}  // namespace secco::testing
