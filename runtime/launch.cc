// The fork/install/exec sequence of launch.h. The child runs only async-signal-safe code after the
// filter is installed: one execve, and on failure a raw write and exit_group.
#include "runtime/launch.h"

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "runtime/install.h"

extern char** environ;

namespace secco::runtime {
namespace {

// Report pipe messages: one tag byte, a 4-byte length, the payload.
constexpr char kListenerFd = 'L';     // payload: the fd number the listener will get
constexpr char kInstallFailed = 'I';  // payload: the sentence
constexpr char kExecFailed = 'E';     // payload: errno

// Filled by the child without a system call when execve fails, in case the filter denies the write.
struct SharedReport {
  volatile int exec_errno;
};

void send(int fd, char tag, const void* data, std::uint32_t len) {
  char header[5];
  header[0] = tag;
  std::memcpy(header + 1, &len, 4);
  ::syscall(SYS_write, fd, header, sizeof header);
  if (len > 0) ::syscall(SYS_write, fd, data, len);
}

bool read_full(int fd, void* buf, std::size_t len) {
  auto* p = static_cast<char*>(buf);
  while (len > 0) {
    ssize_t n = ::read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

// One message, or false at end of file.
bool receive(int fd, char& tag, std::string& payload) {
  char header[5];
  if (!read_full(fd, header, sizeof header)) return false;
  tag = header[0];
  std::uint32_t len = 0;
  std::memcpy(&len, header + 1, 4);
  if (len > 65536) return false;
  payload.assign(len, '\0');
  return len == 0 || read_full(fd, payload.data(), len);
}

int exec_exit_code(int err) {
  return err == ENOENT ? 127 : 126;
}

std::string exec_message(const std::string& path, int err) {
  return "cannot execute '" + path + "': " + std::strerror(err);
}

// The listener-mode install: no_new_privs, then seccomp(2) with NEW_LISTENER (single-threaded
// child, so no TSYNC). Returns the listener fd or -errno.
long install_with_listener(const bpf::Program& program) {
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
  sock_fprog fprog{};
  fprog.len = static_cast<unsigned short>(program.size());
  fprog.filter = reinterpret_cast<sock_filter*>(const_cast<bpf::Insn*>(program.data()));
  long r = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
  return r < 0 ? -errno : r;
}

[[noreturn]] void child(const LaunchSpec& spec, const char* path, char* const* argv, char* const* envp, int wfd,
                        int ack, SharedReport* shared) {
  if (spec.listener) {
    // The listener takes the lowest free descriptor; the parent fetches it with pidfd_getfd, since
    // the child cannot send anything once the filter may stop its calls.
    int predicted = ::fcntl(wfd, F_DUPFD, 0);
    if (predicted >= 0) ::close(predicted);
    send(wfd, kListenerFd, &predicted, sizeof predicted);
    long r = install_with_listener(spec.program);
    if (r < 0) {
      std::string why = "cannot install the filter: " + describe_install_errno(static_cast<int>(-r));
      send(wfd, kInstallFailed, why.data(), static_cast<std::uint32_t>(why.size()));
      ::_exit(1);
    }
    // The listener is close-on-exec: wait until the parent holds its copy. A filter that denies
    // this read only notifies, and the parent answers once it has the listener.
    char go = 0;
    long n;
    while ((n = ::syscall(SYS_read, ack, &go, 1)) < 0 && errno == EINTR) {
    }
    if (n != 1) ::syscall(SYS_exit_group, 1);
  } else {
    InstallOptions options;
    options.tsync = false;  // the child has one thread
    InstallResult r = install_filter(spec.program, options);
    if (!r) {
      std::string why = "cannot install the filter: " + r.message;
      send(wfd, kInstallFailed, why.data(), static_cast<std::uint32_t>(why.size()));
      ::_exit(1);
    }
  }
  // From here on the filter decides; this execve is the call start_check approved.
  ::syscall(SYS_execve, path, argv, envp);
  int err = errno;
  shared->exec_errno = err;
  send(wfd, kExecFailed, &err, sizeof err);
  ::syscall(SYS_exit_group, exec_exit_code(err));
  __builtin_trap();  // exit_group itself denied with an errno: end without another system call
}

pid_t g_forward_to = -1;
void forward(int sig) {
  if (g_forward_to > 0) ::kill(g_forward_to, sig);
}

}  // namespace

ResolvedCommand resolve_command(const std::string& name) {
  ResolvedCommand r;
  auto usable = [](const std::string& p, int& err) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      err = errno;
      return false;
    }
    if (!S_ISREG(st.st_mode) || ::access(p.c_str(), X_OK) != 0) {
      err = EACCES;
      return false;
    }
    return true;
  };
  if (name.empty()) {
    r.error = ENOENT;
    return r;
  }
  if (name.find('/') != std::string::npos) {
    int err = 0;
    if (usable(name, err))
      r.path = name;
    else
      r.error = err == ENOENT || err == ENOTDIR ? ENOENT : err;
    return r;
  }
  const char* env = std::getenv("PATH");
  std::string dirs = env ? env : "/usr/local/bin:/usr/bin:/bin";
  bool denied = false;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";
    int err = 0;
    std::string candidate = dir + "/" + name;
    if (usable(candidate, err)) {
      r.path = candidate;
      return r;
    }
    if (err == EACCES) denied = true;
    start = end + 1;
  }
  r.error = denied ? EACCES : ENOENT;
  return r;
}

