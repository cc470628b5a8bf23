#include "semantics/solver_process.h"

#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

#include "semantics/solver_protocol.h"

extern char** environ;

namespace secco::semantics {
namespace {

namespace proto = solver_protocol;
using proto::receive_all;
using proto::send_all;

// The one server of this process. Queries are serialised: the engine makes them one at a time.
struct Server {
  std::mutex mutex;
  int fd = -1;  // -1: never started or broken
  std::uint32_t next_session = 1;
};

Server& server() {
  static Server s;
  return s;
}

struct RemoteSession {
  std::uint32_t id;
  std::uint64_t sent = 0;  // nodes of the store the server has
};

// After a failed exchange the stream is out of step: every later query is Unknown.
void break_connection(Server& s) {
  if (s.fd >= 0) ::close(s.fd);
  s.fd = -1;
}

void* open_remote() {
  Server& s = server();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.fd < 0) return nullptr;
  auto* session = new RemoteSession{s.next_session++};
  proto::Request r{};
  r.op = proto::kOpen;
  r.session = session->id;
  if (!send_all(s.fd, &r, sizeof r)) break_connection(s);
  return session;
}

void close_remote(void* p) {
  auto* session = static_cast<RemoteSession*>(p);
  Server& s = server();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.fd >= 0) {
    proto::Request r{};
    r.op = proto::kClose;
    r.session = session->id;
    if (!send_all(s.fd, &r, sizeof r)) break_connection(s);
  }
  delete session;
}

int check_remote(void* p, const SeccoSolverQuery* q, std::uint64_t* model) {
  auto* session = static_cast<RemoteSession*>(p);
  Server& s = server();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.fd < 0 || session == nullptr || q->node_count < session->sent) return kSeccoSolverUnknown;
  proto::Request r{};
  r.op = proto::kCheck;
  r.session = session->id;
  r.first_node = session->sent;
  r.node_count = q->node_count;
  r.assertion_count = q->assertion_count;
  r.nr_lo = q->nr_lo;
  r.nr_hi = q->nr_hi;
  r.arch_lo = q->arch_lo;
  r.arch_hi = q->arch_hi;
  r.timeout_ms = q->timeout_ms;
  proto::Reply reply{};
  if (!send_all(s.fd, &r, sizeof r) ||
      !send_all(s.fd, q->nodes + session->sent, (q->node_count - session->sent) * sizeof(TermNode)) ||
      !send_all(s.fd, q->assertions, q->assertion_count * sizeof(TermId)) || !receive_all(s.fd, &reply, sizeof reply)) {
    break_connection(s);
    return kSeccoSolverUnknown;
  }
  session->sent = q->node_count;
  if (reply.answer == kSeccoSolverSat) std::memcpy(model, reply.model, sizeof reply.model);
  return reply.answer == kSeccoSolverSat || reply.answer == kSeccoSolverUnsat ? reply.answer : kSeccoSolverUnknown;
}

const SeccoSolverModule kRemote{kSeccoSolverAbi, sizeof(TermNode), open_remote, close_remote, check_remote};

}  // namespace

const SeccoSolverModule* start_solver_process(const std::string& path, std::string& error) {
  Server& s = server();
  std::lock_guard<std::mutex> lock(s.mutex);
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    error = std::string("cannot start the solver process: ") + std::strerror(errno);
    return nullptr;
  }
  // The server talks on its standard input, our end stays ours (close-on-exec).
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 0);
  std::vector<char*> argv{const_cast<char*>(path.c_str()), nullptr};
  pid_t pid;
  int rc = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    error = "the solver process " + path + " cannot be started: " + std::strerror(rc);
    return nullptr;
  }
  proto::Hello hello{};
  if (!receive_all(fds[0], &hello, sizeof hello) || hello.magic != proto::kMagic || hello.error_length > 4096) {
    ::close(fds[0]);
    error = "the solver process " + path + " does not answer as secco-solver";
    return nullptr;
  }
  std::string why(hello.error_length, '\0');
  if (!why.empty() && !receive_all(fds[0], why.data(), why.size())) why = "it stopped";
  if (!why.empty()) {
    ::close(fds[0]);
    error = why;
    return nullptr;
  }
  if (hello.abi != kSeccoSolverAbi || hello.node_size != sizeof(TermNode)) {
    ::close(fds[0]);
    error = "the solver process " + path + " does not match this build of secco";
    return nullptr;
  }
  s.fd = fds[0];
  return &kRemote;
}

}  // namespace secco::semantics
