// The multiplexed forms of the socket and System V IPC calls (target/multiplexed.h), applied to
// one ABI's module after its pipeline, before the backend: a rule for `connect` on i386 also
// decides socketcall(SYS_CONNECT, ...). Not a pass of the pipeline: it is part of what a rule
// means on those ABIs, so no pipeline may leave it out.
#pragma once

#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::passes {

// Builds the multiplexer's rule (socketcall, ipc) from the sub-call rules, as libseccomp 2.5.4
// does (docs/architectures.md, "Multiplexed calls"):
// - an explicit multiplexer rule without argument tests decides every multiplexed call;
// - otherwise each sub-call with a rule decides its `arg0 == call` form: a rule without argument
//   tests as it decides the direct call; a rule with argument tests (they are behind a pointer in
//   the multiplexed form) with the most restrictive action it can return, and a warning;
//   the other calls go to the explicit multiplexer rule, or to the default policy action.
// Rules for sub-calls with no direct number on the ABI are removed once folded in.
void apply_multiplexing(ir::Module& m, Diagnostics& diags);

// Whether a body reads a system call argument: what makes a multiplexer rule catch only the calls
// no sub-call rule decides, and a sub-call rule's argument tests unreadable in its multiplexed form.
bool reads_arguments(const ir::Function& f);

}  // namespace secco::passes
