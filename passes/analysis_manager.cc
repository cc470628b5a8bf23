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
  // The first version a pass asks about is the one the pass started from (unless the last
  // keep_preserved already recorded it): where keep_preserved finds what the pass preserved.
  stamped_.try_emplace(f.identity(), f.version());  // (try_emplace: no node made when present)
  return cache_[Key{f.identity(), f.version()}];
}

const AnalysisManager::Entry* AnalysisManager::before_pass(const ir::Function& f) const {
  auto st = stamped_.find(f.identity());
  if (st == stamped_.end() || st->second == f.version()) return nullptr;
  auto it = cache_.find(Key{f.identity(), st->second});
  return it == cache_.end() ? nullptr : &it->second;
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
  if (timed_) {
    auto t0 = std::chrono::steady_clock::now();
    cached = compute(f);
    s.ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  } else {
    cached = compute(f);
  }
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
  // Nothing changed: every entry stays valid (an entry of a function the pass modified anyway is
  // keyed by the old version and never found again; it goes with the next pass that changes).
  if (!pa.changed()) return;
  // The entries kept move over as nodes (re-keyed where the body changed): no entry is copied or
  // reallocated, whatever the number of rules.
  if (!cache_.empty()) keep_entries(m, pa);
  restamp(m);
}

void AnalysisManager::keep_entries(const ir::Module& m, const PreservedAnalyses& pa) {
  std::unordered_map<Key, Entry, KeyHash> kept;
  kept.reserve(m.rules.size());
  for (const ir::Rule& r : m.rules) {
    const Key now{r.body.identity(), r.body.version()};
    // Unmodified (or computed by the pass on the body as it is now): all still valid.
    auto it = cache_.find(now);
    if (it != cache_.end()) {
      kept.insert(cache_.extract(it));
      continue;
    }
    auto st = stamped_.find(now.identity);
    if (st == stamped_.end()) continue;
    auto old = cache_.find(Key{now.identity, st->second});
    if (old == cache_.end()) continue;
    auto node = cache_.extract(old);
    Entry& e = node.mapped();
    if (!pa.preserves(Analysis::Liveness)) e.liveness.reset();
    if (!pa.preserves(Analysis::MayTrap)) e.may_trap.reset();
    if (!pa.preserves(Analysis::KnownBits)) e.known_bits.reset();
    if (!pa.preserves(Analysis::UseCounts)) e.use_counts.reset();
    if (!pa.preserves(Analysis::Cost)) e.cost.reset();
    node.key() = now;
    kept.insert(std::move(node));
  }
  cache_ = std::move(kept);
}

void AnalysisManager::restamp(const ir::Module& m) {
  // Each rule body's version now, by identity (a later rule with the same identity wins). The
  // same rules as at the last rebuild, and no identity added since (entry() only adds): in place.
  bool same = stamped_rules_.size() == m.rules.size() && stamped_.size() == stamped_distinct_;
  for (std::size_t i = 0; same && i < m.rules.size(); ++i) same = stamped_rules_[i] == m.rules[i].body.identity();
  if (same) {
    for (const ir::Rule& r : m.rules) stamped_.find(r.body.identity())->second = r.body.version();
    return;
  }
  // Otherwise rebuilt from the rules, reusing the nodes of identities still present.
  std::unordered_map<std::uint64_t, std::uint64_t> stamped;
  stamped.reserve(m.rules.size());
  for (const ir::Rule& r : m.rules) {
    auto node = stamped_.extract(r.body.identity());
    if (node.empty()) {
      stamped[r.body.identity()] = r.body.version();
      continue;
    }
    node.mapped() = r.body.version();
    stamped.insert(std::move(node));
  }
  stamped_ = std::move(stamped);
  stamped_rules_.clear();
  for (const ir::Rule& r : m.rules) stamped_rules_.push_back(r.body.identity());
  stamped_distinct_ = stamped_.size();
}

std::vector<std::string> AnalysisManager::stale_preserved(const ir::Module& m, const PreservedAnalyses& pa) const {
  std::vector<std::string> out;
  for (const ir::Rule& r : m.rules) {
    const Entry* e = before_pass(r.body);
    if (e == nullptr) continue;
    auto check = [&](Analysis a, bool stale) {
      if (pa.preserves(a) && stale) out.push_back("rule " + r.syscall + ": " + std::string(analysis_name(a)));
    };
    check(Analysis::Liveness, e->liveness && !(*e->liveness == ir::compute_liveness(r.body)));
    check(Analysis::MayTrap, e->may_trap && !(*e->may_trap == ir::compute_may_trap(r.body)));
    check(Analysis::KnownBits, e->known_bits && !(*e->known_bits == ir::compute_known_bits(r.body)));
    check(Analysis::UseCounts, e->use_counts && !(*e->use_counts == ir::compute_use_counts(r.body)));
    check(Analysis::Cost, e->cost && !(*e->cost == ir::compute_cost(r.body)));
  }
  return out;
}

}  // namespace secco::passes
