// Malformed raw programs (issue: runtime and tools): each gets one clear error from `disasm` and
// `emulate --bpf`, exit code 1, and no output on stdout; nothing crashes.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <string>
#include <vector>

#include "lib/test_support.h"

using secco::testing::run_secco;
using secco::testing::temp_dir;
using secco::testing::write_file;

namespace {

std::string insn(std::uint16_t code, std::uint8_t jt, std::uint8_t jf, std::uint32_t k) {
  std::string s(8, '\0');
  s[0] = static_cast<char>(code & 0xff);
  s[1] = static_cast<char>(code >> 8);
  s[2] = static_cast<char>(jt);
  s[3] = static_cast<char>(jf);
  for (int i = 0; i < 4; ++i) s[4 + i] = static_cast<char>((k >> (8 * i)) & 0xff);
  return s;
}

struct Case {
  std::string name;
  std::string bytes;
  const char* message;
};

}  // namespace

TEST_CASE("malformed raw programs get a clear error from disasm and emulate") {
  const std::string ret_allow = insn(0x06, 0, 0, 0x7fff0000);
  std::string too_long;
  for (int i = 0; i < 4097; ++i) too_long += ret_allow;
  const std::vector<Case> cases = {
      {"truncated", ret_allow.substr(0, 5), "not a multiple of 8"},
      {"empty", "", "the program is empty"},
      {"bad opcode", insn(0x94, 0, 0, 3) + ret_allow, "not allowed in seccomp filters"},  // BPF_MOD
      {"jump out of range", insn(0x15, 7, 0, 0) + ret_allow, "past the end of the program"},
      {"no final return", ret_allow + insn(0x00, 0, 0, 0), "the last instruction must be a return"},
      {"4097 instructions", too_long, "4097 instructions"},
  };
  std::string dir = temp_dir("malformed");
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string path = dir + "/p.bpf";
    write_file(path, c.bytes);
    auto dis = run_secco({"disasm", path});
    CHECK(dis.exit_code == 1);
    CHECK(dis.out.empty());
    CHECK(dis.err.find(c.message) != std::string::npos);
    auto emu = run_secco({"emulate", "--bpf", path, "read"});
    CHECK(emu.exit_code == 1);
    CHECK(emu.out.empty());
    CHECK(emu.err.find(c.message) != std::string::npos);
  }
  // A valid program still disassembles and emulates.
  write_file(dir + "/ok.bpf", ret_allow);
  CHECK(run_secco({"disasm", dir + "/ok.bpf"}).out == "  ret ALLOW\n");
  CHECK(run_secco({"emulate", "--bpf", dir + "/ok.bpf", "read"}).out == "allow\n");
  // --force shows what the kernel would refuse.
  write_file(dir + "/mod.bpf", insn(0x94, 0, 0, 3) + ret_allow);
  auto forced = run_secco({"disasm", "--force", dir + "/mod.bpf"});
  CHECK(forced.exit_code == 0);
  CHECK(forced.out.find("mod #3") != std::string::npos);
}

TEST_CASE("-o to a device writes through it and never replaces the device node") {
  std::string dir = temp_dir("devout");
  write_file(dir + "/p.secco", "read: 1\n");
  struct stat before {};
  REQUIRE(::stat("/dev/null", &before) == 0);
  REQUIRE(S_ISCHR(before.st_mode));
  auto r = run_secco({"compile", "-o", "/dev/null", dir + "/p.secco"});
  CHECK(r.exit_code == 0);
  struct stat after {};
  REQUIRE(::stat("/dev/null", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == before.st_rdev);
}
