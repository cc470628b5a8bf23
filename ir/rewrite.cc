#include "ir/rewrite.h"

namespace secco::ir {

ValueId copy_value(const Function& old, ValueId v, Function& out, ValueSpan ops) {
  const Value& x = old.value(v);
  ValueId id = out.make(x.op, x.type, ops, x.imm, x.loc, x.name, x.scope);
  if (!out.value(id).use_loc.valid() && x.use_loc.valid()) out.set_use_loc(id, x.use_loc);
  return id;
}

Function rewrite_values(const Function& old, ValueRewriter rewrite) {
  return rewrite_values(old, rewrite, old.live_values());
}

Function rewrite_values(const Function& old, ValueRewriter rewrite, const std::vector<ValueId>& live) {
  Function out;
  std::vector<ValueId> map(old.value_count(), kNoValue);
  // One operand buffer for the whole walk: each rewriter call sees its value's mapped operands.
  std::vector<ValueId> ops;
  for (ValueId v : live) {
    ops.clear();
    for (ValueId o : old.value(v).operands) ops.push_back(map[o]);
    map[v] = rewrite(old, v, out, ops);
  }
  std::vector<Block>& blocks = out.blocks();
  blocks.reserve(old.block_count());
  for (const Block& b : old.blocks()) {
    Terminator& t = blocks.emplace_back(b).term;
    if (t.cond != kNoValue) t.cond = map[t.cond];
    if (t.yielded != kNoValue) t.yielded = map[t.yielded];
  }
  return out;
}

}  // namespace secco::ir
