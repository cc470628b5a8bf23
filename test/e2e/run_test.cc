// `secco run POLICY -- COMMAND` for real: the filter goes into the kernel and the command runs under
// it. The command is secco_probe_syscall (test/helpers), which performs one raw system call and
// prints `ret=R errno=E`, so the test sees from outside what the filter did: the errno of an errno
// rule, the SIGSYS death of kill and trap (secco run execs, so the process it started is the one
// that dies), and allowed calls running. Most policies are deny lists (DEFAULT_POLICY = allow):
// the dynamic loader and libc then start the helper with whatever calls they need.
//
// Every case runs in a child process; the test process itself never gets a filter. Core dumps of
// the provoked SIGSYS deaths are switched off through `sh -c 'ulimit -c 0; exec ...'` (the shell
// execs, so the exit status is still that of secco run's process).
#include <signal.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "lib/test_support.h"
#include "secco/secco.h"

namespace st = secco::testing;

namespace {

// x86_64 system call numbers of the probes (the helper takes numbers).
constexpr int kSchedYield = 24;
constexpr int kGetpid = 39;
constexpr int kGetppid = 110;
constexpr int kGetpriority = 140;
constexpr int kAcct = 163;
constexpr int kUnimplemented = 1000;

bool have_seccomp() {
  static const secco::KernelInfo info = secco::kernel_info();
  if (!info.filters) MESSAGE("seccomp filters unavailable here, skipping: " << info.problem);
  return info.filters;
}

std::string write_policy(const std::string& text) {
  std::string dir = st::temp_dir("run");
  std::string path = dir + "/policy.secco";
  st::write_file(path, text);
  return path;
}

// secco run [flags] POLICY -- COMMAND..., without core dumps.
st::RunResult secco_run(const std::vector<std::string>& flags, const std::string& policy,
                        const std::vector<std::string>& command) {
  const char* bin = std::getenv("SECCO_BIN");
  std::vector<std::string> argv{"/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh", bin ? bin : "secco", "run"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.push_back(policy);
  argv.push_back("--");
  argv.insert(argv.end(), command.begin(), command.end());
  return st::run_program(argv);
}

st::RunResult probe(const std::string& policy, std::vector<std::string> call, std::vector<std::string> flags = {}) {
  call.insert(call.begin(), SECCO_PROBE_SYSCALL);
  return secco_run(flags, policy, call);
}

const char kDenyList[] =
    "DEFAULT_POLICY = allow\n"
    "getppid: return EACCES\n"
    "getpriority[+EPERM, -allow]: arg0 == 7\n"
    "sched_yield: return kill\n"
    "getpid: return trap(5)\n"
    "acct: return kill_process\n";

}  // namespace

TEST_CASE("secco run: an errno rule gives the command that errno") {
  if (!have_seccomp()) return;
  std::string policy = write_policy(kDenyList);
  st::RunResult r = probe(policy, {std::to_string(kGetppid)});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "ret=-1 errno=13\n");
  // A condition on an argument: the positive action only when it holds.
  r = probe(policy, {std::to_string(kGetpriority), "7", "0"});
  CHECK(r.out == "ret=-1 errno=1\n");
  r = probe(policy, {std::to_string(kGetpriority), "0", "0"});  // getpriority(PRIO_PROCESS, self)
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("ret=", 0) == 0);
  CHECK(r.out.find("errno=0\n") != std::string::npos);
}

TEST_CASE("secco run: calls the policy allows run normally") {
  if (!have_seccomp()) return;
  std::string policy = write_policy(kDenyList);
  st::RunResult r = probe(policy, {std::to_string(kUnimplemented)});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "ret=-1 errno=38\n");  // ENOSYS from the kernel: the call got through
  // The command's own exit status comes back unchanged (secco run execs it). The shell calls
  // getpid, which kDenyList traps, so it gets a policy of its own.
  r = secco_run({}, write_policy("DEFAULT_POLICY = allow\ngetppid: return EACCES\n"), {"/bin/sh", "-c", "exit 3"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.empty());
}

