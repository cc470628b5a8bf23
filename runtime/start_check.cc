#include "runtime/start_check.h"

#include <linux/audit.h>

#include <cstdint>

#include "runtime/emulator.h"
#include "target/target.h"

namespace secco::runtime {

std::uint32_t native_audit_arch() {
#if defined(__x86_64__) && defined(__ILP32__)
  return AUDIT_ARCH_X86_64;  // x32 processes report the x86_64 arch with the x32 bit in nr
#elif defined(__x86_64__)
  return AUDIT_ARCH_X86_64;
#elif defined(__i386__)
  return AUDIT_ARCH_I386;
#elif defined(__aarch64__)
  return AUDIT_ARCH_AARCH64;
#else
#error "secco run: unknown native architecture"
#endif
}

const Target* native_target() {
  return Target::find_by_audit_arch(native_audit_arch());
}

std::string describe_action(const Action& action, const Target* target) {
  if (action.kind == ActionKind::Errno && target != nullptr) {
    if (auto name = target->errno_name(action.data)) return "errno " + std::string(*name);
  }
  return action.to_string();
}

std::string check_exec_allowed(const bpf::Program& program, const char* path, char* const* argv, char* const* envp) {
  const Target* target = native_target();
  std::optional<std::uint32_t> nr = target ? target->syscall_number("execve") : std::nullopt;
  if (!nr) return "secco has no system call table for this machine's architecture";
  std::string error;
  std::optional<Emulator> emu = Emulator::create(program, error);
  if (!emu) return error;
  SeccompData data;
  data.nr = *nr;
  data.arch = native_audit_arch();
  data.args[0] = reinterpret_cast<std::uintptr_t>(path);
  data.args[1] = reinterpret_cast<std::uintptr_t>(argv);
  data.args[2] = reinterpret_cast<std::uintptr_t>(envp);
  EmulatorResult r = emu->run(data);
  if (r.action.kind == ActionKind::Allow || r.action.kind == ActionKind::Log) return "";
  std::string got = describe_action(r.action, target);
  std::string why;
  switch (r.action.kind) {
    case ActionKind::Trace:
      why = " (with no tracer attached the call fails with ENOSYS)";
      break;
    case ActionKind::UserNotif:
      why = " (with no supervisor listening the call fails with ENOSYS)";
      break;
    default:
      break;
  }
  return "the policy does not let the command start: execve(\"" + std::string(path) + "\", ...) on " +
         std::string(target->name()) + " gets " + got + why +
         "; secco execs the command right after installing the filter, so the policy must allow execve "
         "(for example `execve: 1`); nothing was run";
}

}  // namespace secco::runtime
