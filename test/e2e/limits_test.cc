// Resource limits of the `secco` command (docs/security.md, "Resource limits"): hostile or
// generated policies must either compile within bounded memory and time or stop with a clear error
// (exit 1, file:line:col where a line is to blame) — never run out of memory, hang or crash.
// Each case runs the built CLI in a child process, measures its peak RSS with wait4()'s rusage and
// its wall time, and asserts both bounds. The 1 GB inputs are a sparse file and a stream that the
// test produces on the fly, so the test itself never holds more than one small buffer.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lib/test_support.h"

namespace {

// Sanitizer builds keep shadow memory and quarantines: allow them more.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssLimitKb = 3L << 20;  // 3 GiB
constexpr int kTimeLimitSeconds = 120;
#else
constexpr long kRssLimitKb = 1L << 20;  // 1 GiB
constexpr int kTimeLimitSeconds = 60;
#endif

struct Measured {
  int exit_code = -1;
  int signal = 0;
  long max_rss_kb = 0;
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system time: not inflated by other load on the machine
  std::string err;
};

std::string secco_bin() {
  const char* bin = std::getenv("SECCO_BIN");
  return bin ? bin : std::string(SECCO_BINARY_DIR) + "/secco";
}

// Runs secco with `args`; stdin is `stdin_fd` (or /dev/null when -1), stdout is discarded, stderr is
// captured to a file. The child is killed after kTimeLimitSeconds * 2.
Measured run_measured(const std::vector<std::string>& args, int stdin_fd = -1) {
  const std::string dir = secco::testing::temp_dir("limits");
  const std::string err_path = dir + "/stderr";
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = stdin_fd >= 0 ? stdin_fd : ::open("/dev/null", O_RDONLY);
    int out = ::open("/dev/null", O_WRONLY);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<std::string> argv{secco_bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    _exit(127);
  }
  Measured m;
  int status = 0;
  struct rusage usage {};
  for (;;) {
    pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) FAIL("wait4 failed");
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(2 * kTimeLimitSeconds)) {
      ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.max_rss_kb = usage.ru_maxrss;
  m.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (WIFEXITED(status)) m.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) m.signal = WTERMSIG(status);
  m.err = secco::testing::read_file(err_path);
  return m;
}

void check_bounded(const Measured& m) {
  INFO("stderr: " << m.err.substr(0, 2000));
  MESSAGE("peak RSS " << m.max_rss_kb / 1024 << " MiB, " << m.seconds << " s (CPU " << m.cpu_seconds << " s), exit "
                      << m.exit_code);
  CHECK(m.signal == 0);
  CHECK(m.max_rss_kb < kRssLimitKb);
  CHECK(m.seconds < kTimeLimitSeconds);
}

std::string write_policy(const std::string& tag, const std::string& text) {
  const std::string path = secco::testing::temp_dir(tag) + "/policy.secco";
  secco::testing::write_file(path, text);
  return path;
}

}  // namespace

TEST_CASE("limits: a 100,000-term expression built from many definitions stops cleanly") {
  // 250 definitions of 400 terms each (799 operators, under the per-line limit of 1,024), joined by
  // one more definition: 100,000 comparisons in one rule, macro nesting only 2 deep.
  std::ostringstream os;
  os << "DEFAULT_POLICY = kill\n";
  for (int d = 1; d <= 250; ++d) {
    os << "t" << d << " = ";
    for (int k = 0; k < 400; ++k) os << (k ? " || " : "") << "arg" << (k % 6) << " == " << d * 1000 + k;
    os << "\n";
  }
  os << "u = t1";
  for (int d = 2; d <= 250; ++d) os << " || t" << d;
  os << "\nread: u\n";
  const std::string path = write_policy("limits-long", os.str());
  Measured m = run_measured({"compile", "-f", "bin", "-o", path + ".bin", path});
  check_bounded(m);
  // The per-rule expansion budget stops it at the use, long before the 4,096-instruction limit.
  CHECK(m.exit_code == 1);
  CHECK(m.err.find(path + ":253:7: error: expansion of this rule exceeds 65536 IR values") != std::string::npos);
  CHECK(::access((path + ".bin").c_str(), F_OK) != 0);  // nothing written on error
}

TEST_CASE("limits: many rules sharing one large macro exhaust the policy-wide budget") {
  // 16,000 comparisons (about 48,000 IR values: under the per-rule budget) used by 12 rules.
  std::ostringstream os;
  for (int d = 1; d <= 40; ++d) {
    os << "t" << d << " = ";
    for (int k = 0; k < 400; ++k) os << (k ? " || " : "") << "arg" << (k % 6) << " == " << d * 1000 + k;
    os << "\n";
  }
  os << "u = t1";
  for (int d = 2; d <= 40; ++d) os << " || t" << d;
  os << "\n";
  const char* names[] = {"read", "write", "close",   "fstat",    "lseek", "mmap",
                         "brk",  "ioctl", "pread64", "pwrite64", "readv", "writev"};
  for (const char* n : names) os << n << ": u\n";
  const std::string path = write_policy("limits-policy", os.str());
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  CHECK(m.exit_code == 1);
  CHECK(m.err.find("error: the expanded policy exceeds 262144 IR values in all") != std::string::npos);
  CHECK(m.err.find(path + ":") != std::string::npos);
  // One error, not one per remaining rule.
  CHECK(m.err.find("error:") == m.err.rfind("error:"));
}

