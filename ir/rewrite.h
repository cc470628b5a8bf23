// The common shape of a value-rewriting pass: walk a function's live values operands-first and
// build an equivalent function, letting the pass replace each value. Blocks keep their structure
// with remapped conditions. Passes that change control flow work on blocks directly.
#pragma once

#include <functional>
#include <vector>

#include "ir/function.h"

namespace secco::ir {

// Whether a value-rewriting pass may change `f`. A rewriter that copies (copy_value) every value
// `handles` rejects gives back a compact `f` unchanged when no live value is one it handles, so
// the pass can leave such a function alone instead of rebuilding and comparing it.
template <typename Handles>
bool may_rewrite(const Function& f, Handles handles) {
  if (!f.is_compact()) return true;  // the rewrite would at least compact it
  for (ValueId v : f.live_values())
    if (handles(f.value(v))) return true;
  return false;
}

// `rewrite(old, v, out, ops)` returns the value in `out` that replaces old value `v`, given the
// already-mapped operands. `copy_value` is the default: the same value with the new operands.
using ValueRewriter = std::function<ValueId(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops)>;

ValueId copy_value(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops);

Function rewrite_values(const Function& old, const ValueRewriter& rewrite);
// The same, given old's live values (AnalysisManager::liveness(old).order) instead of computing them.
Function rewrite_values(const Function& old, const ValueRewriter& rewrite, const std::vector<ValueId>& live);

}  // namespace secco::ir
