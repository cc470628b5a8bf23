// typecheck: gives every value its type (bool, u32 run-time value, u64 constant, arg64 full
// argument) and reports every type error of spec §5-§6 at the offending sub-expression:
// booleans where numbers belong and back, arithmetic on a full argument, a full argument anywhere
// but a comparison operand or the subject of in/notIn, division by a constant zero (also a
// constant that is zero modulo 2^32 in run-time arithmetic; the divisor may be a constant
// expression such as `1 - 1`), a rule body that is not boolean.
// Values whose operands already failed get no type and no further message (no cascades).
// It also warns about comparisons of a 32-bit value with a constant of 2^32 or more.
#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "support/fmt.h"

#include "ir/arith_rules.h"
#include "ir/constant_eval.h"
#include "ir/rewrite.h"
#include "passes/pass.h"
#include "passes/redundant_rules.h"

namespace secco::passes {
namespace {

using namespace ir;

class Checker {
 public:
  Checker(const Function& f, Diagnostics& diags) : f_(f), diags_(diags) {}

  ValueId check(ValueId v, Function& out, ValueSpan ops) {
    out_p_ = &out;
    const Value& x = f_.value(v);
    Type t = type_of(x, ops);
    ValueId id = out_p_->make(x.op, t, ops, x.imm, x.loc, x.name, x.scope);
    if (!out_p_->value(id).use_loc.valid()) out_p_->set_use_loc(id, x.use_loc);
    record_constant(id);
    return id;
  }

  // The same for a function typed in place (`f` is the function being checked): value `v`'s
  // operands are typed already, and its own type is set only where it differs. Returns whether
  // it did.
  bool check_in_place(ValueId v, Function& f) {
    out_p_ = &f;
    const Value& x = f.value(v);
    Type t = type_of(x, x.operands);
    const bool differs = x.type != t;
    if (differs) f.value_mut(v).type = t;
    record_constant(v);
    return differs;
  }

 private:
  Type t(ValueId id) const { return out_p_->value(id).type; }

  // The value of a constant expression, memoised per value (a DAG of shared constant
  // sub-expressions must not be re-evaluated along every path).
  std::optional<std::uint64_t> constant_of(ValueId id) const {
    return id < constants_.size() ? constants_[id] : std::nullopt;
  }
  void record_constant(ValueId id) {
    if (constants_.size() <= id) constants_.resize(id + 1);
    const Value& x = out_p_->value(id);
    if (x.type != Type::Const64) return;
    if (x.op == Opcode::Const) {
      constants_[id] = x.imm;
    } else if (is_arith(x.op)) {
      auto a = constant_of(x.operands[0]);
      auto b = x.op == Opcode::BitNot ? std::optional<std::uint64_t>(0) : constant_of(x.operands[1]);
      if (a && b) constants_[id] = fold_arith(x.op, *a, *b, 64);
    }
  }

  SourceRange at(ValueId id) const {
    const Value& x = out_p_->value(id);
    return x.use_loc.valid() ? x.use_loc : x.loc;
  }

  void note_expansion(ValueId id) {
    const Value& x = out_p_->value(id);
    if (x.use_loc.valid() && x.loc.valid()) diags_.report(diag::note_in_expansion, x.loc) << "macro";
  }

  // Reports a number/boolean mismatch of operand `o`; returns false if there was one.
  bool want_number(ValueId o, bool allow_full_arg, Opcode user) {
    Type ot = t(o);
    if (ot == Type::Unknown) return false;
    if (ot == Type::Bool) {
      diags_.report(diag::err_expected_number, at(o));
      note_expansion(o);
      return false;
    }
    if (ot == Type::Arg64 && !allow_full_arg) {
      unsigned i = static_cast<unsigned>(out_p_->value(o).imm);
      (void)user;
      diags_.report(diag::err_full_arg_arith, at(o))
          << fmt::format("arg{}", i) << fmt::format("argL{}", i) << fmt::format("argH{}", i);
      note_expansion(o);
      return false;
    }
    return true;
  }

  // The source text of a range on one line, or "" (macro expansions and ranges across lines).
  std::string text_of(SourceLoc b, SourceLoc e) const {
    if (!b.valid() || b.file != e.file || b.line != e.line || e.col <= b.col) return {};
    std::string_view line = diags_.sources().line(b.file, b.line);
    if (e.col - 1 > line.size()) return {};
    return std::string(line.substr(b.col - 1, e.col - b.col));
  }

