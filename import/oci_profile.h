// A Docker/OCI seccomp profile (the JSON of runc's config.json `linux.seccomp`, and of moby's
// profiles with `archMap`, `includes` and `excludes`) read into plain types, with every field
// checked. Nothing here knows about secco's tables or language: oci_import.cc turns a Profile into
// policy text. See docs/oci.md for the schema and what each field means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace secco::oci {

// A problem found in a profile. `path` is the JSON path of the value ("syscalls[12].args[0].op"),
// empty for the whole document; `line`/`column` are set (1-based) for syntax errors only.
struct Problem {
  enum class Severity { note, warning, error };
  Severity severity = Severity::error;
  std::string path;
  std::string message;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// The SCMP_ACT_* actions of libseccomp, as runc names them.
enum class ActionName { kill_thread, kill_process, trap, errno_ret, trace, allow, log, notify };

struct ProfileAction {
  ActionName name = ActionName::kill_thread;
  std::string spelling;                    // "SCMP_ACT_ERRNO", as written
  std::optional<std::uint32_t> errno_ret;  // errnoRet (ERRNO and TRACE only)
};

// One `args` item: a comparison of system call argument `index` as libseccomp's scmp_arg_cmp.
struct ProfileArg {
  unsigned index = 0;
  std::uint64_t value = 0;
  std::uint64_t value_two = 0;
  std::string op;  // "SCMP_CMP_EQ", ...: one of kOperators
};

// `includes` / `excludes` of moby's profiles.
struct ProfileFilter {
  std::vector<std::string> caps;
  std::vector<std::string> arches;                          // GOARCH-style names: amd64, arm64, x86, x32, s390x, ...
  std::optional<std::pair<unsigned, unsigned>> min_kernel;  // "4.8" -> {4, 8}
};

struct ProfileEntry {
  std::vector<std::string> names;
  ProfileAction action;
  std::vector<ProfileArg> args;
  std::string comment;
  ProfileFilter includes, excludes;
};

struct ArchMapEntry {
  std::string architecture;  // SCMP_ARCH_*
  std::vector<std::string> sub_architectures;
};

struct Profile {
  ProfileAction default_action;
  std::vector<std::string> architectures;  // SCMP_ARCH_*
  std::vector<ArchMapEntry> arch_map;
  std::vector<std::string> flags;  // SECCOMP_FILTER_FLAG_* (install-time; recorded, not compiled)
  std::vector<ProfileEntry> syscalls;
};

// The comparison operators of libseccomp (SCMP_CMP_*), all accepted.
inline constexpr std::string_view kOperators[] = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",       "SCMP_CMP_EQ",
                                                  "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};

// Reads `json`. Returns nullopt when any error was found; every problem goes to `problems`.
std::optional<Profile> parse_profile(std::string_view json, std::vector<Problem>& problems);

// "6.1" -> {6, 1}; nullopt unless MAJOR.MINOR (as moby's minKernel).
std::optional<std::pair<unsigned, unsigned>> parse_kernel_version(std::string_view text);

// libseccomp's architecture token (SCMP_ARCH_X86_64) -> secco's ABI name ("x86_64"); nullopt if unknown.
std::optional<std::string_view> abi_of_scmp_arch(std::string_view scmp_arch);
// The SCMP_ARCH_* name of a secco ABI name, or empty.
std::string_view scmp_arch_of_abi(std::string_view abi);
// Whether `name` is an architecture name moby's includes/excludes use (amd64, arm64, x86, ...), and
// whether it names the ABI `abi` (the native ABI of the filter, as moby compares with GOARCH).
bool is_filter_arch_name(std::string_view name);
bool filter_arch_matches(std::string_view name, std::string_view abi);
// Whether `name` is a Linux capability (CAP_CHOWN ... CAP_CHECKPOINT_RESTORE, linux/capability.h).
bool is_capability_name(std::string_view name);
// libseccomp treats these ABIs as 32-bit: only the low half of an argument is compared.
bool is_32bit_abi(std::string_view abi);

}  // namespace secco::oci
