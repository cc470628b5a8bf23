// -Wredundant-rule: a rule whose removal changes no decision on any ABI of the filter. Usually
// the author meant another action; a false warning would invite deleting a rule that matters, so
// every doubt (a run-time division, a multiplexer rule with argument tests) counts as "matters".
#pragma once

#include <vector>

#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::passes {

// For each rule of `m` (typed), whether deleting it changes no decision of `m`'s ABI. On the
// multiplexing ABIs (target/multiplexed.h) a sub-call rule also decides socketcall/ipc with its
// call in arg0, where without it the multiplexer's own rule (if it has argument tests) decides;
// and a multiplexer rule without argument tests overrides every sub-call rule.
std::vector<bool> redundant_rules(const ir::Module& m);

// Warns about every rule redundant on each ABI (module) it exists on, once.
void warn_redundant_rules(const std::vector<const ir::Module*>& abis, Diagnostics& diags);

}  // namespace secco::passes
