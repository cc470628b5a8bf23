#include "ir/function.h"

#include <algorithm>
#include <atomic>
#include <functional>

namespace secco::ir {

Function::Identity::Identity() {
  static std::atomic<std::uint64_t> next{0};
  value = ++next;
}

void Function::touch() {
  static std::atomic<std::uint64_t> next{0};
  version_ = ++next;
}

namespace {

std::size_t key_hash(Opcode op, Type type, ValueSpan operands, std::uint64_t imm, std::string_view name,
                     std::uint32_t scope) {
  std::size_t h = std::hash<std::uint64_t>()(imm) * 31 + static_cast<std::size_t>(op);
  h = h * 31 + static_cast<std::size_t>(type);
  for (ValueId o : operands) h = h * 1000003U + o;
  if (!name.empty()) h ^= std::hash<std::string_view>()(name) + scope;
  // Mix the high bits down: the table index takes the low bits.
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

std::size_t key_hash(const Value& v) {
  return key_hash(v.op, v.type, v.operands, v.imm, v.name, v.scope);
}

}  // namespace

ValueId Function::find(std::size_t hash, Opcode op, Type type, ValueSpan operands, std::uint64_t imm,
                       std::string_view name, std::uint32_t scope) const {
  if (slots_.empty()) return kNoValue;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    ValueId id = slots_[i];
    if (id == kNoValue) return kNoValue;
    const Value& v = values_[id];
    if (v.op == op && v.type == type && v.imm == imm && v.scope == scope && ValueSpan(v.operands) == operands &&
        v.name == name)
      return id;
  }
}

void Function::insert_slot(std::size_t hash, ValueId id) {
  if ((values_.size() + 1) * 2 > slots_.size()) {
    // Grow (at most half full) and re-insert every indexed value.
    std::vector<ValueId> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, old.size() * 2), kNoValue);
    while (values_.size() * 2 > slots_.size()) slots_.assign(slots_.size() * 2, kNoValue);
    const std::size_t mask = slots_.size() - 1;
    for (ValueId o : old) {
      if (o == kNoValue) continue;
      std::size_t i = key_hash(values_[o]) & mask;
      while (slots_[i] != kNoValue) i = (i + 1) & mask;
      slots_[i] = o;
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i] != kNoValue) i = (i + 1) & mask;
  slots_[i] = id;
}

void Function::rebuild_index() {
  // Sized once for every value (at most half full, as insert_slot keeps it), reusing the table's
  // storage: compaction rebuilds the index of every changed body, most of them a few values.
  index_stale_ = false;
  std::size_t size = 16;
  while ((values_.size() + 1) * 2 > size) size *= 2;
  slots_.assign(size, kNoValue);
  const std::size_t mask = size - 1;
  for (std::size_t id = 0; id < values_.size(); ++id) {
    const Value& v = values_[id];
    // The first of equal values keeps the key, as when they were made.
    for (std::size_t i = key_hash(v) & mask;; i = (i + 1) & mask) {
      const ValueId at = slots_[i];
      if (at == kNoValue) {
        slots_[i] = static_cast<ValueId>(id);
        break;
      }
      const Value& o = values_[at];
      if (o.op == v.op && o.type == v.type && o.imm == v.imm && o.scope == v.scope && o.operands == v.operands &&
          o.name == v.name)
        break;
    }
  }
}

ValueId Function::make(Opcode op, Type type, ValueSpan operands, std::uint64_t imm, SourceRange loc,
                       std::string_view name, std::uint32_t scope) {
  if (index_stale_) rebuild_index();
  const std::size_t h = key_hash(op, type, operands, imm, name, scope);
  ValueId found = find(h, op, type, operands, imm, name, scope);
  if (found != kNoValue) return found;
  touch();
  // Copied before the table grows: the views may point into this function's own values.
  std::vector<ValueId> own_operands(operands.begin(), operands.end());
  std::string own_name(name);
  auto id = static_cast<ValueId>(values_.size());
  // Room for a small body at once: growing 1, 2, 4, 8 moves every value three times.
  if (values_.size() == values_.capacity()) values_.reserve(std::max<std::size_t>(8, values_.size() * 2));
  Value& v = values_.emplace_back();
  v.op = op;
  v.type = type;
  v.operands = std::move(own_operands);
  v.imm = imm;
  v.name = std::move(own_name);
  v.scope = scope;
  v.loc = loc;
  insert_slot(h, id);
  return id;
}