  // `0 < arg0 < 5` parses as `(0 < arg0) < 5`, as in C: point at the conjunction the author meant.
  void note_chained_comparison(const Value& outer, ValueId inner_id) {
    const Value& inner = out_p_->value(inner_id);
    if (!is_compare(inner.op) || inner.use_loc.valid() || inner.operands.size() != 2) return;
    const Value& middle = out_p_->value(inner.operands[1]);
    std::string first = text_of(inner.loc.begin, inner.loc.end);
    std::string second = text_of(middle.loc.begin, outer.loc.end);
    if (first.empty() || second.empty()) return;
    diags_.report(diag::note_chained_comparison, outer.loc) << first << second;
  }

  bool want_bool(ValueId o) {
    Type ot = t(o);
    if (ot == Type::Unknown) return false;
    if (ot != Type::Bool) {
      diags_.report(diag::err_expected_bool, at(o));
      note_expansion(o);
      return false;
    }
    return true;
  }

  Type type_of(const Value& x, ValueSpan ops) {
    switch (x.op) {
      case Opcode::Const:
        return Type::Const64;
      case Opcode::ConstBool:
        return Type::Bool;
      case Opcode::ArgFull:
        return Type::Arg64;
      case Opcode::ArgLow:
      case Opcode::ArgHigh:
        return Type::U32;
      default:
        break;
    }
    if (is_logic(x.op)) {
      bool ok = true;
      for (ValueId o : ops) ok = want_bool(o) && ok;
      return ok ? Type::Bool : Type::Unknown;
    }
    if (is_compare(x.op) || x.op == Opcode::In || x.op == Opcode::NotIn) {
      bool ok = true;
      const bool is_in = x.op == Opcode::In || x.op == Opcode::NotIn;
      for (std::size_t i = 0; i < ops.size(); ++i) {
        const bool good = want_number(ops[i], !is_in || i == 0, x.op);
        if (!good && i == 0 && is_compare(x.op)) note_chained_comparison(x, ops[0]);
        ok = good && ok;
      }
      if (ok && is_compare(x.op)) warn_out_of_range(x, ops);
      if (ok) warn_sign_extension(x, ops);
      return ok ? Type::Bool : Type::Unknown;
    }
    if (is_arith(x.op)) {
      bool ok = true;
      bool all_const = true;
      for (ValueId o : ops) {
        ok = want_number(o, false, x.op) && ok;
        all_const = all_const && t(o) == Type::Const64;
      }
      if (!ok) return Type::Unknown;
      if (x.op == Opcode::Div || x.op == Opcode::Mod) {
        // The divisor may be a constant expression (`argL0 / (1 - 1)`, `X / (K * 2)`): evaluate it.
        std::optional<std::uint64_t> d = constant_of(ops[1]);
        bool zero = d && (all_const ? *d == 0 : word_divisor_traps(*d));
        if (zero) {
          SourceRange where = x.use_loc.valid() ? x.use_loc : x.loc;
          if (*d == 0) {
            diags_.report(x.op == Opcode::Div ? diag::err_div_by_zero : diag::err_mod_by_zero, where);
          } else {  // `argL5 / (0x3f << 53)`: not zero, but zero in the 32-bit arithmetic of the filter
            diags_.report(x.op == Opcode::Div ? diag::err_div_by_zero_mod32 : diag::err_mod_by_zero_mod32, where)
                << fmt::format("0x{:x}", *d);
          }
          return Type::Unknown;
        }
      }
      return all_const ? Type::Const64 : Type::U32;
    }
    return Type::Unknown;  // ref/call/param cannot survive unify
  }

  // `arg2 == AT_FDCWD`: AT_FDCWD is -100 in C and may arrive as 0xffffff9c or 0xffffffffffffff9c.
  void warn_sign_extension(const Value& x, ValueSpan ops) {
    const Value& subject = out_p_->value(ops[0]);
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const Value& k = out_p_->value(ops[i]);
      if (k.op != Opcode::Const || k.name.empty()) continue;
      const Value& other = is_compare(x.op) ? out_p_->value(ops[1 - i]) : subject;
      if (other.type != Type::Arg64) continue;
      unsigned n = static_cast<unsigned>(other.imm);
      diags_.report(diag::warn_negative_const_full_arg, x.use_loc.valid() ? x.use_loc : x.loc)
          << fmt::format("arg{}", n) << fmt::format("{:x}", k.imm) << fmt::format("argL{}", n);
    }
  }