TEST_CASE("limits: a name redefined on every line and used by as many identical rules is not quadratic") {
  // Each use looks its name up among all earlier definitions. Four times the input must cost about
  // four times the CPU time, not sixteen (the quadratic lookup took 31 s of `unify` for n = 40,000).
  auto run = [](int n) {
    std::ostringstream os;
    for (int i = 0; i < n; ++i) os << "x = 1\n";
    for (int i = 0; i < n; ++i) os << "read: arg0 == x\n";
    const std::string path = write_policy("limits-redefine", os.str());
    Measured m = run_measured({"compile", "-f", "bin", path});
    check_bounded(m);
    CHECK(m.exit_code == 0);  // identical repeated rules are a warning
    return m.cpu_seconds;
  };
  const double small = run(10000);
  const double large = run(40000);
  MESSAGE("CPU time " << small << " s for n = 10,000, " << large << " s for n = 40,000");
  CHECK(large < 8 * small + 1.0);
}

TEST_CASE("limits: a 100,000-term expression nested through 100,000 definitions stops cleanly") {
  // One term per definition, each using the previous: the macro depth limit stops it.
  std::ostringstream os;
  os << "t0 = arg0 == 0\n";
  for (int d = 1; d <= 100000; ++d) os << "t" << d << " = t" << d - 1 << " || arg" << d % 6 << " == " << d << "\n";
  os << "read: t100000\n";
  const std::string path = write_policy("limits-deep", os.str());
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  CHECK(m.exit_code == 1);
  CHECK(m.err.find(path + ":100002:7: error:") != std::string::npos);
}

TEST_CASE("limits: an exponentially expanding macro stops cleanly") {
  // t40 is t1 repeated 2^39 times. Whether the compiler shares repeated subexpressions or not,
  // it must not try to materialise 2^40 comparisons.
  std::ostringstream os;
  os << "t1 = arg0 == 1 || arg1 == 2\n";
  for (int d = 2; d <= 40; ++d) os << "t" << d << " = t" << d - 1 << " && t" << d - 1 << "\n";
  os << "read: t40\n";
  const std::string path = write_policy("limits-exp", os.str());
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  // Either outcome is acceptable if bounded: identical operands may fold (t && t == t).
  CHECK((m.exit_code == 0 || m.exit_code == 1));
  if (m.exit_code == 1) CHECK(m.err.find(path + ":") != std::string::npos);
}

TEST_CASE("limits: a parameterised macro called with distinct arguments stops cleanly") {
  // f_d(x) = f_{d-1}(x) && f_{d-1}(x + 1): 2^d distinct leaves, so nothing can be shared.
  std::ostringstream os;
  os << "f0(x) = argL0 == x\n";
  for (int d = 1; d <= 40; ++d) os << "f" << d << "(x) = f" << d - 1 << "(x) || f" << d - 1 << "(x + " << d << ")\n";
  os << "read: f40(1)\n";
  const std::string path = write_policy("limits-exp-params", os.str());
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  CHECK(m.exit_code == 1);
  CHECK(m.err.find(path + ":42:7: error:") != std::string::npos);
}

TEST_CASE("limits: a 1 GB policy file is refused before it is read") {
  // A sparse file: 1 GiB long, no disk blocks, nothing allocated by the test.
  const std::string path = secco::testing::temp_dir("limits-big") + "/huge.secco";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, off_t{1} << 30) == 0);
  ::close(fd);
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  CHECK(m.exit_code == 1);
  CHECK(m.err.find(path) != std::string::npos);
  CHECK(m.err.find("64 MiB") != std::string::npos);
  CHECK(m.max_rss_kb < (256L << 10) * (kRssLimitKb / (1L << 20)));

  SUBCASE("also as standard input (a regular file read with '-')") {
    int in = ::open(path.c_str(), O_RDONLY);
    REQUIRE(in >= 0);
    Measured s = run_measured({"compile", "-f", "bin", "-"}, in);
    ::close(in);
    check_bounded(s);
    CHECK(s.exit_code == 1);
    CHECK(s.err.find("<stdin>") != std::string::npos);
    CHECK(s.err.find("64 MiB") != std::string::npos);
  }
}

TEST_CASE("limits: a 1 GB stream on standard input stops at the size limit") {
  // A producer writes comment lines into a pipe until the reader goes away (or 1 GiB is written).
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t producer = ::fork();
  REQUIRE(producer >= 0);
  if (producer == 0) {
    ::close(fds[0]);
    std::signal(SIGPIPE, SIG_DFL);
    std::string chunk;
    while (chunk.size() < (1u << 16)) chunk += "# a comment line that repeats and repeats\n";
    std::size_t written = 0;
    while (written < (std::size_t{1} << 30)) {
      ssize_t n = ::write(fds[1], chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  ::close(fds[1]);
  Measured m = run_measured({"compile", "-f", "bin", "-"}, fds[0]);
  ::close(fds[0]);
  ::kill(producer, SIGKILL);
  ::waitpid(producer, nullptr, 0);
  check_bounded(m);
  CHECK(m.exit_code == 1);
  CHECK(m.err.find("<stdin>") != std::string::npos);
  CHECK(m.err.find("64 MiB") != std::string::npos);
}

TEST_CASE("limits: many rules and many definitions compile within bounds") {
  // Every system call with a rule, plus 20,000 definitions: large but legitimate.
  std::ostringstream os;
  for (int d = 0; d < 20000; ++d) os << "v" << d << " = " << d << "\n";
  const char* names[] = {"read", "write", "close", "mmap", "openat", "fstat", "brk", "futex", "exit_group", "ioctl"};
  int i = 0;
  for (const char* n : names) os << n << ": arg0 == v" << (i++ * 1000) << " || argL1 < v19999\n";
  const std::string path = write_policy("limits-many", os.str());
  Measured m = run_measured({"compile", "-f", "bin", path});
  check_bounded(m);
  CHECK(m.exit_code == 0);
}
