#include "passes/redundant_rules.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>

#include "passes/multiplex_calls.h"
#include "target/multiplexed.h"

namespace secco::passes {
namespace {

using namespace ir;

// Every way out of `f` returns `d`: the blocks reachable from the entry, following only the taken
// side of a constant branch (the `1` body never takes its negative action). A division by a
// run-time value may kill (typecheck rejects constant divisors that trap): not `d` only.
bool returns_only(const Function& f, const Action& d) {
  for (ValueId v : f.live_values()) {
    const Value& x = f.value(v);
    if (x.op != Opcode::Div && x.op != Opcode::Mod) continue;
    if (x.operands.size() != 2 || f.value(x.operands[1]).op != Opcode::Const) return false;
  }
  bool any = false;
  // Scratch reused across calls: called for every rule, most of a handful of blocks.
  thread_local std::vector<std::uint8_t> seen;
  thread_local std::vector<BlockId> work;
  seen.assign(f.blocks().size(), 0);
  work.assign(1, 0);
  while (!work.empty()) {
    BlockId id = work.back();
    work.pop_back();
    if (id >= seen.size() || seen[id]) continue;
    seen[id] = true;
    const Terminator& t = f.block(id).term;
    if (t.kind == Terminator::Kind::Return) {
      if (t.action.form != ActionOperand::Form::Concrete || t.action.action != d) return false;
      any = true;
    } else if (t.kind == Terminator::Kind::Branch) {
      const Value& c = f.value(t.cond);
      if (c.op != Opcode::ConstBool || c.imm != 0) work.push_back(t.on_true);
      if (c.op != Opcode::ConstBool || c.imm == 0) work.push_back(t.on_false);
    } else if (t.kind == Terminator::Kind::Jump) {
      work.push_back(t.on_true);
    }
  }
  return any;
}

}  // namespace

std::vector<bool> redundant_rules(const Module& m) {
  std::vector<bool> out(m.rules.size(), false);
  if (m.settings.policy.form != ActionOperand::Form::Concrete) return out;
  const Action& d = m.settings.policy.action;
  const Target& t = m.target();
  const auto rule_numbered = [&](std::uint32_t nr) -> const Rule* {
    for (const Rule& r : m.rules)
      if (r.nr == nr) return &r;
    return nullptr;
  };
  for (std::size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    if (!returns_only(r.body, d)) continue;
    bool matters = false;
    // A sub-call rule: without it, socketcall(call, ...) goes to the multiplexer's rule when that
    // rule tests arguments (one without decides every call anyway, this rule or not).
    if (auto f = multiplexed_form(t, r.syscall)) {
      const Rule* own = rule_numbered(f->multiplexer_nr);
      matters = own != nullptr && reads_arguments(own->body) && !returns_only(own->body, d);
    }
    // A multiplexer rule without argument tests: it hides every sub-call rule's multiplexed form.
    if (!reads_arguments(r.body))
      for (const MultiplexedCall& c : multiplexed_calls(t)) {
        if (c.form.multiplexer_nr != r.nr) continue;
        for (const Rule& sub : m.rules)
          if (sub.syscall == c.name && !returns_only(sub.body, d)) matters = true;
      }
    out[i] = !matters;
  }
  return out;
}

void warn_redundant_rules(const std::vector<const Module*>& abis, Diagnostics& diags) {
  // A rule is the same on every ABI by its place and system call (a group names several): it is
  // reported, at its first appearance, when it is redundant on every ABI that has it. Sorting the
  // (place, call) keys groups the appearances without a node or a name copy per rule.
  using Key = std::tuple<FileId, std::uint32_t, std::uint32_t, std::string_view>;
  struct Seen {
    Key key;
    std::size_t seq;  // order of appearance over all ABIs
    const Rule* rule;
    bool redundant;
  };
  std::vector<Seen> seen;
  for (const Module* m : abis) {
    std::vector<bool> here = redundant_rules(*m);
    seen.reserve(seen.size() + m->rules.size());
    for (std::size_t i = 0; i < m->rules.size(); ++i) {
      const Rule& r = m->rules[i];
      seen.push_back({Key{r.loc.begin.file, r.loc.begin.line, r.loc.begin.col, r.syscall}, seen.size(), &r, here[i]});
    }
  }
  std::sort(seen.begin(), seen.end(),
            [](const Seen& a, const Seen& b) { return a.key < b.key || (a.key == b.key && a.seq < b.seq); });
  std::vector<const Seen*> report;  // first appearances redundant everywhere
  for (std::size_t i = 0; i < seen.size();) {
    std::size_t j = i;
    bool redundant = true;
    for (; j < seen.size() && seen[j].key == seen[i].key; ++j) redundant = redundant && seen[j].redundant;
    if (redundant) report.push_back(&seen[i]);
    i = j;
  }
  std::sort(report.begin(), report.end(), [](const Seen* a, const Seen* b) { return a->seq < b->seq; });
  const Action& d = abis.front()->settings.policy.action;
  for (const Seen* s : report)
    diags.report(diag::warn_redundant_rule, s->rule->loc) << s->rule->syscall << d.to_string();
}

}  // namespace secco::passes
