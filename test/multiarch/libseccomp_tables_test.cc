// The generated system call tables of every ABI, compared with libseccomp 2.5.4's own tables
// (seccomp_syscall_resolve_name_arch / resolve_num_arch) for every ABI both know. Every
// difference must be listed, with its reason, in test/multiarch/libseccomp_table_differences.txt,
// and every line there must still be a difference: the list is exact in both directions.
#include <doctest/doctest.h>
#include <seccomp.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "multiarch/multiarch_util.h"
#include "target/target.h"

namespace {

// "ABI NAME KIND" for each difference. KINDS: only-secco (libseccomp does not know the name),
// only-libseccomp (a name libseccomp resolves to a number of this ABI that secco does not
// have), number (both know the name, with different numbers), multiplexed (libseccomp resolves
// the name to its pseudo number for the socketcall/ipc form).
std::set<std::string> differences() {
  std::set<std::string> out;
  for (const secco::testing::LibseccompAbiName& names : secco::testing::kLibseccompAbis) {
    const std::string abi = names.secco, lname = names.libseccomp;
    const secco::Target* t = secco::Target::find(abi);
    REQUIRE_MESSAGE(t != nullptr, abi);
    const std::uint32_t token = seccomp_arch_resolve_name(lname.c_str());
    REQUIRE_MESSAGE(token != 0, lname);
    // libseccomp's token is the ABI's audit arch value; x32's is its own (AUDIT_ARCH_X86_64 without
    // __AUDIT_ARCH_64BIT), as x32 shares x86_64's value in seccomp_data.
    CHECK_MESSAGE(token == (abi == "x32" ? (t->audit_arch() & 0x7fffffffu) : t->audit_arch()), abi);
    std::uint32_t lowest = UINT32_MAX, highest = 0;
    for (const auto& s : t->syscalls()) {
      lowest = std::min(lowest, s.nr);
      highest = std::max(highest, s.nr);
      const std::string name(s.name);
      const int nr = seccomp_syscall_resolve_name_arch(token, name.c_str());
      if (nr == __NR_SCMP_ERROR) {
        out.insert(abi + " " + name + " only-secco");
      } else if (nr < 0) {
        out.insert(abi + " " + name + " multiplexed");  // libseccomp resolves it to a socketcall/ipc pseudo call
      } else if (static_cast<std::uint32_t>(nr) != s.nr) {
        out.insert(abi + " " + name + " number");
      }
    }
    // Names libseccomp gives to numbers around the ABI's range that secco lacks.
    for (std::uint32_t nr = lowest; nr <= highest + 64; ++nr) {
      char* name = seccomp_syscall_resolve_num_arch(token, static_cast<int>(nr));
      if (name == nullptr) continue;
      if (!t->syscall_number(name)) out.insert(abi + " " + name + " only-libseccomp");
      std::free(name);
    }
  }
  return out;
}

std::map<std::string, std::string> listed() {
  std::ifstream in(SECCO_SOURCE_DIR "/test/multiarch/libseccomp_table_differences.txt");
  REQUIRE(in);
  std::map<std::string, std::string> out;
  std::string line;
  std::string reason;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.rfind("## ", 0) == 0) {  // a reason for the lines below it
      reason = line.substr(3);
      continue;
    }
    if (line[0] == '#') continue;
    std::istringstream words(line);
    std::string abi, name, kind, more;
    const bool three_words = static_cast<bool>(words >> abi >> name >> kind) && !(words >> more);
    REQUIRE_MESSAGE(three_words, "bad line: " << line);
    REQUIRE_MESSAGE(!reason.empty(), "no reason above: " << line);
    out[abi + " " + name + " " + kind] = reason;
  }
  return out;
}

}  // namespace

TEST_CASE("system call tables agree with libseccomp 2.5.4's, up to the explained differences") {
  const auto found = differences();
  const auto explained = listed();
  for (const std::string& d : found) CHECK_MESSAGE(explained.count(d) == 1, "unexplained difference: " << d);
  for (const auto& [d, reason] : explained) CHECK_MESSAGE(found.count(d) == 1, "listed but not a difference: " << d);
}

TEST_CASE("libseccomp and secco agree on most of every table") {
  // The differences file must not hide a wrong table: most names agree on every ABI (the
  // multiplexed socket and ipc calls of the 32-bit ABIs are the largest group of differences).
  for (const secco::testing::LibseccompAbiName& names : secco::testing::kLibseccompAbis) {
    const std::string abi = names.secco, lname = names.libseccomp;
    const secco::Target* t = secco::Target::find(abi);
    REQUIRE(t != nullptr);
    const std::uint32_t token = seccomp_arch_resolve_name(lname.c_str());
    std::size_t same = 0;
    for (const auto& s : t->syscalls()) {
      const int nr = seccomp_syscall_resolve_name_arch(token, std::string(s.name).c_str());
      if (nr >= 0 && static_cast<std::uint32_t>(nr) == s.nr) ++same;
    }
    CHECK_MESSAGE(same * 100 >= t->syscalls().size() * 90, abi << ": " << same << " of " << t->syscalls().size());
  }
}
