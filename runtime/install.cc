// Probing the kernel's seccomp support and installing a filter, with every refusal explained.
//
// Order of install_filter: check what can be checked without the kernel (length, return values
// against the probed action set), set no_new_privs, then seccomp(SECCOMP_SET_MODE_FILTER, flags)
// and, when that system call does not exist (ENOSYS, kernels before 3.17), prctl(PR_SET_SECCOMP).
// Refusing an unsupported action up front matters: the kernel does not check return values and
// treats one it does not know as a kill, so the policy would silently turn into "kill".
#include "runtime/install.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>

namespace secco::runtime {
namespace {

constexpr std::array<ActionKind, kActionKinds> kAllKinds = {
    ActionKind::KillProcess, ActionKind::KillThread, ActionKind::Trap, ActionKind::Errno,
    ActionKind::UserNotif,   ActionKind::Trace,      ActionKind::Log,  ActionKind::Allow};

std::string errno_name(int error) {
  switch (error) {
    case EINVAL:
      return "EINVAL";
    case EACCES:
      return "EACCES";
    case EFAULT:
      return "EFAULT";
    case ENOMEM:
      return "ENOMEM";
    case ENOSYS:
      return "ENOSYS";
    case EPERM:
      return "EPERM";
    case ESRCH:
      return "ESRCH";
    case EBUSY:
      return "EBUSY";
    case EOPNOTSUPP:
      return "EOPNOTSUPP";
    default:
      return "errno " + std::to_string(error);
  }
}

std::string hex32(std::uint32_t value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", value);
  return buf;
}

// A known action for the high 16 bits of a return value, or false when no kernel defines it.
bool known_action(std::uint32_t value, ActionKind& kind) {
  switch (value & SECCOMP_RET_ACTION_FULL) {
    case SECCOMP_RET_KILL_PROCESS:
      kind = ActionKind::KillProcess;
      return true;
    case SECCOMP_RET_KILL_THREAD:
      kind = ActionKind::KillThread;
      return true;
    case SECCOMP_RET_TRAP:
      kind = ActionKind::Trap;
      return true;
    case SECCOMP_RET_ERRNO:
      kind = ActionKind::Errno;
      return true;
    case SECCOMP_RET_USER_NOTIF:
      kind = ActionKind::UserNotif;
      return true;
    case SECCOMP_RET_TRACE:
      kind = ActionKind::Trace;
      return true;
    case SECCOMP_RET_LOG:
      kind = ActionKind::Log;
      return true;
    case SECCOMP_RET_ALLOW:
      kind = ActionKind::Allow;
      return true;
    default:
      return false;
  }
}

// Kernels from 3.5 to 4.13 cannot be asked; these are the actions they all know.
void assume_old_kernel_actions(KernelSupport& ks) {
  for (ActionKind k :
       {ActionKind::KillThread, ActionKind::Trap, ActionKind::Errno, ActionKind::Trace, ActionKind::Allow})
    ks.actions[static_cast<std::size_t>(k)] = true;
  ks.actions_source = "assumed (kernel older than 4.14)";
}

// Reads the names the kernel lists in /proc/sys/kernel/seccomp/actions_avail; false if unreadable.
bool read_actions_avail(const std::string& path, KernelSupport& ks) {
  std::ifstream in(path);
  if (!in) return false;
  std::string word;
  bool any = false;
  while (in >> word) {
    if (word == "kill") word = "kill_thread";  // the 4.14 release candidates' spelling
    if (auto kind = action_keyword(word)) {
      ks.actions[static_cast<std::size_t>(*kind)] = true;
      any = true;
    }
  }
  if (any) ks.actions_source = path;
  return any;
}

void probe_actions(const KernelInterface& sys, KernelSupport& ks) {
  if (ks.seccomp_syscall) {
    std::uint32_t probe = SECCOMP_RET_ALLOW;
    long r = sys.seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &probe);
    if (r == 0) {
      ks.action_query = true;
      for (ActionKind k : kAllKinds) {
        std::uint32_t value = Action{k, 0}.encode();
        ks.actions[static_cast<std::size_t>(k)] = sys.seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &value) == 0;
      }
      ks.actions_source = "SECCOMP_GET_ACTION_AVAIL";
      return;
    }
  }
  if (!read_actions_avail(sys.actions_avail_path, ks)) assume_old_kernel_actions(ks);
}

