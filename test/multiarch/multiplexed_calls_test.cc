// socketcall and ipc: on the ABIs where libseccomp 2.5.4 multiplexes (i386, s390, s390x, ppc,
// ppc64, ppc64le, mips, mipsel) a rule for `socket`, `connect`, `shmget`, `semop`... also decides
// the multiplexed call with that sub-call in arg0. Differential against libseccomp's filters for
// every such ABI alone and paired with every ABI of its byte order, with every sub-call number in
// arg0; then what secco decides where libseccomp has no sound answer (argument tests on a
// multiplexed call, ipc's version bits); then the real kernel on i386 through `int $0x80`.
#include <doctest/doctest.h>
#include <linux/ipc.h>
#include <linux/net.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "bpf/raw.h"
#include "lib/ia32_probe.h"
#include "lib/libseccomp_export.h"
#include "multiarch/multiarch_util.h"
#include "runtime/emulator.h"
#include "runtime/install.h"
#include "target/multiplexed.h"

namespace secco::testing {
namespace {

struct Rule {
  const char* name;
  std::uint32_t action;
};

// Sub-calls with and without a direct number (i386 has no direct accept, send, recv, semop,
// semtimedop), different actions so that a misrouted sub-call shows.
struct Policy {
  const char* text;
  std::vector<Rule> rules;
};
const Policy kPolicies[] = {
    {"DEFAULT_POLICY = errno(1)\nsocket: 1\nconnect: return errno(13)\naccept: 1\nsend: return errno(9)\n"
     "recv: return trap\nsendmmsg: 1\nsemop: return errno(7)\nshmget: 1\nmsgrcv: return errno(22)\n"
     "semtimedop: 1\nread: 1\n",
     {{"socket", SCMP_ACT_ALLOW},
      {"connect", SCMP_ACT_ERRNO(13)},
      {"accept", SCMP_ACT_ALLOW},
      {"send", SCMP_ACT_ERRNO(9)},
      {"recv", SCMP_ACT_TRAP},
      {"sendmmsg", SCMP_ACT_ALLOW},
      {"semop", SCMP_ACT_ERRNO(7)},
      {"shmget", SCMP_ACT_ALLOW},
      {"msgrcv", SCMP_ACT_ERRNO(22)},
      {"semtimedop", SCMP_ACT_ALLOW},
      {"read", SCMP_ACT_ALLOW}}},
    // A rule for the multiplexer itself, without argument tests, decides every multiplexed call.
    {"DEFAULT_POLICY = errno(1)\nsocketcall: return errno(4)\nconnect: return errno(13)\nbind: return errno(2)\n"
     "ipc: 1\nshmat: return errno(5)\n",
     {{"socketcall", SCMP_ACT_ERRNO(4)},
      {"connect", SCMP_ACT_ERRNO(13)},
      {"bind", SCMP_ACT_ERRNO(2)},
      {"ipc", SCMP_ACT_ALLOW},
      {"shmat", SCMP_ACT_ERRNO(5)}}},
};

std::optional<bpf::Program> libseccomp_filter(const std::vector<std::string_view>& abis, const Policy& p,
                                              std::string& error) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(1));
  int rc = seccomp_arch_remove(ctx, seccomp_arch_native());
  for (std::string_view a : abis)
    if (rc == 0) rc = seccomp_arch_add(ctx, seccomp_arch_resolve_name(libseccomp_abi_name(a)));
  for (const Rule& r : p.rules)
    if (rc == 0) rc = seccomp_rule_add(ctx, r.action, seccomp_syscall_resolve_name(r.name), 0);
  std::optional<bpf::Program> out;
  if (rc != 0) error = "libseccomp: " + std::to_string(rc);
  if (rc == 0) {
    if (std::optional<std::string> bytes = libseccomp_export_bytes(ctx))
      out = bpf::load_raw(abi(abis.front()).big_endian() ? native_order(*bytes) : *bytes, error);
  }
  seccomp_release(ctx);
  return out;
}

}  // namespace

TEST_CASE("multiplexed calls: the ABIs, and the forms of each sub-call") {
  std::vector<std::string> muxing;
  for (const Target* t : Target::all())
    if (multiplexes(*t)) muxing.emplace_back(t->name());
  CHECK(muxing == std::vector<std::string>{"i386", "ppc64le", "ppc64", "ppc", "s390x", "s390", "mips", "mipsel"});
  auto f = multiplexed_form(abi("i386"), "connect");
  REQUIRE(f);
  CHECK(f->multiplexer == "socketcall");
  CHECK(f->multiplexer_nr == 102);
  CHECK(f->call == SYS_CONNECT);
  CHECK(multiplexed_form(abi("mips"), "shmat")->multiplexer_nr == 4117);
  CHECK(multiplexed_form(abi("mips"), "shmat")->mask == 0xffff);
  CHECK_FALSE(multiplexed_form(abi("x86_64"), "connect"));
  CHECK_FALSE(multiplexed_form(abi("arm"), "connect"));  // libseccomp 2.5.4 does not multiplex on arm
  CHECK_FALSE(multiplexed_form(abi("i386"), "read"));
}

