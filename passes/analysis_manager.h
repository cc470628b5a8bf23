// Cached analyses of rule bodies, shared by the passes of one pipeline run (as LLVM's analysis
// managers). A pass asks `ctx.analyses.liveness(f)` and so on; the result is computed once and
// reused until the function changes. After each pass the pass manager keeps what the pass says it
// preserved (PreservedAnalyses) and drops the rest. A cached result is also dropped when its
// function's version changed without the pass claiming to preserve it, so a pass that forgets to
// report a change never reads a stale result; with --verify-each the pass manager recomputes what a
// pass claimed to preserve and reports a pass that lied.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

  // After a pass: keeps the preserved analyses of the module's functions (re-stamped with their
  // current version) and drops everything else.
  void keep_preserved(const ir::Module& m, const PreservedAnalyses& pa);
  // The preserved analyses of the module that are no longer what a fresh computation gives, as
  // "rule NAME: ANALYSIS" lines (for --verify-each).
  std::vector<std::string> stale_preserved(const ir::Module& m, const PreservedAnalyses& pa) const;
  void clear() { cache_.clear(); }

  struct Stats {
    std::size_t computed = 0;
    std::size_t reused = 0;
    double ms = 0;  // time spent computing
  };
  const Stats& stats(Analysis a) const { return stats_[static_cast<std::size_t>(a)]; }

 private:
  struct Entry {
    std::uint64_t version = 0;
    std::uint64_t identity = 0;
    std::optional<ir::Liveness> liveness;
    std::optional<ir::MayTrap> may_trap;
    std::optional<ir::KnownBits> known_bits;
    std::optional<ir::UseCounts> use_counts;
    std::optional<ir::Cost> cost;
  };
  Entry& entry(const ir::Function& f);
  template <typename T, typename Compute>
  const T& get(const ir::Function& f, std::optional<T> Entry::*slot, Analysis a, Compute compute);

  std::map<const ir::Function*, Entry> cache_;
  std::array<Stats, kAnalysisCount> stats_{};
};

}  // namespace secco::passes
