#include "runtime/supervisor.h"

#include <linux/seccomp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace secco::runtime {
namespace {

constexpr std::uint32_t kRetUserNotif = 0x7fc00000U;  // SECCOMP_RET_USER_NOTIF
constexpr std::uint32_t kActionMask = 0xffff0000U;
constexpr std::uint32_t kRetAllow = 0x7fff0000U;
constexpr std::uint32_t kRetLog = 0x7ffc0000U;
constexpr int kQuietMs = 200;  // after the command exited: how long to wait for stragglers

bool is_ret_k(const bpf::Insn& insn) {
  return bpf::op::cls(insn.code) == bpf::op::RET && bpf::op::rval(insn.code) == bpf::op::K;
}

// Reads one string across page boundaries with process_vm_readv, a page at a time.
std::optional<std::string> read_string(pid_t pid, std::uint64_t address, std::size_t max) {
  std::string out;
  constexpr std::uint64_t kPage = 4096;
  while (out.size() < max) {
    std::uint64_t chunk = kPage - (address % kPage);
    if (chunk > max - out.size()) chunk = max - out.size();
    char buf[kPage];
    iovec local{buf, static_cast<std::size_t>(chunk)};
    iovec remote{reinterpret_cast<void*>(static_cast<std::uintptr_t>(address)), static_cast<std::size_t>(chunk)};
    ssize_t n = ::process_vm_readv(pid, &local, 1, &remote, 1, 0);
    if (n <= 0) return out.empty() ? std::nullopt : std::optional<std::string>(out);
    const char* end = static_cast<const char*>(std::memchr(buf, '\0', static_cast<std::size_t>(n)));
    if (end != nullptr) {
      out.append(buf, static_cast<std::size_t>(end - buf));
      return out;
    }
    out.append(buf, static_cast<std::size_t>(n));
    address += static_cast<std::uint64_t>(n);
  }
  return out;
}

}  // namespace

std::optional<bpf::Program> notify_filter(const bpf::Program& program) {
  bpf::Program out = program;
  for (bpf::Insn& insn : out) {
    if (bpf::op::cls(insn.code) != bpf::op::RET) continue;
    if (!is_ret_k(insn)) return std::nullopt;
    std::uint32_t action = insn.k & kActionMask;
    if (action != kRetAllow && action != kRetLog) insn.k = kRetUserNotif;
  }
  return out;
}

bpf::Program notify_everything() {
  return {bpf::Insn{static_cast<std::uint16_t>(bpf::op::RET | bpf::op::K), 0, 0, kRetUserNotif}};
}

std::string supervise(int listener, pid_t child,
                      const std::function<void(const Notification&, const StringReader&)>& observe) {
  seccomp_notif_sizes sizes{};
  if (::syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0)
    return std::string("SECCOMP_GET_NOTIF_SIZES failed: ") + std::strerror(errno);
  // The kernel may know larger structures than our headers; allocate what it says.
  std::string req_buf(std::max<std::size_t>(sizes.seccomp_notif, sizeof(seccomp_notif)), '\0');
  std::string resp_buf(std::max<std::size_t>(sizes.seccomp_notif_resp, sizeof(seccomp_notif_resp)), '\0');
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
  bool child_done = pidfd < 0;
  std::string error;
  for (;;) {
    pollfd fds[2] = {{listener, POLLIN, 0}, {pidfd, POLLIN, 0}};
    int nfds = child_done ? 1 : 2;
    int r = ::poll(fds, static_cast<nfds_t>(nfds), child_done ? kQuietMs : -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      error = std::string("poll failed: ") + std::strerror(errno);
      break;
    }
    if (r == 0) break;  // quiet after the command exited
    if (!child_done && (fds[1].revents & POLLIN) != 0) child_done = true;
    if ((fds[0].revents & POLLIN) != 0) {
      std::fill(req_buf.begin(), req_buf.end(), '\0');
      auto* req = reinterpret_cast<seccomp_notif*>(req_buf.data());
      if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) != 0) {
        if (errno == EINTR || errno == ENOENT) continue;  // the caller died before we read it
        error = std::string("SECCOMP_IOCTL_NOTIF_RECV failed: ") + std::strerror(errno);
        break;
      }
      Notification n;
      n.pid = static_cast<pid_t>(req->pid);
      n.data.nr = static_cast<std::uint32_t>(req->data.nr);
      n.data.arch = req->data.arch;
      n.data.instruction_pointer = req->data.instruction_pointer;
      for (int i = 0; i < 6; ++i) n.data.args[static_cast<std::size_t>(i)] = req->data.args[i];
      std::uint64_t id = req->id;
      StringReader reader = [&](std::uint64_t address, std::size_t max) -> std::optional<std::string> {
        std::optional<std::string> s = read_string(n.pid, address, max);
        // The pid may have been reused if the call vanished meanwhile: trust only a live id.
        if (s && ::ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) != 0) return std::nullopt;
        return s;
      };
      observe(n, reader);
      std::fill(resp_buf.begin(), resp_buf.end(), '\0');
      auto* resp = reinterpret_cast<seccomp_notif_resp*>(resp_buf.data());
      resp->id = id;
      resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
      if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) != 0 && errno != ENOENT) {
        error = std::string("SECCOMP_IOCTL_NOTIF_SEND failed: ") + std::strerror(errno);
        break;
      }
      continue;
    }
    if ((fds[0].revents & (POLLHUP | POLLERR)) != 0) break;  // no process left under the filter
  }
  if (pidfd >= 0) ::close(pidfd);
  return error;
}

}  // namespace secco::runtime
