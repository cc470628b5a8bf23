// thread-jumps: routes each CFG edge past branches that the comparisons already made on every
// path to it decide, so re-tests vanish (-O1 and up, after lower-branches). split64 and expand-in
// leave such re-tests behind, e.g. `in(arg0, 1, 2)` tests `argH0 == 0` once per candidate:
//   bb0: br (eq %hi, 0), bb1, bb9        bb0: br (eq %hi, 0), bb1, bb9
//   bb1: br (eq %lo, 1), bb8, bb2   =>   bb1: br (eq %lo, 1), bb8, bb3
//   bb2: br (eq %hi, 0), bb3, bb9        (bb2 is no longer reached)
// What a path knows about a compared 32-bit value: an interval, bits known set or clear, and up
// to 32 values it does not equal. Blocks hold no code but their branch (values float, so skipping
// a block skips nothing else). Facts flow in reverse post-order, so each block's incoming edges
// are final when it is reached; a threaded edge only skips forward. Decisions never change: an
// edge is only redirected to where the branch it skips would have sent it.
#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <utility>

#include "ir/arith_rules.h"
#include "passes/pass.h"

namespace secco::passes {
namespace {

using namespace ir;

struct Knowledge {
  std::uint32_t lo = 0;
  std::uint32_t hi = 0xffffffffU;
  std::uint32_t ones = 0;
  std::uint32_t zeros = 0;
  std::vector<std::uint32_t> not_equal;  // sorted, at most kMaxNotEqual
};
constexpr std::size_t kMaxNotEqual = 32;
using Facts = std::map<ValueId, Knowledge>;

// A comparison, its operands with the constant on the right, and whether it is negated.
struct Cmp {
  Opcode op;
  ValueId lhs;
  ValueId rhs;
  bool negated;
};

class Threader {
 public:
  explicit Threader(const Function& f) : f_(f) {}

  // The new successors of every block (kNoBlock for blocks no longer reached), and whether a
  // branch became a jump because every path to it decides it.
  struct Result {
    std::vector<BlockId> succ_true, succ_false;
    std::vector<std::uint8_t> reached, fixed;
  };

  Result run() const {
    const std::size_t n = f_.block_count();
    Result r{std::vector<BlockId>(n, kNoBlock), std::vector<BlockId>(n, kNoBlock), std::vector<std::uint8_t>(n, 0),
             std::vector<std::uint8_t>(n, 0)};
    std::vector<BlockId> rpo = f_.reverse_post_order();
    for (BlockId b : rpo) {
      r.succ_true[b] = f_.block(b).term.on_true;
      r.succ_false[b] = f_.block(b).term.on_false;
    }
    std::vector<std::optional<Facts>> in(n);
    in[0] = Facts{};
    auto follow = [&](BlockId s, const Facts& facts) {
      for (std::size_t guard = 0; guard < n; ++guard) {
        const Terminator& st = f_.block(s).term;
        if (st.kind == Terminator::Kind::Jump) {
          s = st.on_true;
          continue;
        }
        if (st.kind != Terminator::Kind::Branch) break;
        std::optional<bool> d = decide(facts, st.cond);
        if (!d) break;
        s = *d ? st.on_true : st.on_false;
      }
      return s;
    };
    auto arrive = [&](BlockId s, const Facts& facts) {
      if (!in[s])
        in[s] = facts;
      else
        meet(*in[s], facts);
    };
    for (BlockId b : rpo) {
      if (!in[b]) continue;  // every edge into b was threaded past it
      r.reached[b] = 1;
      const Terminator& t = f_.block(b).term;
      if (t.kind == Terminator::Kind::Jump) {
        r.succ_true[b] = follow(r.succ_true[b], *in[b]);
        arrive(r.succ_true[b], *in[b]);
      } else if (t.kind == Terminator::Kind::Branch) {
        std::optional<bool> fixed = decide(*in[b], t.cond);
        for (bool truth : {true, false}) {
          BlockId& succ = truth ? r.succ_true[b] : r.succ_false[b];
          if (fixed && *fixed != truth) continue;  // an edge never taken brings no facts
          Facts facts = *in[b];
          learn(facts, t.cond, truth);
          succ = follow(succ, facts);
          arrive(succ, facts);
        }
        if (fixed) {
          r.fixed[b] = 1;
          r.succ_true[b] = *fixed ? r.succ_true[b] : r.succ_false[b];
        }
      }
    }
    return r;
  }

