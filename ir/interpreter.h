// The reference meaning of the IR: given a seccomp_data, the action the policy takes. Every pass
// and the BPF backend are tested against this. Needs an expanded, typed module.
#pragma once

#include <cstdint>

#include "ir/module.h"
#include "support/seccomp_data.h"

namespace secco::ir {

// The action of one rule body for this input (a run-time division by zero gives kill_thread).
Action interpret(const Function& body, const SeccompData& data);
// The action of the whole policy: architecture check, x32 check, dispatch, rule.
Action interpret(const Module& module, const SeccompData& data);

}  // namespace secco::ir
