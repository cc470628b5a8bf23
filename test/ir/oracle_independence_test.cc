// The reference interpreter is an independent oracle: it shares no arithmetic with the passes, so
// a deliberately wrong constant folder (a mutant, registered here as a pass) is caught by the same
// comparison the pass-equivalence property test makes (interpreter on the module before the pass
// vs after it). If the interpreter reused the folder's arithmetic, both sides would agree on the
// wrong value and the mutant would pass.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "ir/interpreter.h"
#include "ir/ir_test_util.h"
#include "ir/rewrite.h"
#include "lib/random_policy.h"
#include "lib/test_support.h"
#include "passes/pass_registry.h"
#include "target/target.h"

namespace secco::testing {
namespace {

using namespace ir;

// The mutant: folds constant 64-bit additions, but loses bits 62 and 63 of the sum (as a folder
// with a 62-bit mask would). Every other value is copied unchanged.
SECCO_SIMPLE_PASS(MutantFoldPass, "mutant-fold", "test only: a constant folder with a wrong 64-bit add");

ValueId mutant_value(const Function& old, ValueId v, Function& out, ValueSpan ops) {
  const Value& x = old.value(v);
  if (x.op == Opcode::Add && x.type == Type::Const64 && out.value(ops[0]).op == Opcode::Const &&
      out.value(ops[1]).op == Opcode::Const)
    return out.constant((out.value(ops[0]).imm + out.value(ops[1]).imm) & ((1ULL << 62) - 1), x.loc);
  return copy_value(old, v, out, ops);
}

passes::PreservedAnalyses MutantFoldPass::run(Module& m, passes::PassContext&) {
  for (Rule& r : m.rules) r.body = rewrite_values(r.body, mutant_value);
  return passes::PreservedAnalyses::none();
}

// Runs unify,typecheck then `pass`; true if the interpreter's decisions before and after differ on
// some probe.
bool decisions_differ(const std::string& text, const std::string& pass, const std::vector<SeccompData>& probes) {
  auto lowered = lower_policy(text);
  REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
  ir::Module m = lowered->module;
  REQUIRE(run_pipeline(m, "unify,typecheck", lowered->diags));
  ir::Module before = m;
  passes::AnalysisManager analyses;
  passes::PassContext ctx{lowered->diags, analyses};
  auto p = pass == "mutant-fold" ? std::unique_ptr<passes::Pass>(new MutantFoldPass)
                                 : passes::PassRegistry::global().create(pass);
  REQUIRE(p != nullptr);
  p->run(m, ctx);
  for (const SeccompData& d : probes)
    if (ir::interpret(before, d) != ir::interpret(m, d)) return true;
  return false;
}

TEST_CASE("a folder that gets 64-bit add wrong above 2^62 is caught by the interpreter") {
  const std::string policy = "read: arg0 < 0x4000000000000000 + 0x10\n";
  std::vector<SeccompData> probes;
  for (std::uint64_t a : {0ULL, 5ULL, 0x20ULL, 0x400000000000000fULL, 0x4000000000000010ULL, ~0ULL}) {
    SeccompData d;
    d.arch = Target::default_target().audit_arch();
    d.nr = 0;
    d.args = {a, 0, 0, 0, 0, 0};
    probes.push_back(d);
  }
  CHECK(decisions_differ(policy, "mutant-fold", probes));
  // The real folder keeps the decisions: the difference is the mutant's, not the check's.
  CHECK_FALSE(decisions_differ(policy, "fold", probes));
}

TEST_CASE("the mutant folder is caught on random policies, the real one is not") {
  const Target& target = Target::default_target();
  PolicyGenerator gen(target);
  unsigned mutant_caught = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    RandomPolicy p = gen.generate(seed);
    std::vector<SeccompData> probes = generate_probes(p, target, seed, 64);
    INFO(p.text);
    CHECK_FALSE(decisions_differ(p.text, "fold", probes));
    if (decisions_differ(p.text, "mutant-fold", probes)) ++mutant_caught;
  }
  MESSAGE("the mutant changed decisions of " << mutant_caught << " of 400 random policies");
  CHECK(mutant_caught > 0);
}

TEST_CASE("the interpreter includes nothing from the code it judges") {
  // Its arithmetic must be its own: only the IR data structures and support headers.
  std::ifstream in(source_path("ir/interpreter.cc"));
  REQUIRE(in);
  std::string line;
  std::vector<std::string> includes;
  while (std::getline(in, line))
    if (line.rfind("#include \"", 0) == 0) includes.push_back(line);
  REQUIRE_FALSE(includes.empty());
  for (const std::string& inc : includes) {
    INFO(inc);
    CHECK(inc == "#include \"ir/interpreter.h\"");
  }
}

}  // namespace
}  // namespace secco::testing