  // `argL0 == 0x100000000` compares mathematically and is always false: say so.
  void warn_out_of_range(const Value& x, ValueSpan ops) {
    const Value& a = out_p_->value(ops[0]);
    const Value& b = out_p_->value(ops[1]);
    const Value* k = nullptr;
    bool const_on_right = true;
    if (a.type == Type::U32 && b.op == Opcode::Const) k = &b;
    if (b.type == Type::U32 && a.op == Opcode::Const) {
      k = &a;
      const_on_right = false;
    }
    if (k == nullptr) return;
    auto always = word_vs_wide_constant(const_on_right ? x.op : swapped_compare(x.op), k->imm);
    if (!always) return;
    diags_.report(*always ? diag::warn_always_true : diag::warn_always_false, x.use_loc.valid() ? x.use_loc : x.loc);
  }

  const Function& f_;
  Function* out_p_ = nullptr;
  Diagnostics& diags_;
  std::vector<std::optional<std::uint64_t>> constants_;  // by value of the output function
};

SECCO_SIMPLE_PASS(TypecheckPass, "typecheck", "assign types; report type errors and constant division by zero");

// Whether typing `f` value by value in place gives what rebuilding it gives: it does when `f` is
// compact (the rebuild makes its values in the same order) and no two of its values differ only
// in their type (the rebuild, which hash-conses the typed values, would merge them).
bool can_type_in_place(const Function& f) {
  if (!f.is_compact()) return false;
  thread_local std::vector<std::pair<std::size_t, ValueId>> keys;
  keys.clear();
  for (ValueId v = 0; v < f.value_count(); ++v) {
    const Value& x = f.value(v);
    std::size_t h = std::hash<std::uint64_t>()(x.imm) * 31 + static_cast<std::size_t>(x.op);
    for (ValueId o : x.operands) h = h * 1000003U + o;
    if (!x.name.empty()) h ^= std::hash<std::string_view>()(x.name) + x.scope;
    keys.emplace_back(h, v);
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (keys[i].first != keys[i - 1].first) continue;
    const Value& a = f.value(keys[i - 1].second);
    const Value& b = f.value(keys[i].second);
    if (a.op == b.op && a.imm == b.imm && a.scope == b.scope && a.operands == b.operands && a.name == b.name)
      return false;
  }
  return true;
}

// Branch conditions that are not boolean: `1` becomes `true`, anything else typed is an error.
// Returns whether a condition was replaced.
bool check_conditions(Function& out, Diagnostics& diags) {
  bool replaced = false;
  for (BlockId b = 0; b < out.block_count(); ++b) {
    const Terminator& t = std::as_const(out).block(b).term;
    if (t.kind != Terminator::Kind::Branch || t.cond == kNoValue) continue;
    const Value& c = out.value(t.cond);
    if (c.type == Type::Bool || c.type == Type::Unknown) continue;
    if (c.op == Opcode::Const && c.imm == 1) {
      ValueId yes = out.boolean(true, c.loc);  // the `1` body: always positive
      out.block(b).term.cond = yes;
      replaced = true;
      continue;
    }
    diags.report(diag::err_body_not_bool, c.use_loc.valid() ? c.use_loc : c.loc);
  }
  return replaced;
}

PreservedAnalyses TypecheckPass::run(Module& m, PassContext& ctx) {
  bool changed = !m.typed;
  for (Rule& r : m.rules) {
    Checker checker(r.body, ctx.diags);
    if (can_type_in_place(r.body)) {
      // Most bodies: set the types where they are, instead of building a copy and comparing.
      bool differs = false;
      for (ValueId v = 0; v < r.body.value_count(); ++v) differs = checker.check_in_place(v, r.body) || differs;
      differs = check_conditions(r.body, ctx.diags) || differs;
      if (differs) {
        r.body.compact();
        changed = true;
      }
      continue;
    }
    Function out = rewrite_values(std::as_const(r.body), [&](const Function&, ValueId v, Function& o, ValueSpan ops) {
      return checker.check(v, o, ops);
    });
    check_conditions(out, ctx.diags);
    out.compact();
    if (!same_function(out, std::as_const(r.body))) {
      r.body = std::move(out);
      changed = true;
    }
  }
  // A filter of several ABIs judges a rule on all of them at once (api/compilation.cc).
  if (!m.typed && m.settings.abis.size() <= 1 && !ctx.diags.has_errors()) warn_redundant_rules({&m}, ctx.diags);
  m.typed = true;
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_typecheck_pass() {
  return std::make_unique<TypecheckPass>();
}

}  // namespace secco::passes
