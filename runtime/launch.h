// Running a command under a filter without secco itself ever running under it.
//
// secco forks; the child installs the filter and immediately calls execve, the only system call it
// makes under the filter. Everything that can fail is done before the fork or reported to the
// parent, which prints it: resolving COMMAND through PATH, checking with the emulator that the
// filter lets exactly this execve through (start_check), installing. A failure after the filter is
// in place (an execve the kernel refuses) travels to the parent through a close-on-exec pipe; when
// the filter denies even that write, a shared page carries it. The parent waits and ends the same
// way the command did (its exit status, or the signal that killed it). See docs/tools.md, `run`.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bpf/program.h"

namespace secco::runtime {

// COMMAND resolved as execvp(3) would: a name with a '/' as it is, otherwise the first executable
// regular file of that name in $PATH (default "/usr/local/bin:/usr/bin:/bin").
struct ResolvedCommand {
  std::string path;  // empty when not found
  int error = 0;     // ENOENT (no such command) or EACCES (found, not executable)
};
ResolvedCommand resolve_command(const std::string& name);

// What the child does between fork and execve.
struct LaunchSpec {
  bpf::Program program;
  std::string path;               // resolved executable
  std::vector<std::string> argv;  // argv[0] included
  // Install with SECCOMP_FILTER_FLAG_NEW_LISTENER and hand the listener to the parent
  // (audit/record); otherwise install_filter() with its defaults.
  bool listener = false;
};

struct Launched {
  pid_t pid = -1;      // the child, which is (or was) the command
  int listener = -1;   // the parent's copy of the notification fd when asked for, else -1
  int report_fd = -1;  // read end of the report pipe, open until finish_launch()
  // Listener mode: the child reads one byte from this descriptor (its number in the child) after
  // installing, so that it execs only once the parent holds the close-on-exec listener. That
  // read is secco's, not the command's: is_own_call() tells it apart.
  int ack_fd = -1;
  // Set when the command never started: the exit code secco should end with (1 install failed,
  // 126 cannot execute, 127 not found) and the sentence to print.
  int exit_code = 0;
  std::string message;
  bool started() const { return message.empty(); }
  // The child's go-ahead read(ack_fd, ...) before its execve, as seen in a notification.
  bool is_own_call(pid_t caller, std::uint32_t nr, std::uint64_t arg0) const;
};

// Forks and starts the command. `argv` pointers are built before the fork, so the execve the child
// makes is exactly the one `precheck` is shown (path, argv and envp addresses included); precheck
// returns an empty string to go on, or the sentence explaining why the command cannot start.
Launched launch(const LaunchSpec& spec,
                const std::function<std::string(const char* path, char* const* argv, char* const* envp)>& precheck);

// Listener mode: after the command exited (or exec'd), reads the rest of the report pipe and closes
// it; returns the sentence for an execve the kernel refused (and sets exit_code), else "".
std::string finish_launch(Launched& launched);

// Waits for `pid` and returns the exit status secco should end with; a command killed by a signal
// makes the caller die of the same signal (core dumps off), as if secco had exec'd it.
int wait_and_mirror(pid_t pid);

// While secco waits: SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 are forwarded to `pid`; SIGINT and SIGQUIT
// are ignored (the terminal sends them to the command too, as system(3) does).
void forward_signals_to(pid_t pid);

}  // namespace secco::runtime
