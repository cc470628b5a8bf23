// A seccomp action (the value a filter returns) and its names. Shared by every stage, from the
// policy text (`errno(13)`) to the emulator's output line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace secco {

// Ordered by the kernel's precedence, most restrictive first.
enum class ActionKind : std::uint8_t { KillProcess, KillThread, Trap, Errno, UserNotif, Trace, Log, Allow };

struct Action {
  ActionKind kind = ActionKind::KillThread;
  std::uint16_t data = 0;  // errno, trap or trace value

  // The 32-bit value a filter returns for this action.
  std::uint32_t encode() const;
  // How the kernel interprets a filter's return value: unknown action bits mean kill_process,
  // errno data above 4095 is capped by the kernel only when the call returns (we keep it).
  static Action decode(std::uint32_t value);
  // "allow", "errno(13)", "trap(0)", ... the spelling of `secco emulate`.
  std::string to_string() const;
  // Whether the action takes a 16-bit value.
  bool has_data() const { return kind == ActionKind::Errno || kind == ActionKind::Trap || kind == ActionKind::Trace; }

  friend bool operator==(const Action& a, const Action& b) { return a.kind == b.kind && a.data == b.data; }
  friend bool operator!=(const Action& a, const Action& b) { return !(a == b); }
  friend bool operator<(const Action& a, const Action& b) { return a.encode() < b.encode(); }

  static Action allow() { return {ActionKind::Allow, 0}; }
  static Action kill_thread() { return {ActionKind::KillThread, 0}; }
  static Action kill_process() { return {ActionKind::KillProcess, 0}; }
  static Action errno_(std::uint16_t e) { return {ActionKind::Errno, e}; }
};

// Looks up an action keyword (case-insensitive): allow, kill, kill_thread, kill_process, trap,
// trace, log, user_notif, errno. Returns nullopt for anything else.
std::optional<ActionKind> action_keyword(std::string_view word);
// The keyword used when printing an action kind ("kill" prints as "kill_thread").
std::string_view action_keyword_name(ActionKind kind);

}  // namespace secco
