// probe_syscall NR [ARG0 ... ARG5]: performs the raw system call NR with the given arguments and
// prints `ret=R errno=E`, then exits 0. Used by tests of `secco run POLICY -- probe_syscall ...` to
// observe from outside what a filter did to one call (a filter that kills or traps ends the process
// instead, which the test sees in the exit status). Numbers may be decimal, 0x hex or 0 octal;
// missing arguments are 0. Exit status 2 means the command line was wrong.
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

bool parse_number(const char* text, std::uint64_t& out) {
  char* end = nullptr;
  errno = 0;
  // A leading '-' is accepted so that e.g. fd -1 can be passed; strtoull wraps it to 2^64 - 1.
  unsigned long long v = std::strtoull(text, &end, 0);
  if (errno != 0 || end == text || *end != '\0') return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 8) {
    std::fprintf(stderr, "usage: %s NR [ARG0 ... ARG5]\n", argv[0]);
    return 2;
  }
  std::uint64_t nr = 0;
  std::uint64_t a[6] = {0, 0, 0, 0, 0, 0};
  if (!parse_number(argv[1], nr)) {
    std::fprintf(stderr, "%s: bad system call number '%s'\n", argv[0], argv[1]);
    return 2;
  }
  for (int i = 2; i < argc; ++i) {
    if (!parse_number(argv[i], a[i - 2])) {
      std::fprintf(stderr, "%s: bad argument '%s'\n", argv[0], argv[i]);
      return 2;
    }
  }
  long ret = ::syscall(static_cast<long>(nr), a[0], a[1], a[2], a[3], a[4], a[5]);
  int error = ret == -1 ? errno : 0;
  std::printf("ret=%ld errno=%d\n", ret, error);
  std::fflush(stdout);
  return 0;
}
