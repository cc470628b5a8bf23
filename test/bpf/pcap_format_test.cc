// pcap-d, pcap-dd and pcap-ddd compared byte for byte with the installed libpcap: bpf_image() for
// every 16-bit opcode, bpf_dump() (stdout captured) for many whole programs.
#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <vector>

#include "bpf/dump.h"
#include "bpf/pcap_format.h"
#include "program_gen.h"

namespace secco::bpf {
namespace {

std::vector<bpf_insn> to_pcap(const Program& p) {
  std::vector<bpf_insn> out;
  for (const Insn& in : p) out.push_back(bpf_insn{in.code, in.jt, in.jf, in.k});
  return out;
}

std::string libpcap_dump(const Program& p, int option) {
  std::vector<bpf_insn> insns = to_pcap(p);
  bpf_program prog{static_cast<u_int>(insns.size()), insns.data()};
  return testing::capture_stdout([&] { bpf_dump(&prog, option); });
}

TEST_CASE("pcap_image matches bpf_image for every opcode") {
  const std::uint32_t ks[] = {0, 7, 0x80000000U, 0xfffffff0U, 0xffffffffU, 0x7fff0000U};
  const int indices[] = {0, 9, 4095};
  std::size_t compared = 0;
  for (unsigned code = 0; code <= 0xffff; ++code) {
    for (std::uint32_t k : ks) {
      for (int index : indices) {
        const Insn in{static_cast<std::uint16_t>(code), static_cast<std::uint8_t>(k & 0xff),
                      static_cast<std::uint8_t>(code & 0xff), k};
        const bpf_insn theirs{in.code, in.jt, in.jf, in.k};
        const std::string expected = bpf_image(&theirs, index);
        const std::string ours = pcap_image(in, index);
        if (ours != expected) {
          CAPTURE(code);
          CAPTURE(k);
          CHECK(ours == expected);
        }
        ++compared;
      }
      if (code > 0xff && k != 0) break;  // above 0xff every code is "unimp": one k is enough
    }
  }
  MESSAGE("bpf_image comparisons: " << compared);
}

TEST_CASE("pcap dumps match bpf_dump on many programs") {
  testing::Rng rng(7);
  std::vector<Program> programs;
  // Every seccomp opcode and some that seccomp refuses, in one program; ld len; jt == jf;
  // negative-looking k; a jump past the end.
  programs.push_back({stmt(op::LD | op::W | op::ABS, 4), jump(op::JMP | op::JEQ | op::K, 0xc000003e, 1, 1),
                      stmt(op::LD | op::W | op::LEN, 0), stmt(op::LDX | op::W | op::LEN, 0),
                      stmt(op::ALU | op::ADD | op::K, 0xffffffff), stmt(op::JMP | op::JA, 0xfffffff0),
                      jump(op::JMP | op::JSET | op::X, 0, 255, 0), stmt(op::RET | op::K, 0x80000000),
                      stmt(op::RET | op::A, 0)});
  for (int i = 0; i < 150; ++i) programs.push_back(testing::random_classic_program(rng, 1 + rng() % 40));
  for (int i = 0; i < 150; ++i) programs.push_back(testing::random_bytes_program(rng, 1 + rng() % 40));
  for (int i = 0; i < 50; ++i) programs.push_back(testing::random_computing_program(rng, 30, 0));
  programs.push_back(Program(1200, stmt(op::RET | op::K, 0x50001)));  // four-digit indices
  std::size_t compared = 0;
  for (const Program& p : programs) {
    CHECK(render(p, Format::PcapD, {}) == libpcap_dump(p, 1));
    CHECK(render(p, Format::PcapDD, {}) == libpcap_dump(p, 2));
    CHECK(render(p, Format::PcapDDD, {}) == libpcap_dump(p, 3));
    ++compared;
  }
  MESSAGE("programs compared with bpf_dump (x3 options): " << compared);
}

TEST_CASE("pcap-d has libpcap's trailing spaces") {
  CHECK(render({stmt(op::RET | op::A, 0)}, Format::PcapD, {}) == "(000) ret      \n");
  CHECK(render({jump(op::JMP | op::JEQ | op::K, 1, 0, 0), stmt(op::RET | op::K, 0)}, Format::PcapD, {}) ==
        "(000) jeq      #0x1             jt 1\tjf 1\n(001) ret      #0\n");
}

}  // namespace
}  // namespace secco::bpf
