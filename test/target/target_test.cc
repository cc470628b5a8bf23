// Tests of the predefined world (target/): the generated system call, errno, constant and audit
// arch tables, checked against values this file takes from the C headers itself (an independent
// path through the compiler), plus table invariants: sorted, unique, round-tripping, deterministic.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <cerrno>
#include <csignal>
#include <set>
#include <string>

#include "target/target.h"

namespace {

using secco::Target;

const Target& x86_64() {
  const Target* t = Target::find("x86_64");
  REQUIRE(t != nullptr);
  return *t;
}

// The 32-bit two's complement of a C int, as the tables store negative values.
std::uint64_t u32(int value) {
  return static_cast<std::uint32_t>(value);
}

}  // namespace

TEST_CASE("x86_64 is found by name, alias and audit arch, and is the default") {
  const Target& t = x86_64();
  CHECK(t.name() == "x86_64");
  CHECK(t.audit_arch() == 0xc000003eu);
  CHECK(t.audit_arch() == AUDIT_ARCH_X86_64);
  CHECK(t.x32_bit() == 0x40000000u);
  CHECK(Target::find("amd64") == &t);
  CHECK(Target::find("AMD64") == &t);
  CHECK(Target::find_by_audit_arch(0xc000003eu) == &t);
  CHECK(&Target::default_target() == &t);
  CHECK(Target::find("vax") == nullptr);
  CHECK(Target::find_by_audit_arch(0x12345678u) == nullptr);
  const auto names = Target::names();
  REQUIRE(!names.empty());
  CHECK(names.front() == "x86_64");
}

TEST_CASE("x86_64 system call numbers agree with <sys/syscall.h>") {
  const Target& t = x86_64();
  CHECK(t.syscall_number("read") == SYS_read);
  CHECK(t.syscall_number("open") == SYS_open);
  CHECK(t.syscall_number("openat") == SYS_openat);
  CHECK(t.syscall_number("newfstatat") == SYS_newfstatat);
  CHECK(t.syscall_number("execve") == SYS_execve);
  CHECK(t.syscall_number("seccomp") == SYS_seccomp);
  CHECK(t.syscall_number("read") == 0u);
  CHECK(t.syscall_number("write") == 1u);
  CHECK(t.syscall_name(SYS_openat) == "openat");
  CHECK(t.syscall_name(59) == "execve");
}

TEST_CASE("system call table: size, sorted, unique, round trip") {
  const Target& t = x86_64();
  const auto& calls = t.syscalls();
  CHECK(calls.size() > 330);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    CAPTURE(calls[i].name);
    CHECK(names.insert(calls[i].name).second);
    if (i > 0) CHECK(calls[i - 1].nr < calls[i].nr);
    CHECK(t.syscall_number(calls[i].name) == calls[i].nr);
    CHECK(t.syscall_name(calls[i].nr) == calls[i].name);
    CHECK(calls[i].nr < t.x32_bit());
  }
}

TEST_CASE("unknown names and numbers give nullopt") {
  const Target& t = x86_64();
  CHECK_FALSE(t.syscall_number("reed").has_value());
  CHECK_FALSE(t.syscall_number("").has_value());
  CHECK_FALSE(t.syscall_number("READ").has_value());
  CHECK_FALSE(t.syscall_name(100000).has_value());
  CHECK_FALSE(t.syscall_name(0x40000000u).has_value());
  CHECK_FALSE(t.errno_number("EWHATEVER").has_value());
  CHECK_FALSE(t.errno_name(4095).has_value());
  CHECK_FALSE(t.constant("O_NOPE").has_value());
  CHECK_FALSE(t.constant("").has_value());
  CHECK_FALSE(t.constant("__NR_read").has_value());
}

TEST_CASE("system calls newer than the headers are present (extra_syscalls_x86_64.txt)") {
  const Target& t = x86_64();
  CHECK(t.syscall_number("cachestat") == 451u);
  CHECK(t.syscall_number("fchmodat2") == 452u);
  CHECK(t.syscall_number("map_shadow_stack") == 453u);
  CHECK(t.syscall_number("futex_wake") == 454u);
  CHECK(t.syscall_number("futex_wait") == 455u);
  CHECK(t.syscall_number("futex_requeue") == 456u);
  CHECK(t.syscall_number("statmount") == 457u);
  CHECK(t.syscall_number("listmount") == 458u);
  CHECK(t.syscall_number("lsm_get_self_attr") == 459u);
  CHECK(t.syscall_number("lsm_set_self_attr") == 460u);
  CHECK(t.syscall_number("lsm_list_modules") == 461u);
  CHECK(t.syscall_number("mseal") == 462u);
  CHECK(t.syscall_name(462) == "mseal");
  CHECK(t.syscall_number("set_mempolicy_home_node") == 450u);  // from the 6.1 headers
}

