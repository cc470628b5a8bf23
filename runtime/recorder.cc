#include "runtime/recorder.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "runtime/syscall_decode.h"
#include "target/target.h"

namespace secco::runtime {
namespace {

struct PinnedArg {
  std::string_view call;
  int index;
  const char* prefix;  // constant names for the comment
};

// Arguments that are flags or enumerations (C ints), where the values a program uses form a small
// stable set: pinning them keeps the recorded policy tight without breaking a rerun.
constexpr PinnedArg kPinned[] = {
    {"socket", 0, "AF_"},
    {"socket", 1, "SOCK_"},
    {"socketpair", 0, "AF_"},
    {"socketpair", 1, "SOCK_"},
    {"fcntl", 1, "F_"},
    {"prctl", 0, "PR_"},
    {"arch_prctl", 0, "ARCH_"},
    {"mprotect", 2, "PROT_"},
    {"mmap", 2, "PROT_"},
    {"openat", 2, "O_"},
    {"open", 1, "O_"},
    {"personality", 0, nullptr},
    {"rt_sigprocmask", 0, nullptr},
};

std::string names_of(const Target& target, const char* prefix, std::uint32_t v) {
  if (prefix == nullptr) return std::to_string(v);
  std::string_view p(prefix);
  if (p == "O_") {
    std::uint32_t acc = v & 3;
    std::string out = acc == 0 ? "O_RDONLY" : acc == 1 ? "O_WRONLY" : "O_RDWR";
    if ((v & ~3U) != 0) out += "|" + flag_names(target, prefix, v & ~3U);
    return out;
  }
  if (p == "PROT_" && v == 0) return "PROT_NONE";
  if (p == "PROT_" || p == "SOCK_") return flag_names(target, prefix, v);
  return enum_name(target, prefix, v);
}

}  // namespace

void Recorder::add(const SeccompData& data) {
  ++total_;
  PerCall& pc = calls_[{data.arch, data.nr}];
  ++pc.count;
  const Target* target = Target::find_by_audit_arch(data.arch);
  if (target == nullptr || (target->x32_bit() != 0 && (data.nr & target->x32_bit()) != 0)) return;
  std::optional<std::string_view> name = target->syscall_name(data.nr);
  if (!name) return;
  for (const PinnedArg& p : kPinned) {
    if (p.call != *name) continue;
    std::set<std::uint32_t>& seen = pc.values[p.index];
    // One past the limit marks "too many": the argument stays free.
    if (seen.size() <= kMaxRecordedValues)
      seen.insert(static_cast<std::uint32_t>(data.args[static_cast<std::size_t>(p.index)]));
  }
}

std::uint64_t Recorder::foreign_calls(const Target& target) const {
  std::uint64_t n = 0;
  for (const auto& [key, pc] : calls_)
    if (key.first != target.audit_arch() || (target.x32_bit() != 0 && (key.second & target.x32_bit()) != 0))
      n += pc.count;
  return n;
}

std::string Recorder::policy_text(const Target& target, const std::string& command_line) const {
  std::string out;
  out += "# Recorded by `secco record` from: " + command_line + "\n";
  out += "# Allows the system calls the command made (" + std::to_string(total_) +
         " calls); anything else kills the process. Argument values are pinned where at most " +
         std::to_string(kMaxRecordedValues) + " distinct ones were seen.\n";
  if (std::uint64_t foreign = foreign_calls(target); foreign > 0)
    out += "# " + std::to_string(foreign) + " calls of other ABIs were seen and are not allowed here.\n";
  out += "DEFAULT_POSITIVE = allow\nDEFAULT_NEGATIVE = kill_process\nDEFAULT_POLICY = kill_process\n\n";
  for (const auto& [key, pc] : calls_) {
    if (key.first != target.audit_arch()) continue;
    std::optional<std::string_view> name = target.syscall_name(key.second);
    if (!name) continue;
    std::string body, comment;
    for (const auto& [index, seen] : pc.values) {
      if (seen.size() > kMaxRecordedValues) continue;
      const char* prefix = nullptr;
      for (const PinnedArg& p : kPinned)
        if (p.call == *name && p.index == index) prefix = p.prefix;
      std::string list, names;
      for (std::uint32_t v : seen) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%#x", v);
        list += std::string(", ") + (v == 0 ? "0" : buf);
        names += (names.empty() ? "" : ", ") + names_of(target, prefix, v);
      }
      if (!body.empty()) body += " && ";
      body += "in(argL" + std::to_string(index) + list + ")";
      comment += (comment.empty() ? "" : "; ") + std::string("arg") + std::to_string(index) + ": " + names;
    }
    out += std::string(*name) + ": " + (body.empty() ? "1" : body);
    out += "  # " + std::to_string(pc.count) + (pc.count == 1 ? " call" : " calls");
    if (!comment.empty()) out += "; " + comment;
    out += '\n';
  }
  return out;
}

std::string Recorder::profile_text(const Target& target) const {
  std::string out =
      "# nr weight name -- system call counts recorded by `secco record` (" + std::string(target.name()) + ")\n";
  for (const auto& [key, pc] : calls_) {
    if (key.first != target.audit_arch()) continue;
    std::optional<std::string_view> name = target.syscall_name(key.second);
    out += std::to_string(key.second) + " " + std::to_string(pc.count);
    if (name) out += " " + std::string(*name);
    out += '\n';
  }
  return out;
}

}  // namespace secco::runtime
