// `secco explain`, `verify` and `diff` on filters for several ABIs, big-endian ABIs and 32-bit ABIs:
// libseccomp 2.5's exports (written to a file as seccomp_export_bpf writes them: a big-endian
// ABI's filter in that ABI's byte order) and secco's own programs. The round trip
// compile(explain(P)) == P is proven by explain itself and again by `secco verify` with the
// settings the text's header names; what the language cannot say is refused naming the call and ABIs.
#include <doctest/doctest.h>
#include <seccomp.h>

#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "lib/explain_util.h"
#include "lib/test_support.h"

namespace secco::testing {
namespace {

// The policy of kPolicy below, with libseccomp's API (by name: each ABI's own numbers).
void policy_rules(scmp_filter_ctx ctx) {
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 3)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_NE, 3)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_LE, 0x10000ULL)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_GT, 0x10000ULL)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(9), SCMP_SYS(close), 0) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1, SCMP_A3(SCMP_CMP_MASKED_EQ, 0x22, 0x22)) == 0);
}

const char* const kPolicy =
    "DEFAULT_POLICY = errno(1)\n"
    "DEFAULT_NEGATIVE = errno(2)\n"
    "read: arg0 == 3\n"
    "write: arg2 <= 0x10000\n"
    "close: return errno(9)\n"
    "mmap: (argL3 & 0x22) == 0x22; return errno(1)\n";

}  // namespace

TEST_CASE("explain round-trips libseccomp's multi-ABI filters, big-endian and 32-bit ABIs") {
  std::string dir = temp_dir("explain-abi");
  struct Case {
    const char* name;
    std::vector<std::uint32_t> arches;
    const char* arch_line;  // nullptr: one ABI, no ARCH line
    const char* read_text;  // how read's test reads on the first ABI
  };
  const std::vector<Case> cases = {
      {"x86_64_i386", {SCMP_ARCH_X86_64, SCMP_ARCH_X86}, "ARCH = x86_64, i386\n", "read: arg0 == 3; return errno(2)\n"},
      {"aarch64_arm",
       {SCMP_ARCH_AARCH64, SCMP_ARCH_ARM},
       "ARCH = aarch64, arm\n",
       "read: arg0 == 3; return errno(2)\n"},
      {"s390x", {SCMP_ARCH_S390X}, nullptr, "read: arg0 == 3; return errno(2)\n"},
      {"ppc64", {SCMP_ARCH_PPC64}, nullptr, "read: arg0 == 3; return errno(2)\n"},
      {"s390x_s390", {SCMP_ARCH_S390X, SCMP_ARCH_S390}, "ARCH = s390x, s390\n", "read: arg0 == 3; return errno(2)\n"},
      {"i386", {SCMP_ARCH_X86}, nullptr, "read: argL0 == 3; return errno(2)\n"},
      {"mips", {SCMP_ARCH_MIPS}, nullptr, "read: argL0 == 3; return errno(2)\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string prog = dir + "/" + c.name + ".bpf";
    libseccomp_export(c.arches, policy_rules, prog);
    std::string text = round_trip(prog);
    if (c.arch_line != nullptr)
      CHECK_MESSAGE(text.find(c.arch_line) != std::string::npos, text);
    else
      CHECK_MESSAGE(text.find("ARCH =") == std::string::npos, text);
    CHECK_MESSAGE(text.find(c.read_text) != std::string::npos, text);
    CHECK_MESSAGE(text.find("close: return errno(9)\n") != std::string::npos, text);
  }
}

TEST_CASE("explain round-trips secco's multi-ABI programs, and moby's profile for two ABI sets") {
  std::string dir = temp_dir("explain-abi-secco");
  write_file(dir + "/p.secco", kPolicy);
  for (const char* arch : {"x86_64,i386,x32", "x86_64,i386", "aarch64,arm", "ppc64,ppc", "s390x", "mips64,mips"}) {
    INFO(arch);
    std::string prog = dir + "/" + std::string(arch) + ".bpf";
    RunResult c = run_secco({"compile", "--arch", arch, "-o", prog, dir + "/p.secco"});
    REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    std::string text = round_trip(prog);
    CHECK((text.find("ARCH = ") != std::string::npos) == (std::string(arch).find(',') != std::string::npos));
  }
  for (const char* arch : {"x86_64,i386,x32", "aarch64,arm"}) {
    INFO(arch);
    std::string prog = dir + "/moby-" + std::string(arch) + ".bpf";
    RunResult c = run_secco({"compile", "--arch", arch, "-o", prog, source_path("test/data/oci/moby-default.json")});
    REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    round_trip(prog);
  }
}

TEST_CASE("verify and diff read libseccomp's big-endian exports; a changed rule differs") {
  std::string dir = temp_dir("verify-big-endian");
  write_file(dir + "/p.secco", kPolicy);
  for (std::uint32_t arch : std::vector<std::uint32_t>{SCMP_ARCH_S390X, SCMP_ARCH_PPC64, SCMP_ARCH_MIPS}) {
    std::string name = arch == SCMP_ARCH_S390X ? "s390x" : arch == SCMP_ARCH_PPC64 ? "ppc64" : "mips";
    INFO(name);
    std::string prog = dir + "/" + name + ".bpf";
    libseccomp_export({arch}, policy_rules, prog);
    // The file is in the ABI's byte order: its first instruction's opcode is not this machine's.
    std::string bytes = read_file(prog);
    REQUIRE(bytes.size() >= 8);
    CHECK(bytes[0] == '\0');
    RunResult v = run_secco({"verify", "--arch", name, dir + "/p.secco", prog});
    CHECK_MESSAGE(v.exit_code == 0, v.out << v.err);
    CHECK(v.out.rfind("proven:", 0) == 0);
    std::string changed = dir + "/" + name + "-changed.bpf";
    libseccomp_export(
        {arch},
        [](scmp_filter_ctx ctx) {
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 4)) == 0);
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_NE, 4)) == 0);
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_LE, 0x10000ULL)) == 0);
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_GT, 0x10000ULL)) == 0);
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(9), SCMP_SYS(close), 0) == 0);
          REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1, SCMP_A3(SCMP_CMP_MASKED_EQ, 0x22, 0x22)) ==
                  0);
        },
        changed);
    v = run_secco({"verify", "--arch", name, dir + "/p.secco", changed});
    CHECK(v.exit_code == 1);
    CHECK_MESSAGE(v.out.find("read") != std::string::npos, v.out);
    // diff reads both exports too, and names the changed call only.
    RunResult d = run_secco({"diff", prog, changed});
    CHECK_MESSAGE(d.exit_code == 1, d.out << d.err);
    CHECK_MESSAGE(d.out.find("read:") != std::string::npos, d.out);
    CHECK_MESSAGE(d.out.find("write:") == std::string::npos, d.out);
  }
}

