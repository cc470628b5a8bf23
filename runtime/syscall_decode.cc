#include "runtime/syscall_decode.h"

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <cstring>
#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include "target/target.h"

namespace secco::runtime {
namespace {

enum class Arg : char {
  Hex,        // pointers, sizes we do not interpret
  Dec,        // plain numbers
  Fd,         // a descriptor
  DirFd,      // a descriptor or AT_FDCWD
  Path,       // a string read from the caller
  Open,       // O_* flags
  Mode,       // octal permission bits
  Prot,       // PROT_*
  Map,        // MAP_*
  Family,     // AF_*
  SockType,   // SOCK_*
  FcntlCmd,   // F_*
  Clone,      // CLONE_*
  At,         // AT_* flags
  Prctl,      // PR_*
  ArchPrctl,  // ARCH_*
};

struct Signature {
  std::vector<Arg> args;
};

// The calls audit reports most; names are the kernel's (all x86_64 and i386 where they exist).
const std::map<std::string_view, Signature>& signatures() {
  using A = Arg;
  static const std::map<std::string_view, Signature> table = {
      {"read", {{A::Fd, A::Hex, A::Dec}}},
      {"write", {{A::Fd, A::Hex, A::Dec}}},
      {"pread64", {{A::Fd, A::Hex, A::Dec, A::Dec}}},
      {"pwrite64", {{A::Fd, A::Hex, A::Dec, A::Dec}}},
      {"readv", {{A::Fd, A::Hex, A::Dec}}},
      {"writev", {{A::Fd, A::Hex, A::Dec}}},
      {"close", {{A::Fd}}},
      {"dup", {{A::Fd}}},
      {"dup2", {{A::Fd, A::Fd}}},
      {"dup3", {{A::Fd, A::Fd, A::Open}}},
      {"open", {{A::Path, A::Open, A::Mode}}},
      {"creat", {{A::Path, A::Mode}}},
      {"openat", {{A::DirFd, A::Path, A::Open, A::Mode}}},
      {"stat", {{A::Path, A::Hex}}},
      {"lstat", {{A::Path, A::Hex}}},
      {"fstat", {{A::Fd, A::Hex}}},
      {"newfstatat", {{A::DirFd, A::Path, A::Hex, A::At}}},
      {"statx", {{A::DirFd, A::Path, A::At, A::Hex, A::Hex}}},
      {"access", {{A::Path, A::Dec}}},
      {"faccessat", {{A::DirFd, A::Path, A::Dec}}},
      {"faccessat2", {{A::DirFd, A::Path, A::Dec, A::At}}},
      {"readlink", {{A::Path, A::Hex, A::Dec}}},
      {"readlinkat", {{A::DirFd, A::Path, A::Hex, A::Dec}}},
      {"mkdir", {{A::Path, A::Mode}}},
      {"mkdirat", {{A::DirFd, A::Path, A::Mode}}},
      {"rmdir", {{A::Path}}},
      {"unlink", {{A::Path}}},
      {"unlinkat", {{A::DirFd, A::Path, A::At}}},
      {"rename", {{A::Path, A::Path}}},
      {"renameat", {{A::DirFd, A::Path, A::DirFd, A::Path}}},
      {"renameat2", {{A::DirFd, A::Path, A::DirFd, A::Path, A::Hex}}},
      {"chdir", {{A::Path}}},
      {"fchdir", {{A::Fd}}},
      {"chmod", {{A::Path, A::Mode}}},
      {"fchmod", {{A::Fd, A::Mode}}},
      {"fchmodat", {{A::DirFd, A::Path, A::Mode}}},
      {"chown", {{A::Path, A::Dec, A::Dec}}},
      {"fchownat", {{A::DirFd, A::Path, A::Dec, A::Dec, A::At}}},
      {"symlink", {{A::Path, A::Path}}},
      {"link", {{A::Path, A::Path}}},
      {"truncate", {{A::Path, A::Dec}}},
      {"ftruncate", {{A::Fd, A::Dec}}},
      {"lseek", {{A::Fd, A::Dec, A::Dec}}},
      {"getdents64", {{A::Fd, A::Hex, A::Dec}}},
      {"ioctl", {{A::Fd, A::Hex, A::Hex}}},
      {"fcntl", {{A::Fd, A::FcntlCmd, A::Hex}}},
      {"mmap", {{A::Hex, A::Dec, A::Prot, A::Map, A::Fd, A::Hex}}},
      {"mprotect", {{A::Hex, A::Dec, A::Prot}}},
      {"munmap", {{A::Hex, A::Dec}}},
      {"socket", {{A::Family, A::SockType, A::Dec}}},
      {"socketpair", {{A::Family, A::SockType, A::Dec, A::Hex}}},
      {"connect", {{A::Fd, A::Hex, A::Dec}}},
      {"bind", {{A::Fd, A::Hex, A::Dec}}},
      {"listen", {{A::Fd, A::Dec}}},
      {"accept", {{A::Fd, A::Hex, A::Hex}}},
      {"accept4", {{A::Fd, A::Hex, A::Hex, A::SockType}}},
      {"sendto", {{A::Fd, A::Hex, A::Dec, A::Hex, A::Hex, A::Dec}}},
      {"recvfrom", {{A::Fd, A::Hex, A::Dec, A::Hex, A::Hex, A::Hex}}},
      {"execve", {{A::Path, A::Hex, A::Hex}}},
      {"execveat", {{A::DirFd, A::Path, A::Hex, A::Hex, A::At}}},
      {"clone", {{A::Clone, A::Hex, A::Hex, A::Hex, A::Hex}}},
      {"prctl", {{A::Prctl, A::Hex, A::Hex, A::Hex, A::Hex}}},
      {"arch_prctl", {{A::ArchPrctl, A::Hex}}},
      {"kill", {{A::Dec, A::Dec}}},
      {"tgkill", {{A::Dec, A::Dec, A::Dec}}},
      {"exit", {{A::Dec}}},
      {"exit_group", {{A::Dec}}},
      {"getpid", {{}}},
      {"getppid", {{}}},
      {"getuid", {{}}},
      {"geteuid", {{}}},
      {"getgid", {{}}},
      {"getegid", {{}}},
      {"brk", {{A::Hex}}},
      {"uname", {{A::Hex}}},
      {"pipe2", {{A::Hex, A::Open}}},
      {"mount", {{A::Path, A::Path, A::Path, A::Hex, A::Hex}}},
      {"umount2", {{A::Path, A::Dec}}},
      {"chroot", {{A::Path}}},
      {"acct", {{A::Path}}},
      {"ptrace", {{A::Dec, A::Dec, A::Hex, A::Hex}}},
  };
  return table;
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// Names that stand for a value another name already has, or masks rather than flags.
bool skipped_name(std::string_view name) {
  if (name.rfind("SOCK_TXREHASH_", 0) == 0 || name.rfind("F_SEAL_", 0) == 0 || name.rfind("F_OWNER_", 0) == 0)
    return true;
  static const std::vector<std::string_view> skip = {"SOCK_BUF_LOCK_MASK",
                                                     "SOCK_RCVBUF_LOCK",
                                                     "SOCK_SNDBUF_LOCK",
                                                     "F_OK",
                                                     "F_ULOCK",
                                                     "F_LOCK",
                                                     "F_TLOCK",
                                                     "F_TEST",
                                                     "F_SHLCK",
                                                     "F_EXLCK",
                                                     "F_RDLCK",
                                                     "F_WRLCK",
                                                     "F_UNLCK",
                                                     "F_LINUX_SPECIFIC_BASE",
                                                     "O_ACCMODE",
                                                     "O_NDELAY",
                                                     "O_FSYNC",
                                                     "O_RSYNC",
                                                     "MAP_ANON",
                                                     "MAP_FILE",
                                                     "MAP_TYPE",
                                                     "AF_LOCAL",
                                                     "AF_FILE",
                                                     "AF_ROUTE",
                                                     "MAP_HUGE_MASK",
                                                     "MAP_HUGE_SHIFT",
                                                     "MAP_SHARED_VALIDATE"};
  return std::find(skip.begin(), skip.end(), name) != skip.end();
}

std::vector<ConstantEntry> with_prefix(const Target& target, const char* prefix) {
  std::vector<ConstantEntry> out;
  std::size_t len = std::strlen(prefix);
  for (const ConstantEntry& c : target.constants())
    if (c.name.compare(0, len, prefix) == 0 && !skipped_name(c.name) && !c.negative_in_c) out.push_back(c);
  return out;
}

// Sub-prefixes that name the values of an enumeration argument (prctl's options, fcntl's commands)
// rather than the values of its own arguments, which share the prefix and the numbers.
bool preferred(std::string_view name) {
  for (std::string_view p : {"PR_SET_", "PR_GET_", "F_GET", "F_SET", "F_DUPFD", "ARCH_"})
    if (name.rfind(p, 0) == 0) return true;
  return false;
}

std::string open_flags(const Target& target, std::uint64_t value) {
  std::uint64_t acc = value & 3;
  std::string out = acc == 0 ? "O_RDONLY" : acc == 1 ? "O_WRONLY" : acc == 2 ? "O_RDWR" : "3";
  std::uint64_t rest = value & ~std::uint64_t{3};
  if (rest != 0) out += "|" + flag_names(target, "O_", rest);
  return out;
}

std::string socket_type(const Target& target, std::uint64_t value) {
  std::string out = enum_name(target, "SOCK_", value & 0xf);
  std::uint64_t rest = value & ~std::uint64_t{0xf};
  if (rest != 0) out += "|" + flag_names(target, "SOCK_", rest);
  return out;
}

std::string dirfd(const Target& target, std::uint64_t value) {
  if (static_cast<std::uint32_t>(value) == 0xffffff9cU) return "AT_FDCWD";
  (void)target;
  return std::to_string(static_cast<std::int32_t>(value));
}

std::string decode(const Target* target, Arg kind, std::uint64_t v, const StringReader* read) {
  switch (kind) {
    case Arg::Dec:
      return std::to_string(static_cast<std::int64_t>(v));
    case Arg::Fd:
      return std::to_string(static_cast<std::int32_t>(v));
    case Arg::Mode: {
      char buf[24];
      std::snprintf(buf, sizeof buf, "0%llo", static_cast<unsigned long long>(v));
      return buf;
    }
    case Arg::Path: {
      if (v == 0) return "NULL";
      if (read != nullptr && *read) {
        if (std::optional<std::string> s = (*read)(v, 4096)) {
          std::string out = "\"";
          for (char c : *s) {
            if (c == '"' || c == '\\') {
              out += '\\';
              out += c;
            } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
              char esc[8];
              std::snprintf(esc, sizeof esc, "\\x%02x", static_cast<unsigned char>(c));
              out += esc;
            } else {
              out += c;
            }
          }
          return out + "\"";
        }
      }
      return hex(v);
    }
    default:
      break;
  }
  if (target == nullptr) return hex(v);
  switch (kind) {
    case Arg::DirFd:
      return dirfd(*target, v);
    case Arg::Open:
      return open_flags(*target, v);
    case Arg::Prot:
      return v == 0 ? "PROT_NONE" : flag_names(*target, "PROT_", v);
    case Arg::Map:
      return flag_names(*target, "MAP_", v);
    case Arg::Family:
      return enum_name(*target, "AF_", v);
    case Arg::SockType:
      return socket_type(*target, v);
    case Arg::FcntlCmd:
      return enum_name(*target, "F_", v);
    case Arg::Clone:
      return flag_names(*target, "CLONE_", v);
    case Arg::At:
      return v == 0 ? "0" : flag_names(*target, "AT_", v);
    case Arg::Prctl:
      return enum_name(*target, "PR_", v);
    case Arg::ArchPrctl:
      return enum_name(*target, "ARCH_", v);
    default:
      return hex(v);
  }
}

}  // namespace

std::string enum_name(const Target& target, const char* prefix, std::uint64_t value) {
  const ConstantEntry* best = nullptr;
  auto rank = [](const ConstantEntry& c) { return std::make_tuple(!preferred(c.name), c.name.size(), c.name); };
  std::vector<ConstantEntry> cands = with_prefix(target, prefix);
  for (const ConstantEntry& c : cands)
    if (c.value == value && (best == nullptr || rank(c) < rank(*best))) best = &c;
  return best ? std::string(best->name) : std::to_string(value);
}

std::string flag_names(const Target& target, const char* prefix, std::uint64_t value) {
  std::vector<ConstantEntry> cands;
  for (const ConstantEntry& c : with_prefix(target, prefix))
    if (c.value != 0) cands.push_back(c);
  // Widest first (O_SYNC before O_DSYNC, which it contains), then by value and name: deterministic.
  std::stable_sort(cands.begin(), cands.end(), [](const ConstantEntry& a, const ConstantEntry& b) {
    auto pa = std::bitset<64>(a.value).count(), pb = std::bitset<64>(b.value).count();
    if (pa != pb) return pa > pb;
    if (a.value != b.value) return a.value < b.value;
    return a.name < b.name;
  });
  std::vector<std::pair<std::uint64_t, std::string_view>> taken;
  std::uint64_t rest = value;
  for (const ConstantEntry& c : cands) {
    if ((rest & c.value) == c.value) {
      taken.emplace_back(c.value, c.name);
      rest &= ~c.value;
    }
  }
  std::sort(taken.begin(), taken.end());
  std::string out;
  for (const auto& t : taken) out += (out.empty() ? "" : "|") + std::string(t.second);
  if (rest != 0 || out.empty()) out += (out.empty() ? "" : "|") + hex(rest);
  return out;
}

std::string format_call(const Target* target, const SeccompData& data, const StringReader* read) {
  std::optional<std::string_view> name = target ? target->syscall_name(data.nr) : std::nullopt;
  std::string out = name ? std::string(*name) : "syscall_" + std::to_string(data.nr);
  out += '(';
  auto it = name ? signatures().find(*name) : signatures().end();
  if (it != signatures().end()) {
    const std::vector<Arg>& args = it->second.args;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out += ", ";
      out += decode(target, args[i], data.args[i], read);
    }
  } else {
    // Unknown signature: all six registers, trailing zeros dropped.
    std::size_t n = 6;
    while (n > 0 && data.args[n - 1] == 0) --n;
    for (std::size_t i = 0; i < n; ++i) out += (i > 0 ? ", " : "") + hex(data.args[i]);
  }
  return out + ')';
}

}  // namespace secco::runtime
