// The reference meaning of the IR: given a seccomp_data, the action the policy takes. Every pass
// and the BPF backend are tested against this. Needs an expanded, typed module.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/module.h"
#include "support/seccomp_data.h"

namespace secco::ir {

// The action of one rule body for this input (a run-time division by zero gives kill_thread).
Action interpret(const Function& body, const SeccompData& data);
// The action of the whole policy: architecture check, x32 check, dispatch, rule.
Action interpret(const Module& module, const SeccompData& data);
// The action of a multi-ABI filter (spec §10), one module per ABI: the module of data.arch (x32
// for the x32 numbers of AUDIT_ARCH_X86_64 when it is a target), else the first module's
// wrong-architecture action.
Action interpret(const std::vector<const Module*>& abis, const SeccompData& data);

}  // namespace secco::ir
