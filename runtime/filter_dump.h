// Reading the seccomp filters installed in another process, as seccomp-tools' `dump` does:
// ptrace(PTRACE_SECCOMP_GET_FILTER) on a seized, interrupted process, then detach. The kernel allows
// it only to a tracer with CAP_SYS_ADMIN that is itself not under seccomp (Linux 4.4 and
// CONFIG_CHECKPOINT_RESTORE); every refusal comes back as a sentence saying which.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "bpf/program.h"

namespace secco::runtime {

struct FilterDump {
  // In the order they were installed: index 0 is the oldest (PTRACE_SECCOMP_GET_FILTER counts
  // from there). The kernel runs them newest first and keeps the strictest result.
  std::vector<bpf::Program> filters;
  int error = 0;        // errno of the failing step, 0 on success
  std::string message;  // empty on success
  bool ok() const { return message.empty(); }
};

FilterDump dump_filters(pid_t pid);

}  // namespace secco::runtime