TEST_CASE("explain refuses a multi-ABI filter that decides a call differently per ABI, naming both") {
  std::string dir = temp_dir("explain-abi-bad");
  // libseccomp compares only the low halves on x32 (it treats x32 as a 32-bit ABI), but x32's
  // arguments are 64 bits: `arg0 == 3` on x86_64 is `argL0 == 3` on x32, which one rule cannot say.
  libseccomp_export({SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32}, policy_rules, dir + "/x32.bpf");
  RunResult x = run_secco({"explain", dir + "/x32.bpf"});
  CHECK(x.exit_code == 1);
  CHECK(x.out.empty());
  CHECK_MESSAGE(x.err.find("read is decided differently on x86_64 (allow when arg0 == 3, else errno(2)) and on x32 "
                           "(allow when argL0 == 3, else errno(2))") != std::string::npos,
                x.err);
  // Every such call is named, a line each: write's `arg2 <= 0x10000` is `argL2 <= 0x10000` there too.
  CHECK_MESSAGE(x.err.find("error: cannot explain: write is decided differently on x86_64") != std::string::npos,
                x.err);

  // libseccomp: x86_64 allows read when arg0 == 3, i386 always; merged into one filter.
  scmp_filter_ctx a = seccomp_init(SCMP_ACT_ERRNO(1)), b = seccomp_init(SCMP_ACT_ERRNO(1));
  REQUIRE((a != nullptr && b != nullptr));
  REQUIRE(seccomp_arch_remove(a, SCMP_ARCH_NATIVE) == 0);
  REQUIRE(seccomp_arch_add(a, SCMP_ARCH_X86_64) == 0);
  REQUIRE(seccomp_arch_remove(b, SCMP_ARCH_NATIVE) == 0);
  REQUIRE(seccomp_arch_add(b, SCMP_ARCH_X86) == 0);
  REQUIRE(seccomp_rule_add(a, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 3)) == 0);
  REQUIRE(seccomp_rule_add(b, SCMP_ACT_ALLOW, SCMP_SYS(read), 0) == 0);
  REQUIRE(seccomp_rule_add(a, SCMP_ACT_ALLOW, SCMP_SYS(close), 0) == 0);
  REQUIRE(seccomp_rule_add(b, SCMP_ACT_ALLOW, SCMP_SYS(close), 0) == 0);
  REQUIRE(seccomp_merge(a, b) == 0);
  std::optional<std::string> bytes = libseccomp_export_bytes(a);
  seccomp_release(a);
  REQUIRE(bytes);
  write_file(dir + "/merged.bpf", *bytes);

  RunResult r = run_secco({"explain", dir + "/merged.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  // x86_64's rule for read is the text's; on i386 the proof of the round trip finds an input it
  // decides otherwise, and names the call and the ABI.
  CHECK_MESSAGE(r.err.find("is not what the program decides: read (nr 3) arch i386") != std::string::npos, r.err);
  // One ABI alone cannot be explained either: the other is then a foreign architecture that
  // decides call by call.
  r = run_secco({"explain", "--arch", "x86_64", dir + "/merged.bpf"});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("decided differently from other foreign architectures") != std::string::npos, r.err);
  // An unknown ABI name is a usage error.
  r = run_secco({"explain", "--arch", "x86_64,vax", dir + "/merged.bpf"});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("vax") != std::string::npos, r.err);
}

