// Before `secco run` installs a filter, the emulator decides whether the filter lets the one call
// secco makes under it through: the execve of the command, with the exact path, argv and envp
// addresses the child will pass (fork keeps them). A filter that denies it would kill secco's own
// child or make it fail in ways that look like a crash; `run` refuses it instead, naming the call.
#pragma once

#include <cstdint>
#include <string>

#include "bpf/program.h"
#include "support/action.h"

namespace secco {
class Target;
}

namespace secco::runtime {

// The audit arch value of the running process (AUDIT_ARCH_X86_64 on x86_64), and its target (nullptr
// when secco has no tables for it).
std::uint32_t native_audit_arch();
const Target* native_target();

// "kill_process", "errno EACCES", "trap(5)": an action in policy words, errno by name where known.
std::string describe_action(const Action& action, const Target* target);

// "" when `program` allows (or only logs) execve(path, argv, envp) on the native arch; otherwise the
// sentence that says which call gets what and how to fix the policy. The instruction pointer is
// taken as 0 (it is not known before the call).
std::string check_exec_allowed(const bpf::Program& program, const char* path, char* const* argv, char* const* envp);

}  // namespace secco::runtime
