// A multi-ABI filter (x86_64, i386, x32) in the real kernel. i386 system calls are issued from
// this 64-bit process with `int $0x80` (they reach seccomp with AUDIT_ARCH_I386 and i386
// numbers); x32 calls are x86_64 `syscall`s with the x32 bit, which seccomp sees before the
// kernel decides whether it runs x32 at all, so the filter's x32 part is checked either way, and
// the call's own result is checked where the kernel has x32 enabled. A kernel without ia32
// emulation skips the i386 part, saying so.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "lib/ia32_probe.h"
#include "multiarch/multiarch_util.h"
#include "runtime/install.h"

namespace secco::testing {
namespace {

#if defined(__x86_64__)
// syscall(2) without the C library's errno translation: -errno on failure.
long raw_syscall(long nr, long a = 0) {
  long ret = ::syscall(nr, a);
  return ret == -1 ? -errno : ret;
}

constexpr long kX32 = 0x40000000;
constexpr long kI386Getpid = 20, kI386Mkdir = 39, kI386Dup = 41;
constexpr long kX32Getpid = kX32 | 39, kX32Dup = kX32 | 32;

struct Results {
  long values[16];
  bool done;
};
#endif

}  // namespace

#if defined(__x86_64__)
TEST_CASE("x86_64 + i386 + x32 filter in the kernel") {
  const bool ia32 = has_ia32();
  const bool x32_enabled = raw_syscall(kX32Getpid) == ::getpid();
  if (!ia32) MESSAGE("this kernel has no ia32 emulation (int $0x80): the i386 part is skipped");
  if (!x32_enabled) MESSAGE("this kernel has x32 disabled: x32 calls are checked as far as the filter goes");

  auto c = compile_for("x86_64",
                       "ARCH = x86_64, i386, x32\n"
                       "DEFAULT_POLICY = allow\n"
                       "getpid: return errno(11)\n"
                       "dup: arg0 != 1000; return errno(5)\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);

  auto* r = static_cast<Results*>(
      ::mmap(nullptr, sizeof(Results), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  REQUIRE(r != MAP_FAILED);
  r->done = false;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    runtime::InstallResult installed = runtime::install_filter(*c.program);
    if (!installed.ok()) ::_exit(2);
    r->values[0] = raw_syscall(SYS_getpid);
    r->values[1] = raw_syscall(SYS_dup, 1000);
    r->values[2] = raw_syscall(SYS_dup, 1001);
    if (ia32) {
      r->values[3] = int80(kI386Getpid);
      r->values[4] = int80(kI386Dup, 1000);
      r->values[5] = int80(kI386Dup, 1001);
      r->values[6] = int80(kI386Mkdir, 0);  // x86_64's getpid number, i386's mkdir: not denied
    }
    r->values[7] = raw_syscall(kX32Getpid);
    r->values[8] = raw_syscall(kX32Dup, 1000);
    r->values[9] = raw_syscall(kX32Dup, 1001);
    r->done = true;
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE_MESSAGE(WIFEXITED(status), "child status " << status);
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(r->done);
  CHECK(r->values[0] == -11);
  CHECK(r->values[1] == -5);
  CHECK(r->values[2] == -EBADF);
  if (ia32) {
    CHECK(r->values[3] == -11);
    CHECK(r->values[4] == -5);
    CHECK(r->values[5] == -EBADF);
    CHECK(r->values[6] == -EFAULT);
  }
  CHECK(r->values[7] == -11);
  CHECK(r->values[8] == -5);
  CHECK(r->values[9] == (x32_enabled ? -EBADF : -ENOSYS));
  ::munmap(r, sizeof(Results));
}
#endif

}  // namespace secco::testing
