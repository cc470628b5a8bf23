// i386 system calls from this 64-bit test process (`int $0x80`), and whether the kernel runs them.
#pragma once

#if defined(__x86_64__)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace secco::testing {

// One i386 system call: the raw return value (-errno on failure).
inline long int80(long nr, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0) {
  long ret;
  asm volatile("int $0x80"
               : "=a"(ret)
               : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
               : "memory", "r8", "r9", "r10", "r11");
  return ret;
}

// Whether `int $0x80` reaches the i386 system calls: probed in a child, as a kernel without ia32
// emulation (ia32_emulation=0) answers it with SIGSEGV instead of -ENOSYS.
inline bool has_ia32() {
  constexpr long kI386Getpid = 20;
  const pid_t child = ::fork();
  if (child == 0) {
    ::signal(SIGSEGV, SIG_DFL);  // die quietly, not through the test framework's crash report
    ::_exit(int80(kI386Getpid) == ::getpid() ? 0 : 1);
  }
  int status = 0;
  return child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace secco::testing
#endif