TEST_CASE("multiplexed calls decide as libseccomp's, alone and in every pair of one byte order") {
  std::size_t filters = 0, decisions = 0;
  for (const Policy& p : kPolicies) {
    for (const LibseccompAbiName& f : kLibseccompAbis) {
      const char* first = f.secco;
      if (!multiplexes(abi(first))) continue;
      std::vector<std::vector<std::string_view>> sets = {{first}};
      for (const LibseccompAbiName& g : kLibseccompAbis)
        if (std::string_view(g.secco) != first && abi(g.secco).big_endian() == abi(first).big_endian())
          sets.push_back({first, g.secco});
      for (const auto& set : sets) {
        std::string arch;
        for (std::string_view a : set) arch += (arch.empty() ? "" : ",") + std::string(a);
        INFO(arch << "\n" << std::string(p.text));
        std::string error;
        auto theirs = libseccomp_filter(set, p, error);
        REQUIRE_MESSAGE(theirs, error);
        auto ours = compile_for(arch, p.text);
        REQUIRE_MESSAGE(ours.program, ours.diagnostics);
        runtime::Emulator e_ours(*ours.program), e_theirs(*theirs);
        ++filters;
        for (std::string_view a : set) {
          const Target& t = abi(a);
          const auto muxer = [&](std::string_view n) { return t.syscall_number(n); };
          for (const SyscallEntry& s : t.syscalls()) {
            std::vector<std::uint64_t> arg0s = {0};
            if (multiplexes(t) && (muxer("socketcall") == s.nr || muxer("ipc") == s.nr))
              for (std::uint64_t v = 0; v <= 26; ++v) arg0s.push_back(v);
            for (std::uint64_t v : arg0s) {
              const SeccompData d = probe(t, s.nr, {v, 0, 0, 0, 0, 0});
              const Action mine = e_ours.run(d).action, libs = e_theirs.run(d).action;
              if (mine != libs)
                FAIL_CHECK(a << " " << s.name << "(" << v << "): secco " << mine.to_string() << ", libseccomp "
                             << libs.to_string());
              ++decisions;
            }
          }
        }
      }
    }
  }
  CHECK(filters == 2 * (8 + 3 * 9 + 5 * 8));  // each policy: 8 alone; 3 LE ABIs x 9 others, 5 BE x 8
  MESSAGE(filters << " filters, " << decisions << " decisions alike");
}

TEST_CASE("a rule with argument tests: its multiplexed form gets its most restrictive action") {
  // libseccomp overwrites the rule's arg0 test with the sub-call number and applies its other
  // tests to socketcall's own arguments (a pointer...): `socket: arg0 == AF_UNIX` lets
  // socketcall(SYS_SOCKET) through for every family. secco cannot read the arguments either, so
  // the multiplexed form gets the most restrictive action the rule can return, with a warning.
  auto c = compile_for("x86_64,i386,s390x",
                       "DEFAULT_POLICY = allow\nDEFAULT_NEGATIVE = errno(1)\nsocket: arg0 == 1\n"
                       "shmat: arg2 != 0; return errno(5)\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  CHECK(c.diagnostics.find("on i386, socketcall carries the arguments of 'socket' behind a pointer") !=
        std::string::npos);
  CHECK(c.diagnostics.find("gets errno(1), the most restrictive action") != std::string::npos);
  CHECK(c.diagnostics.find("on s390x, ipc carries the arguments of 'shmat'") != std::string::npos);
  runtime::Emulator e(*c.program);
  for (const char* a : {"i386", "s390x"}) {
    const Target& t = abi(a);
    const std::uint32_t sock = *t.syscall_number("socket"), socketcall = *t.syscall_number("socketcall");
    const std::uint32_t ipc = *t.syscall_number("ipc");
    INFO(a);
    CHECK(e.run(probe(t, sock, {1})).action == Action::allow());
    CHECK(e.run(probe(t, sock, {2})).action == Action::errno_(1));
    for (std::uint64_t fam : {0, 1, 2})
      CHECK(e.run(probe(t, socketcall, {SYS_SOCKET, fam})).action == Action::errno_(1));
    CHECK(e.run(probe(t, socketcall, {SYS_BIND})).action == Action::allow());
    // ipc keeps a version in arg0's high 16 bits (the kernel reads `call & 0xffff`): masked,
    // where libseccomp compares the whole value and lets ipc(SHMAT | 1 << 16) through.
    CHECK(e.run(probe(t, ipc, {SHMAT})).action == Action::errno_(5));
    CHECK(e.run(probe(t, ipc, {SHMAT | 0x10000})).action == Action::errno_(5));
    CHECK(e.run(probe(t, ipc, {SHMDT})).action == Action::allow());
  }
  // x86_64 has no multiplexer: only the direct calls.
  CHECK(e.run(probe(abi("x86_64"), 41, {2})).action == Action::errno_(1));
}

