// The common shape of a value-rewriting pass: walk a function's live values operands-first and
// build an equivalent function, letting the pass replace each value. Blocks keep their structure
// with remapped conditions. Passes that change control flow work on blocks directly.
#pragma once

#include <functional>
#include <vector>

#include "ir/function.h"

namespace secco::ir {

// `rewrite(old, v, out, ops)` returns the value in `out` that replaces old value `v`, given the
// already-mapped operands. `copy_value` is the default: the same value with the new operands.
using ValueRewriter = std::function<ValueId(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops)>;

ValueId copy_value(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops);

Function rewrite_values(const Function& old, const ValueRewriter& rewrite);
// The same, given old's live values (AnalysisManager::liveness(old).order) instead of computing them.
Function rewrite_values(const Function& old, const ValueRewriter& rewrite, const std::vector<ValueId>& live);

}  // namespace secco::ir
