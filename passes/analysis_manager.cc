#include "passes/analysis_manager.h"

#include <chrono>

namespace secco::passes {

std::string_view analysis_name(Analysis a) {
  switch (a) {
    case Analysis::Liveness:
      return "liveness";
    case Analysis::MayTrap:
      return "may-trap";
    case Analysis::KnownBits:
      return "known-bits";
    case Analysis::UseCounts:
      return "use-counts";
    case Analysis::Cost:
      return "cost";
  }
  return "?";
}

AnalysisManager::Entry& AnalysisManager::entry(const ir::Function& f) {
  Entry& e = cache_[&f];
  if (e.version != f.version() || e.identity != f.identity()) e = Entry{f.version(), f.identity(), {}, {}, {}, {}, {}};
  return e;
}

template <typename T, typename Compute>
const T& AnalysisManager::get(const ir::Function& f, std::optional<T> Entry::*slot, Analysis a, Compute compute) {
  Entry& e = entry(f);
  Stats& s = stats_[static_cast<std::size_t>(a)];
  std::optional<T>& cached = e.*slot;
  if (cached) {
    ++s.reused;
    return *cached;
  }
  auto t0 = std::chrono::steady_clock::now();
  cached = compute(f);
  s.ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ++s.computed;
  return *cached;
}

const ir::Liveness& AnalysisManager::liveness(const ir::Function& f) {
  return get(f, &Entry::liveness, Analysis::Liveness, ir::compute_liveness);
}
const ir::MayTrap& AnalysisManager::may_trap(const ir::Function& f) {
  return get(f, &Entry::may_trap, Analysis::MayTrap, ir::compute_may_trap);
}
const ir::KnownBits& AnalysisManager::known_bits(const ir::Function& f) {
  return get(f, &Entry::known_bits, Analysis::KnownBits, ir::compute_known_bits);
}
const ir::UseCounts& AnalysisManager::use_counts(const ir::Function& f) {
  return get(f, &Entry::use_counts, Analysis::UseCounts, ir::compute_use_counts);
}
const ir::Cost& AnalysisManager::cost(const ir::Function& f) {
  return get(f, &Entry::cost, Analysis::Cost, ir::compute_cost);
}

void AnalysisManager::keep_preserved(const ir::Module& m, const PreservedAnalyses& pa) {
  std::map<const ir::Function*, Entry> kept;
  for (const ir::Rule& r : m.rules) {
    auto it = cache_.find(&r.body);
    if (it == cache_.end()) continue;
    Entry e = std::move(it->second);
    if (e.identity != r.body.identity()) continue;  // another function now at this address
    e.version = r.body.version();
    if (!pa.preserves(Analysis::Liveness)) e.liveness.reset();
    if (!pa.preserves(Analysis::MayTrap)) e.may_trap.reset();
    if (!pa.preserves(Analysis::KnownBits)) e.known_bits.reset();
    if (!pa.preserves(Analysis::UseCounts)) e.use_counts.reset();
    if (!pa.preserves(Analysis::Cost)) e.cost.reset();
    kept.emplace(&r.body, std::move(e));
  }
  cache_ = std::move(kept);
}

std::vector<std::string> AnalysisManager::stale_preserved(const ir::Module& m, const PreservedAnalyses& pa) const {
  std::vector<std::string> out;
  for (const ir::Rule& r : m.rules) {
    auto it = cache_.find(&r.body);
    if (it == cache_.end()) continue;
    const Entry& e = it->second;
    if (e.identity != r.body.identity()) continue;
    auto check = [&](Analysis a, bool stale) {
      if (pa.preserves(a) && stale) out.push_back("rule " + r.syscall + ": " + std::string(analysis_name(a)));
    };
    check(Analysis::Liveness, e.liveness && !(*e.liveness == ir::compute_liveness(r.body)));
    check(Analysis::MayTrap, e.may_trap && !(*e.may_trap == ir::compute_may_trap(r.body)));
    check(Analysis::KnownBits, e.known_bits && !(*e.known_bits == ir::compute_known_bits(r.body)));
    check(Analysis::UseCounts, e.use_counts && !(*e.use_counts == ir::compute_use_counts(r.body)));
    check(Analysis::Cost, e.cost && !(*e.cost == ir::compute_cost(r.body)));
  }
  return out;
}

}  // namespace secco::passes