TEST_CASE("diff compares multi-ABI filters ABI by ABI; each region replays on the emulator") {
  std::string dir = temp_dir("diff-abi");
  write_file(dir + "/a.secco", "DEFAULT_POLICY = errno(1)\nread: arg0 == 3\nwrite: 1\nclose: 1\nopenat: argL2 == 0\n");
  write_file(dir + "/b.secco",
             "DEFAULT_POLICY = errno(1)\nread: arg0 == 4\nopenat: argL2 == 0 || argL2 == 1\nmmap: 1\n");
  for (const char* arch : {"x86_64,i386", "s390x,s390", "x86_64,x32"}) {
    INFO(arch);
    for (const char* side : {"a", "b"}) {
      RunResult c =
          run_secco({"compile", "--arch", arch, "-o", dir + "/" + side + ".bpf", dir + "/" + side + ".secco"});
      REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    }
    RunResult t = run_secco({"diff", dir + "/a.bpf", dir + "/b.bpf"});
    CHECK(t.exit_code == 1);
    // A policy and the other's program give the same report.
    CHECK(run_secco({"diff", "--arch", arch, dir + "/a.secco", dir + "/b.bpf"}).out == t.out);
    const std::string second = std::string(arch).substr(std::string(arch).find(',') + 1);
    // Calls that changed alike are one line per ABI.
    CHECK_MESSAGE(t.out.find("[" + second + "] close, write: allow -> errno(1)\n") != std::string::npos, t.out);
    CHECK_MESSAGE(t.out.find("[" + second + "] mmap: errno(1) -> allow\n") != std::string::npos, t.out);
    // The regions are shortened to what the solver proves they need: the old program's test of
    // read's argument and the new one's do not both appear.
    const std::string first = std::string(arch).substr(0, std::string(arch).find(','));
    CHECK_MESSAGE(t.out.find("[" + first + "] read: arg0 == 3: allow -> kill_thread\n") != std::string::npos, t.out);
    CHECK_MESSAGE(t.out.find("[" + first + "] read: arg0 == 4: kill_thread -> allow\n") != std::string::npos, t.out);
    // `argL2 != 0 && argL2 < 2` (old: not 0, new: 0 or 1) leaves one value.
    CHECK_MESSAGE(t.out.find("[" + second + "] openat: argL2 == 1: kill_thread -> allow\n") != std::string::npos,
                  t.out);
    RunResult j = run_secco({"diff", "--json", dir + "/a.bpf", dir + "/b.bpf"});
    CHECK(j.exit_code == 1);
    auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["arch"] == arch);
    std::size_t replayed = 0;
    for (const auto& change : doc["changes"]) {
      REQUIRE(change["examples"].size() == change["names"].size());
      for (const auto& ex : change["examples"]) {
        std::vector<std::string> call = {"--arch", std::to_string(ex["arch"].get<std::uint32_t>()),
                                         std::to_string(ex["nr"].get<std::uint32_t>())};
        for (const auto& v : ex["args"]) call.push_back(std::to_string(v.get<std::uint64_t>()));
        for (const auto& [prog, want] : {std::pair{dir + "/a.bpf", change["old"]}, {dir + "/b.bpf", change["new"]}}) {
          std::vector<std::string> args = {"emulate", "--bpf", prog};
          args.insert(args.end(), call.begin(), call.end());
          RunResult e = run_secco(args);
          REQUIRE_MESSAGE(e.exit_code == 0, e.err);
          CHECK_MESSAGE(e.out.substr(0, e.out.find('\n')) == want.get<std::string>(), change.dump());
        }
        ++replayed;
      }
    }
    CHECK(replayed >= 10);  // close, write, mmap, openat, read twice, on two ABIs
  }
  // Filters for different ABI sets: a clear error.
  RunResult c = run_secco({"compile", "--arch", "x86_64", "-o", dir + "/one.bpf", dir + "/a.secco"});
  REQUIRE(c.exit_code == 0);
  RunResult r = run_secco({"diff", dir + "/one.bpf", dir + "/b.bpf"});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("is for x86_64 and") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("for x86_64,x32: diff compares filters for the same architectures") != std::string::npos,
                r.err);
}

}  // namespace secco::testing
