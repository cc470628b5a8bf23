// Multi-ABI filters against libseccomp 2.5.4's (seccomp_arch_add): for every pair of the ABIs
// libseccomp supports, the same policy is built by both, and both programs run in the emulator
// on every system call number of each ABI of the pair, with argument values at the comparison
// boundaries and at the 32/64-bit edges, and on a foreign architecture. They must decide alike.
// libseccomp refuses a filter mixing byte orders (seccomp_arch_add gives -EDOM); those 90 pairs
// are counted, not compared: secco accepts them.
// Where the two define 32-bit arguments differently (libseccomp treats x32 and mips n32 as
// 32-bit ABIs and ignores the high halves; secco compares them, as the kernel passes 64-bit
// registers there, docs/language.md), those ABIs are probed with high halves of 0 only.
#include <doctest/doctest.h>
#include <seccomp.h>

#include "bpf/raw.h"
#include "lib/libseccomp_export.h"
#include "multiarch/multiarch_util.h"
#include "runtime/emulator.h"

namespace secco::testing {
namespace {

// libseccomp's 32-bit ABIs (it compares only the low halves there): the kernel's, plus x32 and
// mips n32, which libseccomp also builds as 32-bit.
bool libseccomp_args32(std::string_view name) {
  return abi(name).args_are_32bit() || name == "x32" || name == "mips64n32" || name == "mips64eln32";
}

struct Rule {
  const char* name;
  std::uint32_t action;
  std::vector<scmp_arg_cmp> cmps;
};

// A rule whose comparison fails falls to libseccomp's default action; in secco that is the
// negative action, so both defaults are errno(1).
const char* kSecco =
    "DEFAULT_POLICY = errno(1)\n"
    "DEFAULT_NEGATIVE = errno(1)\n"
    "read: arg0 == 3\n"
    "write: 1\n"
    "close: return errno(9)\n"
    "openat: (argL2 & 3) == 0\n"
    "ioctl: arg1 == 0x5401\n"
    "mmap: arg3 <= 0x22\n"
    "exit_group: 1\n"
    "getpid: return trap\n"
    "dup: arg0 >= 5\n"
    "fcntl: arg1 != 4\n"
    "lseek: arg2 < 2\n";

std::vector<Rule> rules() {
  return {{"read", SCMP_ACT_ALLOW, {SCMP_A0(SCMP_CMP_EQ, 3)}},
          {"write", SCMP_ACT_ALLOW, {}},
          {"close", SCMP_ACT_ERRNO(9), {}},
          {"openat", SCMP_ACT_ALLOW, {SCMP_A2(SCMP_CMP_MASKED_EQ, 3, 0)}},
          {"ioctl", SCMP_ACT_ALLOW, {SCMP_A1(SCMP_CMP_EQ, 0x5401)}},
          {"mmap", SCMP_ACT_ALLOW, {SCMP_A3(SCMP_CMP_LE, 0x22)}},
          {"exit_group", SCMP_ACT_ALLOW, {}},
          {"getpid", SCMP_ACT_TRAP, {}},
          {"dup", SCMP_ACT_ALLOW, {SCMP_A0(SCMP_CMP_GE, 5)}},
          {"fcntl", SCMP_ACT_ALLOW, {SCMP_A1(SCMP_CMP_NE, 4)}},
          {"lseek", SCMP_ACT_ALLOW, {SCMP_A2(SCMP_CMP_LT, 2)}}};
}

std::optional<bpf::Program> libseccomp_filter(const std::vector<const LibseccompAbiName*>& abis, std::string& error) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(1));
  if (ctx == nullptr) return std::nullopt;
  // The native ABI goes first when not wanted: libseccomp refuses an ABI of the other byte order
  // than one already in the filter, and the native one is there from seccomp_init.
  int rc = 0;
  bool native_wanted = false;
  for (const LibseccompAbiName* a : abis)
    native_wanted = native_wanted || seccomp_arch_resolve_name(a->libseccomp) == seccomp_arch_native();
  if (!native_wanted) rc = seccomp_arch_remove(ctx, seccomp_arch_native());
  for (const LibseccompAbiName* a : abis) {
    const std::uint32_t token = seccomp_arch_resolve_name(a->libseccomp);
    if (token != seccomp_arch_native() && rc == 0) {
      rc = seccomp_arch_add(ctx, token);
      if (rc != 0) error = std::string("seccomp_arch_add(") + a->libseccomp + "): " + std::to_string(rc);
    }
  }
  for (const Rule& r : rules()) {
    if (rc != 0) break;
    rc = seccomp_rule_add_array(ctx, r.action, seccomp_syscall_resolve_name(r.name),
                                static_cast<unsigned>(r.cmps.size()), r.cmps.data());
    if (rc != 0) error = std::string("seccomp_rule_add(") + r.name + "): " + std::to_string(rc);
  }
  std::optional<bpf::Program> out;
  if (rc == 0) {
    if (std::optional<std::string> bytes = libseccomp_export_bytes(ctx))
      out = bpf::load_raw(abi(abis.front()->secco).big_endian() ? native_order(*bytes) : *bytes, error);
  }
  seccomp_release(ctx);
  return out;
}

}  // namespace

