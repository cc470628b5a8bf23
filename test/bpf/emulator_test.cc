// The emulator: semantics of every opcode seccomp allows, wrapping, division by zero, shifts,
// scratch memory, seccomp_data halves, trace output, refusal of bad programs; and agreement with
// the running kernel on hand-made and random computing programs.
#include <doctest/doctest.h>

#include <csignal>
#include <sstream>

#include "bpf/assembler.h"
#include "program_gen.h"
#include "runtime/emulator.h"

namespace secco::runtime {
namespace {

using namespace bpf::op;
using bpf::Insn;
using bpf::Program;
using bpf::stmt;

// Runs `body` (which leaves its result in A) and returns A, via "ret a".
std::uint32_t eval(Program body, const SeccompData& d = {}) {
  body.push_back(stmt(RET | A, 0));
  return Emulator(body).run(d).value;
}

Program assemble_text(const std::string& text) {
  SourceManager sources;
  FileId file = sources.add("t.asm", text);
  Diagnostics diags(sources);
  Program p = bpf::assemble(text, file, diags);
  REQUIRE_FALSE(diags.has_errors());
  return p;
}

SeccompData sample() {
  SeccompData d;
  d.nr = 59;
  d.arch = 0xc000003e;
  d.instruction_pointer = 0x1122334455667788ULL;
  for (unsigned i = 0; i < 6; ++i) d.args[i] = (0xa0ULL + i) << 32 | (0xb0U + i);
  return d;
}

TEST_CASE("loads from seccomp_data") {
  const SeccompData d = sample();
  CHECK(eval({stmt(LD | W | ABS, 0)}, d) == 59);
  CHECK(eval({stmt(LD | W | ABS, 4)}, d) == 0xc000003e);
  CHECK(eval({stmt(LD | W | ABS, 8)}, d) == 0x55667788);
  CHECK(eval({stmt(LD | W | ABS, 12)}, d) == 0x11223344);
  for (std::uint32_t i = 0; i < 6; ++i) {
    CHECK(eval({stmt(LD | W | ABS, 16 + 8 * i)}, d) == 0xb0 + i);
    CHECK(eval({stmt(LD | W | ABS, 20 + 8 * i)}, d) == 0xa0 + i);
  }
  CHECK(eval({stmt(LD | W | LEN, 0)}) == 64);
  CHECK(eval({stmt(LDX | W | LEN, 0), stmt(MISC | TXA, 0)}) == 64);
  CHECK(eval({stmt(LD | IMM, 7)}) == 7);
  CHECK(eval({stmt(LDX | IMM, 9), stmt(MISC | TXA, 0)}) == 9);
  CHECK(eval({}) == 0);                     // A starts at 0
  CHECK(eval({stmt(MISC | TXA, 0)}) == 0);  // X too
}

TEST_CASE("arithmetic wraps at 32 bits") {
  CHECK(eval({stmt(LD | IMM, 0xffffffff), stmt(ALU | ADD | K, 2)}) == 1);
  CHECK(eval({stmt(LD | IMM, 1), stmt(ALU | SUB | K, 2)}) == 0xffffffff);
  CHECK(eval({stmt(LD | IMM, 0x10000), stmt(ALU | MUL | K, 0x10001)}) == 0x10000);
  CHECK(eval({stmt(LD | IMM, 100), stmt(ALU | DIV | K, 7)}) == 14);
  CHECK(eval({stmt(LD | IMM, 0xffffffff), stmt(ALU | DIV | K, 0x80000000)}) == 1);  // unsigned
  CHECK(eval({stmt(LD | IMM, 0xf0), stmt(ALU | OR | K, 0x0f)}) == 0xff);
  CHECK(eval({stmt(LD | IMM, 0xf0), stmt(ALU | AND | K, 0x3c)}) == 0x30);
  CHECK(eval({stmt(LD | IMM, 0xf0), stmt(ALU | XOR | K, 0xff)}) == 0x0f);
  CHECK(eval({stmt(LD | IMM, 1), stmt(ALU | NEG, 0)}) == 0xffffffff);
  CHECK(eval({stmt(LD | IMM, 0), stmt(ALU | NEG, 0)}) == 0);
  CHECK(eval({stmt(LD | IMM, 3), stmt(ALU | LSH | K, 31)}) == 0x80000000);
  CHECK(eval({stmt(LD | IMM, 0x80000000), stmt(ALU | RSH | K, 31)}) == 1);  // logical shift
  // The X forms.
  auto with_x = [](std::uint32_t a, std::uint32_t x, std::uint16_t alu) {
    return eval({stmt(LDX | IMM, x), stmt(LD | IMM, a), stmt(ALU | alu | X, 0)});
  };
  CHECK(with_x(5, 0xfffffffe, ADD) == 3);
  CHECK(with_x(5, 6, SUB) == 0xffffffff);
  CHECK(with_x(0x80000000, 2, MUL) == 0);
  CHECK(with_x(0xfffffffe, 2, DIV) == 0x7fffffff);
  CHECK(with_x(6, 3, OR) == 7);
  CHECK(with_x(6, 3, AND) == 2);
  CHECK(with_x(6, 3, XOR) == 5);
  CHECK(with_x(1, 4, LSH) == 16);
  CHECK(with_x(16, 4, RSH) == 1);
  // Shifts by X use the low five bits of X, as the kernel's translated code does.
  CHECK(with_x(1, 32, LSH) == 1);
  CHECK(with_x(1, 33, LSH) == 2);
  CHECK(with_x(0x80000000, 63, RSH) == 1);
}

TEST_CASE("division by X = 0 returns 0: kill_thread") {
  Emulator emu({stmt(LD | IMM, 5), stmt(ALU | DIV | X, 0), stmt(RET | K, 0x7fff0000)});
  EmulatorResult r = emu.run({});
  CHECK(r.value == 0);
  CHECK(r.action == Action::kill_thread());
  CHECK(r.steps == 2);
}

TEST_CASE("jumps compare unsigned and count steps") {
  auto branch = [](std::uint16_t jop, std::uint32_t a, std::uint32_t k) {
    Program p = {stmt(LD | IMM, a), bpf::jump(JMP | jop | K, k, 1, 0), stmt(RET | K, 0), stmt(RET | K, 1)};
    Program px = {stmt(LD | IMM, a), stmt(LDX | IMM, k), bpf::jump(JMP | jop | X, 0, 1, 0), stmt(RET | K, 0),
                  stmt(RET | K, 1)};
    const std::uint32_t viak = Emulator(p).run({}).value;
    CHECK(viak == Emulator(px).run({}).value);
    return viak == 1;
  };
  CHECK(branch(JEQ, 5, 5));
  CHECK_FALSE(branch(JEQ, 5, 6));
  CHECK(branch(JGT, 0x80000000, 1));  // unsigned: 0x80000000 > 1
  CHECK_FALSE(branch(JGT, 1, 1));
  CHECK(branch(JGE, 1, 1));
  CHECK_FALSE(branch(JGE, 0, 0xffffffff));
  CHECK(branch(JSET, 6, 2));
  CHECK_FALSE(branch(JSET, 6, 1));
  Emulator emu({stmt(JMP | JA, 2), stmt(RET | K, 1), stmt(RET | K, 2), stmt(LD | IMM, 9), stmt(RET | A, 0)});
  EmulatorResult r = emu.run({});
  CHECK(r.value == 9);
  CHECK(r.steps == 3);
}

TEST_CASE("scratch memory") {
  CHECK(eval({stmt(LD | IMM, 11), stmt(ST, 0), stmt(LDX | IMM, 22), stmt(STX, 15), stmt(LD | MEM, 15),
              stmt(LDX | MEM, 0), stmt(ALU | SUB | X, 0)}) == 11);
}

TEST_CASE("return values decode to actions") {
  auto action_of = [](std::uint32_t v) { return Emulator({stmt(RET | K, v)}).run({}).action.to_string(); };
  CHECK(action_of(0x7fff0000) == "allow");
  CHECK(action_of(0x0005000d) == "errno(13)");
  CHECK(action_of(0x00030007) == "trap(7)");
  CHECK(action_of(0x7ff00009) == "trace(9)");
  CHECK(action_of(0x7ffc0000) == "log");
  CHECK(action_of(0x7fc00000) == "user_notif");
  CHECK(action_of(0x80000000) == "kill_process");
  CHECK(action_of(0) == "kill_thread");
  CHECK(action_of(0x12345678) == "kill_process");  // unknown action bits
}

TEST_CASE("the emulator refuses what the kernel refuses") {
  CHECK_THROWS_AS(Emulator({stmt(LD | IMM, 0)}), EmulatorError);
  try {
    Emulator emu({stmt(LD | MEM, 1), stmt(RET | A, 0)});
    FAIL("accepted");
  } catch (const EmulatorError& e) {
    CHECK(std::string(e.what()).find("instruction 0: reads scratch memory M[1]") != std::string::npos);
    CHECK(e.errors().size() == 1);
  }
  std::string error;
  CHECK_FALSE(Emulator::create({stmt(ALU | MOD | K, 2), stmt(RET | A, 0)}, error));
  CHECK(error.find("the kernel would refuse this program") == 0);
  CHECK(Emulator::create({stmt(RET | A, 0)}, error));
}

TEST_CASE("trace") {
  Program p = assemble_text(
      "  ld [nr]\n"
      "  jeq #59, yes\n"
      "  ret ALLOW\n"
      "yes: ldx #2\n"
      "  ret ERRNO(1)\n");
  std::ostringstream os;
  EmulatorResult r = Emulator(p).run(sample(), os);
  CHECK(r.steps == 4);
  CHECK(os.str() ==
        "   0  ld [nr]                      A=0x0000003b X=0x00000000  -> L1\n"
        "   1  jeq #59, L3                  A=0x0000003b X=0x00000000  -> L3\n"
        "   3  ldx #2                       A=0x0000003b X=0x00000002  -> L4\n"
        "   4  ret ERRNO(1)                 A=0x0000003b X=0x00000002  -> return 0x00050001 errno(1)\n");
  std::vector<std::size_t> visited;
  Emulator(p).run(sample(), [&](const TraceStep& s) { visited.push_back(s.index); });
  CHECK(visited == std::vector<std::size_t>{0, 1, 3, 4});
}

// What the child should observe for an action when getppid(2) is filtered.
void check_outcome(const testing::KernelOutcome& k, const EmulatorResult& r) {
  CAPTURE(r.action.to_string());
  REQUIRE(k.install_errno == 0);
  switch (r.action.kind) {
    case ActionKind::KillThread:
    case ActionKind::KillProcess:
    case ActionKind::Trap:
      CHECK(k.signal == SIGSYS);
      break;
    case ActionKind::Errno:
      CHECK(k.signal == 0);
      if (r.action.data == 0) {
        CHECK(k.ret == 0);
      } else {
        CHECK(k.ret == -1);
        CHECK(k.err == std::min<int>(r.action.data, 4095));
      }
      break;
    case ActionKind::Allow:
    case ActionKind::Log:
      CHECK(k.signal == 0);
      CHECK(k.ret == static_cast<long>(getpid()));
      break;
    case ActionKind::Trace:
    case ActionKind::UserNotif:
      CHECK(k.signal == 0);
      CHECK(k.ret == -1);
      CHECK(k.err == ENOSYS);
      break;
  }
}

SeccompData probe_data(const std::array<std::uint64_t, 6>& args) {
  SeccompData d;
  d.nr = static_cast<std::uint32_t>(testing::probe_nr());
  d.arch = testing::native_arch();
  for (unsigned i = 0; i < 6; ++i) d.args[i] = args[i];
  return d;
}

Program with_prefix(const Program& body) {
  Program p = testing::probe_prefix();
  p.insert(p.end(), body.begin(), body.end());
  return p;
}

TEST_CASE("emulator and kernel agree on hand-made programs") {
  const std::array<std::uint64_t, 6> args = {0x100000007ULL, 0xffffffff00000003ULL, 40, 0, 5, 0x123456789aULL};
  const std::vector<std::string> bodies = {
      "ld [args[0].lo]\n or #0x50000\n ret a\n",  // errno(7)
      "ld [args[0].hi]\n or #0x50000\n ret a\n",  // errno(1)
      "ld [args[1].hi]\n jeq #0xffffffff, hi\n ret ALLOW\nhi: ret ERRNO(2)\n",
      "ldx #0\n ld #5\n div x\n ret ALLOW\n",             // division by zero: killed
      "ld #1\n ldx #40\n lsh x\n or #0x50000\n ret a\n",  // shift by 40 = by 8
      "ld len\n or #0x50000\n ret a\n",                   // 64
      "ldx len\n txa\n add #1\n or #0x50000\n ret a\n",   // 65
      "ld [args[4].lo]\n st M[3]\n ld #0\n ld M[3]\n mul #3\n or #0x50000\n ret a\n",
      "ret TRAP(3)\n",
      "ret LOG\n",
      "ret TRACE(1)\n",
      "ret #0x0005ffff\n",  // errno above 4095 is capped
      "ret ERRNO(0)\n",
      "ret KILL_PROCESS\n",
  };
  int compared = 0;
  for (const std::string& text : bodies) {
    CAPTURE(text);
    Program p = with_prefix(assemble_text(text));
    EmulatorResult r = Emulator(p).run(probe_data(args));
    check_outcome(testing::run_in_kernel(p, args), r);
    ++compared;
  }
  CHECK(compared == 14);
}

TEST_CASE("emulator and kernel agree on random computing programs") {
  testing::Rng rng(4242);
  int n = 0;
  for (int round = 0; round < 150; ++round) {
    const unsigned shift = static_cast<unsigned>(round % 3) * 12;
    Program p = with_prefix(testing::random_computing_program(rng, 5 + rng() % 60, shift));
    std::array<std::uint64_t, 6> args;
    for (auto& a : args) a = rng();
    EmulatorResult r = Emulator(p).run(probe_data(args));
    CAPTURE(round);
    check_outcome(testing::run_in_kernel(p, args), r);
    ++n;
  }
  MESSAGE("random programs compared with the kernel: " << n);
}

}  // namespace
}  // namespace secco::runtime
