// Reading an OCI seccomp profile: JSON syntax (nlohmann-json), then every field checked against
// the schema runc and moby accept. An unknown field, a wrong type, an unknown action, operator or
// architecture is an error naming its JSON path; nothing is guessed, since a misread profile could
// give a more permissive filter.
#include "import/oci_profile.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

namespace secco::oci {
namespace {

using json = nlohmann::json;

struct ArchName {
  std::string_view scmp;             // libseccomp's token name
  std::string_view abi;              // secco's ABI name
  std::string_view filter_names[3];  // how moby's includes/excludes name it (unused slots empty)
  bool is_32bit;                     // libseccomp's ARCH_SIZE_32: arguments are compared on their low half only
};

const ArchName kArches[] = {
    {"SCMP_ARCH_X86_64", "x86_64", {"amd64", "x86_64"}, false},
    {"SCMP_ARCH_X86", "i386", {"386", "x86", "i386"}, true},
    {"SCMP_ARCH_X32", "x32", {"x32"}, true},
    {"SCMP_ARCH_AARCH64", "aarch64", {"arm64", "aarch64"}, false},
    {"SCMP_ARCH_ARM", "arm", {"arm"}, true},
    {"SCMP_ARCH_RISCV64", "riscv64", {"riscv64"}, false},
    {"SCMP_ARCH_PPC64LE", "ppc64le", {"ppc64le"}, false},
    {"SCMP_ARCH_PPC64", "ppc64", {"ppc64"}, false},
    {"SCMP_ARCH_PPC", "ppc", {"ppc"}, true},
    {"SCMP_ARCH_S390X", "s390x", {"s390x"}, false},
    {"SCMP_ARCH_S390", "s390", {"s390"}, true},
    {"SCMP_ARCH_MIPS", "mips", {"mips"}, true},
    {"SCMP_ARCH_MIPSEL", "mipsel", {"mipsle", "mipsel"}, true},
    {"SCMP_ARCH_MIPS64", "mips64", {"mips64"}, false},
    {"SCMP_ARCH_MIPSEL64", "mips64el", {"mips64le", "mips64el"}, false},
    {"SCMP_ARCH_MIPS64N32", "mips64n32", {"mips64n32"}, true},
    {"SCMP_ARCH_MIPSEL64N32", "mips64eln32", {"mips64len32", "mips64eln32"}, true},
    {"SCMP_ARCH_PARISC", "parisc", {"parisc"}, true},
    {"SCMP_ARCH_PARISC64", "parisc64", {"parisc64"}, false},
    {"SCMP_ARCH_LOONGARCH64", "loongarch64", {"loong64", "loongarch64"}, false},
    {"SCMP_ARCH_M68K", "m68k", {"m68k"}, true},
    {"SCMP_ARCH_SH", "sh", {"sh"}, true},
    {"SCMP_ARCH_SHEB", "sheb", {"sheb"}, true},
};

const std::pair<std::string_view, ActionName> kActions[] = {
    {"SCMP_ACT_KILL", ActionName::kill_thread},
    {"SCMP_ACT_KILL_THREAD", ActionName::kill_thread},
    {"SCMP_ACT_KILL_PROCESS", ActionName::kill_process},
    {"SCMP_ACT_TRAP", ActionName::trap},
    {"SCMP_ACT_ERRNO", ActionName::errno_ret},
    {"SCMP_ACT_TRACE", ActionName::trace},
    {"SCMP_ACT_ALLOW", ActionName::allow},
    {"SCMP_ACT_LOG", ActionName::log},
    {"SCMP_ACT_NOTIFY", ActionName::notify},
};

const std::string_view kFlags[] = {"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
                                   "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"};

// Collects problems while walking the document.
class Reader {
 public:
  explicit Reader(std::vector<Problem>& problems) : problems_(problems) {}

  void error(const std::string& path, std::string message) {
    problems_.push_back({Problem::Severity::error, path, std::move(message), 0, 0});
    ++errors_;
  }
  std::size_t errors() const { return errors_; }

  // Complains about every key of `obj` not in `known`.
  void only_keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) == known.end())
        error(join(path, it.key()), "unknown field '" + it.key() + "'");
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

  std::optional<std::uint64_t> u64(const json& v, const std::string& path) {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (v.is_number_integer()) {
      error(path, "must not be negative (" + v.dump() + ")");
    } else if (v.is_number_float()) {
      error(path, "not an unsigned 64-bit integer (" + v.dump() + ")");
    } else {
      error(path, "expected a number, found " + std::string(v.type_name()));
    }
    return std::nullopt;
  }

  std::optional<std::string> string(const json& v, const std::string& path) {
    if (v.is_string()) return v.get<std::string>();
    error(path, "expected a string, found " + std::string(v.type_name()));
    return std::nullopt;
  }

