// secco-difftest: the long run of the differential test against libseccomp (tools/difftest.h).
//   secco-difftest [--iterations N] [--seed S] [--verbose]
// Draws N random policies from seed S, compiles each with secco and with libseccomp, and compares
// both programs' decisions under the emulator. Prints the number of policies, probes and
// mismatches (with the first few mismatches in full) and exits 1 if any probe disagreed or either
// tool refused a policy it should accept.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "tools/difftest.h"

namespace {

int usage() {
  std::cerr << "usage: secco-difftest [--iterations N] [--seed S] [--verbose]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t iterations = 1000;
  std::uint64_t seed = 1;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--iterations" || arg == "--seed") && i + 1 < argc) {
      char* end = nullptr;
      const std::uint64_t v = std::strtoull(argv[++i], &end, 0);
      if (end == argv[i] || *end != '\0') return usage();
      (arg == "--iterations" ? iterations : seed) = v;
    } else if (arg == "--verbose") {
      verbose = true;
    } else {
      return usage();
    }
  }

  const auto start = std::chrono::steady_clock::now();
  secco::difftest::Generator gen(seed);
  secco::difftest::Runner runner;
  secco::difftest::Stats stats;
  std::uint64_t refused = 0;
  for (std::uint64_t i = 0; i < iterations; ++i) {
    const secco::difftest::PolicySpec policy = gen.policy();
    if (verbose) std::cerr << "-- policy " << i << "\n" << secco::difftest::secco_text(policy);
    std::string error;
    if (!runner.run(policy, stats, error)) {
      ++refused;
      if (refused <= 5) std::cerr << "policy " << i << ": " << error << "\n";
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& m : stats.first_mismatches) std::cerr << "MISMATCH:\n" << m.what << "\n\n";
  std::cout << "seed " << seed << ": " << stats.policies << " policies, " << stats.probes << " probes, "
            << stats.mismatches << " mismatches, " << refused << " refused, " << seconds << " s\n";
  return stats.mismatches == 0 && refused == 0 ? 0 : 1;
}
