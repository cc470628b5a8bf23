#include "passes/multiplex_calls.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "target/multiplexed.h"

namespace secco::passes {
namespace {

using namespace ir;

// The most restrictive action a (resolved) body can return, in the kernel's precedence; among
// equals, the lowest value, so the choice is deterministic.
Action most_restrictive(const Function& f) {
  std::optional<Action> best;
  for (BlockId b : f.reverse_post_order()) {
    const Terminator& t = f.block(b).term;
    if (t.kind != Terminator::Kind::Return) continue;
    const Action a = t.action.action;
    if (!best || a.kind < best->kind || (a.kind == best->kind && a.data < best->data)) best = a;
  }
  return best.value_or(Action::kill_thread());
}

// Copies `from`'s reachable blocks into `to`, entry first at `at` (which must have no terminator).
void copy_body(const Function& from, Function& to, BlockId at) {
  std::unordered_map<ValueId, ValueId> values;
  for (ValueId v : from.live_values()) {
    const Value& x = from.value(v);
    std::vector<ValueId> ops;
    for (ValueId o : x.operands) ops.push_back(values.at(o));
    ValueId n = to.make(x.op, x.type, std::move(ops), x.imm, x.loc, x.name, x.scope);
    to.set_use_loc(n, x.use_loc);
    values[v] = n;
  }
  std::unordered_map<BlockId, BlockId> blocks;
  for (BlockId b : from.reverse_post_order()) blocks[b] = b == 0 ? at : to.add_block();
  for (const auto& [old, now] : blocks) {
    Terminator t = from.block(old).term;
    if (t.cond != kNoValue) t.cond = values.at(t.cond);
    if (t.yielded != kNoValue) t.yielded = values.at(t.yielded);
    if (t.on_true != kNoBlock) t.on_true = blocks.at(t.on_true);
    if (t.on_false != kNoBlock) t.on_false = blocks.at(t.on_false);
    to.block(now).term = t;
  }
}

struct Sub {
  const Rule* rule;
  MultiplexedForm form;
};

}  // namespace

bool reads_arguments(const ir::Function& f) {
  for (ValueId v : f.live_values()) {
    Opcode op = f.value(v).op;
    if (op == Opcode::ArgFull || op == Opcode::ArgLow || op == Opcode::ArgHigh) return true;
  }
  return false;
}

void apply_multiplexing(Module& m, Diagnostics& diags) {
  const Target& t = m.target();
  if (!multiplexes(t)) return;
  std::map<std::string_view, std::vector<Sub>> by_multiplexer;  // socketcall, ipc: their sub-call rules
  for (const Rule& r : m.rules)
    if (auto f = multiplexed_form(t, r.syscall)) by_multiplexer[f->multiplexer].push_back({&r, *f});
  std::vector<Rule> added;
  for (auto& [name, subs] : by_multiplexer) {
    std::sort(subs.begin(), subs.end(), [](const Sub& a, const Sub& b) { return a.form.call < b.form.call; });
    const std::uint32_t nr = subs.front().form.multiplexer_nr;
    auto own = std::find_if(m.rules.begin(), m.rules.end(), [&](const Rule& r) { return r.nr == nr; });
    if (own != m.rules.end() && !reads_arguments(own->body)) {
      std::string names;
      for (const Sub& s : subs) names += (names.empty() ? "'" : ", '") + s.rule->syscall + "'";
      diags.standalone_note(diag::note_multiplexer_rule_decides, own->loc,
                            {std::string(t.name()), std::string(name), names});
      continue;
    }
    Function f;
    BlockId at = f.add_block();
    const ValueId arg0 = f.make(Opcode::ArgLow, Type::U32, {}, 0);
    for (const Sub& s : subs) {
      ValueId call = arg0;
      if (s.form.mask != 0xffffffffu) call = f.make(Opcode::And, Type::U32, {arg0, f.constant(s.form.mask)});
      const ValueId cond = f.make(Opcode::Eq, Type::Bool, {call, f.constant(s.form.call)});
      const BlockId yes = f.add_block(), no = f.add_block();
      f.block(at).term = Terminator{Terminator::Kind::Branch, cond, yes, no, {}};
      if (reads_arguments(s.rule->body)) {
        const Action a = most_restrictive(s.rule->body);
        f.block(yes).term =
            Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, ActionOperand::concrete(a, s.rule->loc)};
        diags.report(diag::warn_multiplexed_arguments, s.rule->loc)
            << std::string(t.name()) << std::string(name) << s.rule->syscall << a.to_string();
      } else {
        copy_body(s.rule->body, f, yes);
      }
      at = no;
    }
    if (own != m.rules.end()) {
      copy_body(own->body, f, at);
      own->body = std::move(f);
    } else {
      f.block(at).term = Terminator{Terminator::Kind::Return, kNoValue, kNoBlock, kNoBlock, m.settings.policy};
      Rule r;
      r.syscall = std::string(name);
      r.nr = nr;
      r.position = subs.front().rule->position;
      r.loc = subs.front().rule->loc;
      r.body = std::move(f);
      added.push_back(std::move(r));
    }
  }
  m.rules.erase(std::remove_if(m.rules.begin(), m.rules.end(), [](const Rule& r) { return is_multiplexed_only(r.nr); }),
                m.rules.end());
  for (Rule& r : added) m.rules.push_back(std::move(r));
}

}  // namespace secco::passes
