// `secco explain`: the round trip compile(explain(P)) == P, proven by the engine, for the programs
// of every test and example policy and libseccomp's exports of the benchmark policies; the text
// checked again by `secco verify` with the settings its header names; programs the language
// cannot express and bad programs refused with exit 1.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "lib/explain_util.h"
#include "lib/test_support.h"

using namespace secco::testing;
namespace fs = std::filesystem;

namespace {

// Explains `prog`, then proves the text equal to it with `secco verify`.
void round_trip(const std::string& prog, const std::string& out) {
  RunResult e = run_secco({"explain", prog, "-o", out});
  REQUIRE_MESSAGE(e.exit_code == 0, e.err);
  std::string text = read_file(out);
  CHECK(text.find("DEFAULT_POLICY = ") != std::string::npos);
  std::vector<std::string> args = {"verify"};
  for (const std::string& f : header_flags(text)) args.push_back(f);
  args.push_back(out);
  args.push_back(prog);
  RunResult v = run_secco(args);
  CHECK_MESSAGE(v.exit_code == 0, v.out << v.err << text);
}

std::vector<std::string> policies() {
  std::vector<std::string> out;
  for (const char* dir : {"test/policies", "examples/policies"})
    for (const auto& f : fs::directory_iterator(source_path(dir)))
      if (f.path().extension() == ".secco") out.push_back(f.path().string());
  out.push_back(source_path("test/data/oci/moby-default.json"));
  for (const char* name : {"blacklist", "docker-default", "small-server", "systemd-service"}) {
    std::string p = std::string(SECCO_SHARED_BENCH) + "/" + name + ".secco";
    if (fs::exists(p)) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string asm_program(const std::string& dir, const std::string& name, const std::string& text) {
  write_file(dir + "/" + name + ".asm", text);
  RunResult a = run_secco({"asm", "-o", dir + "/" + name + ".bpf", dir + "/" + name + ".asm"});
  REQUIRE_MESSAGE(a.exit_code == 0, a.err);
  return dir + "/" + name + ".bpf";
}

// x86_64's arch and x32 checks before a body (labels `allow`, `kill` at the end of the body).
const char* const kPrologue = "ld [4]\njeq #0xc000003e, ok, kill\nok: ld [0]\njge #0x40000000, kill, go\ngo: ";

}  // namespace

TEST_CASE("explain round-trips (proven) the programs of every test and example policy") {
  std::string dir = temp_dir("explain-policies");
  for (const std::string& policy : policies()) {
    INFO(policy);
    std::string base = dir + "/" + fs::path(policy).stem().string();
    RunResult c = run_secco({"compile", "--arch", "x86_64", "-o", base + ".bpf", policy});
    REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    round_trip(base + ".bpf", base + ".explained.secco");
  }
}

TEST_CASE("explain round-trips (proven) every test and example policy compiled for x86_64, i386 and x32 at once") {
  std::string dir = temp_dir("explain-policies-abis");
  for (const std::string& policy : policies()) {
    INFO(policy);
    std::string base = dir + "/" + fs::path(policy).stem().string();
    RunResult c = run_secco({"compile", "-O2", "--arch", "x86_64,i386,x32", "-o", base + ".bpf", policy});
    REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    // i386 multiplexes socket and ipc calls: socketcall and ipc are read back from the sub-call
    // rules and their own (server.secco's socketcall has four outcomes).
    round_trip(base + ".bpf", base + ".explained.secco");
    CHECK(read_file(base + ".explained.secco").find("\nARCH = x86_64, i386, x32\n") != std::string::npos);
  }
}

TEST_CASE("explain round-trips (proven) libseccomp's exports of the benchmark policies") {
  const char* const names[] = {"blacklist", "docker-default", "small-server", "systemd-service"};
  if (!fs::exists(std::string(SECCO_SHARED_BENCH) + "/blacklist.c")) {
    MESSAGE("no benchmark policies at " SECCO_SHARED_BENCH);
    return;
  }
  std::string dir = temp_dir("explain-lsc");
  for (const char* name : names)
    for (const char* level : {"1", "2"}) {
      INFO(name, " libseccomp -O", level);
      std::string prog = dir + "/" + name + "-" + level + ".bpf";
      RunResult gen = run_program({std::string(SECCO_LSC_DIR) + "/lsc_" + name, "-O", level, "-o", prog});
      REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
      round_trip(prog, dir + "/" + name + "-" + level + ".secco");
    }
}

TEST_CASE("explain writes argument tests in the policy language") {
  std::string dir = temp_dir("explain-text");
  write_file(dir + "/p.secco",
             "read: argL0 == 3\nwrite: arg1 == 0x100000005; return EACCES\nclose: 1\nopenat[+log]: argL2 & 3 != 0\n");
  REQUIRE(run_secco({"compile", "-o", dir + "/p.bpf", dir + "/p.secco"}).exit_code == 0);
  RunResult e = run_secco({"explain", dir + "/p.bpf"});
  REQUIRE_MESSAGE(e.exit_code == 0, e.err);
  CHECK(e.out.find("DEFAULT_POLICY = kill_thread\n") != std::string::npos);
  CHECK(e.out.find("\nclose: 1\n") != std::string::npos);
  // The spelling of a region follows the backend's encoding of the test; the exact forms are
  // checked on hand-written programs below.
  CHECK(e.out.find("\nread: argL0 == 3\n") != std::string::npos);
  CHECK(e.out.find("; return errno(13)\n") != std::string::npos);
  CHECK(e.out.find("\nopenat[+log]: ") != std::string::npos);
  CHECK(e.out.find("argL2 &") != std::string::npos);

  // libseccomp's form of a 64-bit comparison: both halves, read back as one comparison.
  std::string wide = asm_program(dir, "wide",
                                 std::string(kPrologue) +
                                     "jeq #1, wr, gt\n"
                                     "wr: ld [28]\njeq #1, lo, err\nlo: ld [24]\njeq #5, allow, err\n"
                                     "gt: jeq #2, op, kill\n"
                                     "op: ld [36]\njgt #2, allow, hi\nhi: jeq #2, lo2, kill\n"
                                     "lo2: ld [32]\njge #7, allow, kill\n"
                                     "err: ret #0x5000d\nallow: ret #0x7fff0000\nkill: ret #0x80000000\n");
  round_trip(wide, dir + "/wide.secco");
  std::string wide_text = read_file(dir + "/wide.secco");
  CHECK_MESSAGE(wide_text.find("\nwrite: arg1 == 0x100000005; return errno(13)\n") != std::string::npos, wide_text);
  CHECK(wide_text.find("\nopen: arg2 >= 0x200000007\n") != std::string::npos);

  // Hand-written: arithmetic, scratch memory, a shift by X, jumps against X.
  std::string hand = asm_program(dir, "hand",
                                 std::string(kPrologue) +
                                     "jeq #0, rd, other\n"
                                     "rd: ld [16]\nadd #1\nst M[3]\nld [24]\ntax\nld M[3]\n"
                                     "jgt x, allow, shift\n"
                                     "shift: ld [32]\ntax\nld #1\nlsh x\njset #4, allow, kill\n"
                                     "other: jeq #1, allow, kill\n"
                                     "allow: ret #0x7fff0000\nkill: ret #0x80000000\n");
  round_trip(hand, dir + "/hand.secco");
  std::string text = read_file(dir + "/hand.secco");
  CHECK(text.find("(argL0 + 1) > argL1") != std::string::npos);
  CHECK(text.find("(1 << (argL2 & 31)) &? 4") != std::string::npos);
  CHECK(text.find("DEFAULT_POLICY = kill_process") != std::string::npos);
}

TEST_CASE("explain refuses what a policy cannot say, and bad programs") {
  std::string dir = temp_dir("explain-bad");
  // Three outcomes for one call.
  std::string three = asm_program(dir, "three",
                                  std::string(kPrologue) +
                                      "jeq #0, rd, kill\n"
                                      "rd: ld [16]\njeq #1, allow, two\n"
                                      "two: jeq #2, err, kill\n"
                                      "err: ret #0x5000d\n"
                                      "allow: ret #0x7fff0000\nkill: ret #0\n");
  RunResult r = run_secco({"explain", three});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("read has 3 outcomes") != std::string::npos, r.err);
  CHECK(r.out.empty());
  // A number without a name that is not decided as the default.
  std::string unnamed = asm_program(dir, "unnamed",
                                    std::string(kPrologue) +
                                        "jeq #1000, allow, kill\n"
                                        "allow: ret #0x7fff0000\nkill: ret #0\n");
  r = run_secco({"explain", unnamed});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("number 1000 has no name") != std::string::npos, r.err);
  // A return value computed from an argument.
  std::string ret_a = asm_program(dir, "ret_a",
                                  std::string(kPrologue) +
                                      "jeq #0, rd, kill\nrd: ld [16]\nret a\n"
                                      "kill: ret #0\n");
  r = run_secco({"explain", ret_a});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("returns a value computed") != std::string::npos, r.err);
  // No architecture test.
  std::string no_arch = asm_program(dir, "no_arch", "ret #0x7fff0000\n");
  r = run_secco({"explain", no_arch});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("tests no architecture") != std::string::npos, r.err);
  // ... but with --arch it is "allow everything" everywhere.
  r = run_secco({"explain", "--arch", "x86_64", no_arch});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("does not tell x86_64 from other architectures") != std::string::npos, r.err);

  // What the kernel refuses: BPF_MOD, a truncated file, too long a program.
  write_file(dir + "/mod.bpf", std::string("\x94\x00\x00\x00\x03\x00\x00\x00\x06\x00\x00\x00\x00\x00\xff\x7f", 16));
  r = run_secco({"explain", dir + "/mod.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("instruction 0") != std::string::npos);
  write_file(dir + "/trunc.bpf", std::string("\x06\x00\x00\x00\x00\x00\xff", 7));
  r = run_secco({"explain", dir + "/trunc.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("trunc.bpf: error:") != std::string::npos);
  std::string long_prog;
  for (int i = 0; i < 4097; ++i) long_prog += std::string("\x06\x00\x00\x00\x00\x00\xff\x7f", 8);
  write_file(dir + "/long.bpf", long_prog);
  r = run_secco({"explain", dir + "/long.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("4096") != std::string::npos);

  CHECK(run_secco({"explain"}).exit_code == 2);
  CHECK(run_secco({"explain", "--arch", "vax", no_arch}).exit_code == 2);
}
