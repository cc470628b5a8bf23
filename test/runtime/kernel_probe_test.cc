// run_under_filter in the real kernel: each action is observed as the kernel really applies it,
// arguments are compared on all 64 bits, the kernel's length limit holds, and nothing can hang.
#include <doctest/doctest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ctime>

#include "filters.h"
#include "runtime/kernel_probe.h"

namespace secco::runtime {
namespace {

using testing::kNativeArch;
using testing::kUnimplementedNr;

const Returned* returned(const KernelOutcome& o) {
  return std::get_if<Returned>(&o);
}

}  // namespace

TEST_CASE("an allowed call really runs") {
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, Action::errno_(EPERM)), SYS_getpid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->value > 0);
  CHECK(consistent_with(o, Action::allow()));

  o = run_under_filter(testing::on_syscall(SYS_getpid, Action::errno_(EPERM)), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->value == ::getpid());  // the child's parent is this process
}

TEST_CASE("errno is seen as a failed call with that errno") {
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, Action::errno_(EPERM)), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->value == -1);
  CHECK(returned(o)->error == EPERM);
  CHECK(consistent_with(o, Action::errno_(EPERM)));
  CHECK_FALSE(consistent_with(o, Action::errno_(EACCES)));
  CHECK_FALSE(consistent_with(o, Action::kill_thread()));
  CHECK(to_string(o) == "returned -1 (errno 1)");
}

TEST_CASE("errno(0) makes the call return 0 and large values are capped at 4095") {
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, Action::errno_(0)), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->value == 0);
  CHECK(consistent_with(o, Action::errno_(0)));

  o = run_under_filter(testing::on_syscall(SYS_getppid, Action::errno_(5000)), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->error == 4095);
  CHECK(consistent_with(o, Action::errno_(5000)));
}

TEST_CASE("kill_thread and kill_process end the process with SIGSYS") {
  for (Action kill : {Action::kill_thread(), Action::kill_process()}) {
    CAPTURE(kill.to_string());
    KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, kill), SYS_getppid);
    INFO(to_string(o));
    REQUIRE(std::holds_alternative<Killed>(o));
    CHECK(std::get<Killed>(o).signal == SIGSYS);
    CHECK(consistent_with(o, Action::kill_thread()));
    CHECK(consistent_with(o, Action::kill_process()));
    CHECK_FALSE(consistent_with(o, Action::allow()));
  }
}

TEST_CASE("trap delivers SIGSYS with the data, the call number and the architecture") {
  Action trap{ActionKind::Trap, 1234};
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, trap), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(std::holds_alternative<Trapped>(o));
  const Trapped& t = std::get<Trapped>(o);
  CHECK(t.data == 1234);
  CHECK(t.syscall == SYS_getppid);
  CHECK(t.arch == kNativeArch);
  CHECK(consistent_with(o, trap));
  CHECK_FALSE(consistent_with(o, Action{ActionKind::Trap, 1235}));
  CHECK_FALSE(consistent_with(o, Action::kill_thread()));
}

TEST_CASE("log lets the call run") {
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, Action{ActionKind::Log, 0}), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(returned(o) != nullptr);
  CHECK(returned(o)->value == ::getpid());
  CHECK(consistent_with(o, Action{ActionKind::Log, 0}));
}

TEST_CASE("trace and user_notif without a tracer or listener fail with ENOSYS") {
  for (Action a : {Action{ActionKind::Trace, 9}, Action{ActionKind::UserNotif, 0}}) {
    CAPTURE(a.to_string());
    KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, a), SYS_getppid);
    INFO(to_string(o));
    REQUIRE(returned(o) != nullptr);
    CHECK(returned(o)->value == -1);
    CHECK(returned(o)->error == ENOSYS);
    CHECK(consistent_with(o, a));
  }
}

TEST_CASE("a return value that is no action kills the process") {
  bpf::Program p = testing::arch_check();
  p.push_back(testing::ret_raw(0x12340000U));
  KernelOutcome o = run_under_filter(p, SYS_getppid);
  INFO(to_string(o));
  CHECK(consistent_with(o, Action::kill_process()));
}

TEST_CASE("arguments are compared on all 64 bits") {
  bpf::Program p = testing::on_arg0(kUnimplementedNr, 42, Action::errno_(EACCES));
  auto run = [&](long nr, std::uint64_t arg0) { return run_under_filter(p, nr, {arg0, 0, 0, 0, 0, 0}); };

  KernelOutcome hit = run(kUnimplementedNr, 42);
  INFO(to_string(hit));
  CHECK(consistent_with(hit, Action::errno_(EACCES)));

  KernelOutcome other_value = run(kUnimplementedNr, 43);
  INFO(to_string(other_value));
  REQUIRE(returned(other_value) != nullptr);
  CHECK(returned(other_value)->error == ENOSYS);  // allowed: the kernel has no call 1000

  KernelOutcome high_word = run(kUnimplementedNr, 42 | (std::uint64_t{1} << 32));
  INFO(to_string(high_word));
  REQUIRE(returned(high_word) != nullptr);
  CHECK(returned(high_word)->error == ENOSYS);

  KernelOutcome other_call = run(kUnimplementedNr + 1, 42);
  INFO(to_string(other_call));
  REQUIRE(returned(other_call) != nullptr);
  CHECK(returned(other_call)->error == ENOSYS);
}