TEST_CASE("secco run: kill and kill_process end the command with SIGSYS") {
  if (!have_seccomp()) return;
  std::string policy = write_policy(kDenyList);
  st::RunResult r = probe(policy, {std::to_string(kSchedYield)});
  CHECK(r.exit_code == -1);
  CHECK(r.signal == SIGSYS);
  CHECK(r.out.empty());
  r = probe(policy, {std::to_string(kAcct)});
  CHECK(r.signal == SIGSYS);
  CHECK(r.out.empty());
}

TEST_CASE("secco run: trap delivers SIGSYS, which ends a command without a handler") {
  if (!have_seccomp()) return;
  std::string policy = write_policy(kDenyList);
  st::RunResult r = probe(policy, {std::to_string(kGetpid)});
  CHECK(r.exit_code == -1);
  CHECK(r.signal == SIGSYS);
  CHECK(r.out.empty());
}

TEST_CASE("secco run: an allow list with an errno default starts the command and denies the rest") {
  if (!have_seccomp()) return;
  // What the loader and libc need to start a dynamically linked program, and write its output.
  std::string policy = write_policy(
      "DEFAULT_POLICY = EPERM\n"
      "execve: 1\nbrk: 1\nmmap: 1\nmprotect: 1\nmunmap: 1\nopenat: 1\nopen: 1\nread: 1\npread64: 1\n"
      "write: 1\nclose: 1\nfstat: 1\nnewfstatat: 1\nstat: 1\naccess: 1\nfaccessat: 1\narch_prctl: 1\n"
      "set_tid_address: 1\nset_robust_list: 1\nrseq: 1\nprlimit64: 1\ngetrandom: 1\nexit_group: 1\n"
      "exit: 1\nfutex: 1\nrt_sigaction: 1\nrt_sigprocmask: 1\nrt_sigreturn: 1\n"
      "getpid: 1\n");
  st::RunResult r = probe(policy, {std::to_string(kGetpid)});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.rfind("ret=", 0) == 0);
  CHECK(r.out.find("errno=0\n") != std::string::npos);
  r = probe(policy, {std::to_string(kGetppid)});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ret=-1 errno=1\n");
}

TEST_CASE("secco run: compile options apply to the installed program") {
  if (!have_seccomp()) return;
  std::string policy = write_policy("getppid: return EACCES\n");  // no DEFAULT_POLICY line
  st::RunResult r = probe(policy, {std::to_string(kGetppid)}, {"--default-policy", "allow"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "ret=-1 errno=13\n");
  r = probe(policy, {std::to_string(kUnimplemented)}, {"--default-policy", "allow"});
  CHECK(r.out == "ret=-1 errno=38\n");
}

TEST_CASE("secco run: a policy that does not compile gives exit 1 and runs nothing") {
  std::string policy = write_policy("DEFAULT_POLICY = allow\nreed: 1\n");
  std::string marker = st::temp_dir("run-marker") + "/ran";
  st::RunResult r = secco_run({}, policy, {"/bin/sh", "-c", "echo ran; touch " + marker});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("policy.secco:2:1: error: unknown system call 'reed'") != std::string::npos);
  struct stat sb {};
  CHECK(::stat(marker.c_str(), &sb) != 0);
  // A policy file that cannot be read, likewise.
  r = secco_run({}, "/nonexistent/policy.secco", {"/bin/sh", "-c", "echo ran"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("/nonexistent/policy.secco") != std::string::npos);
}

TEST_CASE("secco run: a missing command is a clear error") {
  if (!have_seccomp()) return;
  std::string policy = write_policy("DEFAULT_POLICY = allow\n");
  st::RunResult r = secco_run({}, policy, {"/nonexistent/command", "arg"});
  CHECK(r.exit_code == 127);
  CHECK(r.err.find("cannot execute '/nonexistent/command'") != std::string::npos);
  CHECK(r.err.find("No such file or directory") != std::string::npos);
  // No command at all is a command-line error.
  st::RunResult usage = st::run_secco({"run", policy});
  CHECK(usage.exit_code == 2);
  CHECK_FALSE(usage.err.empty());
}