TEST_CASE("every pair of ABIs: secco's multi-ABI filter decides as libseccomp's") {
  const std::vector<std::uint64_t> values = {0,
                                             1,
                                             2,
                                             3,
                                             4,
                                             5,
                                             9,
                                             0x22,
                                             0x23,
                                             0x5401,
                                             0xffffffffULL,
                                             0x100000000ULL,
                                             0x100000003ULL,
                                             0x100005401ULL,
                                             0xffffffff00000003ULL,
                                             0x8000000000000000ULL};
  std::size_t pairs = 0, decisions = 0, refused = 0;
  const auto t_big = [](const LibseccompAbiName& a) { return abi(a.secco).big_endian(); };
  for (std::size_t i = 0; i < std::size(kLibseccompAbis); ++i) {
    for (std::size_t j = i + 1; j < std::size(kLibseccompAbis); ++j) {
      const std::vector<const LibseccompAbiName*> pair = {&kLibseccompAbis[i], &kLibseccompAbis[j]};
      const std::string arch = std::string(kLibseccompAbis[i].secco) + "," + kLibseccompAbis[j].secco;
      INFO(arch);
      std::string error;
      auto theirs = libseccomp_filter(pair, error);
      auto ours = compile_for(arch, kSecco);
      REQUIRE_MESSAGE(ours.program, ours.diagnostics);
      if (!theirs) {
        // libseccomp keeps one byte order per filter, so a mixed pair is not one it supports in
        // one filter: nothing to compare with. secco compiles it (each ABI's loads in its own
        // byte order), which the conformance tests check in the emulator.
        CHECK_MESSAGE(t_big(kLibseccompAbis[i]) != t_big(kLibseccompAbis[j]), error);
        ++refused;
        continue;
      }
      runtime::Emulator e_ours(*ours.program), e_theirs(*theirs);
      ++pairs;
      for (const LibseccompAbiName* a : pair) {
        const Target& t = abi(a->secco);
        for (const SyscallEntry& s : t.syscalls()) {
          const bool ruled = s.name == "read" || s.name == "openat" || s.name == "ioctl" || s.name == "mmap" ||
                             s.name == "dup" || s.name == "fcntl" || s.name == "lseek";
          for (std::uint64_t v : values) {
            if (libseccomp_args32(a->secco) && v > 0xffffffffULL) continue;
            const SeccompData d = probe(t, s.nr, {v, v, v, v, v, v});
            const Action mine = e_ours.run(d).action, libs = e_theirs.run(d).action;
            if (mine != libs) {
              FAIL_CHECK(a->secco << " " << s.name << "(" << v << "): secco " << mine.to_string() << ", libseccomp "
                                  << libs.to_string());
            }
            ++decisions;
            if (!ruled) break;
          }
        }
      }
      // A foreign architecture.
      SeccompData foreign;
      foreign.arch = 0x4000002a;  // AUDIT_ARCH_SHEL: neither tool's target here
      CHECK(e_ours.run(foreign).action == e_theirs.run(foreign).action);
    }
  }
  // 10 little-endian and 9 big-endian ABIs: 45 + 36 pairs of one byte order, 90 mixed.
  CHECK(pairs == 81);
  CHECK(refused == 90);
  MESSAGE(pairs << " ABI pairs compared (" << refused << " mixed-endian pairs libseccomp refuses and secco compiles), "
                << decisions << " decisions");
}

}  // namespace secco::testing
