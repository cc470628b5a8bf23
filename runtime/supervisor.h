// Watching the system calls of a command through a seccomp user-notification listener, without
// blocking any of them: every notification is answered with SECCOMP_USER_NOTIF_FLAG_CONTINUE, so
// the kernel runs the call as if the filter had allowed it (Linux 5.5). `secco run --audit` and
// `secco record` use it with filters made by notify_filter() / notify_everything().
//
// USER_NOTIF was chosen over SECCOMP_RET_LOG because it needs neither root nor the audit log (the
// filter is installed under no_new_privs like any other) and it hands over the calling process's id,
// so that string arguments can be read from it. CONTINUE is not a security boundary (the kernel's
// own warning); here it only observes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "bpf/program.h"
#include "support/seccomp_data.h"

namespace secco::runtime {

// `program` with every return that is neither allow nor log turned into SECCOMP_RET_USER_NOTIF:
// the calls the policy would deny reach the supervisor, the others run untouched. nullopt when the
// program returns a computed value (`ret a`), which cannot be rewritten in place.
std::optional<bpf::Program> notify_filter(const bpf::Program& program);

// A one-instruction filter that notifies every system call.
bpf::Program notify_everything();

struct Notification {
  pid_t pid = 0;  // the calling thread, in secco's pid namespace
  SeccompData data;
};

// Reads a NUL-terminated string (at most `max` bytes) from the calling process while its call is
// suspended; nullopt when the memory cannot be read or the call is gone.
using StringReader = std::function<std::optional<std::string>(std::uint64_t address, std::size_t max)>;

// Answers every notification on `listener` with CONTINUE after calling `observe`, until `child`
// has exited and no notification arrived for a short quiet period, or every process under the
// filter is gone. Returns "" or a sentence when the listener failed.
std::string supervise(int listener, pid_t child,
                      const std::function<void(const Notification&, const StringReader&)>& observe);

}  // namespace secco::runtime
