// install_filter and probe_kernel: against a scripted kernel (KernelInterface fakes, safe to run in
// this process since nothing is installed) for every refusal, and against the real kernel in
// forked children for installing, TSYNC, EINVAL and EACCES.
#include <doctest/doctest.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <thread>

#include "filters.h"
#include "lib/test_support.h"
#include "runtime/install.h"

namespace secco::runtime {
namespace {

// A scripted kernel: answers the probes like Linux 6.x unless told otherwise, and records installs.
struct FakeKernel {
  long get_seccomp = 0;              // PR_GET_SECCOMP result
  long null_filter = -EFAULT;        // seccomp(SET_MODE_FILTER, flags, NULL)
  bool has_seccomp_syscall = true;   // false: every seccomp(2) call is ENOSYS
  bool has_action_query = true;      // false: SECCOMP_GET_ACTION_AVAIL is EINVAL
  std::uint32_t missing_action = 1;  // an action value (high bits) reported unavailable; 1 = none
  long install_result = 0;           // seccomp(SET_MODE_FILTER, flags, prog)
  long prctl_install_result = 0;     // prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog)
  long nnp_result = 0;               // prctl(PR_SET_NO_NEW_PRIVS)
  std::string actions_avail_path = "/nonexistent/actions_avail";

  int installs = 0;  // programs passed to seccomp(2) or prctl
  int prctl_installs = 0;
  unsigned last_flags = 0;
  unsigned short last_len = 0;
  bool nnp_set = false;

