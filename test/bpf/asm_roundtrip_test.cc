// The `asm` format: golden disassembly, and disassemble -> assemble giving back the same bytes for
// hand-made, classic, random-byte and compiled-looking programs (also pcap -ddd text).
#include <doctest/doctest.h>

#include <sstream>

#include "bpf/assembler.h"
#include "bpf/disassembler.h"
#include "bpf/dump.h"
#include "bpf/raw.h"
#include "program_gen.h"
#include "target/target.h"

namespace secco::bpf {
namespace {

using namespace op;

// Assembles `text`; fails the test with the rendered diagnostics if there is an error.
Program assemble_ok(const std::string& text) {
  SourceManager sources;
  FileId file = sources.add("t.asm", text);
  Diagnostics diags(sources);
  Program p = assemble(text, file, diags);
  std::ostringstream os;
  diags.render(os);
  INFO(os.str());
  CHECK_FALSE(diags.has_errors());
  return p;
}

const Target* x86_64() {
  return Target::find("x86_64");
}

const Program kFilter = {
    stmt(LD | W | ABS, 4),         jump(JMP | JEQ | K, 0xc000003e, 0, 9),
    stmt(LD | W | ABS, 0),         jump(JMP | JGE | K, 0x40000000, 7, 0),
    jump(JMP | JEQ | K, 59, 6, 0), jump(JMP | JEQ | K, 0, 0, 3),
    stmt(LD | W | ABS, 20),        jump(JMP | JSET | K, 0x80000000, 1, 0),
    stmt(RET | K, 0x7fff0000),     stmt(RET | K, 0x0005000d),
    stmt(RET | K, 0x80000000),     stmt(RET | K, 0),
    stmt(RET | K, 0x00030001),
};

TEST_CASE("disassembly of a typical filter") {
  const char* expected =
      "  ld [arch]\n"
      "  jne #0xc000003e, L11             ; x86_64\n"
      "  ld [nr]\n"
      "  jge #0x40000000, L11\n"
      "  jeq #59, L11                     ; execve\n"
      "  jne #0, L9                       ; read\n"
      "  ld [args[0].hi]\n"
      "  jset #0x80000000, L9\n"
      "  ret ALLOW\n"
      "L9:\n"
      "  ret ERRNO(13)                    ; EACCES\n"
      "  ret KILL_PROCESS\n"
      "L11:\n"
      "  ret KILL_THREAD\n"
      "  ret TRAP(1)\n";
  REQUIRE(x86_64() != nullptr);
  CHECK(disassemble(kFilter, x86_64()) == expected);
  CHECK(assemble_ok(expected) == kFilter);
}

TEST_CASE("every operand form round-trips") {
  Program p = {stmt(LD | IMM, 5),
               stmt(LDX | IMM, 0xffffffff),
               stmt(LD | W | ABS, 8),
               stmt(LD | W | ABS, 12),
               stmt(LD | W | ABS, 60),
               stmt(LD | W | ABS, 3),
               stmt(LD | W | ABS, 64),
               stmt(LD | H | ABS, 2),
               stmt(LD | B | ABS, 1),
               stmt(LD | W | IND, 4),
               stmt(LD | H | IND, 0),
               stmt(LD | B | IND, 7),
               stmt(LD | MEM, 3),
               stmt(LDX | MEM, 15),
               stmt(ST, 0),
               stmt(STX, 20),
               stmt(LD | W | LEN, 0),
               stmt(LDX | W | LEN, 0),
               stmt(LDX | B | MSH, 14),
               stmt(ALU | NEG, 0),
               stmt(MISC | TAX, 0),
               stmt(MISC | TXA, 0),
               stmt(JMP | JA, 0),
               stmt(JMP | JA, 1000),
               jump(JMP | JEQ | X, 0, 0, 0),
               jump(JMP | JGT | K, 9, 1, 2),
               jump(JMP | JGE | X, 0, 0, 1),
               jump(JMP | JSET | K, 1, 200, 0),
               stmt(RET | A, 0),
               stmt(RET | K, 0x7fff0001),
               stmt(RET | K, 0x7ffc0000),
               stmt(RET | K, 0x7fc00000),
               stmt(RET | K, 0x7ff00005),
               stmt(RET | K, 0x12345678),
               stmt(RET | K, 0x0005ffff)};
  for (std::uint16_t alu : {ADD, SUB, MUL, DIV, OR, AND, LSH, RSH, MOD, XOR}) {
    p.push_back(stmt(ALU | alu | K, 0xfffffffe));
    p.push_back(stmt(ALU | alu | X, 0));
  }
  // Instructions without a mnemonic: unknown codes, unused fields set.
  p.push_back(Insn{0xffff, 1, 2, 3});
  p.push_back(Insn{RET | K, 1, 0, 0});
  p.push_back(Insn{ALU | ADD | X, 0, 0, 9});
  p.push_back(Insn{JMP | JA, 0, 3, 0});
  p.push_back(Insn{RET | X, 0, 0, 0});
  const std::string text = disassemble(p, x86_64());
  CAPTURE(text);
  CHECK(assemble_ok(text) == p);
}

TEST_CASE("random programs round-trip through asm") {
  testing::Rng rng(99);
  int n = 0;
  for (int i = 0; i < 300; ++i, ++n) {
    Program p = i % 3 == 0   ? testing::random_bytes_program(rng, 1 + rng() % 50)
                : i % 3 == 1 ? testing::random_classic_program(rng, 1 + rng() % 50)
                             : testing::random_computing_program(rng, 1 + rng() % 200, rng() % 32);
    const std::string text = disassemble(p, i % 2 ? x86_64() : nullptr);
    CAPTURE(text);
    REQUIRE(assemble_ok(text) == p);
  }
  // The longest program, with far jumps.
  Program big(kMaxInsns, stmt(RET | K, 0));
  for (std::size_t i = 0; i + 300 < big.size(); i += 7)
    big[i] = jump(JMP | JEQ | K, static_cast<std::uint32_t>(i), 255, 254);
  big[1] = stmt(JMP | JA, 4000);
  CHECK(assemble_ok(disassemble(big, nullptr)) == big);
  MESSAGE("random programs round-tripped: " << n + 1);
}

TEST_CASE("libpcap -ddd text assembles") {
  testing::Rng rng(5);
  for (int i = 0; i < 50; ++i) {
    Program p = testing::random_bytes_program(rng, 1 + rng() % 30);
    CHECK(assemble_ok(render(p, Format::PcapDDD, {})) == p);
  }
  CHECK(is_pcap_numbers("\n  3 \n6 0 0 0\n"));
  CHECK_FALSE(is_pcap_numbers("ret #0\n"));
  CHECK(assemble_ok("\n2\n32 0 0 4\n\n6 0 0 2147418112\n") ==
        Program{stmt(LD | W | ABS, 4), stmt(RET | K, 0x7fff0000)});
}

TEST_CASE("assembler conveniences") {
  const char* text =
      "; a comment line\n"
      "start: LD [args[1]]   ; low half\n"
      "  ld [ip]\n"
      "  ldx 4*([3]&0xf)\n"
      "  ld #len\n"
      "  ldx #pktlen\n"
      "  jeq #-1, yes, no\n"
      "  jne #0x10, no, yes\n"
      "  jmp yes\n"
      "  jlt x, +0\n"
      "no: ret kill\n"
      "yes: ret errno(1)\n"
      "  ret trap\n"
      "  ret Allow\n";
  Program expected = {stmt(LD | W | ABS, 24),          stmt(LD | W | ABS, 8),
                      stmt(LDX | B | MSH, 3),          stmt(LD | W | LEN, 0),
                      stmt(LDX | W | LEN, 0),          jump(JMP | JEQ | K, 0xffffffff, 4, 3),
                      jump(JMP | JEQ | K, 0x10, 3, 2), stmt(JMP | JA, 2),
                      jump(JMP | JGE | X, 0, 0, 0),    stmt(RET | K, 0),
                      stmt(RET | K, 0x50001),          stmt(RET | K, 0x30000),
                      stmt(RET | K, 0x7fff0000)};
  CHECK(assemble_ok(text) == expected);
}

TEST_CASE("raw programs") {
  std::string error;
  CHECK_FALSE(load_raw("", error));
  CHECK(error.find("empty") != std::string::npos);
  CHECK_FALSE(load_raw(std::string(12, '\0'), error));
  CHECK(error.find("multiple of 8") != std::string::npos);
  CHECK_FALSE(load_raw(std::string(8 * 4097, '\0'), error));
  CHECK(error.find("4096") != std::string::npos);
  auto p = load_raw(to_raw(kFilter), error);
  REQUIRE(p);
  CHECK(*p == kFilter);
  CHECK(render(kFilter, Format::Bin, {}) == to_raw(kFilter));
  CHECK(to_raw({stmt(RET | K, 0x7fff0000)}) == std::string("\x06\x00\x00\x00\x00\x00\xff\x7f", 8));
}

}  // namespace
}  // namespace secco::bpf