  // A list of strings; `null` counts as empty (Go writes nil slices so).
  std::vector<std::string> strings(const json& v, const std::string& path) {
    std::vector<std::string> out;
    if (v.is_null()) return out;
    if (!v.is_array()) {
      error(path, "expected a list of strings, found " + std::string(v.type_name()));
      return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i)
      if (auto s = string(v[i], index(path, i))) out.push_back(std::move(*s));
    return out;
  }

  std::optional<ActionName> action_name(const json& v, const std::string& path, std::string& spelling) {
    auto s = string(v, path);
    if (!s) return std::nullopt;
    spelling = *s;
    for (const auto& [name, kind] : kActions)
      if (name == *s) return kind;
    error(path, "unknown action '" + *s + "'");
    return std::nullopt;
  }

  void errno_ret(const json& v, const std::string& path, ProfileAction& a) {
    auto n = u64(v, path);
    if (!n) return;
    if (*n > 0xffff) {
      error(path, "errno value " + std::to_string(*n) + " does not fit in 16 bits");
      return;
    }
    if (a.name != ActionName::errno_ret && a.name != ActionName::trace) {
      error(path, "errnoRet is only meaningful with SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not " + a.spelling);
      return;
    }
    a.errno_ret = static_cast<std::uint32_t>(*n);
  }

  void scmp_arch(const std::string& name, const std::string& path) {
    if (!abi_of_scmp_arch(name)) error(path, "unknown architecture '" + name + "' (expected SCMP_ARCH_*)");
  }

  ProfileFilter filter(const json& v, const std::string& path) {
    ProfileFilter f;
    if (v.is_null()) return f;
    if (!v.is_object()) {
      error(path, "expected an object, found " + std::string(v.type_name()));
      return f;
    }
    only_keys(v, path, {"caps", "arches", "minKernel"});
    if (v.contains("caps")) {
      f.caps = strings(v["caps"], join(path, "caps"));
      for (std::size_t i = 0; i < f.caps.size(); ++i)
        if (!is_capability_name(f.caps[i]))
          error(index(join(path, "caps"), i), "unknown capability '" + f.caps[i] + "'");
    }
    if (v.contains("arches")) {
      f.arches = strings(v["arches"], join(path, "arches"));
      for (std::size_t i = 0; i < f.arches.size(); ++i)
        if (!is_filter_arch_name(f.arches[i]))
          error(index(join(path, "arches"), i), "unknown architecture '" + f.arches[i] + "'");
    }
    if (v.contains("minKernel") && !v["minKernel"].is_null()) {
      const std::string p = join(path, "minKernel");
      if (auto s = string(v["minKernel"], p)) {
        auto k = parse_kernel_version(*s);
        if (!k)
          error(p, "expected a kernel version MAJOR.MINOR, found '" + *s + "'");
        else
          f.min_kernel = k;
      }
    }
    return f;
  }

  void arg(const json& v, const std::string& path, std::vector<ProfileArg>& out) {
    if (!v.is_object()) {
      error(path, "expected an object, found " + std::string(v.type_name()));
      return;
    }
    only_keys(v, path, {"index", "value", "valueTwo", "op"});
    ProfileArg a;
    bool ok = true;
    for (const char* required : {"index", "value", "op"}) {
      if (!v.contains(required)) {
        error(path, std::string("missing field '") + required + "'");
        ok = false;
      }
    }
    if (!ok) return;
    if (auto i = u64(v["index"], join(path, "index"))) {
      if (*i > 5)
        error(join(path, "index"), "argument index " + std::to_string(*i) + " out of range (0 to 5)");
      else
        a.index = static_cast<unsigned>(*i);
    }
    if (auto x = u64(v["value"], join(path, "value"))) a.value = *x;
    if (v.contains("valueTwo"))
      if (auto x = u64(v["valueTwo"], join(path, "valueTwo"))) a.value_two = *x;
    if (auto op = string(v["op"], join(path, "op"))) {
      if (std::find(std::begin(kOperators), std::end(kOperators), *op) == std::end(kOperators))
        error(join(path, "op"), "unknown operator '" + *op + "'");
      a.op = *op;
    }
    out.push_back(std::move(a));
  }

