#include "ir/rewrite.h"

namespace secco::ir {

ValueId copy_value(const Function& old, ValueId v, Function& out, std::vector<ValueId> ops) {
  const Value& x = old.value(v);
  ValueId id = out.make(x.op, x.type, std::move(ops), x.imm, x.loc, x.name, x.scope);
  if (!out.value(id).use_loc.valid() && x.use_loc.valid()) out.set_use_loc(id, x.use_loc);
  return id;
}

Function rewrite_values(const Function& old, const ValueRewriter& rewrite) {
  return rewrite_values(old, rewrite, old.live_values());
}

Function rewrite_values(const Function& old, const ValueRewriter& rewrite, const std::vector<ValueId>& live) {
  Function out;
  std::vector<ValueId> map(old.value_count(), kNoValue);
  for (ValueId v : live) {
    std::vector<ValueId> ops;
    ops.reserve(old.value(v).operands.size());
    for (ValueId o : old.value(v).operands) ops.push_back(map[o]);
    map[v] = rewrite(old, v, out, std::move(ops));
  }
  for (const Block& b : old.blocks()) {
    BlockId nb = out.add_block();
    Terminator t = b.term;
    if (t.cond != kNoValue) t.cond = map[t.cond];
    if (t.yielded != kNoValue) t.yielded = map[t.yielded];
    out.block(nb).term = t;
  }
  return out;
}

}  // namespace secco::ir
