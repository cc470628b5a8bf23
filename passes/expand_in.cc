// expand-in: rewrites `in(x, a, b)` as `x == a || x == b` and `notIn(x, a, b)` as its negation.
// Both evaluate x, then the candidates left to right until one matches, as in(...) does.
#include <utility>

#include "ir/builder.h"
#include "ir/rewrite.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

SECCO_SIMPLE_PASS(ExpandInPass, "expand-in", "expand in/notIn into comparisons");

PreservedAnalyses ExpandInPass::run(Module& m, PassContext& ctx) {
  bool changed = false;
  for (Rule& r : m.rules) {
    if (!may_rewrite(std::as_const(r.body), [](const Value& x) { return x.op == Opcode::In || x.op == Opcode::NotIn; }))
      continue;
    bool expanded = false;
    Function rewritten = rewrite_values(
        r.body,
        [&](const Function& old, ValueId v, Function& out, ValueSpan ops) {
          const Value& x = old.value(v);
          if (x.op != Opcode::In && x.op != Opcode::NotIn) return copy_value(old, v, out, ops);
          expanded = true;
          Builder b(out);
          ValueId any = b.compare(Opcode::Eq, ops[0], ops[1], x.loc);
          for (std::size_t i = 2; i < ops.size(); ++i)
            any = b.lor(any, b.compare(Opcode::Eq, ops[0], ops[i], x.loc), x.loc);
          return x.op == Opcode::In ? any : b.lnot(any, x.loc);
        },
        ctx.analyses.liveness(r.body).order);
    if (!expanded) continue;
    r.body = std::move(rewritten);
    changed = true;
  }
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_expand_in_pass() {
  return std::make_unique<ExpandInPass>();
}

}  // namespace secco::passes