std::string action_list(const KernelSupport& ks) {
  std::string out;
  for (ActionKind k : kAllKinds) {
    if (!ks.supports(k)) continue;
    if (!out.empty()) out += ", ";
    out += action_keyword_name(k);
  }
  return out.empty() ? "none" : out;
}

InstallResult failure(InstallStatus status, std::string message, int error = 0) {
  InstallResult r;
  r.status = status;
  r.error = error;
  r.message = std::move(message);
  return r;
}

InstallStatus status_for_errno(int error) {
  switch (error) {
    case EINVAL:
      return InstallStatus::Rejected;
    case EACCES:
      return InstallStatus::PermissionDenied;
    case ENOMEM:
      return InstallStatus::OutOfMemory;
    case EPERM:
      return InstallStatus::Blocked;
    default:
      return InstallStatus::KernelError;
  }
}

// The pre-install check of every constant return value against the kernel's action set.
InstallResult check_actions(const bpf::Program& program, const KernelSupport& ks) {
  InstallResult ok;
  ok.status = InstallStatus::Ok;
  for (std::size_t i = 0; i < program.size(); ++i) {
    const bpf::Insn& insn = program[i];
    if (bpf::op::cls(insn.code) != bpf::op::RET) continue;
    if (bpf::op::rval(insn.code) != bpf::op::K) {
      ok.warnings.push_back("instruction " + std::to_string(i) +
                            " returns a computed value; its action cannot be checked before installing");
      continue;
    }
    ActionKind kind{};
    if (!known_action(insn.k, kind))
      return failure(InstallStatus::UnknownAction,
                     "instruction " + std::to_string(i) + " returns " + hex32(insn.k) +
                         ", which is not a seccomp action; the kernel would treat it as kill_process");
    if (!ks.supports(kind))
      return failure(InstallStatus::UnsupportedAction,
                     "instruction " + std::to_string(i) + " returns the action " +
                         std::string(action_keyword_name(kind)) +
                         ", which the running kernel does not support (it knows: " + action_list(ks) +
                         "); the kernel would treat it as a kill, so the filter was not installed");
  }
  return ok;
}

}  // namespace

KernelInterface real_kernel() {
  KernelInterface sys;
  sys.seccomp = [](unsigned op, unsigned flags, void* arg) -> long {
    long r = ::syscall(SYS_seccomp, op, flags, arg);
    return r < 0 ? -errno : r;
  };
  sys.prctl = [](int option, unsigned long arg2, unsigned long arg3) -> long {
    int r = ::prctl(option, arg2, arg3, 0UL, 0UL);
    return r < 0 ? -errno : r;
  };
  return sys;
}

KernelSupport probe_kernel() {
  return probe_kernel(real_kernel());
}

KernelSupport probe_kernel(const KernelInterface& sys) {
  KernelSupport ks;
  try {
    long mode = sys.prctl(PR_GET_SECCOMP, 0, 0);
    if (mode < 0) {
      ks.problem = "the kernel has no seccomp support (prctl(PR_GET_SECCOMP) failed with " +
                   errno_name(static_cast<int>(-mode)) + "; it needs CONFIG_SECCOMP)";
      return ks;
    }
    ks.seccomp = true;
    ks.current_mode = static_cast<int>(mode);

    // A NULL program fails with EFAULT once the mode and flags were accepted, EINVAL before.
    long r = sys.seccomp(SECCOMP_SET_MODE_FILTER, 0, nullptr);
    if (r != -ENOSYS) {
      ks.seccomp_syscall = true;
      if (r == -EFAULT) {
        ks.filter_mode = true;
      } else if (r == -EINVAL) {
        ks.problem = "the kernel cannot install seccomp filters (it was built without CONFIG_SECCOMP_FILTER)";
      } else {
        ks.problem = "seccomp(2) refuses to install filters (" + errno_name(static_cast<int>(-r)) +
                     "); an outer sandbox (a container runtime's profile or a security module) may forbid it";
      }
      ks.tsync = ks.filter_mode && sys.seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, nullptr) == -EFAULT;
      ks.log_flag = ks.filter_mode && sys.seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, nullptr) == -EFAULT;
    } else {
      r = sys.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, 0);
      if (r == -EFAULT)
        ks.filter_mode = true;
      else
        ks.problem =
            "the kernel cannot install seccomp filters (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) failed with " +
            errno_name(static_cast<int>(-r)) + "; filters need Linux 3.5 with CONFIG_SECCOMP_FILTER)";
    }
    if (ks.filter_mode) probe_actions(sys, ks);
  } catch (const std::exception& e) {
    ks.filter_mode = false;
    ks.problem = std::string("probing the kernel failed: ") + e.what();
  }
  return ks;
}

