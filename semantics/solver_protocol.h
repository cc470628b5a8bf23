// The messages between the engine and secco-solver, the solver module served in a process of its
// own (semantics/solver_process.h; the server is semantics/z3/solver_server.cc). Both ends are
// built together and run on one machine, so the messages are the structs below in native layout,
// over a Unix stream socket; the server's first message says which layout it was built for.
#pragma once

#include <sys/socket.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>

#include "semantics/term.h"

namespace secco::semantics::solver_protocol {

constexpr std::uint32_t kMagic = 0x5345335aU;  // "SE3Z"

// The server's first message, then `error_length` bytes: why it cannot serve (its module could
// not be loaded), empty when it can.
struct Hello {
  std::uint32_t magic;
  std::uint32_t abi;        // kSeccoSolverAbi of the module it loaded
  std::uint32_t node_size;  // sizeof(TermNode) where it was built
  std::uint32_t error_length;
};

enum Op : std::uint32_t { kOpen = 1, kClose = 2, kCheck = 3 };

// Open and Close have no reply. Check is followed by the store's nodes [first_node, node_count)
// (the ones this session has not sent yet: a store only grows) and `assertion_count` TermIds, and
// answered by a Reply.
struct Request {
  std::uint32_t op;
  std::uint32_t session;
  std::uint64_t first_node;
  std::uint64_t node_count;
  std::uint64_t assertion_count;
  std::uint32_t nr_lo, nr_hi, arch_lo, arch_hi;
  std::uint32_t timeout_ms;
  std::uint32_t reserved;
};

struct Reply {
  std::int32_t answer;  // SeccoSolverAnswer
  std::uint32_t reserved;
  std::uint64_t model[kVarCount];
};

// Far beyond any real query; a larger count is a corrupt message.
constexpr std::uint64_t kMaxItems = std::uint64_t{1} << 28;

// Whole messages over the socket `fd`, both ends. False when the peer is gone (no SIGPIPE).
inline bool send_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size != 0) {
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

inline bool receive_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size != 0) {
    ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace secco::semantics::solver_protocol