Launched launch(const LaunchSpec& spec,
                const std::function<std::string(const char*, char* const*, char* const*)>& precheck) {
  Launched out;
  std::vector<char*> argv;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  char* const* envp = environ;
  std::string why = precheck(spec.path.c_str(), argv.data(), envp);
  if (!why.empty()) {
    out.exit_code = 126;
    out.message = why;
    return out;
  }
  void* page = ::mmap(nullptr, sizeof(SharedReport), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int fds[2] = {-1, -1};
  int ack[2] = {-1, -1};
  if (page == MAP_FAILED || ::pipe2(fds, O_CLOEXEC) != 0 || ::pipe2(ack, O_CLOEXEC) != 0) {
    out.exit_code = 1;
    out.message = std::string("cannot prepare the command: ") + std::strerror(errno);
    for (int fd : {fds[0], fds[1], ack[0], ack[1]})
      if (fd >= 0) ::close(fd);
    if (page != MAP_FAILED) ::munmap(page, sizeof(SharedReport));
    return out;
  }
  auto* shared = static_cast<SharedReport*>(page);
  shared->exec_errno = 0;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    out.exit_code = 1;
    out.message = std::string("cannot fork: ") + std::strerror(errno);
    for (int fd : {fds[0], fds[1], ack[0], ack[1]}) ::close(fd);
    ::munmap(page, sizeof(SharedReport));
    return out;
  }
  if (pid == 0) {
    ::close(fds[0]);
    ::close(ack[1]);
    child(spec, spec.path.c_str(), argv.data(), envp, fds[1], ack[0], shared);
  }
  ::close(fds[1]);
  out.ack_fd = ack[0];
  ::close(ack[0]);
  out.pid = pid;
  out.report_fd = fds[0];
  auto fail = [&](int code, const std::string& message) {
    out.exit_code = code;
    out.message = message;
  };
  char tag = 0;
  std::string payload;
  if (spec.listener) {
    int predicted = -1;
    if (!receive(fds[0], tag, payload) || tag != kListenerFd || payload.size() != sizeof predicted) {
      ::waitpid(pid, nullptr, 0);
      fail(1, "the child process ended before installing the filter");
    } else {
      std::memcpy(&predicted, payload.data(), sizeof predicted);
      int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
      if (pidfd < 0) {
        fail(1, std::string("pidfd_open failed: ") + std::strerror(errno) + " (audit and record need Linux 5.6)");
      }
      // Poll until the listener exists in the child (EBADF before the install) or the child reports.
      while (out.listener < 0 && out.message.empty()) {
        long fd = ::syscall(SYS_pidfd_getfd, pidfd, predicted, 0);
        if (fd >= 0) {
          out.listener = static_cast<int>(fd);
          char go = 'g';
          if (::write(ack[1], &go, 1) != 1) fail(1, std::string("cannot signal the child: ") + std::strerror(errno));
          break;
        }
        if (errno != EBADF) {
          fail(1, std::string("cannot take the seccomp listener from the child (pidfd_getfd: ") + std::strerror(errno) +
                      ")");
          break;
        }
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, 1) > 0) {
          if (receive(fds[0], tag, payload) && tag == kInstallFailed)
            fail(1, payload);
          else
            fail(1, "the child process ended before installing the filter");
        }
      }
      if (pidfd >= 0) ::close(pidfd);
      ::close(ack[1]);
      if (!out.message.empty()) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
  } else {
    ::close(ack[1]);
    // EOF: the execve succeeded (close-on-exec) or the child died.
    while (receive(fds[0], tag, payload)) {
      if (tag == kInstallFailed) fail(1, payload);
      if (tag == kExecFailed && payload.size() == sizeof(int)) {
        int err = 0;
        std::memcpy(&err, payload.data(), sizeof err);
        fail(exec_exit_code(err), exec_message(spec.path, err));
      }
    }
    if (out.message.empty() && shared->exec_errno != 0) {
      int err = shared->exec_errno;
      fail(exec_exit_code(err), exec_message(spec.path, err));
    }
    ::close(fds[0]);
    out.report_fd = -1;
    if (!out.message.empty()) ::waitpid(pid, nullptr, 0);
  }
  if (!out.message.empty() && out.report_fd >= 0) {
    ::close(out.report_fd);
    out.report_fd = -1;
  }
  ::munmap(page, sizeof(SharedReport));
  return out;
}

bool Launched::is_own_call(pid_t caller, std::uint32_t nr, std::uint64_t arg0) const {
  return caller == pid && nr == SYS_read && arg0 == static_cast<std::uint64_t>(ack_fd);
}

std::string finish_launch(Launched& launched) {
  std::string message;
  if (launched.report_fd < 0) return message;
  char tag = 0;
  std::string payload;
  pollfd p{launched.report_fd, POLLIN, 0};
  // The pipe closes at exec (close-on-exec) or when the child exits.
  while (::poll(&p, 1, 0) > 0 && receive(launched.report_fd, tag, payload)) {
    if (tag == kExecFailed && payload.size() == sizeof(int)) {
      int err = 0;
      std::memcpy(&err, payload.data(), sizeof err);
      launched.exit_code = exec_exit_code(err);
      message = "cannot execute the command: " + std::string(std::strerror(err));
    }
  }
  ::close(launched.report_fd);
  launched.report_fd = -1;
  return message;
}

void forward_signals_to(pid_t pid) {
  g_forward_to = pid;
  struct sigaction sa {};
  sa.sa_handler = forward;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int sig : {SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) ::sigaction(sig, &sa, nullptr);
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGQUIT, SIG_IGN);
}

int wait_and_mirror(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 1;
  }
  g_forward_to = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    // Die the same way, without a core file of secco's own.
    rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    ::signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
    return 128 + sig;
  }
  return 1;
}

}  // namespace secco::runtime