namespace {

// The successors a depth-first walk takes, in its order: the false edge first, then the true one.
inline void successors(const Terminator& t, BlockId (&succ)[2]) {
  succ[0] = succ[1] = kNoBlock;
  if (t.kind == Terminator::Kind::Branch) {
    succ[0] = t.on_false;
    succ[1] = t.on_true;
  } else if (t.kind == Terminator::Kind::Jump) {
    succ[0] = t.on_true;
  }
}

// At most this many blocks or values: the walks keep their state in a word and their stack in
// arrays on the C stack. Nearly every rule body is this small, and the walks run after every
// change of every rule, where clearing and growing scratch vectors would cost more than walking.
constexpr std::size_t kSmall = 64;

// Post-order DFS from `root` over ids below kSmall, skipping ids set in `seen` (and setting the
// ones it visits). `child(id, i)` is id's i-th edge (an id, or one >= n to skip) while i < `arity(id)`.
template <typename Arity, typename Child, typename Emit>
void small_post_order(std::uint32_t root, std::size_t n, std::uint64_t& seen, Arity arity, Child child, Emit emit) {
  std::uint32_t stack[kSmall];
  std::size_t next[kSmall];
  seen |= std::uint64_t{1} << root;
  std::size_t sp = 1;
  stack[0] = root;
  next[0] = 0;
  while (sp != 0) {
    const std::uint32_t id = stack[sp - 1];
    if (next[sp - 1] < arity(id)) {
      const std::uint32_t c = child(id, next[sp - 1]++);
      if (c < n && (seen >> c & 1U) == 0) {
        seen |= std::uint64_t{1} << c;
        stack[sp] = c;
        next[sp++] = 0;
      }
      continue;
    }
    emit(id);
    --sp;
  }
}

}  // namespace

const std::vector<BlockId>& Function::reverse_post_order() const {
  if (rpo_version_ == version_) return rpo_;
  std::vector<BlockId>& order = rpo_;
  order.clear();
  rpo_version_ = version_;
  if (blocks_.empty()) return order;
  const std::size_t n = blocks_.size();
  if (n <= kSmall) {
    // The same iterative DFS as below, each block pushed at most once.
    BlockId post[kSmall];
    std::size_t np = 0;
    std::uint64_t seen = 0;
    small_post_order(
        0, n, seen, [](std::uint32_t) { return std::size_t{2}; },
        [this](std::uint32_t b, std::size_t i) {
          BlockId succ[2];
          successors(blocks_[b].term, succ);
          return succ[i];
        },
        [&](std::uint32_t b) { post[np++] = b; });
    order.resize(np);
    for (std::size_t i = 0; i < np; ++i) order[i] = post[np - 1 - i];
    return order;
  }
  order.reserve(n);
  // Scratch space reused across calls (large functions only).
  thread_local std::vector<std::uint8_t> state;
  thread_local std::vector<std::pair<BlockId, int>> stack;
  state.assign(n, 0);
  stack.clear();
  // Iterative DFS: (block, next successor index).
  stack.emplace_back(0, 0);
  state[0] = 1;
  while (!stack.empty()) {
    auto& [b, i] = stack.back();
    BlockId succ[2];
    successors(blocks_[b].term, succ);
    if (i < 2) {
      BlockId s = succ[i++];
      if (s != kNoBlock && s < n && state[s] == 0) {
        state[s] = 1;
        stack.emplace_back(s, 0);
      }
      continue;
    }
    order.push_back(b);
    stack.pop_back();
  }
  std::reverse(order.begin(), order.end());
  return order;
}

const std::vector<ValueId>& Function::live_values() const {
  if (live_version_ == version_) return live_;
  const std::vector<BlockId>& order = reverse_post_order();
  std::vector<ValueId>& out = live_;
  out.clear();
  live_version_ = version_;
  const std::size_t n = values_.size();
  out.reserve(n);
  if (n <= kSmall) {
    // The same operands-first walk with its state in a word (each value pushed at most once).
    std::uint64_t seen = 0;
    for (BlockId b : order) {
      const ValueId root = blocks_[b].term.used_value();
      if (root >= n || (seen >> root & 1U) != 0) continue;
      small_post_order(
          root, n, seen, [this](std::uint32_t v) { return values_[v].operands.size(); },
          [this](std::uint32_t v, std::size_t i) { return values_[v].operands[i]; },
          [&](std::uint32_t v) { out.push_back(v); });
    }
    return out;
  }
  thread_local std::vector<std::uint8_t> seen;
  thread_local std::vector<std::pair<ValueId, std::size_t>> stack;
  seen.assign(n, 0);
  stack.clear();
  auto visit = [&](ValueId root) {
    if (root == kNoValue || root >= n || seen[root]) return;
    seen[root] = 1;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto& [v, i] = stack.back();
      const auto& ops = values_[v].operands;
      if (i < ops.size()) {
        ValueId o = ops[i++];
        if (o < n && !seen[o]) {
          seen[o] = 1;
          stack.emplace_back(o, 0);
        }
        continue;
      }
      out.push_back(v);
      stack.pop_back();
    }
  };
  for (BlockId b : order) visit(blocks_[b].term.used_value());
  return out;
}

