#include "semantics/cases.h"

#include <algorithm>
#include <bitset>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

namespace secco::semantics {
namespace {

constexpr std::uint32_t kFull = 0xffffffffU;
constexpr unsigned kMaxEnumeratedBits = 8;  // a word read under masks: at most 2^8 values tried

// A 32-bit word of the input: field (kIp, kArg0..) * 2 + (0: bits 31..0, 1: bits 63..32).
using Word = std::uint32_t;

// One word inside a term: the term's bits `shift`.. hold the word under `mask`.
struct Part {
  Word word;
  std::uint32_t mask;
  unsigned shift;  // 0 or 32
};

// How one word is read: under each mask, against which constants, ordered or only for equality.
struct Use {
  std::set<std::uint32_t> consts;
  bool ordered = false;
};

class Analysis {
 public:
  explicit Analysis(const TermStore& s) : s_(s) {}

  // Walks `root`; false if a word is read in a way outside the class.
  bool run(TermId root) {
    std::vector<TermId> work{root};
    std::set<TermId> seen;
    while (!work.empty()) {
      TermId t = work.back();
      work.pop_back();
      if (!seen.insert(t).second) continue;
      const TermNode& n = s_.node(t);
      if (n.op == Op::Var) return false;  // a word (or nr, arch) read outside a comparison
      if ((n.op == Op::Eq || n.op == Op::Ult || n.op == Op::Ule) && comparison(n)) continue;
      const TermId operands[] = {n.a, n.b, n.c};
      for (unsigned i = 0; i < arity(n.op); ++i) work.push_back(operands[i]);
    }
    return true;
  }

  std::map<Word, std::map<std::uint32_t, Use>> uses;

 private:
  // `t` as words under masks, or false.
  bool view(TermId t, std::vector<Part>& parts) {
    const TermNode& n = s_.node(t);
    switch (n.op) {
      case Op::Var:
        if (n.k < kIp) return false;  // nr and arch: left to the solver
        parts.push_back({static_cast<Word>(n.k * 2), kFull, 0});
        parts.push_back({static_cast<Word>(n.k * 2 + 1), kFull, 32});
        return true;
      case Op::Low:
      case Op::High: {
        const TermNode& v = s_.node(n.a);
        if (v.op != Op::Var || v.k < kIp) return false;
        parts.push_back({static_cast<Word>(v.k * 2 + (n.op == Op::High ? 1 : 0)), kFull, 0});
        return true;
      }
      case Op::ZExt:
        return view(n.a, parts);
      case Op::And: {
        if (!s_.is_const(n.b) || !view(n.a, parts)) return false;
        for (Part& p : parts) p.mask &= static_cast<std::uint32_t>(s_.value(n.b) >> p.shift);
        return true;
      }
      default:
        return false;
    }
  }

  bool comparison(const TermNode& n) {
    TermId var = n.a, k = n.b;
    if (s_.is_const(n.a)) std::swap(var, k);
    if (!s_.is_const(k)) return false;
    std::vector<Part> parts;
    if (!view(var, parts)) return false;
    for (const Part& p : parts) {
      Use& u = uses[p.word][p.mask];
      u.consts.insert(static_cast<std::uint32_t>(s_.value(k) >> p.shift));
      u.ordered = u.ordered || n.op != Op::Eq;
    }
    return true;
  }