  KernelInterface interface() {
    KernelInterface k;
    k.actions_avail_path = actions_avail_path;
    k.seccomp = [this](unsigned op, unsigned flags, void* arg) -> long {
      if (!has_seccomp_syscall) return -ENOSYS;
      if (op == SECCOMP_GET_ACTION_AVAIL) {
        if (!has_action_query) return -EINVAL;
        std::uint32_t value = *static_cast<std::uint32_t*>(arg);
        return (value & SECCOMP_RET_ACTION_FULL) == missing_action ? -EOPNOTSUPP : 0;
      }
      if (op != SECCOMP_SET_MODE_FILTER) return -EINVAL;
      if (arg == nullptr) return null_filter;
      ++installs;
      last_flags = flags;
      last_len = static_cast<sock_fprog*>(arg)->len;
      return install_result;
    };
    k.prctl = [this](int option, unsigned long arg2, unsigned long arg3) -> long {
      if (option == PR_GET_SECCOMP) return get_seccomp;
      if (option == PR_SET_NO_NEW_PRIVS) {
        nnp_set = nnp_result == 0;
        return nnp_result;
      }
      if (option == PR_SET_SECCOMP && arg2 == SECCOMP_MODE_FILTER) {
        if (arg3 == 0) return -EFAULT;
        ++installs;
        ++prctl_installs;
        return prctl_install_result;
      }
      return -EINVAL;
    };
    return k;
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bpf::Program errno_on_getppid() {
  return testing::on_syscall(SYS_getppid, Action::errno_(EPERM));
}
// The same for kernels before 4.14, which do not know kill_process.
bpf::Program errno_on_getppid_old() {
  return testing::on_syscall(SYS_getppid, Action::errno_(EPERM), Action::allow(), Action::kill_thread());
}

// Reports, from inside a child, how getppid behaves now: "EPERM", "ran" or "errno N".
std::string getppid_now() {
  long r = ::syscall(SYS_getppid);
  if (r > 0) return "ran";
  return errno == EPERM ? "EPERM" : "errno " + std::to_string(errno);
}

std::string describe(const InstallResult& r) {
  return std::string(status_name(r.status)) + (r.message.empty() ? "" : ": " + r.message);
}

}  // namespace

TEST_CASE("probe_kernel reports this kernel's seccomp support") {
  KernelSupport ks = probe_kernel();
  INFO(ks.problem);
  CHECK(ks.seccomp);
  CHECK((ks.current_mode == 0 || ks.current_mode == 2));
  CHECK(ks.filter_mode);
  CHECK(ks.problem.empty());
  CHECK(ks.seccomp_syscall);
  CHECK(ks.tsync);
  CHECK(ks.log_flag);
  CHECK(ks.action_query);
  CHECK(ks.actions_source == "SECCOMP_GET_ACTION_AVAIL");
  CHECK(ks.supports(ActionKind::Allow));
  CHECK(ks.supports(ActionKind::KillThread));
  CHECK(ks.supports(ActionKind::Errno));
  CHECK(ks.supports(ActionKind::Trap));
  // The kernel's own list agrees with SECCOMP_GET_ACTION_AVAIL.
  std::ifstream in("/proc/sys/kernel/seccomp/actions_avail");
  std::string word;
  while (in >> word) {
    auto kind = action_keyword(word);
    if (kind) CHECK_MESSAGE(ks.supports(*kind), word);
  }
}

TEST_CASE("probe_kernel replays older kernels") {
  SUBCASE("3.5 to 3.16: no seccomp(2), so no TSYNC; actions assumed") {
    FakeKernel fake;
    fake.has_seccomp_syscall = false;
    KernelSupport ks = probe_kernel(fake.interface());
    CHECK(ks.filter_mode);
    CHECK_FALSE(ks.seccomp_syscall);
    CHECK_FALSE(ks.tsync);
    CHECK_FALSE(ks.action_query);
    CHECK(ks.actions_source == "assumed (kernel older than 4.14)");
    CHECK(ks.supports(ActionKind::Errno));
    CHECK(ks.supports(ActionKind::Trace));
    CHECK_FALSE(ks.supports(ActionKind::KillProcess));
    CHECK_FALSE(ks.supports(ActionKind::Log));
    CHECK_FALSE(ks.supports(ActionKind::UserNotif));
  }
  SUBCASE("an actions_avail file is read when the query is missing") {
    FakeKernel fake;
    fake.has_action_query = false;
    std::string dir = testing::temp_dir("actions_avail");
    fake.actions_avail_path = dir + "/actions_avail";
    testing::write_file(fake.actions_avail_path, "kill_process kill trap errno trace log allow\n");
    KernelSupport ks = probe_kernel(fake.interface());
    CHECK(ks.tsync);
    CHECK(ks.actions_source == fake.actions_avail_path);
    CHECK(ks.supports(ActionKind::KillProcess));
    CHECK(ks.supports(ActionKind::KillThread));  // "kill", the 4.14-rc spelling
    CHECK(ks.supports(ActionKind::Log));
    CHECK_FALSE(ks.supports(ActionKind::UserNotif));
  }
  SUBCASE("no CONFIG_SECCOMP") {
    FakeKernel fake;
    fake.get_seccomp = -EINVAL;
    KernelSupport ks = probe_kernel(fake.interface());
    CHECK_FALSE(ks.seccomp);
    CHECK_FALSE(ks.filter_mode);
    CHECK(contains(ks.problem, "CONFIG_SECCOMP"));
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::NoSeccompFilter);
    CHECK(r.message == ks.problem);
    CHECK(fake.installs == 0);
  }
  SUBCASE("no CONFIG_SECCOMP_FILTER") {
    FakeKernel fake;
    fake.null_filter = -EINVAL;
    KernelSupport ks = probe_kernel(fake.interface());
    CHECK(ks.seccomp);
    CHECK_FALSE(ks.filter_mode);
    CHECK(contains(ks.problem, "CONFIG_SECCOMP_FILTER"));
  }
  SUBCASE("an outer sandbox refuses seccomp(2)") {
    FakeKernel fake;
    fake.null_filter = -EPERM;
    KernelSupport ks = probe_kernel(fake.interface());
    CHECK_FALSE(ks.filter_mode);
    CHECK(contains(ks.problem, "EPERM"));
  }
}

TEST_CASE("install_filter refuses what the kernel would not honour, before asking it") {
  FakeKernel fake;
  SUBCASE("empty") {
    InstallResult r = install_filter({}, {}, fake.interface());
    CHECK(r.status == InstallStatus::EmptyProgram);
    CHECK(r.message == "the program is empty; the kernel needs 1 to 4096 instructions");
  }
  SUBCASE("too long") {
    InstallResult r =
        install_filter(testing::of_length(4097, SYS_getppid, Action::errno_(EPERM)), {}, fake.interface());
    CHECK(r.status == InstallStatus::ProgramTooLong);
    CHECK(r.message == "the program has 4097 instructions; the kernel accepts at most 4096");
  }
  SUBCASE("a return value that is no action") {
    bpf::Program p = testing::arch_check();
    p.push_back(testing::ret_raw(0x12340000U));
    InstallResult r = install_filter(p, {}, fake.interface());
    CHECK(r.status == InstallStatus::UnknownAction);
    CHECK(r.message ==
          "instruction 3 returns 0x12340000, which is not a seccomp action; the kernel would treat it as "
          "kill_process");
  }
  SUBCASE("an action the kernel lacks") {
    fake.missing_action = SECCOMP_RET_USER_NOTIF;
    InstallResult r =
        install_filter(testing::on_syscall(SYS_getppid, Action{ActionKind::UserNotif, 0}), {}, fake.interface());
    CHECK(r.status == InstallStatus::UnsupportedAction);
    INFO(r.message);
    CHECK(contains(r.message,
                   "instruction 5 returns the action user_notif, which the running kernel does not "
                   "support"));
    CHECK(contains(r.message, "treat it as a kill"));
    CHECK(contains(r.message, "(it knows: kill_process, kill_thread, trap, errno, trace, log, allow)"));
  }
  CHECK(fake.installs == 0);
  CHECK_FALSE(fake.nnp_set);
}

TEST_CASE("install_filter passes the flags and explains the kernel's answers") {
  FakeKernel fake;
  SUBCASE("success with TSYNC") {
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.ok());
    CHECK(r.tsync_applied);
    CHECK_FALSE(r.used_prctl);
    CHECK(r.warnings.empty());
    CHECK(fake.nnp_set);
    CHECK(fake.last_flags == SECCOMP_FILTER_FLAG_TSYNC);
    CHECK(fake.last_len == errno_on_getppid().size());
  }
  SUBCASE("log flag, no TSYNC, no no_new_privs") {
    InstallOptions o;
    o.tsync = false;
    o.log = true;
    o.set_no_new_privs = false;
    InstallResult r = install_filter(errno_on_getppid(), o, fake.interface());
    CHECK(r.ok());
    CHECK(fake.last_flags == SECCOMP_FILTER_FLAG_LOG);
    CHECK_FALSE(fake.nnp_set);
  }
  SUBCASE("a computed return value is a warning") {
    bpf::Program p = testing::arch_check();
    p.push_back(bpf::stmt(bpf::op::RET | bpf::op::A, 0));
    InstallResult r = install_filter(p, {}, fake.interface());
    CHECK(r.ok());
    REQUIRE(r.warnings.size() == 1);
    CHECK(contains(r.warnings[0], "instruction 3 returns a computed value"));
  }
  SUBCASE("EINVAL") {
    fake.install_result = -EINVAL;
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::Rejected);
    CHECK(r.error == EINVAL);
    CHECK(contains(r.message, "the kernel rejected the filter (EINVAL): the program is malformed"));
  }
  SUBCASE("EACCES") {
    fake.install_result = -EACCES;
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::PermissionDenied);
    CHECK(r.message ==
          "the kernel refused the filter (EACCES): no_new_privs is not set and the caller lacks CAP_SYS_ADMIN");
  }
  SUBCASE("ENOMEM and EPERM") {
    fake.install_result = -ENOMEM;
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::OutOfMemory);
    CHECK(contains(r.message, "32768 instructions"));
    fake.install_result = -EPERM;
    r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::Blocked);
    CHECK(contains(r.message, "outer sandbox"));
  }
  SUBCASE("TSYNC names the thread it could not synchronise") {
    fake.install_result = 4242;
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::TsyncFailed);
    CHECK(r.tsync_thread == 4242);
    CHECK(contains(r.message, "could not synchronise thread 4242"));
  }
  SUBCASE("no_new_privs fails") {
    fake.nnp_result = -EINVAL;
    InstallResult r = install_filter(errno_on_getppid(), {}, fake.interface());
    CHECK(r.status == InstallStatus::NoNewPrivsFailed);
    CHECK(fake.installs == 0);
  }
}

