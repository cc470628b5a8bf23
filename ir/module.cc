#include "ir/module.h"

namespace secco::ir {

std::size_t Module::size() const {
  std::size_t n = 0;
  for (const Rule& r : rules) n += r.body.live_values().size() + r.body.reverse_post_order().size();
  for (const Definition& d : definitions) n += d.body.live_values().size() + 1;
  return n;
}

}  // namespace secco::ir
