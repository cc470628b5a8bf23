// Instruction selection: one lowered IR rule (32-bit comparisons and short-circuit branches)
// becomes a sub-DAG of BPF instructions whose entry expects the system call number in A.
#pragma once

#include <string>

#include "backend/codegen.h"
#include "ir/module.h"

namespace secco::backend {

struct SelectOptions {
  bool arg_trees = true;  // argument checks as range trees when cheaper (-O2; backend/arg_tree.h)
  // The ABI stores arguments big-endian: the high half at the lower offset.
  bool big_endian = false;
  // The ABI's arguments are 32 bits: a high half is 0 and is not loaded (spec §10).
  bool args32 = false;
};

// Every value is computed where it is used: jump threading is the IR pass thread-jumps, the reuse
// of what the accumulator already holds the DAG pass reuse-loads (backend/dag_passes.h).
// Returns the entry node of the rule's code. Throws std::runtime_error with a user-facing message
// when an expression needs more than the 16 scratch words.
Node select_rule(CodeGen& gen, const ir::Rule& rule, const SelectOptions& options);

}  // namespace secco::backend
