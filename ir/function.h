// A Function is one rule body or one macro definition: a table of pure SSA values (each defined
// once, hash-consed so that equal expressions are one value) plus explicit control flow
// (blocks ending in `br`, `jump`, `return ACTION` or, in a macro, `yield VALUE`).
// Values are not pinned to blocks: they float and are evaluated where a terminator needs them
// (a "sea of values" with a CFG on top); the printer schedules each at its first use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/opcode.h"
#include "ir/types.h"
#include "ir/value_span.h"
#include "support/action.h"
#include "support/source_manager.h"

namespace secco::ir {

using BlockId = std::uint32_t;
inline constexpr ValueId kNoValue = 0xffffffffU;
inline constexpr BlockId kNoBlock = 0xffffffffU;

struct Value {
  Opcode op = Opcode::Const;
  Type type = Type::Unknown;
  std::vector<ValueId> operands;
  std::uint64_t imm = 0;    // Const/ConstBool value, argument or parameter index
  std::string name;         // Ref/Call: the name used
  std::uint32_t scope = 0;  // Ref/Call: position of the line that wrote it (names resolve before it)
  SourceRange loc;          // where the expression was written
  SourceRange use_loc;      // when expanded from a macro: where the rule used it
};

// An action as a rule names it: concrete, a name still to resolve (EPERM, a variable), or one of
// the module's defaults.
struct ActionOperand {
  enum class Form : std::uint8_t { Concrete, Name, DefaultPositive, DefaultNegative };
  Form form = Form::Concrete;
  Action action;
  std::string name;
  std::uint32_t scope = 0;
  SourceRange loc;

  static ActionOperand concrete(Action a, SourceRange at = {}) { return {Form::Concrete, a, {}, 0, at}; }
  bool resolved() const { return form == Form::Concrete; }
};

struct Terminator {
  enum class Kind : std::uint8_t { None, Return, Branch, Jump, Yield };
  Kind kind = Kind::None;
  ValueId cond = kNoValue;  // Branch: the condition
  BlockId on_true = kNoBlock;
  BlockId on_false = kNoBlock;  // Jump uses on_true
  ActionOperand action;         // Return
  ValueId yielded = kNoValue;   // Yield: the definition's value

  // The value the terminator reads (the condition or the yielded value), or kNoValue.
  ValueId used_value() const { return kind == Kind::Yield ? yielded : cond; }
};

struct Block {
  Terminator term;
};

class Function {
 public:
  // The value with these fields, created if no equal value exists yet (locations are not part of
  // the identity: the first writer's location is kept). Operands and name are views, copied only
  // when the value is new: most calls find an existing value and allocate nothing.
  ValueId make(Opcode op, Type type, ValueSpan operands = {}, std::uint64_t imm = 0, SourceRange loc = {},
               std::string_view name = {}, std::uint32_t scope = 0);
  ValueId constant(std::uint64_t v, SourceRange loc = {}) { return make(Opcode::Const, Type::Const64, {}, v, loc); }
  ValueId boolean(bool v, SourceRange loc = {}) { return make(Opcode::ConstBool, Type::Bool, {}, v ? 1 : 0, loc); }

  const Value& value(ValueId id) const { return values_.at(id); }
  Value& value_mut(ValueId id) {
    touch();
    index_stale_ = true;  // the caller may change the value's key
    return values_.at(id);
  }
  // Sets where a value was used from (not part of its key: the hash-consing index stays valid).
  void set_use_loc(ValueId id, SourceRange loc) {
    touch();
    values_.at(id).use_loc = loc;
  }
  std::size_t value_count() const { return values_.size(); }

  BlockId add_block() {
    touch();
    blocks_.emplace_back();
    return static_cast<BlockId>(blocks_.size() - 1);
  }
  Block& block(BlockId id) {
    touch();
    return blocks_.at(id);
  }
  const Block& block(BlockId id) const { return blocks_.at(id); }
  std::size_t block_count() const { return blocks_.size(); }
  std::vector<Block>& blocks() {
    touch();
    return blocks_;
  }
  const std::vector<Block>& blocks() const { return blocks_; }

  // Changes whenever the function may have been modified (any non-const access), and is unique
  // across all functions ever modified: a cached analysis stamped with it is stale when it differs.
  std::uint64_t version() const { return version_; }
  // Which function this is: kept by copies and moves, but not by assignment (`rule.body = f`
  // replaces the body of the same rule). With the address, it tells a moved function from another.
  std::uint64_t identity() const { return identity_.value; }

  // Blocks reachable from block 0, in reverse post-order (a topological order: the CFG is acyclic).
  // Cached until the next change (passes ask for it many times per rule).
  const std::vector<BlockId>& reverse_post_order() const;
  // Values used by reachable terminators, transitively, each after its operands. Cached like the
  // block order.
  const std::vector<ValueId>& live_values() const;
  // Whether compact() would change nothing: every block reachable and every value live, both in
  // order.
  bool is_compact() const;
  // Drops unreachable blocks and unused values, renumbering both (keeps the tables small after
  // rewriting passes). A function that is already compact is left untouched (its version too).
  void compact();

 private:
  std::vector<Value> values_;
  // The hash-consing index: open addressing over value ids (kNoValue = empty slot), a power of two
  // in size and at most half full. It holds ids only, so a value is stored once.
  std::vector<ValueId> slots_;
  bool index_stale_ = false;  // value_mut was called: rebuilt before the next lookup
  std::vector<Block> blocks_;
  struct Identity {
    Identity();
    Identity(const Identity&) = default;
    Identity& operator=(const Identity&) { return *this; }
    std::uint64_t value;
  };
  std::uint64_t version_ = 0;
  Identity identity_;
  mutable std::vector<BlockId> rpo_;  // reverse_post_order() at version rpo_version_
  mutable std::uint64_t rpo_version_ = ~std::uint64_t{0};
  mutable std::vector<ValueId> live_;  // live_values() at version live_version_
  mutable std::uint64_t live_version_ = ~std::uint64_t{0};

  void touch();
  ValueId find(std::size_t hash, Opcode op, Type type, ValueSpan operands, std::uint64_t imm, std::string_view name,
               std::uint32_t scope) const;
  void insert_slot(std::size_t hash, ValueId id);
  void rebuild_index();
};

// Whether two functions are the same IR: equal value tables (locations included) and equal blocks.
// Passes use it to report truthfully whether they changed a body.
bool same_function(const Function& a, const Function& b);

}  // namespace secco::ir
