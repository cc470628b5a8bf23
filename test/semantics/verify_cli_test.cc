// `secco verify` and `--validate-passes` on the command line: libseccomp's exports of the
// benchmark policies proven equal to their .secco, a changed rule found, corrupted and refused
// programs, and a broken pass plugin named with a counterexample.
#include <doctest/doctest.h>

#include <filesystem>

#include "lib/test_support.h"

using namespace secco::testing;

namespace {

const char* const kBench[] = {"blacklist", "docker-default", "small-server", "systemd-service"};

std::string bench(const std::string& name, const char* ext) {
  return std::string(SECCO_SHARED_BENCH) + "/" + name + ext;
}

// The last rule's body replaced by `return 99` (errno 99, which no benchmark policy uses).
std::string change_last_rule(const std::string& text, std::string& syscall) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (std::size_t i = lines.size(); i-- > 0;) {
    const std::string& l = lines[i];
    std::size_t colon = l.find(':');
    if (l.empty() || l[0] == '#' || colon == std::string::npos) continue;
    syscall = l.substr(0, l.find_first_of("[: "));
    lines[i] = syscall + ": return 99";
    break;
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("secco verify proves libseccomp's exports of the benchmark policies, and finds a changed rule") {
  if (!std::filesystem::exists(bench("blacklist", ".c"))) {
    MESSAGE("no benchmark policies at " SECCO_SHARED_BENCH);
    return;
  }
  std::string dir = temp_dir("semantics-lsc");
  for (const char* name : kBench) {
    for (const char* level : {"1", "2"}) {
      INFO(name, " libseccomp -O", level);
      std::string prog = dir + "/" + name + "-" + level + ".bpf";
      RunResult gen = run_program({std::string(SECCO_LSC_DIR) + "/lsc_" + name, "-O", level, "-o", prog});
      REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
      RunResult ok = run_secco({"verify", bench(name, ".secco"), prog});
      CHECK_MESSAGE(ok.exit_code == 0, ok.out << ok.err);
      CHECK(ok.out.rfind("proven:", 0) == 0);

      std::string syscall;
      std::string changed = dir + "/" + name + "-changed.secco";
      write_file(changed, change_last_rule(read_file(bench(name, ".secco")), syscall));
      RunResult bad = run_secco({"verify", changed, prog});
      CHECK_MESSAGE(bad.exit_code == 1, bad.out << bad.err);
      CHECK(bad.out.find("differs:") != std::string::npos);
      CHECK(bad.out.find("  " + syscall + " (nr ") != std::string::npos);
      CHECK(bad.out.find("errno(99)") != std::string::npos);
    }
  }
}

TEST_CASE("secco verify: a corrupted program differs, bad programs and usage are refused") {
  std::string dir = temp_dir("semantics-verify");
  std::string policy = source_path("test/policies/basic.secco");
  std::string prog = dir + "/basic.bpf";
  REQUIRE(run_secco({"compile", "-o", prog, policy}).exit_code == 0);
  RunResult ok = run_secco({"verify", policy, prog});
  CHECK_MESSAGE(ok.exit_code == 0, ok.err);

  // One constant changed: the last instruction's return value.
  std::string bytes = read_file(prog);
  std::string corrupt = bytes;
  corrupt[corrupt.size() - 2] ^= 0x01;  // bit 16 of k: another action
  write_file(dir + "/corrupt.bpf", corrupt);
  RunResult bad = run_secco({"verify", policy, dir + "/corrupt.bpf"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("differs:") != std::string::npos);
  CHECK(bad.out.find("the policy gives") != std::string::npos);

  write_file(dir + "/truncated.bpf", bytes.substr(0, bytes.size() - 3));
  RunResult t = run_secco({"verify", policy, dir + "/truncated.bpf"});
  CHECK(t.exit_code == 1);
  CHECK(t.err.find("truncated.bpf: error:") != std::string::npos);

  // BPF_MOD: the kernel refuses it in seccomp filters.
  std::string mod_prog("\x94\x00\x00\x00\x03\x00\x00\x00\x06\x00\x00\x00\x00\x00\xff\x7f", 16);
  write_file(dir + "/mod.bpf", mod_prog);
  RunResult m = run_secco({"verify", policy, dir + "/mod.bpf"});
  CHECK(m.exit_code == 1);
  CHECK(m.err.find("instruction 0") != std::string::npos);

  std::string long_prog;
  for (int i = 0; i < 4097; ++i) long_prog += std::string("\x06\x00\x00\x00\x00\x00\xff\x7f", 8);
  write_file(dir + "/long.bpf", long_prog);
  RunResult l = run_secco({"verify", policy, dir + "/long.bpf"});
  CHECK(l.exit_code == 1);
  CHECK(l.err.find("4096") != std::string::npos);

  CHECK(run_secco({"verify", policy}).exit_code == 2);
  CHECK(run_secco({"verify", "--no-such-flag", policy, prog}).exit_code == 2);
}

TEST_CASE("--validate-passes names a broken pass with a counterexample; nothing is written") {
  std::string dir = temp_dir("semantics-passes");
  std::string policy = dir + "/p.secco";
  write_file(policy, "read: argL0 < 5\nwrite: 1\n");
  RunResult r = run_secco({"ir", "--load-pass", SECCO_OFF_BY_ONE_PLUGIN, "--passes=unify,typecheck,off-by-one,simplify",
                           "--validate-passes", policy});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("pass 'off-by-one' changed a decision") != std::string::npos, r.err);
  CHECK(r.err.find("counterexample: read (nr 0)") != std::string::npos);
  CHECK(r.err.find("5 arg1=") != std::string::npos);  // argL0 == 5: the only inputs where < and <= differ

  std::string out = dir + "/out.bpf";
  RunResult c = run_secco({"compile", "--load-pass", SECCO_OFF_BY_ONE_PLUGIN,
                           "--passes=unify,typecheck,off-by-one,expand-in,fold,check-duplicates,split64,lower-branches",
                           "--validate-passes", "-o", out, policy});
  CHECK(c.exit_code == 1);
  CHECK(!std::filesystem::exists(out));
  // Without the broken pass the same pipeline is proven pass by pass.
  RunResult good =
      run_secco({"compile", "--passes=unify,typecheck,expand-in,fold,check-duplicates,split64,lower-branches",
                 "--validate-passes", "-o", out, policy});
  CHECK_MESSAGE(good.exit_code == 0, good.err);
}
