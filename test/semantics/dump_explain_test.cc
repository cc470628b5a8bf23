// `secco dump -f explain`: the filter of a running process read back from the kernel and
// decompiled into policy text (needs root and seccomp filters: skipped without them).
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <doctest/doctest.h>

#include "bpf/raw.h"
#include "lib/test_support.h"
#include "runtime/install.h"

using namespace secco::testing;
namespace rt = secco::runtime;

TEST_CASE("secco dump -f explain decompiles the filter of a running process") {
  if (!rt::probe_kernel().filter_mode || ::geteuid() != 0) {
    MESSAGE("seccomp filters or root unavailable here, skipping");
    return;
  }
  std::string dir = temp_dir("dump-explain");
  write_file(dir + "/p.secco", "DEFAULT_POLICY = allow\nmount: return EPERM\nsethostname: argL1 > 64\n");
  RunResult c = run_secco({"compile", "--on-bad-arch", "kill_process", "-o", dir + "/p.bpf", dir + "/p.secco"});
  REQUIRE_MESSAGE(c.exit_code == 0, c.err);
  std::string error;
  auto prog = secco::bpf::load_raw(read_file(dir + "/p.bpf"), error);
  REQUIRE(prog);

  int ready[2], go[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(go) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(ready[0]);
    ::close(go[1]);
    ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    if (!rt::install_filter(*prog).ok()) ::_exit(2);
    char ch = 'r';
    if (::write(ready[1], &ch, 1) != 1) ::_exit(4);
    while (::read(go[0], &ch, 1) > 0) {
    }
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(go[0]);
  char ch = 0;
  bool started = ::read(ready[0], &ch, 1) == 1;
  ::close(ready[0]);
  RunResult d;
  if (started) d = run_secco({"dump", "-f", "explain", std::to_string(pid)});
  ::close(go[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(started);
  REQUIRE_MESSAGE(d.exit_code == 0, d.err);
  CHECK(d.out.find("decompiled by secco explain for x86_64") != std::string::npos);
  CHECK(d.out.find("--on-bad-arch=kill_process") != std::string::npos);
  CHECK(d.out.find("\nDEFAULT_POLICY = allow\n") != std::string::npos);
  CHECK(d.out.find("\nmount: return errno(1)\n") != std::string::npos);
  CHECK_MESSAGE(d.out.find("\nsethostname: ") != std::string::npos, d.out);
  CHECK(d.out.find("; return kill_thread\n") != std::string::npos);
}
