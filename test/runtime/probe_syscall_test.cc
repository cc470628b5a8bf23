// The secco_probe_syscall helper prints `ret=R errno=E` for one raw system call, unfiltered here;
// tests of `secco run` run it under a policy.
#include <doctest/doctest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filters.h"
#include "lib/test_support.h"

namespace secco::testing {

TEST_CASE("secco_probe_syscall prints the raw result") {
  RunResult r = run_program({SECCO_PROBE_SYSCALL, std::to_string(kUnimplementedNr)});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ret=-1 errno=38\n");

  r = run_program({SECCO_PROBE_SYSCALL, std::to_string(SYS_close), "-1"});
  CHECK(r.out == "ret=-1 errno=9\n");  // EBADF

  r = run_program({SECCO_PROBE_SYSCALL, "0x3e8", "0", "0x10", "010"});  // 1000 in hex; hex and octal arguments
  CHECK(r.out == "ret=-1 errno=38\n");

  r = run_program({SECCO_PROBE_SYSCALL, std::to_string(SYS_getppid)});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("ret=", 0) == 0);
  CHECK(r.out.find(" errno=0\n") != std::string::npos);
}

TEST_CASE("secco_probe_syscall rejects a bad command line") {
  CHECK(run_program({SECCO_PROBE_SYSCALL}).exit_code == 2);
  CHECK(run_program({SECCO_PROBE_SYSCALL, "getppid"}).exit_code == 2);
  CHECK(run_program({SECCO_PROBE_SYSCALL, "39", "1", "2", "3", "4", "5", "6", "7"}).exit_code == 2);
}

}  // namespace secco::testing
