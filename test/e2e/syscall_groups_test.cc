// Named system call groups (spec §10): expansion to the members the target has, explicit rules
// winning over groups, conflicts between groups, unknown groups; decisions checked in the emulator
// and in the kernel (a forked child installs the filter and makes the system calls); and the
// `secco syscalls` resolver.
#include <doctest/doctest.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <sstream>
#include <string>

#include "api/compilation.h"
#include "e2e/policy_harness.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "runtime/install.h"
#include "target/syscall_groups.h"
#include "target/target.h"

namespace {

using secco::testing::run_secco;

using Result = secco::testing::CompileOutcome;

Result compile(const std::string& policy) {
  return secco::testing::compile_policy(policy, {}, "g.secco");
}

std::string decide(const secco::bpf::Program& p, const char* syscall) {
  return secco::testing::decide_x86_64(p, syscall);
}

TEST_CASE("the group data is systemd 252's") {
  auto names = secco::syscall_group_names();
  CHECK(names.size() == 29);
  auto fs = secco::expand_syscall_group("@file-system");
  REQUIRE(fs);
  for (const char* m : {"openat", "mkdir", "newfstatat", "getcwd", "inotify_add_watch"})
    CHECK(std::find(fs->begin(), fs->end(), m) != fs->end());
  CHECK(std::find(fs->begin(), fs->end(), "socket") == fs->end());
  // Nested groups are expanded: @system-service includes @network-io's socket.
  auto service = secco::expand_syscall_group("@system-service");
  REQUIRE(service);
  CHECK(std::find(service->begin(), service->end(), "socket") != service->end());
  CHECK_FALSE(secco::expand_syscall_group("@nope"));
}

TEST_CASE("a group rule stands for one rule per member; an explicit rule wins") {
  Result r = compile("DEFAULT_POLICY = errno(38)\n@file-system: 1\n@privileged[+log]: 1\nmkdir: return EPERM\n");
  REQUIRE_MESSAGE(r.program, r.text);
  CHECK(r.text.empty());
  CHECK(decide(*r.program, "openat") == "allow");
  CHECK(decide(*r.program, "getcwd") == "allow");
  CHECK(decide(*r.program, "mkdir") == "errno(1)");    // the explicit rule, not the group's
  CHECK(decide(*r.program, "reboot") == "log");        // @privileged includes @reboot
  CHECK(decide(*r.program, "socket") == "errno(38)");  // in no group of the policy
  // Two groups giving a shared member the same rule agree.
  CHECK(compile("@file-system: 1\n@system-service: 1\n").program);
}

TEST_CASE("conflicting groups and unknown groups are errors") {
  Result r = compile("@file-system: 1\n@system-service: return EPERM\n");
  CHECK_FALSE(r.program);
  CHECK(r.text.find("g.secco:2:1: error: '@system-service' and '@file-system' both cover '") == 0);
  CHECK(r.text.find("with different rules; give '") != std::string::npos);
  CHECK(r.text.find("g.secco:1:1: note: the rule for '@file-system' is here") != std::string::npos);
  // An explicit rule for the shared members settles the conflict only for them; one error per pair.
  CHECK(std::count(r.text.begin(), r.text.end(), '\n') == 6);

  r = compile("@file-sytem: 1\n");
  CHECK(r.text ==
        "g.secco:1:1: error: unknown system call group '@file-sytem'; did you mean '@file-system'?\n"
        "  @file-sytem: 1\n"
        "  ^~~~~~~~~~~\n"
        "  @file-system\n");
  CHECK(compile("@: 1\n").text.find("error") != std::string::npos);
}

TEST_CASE("a group policy in the kernel") {
  // sigaltstack: a sanitizer build calls it before _exit.
  Result r = compile(
      "DEFAULT_POLICY = errno(38)\nsigaltstack: 1\n@default: 1\n@basic-io: 1\n@file-system: 1\nmkdir: return EPERM\n");
  REQUIRE_MESSAGE(r.program, r.text);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!secco::runtime::install_filter(*r.program)) ::_exit(10);
    if (::syscall(SYS_getcwd, nullptr, 0) == -1 && errno == ENOSYS) ::_exit(11);            // @file-system: allowed
    if (::syscall(SYS_mkdir, "/nonexistent/x", 0700) != -1 || errno != EPERM) ::_exit(12);  // explicit rule
    if (::syscall(SYS_socket, 1, 1, 0) != -1 || errno != ENOSYS) ::_exit(13);               // no group has it here
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("secco syscalls resolves names, numbers and groups") {
  auto r = run_secco({"syscalls", "read", "59", "0x3c"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "read 0\n59 execve\n60 exit\n");
  r = run_secco({"syscalls", "--arch", "i386", "read"});
  CHECK(r.out == "read 3\n");
  r = run_secco({"syscalls", "@aio"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("io_submit 209\n") != std::string::npos);
  r = run_secco({"syscalls", "@"});
  CHECK(r.out.find("@system-service\n") != std::string::npos);
  r = run_secco({"syscalls", "opneat"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "secco: error: unknown system call 'opneat' on x86_64; did you mean 'openat'?\n");
  r = run_secco({"syscalls", "@netwrk-io"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "secco: error: unknown system call group '@netwrk-io'; did you mean '@network-io'?\n");
  r = run_secco({"syscalls"});
  CHECK(r.out.find("0 read\n1 write\n") == 0);
}

}  // namespace
