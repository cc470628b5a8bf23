// `secco test POLICY CASES...` as CI runs it (cli.md): the exact failure lines
// `CASES:LINE: SYSCALL(...) expected A, got B`, the final `N passed, M failed`, exit 0 / 1;
// malformed case files reported with line:column and exit 1; the arch= and ip= options; constant
// names as arguments; several case files; compile options; policies that do not compile.
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "lib/test_support.h"

namespace st = secco::testing;

namespace {

struct Files {
  std::string dir;
  std::string policy;
};

// A policy exercising arguments, constants, a foreign architecture and custom actions.
Files make_policy(const std::string& tag) {
  Files f;
  f.dir = st::temp_dir(tag);
  f.policy = f.dir + "/policy.secco";
  st::write_file(f.policy,
                 "DEFAULT_POLICY = EPERM\n"
                 "read: arg0 == 0\n"
                 "openat: argL0 == AT_FDCWD && (argL2 & O_ACCMODE) == O_RDONLY; return EACCES\n"
                 "socket: in(arg0, AF_UNIX, AF_INET)\n"
                 "ptrace: return kill_process\n"
                 "getpid: return trap(3)\n");
  return f;
}

std::string write_cases(const Files& f, const std::string& name, const std::string& text) {
  std::string path = f.dir + "/" + name;
  st::write_file(path, text);
  return path;
}

}  // namespace

TEST_CASE("secco test: every case passes") {
  Files f = make_policy("cases-pass");
  std::string cases = write_cases(f, "ok.cases",
                                  "# every spelling of an action, comments and blank lines\n"
                                  "\n"
                                  "read(0) => allow\n"
                                  "read(1, 2, 3) => kill            # negative default\n"
                                  "read(0x0) => ALLOW\n"
                                  "write() => EPERM\n"
                                  "write(1) => errno(1)\n"
                                  "write(1) => 1\n"
                                  "ptrace(0) => kill_process\n"
                                  "getpid() => trap(3)\n"
                                  "  0(7) => kill_thread   \n");  // read by number
  st::RunResult r = st::run_secco({"test", f.policy, cases});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out == "9 passed, 0 failed\n");
  CHECK(r.err.empty());
}

TEST_CASE("secco test: failures are listed with file and line, and exit 1") {
  Files f = make_policy("cases-fail");
  std::string cases = write_cases(f, "bad.cases",
                                  "read(0) => allow\n"
                                  "read(1) => allow\n"
                                  "# a comment\n"
                                  "write(1, 2) => EACCES\n"
                                  "getpid() => trap(4)\n");
  st::RunResult r = st::run_secco({"test", f.policy, cases});
  CHECK(r.exit_code == 1);
  CHECK(r.out == cases + ":2: read(1) expected allow, got kill_thread\n" +           //
                     cases + ":4: write(1, 2) expected errno(13), got errno(1)\n" +  //
                     cases + ":5: getpid() expected trap(4), got trap(3)\n" +        //
                     "1 passed, 3 failed\n");
}

TEST_CASE("secco test: constant names as arguments") {
  Files f = make_policy("cases-const");
  std::string cases = write_cases(f, "const.cases",
                                  "openat(AT_FDCWD, 0, O_RDONLY) => allow\n"
                                  "openat(AT_FDCWD, 0, O_WRONLY) => EACCES\n"
                                  "openat(AT_FDCWD, 0, O_RDONLY | O_CLOEXEC) => allow\n"  // not an expression
                                  "openat(3, 0, O_RDONLY) => EACCES\n"
                                  "socket(AF_INET, SOCK_STREAM) => allow\n"
                                  "socket(AF_INET6) => kill\n");
  st::RunResult r = st::run_secco({"test", f.policy, cases});
  // Arguments are single numbers or names: `O_RDONLY | O_CLOEXEC` is reported, nothing runs.
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(cases + ":3:21: error: 'O_RDONLY | O_CLOEXEC' is not a number or a known constant") !=
        std::string::npos);

  st::write_file(cases,
                 "openat(AT_FDCWD, 0, O_RDONLY) => allow\n"
                 "openat(AT_FDCWD, 0, O_WRONLY) => EACCES\n"
                 "openat(3, 0, O_RDONLY) => EACCES\n"
                 "socket(AF_INET, SOCK_STREAM) => allow\n"
                 "socket(AF_INET6) => kill\n");
  r = st::run_secco({"test", f.policy, cases});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out == "5 passed, 0 failed\n");
}

