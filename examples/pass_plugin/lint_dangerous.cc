// An out-of-tree pass plugin: `lint-dangerous` warns about rules that can allow system calls
// that break out of most sandboxes (ptrace, process_vm_writev, bpf, kexec_load, ...).
// Build it as a shared object against secco's headers and load it:
//   secco check --load-pass ./liblint_dangerous.so --passes=unify,typecheck,lint-dangerous POLICY
// It changes nothing; it only reports, through the same diagnostics engine as the built-in passes,
// and asks the reference interpreter (ir::interpret) whether the rule allows the call outright
// (with all arguments 0). docs/writing-a-pass.md builds it out of tree against the installed SDK.
#include <set>
#include <string>

#include "ir/interpreter.h"
#include "passes/plugin.h"

namespace {

using namespace secco;

class LintDangerousPass final : public passes::Pass {
 public:
  std::string_view name() const override { return "lint-dangerous"; }
  std::string_view description() const override { return "warn when a rule can allow a sandbox-escaping call"; }

  passes::PreservedAnalyses run(ir::Module& m, passes::PassContext& ctx) override {
    static const std::set<std::string> kDangerous = {
        "ptrace",      "process_vm_writev", "process_vm_readv",  "bpf",        "kexec_load", "kexec_file_load",
        "init_module", "finit_module",      "open_by_handle_at", "userfaultfd"};
    for (const ir::Rule& r : m.rules) {
      if (kDangerous.count(r.syscall) == 0) continue;
      for (ir::BlockId b : r.body.reverse_post_order()) {
        const ir::Terminator& t = r.body.block(b).term;
        if (t.kind == ir::Terminator::Kind::Return && t.action.resolved() &&
            t.action.action.kind == ActionKind::Allow) {
          const bool outright = ir::interpret(r.body, SeccompData{}).kind == ActionKind::Allow;
          ctx.diags.report(diag::warn_plugin, r.loc) << "lint-dangerous: the rule for '" + r.syscall +
                                                            "' can allow it" +
                                                            (outright ? " (it does with all arguments 0)" : "");
          break;
        }
      }
    }
    return passes::PreservedAnalyses::all();
  }
};

void register_passes(passes::PassRegistry& registry) {
  // It reads actions and compares typed values: it needs a module that is expanded and typed
  // (`secco passes` lists that; running it earlier is a diagnostic naming the pass to run first).
  using passes::Stage;
  registry.add(
      "lint-dangerous", [] { return std::make_unique<LintDangerousPass>(); },
      passes::PassStages{{Stage::Expanded, Stage::Typed}, {}});
  // Also run in the -O1/-O2 pipelines, once the rules are expanded and simplified.
  registry.add_to_pipelines("after-simplify", "lint-dangerous");
}

}  // namespace

extern "C" secco::passes::PluginInfo secco_pass_plugin() {
  return {secco::passes::kPluginApiVersion, "lint-dangerous", "1.0", &register_passes};
}
