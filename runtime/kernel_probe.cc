// The fork-install-call-report harness of kernel_probe.h.
//
// Everything the child does after fork is async-signal-safe (no allocation, no stdio): the program
// is copied into kernel layout beforehand, results go to an anonymous MAP_SHARED page as plain
// stores published by an atomic stage word. The SIGSYS handler writes the same page. Exiting may
// itself be forbidden by the filter, so the parent does not wait for a clean exit: as soon as the
// stage says the call finished it kills the child with SIGKILL and reaps it.
#include "runtime/kernel_probe.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <new>
#include <vector>

#include "runtime/install.h"

namespace secco::runtime {
namespace {

enum Stage : std::uint32_t { kStarting, kInstallFailed, kInSyscall, kReturned, kTrapped };

struct Shared {
  std::atomic<std::uint32_t> stage{kStarting};
  long value = 0;
  int error = 0;
  int install_error = 0;
  bool install_nnp_failed = false;
  std::uint16_t trap_data = 0;
  int trap_syscall = 0;
  std::uint32_t trap_arch = 0;
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "the stage word must work across processes");

Shared* g_shared = nullptr;  // used by the child and its SIGSYS handler only

[[noreturn]] void child_exit() {
  // exit_group may be denied by the filter; the parent kills us as soon as the stage is final.
  for (;;) {
    ::syscall(SYS_exit_group, 0);
    ::syscall(SYS_sched_yield);
  }
}

void on_sigsys(int, siginfo_t* info, void*) {
  Shared* s = g_shared;
  if (s->stage.load(std::memory_order_relaxed) == kInSyscall) {
    s->trap_data = static_cast<std::uint16_t>(info->si_errno);
    s->trap_syscall = info->si_syscall;
    s->trap_arch = info->si_arch;
    s->stage.store(kTrapped, std::memory_order_release);
  }
  child_exit();
}

[[noreturn]] void run_child(Shared* s, sock_fprog* fprog, long nr, const std::array<std::uint64_t, 6>& a) {
  g_shared = s;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);  // no core files from the SIGSYS deaths we provoke
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);

  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSYS, &sa, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, SIGSYS);
  ::sigprocmask(SIG_UNBLOCK, &unblock, nullptr);

  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    s->install_error = errno;
    s->install_nnp_failed = true;
    s->stage.store(kInstallFailed, std::memory_order_release);
    child_exit();
  }
  long r = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, fprog);
  if (r != 0 && errno == ENOSYS) r = ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0, 0);
  if (r != 0) {
    s->install_error = errno;
    s->stage.store(kInstallFailed, std::memory_order_release);
    child_exit();
  }

  s->stage.store(kInSyscall, std::memory_order_release);
  long value = ::syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  int error = value == -1 ? errno : 0;
  if (s->stage.load(std::memory_order_relaxed) == kInSyscall) {
    s->value = value;
    s->error = error;
    s->stage.store(kReturned, std::memory_order_release);
  }
  child_exit();
}

bool final_stage(std::uint32_t stage) {
  return stage == kInstallFailed || stage == kReturned || stage == kTrapped;
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGSYS:
      return "SIGSYS";
    case SIGKILL:
      return "SIGKILL";
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(sig);
  }
}

void pause_for(long micros) {
  timespec ts{0, micros * 1000};
  ::nanosleep(&ts, nullptr);
}

pid_t reap(pid_t pid, int& status) {
  for (;;) {
    pid_t w = ::waitpid(pid, &status, 0);
    if (w >= 0 || errno != EINTR) return w;
  }
}

KernelOutcome interpret(const Shared& s, bool timed_out, bool died_on_its_own, int status,
                        std::chrono::milliseconds timeout) {
  switch (s.stage.load(std::memory_order_acquire)) {
    case kInstallFailed:
      if (s.install_nnp_failed)
        return NotRun{"prctl(PR_SET_NO_NEW_PRIVS) failed: " + std::string(std::strerror(s.install_error))};
      return NotRun{"installing the program failed: " + describe_install_errno(s.install_error)};
    case kReturned:
      return Returned{s.value, s.error};
    case kTrapped:
      return Trapped{s.trap_data, s.trap_syscall, s.trap_arch};
    case kInSyscall:
      if (timed_out) return NotRun{"the system call did not finish within " + std::to_string(timeout.count()) + " ms"};
      if (died_on_its_own && WIFSIGNALED(status)) return Killed{WTERMSIG(status)};
      if (died_on_its_own && WIFEXITED(status))
        return NotRun{"the process exited with status " + std::to_string(WEXITSTATUS(status)) +
                      " during the call (was the probe exit or exit_group?)"};
      return NotRun{"the process disappeared during the call"};
    default:
      if (timed_out)
        return NotRun{"the child did not install the filter within " + std::to_string(timeout.count()) + " ms"};
      return NotRun{"the child died before installing the filter"};
  }
}

}  // namespace