  const TermStore& s_;
};

// Every value of the bits of `mask` (2^popcount values).
std::vector<std::uint32_t> submasks(std::uint32_t mask) {
  std::vector<std::uint32_t> out;
  std::uint32_t s = 0;
  do {
    out.push_back(s);
    s = (s - mask) & mask;
  } while (s != 0);
  return out;
}

// One value of the word per class; empty if the word's uses are outside what is handled.
std::vector<std::uint32_t> representatives(const std::map<std::uint32_t, Use>& by_mask) {
  std::vector<std::uint32_t> out;
  if (by_mask.size() == 1) {
    const auto& [mask, use] = *by_mask.begin();
    if (mask == kFull && use.ordered) {  // intervals between the constants
      out.push_back(0);
      for (std::uint32_t k : use.consts) {
        out.push_back(k);
        if (k != kFull) out.push_back(k + 1);
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    }
    if (!use.ordered) {  // word & mask equals one of the constants, or none of them
      for (std::uint32_t k : use.consts)
        if ((k & ~mask) == 0) out.push_back(k);
      std::uint32_t s = 0;
      do {
        if (use.consts.count(s) == 0) {
          out.push_back(s);
          break;
        }
        s = (s - mask) & mask;
      } while (s != 0);
      return out;
    }
  }
  std::uint32_t all = 0;
  for (const auto& [mask, use] : by_mask) all |= mask;
  if (std::bitset<32>(all).count() > kMaxEnumeratedBits) return {};
  return submasks(all);  // every observation is a function of word & all
}

}  // namespace

CaseAnswer decide_by_cases(const TermStore& store, TermId cond, const Region& region, SeccompData& witness,
                           std::size_t budget) {
  Analysis a(store);
  if (!a.run(cond)) return CaseAnswer::Unsupported;
  std::vector<Word> words;
  std::vector<std::vector<std::uint32_t>> reps;
  std::size_t combinations = 1;
  for (const auto& [word, by_mask] : a.uses) {
    std::vector<std::uint32_t> r = representatives(by_mask);
    if (r.empty()) return CaseAnswer::Unsupported;
    combinations *= r.size();
    if (combinations > budget) return CaseAnswer::Unsupported;
    words.push_back(word);
    reps.push_back(std::move(r));
  }
  Evaluator ev(store);
  ev.prepare({cond});
  std::uint64_t input[kVarCount] = {};
  input[kNr] = region.nr.lo;
  input[kArch] = region.arch.lo;
  auto set_word = [&](std::size_t i, std::uint32_t v) {
    std::uint64_t& field = input[words[i] / 2];
    const unsigned shift = words[i] % 2 == 0 ? 0 : 32;
    field = (field & ~(std::uint64_t{kFull} << shift)) | (std::uint64_t{v} << shift);
  };
  // Every combination of one value per word, as a search that fixes one word after another: the
  // word of stage n - 1 first, then n - 2... (`word_at[s]` is the word of stage s). With the words
  // of the stages below s not fixed yet, a three-valued evaluation (Evaluator::evaluate_partial)
  // may already decide the condition: false, and no combination of the rest makes it hold, so they
  // are skipped; true, and the first of them (each remaining word at its first value) holds.
  // Fixing the word of stage s changes the terms reading it, and those reading the words below
  // it, which are free again: only those (stage s and below) are evaluated again.
  std::vector<std::size_t> at(words.size(), 0);
  auto search = [&](const std::vector<std::size_t>& word_at) -> CaseAnswer {
    std::vector<unsigned> stage_of_word(words.size());
    for (std::size_t s = 0; s < word_at.size(); ++s) stage_of_word[word_at[s]] = static_cast<unsigned>(s);
    auto stage_of = [&](Word w) -> unsigned {
      auto it = std::lower_bound(words.begin(), words.end(), w);
      return it != words.end() && *it == w ? stage_of_word[static_cast<std::size_t>(it - words.begin())]
                                           : Evaluator::kNeverChanges;
    };
    // A 64-bit field with one word enumerated is only read through Low or High of that word (a
    // comparison of the whole field enumerates both), which have their own stages.
    ev.stage([&](const TermNode& n) -> std::optional<unsigned> {
      if (n.op == Op::Var)
        return n.k < kIp ? Evaluator::kNeverChanges  // nr, arch: unknown to evaluate_partial
                         : std::min(stage_of(static_cast<Word>(n.k * 2)), stage_of(static_cast<Word>(n.k * 2 + 1)));
      if ((n.op == Op::Low || n.op == Op::High) && store.node(n.a).op == Op::Var && store.node(n.a).k >= kIp)
        return stage_of(static_cast<Word>(store.node(n.a).k * 2 + (n.op == Op::High ? 1 : 0)));
      return std::nullopt;
    });
    for (std::size_t i = 0; i < words.size(); ++i) set_word(i, reps[i][0]);
    ev.evaluate_partial(input, static_cast<unsigned>(words.size()), true);
    std::size_t level = words.size();  // the words of stages [level, n) are fixed
    bool descend = true;
    for (;;) {
      if (ev.known(cond)) {
        if (ev.value(cond) != 0) {
          for (std::size_t s = 0; s < level; ++s) at[s] = 0;
          return CaseAnswer::Holds;
        }
        descend = false;  // never holds with these words fixed
      } else if (level == 0) {
        return CaseAnswer::Unsupported;  // every word fixed and still undecided: outside the class after all
      }
      if (descend) {
        --level;  // fix the next word at its first value
        at[level] = 0;
      } else {
        // The next value of the lowest fixed stage that has one; the words below it are free again.
        while (level < words.size() && at[level] + 1 == reps[word_at[level]].size()) ++level;
        if (level == words.size()) return CaseAnswer::Never;
        ++at[level];
      }
      set_word(word_at[level], reps[word_at[level]][at[level]]);
      ev.evaluate_partial(input, static_cast<unsigned>(level), false);
      descend = true;
    }
  };
  // Whether some combination holds does not depend on the order the words are fixed in; the
  // order of the fields, each high half before its low one, is the one programs test them in
  // (a BPF program's condition is decided by the first words it reads), so most of the search is
  // cut short there.
  std::vector<std::size_t> word_at(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) word_at[i] = i;
  std::vector<std::size_t> fast = word_at;
  auto fixed_first = [&](std::size_t i) { return words[i] / 2 * 2 + (1 - words[i] % 2); };
  std::sort(fast.begin(), fast.end(), [&](std::size_t x, std::size_t y) { return fixed_first(x) > fixed_first(y); });
  const CaseAnswer answer = search(fast);
  if (answer != CaseAnswer::Holds) return answer;
  // The witness: the first combination that holds when the first word turns fastest (an odometer
  // over the words in order), found by the search that fixes the last word first.
  if (search(word_at) != CaseAnswer::Holds) throw std::logic_error("semantics: case analysis disagrees with itself");
  for (std::size_t i = 0; i < words.size(); ++i) set_word(i, reps[i][at[i]]);
  // The three-valued evaluation said every such input makes it hold; check this one.
  ev.evaluate(input);
  if (ev.value(cond) == 0) throw std::logic_error("semantics: case analysis gave a wrong witness");
  witness.nr = static_cast<std::uint32_t>(input[kNr]);
  witness.arch = static_cast<std::uint32_t>(input[kArch]);
  witness.instruction_pointer = input[kIp];
  for (std::size_t i = 0; i < 6; ++i) witness.args[i] = input[kArg0 + i];
  return CaseAnswer::Holds;
}

}  // namespace secco::semantics
