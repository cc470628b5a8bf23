// The common shape of a value-rewriting pass: walk a function's live values operands-first and
// build an equivalent function, letting the pass replace each value. Blocks keep their structure
// with remapped conditions. Passes that change control flow work on blocks directly.
#pragma once

#include <vector>

#include "ir/function.h"
#include "support/function_ref.h"

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
// `ops` views scratch space that is valid during the call only (copy it to keep it). The
// rewriter is a function_ref: a lambda or function passed here is called without allocating.
using ValueRewriter = function_ref<ValueId(const Function& old, ValueId v, Function& out, ValueSpan ops)>;

ValueId copy_value(const Function& old, ValueId v, Function& out, ValueSpan ops);

Function rewrite_values(const Function& old, ValueRewriter rewrite);
// The same, given old's live values (AnalysisManager::liveness(old).order) instead of computing them.
Function rewrite_values(const Function& old, ValueRewriter rewrite, const std::vector<ValueId>& live);

}  // namespace secco::ir
