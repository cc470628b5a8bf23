// socketcall and ipc on the ABIs that multiplex them (target/multiplexed.h), for `explain`. The
// compiler builds their code from several rules: each sub-call rule (`connect`, `semop`...)
// decides its call number in arg0 (one action: the rule's most restrictive when it tests
// arguments), and the multiplexer's own rule, when it tests arguments, the other numbers (one
// without argument tests decides them all). Their decision is read back the same way: per call
// number, the action the program gives it (settling the tests of arg0 with the number known);
// the calls whose names have rules must get those rules' actions; the calls with no number of
// their own on any ABI of the filter (i386's `send`) get a rule `NAME: return A`; what is left
// is the multiplexer's own rule. Whatever does not fit is refused (the proof of the round trip
// is still the last word).
#pragma once

#include <cstdint>

#include "bpf/program.h"
#include "semantics/explain.h"
#include "target/target.h"

namespace secco::semantics {

// Whether `nr` is socketcall or ipc on an ABI that multiplexes them: explain_multiplexed, not
// explain_syscall, gives its rule.
bool is_multiplexer(const Target& t, std::uint32_t nr);

// Adds to `e` (whose other rules are final) the rules for socketcall, ipc and the sub-calls that
// only they reach, and notes saying how they are decided. ExplainError, a line per reason, when a
// multiplexer's decision cannot be written so.
void explain_multiplexed(const bpf::Program& program, Explanation& e);

}  // namespace secco::semantics
