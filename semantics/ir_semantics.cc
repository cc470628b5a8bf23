#include "semantics/ir_semantics.h"

#include <stdexcept>
#include <string>

#include "semantics/kernel_action.h"

namespace secco::semantics {
namespace {

using ir::Opcode;

// The kernel value of an action (spec §4), written out here rather than borrowed.
std::uint32_t action_value(const ir::ActionOperand& a, const char* where) {
  if (!a.resolved()) throw std::logic_error(std::string("semantics: unresolved action in ") + where);
  std::uint32_t data = a.action.data;
  switch (a.action.kind) {
    case ActionKind::KillProcess:
      return 0x80000000U;
    case ActionKind::KillThread:
      return 0;
    case ActionKind::Trap:
      return 0x00030000U | data;
    case ActionKind::Errno:
      return 0x00050000U | data;
    case ActionKind::UserNotif:
      return 0x7fc00000U;
    case ActionKind::Trace:
      return 0x7ff00000U | data;
    case ActionKind::Log:
      return 0x7ffc0000U;
    case ActionKind::Allow:
      return 0x7fff0000U;
  }
  throw std::logic_error("semantics: unknown action kind");
}

// A value as a formula: numbers are 64-bit (a u32 is zero-extended, so comparisons see the
// mathematical value), conditions are booleans; `trap` is when evaluating it divides by zero.
struct Encoded {
  TermId v;
  std::optional<TermId> trap;
};

std::optional<TermId> either(TermStore& s, const std::optional<TermId>& a, const std::optional<TermId>& b) {
  if (!a) return b;
  if (!b) return a;
  return s.binary(Op::LOr, *a, *b);
}
// a's trap, or (when `guard` holds) b's.
std::optional<TermId> then_trap(TermStore& s, const std::optional<TermId>& a, TermId guard,
                                const std::optional<TermId>& b) {
  if (!b) return a;
  return either(s, a, s.binary(Op::LAnd, guard, *b));
}

class BodyEncoder {
 public:
  BodyEncoder(const ir::Function& f, Inputs& in, bool args32) : f_(f), in_(in), c_(in.terms), args32_(args32) {}

  std::vector<Encoded> values() {
    std::vector<Encoded> out;
    out.reserve(f_.value_count());
    for (ir::ValueId id = 0; id < f_.value_count(); ++id) out.push_back(encode(f_.value(id), out));
    return out;
  }

 private:
  TermId num(std::uint64_t v) { return c_.constant(v, 64); }

  Encoded encode(const ir::Value& v, const std::vector<Encoded>& e) {
    const auto& o = v.operands;
    switch (v.op) {
      case Opcode::Const:
        return {num(v.imm), std::nullopt};
      case Opcode::ConstBool:
        return {c_.boolean(v.imm != 0), std::nullopt};
      case Opcode::ArgFull:
        if (args32_) return {c_.zext(c_.low(in_.args.at(v.imm))), std::nullopt};
        return {in_.args.at(v.imm), std::nullopt};
      case Opcode::ArgLow:
        return {c_.zext(c_.low(in_.args.at(v.imm))), std::nullopt};
      case Opcode::ArgHigh:
        if (args32_) return {num(0), std::nullopt};
        return {c_.zext(c_.high(in_.args.at(v.imm))), std::nullopt};
      case Opcode::LAnd:
        return {c_.binary(Op::LAnd, e[o[0]].v, e[o[1]].v), then_trap(c_, e[o[0]].trap, e[o[0]].v, e[o[1]].trap)};
      case Opcode::LOr:
        return {c_.binary(Op::LOr, e[o[0]].v, e[o[1]].v),
                then_trap(c_, e[o[0]].trap, c_.lnot(e[o[0]].v), e[o[1]].trap)};
      case Opcode::LNot:
        return {c_.lnot(e[o[0]].v), e[o[0]].trap};
      case Opcode::In:
      case Opcode::NotIn: {
        // Candidates are evaluated left to right until one matches.
        const Encoded& x = e[o[0]];
        TermId found = c_.boolean(false);
        std::optional<TermId> trap = x.trap;
        for (std::size_t i = 1; i < o.size(); ++i) {
          trap = then_trap(c_, trap, c_.lnot(found), e[o[i]].trap);
          found = c_.binary(Op::LOr, found, c_.binary(Op::Eq, x.v, e[o[i]].v));
        }
        return {v.op == Opcode::In ? found : c_.lnot(found), trap};
      }
      default:
        break;
    }
    if (ir::is_compare(v.op)) return compare(v.op, e[o[0]], e[o[1]]);
    if (ir::is_arith(v.op)) return arith(v, e);
    throw std::logic_error("semantics: value '" + std::string(ir::opcode_name(v.op)) + "' is not expanded");
  }