TEST_CASE("secco test: arch= and ip= options") {
  Files f = make_policy("cases-arch");
  std::string cases = write_cases(f, "arch.cases",
                                  "read(0) arch=x86_64 => allow\n"
                                  "read(0) arch=i386 => kill\n"        // a foreign architecture
                                  "read(0) arch=0x40000003 => kill\n"  // AUDIT_ARCH_I386 by value
                                  "read(0) ip=0x7fff1234 => allow\n"   // the policy ignores ip
                                  "read(0) arch=x86_64 ip=4096 => allow\n");
  st::RunResult r = st::run_secco({"test", f.policy, cases});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out == "5 passed, 0 failed\n");

  // --on-bad-arch changes what the foreign-architecture cases get.
  r = st::run_secco({"test", "--on-bad-arch", "trap(1)", f.policy, cases});
  CHECK(r.exit_code == 1);
  CHECK(r.out == cases + ":2: read(0) expected kill_thread, got trap(1)\n" + cases +
                     ":3: read(0) expected kill_thread, got trap(1)\n" + "3 passed, 2 failed\n");
}

TEST_CASE("secco test: malformed case files are reported with line and column") {
  Files f = make_policy("cases-malformed");
  std::string cases = write_cases(f, "broken.cases",
                                  "read(0) => allow\n"
                                  "read(0 => allow\n"
                                  "reed(0) => allow\n"
                                  "read(zero) => allow\n"
                                  "read(0) => frobnicate\n"
                                  "read(0) arch=vax => allow\n"
                                  "read(0) ip=x => allow\n"
                                  "read(0) speed=9 => allow\n"
                                  "read(1, 2, 3, 4, 5, 6, 7) => allow\n"
                                  "read(0)\n");
  st::RunResult r = st::run_secco({"test", f.policy, cases});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());  // nothing runs when a case file is malformed
  for (const std::string& expected : {
           cases + ":2:1: error: expected 'SYSCALL(ARG, ...) => ACTION'",
           cases + ":3:1: error: unknown system call 'reed'",
           cases + ":4:6: error: 'zero' is not a number or a known constant",
           cases + ":5:12: error: 'frobnicate' is not an action",
           cases + ":6:14: error: unknown architecture 'vax'",
           cases + ":7:12: error: 'x' is not a number or a known constant",
           cases + ":8:9: error: expected 'SYSCALL(ARG, ...) => ACTION'",
           cases + ":9:24: error: a system call has at most 6 arguments",
           cases + ":10:1: error: expected 'SYSCALL(ARG, ...) => ACTION'",
       }) {
    CHECK_MESSAGE(r.err.find(expected) != std::string::npos, expected << "\nnot in:\n" << r.err);
  }
  CHECK(r.err.find(cases + ":1:") == std::string::npos);
  // Each diagnostic shows the line and a caret.
  CHECK(r.err.find("  reed(0) => allow\n  ^") != std::string::npos);
}

TEST_CASE("secco test: several case files, counted together") {
  Files f = make_policy("cases-multi");
  std::string a = write_cases(f, "a.cases", "read(0) => allow\nwrite() => allow\n");
  std::string b = write_cases(f, "b.cases", "ptrace() => kill_process\nread(5) => kill\n");
  st::RunResult r = st::run_secco({"test", f.policy, a, b});
  CHECK(r.exit_code == 1);
  CHECK(r.out == a + ":2: write() expected allow, got errno(1)\n3 passed, 1 failed\n");
  // Cases from standard input.
  r = st::run_secco({"test", f.policy, "-"}, "read(0) => allow\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1 passed, 0 failed\n");
  // An empty case file passes trivially.
  std::string empty = write_cases(f, "empty.cases", "# nothing yet\n");
  r = st::run_secco({"test", f.policy, empty});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 passed, 0 failed\n");
}

TEST_CASE("secco test: a policy that does not compile, or a missing file, is exit 1; usage errors exit 2") {
  Files f = make_policy("cases-errors");
  std::string cases = write_cases(f, "ok.cases", "read(0) => allow\n");
  std::string bad = f.dir + "/bad.secco";
  st::write_file(bad, "read: arg0 ==\n");
  st::RunResult r = st::run_secco({"test", bad, cases});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(bad + ":1:") != std::string::npos);

  r = st::run_secco({"test", f.policy, f.dir + "/missing.cases"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("missing.cases") != std::string::npos);

  r = st::run_secco({"test", f.policy});  // no CASES
  CHECK(r.exit_code == 2);
  r = st::run_secco({"test", "--arch", "vax", f.policy, cases});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown architecture 'vax'") != std::string::npos);
}
