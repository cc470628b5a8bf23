#include "ir/verifier.h"

#include <map>
#include <string>
#include <string_view>

#include "support/fmt.h"

#include "ir/arith_rules.h"

namespace secco::ir {
namespace {

bool numeric(Type t) {
  return t == Type::U32 || t == Type::Const64 || t == Type::Arg64;
}

class FunctionVerifier {
 public:
  // `kind name` says where a problem is ("rule read"); joined only when there is one to report.
  FunctionVerifier(const Module& m, const Function& f, std::string_view kind, const std::string& name, bool is_rule,
                   std::vector<std::string>& errors)
      : m_(m), f_(f), kind_(kind), name_(name), is_rule_(is_rule), errors_(errors) {}

  void run() {
    if (f_.block_count() == 0) {
      fail("has no blocks");
      return;
    }
    for (ValueId v : f_.live_values()) check_value(v);
    const std::vector<BlockId>& rpo = f_.reverse_post_order();
    std::vector<std::size_t> order(f_.block_count(), SIZE_MAX);
    for (std::size_t i = 0; i < rpo.size(); ++i) order[rpo[i]] = i;
    for (BlockId b : rpo) check_block(b, order);
  }

 private:
  void fail(const std::string& msg) { errors_.push_back(std::string(kind_) + " " + name_ + ": " + msg); }

  void check_value(ValueId id) {
    const Value& v = f_.value(id);
    for (ValueId o : v.operands) {
      if (o >= id) fail(fmt::format("%{} uses %{}, which is not defined before it", id, o));
    }
    std::size_t n = v.operands.size();
    bool arity_ok = true;
    if (is_leaf(v.op)) arity_ok = n == 0;
    if (v.op == Opcode::BitNot || v.op == Opcode::LNot) arity_ok = n == 1;
    if ((is_arith(v.op) && v.op != Opcode::BitNot) || is_compare(v.op) || v.op == Opcode::LAnd || v.op == Opcode::LOr)
      arity_ok = n == 2;
    if (v.op == Opcode::In || v.op == Opcode::NotIn) arity_ok = n >= 2;
    if (!arity_ok) fail(fmt::format("%{} ({}) has {} operands", id, opcode_name(v.op), n));
    if (v.op == Opcode::ConstBool && v.imm > 1) fail(fmt::format("%{} is a boolean constant {}", id, v.imm));
    if ((v.op == Opcode::ArgFull || v.op == Opcode::ArgLow || v.op == Opcode::ArgHigh) && v.imm > 5)
      fail(fmt::format("%{} names argument {}", id, v.imm));
    if (m_.expanded && (v.op == Opcode::Ref || v.op == Opcode::Call || v.op == Opcode::Param))
      fail(fmt::format("%{} ({}) survived unify", id, opcode_name(v.op)));
    if (m_.typed) check_type(id, v);
    if (m_.split) {
      if (v.op == Opcode::In || v.op == Opcode::NotIn || v.op == Opcode::ArgFull)
        fail(fmt::format("%{} ({}) survived split64", id, opcode_name(v.op)));
      if (is_compare(v.op)) {
        for (ValueId o : v.operands) {
          const Value& x = f_.value(o);
          if (x.type == Type::Arg64 || (x.op == Opcode::Const && x.imm > kWordMask))
            fail(fmt::format("%{} compares a value wider than 32 bits after split64", id));
        }
      }
    }
    if (m_.branchy && is_logic(v.op)) fail(fmt::format("%{} ({}) survived lower-branches", id, opcode_name(v.op)));
  }