TEST_CASE("errno names") {
  const Target& t = x86_64();
  CHECK(t.errno_number("EPERM") == 1u);
  CHECK(t.errno_number("EACCES") == 13u);
  CHECK(t.errno_number("EPERM") == EPERM);
  CHECK(t.errno_number("ENOSYS") == ENOSYS);
  CHECK(t.errno_number("EHWPOISON") == 133u);
  REQUIRE(t.errno_number("EWOULDBLOCK").has_value());
  CHECK(t.errno_number("EWOULDBLOCK") == t.errno_number("EAGAIN"));
  CHECK(t.errno_number("EDEADLOCK") == t.errno_number("EDEADLK"));
  CHECK(t.errno_number("ENOTSUP") == t.errno_number("EOPNOTSUPP"));
  // By value, the primary name, not the alias.
  CHECK(t.errno_name(EAGAIN) == "EAGAIN");
  CHECK(t.errno_name(EDEADLK) == "EDEADLK");
  CHECK(t.errno_name(EOPNOTSUPP) == "EOPNOTSUPP");
  CHECK(t.errno_name(1) == "EPERM");
  CHECK(t.errno_name(13) == "EACCES");
  // Every errno value between 1 and 133 has a name that maps back to it.
  for (std::uint32_t v = 1; v <= 133; ++v) {
    if (v == 41 || v == 58) continue;  // unused on Linux
    CAPTURE(v);
    const auto name = t.errno_name(v);
    REQUIRE(name.has_value());
    CHECK(t.errno_number(*name) == v);
  }
  // Errno names are predefined constants too.
  const auto eperm = t.constant("EPERM");
  REQUIRE(eperm.has_value());
  CHECK(eperm->value == 1u);
  CHECK_FALSE(eperm->negative_in_c);
}

TEST_CASE("constants agree with the C headers") {
  const Target& t = x86_64();
  auto value = [&](std::string_view name) -> std::uint64_t {
    const auto c = t.constant(name);
    INFO(name);
    REQUIRE(c.has_value());
    return c->value;
  };
  CHECK(value("O_CREAT") == O_CREAT);
  CHECK(value("O_RDONLY") == O_RDONLY);
  CHECK(value("O_CLOEXEC") == O_CLOEXEC);
  CHECK(value("PROT_EXEC") == PROT_EXEC);
  CHECK(value("MAP_PRIVATE") == MAP_PRIVATE);
  CHECK(value("CLONE_THREAD") == CLONE_THREAD);
  CHECK(value("TCGETS") == TCGETS);
  CHECK(value("TCSETS") == TCSETS);
  CHECK(value("TIOCGWINSZ") == TIOCGWINSZ);
  CHECK(value("FIONBIO") == FIONBIO);
  CHECK(value("FIONREAD") == FIONREAD);
  CHECK(value("FUTEX_WAIT_PRIVATE") == FUTEX_WAIT_PRIVATE);
  CHECK(value("SIGSYS") == SIGSYS);
  CHECK(value("SIGKILL") == 9u);
  CHECK(value("AF_INET6") == 10u);
  CHECK(value("SOCK_STREAM") == 1u);  // an enum constant in glibc
  CHECK(value("IPPROTO_TCP") == 6u);  // likewise
  CHECK(value("PR_SET_NO_NEW_PRIVS") == 38u);
  CHECK(value("ARCH_SET_FS") == 0x1002u);
  CHECK(value("MS_RDONLY") == 1u);
  CHECK(value("EFD_CLOEXEC") == 02000000u);
  CHECK(value("SECCOMP_RET_ALLOW") == 0x7fff0000u);
  CHECK(value("EPOLL_CTL_ADD") == 1u);
  CHECK(value("GRND_NONBLOCK") == 1u);
  CHECK(value("S_IFREG") == 0100000u);
  CHECK(value("R_OK") == 4u);
  CHECK(value("F_OK") == 0u);
  CHECK(value("SEEK_END") == 2u);
  CHECK(value("MFD_CLOEXEC") == 1u);
  CHECK(value("RLIMIT_NOFILE") == 7u);
  CHECK(value("MADV_DONTNEED") == 4u);
  CHECK(value("SO_REUSEADDR") == 2u);
  CHECK(value("SOL_SOCKET") == 1u);
  CHECK(value("TCP_NODELAY") == 1u);
  CHECK(value("F_SETFL") == 4u);
  CHECK(value("FD_CLOEXEC") == 1u);
  CHECK(value("RLIM_INFINITY") == ~std::uint64_t{0});  // unsigned in C: not negative
  CHECK_FALSE(t.constant("RLIM_INFINITY")->negative_in_c);
}

