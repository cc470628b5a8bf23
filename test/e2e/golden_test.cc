// Golden outputs: `secco compile -f asm` and `-f pcap-d` of the benchmark policies (copied into
// test/golden/policies/) and of some of test/policies/, compared byte for byte with the files in
// test/golden/, so that any change to the emitted programs is seen and reviewed. SECCO_BLESS=1
// rewrites the golden files instead of comparing. Each output is also produced twice to check that
// compilation is deterministic (the bytes must not depend on hash order, addresses or time).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "lib/test_support.h"

namespace {

using secco::testing::read_file;
using secco::testing::run_secco;
using secco::testing::source_path;
using secco::testing::write_file;

struct GoldenCase {
  const char* policy;  // relative to the source tree
  const char* name;    // golden file stem in test/golden/
  bool profile;        // -O2 with test/golden/policies/syscall-weights.txt
};

const GoldenCase kCases[] = {
    {"test/golden/policies/docker-default.secco", "docker-default", false},
    {"test/golden/policies/docker-default.secco", "docker-default.profile", true},
    {"test/golden/policies/systemd-service.secco", "systemd-service", false},
    {"test/golden/policies/systemd-service.secco", "systemd-service.profile", true},
    {"test/golden/policies/small-server.secco", "small-server", false},
    {"test/golden/policies/small-server.secco", "small-server.profile", true},
    {"test/golden/policies/blacklist.secco", "blacklist", false},
    {"test/golden/policies/blacklist.secco", "blacklist.profile", true},
    {"test/policies/basic.secco", "basic", false},
    {"test/policies/args64.secco", "args64", false},
    {"test/policies/macros.secco", "macros", false},
    {"test/policies/actions.secco", "actions", false},
};

bool blessing() {
  const char* v = std::getenv("SECCO_BLESS");
  return v != nullptr && std::string(v) == "1";
}

std::string compile(const GoldenCase& c, const std::string& format) {
  std::vector<std::string> args = {"compile", "-f", format};
  if (c.profile) {
    args.push_back("--profile");
    args.push_back(source_path("test/golden/policies/syscall-weights.txt"));
  }
  args.push_back(source_path(c.policy));
  secco::testing::RunResult r = run_secco(args);
  INFO("secco stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("golden: compile output matches test/golden byte for byte") {
  for (const GoldenCase& c : kCases) {
    for (const char* format : {"asm", "pcap-d"}) {
      std::string golden = source_path(std::string("test/golden/") + c.name + "." + format);
      CAPTURE(golden);
      std::string out = compile(c, format);
      if (blessing()) {
        write_file(golden, out);
        continue;
      }
      std::string expected;
      try {
        expected = read_file(golden);
      } catch (const std::exception& e) {
        FAIL(e.what() << " (run with SECCO_BLESS=1 to create it)");
      }
      // One comparison per file keeps the failure short; the file name says where to look.
      CHECK_MESSAGE(out == expected, "output differs from " << golden << "; if intended, re-run with SECCO_BLESS=1");
    }
  }
}

TEST_CASE("golden: compiling twice gives identical bytes") {
  for (const GoldenCase& c : kCases) {
    CAPTURE(c.name);
    for (const char* format : {"bin", "asm", "pcap-d"}) {
      CAPTURE(format);
      CHECK(compile(c, format) == compile(c, format));
    }
  }
}