TEST_CASE("without seccomp(2) the filter goes through prctl, and TSYNC is lost") {
  FakeKernel fake;
  fake.has_seccomp_syscall = false;
  SUBCASE("TSYNC wanted: a warning") {
    InstallResult r = install_filter(errno_on_getppid_old(), {}, fake.interface());
    INFO(describe(r));
    CHECK(r.ok());
    CHECK(r.used_prctl);
    CHECK_FALSE(r.tsync_applied);
    REQUIRE(r.warnings.size() == 1);
    CHECK(contains(r.warnings[0], "installed without TSYNC"));
    CHECK(fake.prctl_installs == 1);
  }
  SUBCASE("TSYNC required: refused, nothing installed") {
    InstallOptions o;
    o.require_tsync = true;
    InstallResult r = install_filter(errno_on_getppid_old(), o, fake.interface());
    CHECK(r.status == InstallStatus::TsyncUnavailable);
    CHECK(contains(r.message, "TSYNC was required but cannot be honoured"));
    CHECK(fake.installs == 0);
  }
  SUBCASE("TSYNC not wanted: no warning") {
    InstallOptions o;
    o.tsync = false;
    InstallResult r = install_filter(errno_on_getppid_old(), o, fake.interface());
    CHECK(r.ok());
    CHECK(r.warnings.empty());
  }
  SUBCASE("prctl's refusal is explained too") {
    fake.prctl_install_result = -EINVAL;
    InstallResult r = install_filter(errno_on_getppid_old(), {}, fake.interface());
    CHECK(r.status == InstallStatus::Rejected);
  }
}

