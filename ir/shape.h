// The shape of a function: what its IR text shows without locations, as numbers (blocks in reverse
// post-order, values in first-use order, as the printer numbers them). Two functions with equal
// shapes print to the same text without locations, so they make the same decisions; comparing
// shapes does not print. check-duplicates uses it to tell an identical repeated rule.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/function.h"

namespace secco::ir {

struct Shape {
  std::vector<std::uint64_t> words;  // opcodes, types, immediates, operand and block numbers
  std::vector<std::string> names;    // Ref/Call names and named actions, in order
  bool operator==(const Shape& o) const { return words == o.words && names == o.names; }
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

Shape shape_of(const Function& f);

}  // namespace secco::ir