std::string describe_install_errno(int error) {
  switch (error) {
    case EINVAL:
      return "the kernel rejected the filter (EINVAL): the program is malformed (an unknown or disallowed "
             "instruction, a jump or load out of range, a path that does not end in a return, or a length "
             "outside 1.." +
             std::to_string(bpf::kMaxInsns) + "), or a flag is unknown to this kernel";
    case EACCES:
      return "the kernel refused the filter (EACCES): no_new_privs is not set and the caller lacks "
             "CAP_SYS_ADMIN";
    case EFAULT:
      return "the kernel could not read the program (EFAULT): a bad address was passed";
    case ENOMEM:
      return "the kernel refused the filter (ENOMEM): out of memory, or the filters attached to this thread "
             "would exceed 32768 instructions in total (each filter counts as its length plus 4)";
    case EPERM:
      return "installing the filter was forbidden (EPERM): an outer sandbox (a container runtime's seccomp "
             "profile or a security module) does not allow it";
    case EBUSY:
      return "the kernel refused the filter (EBUSY): another filter already has a notification listener";
    case ESRCH:
      return "the kernel refused the filter (ESRCH): a thread could not be synchronised";
    case ENOSYS:
      return "the kernel has no seccomp(2) system call (ENOSYS)";
    default:
      return "the kernel refused the filter (" + errno_name(error) + "): " + std::strerror(error);
  }
}

const char* status_name(InstallStatus status) {
  switch (status) {
    case InstallStatus::Ok:
      return "ok";
    case InstallStatus::EmptyProgram:
      return "empty_program";
    case InstallStatus::ProgramTooLong:
      return "program_too_long";
    case InstallStatus::NoSeccompFilter:
      return "no_seccomp_filter";
    case InstallStatus::UnknownAction:
      return "unknown_action";
    case InstallStatus::UnsupportedAction:
      return "unsupported_action";
    case InstallStatus::NoNewPrivsFailed:
      return "no_new_privs_failed";
    case InstallStatus::TsyncUnavailable:
      return "tsync_unavailable";
    case InstallStatus::TsyncFailed:
      return "tsync_failed";
    case InstallStatus::Rejected:
      return "rejected";
    case InstallStatus::PermissionDenied:
      return "permission_denied";
    case InstallStatus::OutOfMemory:
      return "out_of_memory";
    case InstallStatus::Blocked:
      return "blocked";
    case InstallStatus::KernelError:
      return "kernel_error";
    case InstallStatus::FlagUnsupported:
      return "flag_unsupported";
  }
  return "kernel_error";
}

InstallResult install_filter(const bpf::Program& program, InstallOptions options) {
  return install_filter(program, options, real_kernel());
}