 private:
  bool is_const(ValueId v) const { return f_.value(v).op == Opcode::Const; }

  // The comparison with the constant on the right (the op as written, swapped if needed).
  Cmp normalize(ValueId cond) const {
    const Value& c = f_.value(cond);
    Cmp r{c.op, c.operands[0], c.operands[1], false};
    if (is_const(r.lhs) && !is_const(r.rhs)) r = {swapped_compare(r.op), r.rhs, r.lhs, false};
    return r;
  }
  // ... as one of the four the machine has: ne, le, lt become negated eq, gt, ge.
  static Cmp base(Cmp c) {
    if (c.op == Opcode::Ne) return {Opcode::Eq, c.lhs, c.rhs, true};
    if (c.op == Opcode::Le) return {Opcode::Gt, c.lhs, c.rhs, true};
    if (c.op == Opcode::Lt) return {Opcode::Ge, c.lhs, c.rhs, true};
    return c;
  }

  // The outcome of `cond` when `facts` hold, if they decide it.
  std::optional<bool> decide(const Facts& facts, ValueId cond) const {
    const Value& c = f_.value(cond);
    if (c.op == Opcode::ConstBool) return c.imm != 0;
    Cmp cmp = base(normalize(cond));
    if (!is_const(cmp.rhs)) return std::nullopt;
    auto it = facts.find(cmp.lhs);
    if (it == facts.end()) return std::nullopt;
    const Knowledge& kn = it->second;
    std::uint32_t k = as_word(f_.value(cmp.rhs).imm);  // (split: constants fit in 32 bits)
    std::optional<bool> r;
    switch (cmp.op) {
      case Opcode::Eq:
        if (kn.lo == kn.hi && kn.lo == k)
          r = true;
        else if (k < kn.lo || k > kn.hi || (k & kn.zeros) != 0 || (~k & kn.ones) != 0 ||
                 std::binary_search(kn.not_equal.begin(), kn.not_equal.end(), k))
          r = false;
        break;
      case Opcode::Gt:
        if (kn.lo > k) r = true;
        if (kn.hi <= k) r = false;
        break;
      case Opcode::Ge:
        if (kn.lo >= k) r = true;
        if (kn.hi < k) r = false;
        break;
      case Opcode::Test:
        if ((kn.ones & k) != 0 || (kn.lo == kn.hi && (kn.lo & k) != 0)) r = true;
        if ((k & ~kn.zeros) == 0 || kn.hi < (k & (0U - k)) || (kn.lo == kn.hi && (kn.lo & k) == 0)) r = false;
        break;
      default:
        return std::nullopt;
    }
    if (r && cmp.negated) r = !*r;
    return r;
  }