  Encoded compare(Opcode op, const Encoded& a, const Encoded& b) {
    const TermId x = a.v, y = b.v;
    std::optional<TermId> trap = either(c_, a.trap, b.trap);
    switch (op) {
      case Opcode::Eq:
        return {c_.binary(Op::Eq, x, y), trap};
      case Opcode::Ne:
        return {c_.ne(x, y), trap};
      case Opcode::Lt:
        return {c_.binary(Op::Ult, x, y), trap};
      case Opcode::Le:
        return {c_.binary(Op::Ule, x, y), trap};
      case Opcode::Gt:
        return {c_.ugt(x, y), trap};
      case Opcode::Ge:
        return {c_.uge(x, y), trap};
      case Opcode::Test:
        return {c_.ne(c_.binary(Op::And, x, y), num(0)), trap};
      default:
        throw std::logic_error("semantics: bad comparison");
    }
  }

  Encoded arith(const ir::Value& v, const std::vector<Encoded>& e) {
    unsigned width = 0;
    if (v.type == ir::Type::U32) width = 32;
    if (v.type == ir::Type::Const64) width = 64;
    if (width == 0) throw std::logic_error("semantics: arithmetic on an untyped value (run typecheck first)");
    auto narrow = [&](TermId x) { return width == 32 ? c_.low(x) : x; };
    const Encoded& ea = e[v.operands[0]];
    TermId a = narrow(ea.v);
    std::optional<TermId> trap = ea.trap;
    TermId b = c_.constant(0, width);
    if (v.op != Opcode::BitNot) {
      const Encoded& eb = e[v.operands[1]];
      b = narrow(eb.v);
      trap = either(c_, trap, eb.trap);
    }
    TermId zero = c_.constant(0, width);
    TermId wide = c_.constant(width, width);
    TermId r = a;
    switch (v.op) {
      case Opcode::Add:
        r = c_.binary(Op::Add, a, b);
        break;
      case Opcode::Sub:
        r = c_.binary(Op::Sub, a, b);
        break;
      case Opcode::Mul:
        r = c_.binary(Op::Mul, a, b);
        break;
      case Opcode::Div:
        r = c_.binary(Op::UDiv, a, b);
        trap = either(c_, trap, c_.binary(Op::Eq, b, zero));
        break;
      case Opcode::Mod:
        r = c_.binary(Op::URem, a, b);
        trap = either(c_, trap, c_.binary(Op::Eq, b, zero));
        break;
      case Opcode::And:
        r = c_.binary(Op::And, a, b);
        break;
      case Opcode::Or:
        r = c_.binary(Op::Or, a, b);
        break;
      case Opcode::Xor:
        r = c_.binary(Op::Xor, a, b);
        break;
      case Opcode::Shl:  // a shift by the width or more gives 0
        r = c_.ite(c_.uge(b, wide), zero, c_.binary(Op::Shl, a, b));
        break;
      case Opcode::Shr:
        r = c_.ite(c_.uge(b, wide), zero, c_.binary(Op::LShr, a, b));
        break;
      case Opcode::BitNot:
        r = c_.bvnot(a);
        break;
      default:
        throw std::logic_error("semantics: bad arithmetic");
    }
    return {width == 32 ? c_.zext(r) : r, trap};
  }

