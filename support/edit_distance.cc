#include "support/edit_distance.h"

#include <algorithm>

namespace secco {
namespace {

char fold(char c, bool on) {
  return on && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, bool fold_case, std::size_t limit) {
  std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  // Three rows of the dynamic-programming table: the previous two and the current one.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      bool same = fold(a[i - 1], fold_case) == fold(b[j - 1], fold_case);
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1], fold_case) == fold(b[j - 2], fold_case) &&
          fold(a[i - 2], fold_case) == fold(b[j - 1], fold_case))
        d = std::min(d, before[j - 2] + 1);
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

std::size_t typo_limit(std::string_view name) {
  return std::max<std::size_t>(1, (name.size() + 2) / 3);
}

TypoCorrector::TypoCorrector(std::string_view typo, std::size_t limit)
    : typo_(typo), limit_(limit == 0 ? typo_limit(typo) : limit), best_distance_(limit_ + 1) {}

void TypoCorrector::offer(std::string_view candidate) {
  if (candidate == typo_ || candidate.empty()) return;
  // Letter case alone never hides a name: a case variant beats any real edit.
  std::size_t d = edit_distance(typo_, candidate, true, limit_);
  if (d == 0) {
    if (best_distance_ > 0 || !best_) {
      best_distance_ = 0;
      best_ = std::string(candidate);
    }
    return;
  }
  if (d < best_distance_) {
    best_distance_ = d;
    best_ = std::string(candidate);
  }
}

}  // namespace secco
