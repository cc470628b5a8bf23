// The analysis manager: what each analysis computes on real rule bodies, that results are cached
// and dropped when a function changes or a pass does not preserve them, that passes report
// "changed" truthfully, and that --verify-each catches a pass that lies about either.
#include <doctest/doctest.h>

#include <sstream>

#include "ir/analyses.h"
#include "ir/ir_test_util.h"
#include "ir/printer.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"

namespace secco::testing {
namespace {

using namespace ir;

// The body of the only rule of `policy` after `pipeline`, and the value of its entry branch.
struct Body {
  std::unique_ptr<LoweredPolicy> lowered;
  const Function& f() const { return lowered->module.rules.at(0).body; }
  ValueId cond() const { return f().block(0).term.cond; }
};

Body body_after(const std::string& policy, const std::string& pipeline) {
  Body b{lower_policy(policy)};
  REQUIRE_MESSAGE(b.lowered->ok, b.lowered->rendered());
  REQUIRE_MESSAGE(run_pipeline(b.lowered->module, pipeline, b.lowered->diags), b.lowered->rendered());
  return b;
}

TEST_CASE("known bits and ranges follow masks, shifts and additions and decide comparisons") {
  Body b = body_after("read: (argL0 & 0xff) + (argL1 >> 28) < 0x10f\n", "unify,typecheck");
  KnownBits k = compute_known_bits(b.f());
  const Value& lt = b.f().value(b.cond());
  REQUIRE(lt.op == Opcode::Lt);
  const ValueFacts& sum = k.facts[lt.operands[0]];
  CHECK(sum.min == 0);
  CHECK(sum.max == 0xff + 15);
  CHECK(k.facts[b.cond()].exact());  // 0x10e < 0x10f always
  CHECK(k.facts[b.cond()].min == 1);

  Body open = body_after("read: (argL0 & 0xff) + (argL1 >> 28) < 0x10e\n", "unify,typecheck");
  CHECK_FALSE(compute_known_bits(open.f()).facts[open.cond()].exact());

  Body bits = body_after("read: (argL0 | 0x10) &? 0x10\n", "unify,typecheck");
  const ValueFacts t = compute_known_bits(bits.f()).facts[bits.cond()];  // a copy: the result is a temporary
  CHECK(t.exact());
  CHECK(t.min == 1);
}

TEST_CASE("may-trap, use counts and cost") {
  Body b = body_after("read: argL0 / argL1 == 3 || argL2 / 4 == argL2 % 7\n", "unify,typecheck");
  MayTrap trap = compute_may_trap(b.f());
  UseCounts uses = compute_use_counts(b.f());
  Cost cost = compute_cost(b.f());
  int trapping_divisions = 0, safe_divisions = 0;
  for (ValueId v = 0; v < b.f().value_count(); ++v) {
    const Value& x = b.f().value(v);
    if (x.op == Opcode::Div) (trap.trap[v] ? trapping_divisions : safe_divisions)++;
    if (x.op == Opcode::ArgLow && x.imm == 2) CHECK(uses.uses[v] == 2);  // argL2 / 4 and argL2 % 7
    if (x.op == Opcode::ArgLow) CHECK(cost.instructions[v] == 1);
    if (x.op == Opcode::Mod) CHECK(cost.instructions[v] == 1 + 1 + 3);  // load, then div, mul, sub, ...
  }
  CHECK(trapping_divisions == 1);
  CHECK(safe_divisions == 1);
  CHECK(trap.trap[b.cond()] == 1);  // the condition evaluates the trapping division
}

TEST_CASE("analyses are cached until the function changes or a pass does not preserve them") {
  Body b = body_after("read: argL0 + 1 == argL1\n", "unify,typecheck");
  ir::Module& m = b.lowered->module;
  passes::AnalysisManager am;
  const Function& f = m.rules[0].body;
  am.liveness(f);
  am.liveness(f);
  CHECK(am.stats(passes::Analysis::Liveness).computed == 1);
  CHECK(am.stats(passes::Analysis::Liveness).reused == 1);

  // A change through any non-const access makes the cached result stale.
  m.rules[0].body.add_block();
  am.liveness(f);
  CHECK(am.stats(passes::Analysis::Liveness).computed == 2);

  // What a pass preserves of a function it changed survives it; the rest is dropped.
  am.may_trap(f);
  m.rules[0].body.add_block();  // the pass changes the body after the analyses were computed
  am.keep_preserved(m, passes::PreservedAnalyses::none().preserve(passes::Analysis::Liveness));
  am.liveness(f);
  am.may_trap(f);
  CHECK(am.stats(passes::Analysis::Liveness).computed == 2);
  CHECK(am.stats(passes::Analysis::MayTrap).computed == 2);

  // Rules moved to a new table (as check-duplicates does) keep their analyses: a move keeps a
  // body's identity and version.
  std::vector<Rule> moved;
  moved.push_back(std::move(m.rules[0]));
  m.rules = std::move(moved);
  am.keep_preserved(m, passes::PreservedAnalyses::none());
  am.liveness(m.rules[0].body);
  CHECK(am.stats(passes::Analysis::Liveness).computed == 2);
  // A body replaced by a rewritten function (as a pass does) is looked up afresh.
  Function rewritten = m.rules[0].body;
  rewritten.add_block();
  m.rules[0].body = std::move(rewritten);
  am.liveness(m.rules[0].body);
  CHECK(am.stats(passes::Analysis::Liveness).computed == 3);
}

TEST_CASE("a pass that changes one rule keeps the analyses of the others") {
  Body b = body_after("read: argL0 + 1 == argL1\nwrite: argL0 == 2\n", "unify,typecheck");
  ir::Module& m = b.lowered->module;
  passes::AnalysisManager am;
  for (const Rule& r : m.rules) {
    am.liveness(r.body);
    am.known_bits(r.body);
  }
  m.rules[0].body.add_block();  // the pass changes only the first rule and preserves nothing
  am.keep_preserved(m, passes::PreservedAnalyses::none());
  for (const Rule& r : m.rules) {
    am.liveness(r.body);
    am.known_bits(r.body);
  }
  CHECK(am.stats(passes::Analysis::Liveness).computed == 3);
  CHECK(am.stats(passes::Analysis::Liveness).reused == 1);
  CHECK(am.stats(passes::Analysis::KnownBits).computed == 3);
  CHECK(am.stats(passes::Analysis::KnownBits).reused == 1);
}

// Every pass of every level, run a second time on its own output, reports no change (and the
// pass manager's --verify-each check agrees that the module did not change).
TEST_CASE("passes report changed truthfully") {
  const std::string policy =
      "read: in(argL0, 1, 2) && arg1 < 0x100000000 && argL2 * 8 == 16\n"
      "write: arg0 == 1 || !(argH1 == 2)\n";
  for (int level = 0; level <= 2; ++level) {
    auto lowered = lower_policy(policy);
    REQUIRE(lowered->ok);
    ir::Module& m = lowered->module;
    passes::AnalysisManager am;
    passes::PassContext ctx{lowered->diags, am};
    // The printed module plus the stage flags (which the text does not show).
    auto state = [&] {
      return to_string(m) + std::to_string(m.expanded) + std::to_string(m.typed) + std::to_string(m.split) +
             std::to_string(m.branchy);
    };
    for (const std::string& name : split_pipeline(passes::pipeline_for_level(level))) {
      auto pass = passes::PassRegistry::global().create(name);
      std::string before = state();
      bool changed = pass->run(m, ctx).changed();
      INFO("-O", level, " ", name);
      // A pass may renumber values without changing the printed module (the printer numbers in
      // print order), so "changed" only has to be reported when the text changed; a second run
      // on its own output must say "unchanged".
      if (state() != before) CHECK(changed);
      am.clear();
      std::string once = state();
      CHECK_FALSE(pass->run(m, ctx).changed());
      CHECK(state() == once);
    }
  }
  // The passes that must run say so the first time.
  for (const char* name : {"typecheck", "split64", "lower-branches"}) {
    auto lowered = lower_policy("read: arg0 == 1 && argL1 == 2\n");
    std::string pipeline = "unify,typecheck,expand-in,fold";
    REQUIRE(run_pipeline(lowered->module, std::string(name) == "typecheck" ? "unify" : pipeline, lowered->diags));
    passes::AnalysisManager am;
    passes::PassContext ctx{lowered->diags, am};
    if (std::string(name) == "lower-branches")
      passes::PassRegistry::global().create("split64")->run(lowered->module, ctx);
    INFO(name);
    CHECK(passes::PassRegistry::global().create(name)->run(lowered->module, ctx).changed());
  }
}

// Test-only passes that lie: one changes the module but reports nothing changed, one claims to
// keep liveness while it makes every value dead.
SECCO_SIMPLE_PASS(SilentChangePass, "test-silent-change", "test only: changes the module, reports no change");
passes::PreservedAnalyses SilentChangePass::run(ir::Module& m, passes::PassContext&) {
  m.rules.at(0).body.block(0).term.action = ActionOperand::concrete(Action::allow());
  m.rules.at(0).body.block(0).term.kind = Terminator::Kind::Return;
  m.rules.at(0).body.compact();
  return passes::PreservedAnalyses::all();
}
SECCO_SIMPLE_PASS(StaleLivenessPass, "test-stale-liveness", "test only: claims liveness survives a rewrite");
passes::PreservedAnalyses StaleLivenessPass::run(ir::Module& m, passes::PassContext& ctx) {
  Function& f = m.rules.at(0).body;
  ctx.analyses.liveness(f);
  f.block(0).term =
      Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, ActionOperand::concrete(Action::allow())};
  return passes::PreservedAnalyses::none().preserve(passes::Analysis::Liveness);
}

TEST_CASE("--verify-each reports a pass that lies about what it changed or preserved") {
  static bool registered = [] {
    auto& r = passes::PassRegistry::global();
    return r.add("test-silent-change", [] { return std::make_unique<SilentChangePass>(); }) &&
           r.add("test-stale-liveness", [] { return std::make_unique<StaleLivenessPass>(); });
  }();
  REQUIRE(registered);
  struct Case {
    const char* pass;
    const char* message;
  };
  for (Case c :
       {Case{"test-silent-change", "reported no change but changed the module"},
        Case{"test-stale-liveness", "reported an analysis preserved that it invalidated (rule read: liveness)"}}) {
    auto lowered = lower_policy("read: argL0 == 1\n");
    std::string error;
    auto pm = passes::PassManager::parse(std::string("unify,typecheck,") + c.pass, error);
    REQUIRE(pm);
    passes::Instrumentation inst;
    inst.verify_each = true;
    CHECK_FALSE(pm->run(lowered->module, lowered->diags, inst));
    INFO(lowered->rendered());
    CHECK(lowered->rendered().find(c.message) != std::string::npos);
  }
}

}  // namespace
}  // namespace secco::testing
