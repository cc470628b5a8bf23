// Hand-written seccomp programs and a fork helper for the runtime tests. The programs check the
// architecture first (kill_process on a foreign one), like every real filter, then test the
// system call number and, for `on_arg0`, the full 64-bit first argument.
#pragma once

#include <linux/audit.h>

#include <cstdint>
#include <functional>
#include <string>

#include "bpf/program.h"
#include "support/action.h"
#include "support/seccomp_data.h"

namespace secco::testing {

#if defined(__x86_64__)
inline constexpr std::uint32_t kNativeArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
inline constexpr std::uint32_t kNativeArch = AUDIT_ARCH_AARCH64;
#else
#error "add this architecture's AUDIT_ARCH value"
#endif

// A system call number that no kernel implements: ENOSYS when a filter allows it.
inline constexpr long kUnimplementedNr = 1000;

inline bpf::Insn load(std::uint32_t offset) {
  return bpf::stmt(bpf::op::LD | bpf::op::W | bpf::op::ABS, offset);
}
inline bpf::Insn jeq(std::uint32_t k, std::uint8_t jt, std::uint8_t jf) {
  return bpf::jump(bpf::op::JMP | bpf::op::JEQ | bpf::op::K, k, jt, jf);
}
inline bpf::Insn ret(Action action) {
  return bpf::stmt(bpf::op::RET | bpf::op::K, action.encode());
}
inline bpf::Insn ret_raw(std::uint32_t value) {
  return bpf::stmt(bpf::op::RET | bpf::op::K, value);
}

// The common prologue: anything but the native architecture gets `foreign`.
inline bpf::Program arch_check(Action foreign = Action::kill_process()) {
  return {load(seccomp_offset::kArch), jeq(kNativeArch, 1, 0), ret(foreign)};
}

// `hit` for system call `nr`, `otherwise` for every other call, `foreign` for another architecture.
inline bpf::Program on_syscall(long nr, Action hit, Action otherwise = Action::allow(),
                               Action foreign = Action::kill_process()) {
  bpf::Program p = arch_check(foreign);
  p.push_back(load(seccomp_offset::kNr));
  p.push_back(jeq(static_cast<std::uint32_t>(nr), 0, 1));
  p.push_back(ret(hit));
  p.push_back(ret(otherwise));
  return p;
}

// `hit` for system call `nr` whose args[0] equals `value` (all 64 bits), `otherwise` elsewhere.
inline bpf::Program on_arg0(long nr, std::uint64_t value, Action hit, Action otherwise = Action::allow()) {
  bpf::Program p = arch_check();
  p.push_back(load(seccomp_offset::kNr));                           // 3
  p.push_back(jeq(static_cast<std::uint32_t>(nr), 0, 5));           // 4 -> 10
  p.push_back(load(seccomp_offset::arg_low(0)));                    // 5
  p.push_back(jeq(static_cast<std::uint32_t>(value), 0, 3));        // 6 -> 10
  p.push_back(load(seccomp_offset::arg_high(0)));                   // 7
  p.push_back(jeq(static_cast<std::uint32_t>(value >> 32), 0, 1));  // 8 -> 10
  p.push_back(ret(hit));                                            // 9
  p.push_back(ret(otherwise));                                      // 10
  return p;
}

// A program of exactly `length` instructions (>= 4): `hit` for system call `nr`, allow for the
// rest, after enough padding loads.
inline bpf::Program of_length(std::size_t length, long nr, Action hit) {
  bpf::Program p(length - 3, load(seccomp_offset::kNr));
  p.push_back(jeq(static_cast<std::uint32_t>(nr), 0, 1));
  p.push_back(ret(hit));
  p.push_back(ret(Action::allow()));
  return p;
}

// Runs `body` in a forked child (so that filters it installs stay there) and returns the string
// it produced, or "<killed by signal N>", "<exit N>", "<timeout>" when it did not report.
std::string in_child(const std::function<std::string()>& body, int timeout_ms = 5000);

// This thread's seccomp mode (PR_GET_SECCOMP): 0 none, 2 filter.
int seccomp_mode();

}  // namespace secco::testing
