// The two measurements of secco_bench that are not per-program metrics (issue 13):
//   whole-process compile time  `secco compile P.secco -o /dev/null` against libseccomp's
//                               generator `lsc_P -O 1|2 -o /dev/null`, both spawned, median CPU
//                               and wall time over N runs;
//   largest policy that fits    per kind of generated policy, the largest size parameter whose
//                               program is at most 4,096 instructions, for secco (through
//                               api::Compilation) and for libseccomp (through its API, -O1 and -O2).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace secco::bench {

struct ProcessOptions {
  std::string secco;       // the secco executable
  std::string policy_dir;  // P.secco
  std::string lsc_dir;     // lsc_P
  int reps = 21;
};

// Markdown: one row per policy (and one for `secco --version`), with ratios to libseccomp.
std::string whole_process_report(const ProcessOptions& o, const std::vector<std::string>& policies);

// Markdown: one row per generated policy kind, with the ratio secco / best libseccomp.
std::string largest_fit_report();

// The secco text of the generated policy of kind "checks", "eq" or "in" and size n; nullopt for
// another kind.
std::optional<std::string> largest_fit_policy(const std::string& kind, std::size_t n);

}  // namespace secco::bench