  void entry(const json& v, const std::string& path, Profile& p) {
    if (!v.is_object()) {
      error(path, "expected an object, found " + std::string(v.type_name()));
      return;
    }
    only_keys(v, path, {"names", "name", "action", "errnoRet", "args", "comment", "includes", "excludes"});
    ProfileEntry e;
    if (v.contains("names")) e.names = strings(v["names"], join(path, "names"));
    if (v.contains("name")) {
      if (v.contains("names") && !v["names"].empty())
        error(join(path, "name"), "give either 'name' or 'names', not both");
      else if (auto s = string(v["name"], join(path, "name")))
        e.names.push_back(std::move(*s));
    }
    if (e.names.empty() && !v.contains("name")) error(path, "no system call names ('names' is missing or empty)");
    if (!v.contains("action")) {
      error(path, "missing field 'action'");
    } else if (auto a = action_name(v["action"], join(path, "action"), e.action.spelling)) {
      e.action.name = *a;
      if (v.contains("errnoRet") && !v["errnoRet"].is_null())
        errno_ret(v["errnoRet"], join(path, "errnoRet"), e.action);
    }
    if (v.contains("args") && !v["args"].is_null()) {
      const std::string ap = join(path, "args");
      if (!v["args"].is_array())
        error(ap, "expected a list, found " + std::string(v["args"].type_name()));
      else
        for (std::size_t i = 0; i < v["args"].size(); ++i) arg(v["args"][i], index(ap, i), e.args);
    }
    if (v.contains("comment")) {
      if (auto s = string(v["comment"], join(path, "comment"))) e.comment = *s;
    }
    if (v.contains("includes")) e.includes = filter(v["includes"], join(path, "includes"));
    if (v.contains("excludes")) e.excludes = filter(v["excludes"], join(path, "excludes"));
    p.syscalls.push_back(std::move(e));
  }

  void profile(const json& v, Profile& p) {
    if (!v.is_object()) {
      error("", "a seccomp profile is a JSON object, found " + std::string(v.type_name()));
      return;
    }
    only_keys(v, "",
              {"defaultAction", "defaultErrnoRet", "architectures", "archMap", "syscalls", "flags", "listenerPath",
               "listenerMetadata"});
    for (const char* listener : {"listenerPath", "listenerMetadata"}) {
      if (v.contains(listener))
        error(listener,
              "a seccomp notification listener is not supported: secco installs filters itself and has no agent to "
              "hand the listener to");
    }
    if (!v.contains("defaultAction")) {
      error("", "missing field 'defaultAction'");
    } else if (auto a = action_name(v["defaultAction"], "defaultAction", p.default_action.spelling)) {
      p.default_action.name = *a;
      if (v.contains("defaultErrnoRet") && !v["defaultErrnoRet"].is_null())
        errno_ret(v["defaultErrnoRet"], "defaultErrnoRet", p.default_action);
    }
    if (v.contains("architectures")) {
      p.architectures = strings(v["architectures"], "architectures");
      for (std::size_t i = 0; i < p.architectures.size(); ++i) scmp_arch(p.architectures[i], index("architectures", i));
    }
    if (v.contains("archMap") && !v["archMap"].is_null()) {
      const json& m = v["archMap"];
      if (!m.is_array()) error("archMap", "expected a list, found " + std::string(m.type_name()));
      for (std::size_t i = 0; m.is_array() && i < m.size(); ++i) {
        const std::string path = index("archMap", i);
        if (!m[i].is_object()) {
          error(path, "expected an object, found " + std::string(m[i].type_name()));
          continue;
        }
        only_keys(m[i], path, {"architecture", "subArchitectures"});
        ArchMapEntry e;
        if (!m[i].contains("architecture")) {
          error(path, "missing field 'architecture'");
        } else if (auto s = string(m[i]["architecture"], join(path, "architecture"))) {
          e.architecture = *s;
          scmp_arch(*s, join(path, "architecture"));
        }
        if (m[i].contains("subArchitectures")) {
          e.sub_architectures = strings(m[i]["subArchitectures"], join(path, "subArchitectures"));
          for (std::size_t k = 0; k < e.sub_architectures.size(); ++k)
            scmp_arch(e.sub_architectures[k], index(join(path, "subArchitectures"), k));
        }
        p.arch_map.push_back(std::move(e));
      }
    }
    if (v.contains("flags")) {
      p.flags = strings(v["flags"], "flags");
      for (std::size_t i = 0; i < p.flags.size(); ++i)
        if (std::find(std::begin(kFlags), std::end(kFlags), p.flags[i]) == std::end(kFlags))
          error(index("flags", i), "unknown flag '" + p.flags[i] + "'");
    }
    if (v.contains("syscalls") && !v["syscalls"].is_null()) {
      const json& s = v["syscalls"];
      if (!s.is_array()) error("syscalls", "expected a list, found " + std::string(s.type_name()));
      for (std::size_t i = 0; s.is_array() && i < s.size(); ++i) entry(s[i], index("syscalls", i), p);
    }
  }

 private:
  std::vector<Problem>& problems_;
  std::size_t errors_ = 0;
};

// 1-based line and column of byte offset `byte` (nlohmann counts the byte after the error).
std::pair<std::uint32_t, std::uint32_t> position(std::string_view text, std::size_t byte) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

