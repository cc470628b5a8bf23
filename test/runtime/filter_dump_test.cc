// secco::runtime::dump_filters in the real kernel: a child installs known filters and waits; the
// test reads them back with PTRACE_SECCOMP_GET_FILTER and compares them instruction by
// instruction. Reading needs CAP_SYS_ADMIN: the tests that expect success skip without it, and one
// checks the refusal from a process that has dropped to an unprivileged user.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "doctest/doctest.h"
#include "filters.h"
#include "runtime/filter_dump.h"
#include "runtime/install.h"

namespace rt = secco::runtime;
namespace tst = secco::testing;
using secco::Action;

namespace {

bool have_filters() {
  static const bool ok = rt::probe_kernel().filter_mode;
  if (!ok) MESSAGE("seccomp filters unavailable here, skipping");
  return ok;
}

bool is_root() {
  return ::geteuid() == 0;
}

// A child that installs `programs` in order, then waits for the test (reads until EOF). Returns
// its pid and the write end of its pipe; the child exits when the pipe closes.
struct Holder {
  pid_t pid = -1;
  int release = -1;
  ~Holder() {
    if (release >= 0) ::close(release);
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

void hold(Holder& h, const std::vector<secco::bpf::Program>& programs, uid_t become = 0) {
  int ready[2], go[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(go) == 0);
  h.pid = ::fork();
  REQUIRE(h.pid >= 0);
  if (h.pid == 0) {
    ::close(ready[0]);
    ::close(go[1]);
    if (become != 0 && (::setresgid(become, become, become) != 0 || ::setresuid(become, become, become) != 0))
      ::_exit(3);
    ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    for (const auto& p : programs)
      if (!rt::install_filter(p)) ::_exit(2);
    char c = 'r';
    if (::write(ready[1], &c, 1) != 1) ::_exit(4);
    while (::read(go[0], &c, 1) > 0) {
    }
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(go[0]);
  h.release = go[1];
  char c = 0;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::close(ready[0]);
}

}  // namespace

TEST_CASE("dump_filters reads back the installed filters, oldest first, byte for byte") {
  if (!have_filters() || !is_root()) return;
  secco::bpf::Program first = tst::on_syscall(tst::kUnimplementedNr, Action::errno_(5));
  secco::bpf::Program second = tst::on_arg0(tst::kUnimplementedNr, 7, Action::kill_process());
  Holder h;
  hold(h, {first, second});
  rt::FilterDump d = rt::dump_filters(h.pid);
  REQUIRE_MESSAGE(d.ok(), d.message);
  REQUIRE(d.filters.size() == 2);
  CHECK(d.filters[0] == first);  // the kernel counts from the oldest
  CHECK(d.filters[1] == second);
}

TEST_CASE("dump_filters: a process without a filter has none; a missing process is an error") {
  if (!have_filters() || !is_root()) return;
  Holder h;
  hold(h, {});
  rt::FilterDump d = rt::dump_filters(h.pid);
  CHECK_MESSAGE(d.ok(), d.message);
  CHECK(d.filters.empty());
  rt::FilterDump none = rt::dump_filters(0x3ffffff0);
  CHECK(!none.ok());
  CHECK(none.message == "no process 1073741808");
}

TEST_CASE("dump_filters without CAP_SYS_ADMIN says that the capability is needed") {
  if (!have_filters() || !is_root()) return;
  const uid_t nobody = 65534;
  Holder h;
  hold(h, {tst::on_syscall(tst::kUnimplementedNr, Action::errno_(5))}, nobody);
  std::string result = tst::in_child([&] {
    if (::setresgid(nobody, nobody, nobody) != 0 || ::setresuid(nobody, nobody, nobody) != 0) return std::string("?");
    rt::FilterDump d = rt::dump_filters(h.pid);
    return d.ok() ? std::string("ok") : d.message;
  });
  CHECK(result.find("needs CAP_SYS_ADMIN") != std::string::npos);
}
