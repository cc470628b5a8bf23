// check-duplicates: one rule per system call (spec §3). Two rules for the same call are fine when
// they are identical after expansion (same actions, same body: compared by shape, what the IR text
// without locations shows, so `read: X` and `read: arg0 == 1` with X = arg0 == 1 agree); the later
// one is dropped with a warning. Otherwise the later rule is an error with a note at the first,
// across files too.
#include <unordered_map>
#include <vector>

#include "ir/shape.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

SECCO_SIMPLE_PASS(CheckDuplicatesPass, "check-duplicates", "reject conflicting rules for one system call");

PreservedAnalyses CheckDuplicatesPass::run(Module& m, PassContext& ctx) {
  std::unordered_map<std::uint32_t, std::size_t> first;  // system call -> its first rule
  first.reserve(m.rules.size());
  std::vector<std::uint8_t> dropped(m.rules.size(), 0);
  bool changed = false;
  for (std::size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    auto [it, inserted] = first.emplace(r.nr, i);
    if (inserted) continue;
    // Compared only on a collision: most policies have none.
    const Rule& prev = m.rules[it->second];
    if (shape_of(r.body) == shape_of(prev.body)) {
      ctx.diags.report(diag::warn_identical_rule, r.loc) << r.syscall;
      ctx.diags.report(diag::note_previous_rule, prev.loc) << prev.syscall;
    } else {
      ctx.diags.report(diag::err_duplicate_rule, r.loc) << r.syscall;
      ctx.diags.report(diag::note_previous_rule, prev.loc) << prev.syscall;
    }
    dropped[i] = 1;
    changed = true;
  }
  if (!changed) return PreservedAnalyses::all();
  // Moved into a new table (move construction keeps each body's identity and version, so its
  // analyses stay cached; assignment would not).
  std::vector<Rule> kept;
  kept.reserve(m.rules.size());
  for (std::size_t i = 0; i < m.rules.size(); ++i)
    if (!dropped[i]) kept.push_back(std::move(m.rules[i]));
  m.rules = std::move(kept);
  return PreservedAnalyses::none();
}

}  // namespace

std::unique_ptr<Pass> make_check_duplicates_pass() {
  return std::make_unique<CheckDuplicatesPass>();
}

}  // namespace secco::passes