TEST_CASE("the kernel takes 4096 instructions and refuses 4097") {
  KernelOutcome o = run_under_filter(testing::of_length(4096, SYS_getppid, Action::errno_(7)), SYS_getppid);
  INFO(to_string(o));
  CHECK(consistent_with(o, Action::errno_(7)));

  o = run_under_filter(testing::of_length(4097, SYS_getppid, Action::errno_(7)), SYS_getppid);
  INFO(to_string(o));
  REQUIRE(std::holds_alternative<NotRun>(o));
  CHECK(std::get<NotRun>(o).reason.find("EINVAL") != std::string::npos);
}

TEST_CASE("a malformed or empty program is reported as not run") {
  bpf::Program bad = testing::arch_check();
  bad.push_back(bpf::jump(bpf::op::JMP | bpf::op::JA, 100, 0, 0));  // jumps past the end
  KernelOutcome o = run_under_filter(bad, SYS_getppid);
  INFO(to_string(o));
  REQUIRE(std::holds_alternative<NotRun>(o));
  CHECK(std::get<NotRun>(o).reason.find("the kernel rejected the filter (EINVAL)") != std::string::npos);
  CHECK_FALSE(consistent_with(o, Action::allow()));

  o = run_under_filter({}, SYS_getppid);
  CHECK(std::holds_alternative<NotRun>(o));
}

TEST_CASE("a call that does not finish is cut off by the timeout") {
  static const timespec ten_seconds{10, 0};
  auto start = std::chrono::steady_clock::now();
  KernelOutcome o = run_under_filter(testing::on_syscall(SYS_getppid, Action::errno_(1)), SYS_nanosleep,
                                     {reinterpret_cast<std::uint64_t>(&ten_seconds), 0, 0, 0, 0, 0},
                                     ProbeOptions{std::chrono::milliseconds(200)});
  INFO(to_string(o));
  REQUIRE(std::holds_alternative<NotRun>(o));
  CHECK(std::get<NotRun>(o).reason.find("did not finish within 200 ms") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("a filter that denies exit and write still reports") {
  // errno for everything: the child cannot write or exit_group; the shared page carries the result.
  bpf::Program p = testing::arch_check();
  p.push_back(testing::ret(Action::errno_(EPERM)));
  KernelOutcome o = run_under_filter(p, SYS_getppid);
  INFO(to_string(o));
  CHECK(consistent_with(o, Action::errno_(EPERM)));

  p.back() = testing::ret(Action{ActionKind::Trap, 3});
  o = run_under_filter(p, SYS_getppid);
  INFO(to_string(o));
  CHECK(consistent_with(o, Action{ActionKind::Trap, 3}));
}

TEST_CASE("consistent_with rejects outcomes of other actions") {
  KernelOutcome ran = Returned{1234, 0};
  KernelOutcome enosys = Returned{-1, ENOSYS};
  KernelOutcome killed = Killed{SIGSYS};
  KernelOutcome killed_other = Killed{SIGSEGV};
  KernelOutcome trapped = Trapped{5, 110, kNativeArch};
  KernelOutcome not_run = NotRun{"x"};
  CHECK(consistent_with(ran, Action::allow()));
  CHECK_FALSE(consistent_with(ran, Action::errno_(1)));
  CHECK_FALSE(consistent_with(ran, Action{ActionKind::Trace, 0}));
  CHECK(consistent_with(enosys, Action{ActionKind::UserNotif, 0}));
  CHECK(consistent_with(enosys, Action::errno_(ENOSYS)));
  CHECK(consistent_with(killed, Action::kill_process()));
  CHECK_FALSE(consistent_with(killed_other, Action::kill_process()));
  CHECK_FALSE(consistent_with(killed, Action{ActionKind::Trap, 0}));
  CHECK(consistent_with(trapped, Action{ActionKind::Trap, 5}));
  CHECK_FALSE(consistent_with(trapped, Action::allow()));
  for (ActionKind k : {ActionKind::KillProcess, ActionKind::KillThread, ActionKind::Trap, ActionKind::Errno,
                       ActionKind::UserNotif, ActionKind::Trace, ActionKind::Log, ActionKind::Allow})
    CHECK_FALSE(consistent_with(not_run, Action{k, 0}));
  CHECK(to_string(killed) == "killed by SIGSYS");
  CHECK(to_string(trapped) == "trapped (data 5, syscall 110)");
  CHECK(to_string(not_run) == "not run: x");
}

}  // namespace secco::runtime