TEST_CASE("a multiplexer rule with argument tests decides the sub-calls without a rule") {
  auto c = compile_for("i386", "DEFAULT_POLICY = errno(1)\nsocketcall: arg0 <= 3\nconnect: return errno(13)\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator e(*c.program);
  const Target& t = abi("i386");
  CHECK(e.run(probe(t, 102, {SYS_SOCKET})).action == Action::allow());
  CHECK(e.run(probe(t, 102, {SYS_CONNECT})).action == Action::errno_(13));
  CHECK(e.run(probe(t, 102, {SYS_LISTEN})).action == Action::kill_thread());
  CHECK(e.run(probe(t, 362, {})).action == Action::errno_(13));
}

TEST_CASE("a sub-call that exists only multiplexed is unknown elsewhere") {
  auto ok = compile_for("x86_64", "send: 1\n");
  CHECK_FALSE(ok.program);
  CHECK(ok.diagnostics.find("unknown system call 'send'") != std::string::npos);
  auto both = compile_for("x86_64,i386", "DEFAULT_POLICY = allow\nsend: return errno(3)\n");
  REQUIRE_MESSAGE(both.program, both.diagnostics);
  CHECK(both.diagnostics.find("'send' does not exist on x86_64") != std::string::npos);
  runtime::Emulator e(*both.program);
  CHECK(e.run(probe(abi("i386"), 102, {SYS_SEND})).action == Action::errno_(3));
  CHECK(e.run(probe(abi("i386"), 102, {SYS_SENDTO})).action == Action::allow());
}

#if defined(__x86_64__)
TEST_CASE("i386 socketcall and ipc in the kernel (int $0x80)") {
  if (!has_ia32()) {
    MESSAGE("this kernel has no ia32 emulation (int $0x80): skipped");
    return;
  }
  auto c = compile_for("x86_64,i386",
                       "DEFAULT_POLICY = allow\nsocket: return errno(11)\nconnect: return errno(13)\n"
                       "shmget: return errno(5)\nsemop: return errno(7)\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator e(*c.program);
  struct Call {
    long nr, a0, a1;
    long expected;  // the kernel's result
  };
  // Denied calls return the rule's errno; allowed ones reach the kernel, which fails them on
  // their arguments (no pointer, bad ids) without side effects.
  const Call calls[] = {{102, SYS_SOCKET, 0, -11},
                        {359, 2, 1, -11},
                        {102, SYS_CONNECT, 0, -13},
                        {362, -1, 0, -13},
                        {102, SYS_GETSOCKNAME, 0, -EFAULT},
                        {102, SYS_LISTEN, 0, -EFAULT},
                        {117, SHMGET, 0, -5},
                        {117, SHMGET | 0x10000, 0, -5},
                        {395, 0, 0, -5},
                        {117, SEMOP, 0, -7},
                        {117, SHMDT, 0, -EINVAL},
                        {117, MSGCTL, -1, -EINVAL}};
  constexpr std::size_t n = std::size(calls);
  auto* results = static_cast<long*>(
      ::mmap(nullptr, sizeof(long) * (n + 1), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  REQUIRE(results != MAP_FAILED);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (!runtime::install_filter(*c.program).ok()) ::_exit(2);
    for (std::size_t i = 0; i < n; ++i) results[i] = int80(calls[i].nr, calls[i].a0, calls[i].a1);
    results[n] = ::syscall(SYS_socket, 2, 1, 0) == -1 ? -errno : 0;
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), "child status " << status);
  for (std::size_t i = 0; i < n; ++i) {
    INFO("i386 " << calls[i].nr << "(" << calls[i].a0 << ")");
    CHECK(results[i] == calls[i].expected);
    // The emulator agrees on the denials.
    const Action a = e.run(probe(abi("i386"), static_cast<std::uint32_t>(calls[i].nr),
                                 {static_cast<std::uint64_t>(static_cast<std::uint32_t>(calls[i].a0))}))
                         .action;
    if (calls[i].expected == -11 || calls[i].expected == -13 || calls[i].expected == -5 || calls[i].expected == -7)
      CHECK(a == Action::errno_(static_cast<std::uint16_t>(-calls[i].expected)));
    else
      CHECK(a == Action::allow());
  }
  CHECK(results[n] == -11);
  ::munmap(results, sizeof(long) * (n + 1));
}
#endif

}  // namespace secco::testing
