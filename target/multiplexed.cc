#include "target/multiplexed.h"

#include <linux/ipc.h>
#include <linux/net.h>

#include <algorithm>
#include <iterator>

namespace secco {
namespace {

struct Subcall {
  std::string_view name;
  std::uint32_t call;
};

// Call numbers from the kernel's own headers (<linux/net.h>, <linux/ipc.h>).
constexpr Subcall kSocketcall[] = {{"socket", SYS_SOCKET},
                                   {"bind", SYS_BIND},
                                   {"connect", SYS_CONNECT},
                                   {"listen", SYS_LISTEN},
                                   {"accept", SYS_ACCEPT},
                                   {"getsockname", SYS_GETSOCKNAME},
                                   {"getpeername", SYS_GETPEERNAME},
                                   {"socketpair", SYS_SOCKETPAIR},
                                   {"send", SYS_SEND},
                                   {"recv", SYS_RECV},
                                   {"sendto", SYS_SENDTO},
                                   {"recvfrom", SYS_RECVFROM},
                                   {"shutdown", SYS_SHUTDOWN},
                                   {"setsockopt", SYS_SETSOCKOPT},
                                   {"getsockopt", SYS_GETSOCKOPT},
                                   {"sendmsg", SYS_SENDMSG},
                                   {"recvmsg", SYS_RECVMSG},
                                   {"accept4", SYS_ACCEPT4},
                                   {"recvmmsg", SYS_RECVMMSG},
                                   {"sendmmsg", SYS_SENDMMSG}};
constexpr Subcall kIpc[] = {{"semop", SEMOP},   {"semget", SEMGET}, {"semctl", SEMCTL}, {"semtimedop", SEMTIMEDOP},
                            {"msgsnd", MSGSND}, {"msgrcv", MSGRCV}, {"msgget", MSGGET}, {"msgctl", MSGCTL},
                            {"shmat", SHMAT},   {"shmdt", SHMDT},   {"shmget", SHMGET}, {"shmctl", SHMCTL}};

// libseccomp 2.5.4's arch-x86.c, arch-s390(x).c, arch-ppc(64).c and arch-mips.c (o32).
constexpr std::string_view kAbis[] = {"i386", "s390", "s390x", "ppc", "ppc64", "ppc64le", "mips", "mipsel"};

}  // namespace

bool multiplexes(const Target& t) {
  return std::find(std::begin(kAbis), std::end(kAbis), t.name()) != std::end(kAbis);
}

std::optional<MultiplexedForm> multiplexed_form(const Target& t, std::string_view name) {
  if (!multiplexes(t)) return std::nullopt;
  for (const Subcall& s : kSocketcall)
    if (s.name == name)
      if (auto nr = t.syscall_number("socketcall")) return MultiplexedForm{"socketcall", *nr, s.call, 0xffffffffu};
  for (const Subcall& s : kIpc)
    if (s.name == name)
      if (auto nr = t.syscall_number("ipc")) return MultiplexedForm{"ipc", *nr, s.call, 0xffffu};
  return std::nullopt;
}

std::vector<MultiplexedCall> multiplexed_calls(const Target& t) {
  std::vector<MultiplexedCall> out;
  for (const Subcall& s : kSocketcall)
    if (auto f = multiplexed_form(t, s.name)) out.push_back({s.name, *f});
  for (const Subcall& s : kIpc)
    if (auto f = multiplexed_form(t, s.name)) out.push_back({s.name, *f});
  return out;
}

std::uint32_t multiplexed_only_number(const MultiplexedForm& f) {
  return kMultiplexedOnlyBase | (f.multiplexer == "ipc" ? 0x100u : 0u) | f.call;
}

}  // namespace secco
