// Bit tests as one `jset`: `(x & M) == 0`, `(x & M) != 0`, and with a single-bit M also
// `(x & M) == M` and `(x & M) != M`, are decided by `jset #M` on x; computing x & M into A and
// comparing it would take an `and` and a `jeq`.
#pragma once

#include <cstdint>
#include <optional>

#include "ir/function.h"

namespace secco::backend {

struct BitTest {
  ir::ValueId value;   // x, computed into A before the jset
  std::uint32_t mask;  // M
  bool when_set;       // the condition holds when some bit of M is set in x (else: when none is)
};

// The bit test `cond` is, if it is one of the forms above with 32-bit constants.
std::optional<BitTest> as_bit_test(const ir::Function& f, ir::ValueId cond);

}  // namespace secco::backend
