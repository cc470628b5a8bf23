// check-duplicates: one rule per system call (spec §3). Two rules for the same call are fine when
// they are identical after expansion (same actions, same body: compared on the canonical IR text,
// so `read: X` and `read: arg0 == 1` with X = arg0 == 1 agree); the later one is dropped with a
// warning. Otherwise the later rule is an error with a note at the first, across files too.
#include <map>
#include <sstream>

#include "ir/printer.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

std::string canonical(const Function& f) {
  std::ostringstream os;
  print(os, f, PrintOptions{false, false});  // AT_FDCWD and 0xffffff9c are the same value
  return os.str();
}

SECCO_SIMPLE_PASS(CheckDuplicatesPass, "check-duplicates", "reject conflicting rules for one system call");

PreservedAnalyses CheckDuplicatesPass::run(Module& m, PassContext& ctx) {
  std::map<std::uint32_t, std::size_t> first;
  std::vector<Rule> kept;
  bool changed = false;
  for (Rule& r : m.rules) {
    auto [it, inserted] = first.emplace(r.nr, kept.size());
    if (!inserted) {
      // Printed only on a collision: most policies have none, and printing every rule cost ~6% of
      // a compile.
      const Rule& prev = kept[it->second];
      if (canonical(r.body) == canonical(prev.body)) {
        ctx.diags.report(diag::warn_identical_rule, r.loc) << r.syscall;
        ctx.diags.report(diag::note_previous_rule, prev.loc) << prev.syscall;
      } else {
        ctx.diags.report(diag::err_duplicate_rule, r.loc) << r.syscall;
        ctx.diags.report(diag::note_previous_rule, prev.loc) << prev.syscall;
      }
      changed = true;
      continue;
    }
    kept.push_back(std::move(r));
  }
  m.rules = std::move(kept);
  // Rule bodies are untouched; the analyses of a moved body are recomputed when asked.
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_check_duplicates_pass() {
  return std::make_unique<CheckDuplicatesPass>();
}

}  // namespace secco::passes