  // Adds what taking the `truth` edge of a branch on `cond` teaches.
  void learn(Facts& facts, ValueId cond, bool truth) const {
    if (f_.value(cond).op == Opcode::ConstBool) return;
    Cmp cmp = base(normalize(cond));
    if (!is_const(cmp.rhs)) return;
    std::uint32_t k = as_word(f_.value(cmp.rhs).imm);
    if (cmp.negated) truth = !truth;
    Knowledge& kn = facts[cmp.lhs];
    switch (cmp.op) {
      case Opcode::Eq:
        if (truth) {
          kn.lo = kn.hi = k;
          kn.ones = k;
          kn.zeros = ~k;
        } else {
          auto pos = std::lower_bound(kn.not_equal.begin(), kn.not_equal.end(), k);
          if ((pos == kn.not_equal.end() || *pos != k) && kn.not_equal.size() < kMaxNotEqual)
            kn.not_equal.insert(pos, k);
        }
        break;
      case Opcode::Gt:
        if (truth && k != 0xffffffffU)
          kn.lo = std::max(kn.lo, k + 1);
        else if (!truth)
          kn.hi = std::min(kn.hi, k);
        break;
      case Opcode::Ge:
        if (truth)
          kn.lo = std::max(kn.lo, k);
        else if (k != 0)
          kn.hi = std::min(kn.hi, k - 1);
        break;
      case Opcode::Test:
        if (truth && (k & (k - 1)) == 0)
          kn.ones |= k;
        else if (!truth)
          kn.zeros |= k;
        break;
      default:
        break;
    }
  }

  // What both `a` and `b` know.
  static void meet(Facts& a, const Facts& b) {
    for (auto it = a.begin(); it != a.end();) {
      auto other = b.find(it->first);
      if (other == b.end()) {
        it = a.erase(it);
        continue;
      }
      Knowledge& x = it->second;
      const Knowledge& y = other->second;
      x.lo = std::min(x.lo, y.lo);
      x.hi = std::max(x.hi, y.hi);
      x.ones &= y.ones;
      x.zeros &= y.zeros;
      std::vector<std::uint32_t> both;
      std::set_intersection(x.not_equal.begin(), x.not_equal.end(), y.not_equal.begin(), y.not_equal.end(),
                            std::back_inserter(both));
      x.not_equal = std::move(both);
      ++it;
    }
  }

  const Function& f_;
};

// Whether threading may change `f`: only a branch can be decided, and only a jump onto a jump
// can be routed past one. Most rules are `jump bb1; bb1: return ...` by now: left as they are.
bool may_thread(const Function& f) {
  for (const Block& b : f.blocks()) {
    const Terminator& t = b.term;
    if (t.kind == Terminator::Kind::Branch) return true;
    if (t.kind == Terminator::Kind::Jump &&
        (t.on_true >= f.block_count() || f.block(t.on_true).term.kind == Terminator::Kind::Jump))
      return true;
  }
  return false;
}

// Rewrites f's terminators by the threading result; returns whether any changed.
bool thread_function(Function& f) {
  if (!may_thread(std::as_const(f))) return false;
  Threader::Result r = Threader(f).run();
  bool changed = false;
  for (BlockId b = 0; b < f.block_count(); ++b) {
    if (!r.reached[b]) continue;
    const Terminator& t = static_cast<const Function&>(f).block(b).term;
    if (r.fixed[b]) {
      f.block(b).term = Terminator{Terminator::Kind::Jump, kNoValue, r.succ_true[b], kNoBlock, {}};
      changed = true;
    } else if (t.kind == Terminator::Kind::Jump && t.on_true != r.succ_true[b]) {
      f.block(b).term.on_true = r.succ_true[b];
      changed = true;
    } else if (t.kind == Terminator::Kind::Branch && (t.on_true != r.succ_true[b] || t.on_false != r.succ_false[b])) {
      Terminator& w = f.block(b).term;
      w.on_true = r.succ_true[b];
      w.on_false = r.succ_false[b];
      changed = true;
    }
  }
  if (changed) f.compact();
  return changed;
}

SECCO_SIMPLE_PASS(ThreadJumpsPass, "thread-jumps",
                  "route branches past re-tests that the comparisons on every path already decide");

PreservedAnalyses ThreadJumpsPass::run(Module& m, PassContext&) {
  bool changed = false;
  for (Rule& rule : m.rules) changed |= thread_function(rule.body);
  return PreservedAnalyses::unless(changed);
}

}  // namespace

std::unique_ptr<Pass> make_thread_jumps_pass() {
  return std::make_unique<ThreadJumpsPass>();
}

}  // namespace secco::passes
