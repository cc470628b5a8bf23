// secco-solver: the solver module (secco-z3.so, beside this program) served over the Unix socket
// on its standard input, for the fully static `secco`, which cannot dlopen it
// (semantics/solver_process.h, messages in solver_protocol.h). It serves one client and ends when
// the client closes the socket or sends a message it cannot read.
#include <limits.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "semantics/load_solver_module.h"
#include "semantics/solver_module.h"
#include "semantics/solver_protocol.h"

namespace proto = secco::semantics::solver_protocol;
using secco::semantics::TermId;
using secco::semantics::TermNode;

namespace {

// The client's socket is this program's standard input.
bool send_all(const void* data, std::size_t size) {
  return proto::send_all(0, data, size);
}

bool receive_all(void* data, std::size_t size) {
  return proto::receive_all(0, data, size);
}

// secco-z3.so from this program's own directory (/proc/self/exe: not argv[0], which the caller chooses).
const SeccoSolverModule* load_module(std::string& error) {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    error = "secco-solver cannot read /proc/self/exe";
    return nullptr;
  }
  std::string path(self, static_cast<std::size_t>(n));
  path = path.substr(0, path.rfind('/') + 1) + "secco-z3.so";
  if (::access(path.c_str(), F_OK) != 0) {
    error = "the solver module is not installed (looked for " + path + ")";
    return nullptr;
  }
  return secco::semantics::load_solver_module(path, error);
}

struct Session {
  void* module_session = nullptr;
  std::vector<TermNode> nodes;
};

}  // namespace

int main() {
  std::string error;
  const SeccoSolverModule* module = load_module(error);
  proto::Hello hello{proto::kMagic, module ? module->abi : 0, module ? module->node_size : 0,
                     static_cast<std::uint32_t>(error.size())};
  if (!send_all(&hello, sizeof hello) || !send_all(error.data(), error.size()) || module == nullptr) return 1;

  std::map<std::uint32_t, Session> sessions;
  std::vector<TermId> assertions;
  for (proto::Request r; receive_all(&r, sizeof r);) {
    if (r.op == proto::kOpen) {
      sessions[r.session].module_session = module->open();
      continue;
    }
    auto it = sessions.find(r.session);
    if (it == sessions.end()) return 1;
    Session& s = it->second;
    if (r.op == proto::kClose) {
      if (s.module_session != nullptr) module->close(s.module_session);
      sessions.erase(it);
      continue;
    }
    if (r.op != proto::kCheck || r.first_node != s.nodes.size() || r.node_count < r.first_node ||
        r.node_count > proto::kMaxItems || r.assertion_count > proto::kMaxItems)
      return 1;
    s.nodes.resize(r.node_count);
    assertions.resize(r.assertion_count);
    if (!receive_all(s.nodes.data() + r.first_node, (r.node_count - r.first_node) * sizeof(TermNode)) ||
        !receive_all(assertions.data(), assertions.size() * sizeof(TermId)))
      return 1;
    proto::Reply reply{};
    reply.answer = kSeccoSolverUnknown;
    if (s.module_session != nullptr) {
      SeccoSolverQuery q{s.nodes.data(), s.nodes.size(), assertions.data(), assertions.size(), r.nr_lo,
                         r.nr_hi,        r.arch_lo,      r.arch_hi,         r.timeout_ms};
      reply.answer = module->check(s.module_session, &q, reply.model);
    }
    if (!send_all(&reply, sizeof reply)) return 1;
  }
  return 0;
}
