#include "support/action.h"

#include <algorithm>
#include <cctype>

namespace secco {
namespace {

constexpr std::uint32_t kRetKillProcess = 0x80000000U;
constexpr std::uint32_t kRetKillThread = 0x00000000U;
constexpr std::uint32_t kRetTrap = 0x00030000U;
constexpr std::uint32_t kRetErrno = 0x00050000U;
constexpr std::uint32_t kRetUserNotif = 0x7fc00000U;
constexpr std::uint32_t kRetTrace = 0x7ff00000U;
constexpr std::uint32_t kRetLog = 0x7ffc0000U;
constexpr std::uint32_t kRetAllow = 0x7fff0000U;
constexpr std::uint32_t kActionMask = 0xffff0000U;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::uint32_t Action::encode() const {
  switch (kind) {
    case ActionKind::KillProcess:
      return kRetKillProcess;
    case ActionKind::KillThread:
      return kRetKillThread;
    case ActionKind::Trap:
      return kRetTrap | data;
    case ActionKind::Errno:
      return kRetErrno | data;
    case ActionKind::UserNotif:
      return kRetUserNotif;
    case ActionKind::Trace:
      return kRetTrace | data;
    case ActionKind::Log:
      return kRetLog;
    case ActionKind::Allow:
      return kRetAllow;
  }
  return kRetKillProcess;
}

Action Action::decode(std::uint32_t value) {
  auto data = static_cast<std::uint16_t>(value & 0xffffU);
  switch (value & kActionMask) {
    case kRetKillProcess:
      return {ActionKind::KillProcess, 0};
    case kRetKillThread:
      return {ActionKind::KillThread, 0};
    case kRetTrap:
      return {ActionKind::Trap, data};
    case kRetErrno:
      return {ActionKind::Errno, data};
    case kRetUserNotif:
      return {ActionKind::UserNotif, 0};
    case kRetTrace:
      return {ActionKind::Trace, data};
    case kRetLog:
      return {ActionKind::Log, 0};
    case kRetAllow:
      return {ActionKind::Allow, 0};
    default:
      return {ActionKind::KillProcess, 0};  // the kernel kills the process on unknown actions
  }
}

std::string_view action_keyword_name(ActionKind kind) {
  switch (kind) {
    case ActionKind::KillProcess:
      return "kill_process";
    case ActionKind::KillThread:
      return "kill_thread";
    case ActionKind::Trap:
      return "trap";
    case ActionKind::Errno:
      return "errno";
    case ActionKind::UserNotif:
      return "user_notif";
    case ActionKind::Trace:
      return "trace";
    case ActionKind::Log:
      return "log";
    case ActionKind::Allow:
      return "allow";
  }
  return "kill_process";
}

std::string Action::to_string() const {
  std::string s(action_keyword_name(kind));
  if (has_data()) s += "(" + std::to_string(data) + ")";
  return s;
}

std::optional<ActionKind> action_keyword(std::string_view word) {
  std::string w = lower(word);
  if (w == "allow") return ActionKind::Allow;
  if (w == "kill" || w == "kill_thread") return ActionKind::KillThread;
  if (w == "kill_process") return ActionKind::KillProcess;
  if (w == "trap") return ActionKind::Trap;
  if (w == "trace") return ActionKind::Trace;
  if (w == "log") return ActionKind::Log;
  if (w == "user_notif") return ActionKind::UserNotif;
  if (w == "errno") return ActionKind::Errno;
  return std::nullopt;
}

}  // namespace secco
