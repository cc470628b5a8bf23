// A seeded generator of random, WELL-TYPED secco policies and of probes (seccomp_data inputs) for
// them, for the property tests of the IR, the passes and the backend (test/ir, test/backend).
//
// Why: hand-written tests cover the cases someone thought of; the generator covers the cases
// nobody did — every operator of the language, nested at random, with constants at the 32/64-bit
// boundaries where seccomp compilers have historically been wrong (CVE-2019-9893), run-time
// divisions by values that may be zero and shifts by run-time amounts. Every policy it produces
// must compile; the tests then check that every stage agrees with the IR interpreter.
//
// The same seed always gives the same policy and probes, so a failure is reproduced by its seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "support/seccomp_data.h"
#include "target/target.h"

namespace secco::testing {

struct RandomPolicyOptions {
  unsigned max_rules = 6;        // 1..max_rules rules (0 rules happens too, rarely)
  unsigned max_definitions = 6;  // variables and macros before (and between) the rules
  unsigned max_depth = 4;        // expression nesting
  // System call names the rules may use; empty = any system call of the target.
  std::vector<std::string> syscall_pool;
  // Also use the actions that are awkward in a real process: trace, user_notif, kill_process.
  bool all_actions = true;
};

struct RandomRule {
  std::string syscall;
  std::uint32_t nr = 0;
};

struct RandomPolicy {
  std::uint64_t seed = 0;
  std::string text;
  std::vector<RandomRule> rules;
  // Constants the policy compares with or computes with (probes use them and their neighbours).
  std::vector<std::uint64_t> constants;
};

// Values at the edges of the 32- and 64-bit ranges: 0, 1, 2^31-1, 2^31, 2^32-1, 2^32, 2^32+1,
// 2^63, 2^64-1, sign-extended negatives (0xffffffffffffff9c, ...).
const std::vector<std::uint64_t>& boundary_values();

class PolicyGenerator {
 public:
  PolicyGenerator(const Target& target, RandomPolicyOptions options = {});
  // The policy of this seed (the generator keeps no state between calls).
  RandomPolicy generate(std::uint64_t seed) const;

 private:
  const Target& target_;
  RandomPolicyOptions options_;
  std::vector<RandomRule> pool_;
};

// `count` probes for `policy` (seeded): mostly the rules' system calls on the target's
// architecture, plus other system calls, x32 numbers (0x40000000 + n), -1 (0xffffffff), foreign
// architectures; arguments from boundary_values(), the policy's constants and their neighbours,
// copies of other arguments, and random values. The first probes cover each rule at least once.
std::vector<SeccompData> generate_probes(const RandomPolicy& policy, const Target& target, std::uint64_t seed,
                                         std::size_t count);

// "nr=0x.. arch=0x.. args=[..]" for failure messages.
std::string describe(const SeccompData& d);

// How many times to scale the property tests: $SECCO_PROPERTY_ITERATIONS (default 1).
std::uint64_t property_iterations();
// The first seed of the property tests: $SECCO_PROPERTY_SEED (default 1).
std::uint64_t property_seed();

}  // namespace secco::testing
