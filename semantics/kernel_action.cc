#include "semantics/kernel_action.h"

namespace secco::semantics {
namespace {

// SECCOMP_RET_* action values (include/uapi/linux/seccomp.h).
constexpr std::uint32_t kKillProcess = 0x80000000U, kKillThread = 0, kTrap = 0x00030000U, kErrno = 0x00050000U,
                        kUserNotif = 0x7fc00000U, kTrace = 0x7ff00000U, kLog = 0x7ffc0000U, kAllow = 0x7fff0000U;
constexpr std::uint32_t kActionMask = 0xffff0000U;

bool carries_data(std::uint32_t action) {
  return action == kTrap || action == kErrno || action == kTrace;
}
bool known(std::uint32_t action) {
  return action == kKillProcess || action == kKillThread || action == kTrap || action == kErrno ||
         action == kUserNotif || action == kTrace || action == kLog || action == kAllow;
}

}  // namespace

std::uint32_t canonical_action(std::uint32_t ret) {
  std::uint32_t action = ret & kActionMask;
  if (!known(action)) return kKillProcess;
  return carries_data(action) ? ret : action;
}

TermId canonical_action(TermStore& s, TermId ret) {
  if (s.is_const(ret)) return s.constant(canonical_action(static_cast<std::uint32_t>(s.value(ret))), 32);
  TermId action = s.binary(Op::And, ret, s.constant(kActionMask, 32));
  TermId out = s.constant(kKillProcess, 32);
  for (std::uint32_t a : {kKillThread, kUserNotif, kLog, kAllow})
    out = s.ite(s.binary(Op::Eq, action, s.constant(a, 32)), action, out);
  for (std::uint32_t a : {kTrap, kErrno, kTrace}) out = s.ite(s.binary(Op::Eq, action, s.constant(a, 32)), ret, out);
  return out;
}

}  // namespace secco::semantics
