// `secco diff`: per system call, the argument regions whose action changed, for policies and raw
// programs in any mix; each reported change checked on the emulator (an independent oracle) at an
// input of its region; exit codes, JSON, and refusals.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "lib/test_support.h"

using namespace secco::testing;

namespace {

std::string policy(const std::string& dir, const std::string& name, const std::string& text) {
  write_file(dir + "/" + name + ".secco", text);
  return dir + "/" + name + ".secco";
}

std::string program(const std::string& policy_path) {
  std::string out = policy_path.substr(0, policy_path.size() - 6) + ".bpf";
  RunResult c = run_secco({"compile", "-o", out, policy_path});
  REQUIRE_MESSAGE(c.exit_code == 0, c.err);
  return out;
}

// `secco emulate --bpf PROG SYSCALL ARGS...` -> the action it prints.
std::string emulate(const std::string& prog, const std::vector<std::string>& call) {
  std::vector<std::string> args = {"emulate", "--bpf", prog};
  args.insert(args.end(), call.begin(), call.end());
  RunResult r = run_secco(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out.substr(0, r.out.find('\n'));
}

}  // namespace

TEST_CASE("secco diff names the argument regions whose action changed, for policies and programs alike") {
  std::string dir = temp_dir("diff");
  std::string a = policy(dir, "a",
                         "openat: (argL2 & 3) == 0; return EACCES\n"
                         "read: 1\nwrite: argL0 == 1\nclose: 1\n");
  std::string b = policy(dir, "b",
                         "openat: 1\n"
                         "read: 1\nwrite: argL0 == 1 || argL0 == 2\nmmap: 1\n");
  std::string pa = program(a), pb = program(b);
  // Every mix of policy and raw program gives the same report.
  std::string first;
  for (const auto& [x, y] : std::vector<std::pair<std::string, std::string>>{{a, b}, {pa, pb}, {a, pb}, {pa, b}}) {
    INFO(x, " vs ", y);
    RunResult r = run_secco({"diff", x, y});
    CHECK(r.exit_code == 1);
    if (first.empty()) first = r.out;
    CHECK_MESSAGE(r.out == first, r.out << r.err);
  }
  // Sorted by name; the regions as the backend's tests read back (the exact spelling of a
  // region follows the emitted comparisons).
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < first.size();) {
    std::size_t nl = first.find('\n', at);
    lines.push_back(first.substr(at, nl - at));
    at = nl + 1;
  }
  REQUIRE_MESSAGE(lines.size() == 4, first);
  CHECK(lines[0] == "close: allow -> kill_thread");
  CHECK(lines[1] == "mmap: kill_thread -> allow");
  CHECK(lines[2].rfind("openat: ", 0) == 0);
  CHECK(lines[2].find("argL2") != std::string::npos);
  CHECK(lines[2].size() > 25);
  CHECK(lines[2].substr(lines[2].size() - 20) == ": errno(13) -> allow");
  CHECK(lines[3].rfind("write: ", 0) == 0);
  CHECK(lines[3].find("argL0") != std::string::npos);
  CHECK(lines[3].substr(lines[3].size() - 22) == ": kill_thread -> allow");
  // The regions hold on the emulator: openat with O_WRONLY (1), write to fd 2.
  CHECK(emulate(pa, {"openat", "0", "0", "1"}) == "errno(13)");
  CHECK(emulate(pb, {"openat", "0", "0", "1"}) == "allow");
  CHECK(emulate(pa, {"write", "2"}) == "kill_thread");
  CHECK(emulate(pb, {"write", "2"}) == "allow");

  RunResult same = run_secco({"diff", a, pa});
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());

  RunResult j = run_secco({"diff", "--json", a, b});
  CHECK(j.exit_code == 1);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["same"] == false);
  CHECK(doc["arch"] == "x86_64");
  REQUIRE(doc["changes"].size() == 4);
  CHECK(doc["changes"][2]["names"] == nlohmann::json::array({"openat"}));
  CHECK(doc["changes"][2]["nrs"] == nlohmann::json::array({257}));
  CHECK(doc["changes"][2]["when"].get<std::string>().find("argL2") != std::string::npos);
  CHECK(doc["changes"][2]["old"] == "errno(13)");
  CHECK(doc["changes"][2]["new"] == "allow");
  // Deterministic: the same bytes twice.
  CHECK(run_secco({"diff", "--json", a, b}).out == j.out);
}

TEST_CASE("secco diff: libseccomp's export against the policy, a changed rule, other settings") {
  std::string dir = temp_dir("diff-lsc");
  std::string bench = std::string(SECCO_SHARED_BENCH) + "/small-server.secco";
  if (!std::filesystem::exists(bench)) {
    MESSAGE("no benchmark policies at " SECCO_SHARED_BENCH);
    return;
  }
  std::string prog = dir + "/lsc.bpf";
  RunResult gen = run_program({std::string(SECCO_LSC_DIR) + "/lsc_small-server", "-O", "2", "-o", prog});
  REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
  RunResult same = run_secco({"diff", bench, prog});
  CHECK_MESSAGE(same.exit_code == 0, same.out << same.err);

  std::string changed = read_file(bench) + "DEFAULT_POLICY = errno(1)\n";
  std::string p = policy(dir, "changed", changed);
  RunResult r = run_secco({"diff", prog, p, "--on-bad-arch", "kill_process"});
  CHECK(r.exit_code == 1);
  // The calls that changed alike are one line, sorted by name.
  std::size_t line = r.out.find(", kill, ");
  REQUIRE_MESSAGE(line != std::string::npos, r.out);
  std::size_t end = r.out.find('\n', line);
  CHECK(r.out.substr(end - 25, 25) == ": kill_thread -> errno(1)");
  CHECK(r.out.find(", waitid") < end);
  CHECK(r.out.find(", accept, ") < r.out.find(", kill, "));
  // Unnamed numbers, x32 numbers and other architectures follow the named calls.
  CHECK(r.out.find(", nr -1: kill_thread -> errno(1)\n") != std::string::npos);
  CHECK(r.out.find("\nnr ") >= end);
  CHECK(r.out.find("other architectures: kill_thread -> kill_process\n") != std::string::npos);
  CHECK(r.out.find("x32 numbers: kill_thread -> kill_process\n") != std::string::npos);
}

TEST_CASE("secco diff refuses programs for two architectures, bad programs and bad usage") {
  std::string dir = temp_dir("diff-bad");
  std::string a = policy(dir, "a", "read: 1\n");
  std::string x86 = program(a);
  std::string i386 = dir + "/i386.bpf";
  REQUIRE(run_secco({"compile", "--arch", "i386", "-o", i386, a}).exit_code == 0);
  RunResult r = run_secco({"diff", x86, i386});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("is for x86_64 and") != std::string::npos, r.err);
  CHECK(r.err.find("for i386") != std::string::npos);

  write_file(dir + "/mod.bpf", std::string("\x94\x00\x00\x00\x03\x00\x00\x00\x06\x00\x00\x00\x00\x00\xff\x7f", 16));
  r = run_secco({"diff", a, dir + "/mod.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("instruction 0") != std::string::npos);
  write_file(dir + "/trunc.bpf", std::string("\x06\x00\x00\x00\x00\x00\xff", 7));
  CHECK(run_secco({"diff", a, dir + "/trunc.bpf"}).exit_code == 1);
  CHECK(run_secco({"diff", a}).exit_code == 2);
  CHECK(run_secco({"diff", "--no-such-flag", a, a}).exit_code == 2);
}
