// Cached analyses of rule bodies, shared by the passes of one pipeline run (as LLVM's analysis
// managers). A pass asks `ctx.analyses.liveness(f)` and so on; the result is computed once and
// reused until the function changes. Results are cached per function and version (a function's
// version changes with every modification), so a function that a pass did not modify keeps all of
// its analyses whatever the pass did to other functions, and a pass that forgets to report a
// change never reads a stale result. For a function that a pass modified, the pass manager keeps
// what the pass says it preserved (PreservedAnalyses) and drops the rest; with --verify-each it
// recomputes what a pass claimed to preserve and reports a pass that lied.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/analyses.h"
#include "ir/module.h"

namespace secco::passes {

enum class Analysis : std::uint8_t { Liveness, MayTrap, KnownBits, UseCounts, Cost };
inline constexpr std::size_t kAnalysisCount = 5;
std::string_view analysis_name(Analysis a);

// What a pass returns: whether it changed the module and which analyses stay valid.
class PreservedAnalyses {
 public:
  // Nothing changed: every analysis stays valid.
  static PreservedAnalyses all() { return PreservedAnalyses(false, true); }
  // Something changed and no analysis is known to be valid.
  static PreservedAnalyses none() { return PreservedAnalyses(true, false); }
  // `changed` ? none() : all().
  static PreservedAnalyses unless(bool changed) { return changed ? none() : all(); }

  PreservedAnalyses& preserve(Analysis a) {
    kept_[static_cast<std::size_t>(a)] = true;
    return *this;
  }
  bool changed() const { return changed_; }
  bool preserves(Analysis a) const { return kept_[static_cast<std::size_t>(a)]; }

 private:
  PreservedAnalyses(bool changed, bool keep) : changed_(changed) { kept_.fill(keep); }
  bool changed_;
  std::array<bool, kAnalysisCount> kept_{};
};

class AnalysisManager {
 public:
  const ir::Liveness& liveness(const ir::Function& f);
  const ir::MayTrap& may_trap(const ir::Function& f);
  const ir::KnownBits& known_bits(const ir::Function& f);
  const ir::UseCounts& use_counts(const ir::Function& f);
  const ir::Cost& cost(const ir::Function& f);

  // After a pass: keeps every analysis of the rules the pass did not modify, the preserved analyses
  // of the rules it modified (re-stamped with their current version), and drops everything else.
  void keep_preserved(const ir::Module& m, const PreservedAnalyses& pa);
  // The preserved analyses of the module that are no longer what a fresh computation gives, as
  // "rule NAME: ANALYSIS" lines (for --verify-each).
  std::vector<std::string> stale_preserved(const ir::Module& m, const PreservedAnalyses& pa) const;
  void clear() {
    cache_.clear();
    stamped_.clear();
    stamped_rules_.clear();
  }

  struct Stats {
    std::size_t computed = 0;
    std::size_t reused = 0;
    double ms = 0;  // time spent computing (when timed)
  };
  const Stats& stats(Analysis a) const { return stats_[static_cast<std::size_t>(a)]; }
  // Whether computations are timed (--time-passes): off, no clock is read (its first read faults
  // in the vDSO's pages, which costs more than many analyses).
  void time_analyses(bool on) { timed_ = on; }

 private:
  struct Key {
    std::uint64_t identity;
    std::uint64_t version;
    bool operator==(const Key& o) const { return identity == o.identity && version == o.version; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const { return k.identity * 0x9e3779b97f4a7c15ULL ^ k.version; }
  };
  struct Entry {
    std::optional<ir::Liveness> liveness;
    std::optional<ir::MayTrap> may_trap;
    std::optional<ir::KnownBits> known_bits;
    std::optional<ir::UseCounts> use_counts;
    std::optional<ir::Cost> cost;
  };
  Entry& entry(const ir::Function& f);
  template <typename T, typename Compute>
  const T& get(const ir::Function& f, std::optional<T> Entry::*slot, Analysis a, Compute compute);

  // Node-based: a reference handed to a pass stays valid while other entries are added.
  bool timed_ = false;
  std::unordered_map<Key, Entry, KeyHash> cache_;
  // Each rule body's version when the last pass ended (by identity): where its entry was.
  std::unordered_map<std::uint64_t, std::uint64_t> stamped_;
  // The entry of a rule body as it was before the pass that just ran, or null.
  const Entry* before_pass(const ir::Function& f) const;
  // The two halves of keep_preserved: the cache's entries, then the versions stamped.
  void keep_entries(const ir::Module& m, const PreservedAnalyses& pa);
  void restamp(const ir::Module& m);
  std::array<Stats, kAnalysisCount> stats_{};
  // The identities of the module's rules when stamped_ was last rebuilt, in order, and how many
  // distinct ones it then held: while both still hold, stamped_ is updated in place.
  std::vector<std::uint64_t> stamped_rules_;
  std::size_t stamped_distinct_ = 0;
};

}  // namespace secco::passes
