// Smart constructors for typed IR values that fold constants as they build, without ever dropping
// the evaluation of a value that may trap (a run-time division whose divisor may be zero makes
// the filter return kill_thread, so removing it would change the policy's decision).
#pragma once

#include <vector>

#include "ir/function.h"

namespace secco::ir {

class Builder {
 public:
  explicit Builder(Function& f) : f_(f) {}

  Function& function() { return f_; }

  ValueId constant(std::uint64_t v, SourceRange loc = {}) { return f_.constant(v, loc); }
  ValueId boolean(bool v, SourceRange loc = {}) { return f_.boolean(v, loc); }
  ValueId arg_low(unsigned i, SourceRange loc = {}) { return f_.make(Opcode::ArgLow, Type::U32, {}, i, loc); }
  ValueId arg_high(unsigned i, SourceRange loc = {}) { return f_.make(Opcode::ArgHigh, Type::U32, {}, i, loc); }

  // Arithmetic: folds when both operands are constants (u64, or u32 if `type` is U32).
  ValueId arith(Opcode op, Type type, ValueId a, ValueId b, SourceRange loc = {});
  // A comparison; folds constant operands.
  ValueId compare(Opcode op, ValueId a, ValueId b, SourceRange loc = {});
  ValueId land(ValueId a, ValueId b, SourceRange loc = {});
  ValueId lor(ValueId a, ValueId b, SourceRange loc = {});
  ValueId lnot(ValueId a, SourceRange loc = {});
  // `result`, but only after evaluating `trapping` (for when a fold would skip it).
  ValueId after(ValueId trapping, ValueId result, SourceRange loc = {});

  bool is_const(ValueId v) const { return f_.value(v).op == Opcode::Const; }
  bool is_true(ValueId v) const { return f_.value(v).op == Opcode::ConstBool && f_.value(v).imm == 1; }
  bool is_false(ValueId v) const { return f_.value(v).op == Opcode::ConstBool && f_.value(v).imm == 0; }
  // Whether evaluating `v` may stop the filter (a run-time division or modulo by a non-constant).
  bool may_trap(ValueId v);

 private:
  Function& f_;
  std::vector<std::int8_t> trap_cache_;
};

}  // namespace secco::ir