// ---- the real kernel, in forked children ----

TEST_CASE("install_filter installs in the real kernel") {
  std::string out = testing::in_child([] {
    InstallResult r = install_filter(errno_on_getppid());
    if (!r) return describe(r);
    return std::string(r.tsync_applied ? "tsync " : "") + std::to_string(testing::seccomp_mode()) + " " +
           getppid_now() + " " + std::to_string(r.warnings.size());
  });
  CHECK(out == "tsync 2 EPERM 0");
}

TEST_CASE("a 4096-instruction program installs; the real prctl fallback works") {
  std::string out = testing::in_child([] {
    InstallResult r = install_filter(testing::of_length(4096, SYS_getppid, Action::errno_(EPERM)));
    return describe(r) + " " + getppid_now();
  });
  CHECK(out == "ok EPERM");

  out = testing::in_child([] {
    KernelInterface k = real_kernel();
    k.seccomp = [](unsigned, unsigned, void*) -> long { return -ENOSYS; };  // a 3.5 .. 3.16 kernel
    InstallResult r = install_filter(errno_on_getppid_old(), {}, k);
    return describe(r) + (r.used_prctl ? " prctl " : " ") + getppid_now();
  });
  CHECK(out == "ok prctl EPERM");
}

TEST_CASE("the real kernel's EINVAL is explained and nothing is installed") {
  std::string out = testing::in_child([] {
    bpf::Program bad = testing::arch_check();
    bad.push_back(bpf::jump(bpf::op::JMP | bpf::op::JA, 100, 0, 0));
    InstallResult r = install_filter(bad);
    return describe(r) + " | errno " + std::to_string(r.error) + " mode " + std::to_string(testing::seccomp_mode());
  });
  INFO(out);
  CHECK(contains(out, "rejected: the kernel rejected the filter (EINVAL): the program is malformed"));
  CHECK(contains(out, "| errno 22 mode 0"));
}

TEST_CASE("without no_new_privs and CAP_SYS_ADMIN the real kernel answers EACCES") {
  std::string out = testing::in_child([] {
    if (::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0) return std::string("skip: no_new_privs already set");
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (::syscall(SYS_capset, &header, data) != 0) return std::string("skip: capset failed");
    InstallOptions o;
    o.set_no_new_privs = false;
    return describe(install_filter(errno_on_getppid(), o));
  });
  if (contains(out, "skip:")) {
    MESSAGE(out);
    return;
  }
  CHECK(out ==
        "permission_denied: the kernel refused the filter (EACCES): no_new_privs is not set and the caller lacks "
        "CAP_SYS_ADMIN");
}

TEST_CASE("TSYNC filters the other threads of the process") {
  std::string out = testing::in_child([] {
    std::atomic<int> phase{0};
    std::string seen;
    std::thread other([&] {
      while (phase.load() == 0) std::this_thread::yield();
      seen = getppid_now();
    });
    InstallOptions o;
    o.require_tsync = true;
    InstallResult r = install_filter(errno_on_getppid(), o);
    phase = 1;
    other.join();
    return describe(r) + " " + seen;
  });
  CHECK(out == "ok EPERM");
}

TEST_CASE("TSYNC failure returns the thread that could not be synchronised") {
  std::string out = testing::in_child([] {
    std::atomic<int> phase{0};
    std::atomic<long> tid{0};
    std::thread other([&] {
      // This thread gets a filter of its own, which the main thread does not have.
      ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
      bpf::Program allow = testing::on_syscall(SYS_getppid, Action::allow());
      sock_fprog fprog{static_cast<unsigned short>(allow.size()), reinterpret_cast<sock_filter*>(allow.data())};
      if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) == 0) tid = ::syscall(SYS_gettid);
      phase = 1;
      while (phase.load() == 1) std::this_thread::yield();
    });
    while (phase.load() == 0) std::this_thread::yield();
    InstallResult r = install_filter(errno_on_getppid());
    phase = 2;
    other.join();
    if (tid == 0) return std::string("the helper thread could not install its filter");
    return std::string(status_name(r.status)) + " " + (r.tsync_thread == tid ? "same-tid" : "other-tid") + " " +
           (contains(r.message, "thread " + std::to_string(tid.load())) ? "named" : "unnamed") + " mode " +
           std::to_string(testing::seccomp_mode());
  });
  CHECK(out == "tsync_failed same-tid named mode 0");
}

}  // namespace secco::runtime
