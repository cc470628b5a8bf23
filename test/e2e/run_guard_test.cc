// `secco run` never trips on its own filter, `run --audit` reports what a policy would deny, and
// `secco record` writes a policy the same command then runs under. All in the real kernel: secco
// forks, the child installs the filter and execs, so what is checked here is what a user sees.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "lib/test_support.h"
#include "secco/secco.h"

namespace st = secco::testing;

namespace {

bool have_seccomp() {
  static const secco::KernelInfo info = secco::kernel_info();
  if (!info.filters) MESSAGE("seccomp filters unavailable here, skipping: " << info.problem);
  return info.filters;
}

std::string secco_bin() {
  const char* bin = std::getenv("SECCO_BIN");
  return bin ? bin : "secco";
}

std::string write_policy(const std::string& dir, const std::string& text) {
  std::string path = dir + "/policy.secco";
  st::write_file(path, text);
  return path;
}

// COMMAND... without core dumps, in `dir`.
st::RunResult run_in(const std::string& dir, const std::vector<std::string>& command) {
  std::vector<std::string> argv{"/bin/sh", "-c", "cd \"$1\" && shift && ulimit -c 0 && exec \"$@\"", "sh", dir};
  argv.insert(argv.end(), command.begin(), command.end());
  return st::run_program(argv);
}

// secco ARGS... without core dumps, in `dir`; `prefix` runs it (setpriv ...).
st::RunResult secco_in(const std::string& dir, const std::vector<std::string>& args,
                       std::vector<std::string> prefix = {}) {
  prefix.push_back(secco_bin());
  prefix.insert(prefix.end(), args.begin(), args.end());
  return run_in(dir, prefix);
}

bool exists(const std::string& path) {
  struct stat sb {};
  return ::stat(path.c_str(), &sb) == 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("secco run: a policy that denies execve is refused before anything runs") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_guard");
  std::string policy = write_policy(dir, "DEFAULT_POLICY = allow\nexecve: return kill_process\n");
  st::RunResult r = secco_in(dir, {"run", policy, "/bin/touch", dir + "/ran"});
  CHECK(r.exit_code == 126);
  CHECK(r.signal == 0);
  CHECK(contains(r.err,
                 "secco: error: the policy does not let the command start: execve(\"/bin/touch\", ...) on "
                 "x86_64 gets kill_process"));
  CHECK(!exists(dir + "/ran"));
}

TEST_CASE("secco run: DEFAULT_POLICY = EPERM is refused with the errno named, no crash") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_guard");
  std::string policy = write_policy(dir, "DEFAULT_POLICY = EPERM\n");
  st::RunResult r = secco_in(dir, {"run", policy, "/bin/true"});
  CHECK(r.exit_code == 126);
  CHECK(r.signal == 0);
  CHECK(contains(r.err, "gets errno EPERM"));
  CHECK(!contains(r.err, "Segmentation"));
}

TEST_CASE("secco run: the README's allow list and a deny-all-but-exit policy give clear errors") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_guard");
  std::string readme =
      write_policy(dir,
                   "DEFAULT_POLICY = kill\nread: arg0 == 0\n"
                   "openat: argL0 == AT_FDCWD && (argL2 & O_ACCMODE) == O_RDONLY; return EACCES\nwrite: 1\n");
  st::RunResult r = secco_in(dir, {"run", readme, "--", "/bin/true"});
  CHECK(r.exit_code == 126);  // not 159: nothing of secco ran under the filter
  CHECK(r.signal == 0);
  CHECK(contains(r.err, "gets kill"));
  std::string exit_only = write_policy(dir, "DEFAULT_POLICY = kill_process\nexit: 1\nexit_group: 1\n");
  r = secco_in(dir, {"run", exit_only, "/bin/true"});
  CHECK(r.exit_code == 126);
  CHECK(contains(r.err, "execve(\"/bin/true\", ...) on x86_64 gets kill_process"));
}

TEST_CASE("secco run: a policy that denies write lets the command run and fail on its own") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_guard");
  std::string policy = write_policy(dir, "DEFAULT_POLICY = allow\nwrite: return EPERM\n");
  st::RunResult r = secco_in(dir, {"run", policy, "/bin/echo", "hello"});
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);  // echo's own status: its write failed
  CHECK(r.out.empty());
  // Not found: reported by secco (unfiltered) with 127.
  r = secco_in(dir, {"run", policy, "no-such-command-xyz"});
  CHECK(r.exit_code == 127);
  CHECK(r.err == "secco: error: cannot execute 'no-such-command-xyz': No such file or directory\n");
  // Found but the kernel refuses the exec after the filter is in place (no ELF, no #!): the
  // failure reaches secco even though the filter denies the child's write.
  st::write_file(dir + "/junk", "this is not a program\n");
  ::chmod((dir + "/junk").c_str(), 0755);
  r = secco_in(dir, {"run", policy, "./junk"});
  CHECK(r.exit_code == 126);
  CHECK(r.err == "secco: error: cannot execute './junk': Exec format error\n");
}

TEST_CASE("secco run: everything after POLICY is the command, -- optional") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_guard");
  std::string policy = write_policy(dir, "DEFAULT_POLICY = allow\nmkdir: return EACCES\nmkdirat: return EACCES\n");
  st::RunResult r = secco_in(dir, {"run", policy, "ls", "-d", "/tmp"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "/tmp\n");
  r = secco_in(dir, {"run", "-O1", policy, "--", "sh", "-c", "exit 3"});
  CHECK(r.exit_code == 3);
  r = secco_in(dir, {"run", policy, "mkdir", "newdir"});
  CHECK(r.exit_code == 1);
  CHECK(!exists(dir + "/newdir"));
}