  void check_type(ValueId id, const Value& v) {
    auto t = [&](std::size_t i) { return f_.value(v.operands[i]).type; };
    Type want = Type::Unknown;
    if (v.op == Opcode::Const) want = Type::Const64;
    if (v.op == Opcode::ConstBool || is_compare(v.op) || is_logic(v.op) || v.op == Opcode::In || v.op == Opcode::NotIn)
      want = Type::Bool;
    if (v.op == Opcode::ArgFull) want = Type::Arg64;
    if (v.op == Opcode::ArgLow || v.op == Opcode::ArgHigh) want = Type::U32;
    if (is_arith(v.op)) {
      bool all_const = true;
      for (std::size_t i = 0; i < v.operands.size(); ++i) {
        if (t(i) != Type::Const64 && t(i) != Type::U32)
          fail(fmt::format("%{} does arithmetic on a {}", id, type_name(t(i))));
        all_const = all_const && t(i) == Type::Const64;
      }
      want = all_const ? Type::Const64 : Type::U32;
      // A run-time division whose divisor folded to zero (modulo 2^32) keeps its u32 type: it
      // cannot be folded, it traps whenever it is evaluated.
      if (all_const && v.type == Type::U32 && (v.op == Opcode::Div || v.op == Opcode::Mod) &&
          (f_.value(v.operands[1]).imm & 0xffffffffULL) == 0)
        want = Type::U32;
    }
    if (is_compare(v.op) || v.op == Opcode::In || v.op == Opcode::NotIn) {
      for (std::size_t i = 0; i < v.operands.size(); ++i)
        if (!numeric(t(i))) fail(fmt::format("%{} compares a {}", id, type_name(t(i))));
    }
    if (is_logic(v.op)) {
      for (std::size_t i = 0; i < v.operands.size(); ++i)
        if (t(i) != Type::Bool) fail(fmt::format("%{} ({}) takes a {}", id, opcode_name(v.op), type_name(t(i))));
    }
    if (want != Type::Unknown && v.type != want)
      fail(fmt::format("%{} ({}) has type {}, expected {}", id, opcode_name(v.op), type_name(v.type), type_name(want)));
  }

  void check_block(BlockId b, const std::vector<std::size_t>& order) {
    const Terminator& t = f_.block(b).term;
    auto target_ok = [&](BlockId s) {
      if (s >= f_.block_count()) {
        fail(fmt::format("bb{} jumps to missing bb{}", b, s));
        return;
      }
      if (order[s] <= order[b]) fail(fmt::format("bb{} jumps back to bb{} (cycle)", b, s));
    };
    switch (t.kind) {
      case Terminator::Kind::None:
        fail(fmt::format("bb{} has no terminator", b));
        break;
      case Terminator::Kind::Return:
        if (!is_rule_) fail(fmt::format("bb{}: a definition cannot return an action", b));
        if (m_.expanded && !t.action.resolved()) fail(fmt::format("bb{} returns an unresolved action", b));
        break;
      case Terminator::Kind::Yield:
        if (is_rule_) fail(fmt::format("bb{}: a rule cannot yield a value", b));
        if (t.yielded >= f_.value_count()) fail(fmt::format("bb{} yields a missing value", b));
        break;
      case Terminator::Kind::Jump:
        target_ok(t.on_true);
        break;
      case Terminator::Kind::Branch:
        if (t.cond >= f_.value_count()) {
          fail(fmt::format("bb{} branches on a missing value", b));
          break;
        }
        if (m_.typed && f_.value(t.cond).type != Type::Bool) fail(fmt::format("bb{} branches on a non-boolean", b));
        if (m_.branchy) {
          Opcode op = f_.value(t.cond).op;
          if (!is_compare(op) && op != Opcode::ConstBool)
            fail(fmt::format("bb{} branches on {} after lower-branches", b, opcode_name(op)));
        }
        target_ok(t.on_true);
        target_ok(t.on_false);
        break;
    }
  }

  const Module& m_;
  const Function& f_;
  std::string_view kind_;
  const std::string& name_;
  bool is_rule_;
  std::vector<std::string>& errors_;
};

}  // namespace

std::vector<std::string> verify(const Module& m) {
  std::vector<std::string> errors;
  if (m.settings.target == nullptr) errors.emplace_back("module has no target");
  for (const Definition& d : m.definitions) FunctionVerifier(m, d.body, "define", d.name, false, errors).run();
  for (const Rule& r : m.rules) FunctionVerifier(m, r.body, "rule", r.syscall, true, errors).run();
  // Each stage builds on the ones before it (a module read from text could claim any set).
  if ((m.typed || m.split || m.branchy) && !m.expanded)
    errors.emplace_back("stage typed, split or branchy without expanded");
  if ((m.split || m.branchy) && !m.typed) errors.emplace_back("stage split or branchy without typed");
  // The backend dispatches on the system call number: one rule per number once fully lowered.
  if (m.branchy) {
    std::map<std::uint32_t, const Rule*> by_nr;
    for (const Rule& r : m.rules) {
      auto [it, inserted] = by_nr.emplace(r.nr, &r);
      if (!inserted)
        errors.push_back(fmt::format("rule {}: system call number {} already has the rule for {}", r.syscall, r.nr,
                                     it->second->syscall));
    }
  }
  if (m.expanded) {
    const Settings& s = m.settings;
    for (const ActionOperand* a : {&s.positive, &s.negative, &s.policy, &s.bad_arch})
      if (!a->resolved()) errors.emplace_back("default action unresolved after unify");
  }
  return errors;
}

}  // namespace secco::ir
