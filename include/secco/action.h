// What a seccomp program decides for a system call, and an emulator that computes it without the
// kernel: the same machine `secco emulate` and `secco test` run.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "secco/export.h"
#include "secco/program.h"

namespace secco {

// The kinds of SECCOMP_RET_* actions, most restrictive first (the kernel's precedence).
enum class ActionType : std::uint8_t {
  kill_process,  // SECCOMP_RET_KILL_PROCESS: the process dies of SIGSYS
  kill_thread,   // SECCOMP_RET_KILL_THREAD (policy spelling `kill`): the thread dies of SIGSYS
  trap,          // SECCOMP_RET_TRAP: SIGSYS is delivered, si_errno = data
  return_errno,  // SECCOMP_RET_ERRNO: the call fails with errno = data
  user_notif,    // SECCOMP_RET_USER_NOTIF: a listener decides
  trace,         // SECCOMP_RET_TRACE: a ptrace tracer is notified (ENOSYS without one)
  log,           // SECCOMP_RET_LOG: the call runs and is written to the audit log
  allow,         // SECCOMP_RET_ALLOW
};

struct FilterAction {
  ActionType type = ActionType::kill_thread;
  std::uint16_t data = 0;  // the errno, trap or trace value

  friend bool operator==(const FilterAction& a, const FilterAction& b) { return a.type == b.type && a.data == b.data; }
  friend bool operator!=(const FilterAction& a, const FilterAction& b) { return !(a == b); }
};

// The 32-bit value a filter returns for `action`, and back (unknown action bits mean kill_process,
// as in the kernel).
SECCO_API std::uint32_t encode(FilterAction action) noexcept;
SECCO_API FilterAction decode(std::uint32_t value) noexcept;
// "allow", "errno(1)", "trap(0)", "kill_thread", ...: the spelling `secco emulate` prints.
SECCO_API std::string to_string(FilterAction action) noexcept;
// An action as `secco test` case files accept it: "allow", "kill", "errno(13)", "EACCES", "13",
// "trap(2)"; nullopt otherwise. `arch` decides which errno names exist.
SECCO_API std::optional<FilterAction> parse_action(std::string_view text, std::string_view arch = "x86_64") noexcept;

// The kernel's struct seccomp_data: what a filter sees of one system call.
struct SyscallData {
  std::uint32_t nr = 0;
  std::uint32_t arch = 0;  // AUDIT_ARCH_* value
  std::uint64_t instruction_pointer = 0;
  std::array<std::uint64_t, 6> args{};
};

// The number of system call `name` on `arch` ("x86_64", "i386", ...), nullopt if unknown.
SECCO_API std::optional<std::uint32_t> syscall_number(std::string_view name, std::string_view arch = "x86_64") noexcept;
// The AUDIT_ARCH_* value of an architecture name, nullopt if unknown.
SECCO_API std::optional<std::uint32_t> audit_arch(std::string_view arch) noexcept;
// The seccomp_data of a call of `syscall` (a name or a decimal number) on `arch`; nullopt if the
// name or the architecture is unknown.
SECCO_API std::optional<SyscallData> make_syscall_data(std::string_view syscall, std::array<std::uint64_t, 6> args = {},
                                                       std::string_view arch = "x86_64") noexcept;

struct EmulateResult {
  FilterAction action;      // how the kernel acts on `value`
  std::uint32_t value = 0;  // what the program returned
  std::size_t steps = 0;    // instructions executed, the return included
  std::string error;        // non-empty when the program is one the kernel would refuse (nothing ran)

  bool ok() const noexcept { return error.empty(); }
};

// Runs `program` on `data` as the kernel would. A program the kernel would refuse is not run.
SECCO_API EmulateResult emulate(const Program& program, const SyscallData& data) noexcept;

}  // namespace secco
