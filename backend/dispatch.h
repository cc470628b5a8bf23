// The system-call dispatch: a decision tree of `jge` over RANGES of system call numbers. Every
// number from 0 to 2^32-1 belongs to one range; adjacent numbers with the same outcome (the same
// DAG node: hash-consing already merged equal arg-free rules) form one range, the x32 numbers
// are one more range, -1 another. At -O2 the tree is the optimal alphabetic tree for the expected
// number of comparisons under a frequency profile (--profile, else the built-in one), smoothed and
// at most two levels deeper than a balanced tree at every size, so that calls the profile
// under-weights (x32, -1, calls rare in the recorded workloads) stay cheap. There, a span of
// single-number ranges ("islands") in one background outcome may be a `jeq` chain instead of a
// `jge` subtree (one comparison per island instead of two), chosen by expected comparisons plus a
// tenth of one per instruction; `jeq` and `jge` on the number keep every argument-free call
// decidable by the kernel's constant-action cache. Without a profile (--profile none, -O0/-O1)
// the tree is balanced by count, `jge` only.
#pragma once

#include <cstdint>
#include <vector>

#include "backend/codegen.h"
#include "backend/profile.h"

namespace secco::backend {

struct NrRange {
  std::uint32_t first;
  std::uint32_t last;
  Node outcome;
};

// Merges `ranges` (sorted, covering 0..2^32-1) where neighbours share an outcome.
std::vector<NrRange> merge_ranges(const std::vector<NrRange>& ranges);

// Builds the tree over merged ranges; A must hold the system call number.
Node build_dispatch(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile);

// The same tree by the DP without its shortcuts (every cell of every depth budget, every split
// tried one by one): for the tests, which check that build_dispatch picks exactly this tree.
Node build_dispatch_reference(CodeGen& gen, const std::vector<NrRange>& ranges, const Profile* profile);

}  // namespace secco::backend
