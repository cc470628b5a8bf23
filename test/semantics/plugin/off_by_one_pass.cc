// A deliberately wrong pass for the tests of --validate-passes: it turns every `lt` into `le`,
// the classic off-by-one. Translation validation must name it and give a counterexample.
#include "passes/plugin.h"

namespace {

using namespace secco;

class OffByOnePass final : public passes::Pass {
 public:
  std::string_view name() const override { return "off-by-one"; }
  std::string_view description() const override { return "a broken pass: turns a < b into a <= b"; }

  passes::PreservedAnalyses run(ir::Module& m, passes::PassContext&) override {
    bool changed = false;
    for (ir::Rule& r : m.rules) {
      for (ir::ValueId v = 0; v < r.body.value_count(); ++v) {
        if (r.body.value(v).op != ir::Opcode::Lt) continue;
        r.body.value_mut(v).op = ir::Opcode::Le;
        changed = true;
      }
    }
    return passes::PreservedAnalyses::unless(changed);
  }
};

void register_passes(passes::PassRegistry& registry) {
  registry.add("off-by-one", [] { return std::make_unique<OffByOnePass>(); });
}

}  // namespace

extern "C" secco::passes::PluginInfo secco_pass_plugin() {
  return {secco::passes::kPluginApiVersion, "off-by-one", "1.0", &register_passes};
}
