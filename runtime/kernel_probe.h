// A test harness that runs ONE system call under a program in the real kernel and reports what
// the kernel did: the call returned (value and errno), the process was killed (by which signal), or
// a SIGSYS trap was delivered (with the filter's 16-bit data).
//
// run_under_filter forks; the child sets no_new_privs, installs the program with seccomp(2)
// directly (no pre-checks, so the kernel's own behaviour is what is observed, including how it
// treats an unknown action), performs syscall(nr, args...) and records the result in memory shared
// with the parent (not a pipe: the filter may forbid write()). The parent polls that memory and
// the child's status and kills it when done or after the timeout, so a probe can never hang.
//
// Choosing the probe call: it really runs when the filter allows it, so pick one that harms nothing
// and whose "allowed" result differs from every filter result you want to tell apart:
//   - getppid: returns the parent's pid (> 0), never an error;
//   - a number no kernel implements (e.g. 1000): -1/ENOSYS when allowed. Beware that trace and
//     user_notif without a tracer or listener also give ENOSYS;
//   - a call with invalid arguments that fails fast: close(-1) -> EBADF, read(-1, ...) -> EBADF.
// Never probe exit, exit_group, kill of the parent, or anything blocking (it would time out).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>

#include "bpf/program.h"
#include "support/action.h"

namespace secco::runtime {

// The call came back: `value` is what syscall(2) returned, `error` the errno when value == -1.
struct Returned {
  long value = 0;
  int error = 0;
};
// The process died from `signal` during the call (SIGSYS for kill_thread and kill_process).
struct Killed {
  int signal = 0;
};
// A SIGSYS handler ran: `data` is the filter's SECCOMP_RET_DATA (delivered as si_errno).
struct Trapped {
  std::uint16_t data = 0;
  int syscall = 0;         // si_syscall: the number the filter saw
  std::uint32_t arch = 0;  // si_arch: the AUDIT_ARCH_* value
};
// The call was never observed: the kernel refused the program, fork failed, or it timed out.
struct NotRun {
  std::string reason;
};

using KernelOutcome = std::variant<Returned, Killed, Trapped, NotRun>;

struct ProbeOptions {
  std::chrono::milliseconds timeout{5000};
};

KernelOutcome run_under_filter(const bpf::Program& program, long nr, std::array<std::uint64_t, 6> args = {},
                               ProbeOptions options = {});

// Whether the outcome is what the kernel does for `expected`:
//   allow, log          -> Returned (the call ran; the caller chooses a call whose result shows it)
//   errno(N)            -> Returned -1 with errno N (N above 4095 is capped to 4095; errno(0) returns 0)
//   kill_thread/process -> Killed by SIGSYS
//   trap(N)             -> Trapped with data N
//   trace, user_notif   -> Returned -1 with ENOSYS (no tracer / no listener is attached)
bool consistent_with(const KernelOutcome& outcome, Action expected);

// "returned 1234 (errno 0)", "killed by SIGSYS", "trapped (data 7, syscall 110)", "not run: ...".
std::string to_string(const KernelOutcome& outcome);

}  // namespace secco::runtime