std::optional<Profile> parse_profile(std::string_view text, std::vector<Problem>& problems) {
  // A key given twice in one object is an error: JSON readers disagree on which one wins.
  std::vector<std::set<std::string>> keys;
  std::vector<std::string> duplicates;
  json::parser_callback_t check_keys = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty()) {
      if (!keys.back().insert(parsed.get<std::string>()).second) duplicates.push_back(parsed.get<std::string>());
    }
    return true;
  };
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), check_keys);
  } catch (const json::parse_error& e) {
    auto [line, column] = position(text, e.byte);
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> the reason.
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    problems.push_back({Problem::Severity::error, "", "invalid JSON: " + what, line, column});
    return std::nullopt;
  }
  Reader r(problems);
  for (const std::string& key : duplicates) r.error("", "the key '" + key + "' appears twice in one object");
  Profile p;
  r.profile(doc, p);
  if (r.errors() != 0) return std::nullopt;
  return p;
}

std::optional<std::pair<unsigned, unsigned>> parse_kernel_version(std::string_view s) {
  // Digits, a dot, digits; at most 5 digits each so the value cannot overflow.
  auto number = [&](std::size_t& i, unsigned& out) {
    const std::size_t start = i;
    out = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 5)
      out = out * 10 + static_cast<unsigned>(s[i++] - '0');
    return i > start && (i == s.size() || s[i] < '0' || s[i] > '9');
  };
  std::size_t i = 0;
  unsigned major = 0, minor = 0;
  if (!number(i, major) || i >= s.size() || s[i] != '.') return std::nullopt;
  ++i;
  if (!number(i, minor) || i != s.size()) return std::nullopt;
  return std::make_pair(major, minor);
}

std::optional<std::string_view> abi_of_scmp_arch(std::string_view scmp_arch) {
  for (const ArchName& a : kArches)
    if (a.scmp == scmp_arch) return a.abi;
  return std::nullopt;
}

std::string_view scmp_arch_of_abi(std::string_view abi) {
  for (const ArchName& a : kArches)
    if (a.abi == abi) return a.scmp;
  return {};
}

bool is_filter_arch_name(std::string_view name) {
  for (const ArchName& a : kArches)
    for (std::string_view n : a.filter_names)
      if (!n.empty() && n == name) return true;
  return false;
}

bool filter_arch_matches(std::string_view name, std::string_view abi) {
  for (const ArchName& a : kArches)
    if (a.abi == abi)
      for (std::string_view n : a.filter_names)
        if (!n.empty() && n == name) return true;
  return false;
}

bool is_capability_name(std::string_view name) {
  static const std::string_view kCaps[] = {"CAP_CHOWN",
                                           "CAP_DAC_OVERRIDE",
                                           "CAP_DAC_READ_SEARCH",
                                           "CAP_FOWNER",
                                           "CAP_FSETID",
                                           "CAP_KILL",
                                           "CAP_SETGID",
                                           "CAP_SETUID",
                                           "CAP_SETPCAP",
                                           "CAP_LINUX_IMMUTABLE",
                                           "CAP_NET_BIND_SERVICE",
                                           "CAP_NET_BROADCAST",
                                           "CAP_NET_ADMIN",
                                           "CAP_NET_RAW",
                                           "CAP_IPC_LOCK",
                                           "CAP_IPC_OWNER",
                                           "CAP_SYS_MODULE",
                                           "CAP_SYS_RAWIO",
                                           "CAP_SYS_CHROOT",
                                           "CAP_SYS_PTRACE",
                                           "CAP_SYS_PACCT",
                                           "CAP_SYS_ADMIN",
                                           "CAP_SYS_BOOT",
                                           "CAP_SYS_NICE",
                                           "CAP_SYS_RESOURCE",
                                           "CAP_SYS_TIME",
                                           "CAP_SYS_TTY_CONFIG",
                                           "CAP_MKNOD",
                                           "CAP_LEASE",
                                           "CAP_AUDIT_WRITE",
                                           "CAP_AUDIT_CONTROL",
                                           "CAP_SETFCAP",
                                           "CAP_MAC_OVERRIDE",
                                           "CAP_MAC_ADMIN",
                                           "CAP_SYSLOG",
                                           "CAP_WAKE_ALARM",
                                           "CAP_BLOCK_SUSPEND",
                                           "CAP_AUDIT_READ",
                                           "CAP_PERFMON",
                                           "CAP_BPF",
                                           "CAP_CHECKPOINT_RESTORE"};
  return std::find(std::begin(kCaps), std::end(kCaps), name) != std::end(kCaps);
}

bool is_32bit_abi(std::string_view abi) {
  for (const ArchName& a : kArches)
    if (a.abi == abi) return a.is_32bit;
  return false;
}

}  // namespace secco::oci
