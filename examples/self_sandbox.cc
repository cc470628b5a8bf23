// self_sandbox: a program that puts itself under a seccomp policy with secco's library API
// (include/secco/secco.h), then shows that what the policy allows still works and what it denies
// fails with the policy's errno.
//
//   self_sandbox            enforce: denied calls fail with EPERM
//   self_sandbox --trace    tracing: denied calls run, and the kernel audit-logs each one
//
// The policy is a deny list (CompileOptions::deny_list): every call runs except those the rules
// name. The calls it probes are harmless either way: creating a socket, and setting the user id to
// the one the process already has. The rules give no action of their own, so the preset decides
// (an action written in the policy, like `return EACCES`, would stay as written in tracing mode too).
// Exit status 0 when every call behaved as expected, 1 otherwise.
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "secco/secco.h"

namespace {

const char kPolicy[] =
    "# No network for this process (local sockets are fine), and no change of user.\n"
    "socket: in(arg0, AF_INET, AF_INET6)\n"
    "setuid: 1\n";

// Runs one call and prints what happened; true when the outcome is `expected_errno` (0: success).
template <typename Call>
bool probe(const char* what, int expected_errno, Call call) {
  errno = 0;
  long ret = call();
  int err = ret < 0 ? errno : 0;
  if (ret >= 0 && std::strncmp(what, "socket", 6) == 0) ::close(static_cast<int>(ret));
  if (err == 0)
    std::printf("%s: allowed\n", what);
  else
    std::printf("%s: errno %d (%s)\n", what, err, std::strerror(err));
  return err == expected_errno;
}

}  // namespace

int main(int argc, char** argv) {
  bool tracing = argc > 1 && std::string(argv[1]) == "--trace";
  secco::Enforcement mode = tracing ? secco::Enforcement::tracing : secco::Enforcement::enforcing;

  // 1. Compile. Errors come back as diagnostics, never as exceptions.
  secco::CompileResult policy =
      secco::compile_string("self_sandbox.secco", kPolicy, secco::CompileOptions::deny_list(mode));
  if (!policy.ok()) {
    std::fputs(policy.diagnostics_text().c_str(), stderr);
    return 1;
  }
  std::printf("policy: %zu instructions (secco %s)\n", policy.program().size(), secco::version());

  // 2. Ask the emulator before trusting the kernel with it.
  auto inet = secco::make_syscall_data("socket", {AF_INET, SOCK_STREAM, 0});
  secco::EmulateResult predicted = secco::emulate(policy.program(), *inet);
  std::printf("emulator: socket(AF_INET) -> %s\n", secco::to_string(predicted.action).c_str());

  // 3. Install: from here on the filter applies to this process and everything it executes.
  secco::InstallResult installed = secco::install(policy.program());
  if (!installed.ok()) {
    std::fprintf(stderr, "self_sandbox: cannot install the filter (%s): %s\n", installed.status.c_str(),
                 installed.message.c_str());
    return 1;
  }
  for (const std::string& w : installed.warnings) std::fprintf(stderr, "self_sandbox: warning: %s\n", w.c_str());
  std::printf("installed (%s)\n", tracing ? "tracing" : "enforcing");
  std::fflush(stdout);

  // 4. Probe.
  bool ok = true;
  ok &= probe("socket(AF_UNIX)", 0, [] { return static_cast<long>(::socket(AF_UNIX, SOCK_STREAM, 0)); });
  ok &= probe("socket(AF_INET)", tracing ? 0 : EPERM,
              [] { return static_cast<long>(::socket(AF_INET, SOCK_STREAM, 0)); });
  ok &= probe("setuid(getuid())", tracing ? 0 : EPERM, [] { return ::syscall(SYS_setuid, ::getuid()); });
  std::printf("%s\n", ok ? "all calls behaved as the policy says" : "UNEXPECTED RESULT");
  return ok ? 0 : 1;
}