TEST_CASE("negative C constants are 32-bit two's complement, flagged") {
  const Target& t = x86_64();
  const auto fdcwd = t.constant("AT_FDCWD");
  REQUIRE(fdcwd.has_value());
  CHECK(fdcwd->value == 0xffffff9cu);
  CHECK(fdcwd->value == u32(AT_FDCWD));
  CHECK(fdcwd->negative_in_c);
  const auto o_creat = t.constant("O_CREAT");
  REQUIRE(o_creat.has_value());
  CHECK_FALSE(o_creat->negative_in_c);
  for (const auto& c : t.constants()) {
    CAPTURE(c.name);
    if (c.negative_in_c) CHECK(c.value <= 0xffffffffu);
  }
}

TEST_CASE("non-integer and non-constant macros are not predefined") {
  const Target& t = x86_64();
  CHECK_FALSE(t.constant("SIG_DFL").has_value());     // a pointer
  CHECK_FALSE(t.constant("SIG_IGN").has_value());     // a pointer
  CHECK_FALSE(t.constant("MAP_FAILED").has_value());  // a pointer
  CHECK_FALSE(t.constant("SIGRTMIN").has_value());    // a function call in glibc
  CHECK_FALSE(t.constant("SIGSTKSZ").has_value());    // sysconf() with _GNU_SOURCE
  CHECK_FALSE(t.constant("EOF").has_value());         // not an errno name, not a rule
  CHECK_FALSE(t.constant("AUDIT_ARCH_X86_64").has_value());
}

TEST_CASE("constant table: sorted by name, unique, lookups agree") {
  const Target& t = x86_64();
  const auto& constants = t.constants();
  CHECK(constants.size() > 1000);
  for (std::size_t i = 0; i < constants.size(); ++i) {
    CAPTURE(constants[i].name);
    if (i > 0) CHECK(constants[i - 1].name < constants[i].name);
    const auto found = t.constant(constants[i].name);
    REQUIRE(found.has_value());
    CHECK(found->value == constants[i].value);
  }
}

TEST_CASE("lookups are deterministic and stable") {
  const Target& t = x86_64();
  CHECK(&t.syscalls() == &x86_64().syscalls());
  CHECK(&t.constants() == &Target::default_target().constants());
  const auto first = t.errno_name(EAGAIN);
  for (int i = 0; i < 3; ++i) CHECK(t.errno_name(EAGAIN) == first);
  // The same tables every time: a few fixed points of the generated data.
  CHECK(t.syscalls().front().name == "read");
  CHECK(t.constants().front().name < t.constants().back().name);
}

TEST_CASE("i386 target") {
  const Target* t = Target::find("i386");
  REQUIRE(t != nullptr);
  CHECK(t->audit_arch() == 0x40000003u);
  CHECK(t->audit_arch() == AUDIT_ARCH_I386);
  CHECK(t->x32_bit() == 0u);
  CHECK(Target::find_by_audit_arch(0x40000003u) == t);
  CHECK(Target::find("x86") == t);
  CHECK(t->syscall_number("read") == 3u);
  CHECK(t->syscall_number("exit") == 1u);
  CHECK(t->syscall_number("socketcall") == 102u);
  CHECK(t->syscall_number("mseal") == 462u);
  CHECK(t->syscalls().size() > 400);
  CHECK(t->errno_number("EPERM") == 1u);
}

TEST_CASE("audit arch names") {
  CHECK(secco::audit_arch_by_name("x86_64") == 0xc000003eu);
  CHECK(secco::audit_arch_by_name("i386") == 0x40000003u);
  CHECK(secco::audit_arch_by_name("aarch64") == AUDIT_ARCH_AARCH64);
  CHECK(secco::audit_arch_by_name("arm") == AUDIT_ARCH_ARM);
  CHECK(secco::audit_arch_by_name("riscv64") == AUDIT_ARCH_RISCV64);
  CHECK(secco::audit_arch_by_name("s390x") == AUDIT_ARCH_S390X);
  CHECK(secco::audit_arch_by_name("ppc64le") == AUDIT_ARCH_PPC64LE);
  CHECK(secco::audit_arch_by_name("mips") == AUDIT_ARCH_MIPS);
  CHECK(secco::audit_arch_by_name("amd64") == 0xc000003eu);
  CHECK(secco::audit_arch_by_name("x32") == 0xc000003eu);
  CHECK(secco::audit_arch_by_name("AArch64") == AUDIT_ARCH_AARCH64);
  CHECK_FALSE(secco::audit_arch_by_name("vax").has_value());
  CHECK(secco::audit_arch_name(0xc000003eu) == "x86_64");
  CHECK(secco::audit_arch_name(AUDIT_ARCH_AARCH64) == "aarch64");
  CHECK(secco::audit_arch_name(0x40000003u) == "i386");
  CHECK_FALSE(secco::audit_arch_name(0).has_value());
}
