#include "runtime/filter_dump.h"

#include <linux/filter.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif

namespace secco::runtime {
namespace {

std::string errno_text(int err) {
  return std::string(std::strerror(err));
}

}  // namespace

FilterDump dump_filters(pid_t pid) {
  FilterDump out;
  auto fail = [&](int err, std::string message) {
    out.error = err;
    out.message = std::move(message);
    out.filters.clear();
    return out;
  };
  if (pid <= 0) return fail(ESRCH, "no such process");
  if (::ptrace(PTRACE_SEIZE, pid, nullptr, nullptr) != 0) {
    int err = errno;
    if (err == ESRCH) return fail(err, "no process " + std::to_string(pid));
    return fail(err, "cannot attach to process " + std::to_string(pid) + " with ptrace (" + errno_text(err) +
                         "): reading its filters needs CAP_SYS_ADMIN and ptrace access to it");
  }
  int status = 0;
  if (::ptrace(PTRACE_INTERRUPT, pid, nullptr, nullptr) != 0 || ::waitpid(pid, &status, __WALL) != pid) {
    int err = errno;
    ::ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
    return fail(err, "cannot stop process " + std::to_string(pid) + " (" + errno_text(err) + ")");
  }
  for (unsigned long index = 0;; ++index) {
    long n = ::ptrace(static_cast<__ptrace_request>(PTRACE_SECCOMP_GET_FILTER), pid, reinterpret_cast<void*>(index),
                      nullptr);
    if (n < 0) {
      int err = errno;
      if (err == ENOENT) break;                // past the oldest filter
      if (err == EINVAL && index == 0) break;  // not in filter mode: no filters
      std::string why;
      if (err == EACCES)
        why =
            "the kernel refused PTRACE_SECCOMP_GET_FILTER (EACCES): it needs CAP_SYS_ADMIN, and secco must not "
            "itself run under seccomp";
      else if (err == EIO || err == EINVAL)
        why = "the kernel does not support PTRACE_SECCOMP_GET_FILTER (" + errno_text(err) +
              "; Linux 4.4 with CONFIG_CHECKPOINT_RESTORE)";
      else if (err == EMEDIUMTYPE)
        why = "filter " + std::to_string(index) + " is an eBPF filter, which cannot be read back";
      else
        why = "PTRACE_SECCOMP_GET_FILTER failed (" + errno_text(err) + ")";
      ::ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
      return fail(err, why);
    }
    bpf::Program prog(static_cast<std::size_t>(n));
    long m = ::ptrace(static_cast<__ptrace_request>(PTRACE_SECCOMP_GET_FILTER), pid, reinterpret_cast<void*>(index),
                      prog.data());
    if (m != n) {
      int err = errno;
      ::ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
      return fail(err, "reading filter " + std::to_string(index) + " failed (" + errno_text(err) + ")");
    }
    out.filters.push_back(std::move(prog));
  }
  ::ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
  return out;
}

}  // namespace secco::runtime
