// moby's default profile compiled by secco for x86_64 + i386 + x32, installed in the real kernel.
// Every system call number the emulator says the filter denies with an errno is issued in a child
// under the filter: x86_64 numbers with syscall(2), x32 numbers with the x32 bit (seccomp decides
// before the kernel checks whether x32 is enabled), and i386 numbers with `int $0x80` when the
// kernel has ia32 emulation. A denied call never runs, so issuing it is safe; the kernel's
// result must be the emulator's errno. Calls the filter allows are issued only where that is
// harmless (getpid, personality queries), and a few argument checks of the profile (personality,
// clone namespace flags) are probed on both sides of their boundary.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>
#include <vector>

#include "api/compilation.h"
#include "import/oci_import.h"
#include "lib/ia32_probe.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "runtime/install.h"
#include "target/target.h"

namespace st = secco::testing;

#if defined(__x86_64__)
namespace {

// syscall(2) without the C library's errno translation: -errno on failure.
long raw_syscall(long nr, long a = 0) {
  long ret = ::syscall(nr, a, 0, 0, 0, 0, 0);
  return ret == -1 ? -errno : ret;
}

struct Probe {
  enum class Via { Syscall, Int80 } via;
  std::uint32_t nr;
  std::uint64_t arg0;
  long expected;  // what the emulator's decision makes the kernel return
};

constexpr std::size_t kMaxProbes = 4096;
struct Shared {
  long got[kMaxProbes];
  bool done;
};

secco::bpf::Program moby_program() {
  secco::oci::ImportOptions o;
  o.arches = {"x86_64", "i386", "x32"};
  o.kernel = std::make_pair(6u, 1u);
  o.source_name = "moby-default.json";
  auto r = secco::oci::import_profile(st::read_file(st::source_path("test/data/oci/moby-default.json")), o);
  REQUIRE(r.ok());
  secco::api::Settings s;
  s.arch = "x86_64,i386,x32";
  secco::api::Compilation comp(s);
  comp.add_text("moby-default.json (imported)", r.text);
  auto prog = comp.compile();
  std::ostringstream diags;
  comp.render_diagnostics(diags);
  REQUIRE_MESSAGE(prog.has_value(), diags.str());
  return *prog;
}

}  // namespace

TEST_CASE("moby's default profile for x86_64 + i386 + x32 decides in the kernel as in the emulator") {
  const bool ia32 = st::has_ia32();
  if (!ia32) MESSAGE("this kernel has no ia32 emulation (int $0x80): the i386 numbers are not issued");
  const secco::bpf::Program program = moby_program();
  secco::runtime::Emulator emu(program);
  const secco::Target& x86_64 = *secco::Target::find("x86_64");
  const secco::Target& i386 = *secco::Target::find("i386");
  const secco::Target& x32 = *secco::Target::find("x32");

  std::vector<Probe> probes;
  std::size_t allowed_skipped = 0;
  auto add = [&](const secco::Target& t, Probe::Via via, std::uint32_t nr, std::uint64_t arg0, bool allow_ok) {
    secco::SeccompData d;
    d.arch = t.audit_arch();
    d.nr = nr;
    d.args[0] = arg0;
    const secco::Action a = emu.run(d).action;
    if (a.kind == secco::ActionKind::Errno) {
      probes.push_back({via, nr, arg0, -static_cast<long>(a.data)});
    } else if (a.kind == secco::ActionKind::Allow && allow_ok) {
      probes.push_back({via, nr, arg0, 1});  // 1: "ran" (a result that is not the profile's errno)
    } else {
      REQUIRE_MESSAGE(a.kind == secco::ActionKind::Allow, t.name() << " nr " << nr << ": " << a.to_string());
      ++allowed_skipped;
    }
  };
  // Every number of each table and a few past its end; -1 is left out (the kernel's own
  // "skip this call" value).
  for (const secco::Target* t : {&x86_64, &i386, &x32}) {
    if (t == &i386 && !ia32) continue;
    std::uint32_t lo = ~0u, hi = 0;
    for (const secco::SyscallEntry& e : t->syscalls()) {
      lo = std::min(lo, e.nr);
      hi = std::max(hi, e.nr);
    }
    for (std::uint32_t nr = lo; nr <= hi + 8; ++nr) {
      // The kernel lets uretprobe and uprobe through without asking the filter (kernel/seccomp.c,
      // seccomp_uprobe_exception, Linux 6.12 and 6.16): their results say nothing about it.
      const auto name = t->syscall_name(nr);
      if (t == &x86_64 && name && (*name == "uretprobe" || *name == "uprobe")) continue;
      add(*t, t == &i386 ? Probe::Via::Int80 : Probe::Via::Syscall, nr, 0, false);
    }
  }
  // Argument checks: personality(0xffffffff) only queries; other personas are denied. clone with
  // CLONE_NEWUSER (0x10000000) is denied without CAP_SYS_ADMIN.
  add(x86_64, Probe::Via::Syscall, SYS_personality, 0xffffffff, true);
  add(x86_64, Probe::Via::Syscall, SYS_personality, 0x1234, false);
  add(x86_64, Probe::Via::Syscall, SYS_getpid, 0, true);
  add(x86_64, Probe::Via::Syscall, SYS_clone, 0x10000000, false);
  if (ia32) {
    add(i386, Probe::Via::Int80, 136, 0xffffffff, true);  // i386 personality
    add(i386, Probe::Via::Int80, 136, 0x1234, false);
    add(i386, Probe::Via::Int80, 20, 0, true);  // i386 getpid
  }
  REQUIRE(probes.size() <= kMaxProbes);
  REQUIRE(probes.size() > (ia32 ? 500U : 400U));

  auto* shared =
      static_cast<Shared*>(::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  REQUIRE(shared != MAP_FAILED);
  shared->done = false;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (!secco::runtime::install_filter(program).ok()) ::_exit(2);
    for (std::size_t i = 0; i < probes.size(); ++i) {
      const Probe& p = probes[i];
      shared->got[i] = p.via == Probe::Via::Int80 ? st::int80(p.nr, static_cast<long>(p.arg0))
                                                  : raw_syscall(p.nr, static_cast<long>(p.arg0));
    }
    shared->done = true;
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE_MESSAGE(WIFEXITED(status), "child status " << status);
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(shared->done);
  std::size_t denied = 0, ran = 0;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const Probe& p = probes[i];
    INFO((p.via == Probe::Via::Int80 ? std::string("int $0x80 ") : std::string("syscall "))
         << p.nr << " arg0 " << p.arg0);
    if (p.expected == 1) {
      CHECK(shared->got[i] != -EPERM);
      ++ran;
    } else {
      CHECK(shared->got[i] == p.expected);
      ++denied;
    }
  }
  ::munmap(shared, sizeof(Shared));
  MESSAGE(denied << " denied calls and " << ran << " allowed calls issued in the kernel as the emulator decided ("
                 << allowed_skipped << " allowed numbers not issued)");
}
#endif