  const ir::Function& f_;
  Inputs& in_;
  TermStore& c_;
  bool args32_;  // a 32-bit ABI: an argument is its low half
};

Decision known(std::uint32_t v) {
  Decision d;
  d.value = canonical_action(v);
  return d;
}

}  // namespace

IrSemantics::IrSemantics(const ir::Module& module) : IrSemantics(std::vector<const ir::Module*>{&module}) {}

IrSemantics::IrSemantics(const std::vector<const ir::Module*>& abis) : module_(*abis.at(0)) {
  for (const ir::Module* m : abis) {
    if (m->settings.target == nullptr) throw std::logic_error("semantics: module without a target");
    Abi abi{m, {}};
    for (const ir::Rule& r : m->rules) abi.by_nr.emplace(r.nr, &r);
    abis_.push_back(std::move(abi));
  }
}

void IrSemantics::cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const {
  nr_cuts.push_back(0xffffffffULL);
  for (const Abi& abi : abis_) {
    const Target& t = abi.module->target();
    arch_cuts.push_back(t.audit_arch());
    arch_cuts.push_back(std::uint64_t{t.audit_arch()} + 1);
    if (std::uint32_t x32 = t.x32_bit()) nr_cuts.push_back(x32);
    for (const auto& [nr, rule] : abi.by_nr) {
      nr_cuts.push_back(nr);
      nr_cuts.push_back(std::uint64_t{nr} + 1);
    }
  }
}

IrSemantics::ArchPart IrSemantics::arch_part(const Interval& arch) const {
  // The ABIs of this arch value: the main one and x32, which lives in the upper half of x86_64's.
  ArchPart p;
  for (const Abi& abi : abis_) {
    std::uint32_t audit = abi.module->target().audit_arch();
    if (!(arch.point() && arch.lo == audit)) {
      if (arch.contains(audit)) throw std::logic_error("semantics: arch region straddles a target");
      continue;
    }
    (abi.module->target().is_x32() ? p.x32abi : p.main) = &abi;
  }
  if (p.main == nullptr && p.x32abi == nullptr)
    p.fixed = known(action_value(module_.settings.bad_arch, "the bad-arch default"));
  return p;
}

Decision IrSemantics::nr_part(const ArchPart& p, const Region& region, Inputs& in) {
  if (p.fixed) return *p.fixed;
  const Abi* main = p.main;
  const Abi& owner = main != nullptr ? *main : *p.x32abi;
  if (region.nr.lo == 0xffffffffU) return known(action_value(owner.module->settings.policy, "the policy default"));
  const std::uint32_t x32 = owner.module->target().x32_bit();
  if (x32 != 0 && region.nr.lo >= x32) {
    if (p.x32abi != nullptr) return decide_rules(*p.x32abi, region, in);
    const ir::Settings& s = main->module->settings;
    return known(action_value(s.x32 ? *s.x32 : s.bad_arch, "the x32 default"));
  }
  if (x32 != 0 && region.nr.hi >= x32) throw std::logic_error("semantics: nr region straddles the x32 bit");
  if (main == nullptr) return known(action_value(module_.settings.bad_arch, "the bad-arch default"));
  return decide_rules(*main, region, in);
}

Decision IrSemantics::decide(const Region& region, Inputs& in) {
  return nr_part(arch_part(region.arch), region, in);
}

void IrSemantics::decide_all(const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
                             std::vector<Decision>& out) {
  const ArchPart p = arch_part(arch);
  out.clear();
  out.reserve(nrs.size());
  for (const Interval& nr : nrs) out.push_back(nr_part(p, Region{nr, arch}, in));
}

Decision IrSemantics::decide_rules(const Abi& abi, const Region& region, Inputs& in) {
  auto it = abi.by_nr.lower_bound(region.nr.lo);
  bool has_rule = it != abi.by_nr.end() && it->first <= region.nr.hi;
  if (!has_rule) return known(action_value(abi.module->settings.policy, "the policy default"));
  if (!region.nr.point()) throw std::logic_error("semantics: nr region straddles a rule");
  auto cached = cache_.find(it->second);
  if (cached != cache_.end()) return cached->second;
  Decision d = decide_body(it->second->body, in, &abi.module->target());
  cache_.emplace(it->second, d);
  return d;
}

Decision IrSemantics::decide_body(const ir::Function& body, Inputs& in, const Target* target) {
  TermStore& c = in.terms;
  const Target& abi = target != nullptr ? *target : module_.target();
  std::vector<Encoded> values = BodyEncoder(body, in, abi.args_are_32bit()).values();
  TermId kill = c.constant(canonical_action(0), 32);
  // Each block's decision, successors before predecessors (the CFG is acyclic).
  std::vector<std::optional<TermId>> at(body.block_count());
  std::vector<ir::BlockId> order = body.reverse_post_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const ir::Terminator& t = body.block(*it).term;
    switch (t.kind) {
      case ir::Terminator::Kind::Return:
        at[*it] = c.constant(canonical_action(action_value(t.action, "a rule")), 32);
        break;
      case ir::Terminator::Kind::Jump:
        at[*it] = *at.at(t.on_true);
        break;
      case ir::Terminator::Kind::Branch: {
        const Encoded& cond = values.at(t.cond);
        TermId d = c.ite(cond.v, *at.at(t.on_true), *at.at(t.on_false));
        at[*it] = cond.trap ? c.ite(*cond.trap, kill, d) : d;
        break;
      }
      default:
        throw std::logic_error("semantics: block without a rule terminator");
    }
  }
  TermId out = *at.at(0);
  Decision d;
  if (c.is_const(out)) {
    d.value = static_cast<std::uint32_t>(c.value(out));
  } else {
    d.formula = out;
  }
  return d;
}

}  // namespace secco::semantics
