// Runs examples/self_sandbox (a program that installs a policy on itself through the library API)
// in both modes and checks what it prints: enforcing, the denied calls fail with the policy's errno
// values; tracing, they run (and are audit-logged by the kernel).
#include <string>

#include "doctest/doctest.h"
#include "lib/test_support.h"
#include "secco/secco.h"

namespace st = secco::testing;

namespace {

bool have_seccomp() {
  secco::KernelInfo info = secco::kernel_info();
  if (!info.filters) MESSAGE("seccomp filters unavailable here, skipping: " << info.problem);
  return info.filters;
}

std::string without_first_line(const std::string& s) {
  return s.substr(s.find('\n') + 1);
}

}  // namespace

TEST_CASE("self_sandbox enforcing: allowed calls work, denied calls get their errno") {
  if (!have_seccomp()) return;
  st::RunResult r = st::run_program({SECCO_SELF_SANDBOX});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out.rfind("policy: ", 0) == 0);
  CHECK(r.out.find(" instructions (secco " SECCO_TEST_VERSION ")\n") != std::string::npos);
  CHECK(without_first_line(r.out) ==
        "emulator: socket(AF_INET) -> errno(1)\n"
        "installed (enforcing)\n"
        "socket(AF_UNIX): allowed\n"
        "socket(AF_INET): errno 1 (Operation not permitted)\n"
        "setuid(getuid()): errno 1 (Operation not permitted)\n"
        "all calls behaved as the policy says\n");
}

TEST_CASE("self_sandbox tracing: nothing is blocked") {
  if (!have_seccomp()) return;
  secco::KernelInfo info = secco::kernel_info();
  if (!info.supports(secco::ActionType::log)) {
    MESSAGE("this kernel has no SECCOMP_RET_LOG, skipping");
    return;
  }
  st::RunResult r = st::run_program({SECCO_SELF_SANDBOX, "--trace"});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(without_first_line(r.out) ==
        "emulator: socket(AF_INET) -> log\n"
        "installed (tracing)\n"
        "socket(AF_UNIX): allowed\n"
        "socket(AF_INET): allowed\n"
        "setuid(getuid()): allowed\n"
        "all calls behaved as the policy says\n");
}
