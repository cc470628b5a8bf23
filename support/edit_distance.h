// "Did you mean" support: the optimal-string-alignment edit distance (insert, delete, substitute,
// swap two neighbours) and the closest name of a table, as clang's typo correction does it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace secco {

// Edit distance of `a` and `b`, comparing letters case-insensitively when `fold_case` is set;
// stops counting above `limit` (returns limit + 1).
std::size_t edit_distance(std::string_view a, std::string_view b, bool fold_case, std::size_t limit);

// The largest distance still worth suggesting for a name of this length (about a third of it).
std::size_t typo_limit(std::string_view name);

// Collects candidates and keeps the closest to `typo` (ties: the first offered). A candidate equal
// to the typo is not a suggestion; one that differs only in letter case counts as distance 0.
class TypoCorrector {
 public:
  explicit TypoCorrector(std::string_view typo, std::size_t limit = 0);
  void offer(std::string_view candidate);
  void offer(const std::vector<std::string>& candidates) {
    for (const std::string& c : candidates) offer(c);
  }
  std::optional<std::string> best() const { return best_; }

 private:
  std::string typo_;
  std::size_t limit_;
  std::size_t best_distance_;
  std::optional<std::string> best_;
};

}  // namespace secco
