// One filter for several ABIs (spec §10): arch dispatch, per-ABI numbers, x32 inside
// AUDIT_ARCH_X86_64, rules skipped where a call does not exist, the errors (unknown on every
// ABI with a did-you-mean, unknown architecture, ARCH lines), and the emulator against the
// multi-ABI interpreter.
#include <doctest/doctest.h>

#include "bpf/disassembler.h"
#include "ir/interpreter.h"
#include "multiarch/multiarch_util.h"
#include "runtime/emulator.h"

namespace secco::testing {
namespace {

const char* kPolicy =
    "DEFAULT_POLICY = errno(1)\n"
    "read: arg0 == 3\n"
    "write: 1\n"
    "getpid: return errno(7)\n";

}  // namespace

TEST_CASE("x86_64,i386,x32: each ABI decides on its own numbers") {
  auto c = compile_for("x86_64,i386,x32", kPolicy);
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator emu(*c.program);
  for (const char* name : {"x86_64", "i386", "x32"}) {
    INFO(name);
    const Target& t = abi(name);
    CHECK(emu.run(probe(t, *t.syscall_number("read"), {3})).action == Action::allow());
    CHECK(emu.run(probe(t, *t.syscall_number("read"), {4})).action == Action::kill_thread());
    CHECK(emu.run(probe(t, *t.syscall_number("write"))).action == Action::allow());
    CHECK(emu.run(probe(t, *t.syscall_number("getpid"))).action == Action::errno_(7));
    CHECK(emu.run(probe(t, *t.syscall_number("close"))).action == Action::errno_(1));
    CHECK(emu.run(probe(t, 0xffffffffU)).action == Action::errno_(1));
  }
  // i386's getpid is 20; on x86_64 20 is writev: the ABIs do not share numbers.
  CHECK(emu.run(probe(abi("x86_64"), 20)).action == Action::errno_(1));
  CHECK(emu.run(probe(abi("i386"), 20)).action == Action::errno_(7));
  // A foreign architecture gets the wrong-architecture action.
  CHECK(emu.run(probe(abi("aarch64"), 63, {3})).action == Action::kill_thread());
  // Program shape: the arch is tested first, once per audit arch value (x32 shares x86_64's).
  const auto& p = *c.program;
  REQUIRE(p.size() > 4);
  CHECK(p[0].code == (bpf::op::LD | bpf::op::W | bpf::op::ABS));
  CHECK(p[0].k == seccomp_offset::kArch);
  std::size_t arch_tests = 0;
  for (const bpf::Insn& in : p)
    if (in.code == (bpf::op::JMP | bpf::op::JEQ | bpf::op::K) &&
        (in.k == abi("x86_64").audit_arch() || in.k == abi("i386").audit_arch()))
      ++arch_tests;
  CHECK(arch_tests == 2);
}

TEST_CASE("x32 alone, and x86_64 without x32") {
  auto x32 = compile_for("x32", kPolicy);
  REQUIRE_MESSAGE(x32.program, x32.diagnostics);
  runtime::Emulator e32(*x32.program);
  CHECK(e32.run(probe(abi("x32"), 0x40000000u, {3})).action == Action::allow());
  CHECK(e32.run(probe(abi("x86_64"), 0, {3})).action == Action::kill_thread());  // an x86_64 number
  auto x64 = compile_for("x86_64", kPolicy);
  REQUIRE(x64.program);
  runtime::Emulator e64(*x64.program);
  CHECK(e64.run(probe(abi("x86_64"), 0x40000000u, {3})).action == Action::kill_thread());  // an x32 number
}

TEST_CASE("a rule applies where its call exists; a note lists where it was skipped") {
  auto c = compile_for("x86_64,aarch64", "open: 1\nread: 1\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  CHECK(c.diagnostics.find("note: 'open' does not exist on aarch64: the rule is skipped there") != std::string::npos);
  CHECK(c.diagnostics.find("'read'") == std::string::npos);
  runtime::Emulator emu(*c.program);
  CHECK(emu.run(probe(abi("x86_64"), 2)).action == Action::allow());
  CHECK(emu.run(probe(abi("aarch64"), 63)).action == Action::allow());
  CHECK(emu.run(probe(abi("aarch64"), 2)).action == Action::kill_thread());  // aarch64's 2 is io_submit
}

TEST_CASE("many skipped rules: one note per ABI with the count and the first names; -Wall lists each") {
  // i386-only calls: skipped on x86_64 and x32, which also lacks the old epoll calls.
  const char* policy =
      "chown32: 1\nfchown32: 1\nlchown32: 1\nsetuid32: 1\nsetgid32: 1\ngetuid32: 1\n"
      "epoll_ctl_old: 1\nread: 1\n";
  auto c = compile_for("x86_64,i386,x32", policy);
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  CHECK(c.diagnostics.find("note: rules skipped on x86_64, where their system calls do not exist: 6 (chown32, "
                           "fchown32, lchown32, setuid32, setgid32, ...; -Wall lists each)") != std::string::npos);
  CHECK(c.diagnostics.find("note: rules skipped on x32, where their system calls do not exist: 7 (") !=
        std::string::npos);
  CHECK(c.diagnostics.find("note: rules skipped on i386, where their system calls do not exist: 1 (epoll_ctl_old; "
                           "-Wall lists each)") != std::string::npos);
  CHECK(c.diagnostics.find("the rule is skipped there") == std::string::npos);
  api::Settings s;
  s.arch = "x86_64,i386,x32";
  s.warning_options = {"all"};
  api::Compilation all(s);
  all.add_text("p.secco", policy);
  REQUIRE(all.compile());
  std::ostringstream os;
  all.render_diagnostics(os);
  CHECK(os.str().find("note: 'getuid32' does not exist on x86_64, x32: the rule is skipped there") !=
        std::string::npos);
  CHECK(os.str().find("note: 'epoll_ctl_old' does not exist on i386, x32") != std::string::npos);
  CHECK(os.str().find("rules skipped on") == std::string::npos);
}

TEST_CASE("a call on no selected ABI is an error with a did-you-mean from the union of tables") {
  auto c = compile_for("x86_64,i386", "_llsek: 1\n");
  CHECK(!c.program);
  CHECK(c.diagnostics.find("error: unknown system call '_llsek' on x86_64, i386") != std::string::npos);
  CHECK(c.diagnostics.find("did you mean '_llseek'?") != std::string::npos);  // i386's
  auto only = compile_for("x86_64,aarch64", "socketcall: 1\n");
  CHECK(!only.program);
  CHECK(only.diagnostics.find("unknown system call 'socketcall' on x86_64, aarch64") != std::string::npos);
}

TEST_CASE("bad architecture lists: unknown names list the known ones; duplicates") {
  auto c = compile_for("x86_64,vax", kPolicy);
  CHECK(!c.program);
  CHECK(c.diagnostics.find("unknown architecture 'vax' (known: x86_64, i386, x32, aarch64") != std::string::npos);
  auto twice = compile_for("i386,x86,x86_64", kPolicy);
  CHECK(twice.diagnostics == "architecture 'i386' is listed twice");
}

TEST_CASE("ARCH lines: the file wins over --arch; a second line or a bad name is an error") {
  auto c = compile_for("aarch64", std::string("ARCH = x86_64, i386  # the container's ABIs\n") + kPolicy);
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator emu(*c.program);
  CHECK(emu.run(probe(abi("i386"), 20)).action == Action::errno_(7));
  CHECK(emu.run(probe(abi("aarch64"), 172)).action == Action::kill_thread());
  REQUIRE(c.compilation->targets().size() == 2);

  auto twice = compile_for("x86_64", "ARCH = x86_64\nARCH = i386\nread: 1\n");
  CHECK(!twice.program);
  CHECK(twice.diagnostics.find("test.secco:2:1: error: a second ARCH line") != std::string::npos);
  CHECK(twice.diagnostics.find("test.secco:1:1: note: the first ARCH line is here") != std::string::npos);

  auto bad = compile_for("x86_64", "ARCH = x86_64, i368\nread: 1\n");
  CHECK(!bad.program);
  CHECK(bad.diagnostics.find("test.secco:1:16: error: unknown architecture 'i368'; did you mean 'i386'?") !=
        std::string::npos);
  auto far = compile_for("x86_64", "ARCH = x86_64, vax\nread: 1\n");
  CHECK(far.diagnostics.find("test.secco:1:16: error: unknown architecture 'vax' (known: x86_64, i386") !=
        std::string::npos);
}

TEST_CASE("per-ABI constants in one filter: each ABI's rule uses its own value") {
  auto c = compile_for("mips64el,x86_64", "DEFAULT_POLICY = allow\nclose: return EDQUOT\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator emu(*c.program);
  CHECK(emu.run(probe(abi("mips64el"), *abi("mips64el").syscall_number("close"))).action == Action::errno_(1133));
  CHECK(emu.run(probe(abi("x86_64"), 3)).action == Action::errno_(122));
}

TEST_CASE("disasm names calls per ABI from the program's own arch tests") {
  auto c = compile_for("x86_64,i386,x32", "read: 1\nexit_group: 1\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  const std::string text = bpf::disassemble(*c.program, &abi("x86_64"));
  INFO(text);
  CHECK(text.find("; exit_group") != std::string::npos);
  // i386's exit_group is 252 (x86_64's 252 is ioprio_get), x32's is 0x400000e7.
  CHECK(text.find("#252") != std::string::npos);
  CHECK(text.find("ioprio_get") == std::string::npos);
  CHECK(text.find("; i386") != std::string::npos);
  // A raw i386 program without arch test is named with --arch's table.
  bpf::Program raw = {{static_cast<std::uint16_t>(bpf::op::LD | bpf::op::W | bpf::op::ABS), 0, 0, 0},
                      {static_cast<std::uint16_t>(bpf::op::JMP | bpf::op::JEQ | bpf::op::K), 0, 1, 252},
                      {static_cast<std::uint16_t>(bpf::op::RET | bpf::op::K), 0, 0, 0x7fff0000},
                      {static_cast<std::uint16_t>(bpf::op::RET | bpf::op::K), 0, 0, 0}};
  CHECK(bpf::disassemble(raw, &abi("i386")).find("; exit_group") != std::string::npos);
  CHECK(bpf::disassemble(raw, &abi("x86_64")).find("; ioprio_get") != std::string::npos);
}

TEST_CASE("multi-ABI filters: the emulator agrees with the multi-ABI interpreter") {
  const std::vector<std::string> sets = {"x86_64,i386,x32",       "aarch64,arm",     "ppc64,ppc", "s390x,s390",
                                         "mips64,mips64n32,mips", "parisc64,parisc", "x32,i386",  "riscv64,x86_64"};
  const std::string text =
      "DEFAULT_POLICY = EPERM\n"
      "openat: (argL2 & O_ACCMODE) == O_RDONLY; return EACCES\n"
      "read: arg0 <= 2\n"
      "mmap: (argL2 & 4) == 0; return kill\n"
      "ioctl: argL1 == 0x5401 || argH0 == 1\n"
      "exit_group: 1\n";
  for (const std::string& set : sets) {
    INFO(set);
    auto c = compile_for(set, text);
    REQUIRE_MESSAGE(c.program, c.diagnostics);
    runtime::Emulator emu(*c.program);
    const auto modules = c.compilation->modules();
    std::size_t checked = 0;
    for (const Target* t : c.compilation->targets()) {
      for (const SyscallEntry& s : t->syscalls()) {
        for (std::uint64_t a : {0ULL, 1ULL, 2ULL, 3ULL, 0x5401ULL, 0x100000000ULL, 0x100005401ULL, 0xffffffffULL}) {
          const SeccompData d = probe(*t, s.nr, {a, a, a});
          const Action want = ir::interpret(modules, d), got = emu.run(d).action;
          if (want != got)
            FAIL_CHECK(t->name() << " " << s.name << " " << a << ": " << got.to_string() << " vs " << want.to_string());
          ++checked;
        }
      }
    }
    CHECK(checked > 1000);
  }
}

}  // namespace secco::testing

namespace secco::testing {

TEST_CASE("--default-* names resolve with each ABI's constants") {
  api::Settings s;
  s.arch = "x86_64,mips";
  s.default_policy = "ENOSYS";  // 38 on x86_64, 89 on mips
  api::Compilation c(s);
  REQUIRE(c.settings_error().empty());
  c.add_text("p.secco", "read: 1\n");
  auto program = c.compile();
  std::ostringstream os;
  c.render_diagnostics(os);
  REQUIRE_MESSAGE(program, os.str());
  CHECK(os.str().find("'ENOSYS' has different values on the target ABIs (x86_64 38, mips 89)") != std::string::npos);
  runtime::Emulator e(*program);
  CHECK(e.run(probe(abi("x86_64"), 39)).action == Action::errno_(38));
  CHECK(e.run(probe(abi("mips"), 4020)).action == Action::errno_(89));
  CHECK(e.run(probe(abi("mips"), 4003)).action == Action::allow());  // mips read

  api::Settings bad = s;
  bad.default_negative = "EPERMM";
  api::Compilation b(bad);
  CHECK(b.settings_error() == "--default-negative: unknown action 'EPERMM' on x86_64");
}

}  // namespace secco::testing