KernelOutcome run_under_filter(const bpf::Program& program, long nr, std::array<std::uint64_t, 6> args,
                               ProbeOptions options) {
  try {
    std::vector<sock_filter> insns(program.size());
    if (!program.empty()) std::memcpy(insns.data(), program.data(), program.size() * sizeof(sock_filter));
    sock_fprog fprog{};
    // A length that does not fit the 16-bit field is clamped; the kernel refuses > 4096 anyway.
    fprog.len = static_cast<unsigned short>(program.size() > 0xffff ? 0xffff : program.size());
    fprog.filter = insns.data();

    void* page = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return NotRun{std::string("mmap failed: ") + std::strerror(errno)};
    Shared* shared = new (page) Shared();

    pid_t pid = ::fork();
    if (pid < 0) {
      int error = errno;
      ::munmap(page, sizeof(Shared));
      return NotRun{std::string("fork failed: ") + std::strerror(error)};
    }
    if (pid == 0) run_child(shared, &fprog, nr, args);

    auto deadline = std::chrono::steady_clock::now() + options.timeout;
    int status = 0;
    bool died_on_its_own = false;
    bool timed_out = false;
    long sleep_us = 20;
    for (;;) {
      pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) {
        died_on_its_own = true;
        break;
      }
      if (final_stage(shared->stage.load(std::memory_order_acquire))) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        break;
      }
      pause_for(sleep_us);
      if (sleep_us < 2000) sleep_us *= 2;
    }
    if (!died_on_its_own) {
      ::kill(pid, SIGKILL);
      reap(pid, status);
    }
    KernelOutcome outcome = interpret(*shared, timed_out, died_on_its_own, status, options.timeout);
    shared->~Shared();
    ::munmap(page, sizeof(Shared));
    return outcome;
  } catch (const std::exception& e) {
    return NotRun{std::string("the probe failed: ") + e.what()};
  }
}

bool consistent_with(const KernelOutcome& outcome, Action expected) {
  const auto* returned = std::get_if<Returned>(&outcome);
  switch (expected.kind) {
    case ActionKind::Allow:
    case ActionKind::Log:
      return returned != nullptr;
    case ActionKind::Errno: {
      if (returned == nullptr) return false;
      int want = expected.data > 4095 ? 4095 : expected.data;  // the kernel caps at MAX_ERRNO
      if (want == 0) return returned->value == 0;
      return returned->value == -1 && returned->error == want;
    }
    case ActionKind::KillThread:
    case ActionKind::KillProcess: {
      const auto* killed = std::get_if<Killed>(&outcome);
      return killed != nullptr && killed->signal == SIGSYS;
    }
    case ActionKind::Trap: {
      const auto* trapped = std::get_if<Trapped>(&outcome);
      return trapped != nullptr && trapped->data == expected.data;
    }
    case ActionKind::Trace:
    case ActionKind::UserNotif:
      return returned != nullptr && returned->value == -1 && returned->error == ENOSYS;
  }
  return false;
}

std::string to_string(const KernelOutcome& outcome) {
  if (const auto* r = std::get_if<Returned>(&outcome))
    return "returned " + std::to_string(r->value) + " (errno " + std::to_string(r->error) + ")";
  if (const auto* k = std::get_if<Killed>(&outcome)) return "killed by " + signal_name(k->signal);
  if (const auto* t = std::get_if<Trapped>(&outcome))
    return "trapped (data " + std::to_string(t->data) + ", syscall " + std::to_string(t->syscall) + ")";
  return "not run: " + std::get<NotRun>(outcome).reason;
}

}  // namespace secco::runtime
