// The short, CI-sized run of the differential test against libseccomp (tools/difftest.h): random
// policies in the subset both tools express, compiled by both, compared probe by probe in the
// emulator over every system call number, -1, foreign architectures and boundary argument values;
// plus a few hand-written policies at the edges (64-bit constants, sign-extended values, masks).
// The long run is `secco-difftest --iterations N --seed S` (docs/testing.md).
#include <doctest/doctest.h>

#include <string>

#include "tools/difftest.h"

namespace dt = secco::difftest;

namespace {

void check_policy(const dt::PolicySpec& policy, dt::Stats& stats) {
  dt::Runner runner;
  std::string error;
  const std::uint64_t before = stats.mismatches;
  const bool ran = runner.run(policy, stats, error);
  INFO(dt::secco_text(policy));
  CHECK_MESSAGE(ran, error);
  if (stats.mismatches != before && !stats.first_mismatches.empty()) FAIL_CHECK(stats.first_mismatches.back().what);
  CHECK(stats.mismatches == before);
}

dt::RuleSpec rule(const char* name, std::uint32_t action, std::vector<dt::Comparison> cmps) {
  dt::RuleSpec r;
  r.name = name;
  r.nr = *secco::Target::default_target().syscall_number(name);
  r.action = action;
  r.comparisons = std::move(cmps);
  return r;
}

}  // namespace

TEST_CASE("libseccomp differential: hand-written edge policies agree") {
  dt::Stats stats;
  dt::PolicySpec p;
  p.default_action = SCMP_ACT_ERRNO(1);
  p.rules.push_back(rule("read", SCMP_ACT_ALLOW, {}));
  p.rules.push_back(rule("write", SCMP_ACT_ALLOW, {{0, SCMP_CMP_EQ, 0x100000001ull, 0}}));
  p.rules.push_back(rule("openat", SCMP_ACT_ALLOW, {{0, SCMP_CMP_EQ, 0xffffffffffffff9cull, 0}}));
  p.rules.push_back(rule("close", SCMP_ACT_TRAP, {{0, SCMP_CMP_GT, 0xffffffffull, 0}}));
  p.rules.push_back(rule("mmap", SCMP_ACT_LOG,
                         {{2, SCMP_CMP_MASKED_EQ, 0x0000000400000004ull, 0x4}, {3, SCMP_CMP_LE, 0x80000000ull, 0}}));
  p.rules.push_back(rule("kill", SCMP_ACT_KILL_PROCESS, {{1, SCMP_CMP_GE, 0x8000000000000000ull, 0}}));
  p.rules.push_back(rule("ioctl", SCMP_ACT_TRACE(9), {{1, SCMP_CMP_LT, 0x100000000ull, 0}, {5, SCMP_CMP_NE, 0, 0}}));
  for (int level : {0, 2}) {
    for (bool tree : {false, true}) {
      p.opt_level = level;
      p.libseccomp_binary_tree = tree;
      check_policy(p, stats);
    }
  }
  CHECK(stats.policies == 4);
  MESSAGE(stats.policies << " policies, " << stats.probes << " probes, " << stats.mismatches << " mismatches");
}

TEST_CASE("libseccomp differential: random policies agree") {
  // Fixed seeds so a CI failure reproduces with `secco-difftest --seed S --iterations N`.
  dt::Stats stats;
  dt::Generator gen(20240601);
  for (int i = 0; i < 60; ++i) check_policy(gen.policy(), stats);
  CHECK(stats.policies == 60);
  CHECK(stats.probes > 60 * 900);
  MESSAGE(stats.policies << " policies, " << stats.probes << " probes, " << stats.mismatches << " mismatches");
}
