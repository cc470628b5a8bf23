// The public library API's program half (include/secco/program.h, action.h and the install part
// of secco.h): output formats, actions, system call data, emulation, installation and the kernel
// probe, each a thin noexcept wrapper over bpf/, runtime/ and target/. The wrappers turn every
// exception into an empty or failed result, so callers never see one.
#include <exception>
#include <string>
#include <utility>

#include "api/policy_tests.h"
#include "api/public_convert.h"
#include "bpf/raw.h"
#include "runtime/emulator.h"
#include "runtime/install.h"
#include "secco/secco.h"
#include "target/target.h"

#ifndef SECCO_VERSION
#define SECCO_VERSION "unknown"
#endif

namespace secco {

// ---- formats -----------------------------------------------------------------------------------

std::optional<Format> parse_format(std::string_view name) noexcept {
  auto f = bpf::parse_format(name);
  if (!f) return std::nullopt;
  return detail::from_bpf(*f);
}

const char* format_name(Format format) noexcept {
  switch (format) {
    case Format::bin:
      return "bin";
    case Format::assembly:
      return "asm";
    case Format::c:
      return "c";
    case Format::json:
      return "json";
    case Format::pcap_d:
      return "pcap-d";
    case Format::pcap_dd:
      return "pcap-dd";
    case Format::pcap_ddd:
      return "pcap-ddd";
  }
  return "?";
}

std::string dump(const Program& program, Format format, const DumpOptions& options) noexcept {
  try {
    const Target* target = Target::find(options.arch);
    if (target == nullptr) return {};
    bpf::RenderOptions ro;
    ro.target = target;
    ro.arch = std::string(target->name());
    ro.audit_arch = target->audit_arch();
    ro.sources = options.sources;
    ro.secco_version = SECCO_VERSION;
    ro.c_array_name = options.c_array_name;
    return bpf::render(detail::to_bpf(program), detail::to_bpf(format), ro);
  } catch (...) {
    return {};
  }
}

std::optional<Program> load_program(std::string_view bytes, std::string* error) noexcept {
  try {
    std::string err;
    auto p = bpf::load_raw(bytes, err);
    if (!p) {
      if (error != nullptr) *error = err;
      return std::nullopt;
    }
    return detail::from_bpf(*p);
  } catch (...) {
    if (error != nullptr) error->clear();
    return std::nullopt;
  }
}

// ---- actions and system calls ------------------------------------------------------------------

std::uint32_t encode(FilterAction action) noexcept {
  return detail::to_action(action).encode();
}
FilterAction decode(std::uint32_t value) noexcept {
  return detail::from_action(Action::decode(value));
}

std::string to_string(FilterAction action) noexcept {
  try {
    return detail::to_action(action).to_string();
  } catch (...) {
    return {};
  }
}

std::optional<FilterAction> parse_action(std::string_view text, std::string_view arch) noexcept {
  try {
    const Target* target = Target::find(arch);
    if (target == nullptr) return std::nullopt;
    auto a = api::parse_action_text(text, *target);
    if (!a) return std::nullopt;
    return detail::from_action(*a);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<std::uint32_t> syscall_number(std::string_view name, std::string_view arch) noexcept {
  try {
    const Target* target = Target::find(arch);
    if (target == nullptr) return std::nullopt;
    return target->syscall_number(name);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<std::uint32_t> audit_arch(std::string_view arch) noexcept {
  try {
    if (const Target* target = Target::find(arch)) return target->audit_arch();
    return audit_arch_by_name(arch);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<SyscallData> make_syscall_data(std::string_view syscall, std::array<std::uint64_t, 6> args,
                                             std::string_view arch) noexcept {
  try {
    const Target* target = Target::find(arch);
    if (target == nullptr) return std::nullopt;
    SyscallData d;
    d.arch = target->audit_arch();
    d.args = args;
    if (auto nr = target->syscall_number(syscall)) {
      d.nr = *nr;
    } else if (auto n = api::parse_number_text(syscall); n && *n <= 0xffffffffULL) {
      d.nr = static_cast<std::uint32_t>(*n);
    } else {
      return std::nullopt;
    }
    return d;
  } catch (...) {
    return std::nullopt;
  }
}

EmulateResult emulate(const Program& program, const SyscallData& data) noexcept {
  EmulateResult r;
  try {
    std::string err;
    auto emu = runtime::Emulator::create(detail::to_bpf(program), err);
    if (!emu) {
      r.error = "the kernel would refuse this program: " + err;
      return r;
    }
    SeccompData d;
    d.nr = data.nr;
    d.arch = data.arch;
    d.instruction_pointer = data.instruction_pointer;
    d.args = data.args;
    runtime::EmulatorResult e = emu->run(d);
    r.action = detail::from_action(e.action);
    r.value = e.value;
    r.steps = e.steps;
  } catch (const std::exception& e) {
    r.error = e.what();
    if (r.error.empty()) r.error = "emulation failed";
  } catch (...) {
    r.error = "emulation failed";
  }
  return r;
}

// ---- the kernel --------------------------------------------------------------------------------

InstallResult install(const Program& program, const InstallOptions& options) noexcept {
  InstallResult r;
  try {
    runtime::InstallOptions o;
    o.set_no_new_privs = options.set_no_new_privs;
    o.tsync = options.all_threads;
    o.require_tsync = options.require_all_threads;
    o.log = options.log;
    runtime::InstallResult k = runtime::install_filter(detail::to_bpf(program), o);
    r.status = runtime::status_name(k.status);
    r.error = k.error;
    r.message = std::move(k.message);
    r.warnings = std::move(k.warnings);
    r.used_prctl = k.used_prctl;
    r.all_threads = k.tsync_applied;
  } catch (const std::exception& e) {
    r.status = "kernel_error";
    r.message = e.what();
  } catch (...) {
    r.status = "kernel_error";
    r.message = "installation failed";
  }
  return r;
}

KernelInfo kernel_info() noexcept {
  KernelInfo info;
  try {
    runtime::KernelSupport k = runtime::probe_kernel();
    info.filters = k.filter_mode;
    info.seccomp_syscall = k.seccomp_syscall;
    info.all_threads = k.tsync;
    info.log_flag = k.log_flag;
    info.already_filtered = k.current_mode == 2;
    for (std::size_t i = 0; i < runtime::kActionKinds; ++i)
      if (k.actions[i]) info.actions.push_back(static_cast<ActionType>(i));
    info.problem = std::move(k.problem);
  } catch (...) {
    info.filters = false;
    info.problem = "the kernel could not be probed";
  }
  return info;
}

}  // namespace secco