TEST_CASE("secco run --audit: a too-tight policy lists the calls it would deny, and nothing is blocked") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("run_audit");
  std::string policy = write_policy(dir,
                                    "DEFAULT_POLICY = allow\nmkdir: return EACCES\nmkdirat: return EACCES\n"
                                    "getppid: return kill_process\n");
  st::RunResult r = secco_in(dir, {"run", "--audit", policy, "mkdir", "newdir"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(exists(dir + "/newdir"));  // audit never blocks
  bool via_mkdir = contains(r.err, "] mkdir(\"newdir\", 0777) -> would errno EACCES\n");
  bool via_mkdirat = contains(r.err, "] mkdirat(AT_FDCWD, \"newdir\", 0777) -> would errno EACCES\n");
  CHECK_MESSAGE((via_mkdir || via_mkdirat), r.err);
  CHECK(contains(r.err, "secco: audit summary: 1 call the policy would deny:\n"));

  // An allow list missing what the loader needs: every missing call is listed, the command works.
  std::string tight = write_policy(dir, "DEFAULT_POLICY = kill_process\nexit_group: 1\nwrite: 1\n");
  r = secco_in(dir, {"run", "--audit", tight, "/bin/echo", "hi"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "hi\n");
  CHECK(contains(r.err, "] execve(\"/bin/echo\", "));
  CHECK(contains(r.err, "\n  execve  1 call  -> kill_process\n"));
  CHECK(contains(r.err, "\n  mmap  "));
  CHECK(contains(r.err, "O_RDONLY|O_CLOEXEC"));
  CHECK(!contains(r.err, "\n  write  "));  // allowed: not reported
  CHECK(!contains(r.err, "\n  exit_group  "));
}

TEST_CASE("secco record: the recorded policy runs the same command, and its profile compiles") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("record");
  const std::vector<std::string> command = {"sh", "-c", "ls /; cat /etc/hostname"};
  st::RunResult plain = st::run_program({"/bin/sh", "-c", "ls /; cat /etc/hostname"});
  std::vector<std::string> args = {"record", "-o", "p.secco", "--profile-out", "p.prof", "--"};
  args.insert(args.end(), command.begin(), command.end());
  st::RunResult r = secco_in(dir, args);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == plain.out);
  std::string policy = st::read_file(dir + "/p.secco");
  CHECK(contains(policy, "\nDEFAULT_POLICY = kill_process\n"));
  CHECK(contains(policy, "\nexecve: 1"));
  CHECK(contains(policy, "\ngetdents64: 1"));
  CHECK(!contains(policy, "\nmount:"));
  std::string profile = st::read_file(dir + "/p.prof");
  CHECK(contains(profile, "\n59 "));  // execve on x86_64, counted

  args = {"run", "p.secco"};
  args.insert(args.end(), command.begin(), command.end());
  r = secco_in(dir, args);
  CHECK_MESSAGE(r.exit_code == 0, std::string(r.err + policy));
  CHECK(r.signal == 0);
  CHECK(r.out == plain.out);
  r = secco_in(dir, {"compile", "--profile", "p.prof", "-o", "p.bpf", "p.secco"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);

  // A call the recorded command never made is not allowed.
  r = secco_in(dir, {"emulate", "p.secco", "mount"});
  CHECK(r.out == "kill_process\n");
}

TEST_CASE("secco record: ls and a compiler run complete under what they recorded") {
  if (!have_seccomp()) return;
  std::string dir = st::temp_dir("record_more");
  std::vector<std::vector<std::string>> commands = {{"ls", "-l", "/"}};
  if (::access("/usr/bin/cc", X_OK) == 0) {
    st::write_file(dir + "/tiny.c", "int main(void) { return 0; }\n");
    commands.push_back({"cc", "-o", "tiny", "tiny.c"});
  }
  for (const auto& command : commands) {
    std::vector<std::string> args = {"record", "-o", "q.secco"};
    args.insert(args.end(), command.begin(), command.end());
    st::RunResult r = secco_in(dir, args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    args = {"run", "q.secco"};
    args.insert(args.end(), command.begin(), command.end());
    r = secco_in(dir, args);
    CHECK_MESSAGE(r.exit_code == 0, std::string(command[0] + ": " + r.err + st::read_file(dir + "/q.secco")));
    CHECK(r.signal == 0);
  }
}

TEST_CASE("secco run --audit and secco record work unprivileged (no_new_privs, no root)") {
  if (!have_seccomp()) return;
  if (::geteuid() != 0 || ::access("/usr/bin/setpriv", X_OK) != 0) {
    MESSAGE("needs root and setpriv to drop to an unprivileged user, skipping");
    return;
  }
  char tmpl[] = "/tmp/secco-unpriv-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  std::string dir = tmpl;
  ::chmod(dir.c_str(), 0777);
  std::string policy = write_policy(dir, "DEFAULT_POLICY = allow\ngetppid: return EPERM\n");
  const std::vector<std::string> nobody = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  st::RunResult r = secco_in(dir, {"run", "--audit", policy, "sh", "-c", "echo $PPID > /dev/null; id -u"}, nobody);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "65534\n");
  CHECK(contains(r.err, "] getppid() -> would errno EPERM\n"));
  r = secco_in(dir, {"record", "-o", dir + "/p.secco", "id", "-u"}, nobody);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "65534\n");
  r = secco_in(dir, {"run", dir + "/p.secco", "id", "-u"}, nobody);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == "65534\n");
}
