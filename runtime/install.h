// Installing a compiled program in the running kernel as the calling process's seccomp filter.
//
// `probe_kernel()` asks the kernel what it supports (filter mode, the seccomp(2) system call, TSYNC,
// each action) without changing anything; `install_filter()` sets no_new_privs and attaches the
// filter, refusing beforehand what the kernel would silently turn into something else (an action it
// does not know is treated as a kill). Neither function throws across the API or exits: every
// failure comes back as a status plus a sentence that says what the kernel refused and why.
//
// The system calls go through `KernelInterface`, thin function objects, so tests can replay an
// older kernel (seccomp(2) missing, an action unknown) without one. See docs/installing.md.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bpf/program.h"
#include "support/action.h"

namespace secco::runtime {

// The kernel as install_filter and probe_kernel see it. The calls return what the kernel returned:
// >= 0 on success (seccomp(2) with TSYNC returns the id of a thread it could not synchronise), or
// -errno on failure.
struct KernelInterface {
  std::function<long(unsigned op, unsigned flags, void* arg)> seccomp;
  std::function<long(int option, unsigned long arg2, unsigned long arg3)> prctl;
  std::string actions_avail_path = "/proc/sys/kernel/seccomp/actions_avail";
};
// The real ones: syscall(SYS_seccomp, ...), prctl(2) and the real /proc file.
KernelInterface real_kernel();

inline constexpr std::size_t kActionKinds = 8;  // the enumerators of secco::ActionKind

// What the running kernel offers. Gathered with probes that never change the process's state
// (installing a NULL program fails with EFAULT exactly when the mode or flag is known).
struct KernelSupport {
  bool seccomp = false;                      // PR_GET_SECCOMP works: the kernel has CONFIG_SECCOMP
  int current_mode = -1;                     // 0 unfiltered, 2 already under a filter (filters stack)
  bool filter_mode = false;                  // SECCOMP_MODE_FILTER can be installed (Linux 3.5)
  bool seccomp_syscall = false;              // the seccomp(2) system call exists (Linux 3.17)
  bool tsync = false;                        // SECCOMP_FILTER_FLAG_TSYNC (Linux 3.17)
  bool log_flag = false;                     // SECCOMP_FILTER_FLAG_LOG (Linux 4.14)
  bool action_query = false;                 // SECCOMP_GET_ACTION_AVAIL (Linux 4.14)
  std::array<bool, kActionKinds> actions{};  // indexed by ActionKind
  // Where `actions` came from: "SECCOMP_GET_ACTION_AVAIL", "/proc/sys/kernel/seccomp/actions_avail"
  // or "assumed (kernel older than 4.14)".
  std::string actions_source;
  // Why filter mode is unusable, in words; empty when it is usable.
  std::string problem;

  bool supports(ActionKind kind) const { return actions[static_cast<std::size_t>(kind)]; }
};

KernelSupport probe_kernel();
KernelSupport probe_kernel(const KernelInterface& sys);

struct InstallOptions {
  bool set_no_new_privs = true;  // PR_SET_NO_NEW_PRIVS first (needed unless CAP_SYS_ADMIN)
  bool tsync = true;             // filter every thread of the process, not only the caller
  bool log = false;              // SECCOMP_FILTER_FLAG_LOG: audit-log every action but allow
  // Fail instead of warning when TSYNC was asked for but cannot be honoured (prctl fallback).
  bool require_tsync = false;
  bool spec_allow = false;    // SECCOMP_FILTER_FLAG_SPEC_ALLOW (Linux 4.17): no speculative-store-bypass mitigation
  bool new_listener = false;  // SECCOMP_FILTER_FLAG_NEW_LISTENER (Linux 5.0): return a notification fd
};

enum class InstallStatus {
  Ok,
  EmptyProgram,       // no instructions
  ProgramTooLong,     // more than bpf::kMaxInsns instructions
  NoSeccompFilter,    // the kernel cannot install filters at all
  UnknownAction,      // a `ret` returns a value that is no seccomp action
  UnsupportedAction,  // a `ret` returns an action this kernel does not know
  NoNewPrivsFailed,   // PR_SET_NO_NEW_PRIVS failed
  TsyncUnavailable,   // TSYNC required but only prctl(PR_SET_SECCOMP) is available
  TsyncFailed,        // another thread could not be synchronised (see InstallResult::tsync_thread)
  Rejected,           // EINVAL: the kernel's checker refused the program
  PermissionDenied,   // EACCES: no no_new_privs and no CAP_SYS_ADMIN
  OutOfMemory,        // ENOMEM: memory, or the filter chain's total length
  Blocked,            // EPERM: an outer sandbox forbids installing filters
  KernelError,        // anything else the kernel said
  FlagUnsupported,    // spec_allow or new_listener asked for, and this kernel lacks the flag
};

// The stable name of a status ("rejected", "tsync_failed", ...), for logs and tests.
const char* status_name(InstallStatus status);

struct InstallResult {
  InstallStatus status = InstallStatus::KernelError;
  int error = 0;                      // the errno the kernel returned, 0 if the failure was found before asking
  long tsync_thread = 0;              // TsyncFailed: the thread id the kernel could not synchronise
  std::string message;                // empty when Ok; otherwise one sentence naming the cause
  std::vector<std::string> warnings;  // installed, but not quite as asked (e.g. without TSYNC)
  bool used_prctl = false;            // installed with prctl(PR_SET_SECCOMP) instead of seccomp(2)
  bool tsync_applied = false;         // the TSYNC flag was passed and honoured
  int listener_fd = -1;               // new_listener: the notification descriptor (the caller closes it)

  bool ok() const { return status == InstallStatus::Ok; }
  explicit operator bool() const { return ok(); }
};

InstallResult install_filter(const bpf::Program& program, InstallOptions options = {});
InstallResult install_filter(const bpf::Program& program, InstallOptions options, const KernelInterface& sys);

// Why seccomp(SECCOMP_SET_MODE_FILTER) / prctl(PR_SET_SECCOMP) failed with `error`, in words:
// "the kernel rejected the filter (EINVAL): the program is malformed ...".
std::string describe_install_errno(int error);

}  // namespace secco::runtime
