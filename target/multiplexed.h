// The multiplexed system calls: on some 32-bit-era ABIs `socketcall(call, args)` and
// `ipc(call, ...)` reach the socket and System V IPC calls through one number, the call in arg0.
// A rule naming `socket` (or `semop`...) also covers that form on the ABIs where libseccomp 2.5.4
// handles it: i386, s390, s390x, ppc, ppc64, ppc64le, mips, mipsel (docs/architectures.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "target/target.h"

namespace secco {

struct MultiplexedForm {
  std::string_view multiplexer;  // "socketcall" or "ipc"
  std::uint32_t multiplexer_nr;  // its number on the ABI
  std::uint32_t call;            // arg0's value: SYS_SOCKET, SEMOP...
  // The bits of arg0 the kernel reads as the call: socketcall's `int call` (32 bits); ipc keeps a
  // version in the high 16 bits (ksys_ipc: `call & 0xffff`).
  std::uint32_t mask;
};

// Whether `t` is an ABI where rules cover the multiplexed forms.
bool multiplexes(const Target& t);
// The multiplexed form of system call `name` on `t`, or nullopt (not a sub-call, or `t` does not
// multiplex).
std::optional<MultiplexedForm> multiplexed_form(const Target& t, std::string_view name);
// Every sub-call with a multiplexed form on `t` (none when `t` does not multiplex), socketcall's
// then ipc's, each by call number.
struct MultiplexedCall {
  std::string_view name;
  MultiplexedForm form;
};
std::vector<MultiplexedCall> multiplexed_calls(const Target& t);
// A rule for a sub-call with no direct number on its ABI (i386's `accept`, `semop`, `send`) is
// numbered from here until the multiplexing step folds it into its multiplexer's rule.
inline constexpr std::uint32_t kMultiplexedOnlyBase = 0xfff00000u;
inline bool is_multiplexed_only(std::uint32_t nr) {
  return nr >= kMultiplexedOnlyBase;
}
std::uint32_t multiplexed_only_number(const MultiplexedForm& f);

}  // namespace secco
