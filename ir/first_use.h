// Numbers a function's values in the order the IR text shows them: each at its first use by a
// terminator (blocks in reverse post-order), operands before the value. The printer and the shape
// of a function (ir/shape.h) share it, so equal shapes mean equal text.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ir/function.h"

namespace secco::ir {

class FirstUseNumbering {
 public:
  explicit FirstUseNumbering(const Function& f)
      : f_(f), number_(f.value_count(), kNoValue), visiting_(f.value_count(), 0) {}

  // Numbers the operand closure of `root` not numbered yet, operands first, calling emit(v) as
  // each value gets its number. An operand that is not defined (or uses itself) stays unnumbered.
  template <typename Emit>
  void schedule(ValueId root, Emit emit) {
    if (root >= f_.value_count() || number_[root] != kNoValue) return;
    std::vector<std::pair<ValueId, std::size_t>> stack{{root, 0}};
    visiting_[root] = 1;
    while (!stack.empty()) {
      auto& [v, i] = stack.back();
      const auto& ops = f_.value(v).operands;
      if (i < ops.size()) {
        ValueId o = ops[i++];
        if (o < f_.value_count() && number_[o] == kNoValue && !visiting_[o]) {
          visiting_[o] = 1;
          stack.emplace_back(o, 0);
        }
        continue;
      }
      ValueId done = v;
      number_[done] = next_++;
      visiting_[done] = 0;
      stack.pop_back();
      emit(done);
    }
  }

  // The value's number, or kNoValue when it has none (yet).
  ValueId number(ValueId v) const { return v < number_.size() ? number_[v] : kNoValue; }

 private:
  const Function& f_;
  std::vector<ValueId> number_;
  std::vector<std::uint8_t> visiting_;
  ValueId next_ = 0;
};

}  // namespace secco::ir
