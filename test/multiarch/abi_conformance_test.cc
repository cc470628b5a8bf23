// Every ABI through the emulator: the tables (numbers from the kernel's syscall tables, as
// independent test data), audit arch values, byte order of the argument halves, 32-bit
// arguments, per-ABI constants; and the property that for random policies compiled for each ABI
// the emitted program (runtime::Emulator) decides exactly as the IR interpreter does.
#include <doctest/doctest.h>
#include <linux/audit.h>

#include "ir/interpreter.h"
#include "lib/random_policy.h"
#include "multiarch/multiarch_util.h"
#include "runtime/emulator.h"

namespace secco::testing {
namespace {

// `read` on each ABI, from the kernel's syscall tables (arch/*/kernel/syscalls/*.tbl,
// include/uapi/asm-generic/unistd.h), and the ABI's audit arch value from <linux/audit.h>.
struct Known {
  const char* abi;
  std::uint32_t read_nr;
  std::uint32_t audit_arch;
  bool big_endian;
  bool args32;
};
const Known kKnown[] = {
    {"x86_64", 0, AUDIT_ARCH_X86_64, false, false},
    {"i386", 3, AUDIT_ARCH_I386, false, true},
    {"x32", 0x40000000, AUDIT_ARCH_X86_64, false, false},
    {"aarch64", 63, AUDIT_ARCH_AARCH64, false, false},
    {"arm", 3, AUDIT_ARCH_ARM, false, true},
    {"riscv64", 63, AUDIT_ARCH_RISCV64, false, false},
    {"ppc64le", 3, AUDIT_ARCH_PPC64LE, false, false},
    {"ppc64", 3, AUDIT_ARCH_PPC64, true, false},
    {"ppc", 3, AUDIT_ARCH_PPC, true, true},
    {"s390x", 3, AUDIT_ARCH_S390X, true, false},
    {"s390", 3, AUDIT_ARCH_S390, true, true},
    {"mips", 4003, AUDIT_ARCH_MIPS, true, true},
    {"mipsel", 4003, AUDIT_ARCH_MIPSEL, false, true},
    {"mips64", 5000, AUDIT_ARCH_MIPS64, true, false},
    {"mips64el", 5000, AUDIT_ARCH_MIPSEL64, false, false},
    {"mips64n32", 6000, AUDIT_ARCH_MIPS64N32, true, false},
    {"mips64eln32", 6000, AUDIT_ARCH_MIPSEL64N32, false, false},
    {"parisc", 3, AUDIT_ARCH_PARISC, true, true},
    {"parisc64", 3, AUDIT_ARCH_PARISC64, true, false},
    {"m68k", 3, AUDIT_ARCH_M68K, true, true},
    {"sh4", 3, AUDIT_ARCH_SHEL, false, true},
};

}  // namespace

TEST_CASE("every ABI: its read number, audit arch, byte order and argument width") {
  CHECK(Target::all().size() == std::size(kKnown));
  for (const Known& k : kKnown) {
    INFO(k.abi);
    const Target& t = abi(k.abi);
    CHECK(t.syscall_number("read") == k.read_nr);
    CHECK(t.syscall_name(k.read_nr) == "read");
    CHECK(t.audit_arch() == k.audit_arch);
    CHECK(t.big_endian() == k.big_endian);
    CHECK(t.args_are_32bit() == k.args32);
    CHECK(t.syscalls().size() > 250);
  }
}

TEST_CASE("ABIs have their own constants where the kernel headers differ") {
  // Values from the kernel's arch/*/include/uapi headers.
  CHECK(abi("mips").errno_number("EDQUOT") == 1133u);
  CHECK(abi("mips").constant("O_CREAT")->value == 0x100u);
  CHECK(abi("parisc").errno_number("EAGAIN") == 11u);
  CHECK(abi("parisc").errno_number("ENOSYS") == 251u);
  CHECK(abi("aarch64").constant("O_DIRECTORY")->value == 040000u);
  CHECK(abi("arm").constant("O_DIRECTORY")->value == 040000u);
  CHECK(abi("ppc64le").constant("O_DIRECTORY")->value == 040000u);
  CHECK(abi("x86_64").constant("O_DIRECTORY")->value == 0200000u);
  CHECK(abi("mips64").constant("MAP_ANONYMOUS")->value == 0x800u);
  CHECK(abi("x86_64").constant("MAP_ANONYMOUS")->value == 0x20u);
  CHECK(abi("mips").errno_name(1133) == "EDQUOT");
  CHECK(abi("x86_64").errno_number("EDQUOT") == 122u);
  // A rule uses its ABI's value.
  auto c = compile_for("mips", "open: (argL1 & O_CREAT) != 0; return EDQUOT\n");
  REQUIRE_MESSAGE(c.program, c.diagnostics);
  runtime::Emulator emu(*c.program);
  const Target& mips = abi("mips");
  const std::uint32_t open_nr = *mips.syscall_number("open");
  CHECK(emu.run(probe(mips, open_nr, {0, 0x100})).action == Action::allow());
  CHECK(emu.run(probe(mips, open_nr, {0, 0x40})).action == Action::errno_(1133));
}

TEST_CASE("big-endian ABIs read the low half of an argument at the higher offset") {
  for (const char* name : {"ppc64", "s390x", "mips64", "parisc64", "x86_64", "aarch64"}) {
    INFO(name);
    const Target& t = abi(name);
    auto c = compile_for(name, "read: arg0 == 0x100000003\nwrite: argL1 == 7 && argH1 == 9\n");
    REQUIRE_MESSAGE(c.program, c.diagnostics);
    runtime::Emulator emu(*c.program);
    const std::uint32_t read = *t.syscall_number("read"), write = *t.syscall_number("write");
    CHECK(emu.run(probe(t, read, {0x100000003})).action == Action::allow());
    CHECK(emu.run(probe(t, read, {0x300000001})).action == Action::kill_thread());
    CHECK(emu.run(probe(t, read, {3})).action == Action::kill_thread());
    CHECK(emu.run(probe(t, write, {0, 0x900000007})).action == Action::allow());
    CHECK(emu.run(probe(t, write, {0, 0x700000009})).action == Action::kill_thread());
  }
}

TEST_CASE("32-bit ABIs: argH is 0 and argn is argLn, with the constant-condition warning") {
  for (const char* name : {"i386", "arm", "ppc", "s390", "mips", "parisc"}) {
    INFO(name);
    const Target& t = abi(name);
    auto c = compile_for(name, "read: arg0 == 3\nwrite: argH0 == 0\nclose: arg0 == 0x100000003\n");
    REQUIRE_MESSAGE(c.program, c.diagnostics);
    CHECK(c.diagnostics.find("warning") != std::string::npos);  // close's comparison is always false
    runtime::Emulator emu(*c.program);
    const std::uint32_t read = *t.syscall_number("read"), write = *t.syscall_number("write"),
                        close = *t.syscall_number("close");
    CHECK(emu.run(probe(t, read, {3})).action == Action::allow());
    CHECK(emu.run(probe(t, read, {4})).action == Action::kill_thread());
    CHECK(emu.run(probe(t, write, {5})).action == Action::allow());
    CHECK(emu.run(probe(t, close, {3})).action == Action::kill_thread());
    // The filter never reads the high halves of a 32-bit ABI's arguments.
    for (const bpf::Insn& in : *c.program) {
      if (in.code == (bpf::op::LD | bpf::op::W | bpf::op::ABS) && in.k >= 16)
        CHECK_MESSAGE(in.k == seccomp_offset::arg_low(0, t.big_endian()), "load of offset " << in.k);
    }
  }
}

TEST_CASE("every ABI: random policies decide in the emulator as in the IR interpreter") {
  const std::uint64_t first = property_seed();
  const std::uint64_t count = 8 * property_iterations();
  for (const Target* t : Target::all()) {
    INFO(t->name());
    PolicyGenerator gen(*t);
    for (std::uint64_t seed = first; seed < first + count; ++seed) {
      const RandomPolicy p = gen.generate(seed);
      INFO("seed " << seed << "\n" << p.text);
      auto c = compile_for(std::string(t->name()), p.text);
      REQUIRE_MESSAGE(c.program, c.diagnostics);
      runtime::Emulator emu(*c.program);
      for (const SeccompData& d : generate_probes(p, *t, seed, 200)) {
        const Action want = ir::interpret(c.compilation->modules(), d);
        const Action got = emu.run(d).action;
        if (got != want) {
          FAIL_CHECK(describe(d) << ": emulator " << got.to_string() << ", interpreter " << want.to_string());
          break;
        }
      }
    }
  }
}

}  // namespace secco::testing