InstallResult install_filter(const bpf::Program& program, InstallOptions options, const KernelInterface& sys) {
  try {
    if (program.empty())
      return failure(InstallStatus::EmptyProgram,
                     "the program is empty; the kernel needs 1 to " + std::to_string(bpf::kMaxInsns) + " instructions");
    if (program.size() > bpf::kMaxInsns)
      return failure(InstallStatus::ProgramTooLong, "the program has " + std::to_string(program.size()) +
                                                        " instructions; the kernel accepts at most " +
                                                        std::to_string(bpf::kMaxInsns));
    KernelSupport ks = probe_kernel(sys);
    if (!ks.filter_mode) return failure(InstallStatus::NoSeccompFilter, ks.problem);
    InstallResult result = check_actions(program, ks);
    if (!result) return result;

    unsigned flags = 0;
    if (options.tsync) {
      if (ks.tsync) {
        flags |= SECCOMP_FILTER_FLAG_TSYNC;
      } else {
        std::string why = ks.seccomp_syscall ? "the kernel does not support SECCOMP_FILTER_FLAG_TSYNC"
                                             : "the kernel has no seccomp(2) system call (Linux 3.17 added it) "
                                               "and prctl(PR_SET_SECCOMP) filters only the calling thread";
        if (options.require_tsync)
          return failure(InstallStatus::TsyncUnavailable,
                         "TSYNC was required but cannot be honoured: " + why + "; the filter was not installed");
        result.warnings.push_back("installed without TSYNC: " + why +
                                  "; other threads already running in this process are not filtered");
      }
    }
    if (options.log) {
      if (ks.log_flag)
        flags |= SECCOMP_FILTER_FLAG_LOG;
      else
        result.warnings.push_back(
            "installed without SECCOMP_FILTER_FLAG_LOG: the kernel does not support it "
            "(Linux 4.14 added it)");
    }
    // Flags without a prctl fallback: the kernel must know them (a NULL program gives EFAULT once
    // the flag was accepted), else nothing is installed.
    const std::pair<bool, unsigned> extra[] = {{options.spec_allow, SECCOMP_FILTER_FLAG_SPEC_ALLOW},
                                               {options.new_listener, SECCOMP_FILTER_FLAG_NEW_LISTENER}};
    for (const auto& [wanted, flag] : extra) {
      if (!wanted) continue;
      if (!ks.seccomp_syscall || sys.seccomp(SECCOMP_SET_MODE_FILTER, flag, nullptr) != -EFAULT)
        return failure(InstallStatus::FlagUnsupported,
                       flag == SECCOMP_FILTER_FLAG_SPEC_ALLOW
                           ? "the kernel does not support SECCOMP_FILTER_FLAG_SPEC_ALLOW (Linux 4.17 added it)"
                           : "the kernel does not support SECCOMP_FILTER_FLAG_NEW_LISTENER (Linux 5.0 added it)");
      flags |= flag;
    }
    // With a listener, TSYNC reports a thread it cannot synchronise as ESRCH (the return value is the fd).
    if ((flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0 && (flags & SECCOMP_FILTER_FLAG_TSYNC) != 0)
      flags |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;

    if (options.set_no_new_privs) {
      long r = sys.prctl(PR_SET_NO_NEW_PRIVS, 1, 0);
      if (r < 0)
        return failure(InstallStatus::NoNewPrivsFailed,
                       "prctl(PR_SET_NO_NEW_PRIVS) failed (" + errno_name(static_cast<int>(-r)) +
                           "); no_new_privs needs Linux 3.5",
                       static_cast<int>(-r));
    }

    // The kernel copies the program during the call; Insn is laid out as struct sock_filter.
    std::vector<sock_filter> insns(program.size());
    std::memcpy(insns.data(), program.data(), program.size() * sizeof(sock_filter));
    sock_fprog fprog{};
    fprog.len = static_cast<unsigned short>(insns.size());
    fprog.filter = insns.data();

    long r = -ENOSYS;
    if (ks.seccomp_syscall) r = sys.seccomp(SECCOMP_SET_MODE_FILTER, flags, &fprog);
    if (r == -ENOSYS && (flags & (SECCOMP_FILTER_FLAG_SPEC_ALLOW | SECCOMP_FILTER_FLAG_NEW_LISTENER)) == 0) {
      if ((flags & SECCOMP_FILTER_FLAG_TSYNC) != 0) {
        if (options.require_tsync)
          return failure(InstallStatus::TsyncUnavailable,
                         "TSYNC was required but seccomp(2) is missing (ENOSYS) and prctl(PR_SET_SECCOMP) "
                         "filters only the calling thread; the filter was not installed",
                         ENOSYS);
        result.warnings.push_back(
            "installed without TSYNC: seccomp(2) is missing (ENOSYS) and "
            "prctl(PR_SET_SECCOMP) filters only the calling thread");
      }
      flags = 0;
      result.used_prctl = true;
      r = sys.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, reinterpret_cast<unsigned long>(&fprog));
    }
    if (r > 0 && (flags & SECCOMP_FILTER_FLAG_TSYNC) != 0 && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) == 0) {
      InstallResult bad = failure(InstallStatus::TsyncFailed,
                                  "the kernel could not synchronise thread " + std::to_string(r) +
                                      " (TSYNC): that thread is in strict mode or has a seccomp filter of its "
                                      "own that the calling thread lacks; no thread was filtered");
      bad.tsync_thread = r;
      return bad;
    }
    if (r < 0) {
      int error = static_cast<int>(-r);
      return failure(status_for_errno(error), describe_install_errno(error), error);
    }
    if ((flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0) result.listener_fd = static_cast<int>(r);
    result.status = InstallStatus::Ok;
    result.tsync_applied = (flags & SECCOMP_FILTER_FLAG_TSYNC) != 0;
    return result;
  } catch (const std::exception& e) {
    return failure(InstallStatus::KernelError, std::string("installing the filter failed: ") + e.what());
  }
}

}  // namespace secco::runtime