namespace {

bool is_identity(const std::vector<std::uint32_t>& v, std::size_t n) {
  if (v.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (v[i] != i) return false;
  return true;
}

}  // namespace

bool Function::is_compact() const {
  return is_identity(reverse_post_order(), blocks_.size()) && is_identity(live_values(), values_.size());
}

void Function::compact() {
  // Already compact (every block reachable in order, every value live in order): nothing moves
  // and the version stays; only an index that value_mut may have invalidated is rebuilt.
  const std::vector<BlockId>& rpo = reverse_post_order();
  const std::vector<ValueId>& live_now = live_values();
  const bool blocks_in_order = is_identity(rpo, blocks_.size());
  const bool values_in_order = is_identity(live_now, values_.size());
  if (blocks_in_order && values_in_order) {
    if (index_stale_) rebuild_index();
    return;
  }
  // rpo and live_now stay as they are until the end (touch only moves the version on).
  const std::vector<BlockId>& order = rpo;
  touch();
  thread_local std::vector<BlockId> new_block;
  thread_local std::vector<ValueId> new_value;
  if (!blocks_in_order) {
    new_block.assign(blocks_.size(), kNoBlock);
    for (std::size_t i = 0; i < order.size(); ++i) new_block[order[i]] = static_cast<BlockId>(i);
  }
  if (!values_in_order) {
    // Each live value moves once to its new place (live lists every value at most once), so the
    // old table is taken apart instead of copied. When live is increasing (dead values dropped,
    // none reordered: the usual case) each value moves down within the same table.
    new_value.assign(values_.size(), kNoValue);
    if (std::is_sorted(live_now.begin(), live_now.end())) {
      std::size_t k = 0;
      for (ValueId v : live_now) {
        new_value[v] = static_cast<ValueId>(k);
        if (k != v) values_[k] = std::move(values_[v]);
        for (ValueId& o : values_[k].operands) o = new_value[o];
        ++k;
      }
      values_.erase(values_.begin() + static_cast<std::ptrdiff_t>(k), values_.end());
    } else {
      std::vector<Value> values;
      values.reserve(live_now.size());
      for (ValueId v : live_now) {
        new_value[v] = static_cast<ValueId>(values.size());
        Value& moved = values.emplace_back(std::move(values_[v]));
        for (ValueId& o : moved.operands) o = new_value[o];
      }
      values_ = std::move(values);
    }
  }
  auto renumber = [&](Terminator& t) {
    if (!values_in_order) {
      if (t.cond != kNoValue) t.cond = new_value[t.cond];
      if (t.yielded != kNoValue) t.yielded = new_value[t.yielded];
    }
    if (!blocks_in_order) {
      if (t.on_true != kNoBlock) t.on_true = new_block[t.on_true];
      if (t.on_false != kNoBlock) t.on_false = new_block[t.on_false];
    }
  };
  if (blocks_in_order) {
    for (Block& b : blocks_) renumber(b.term);
  } else if (std::is_sorted(order.begin(), order.end())) {  // unreachable blocks dropped: in place
    std::size_t k = 0;
    for (BlockId b : order) {
      if (k != b) blocks_[k] = std::move(blocks_[b]);
      renumber(blocks_[k++].term);
    }
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(k), blocks_.end());
  } else {
    std::vector<Block> blocks;
    blocks.reserve(order.size());
    for (BlockId b : order) renumber(blocks.emplace_back(std::move(blocks_[b])).term);
    blocks_ = std::move(blocks);
  }
  // The values (and so the index) are unchanged when only blocks moved.
  if (!values_in_order || index_stale_) rebuild_index();
  // Blocks are now numbered in reverse post-order and values in live order, which the same
  // walks find again.
  rpo_.resize(blocks_.size());
  for (std::size_t i = 0; i < rpo_.size(); ++i) rpo_[i] = static_cast<BlockId>(i);
  rpo_version_ = version_;
  live_.resize(values_.size());
  for (std::size_t i = 0; i < live_.size(); ++i) live_[i] = static_cast<ValueId>(i);
  live_version_ = version_;
}

namespace {

bool same_range(const SourceRange& a, const SourceRange& b) {
  return a.begin == b.begin && a.end == b.end;
}

bool same_terminator(const Terminator& a, const Terminator& b) {
  const ActionOperand& x = a.action;
  const ActionOperand& y = b.action;
  return a.kind == b.kind && a.cond == b.cond && a.yielded == b.yielded && a.on_true == b.on_true &&
         a.on_false == b.on_false && x.form == y.form && x.action == y.action && x.name == y.name &&
         x.scope == y.scope && same_range(x.loc, y.loc);
}

}  // namespace

bool same_function(const Function& a, const Function& b) {
  if (a.value_count() != b.value_count() || a.block_count() != b.block_count()) return false;
  for (ValueId v = 0; v < a.value_count(); ++v) {
    const Value& x = a.value(v);
    const Value& y = b.value(v);
    if (x.op != y.op || x.type != y.type || x.imm != y.imm || x.operands != y.operands || x.name != y.name ||
        x.scope != y.scope || !same_range(x.loc, y.loc) || !same_range(x.use_loc, y.use_loc))
      return false;
  }
  for (BlockId i = 0; i < a.block_count(); ++i)
    if (!same_terminator(a.block(i).term, b.block(i).term)) return false;
  return true;
}

}  // namespace secco::ir
