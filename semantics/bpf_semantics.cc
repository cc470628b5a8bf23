#include "semantics/bpf_semantics.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "semantics/kernel_action.h"
#include "semantics/term.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kSeccompDataSize = 64;
constexpr std::uint32_t kNrOffset = 0, kArchOffset = 4;

// ---- Cuts: a small data-flow pass that tracks which registers hold nr or arch unchanged. ----

struct Abstract {
  enum Kind : std::uint8_t { Unknown, Field, Const } kind = Unknown;
  std::uint32_t v = 0;  // Field: the offset; Const: the value
  friend bool operator==(const Abstract& a, const Abstract& b) { return a.kind == b.kind && a.v == b.v; }
};

struct AbstractState {
  Abstract a, x;
  std::array<Abstract, bpf::kMemWords> m{};
  void join(const AbstractState& o) {
    auto j = [](Abstract& l, const Abstract& r) {
      if (!(l == r)) l = Abstract{};
    };
    j(a, o.a);
    j(x, o.x);
    for (std::size_t i = 0; i < m.size(); ++i) j(m[i], o.m[i]);
  }
};

void add_cuts(std::uint16_t jop, std::uint32_t k, std::vector<std::uint64_t>& out) {
  if (jop == op::JEQ) {
    out.push_back(k);
    out.push_back(std::uint64_t{k} + 1);
  } else if (jop == op::JGT) {
    out.push_back(std::uint64_t{k} + 1);
  } else if (jop == op::JGE) {
    out.push_back(k);
  }
}

// ---- Symbolic execution, for all the nr intervals of one arch interval at once. ----
//
// The regions of one arch interval differ only in nr, so one walk serves them all: a path carries
// the set of regions (a group) that take it, and a register loaded from nr holds "the region's nr"
// until something needs its value. A comparison of it splits the group by outcome; arithmetic on
// it, returning it, or a join of paths where only some hold it goes on region by region with the
// value each region gives it (what a walk for that region alone would have held). So each region
// sees the same paths, conditions, states and exits, in the same order, as a walk of its own.

// A register's content: a known number, or a formula (with the interval it lies in when it is
// nr or arch unchanged, so that comparisons against constants are decided without the solver),
// or the region's nr (`nr`; see for_region).
struct SymValue {
  std::optional<std::uint32_t> known;
  TermId formula = 0;
  std::optional<Interval> range;
  bool nr = false;

  static SymValue number(std::uint32_t v) { return {v, 0, std::nullopt}; }
  static SymValue of(const TermStore& s, TermId e) {
    if (s.is_const(e)) return number(static_cast<std::uint32_t>(s.value(e)));
    return {std::nullopt, e, std::nullopt};
  }
  static SymValue region_nr() { return {std::nullopt, 0, std::nullopt, true}; }
  TermId expr(TermStore& s) const {
    if (nr) throw std::logic_error("bpf semantics: the region's nr used as a value");
    return known ? s.constant(*known, 32) : formula;
  }
  bool same(const SymValue& o) const {
    if (known || o.known) return known == o.known;
    return formula == o.formula;
  }
};

// nr or arch as loaded in a region where it lies in `r`.
SymValue ranged(const Interval& r, TermId var, const TermStore& s) {
  if (r.point()) return SymValue::number(r.lo);
  SymValue v = SymValue::of(s, var);
  v.range = r;
  return v;
}

struct State {
  SymValue a = SymValue::number(0), x = SymValue::number(0);
  std::array<SymValue, bpf::kMemWords> m;
  State() { m.fill(SymValue::number(0)); }
  template <typename F>
  void each(F f) {
    f(a);
    f(x);
    for (SymValue& v : m) f(v);
  }
  bool holds_nr() const {
    bool any = a.nr || x.nr;
    for (const SymValue& v : m) any = any || v.nr;
    return any;
  }
};

// A path reaching an instruction: the regions taking it, its condition (nullopt: always) and
// the machine state.
struct Edge {
  std::uint32_t group;
  std::optional<TermId> cond;
  State state;
};

struct Exit {
  std::uint32_t group;
  std::optional<TermId> cond;
  SymValue value;
};

std::optional<TermId> conjoin(TermStore& s, const std::optional<TermId>& a, TermId b) {
  if (!a) return b;
  return s.binary(Op::LAnd, *a, b);
}

// The outcome of a comparison: decided, or a formula.
struct Outcome {
  std::optional<bool> known;
  TermId formula = 0;
};

Outcome compare(std::uint16_t jop, const SymValue& a, const SymValue& b, TermStore& c) {
  if (a.known && b.known) {
    std::uint32_t x = *a.known, y = *b.known;
    switch (jop) {
      case op::JEQ:
        return {x == y};
      case op::JGT:
        return {x > y};
      case op::JGE:
        return {x >= y};
      case op::JSET:
        return {(x & y) != 0};
      default:
        break;
    }
  }
  if (a.range && b.known) {
    const Interval& r = *a.range;
    std::uint32_t k = *b.known;
    if (jop == op::JEQ && !r.contains(k)) return {false};
    if (jop == op::JGT && r.lo > k) return {true};
    if (jop == op::JGT && r.hi <= k) return {false};
    if (jop == op::JGE && r.lo >= k) return {true};
    if (jop == op::JGE && r.hi < k) return {false};
  }
  TermId x = a.expr(c), y = b.expr(c);
  TermId t = 0;
  switch (jop) {
    case op::JEQ:
      t = c.binary(Op::Eq, x, y);
      break;
    case op::JGT:
      t = c.ugt(x, y);
      break;
    case op::JGE:
      t = c.uge(x, y);
      break;
    case op::JSET:
      t = c.ne(c.binary(Op::And, x, y), c.constant(0, 32));
      break;
    default:
      throw std::logic_error("bpf semantics: bad jump");
  }
  if (c.is_const(t)) return {c.value(t) != 0};
  return {std::nullopt, t};
}

SymValue alu(std::uint16_t aop, const SymValue& a, const SymValue& b, TermStore& c) {
  if (a.known && (b.known || aop == op::NEG)) {
    std::uint32_t x = *a.known, y = b.known ? *b.known : 0;
    switch (aop) {
      case op::ADD:
        return SymValue::number(x + y);
      case op::SUB:
        return SymValue::number(x - y);
      case op::MUL:
        return SymValue::number(x * y);
      case op::DIV:
        return SymValue::number(x / y);  // callers rule out y == 0
      case op::OR:
        return SymValue::number(x | y);
      case op::AND:
        return SymValue::number(x & y);
      case op::XOR:
        return SymValue::number(x ^ y);
      case op::LSH:
        return SymValue::number(x << (y & 31));
      case op::RSH:
        return SymValue::number(x >> (y & 31));
      case op::NEG:
        return SymValue::number(0U - x);
      default:
        break;
    }
  }
  TermId x = a.expr(c);
  TermId y = aop == op::NEG ? c.constant(0, 32) : b.expr(c);
  TermId five = c.constant(31, 32);
  Op o = Op::Add;
  switch (aop) {
    case op::ADD:
      break;
    case op::SUB:
      o = Op::Sub;
      break;
    case op::MUL:
      o = Op::Mul;
      break;
    case op::DIV:
      o = Op::UDiv;
      break;
    case op::OR:
      o = Op::Or;
      break;
    case op::AND:
      o = Op::And;
      break;
    case op::XOR:
      o = Op::Xor;
      break;
    case op::LSH:
      return SymValue::of(c, c.binary(Op::Shl, x, c.binary(Op::And, y, five)));
    case op::RSH:
      return SymValue::of(c, c.binary(Op::LShr, x, c.binary(Op::And, y, five)));
    case op::NEG:
      return SymValue::of(c, c.binary(Op::Sub, y, x));
    default:
      throw std::logic_error("bpf semantics: ALU operation seccomp refuses");
  }
  return SymValue::of(c, c.binary(o, x, y));
}

constexpr std::uint32_t kAuditArchLe = 0x40000000U;  // __AUDIT_ARCH_LE (linux/audit.h)

// A load of seccomp_data at `offset`, but nr (the caller's: it is the region's).
SymValue load(std::uint32_t offset, const Interval& arch, Inputs& in) {
  if (offset == kArchOffset) return ranged(arch, in.arch, in.terms);
  if (offset % 4 != 0 || offset >= kSeccompDataSize)
    throw std::logic_error("bpf semantics: load outside seccomp_data at offset " + std::to_string(offset));
  // The 64-bit fields are in the machine's byte order; the arch value says which (its
  // __AUDIT_ARCH_LE bit, uniform over a region by the cuts): big-endian has the low half second.
  const bool big_endian = (arch.lo & kAuditArchLe) == 0;
  const TermId field = offset < 16 ? in.ip : in.args[(offset - 16) / 8];
  const bool low = (offset % 8 == 0) != big_endian;
  return SymValue::of(in.terms, low ? in.terms.low(field) : in.terms.high(field));
}

// The value of one register where several disjoint paths meet (none holds the region's nr).
SymValue merge(const std::vector<const Edge*>& edges, const SymValue& (*reg)(const State&, std::size_t),
               std::size_t slot, TermStore& c) {
  auto at = [&](std::size_t i) -> const SymValue& { return reg(edges[i]->state, slot); };
  const SymValue& first = at(0);
  if (first.nr) return first;  // every path holds it (see mixes_nr)
  bool all_same = true;
  for (std::size_t i = 0; i < edges.size(); ++i) all_same = all_same && at(i).same(first);
  if (all_same) return first;
  TermId v = at(edges.size() - 1).expr(c);
  for (std::size_t i = edges.size() - 1; i-- > 0;) v = c.ite(*edges[i]->cond, at(i).expr(c), v);
  return SymValue::of(c, v);
}

const SymValue& reg_a(const State& s, std::size_t) {
  return s.a;
}
const SymValue& reg_x(const State& s, std::size_t) {
  return s.x;
}
const SymValue& reg_m(const State& s, std::size_t slot) {
  return s.m[slot];
}

// Whether some register holds the region's nr on some of the paths but not on others.
bool mixes_nr(const std::vector<const Edge*>& edges) {
  auto mixed = [&](const SymValue& (*reg)(const State&, std::size_t), std::size_t slot) {
    bool first = reg(edges[0]->state, slot).nr;
    for (const Edge* e : edges)
      if (reg(e->state, slot).nr != first) return true;
    return false;
  };
  if (mixed(reg_a, 0) || mixed(reg_x, 0)) return true;
  for (std::size_t slot = 0; slot < bpf::kMemWords; ++slot)
    if (mixed(reg_m, slot)) return true;
  return false;
}

// The state where several disjoint paths meet.
State merge_state(const std::vector<const Edge*>& edges, TermStore& c) {
  State s;
  s.a = merge(edges, reg_a, 0, c);
  s.x = merge(edges, reg_x, 0, c);
  for (std::size_t slot = 0; slot < s.m.size(); ++slot) s.m[slot] = merge(edges, reg_m, slot, c);
  return s;
}

}  // namespace

void BpfSemantics::cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const {
  // Each arch region has one byte order (see load).
  for (std::uint64_t at : {0x40000000ULL, 0x80000000ULL, 0xc0000000ULL}) arch_cuts.push_back(at);
  const std::size_t n = program_.size();
  std::vector<std::optional<AbstractState>> at(n);
  if (n > 0) at[0] = AbstractState{};
  auto flow = [&](std::size_t to, const AbstractState& s) {
    if (to >= n) return;
    if (at[to])
      at[to]->join(s);
    else
      at[to] = s;
  };
  for (std::size_t pc = 0; pc < n; ++pc) {
    if (!at[pc]) continue;
    AbstractState s = *at[pc];
    const bpf::Insn& in = program_[pc];
    std::uint16_t cls = op::cls(in.code);
    switch (cls) {
      case op::LD:
      case op::LDX: {
        Abstract v;
        if (op::mode(in.code) == op::ABS) v = {Abstract::Field, in.k};
        if (op::mode(in.code) == op::IMM) v = {Abstract::Const, in.k};
        if (op::mode(in.code) == op::LEN) v = {Abstract::Const, kSeccompDataSize};
        if (op::mode(in.code) == op::MEM && in.k < bpf::kMemWords) v = s.m[in.k];
        (cls == op::LD ? s.a : s.x) = v;
        break;
      }
      case op::ST:
      case op::STX:
        if (in.k < bpf::kMemWords) s.m[in.k] = cls == op::ST ? s.a : s.x;
        break;
      case op::ALU:
        s.a = Abstract{};
        break;
      case op::MISC:
        if (op::misc_op(in.code) == op::TAX)
          s.x = s.a;
        else
          s.a = s.x;
        break;
      case op::JMP: {
        std::uint16_t jop = op::jmp_op(in.code);
        if (jop == op::JA) {
          flow(pc + 1 + in.k, s);
          continue;
        }
        std::optional<std::uint32_t> k;
        if (op::src(in.code) == op::K) k = in.k;
        if (op::src(in.code) == op::X && s.x.kind == Abstract::Const) k = s.x.v;
        if (k && s.a.kind == Abstract::Field && s.a.v == kNrOffset) add_cuts(jop, *k, nr_cuts);
        if (k && s.a.kind == Abstract::Field && s.a.v == kArchOffset) add_cuts(jop, *k, arch_cuts);
        flow(pc + 1 + in.jt, s);
        flow(pc + 1 + in.jf, s);
        continue;
      }
      default:  // RET
        continue;
    }
    flow(pc + 1, s);
  }
}

struct BpfSemantics::Scratch {
  std::vector<std::vector<Edge>> incoming;         // by instruction; capacity kept between calls
  std::vector<std::size_t> waiting;                // min-heap of the instructions with paths in incoming
  std::vector<std::vector<std::uint32_t>> groups;  // sets of regions (indices into the nr intervals)
  std::vector<Exit> exits;
  std::vector<std::uint32_t> class_of, class_stamp;  // by region: joining paths' classes (visit)
  std::uint32_t stamp = 0;
  bool clean = true;  // false after a call that threw
};

namespace {

// One walk over the program for the regions of one arch interval (see the top of the file).
class Walk {
 public:
  using Scratch = BpfSemantics::Scratch;
  Walk(const bpf::Program& program, const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
       Scratch& scratch)
      : program_(program), arch_(arch), nrs_(nrs), in_(in), c_(in.terms), s_(scratch) {}

  void run(std::vector<Decision>& out) {
    const std::size_t n = program_.size();
    auto& incoming = s_.incoming;
    auto& waiting = s_.waiting;
    if (!s_.clean) {
      for (std::vector<Edge>& v : incoming) v.clear();
      waiting.clear();
    }
    s_.clean = false;
    incoming.resize(n);
    s_.groups.clear();
    s_.exits.clear();
    if (s_.class_of.size() < nrs_.size()) {
      s_.class_of.resize(nrs_.size());
      s_.class_stamp.assign(nrs_.size(), 0);
      s_.stamp = 0;
    }
    std::vector<std::uint32_t> all(nrs_.size());
    for (std::uint32_t r = 0; r < all.size(); ++r) all[r] = r;
    const std::uint32_t everyone = group(std::move(all));
    // Only the instructions some path reaches are visited, in increasing order (jumps go forward).
    if (n > 0 && !nrs_.empty()) reach(0, Edge{everyone, std::nullopt, State{}});
    std::vector<const Edge*> edges;
    while (!waiting.empty()) {
      std::pop_heap(waiting.begin(), waiting.end(), std::greater<>());
      const std::size_t pc = waiting.back();
      waiting.pop_back();
      // Jumps only go forward, so visiting never touches this list (nor resizes incoming).
      std::vector<Edge>& here = incoming[pc];
      bool one_group = true;
      for (const Edge& e : here) one_group = one_group && e.group == here[0].group;
      if (one_group) {
        edges.clear();
        for (const Edge& e : here) edges.push_back(&e);
        visit(pc, here[0].group, edges);
      } else {
        by_class(pc, here);
      }
      here.clear();
    }
    s_.clean = true;
    decisions(out);
  }

 private:
  std::uint32_t group(std::vector<std::uint32_t>&& regions) {
    s_.groups.push_back(std::move(regions));
    return static_cast<std::uint32_t>(s_.groups.size() - 1);
  }

  void reach(std::size_t to, Edge&& e) {
    if (s_.incoming[to].empty()) {
      s_.waiting.push_back(to);
      std::push_heap(s_.waiting.begin(), s_.waiting.end(), std::greater<>());
    }
    s_.incoming[to].push_back(std::move(e));
  }

  // The value a walk for region r alone would hold.
  SymValue for_region(const SymValue& v, std::uint32_t r) const { return v.nr ? ranged(nrs_[r], in_.nr, c_) : v; }
  State for_region(const State& s, std::uint32_t r) const {
    State out = s;
    out.each([&](SymValue& v) { v = for_region(v, r); });
    return out;
  }

  // Paths of different groups meet at pc: each region's paths are the ones whose group holds it,
  // so the regions are sorted into classes with the same paths, and each class is visited.
  void by_class(std::size_t pc, const std::vector<Edge>& here) {
    struct Class {
      std::uint32_t parent;  // the class the regions were in before this path (kNone: none)
      std::uint32_t edge;
      std::uint32_t size = 0;
    };
    constexpr std::uint32_t kNone = 0xffffffffU;
    std::vector<Class> classes;
    std::vector<std::uint32_t> touched;
    const std::uint32_t stamp = ++s_.stamp;
    for (std::uint32_t i = 0; i < here.size(); ++i) {
      const std::size_t first_new = classes.size();
      for (std::uint32_t r : s_.groups[here[i].group]) {
        std::uint32_t old = kNone;
        if (s_.class_stamp[r] == stamp) {
          old = s_.class_of[r];
        } else {
          s_.class_stamp[r] = stamp;
          touched.push_back(r);
        }
        std::uint32_t to = kNone;
        for (std::size_t k = first_new; k < classes.size(); ++k)
          if (classes[k].parent == old) to = static_cast<std::uint32_t>(k);
        if (to == kNone) {
          to = static_cast<std::uint32_t>(classes.size());
          classes.push_back({old, i});
        }
        if (old != kNone) --classes[old].size;
        ++classes[to].size;
        s_.class_of[r] = to;
      }
    }
    std::vector<std::vector<std::uint32_t>> members(classes.size());
    for (std::uint32_t r : touched) members[s_.class_of[r]].push_back(r);
    std::vector<const Edge*> edges;
    for (std::uint32_t k = 0; k < classes.size(); ++k) {
      if (classes[k].size == 0) continue;
      edges.clear();
      for (std::uint32_t j = k; j != kNone; j = classes[j].parent) edges.push_back(&here[classes[j].edge]);
      std::reverse(edges.begin(), edges.end());
      // A class that is all of its last path's group is that group.
      const std::uint32_t last = edges.back()->group;
      const std::uint32_t g = s_.groups[last].size() == members[k].size() ? last : group(std::move(members[k]));
      visit(pc, g, edges);
    }
  }

  // The paths `edges` (in the order they were made) reach pc, for the regions of group g.
  void visit(std::size_t pc, std::uint32_t g, std::vector<const Edge*>& edges) {
    for (const Edge* e : edges)
      if (!e->cond) {  // reached on every path: any other edge is infeasible
        edges.assign(1, e);
        break;
      }
    std::optional<TermId> cond = edges[0]->cond;
    if (edges.size() > 1) {
      // Paths are disjoint, so several of them reaching here all carry a condition.
      TermId any = *edges[0]->cond;
      for (std::size_t i = 1; i < edges.size(); ++i) any = c_.binary(Op::LOr, any, *edges[i]->cond);
      cond = any;
    }
    if (edges.size() == 1) {
      State s = edges[0]->state;
      step(pc, g, cond, s);
      return;
    }
    if (!mixes_nr(edges)) {
      State s = merge_state(edges, c_);
      step(pc, g, cond, s);
      return;
    }
    // Some paths hold the region's nr where others do not: region by region.
    std::vector<Edge> own;
    std::vector<const Edge*> own_edges;
    for (std::uint32_t r : s_.groups[g]) {
      own.clear();
      for (const Edge* e : edges) own.push_back(Edge{g, e->cond, for_region(e->state, r)});
      own_edges.clear();
      for (const Edge& e : own) own_edges.push_back(&e);
      State s = merge_state(own_edges, c_);
      step(pc, single(g, r), cond, s);
    }
  }

  std::uint32_t single(std::uint32_t g, std::uint32_t r) {
    return s_.groups[g].size() == 1 ? g : group(std::vector<std::uint32_t>{r});
  }

  void go(std::size_t pc, std::size_t to, std::uint32_t g, std::optional<TermId> when, const State& st) {
    if (to >= program_.size())
      throw std::logic_error("bpf semantics: jump past the end at instruction " + std::to_string(pc));
    if (when && c_.is_const(*when)) {
      if (c_.value(*when) == 0) return;  // no input takes this path
      when.reset();
    }
    reach(to, Edge{g, when, st});
  }

  // Region by region, with the values of the region's nr.
  void each_region(std::size_t pc, std::uint32_t g, const std::optional<TermId>& cond, const State& s) {
    for (std::size_t i = 0; i < s_.groups[g].size(); ++i) {
      const std::uint32_t r = s_.groups[g][i];
      State own = for_region(s, r);
      step(pc, single(g, r), cond, own);
    }
  }

  void step(std::size_t pc, std::uint32_t g, std::optional<TermId> cond, State& s) {
    const bpf::Insn& insn = program_[pc];
    std::uint16_t cls = op::cls(insn.code);
    switch (cls) {
      case op::LD:
      case op::LDX: {
        SymValue v = SymValue::number(0);
        std::uint16_t mode = op::mode(insn.code);
        if (mode == op::ABS && op::size(insn.code) == op::W)
          v = insn.k == kNrOffset ? SymValue::region_nr() : load(insn.k, arch_, in_);
        else if (mode == op::IMM)
          v = SymValue::number(insn.k);
        else if (mode == op::LEN)
          v = SymValue::number(kSeccompDataSize);
        else if (mode == op::MEM && insn.k < bpf::kMemWords)
          v = s.m[insn.k];
        else
          throw std::logic_error("bpf semantics: load seccomp refuses at instruction " + std::to_string(pc));
        (cls == op::LD ? s.a : s.x) = v;
        go(pc, pc + 1, g, cond, s);
        break;
      }
      case op::ST:
      case op::STX:
        if (insn.k >= bpf::kMemWords) throw std::logic_error("bpf semantics: bad store at " + std::to_string(pc));
        s.m[insn.k] = cls == op::ST ? s.a : s.x;
        go(pc, pc + 1, g, cond, s);
        break;
      case op::ALU: {
        std::uint16_t aop = op::alu_op(insn.code);
        SymValue b = op::src(insn.code) == op::X ? s.x : SymValue::number(insn.k);
        if (s.a.nr || b.nr) {
          each_region(pc, g, cond, s);
          break;
        }
        if (aop == op::DIV && b.known && *b.known == 0) {
          exits().push_back({g, cond, SymValue::number(0)});  // the kernel returns 0 on division by zero
          break;
        }
        if (aop == op::DIV && !b.known) {
          TermId zero = c_.binary(Op::Eq, b.expr(c_), c_.constant(0, 32));
          exits().push_back({g, conjoin(c_, cond, zero), SymValue::number(0)});
          cond = conjoin(c_, cond, c_.lnot(zero));
        }
        s.a = alu(aop, s.a, b, c_);
        go(pc, pc + 1, g, cond, s);
        break;
      }
      case op::MISC:
        if (op::misc_op(insn.code) == op::TAX)
          s.x = s.a;
        else
          s.a = s.x;
        go(pc, pc + 1, g, cond, s);
        break;
      case op::JMP: {
        std::uint16_t jop = op::jmp_op(insn.code);
        if (jop == op::JA) {
          go(pc, pc + 1 + insn.k, g, cond, s);
          break;
        }
        SymValue b = op::src(insn.code) == op::X ? s.x : SymValue::number(insn.k);
        std::size_t t = pc + 1 + insn.jt, f = pc + 1 + insn.jf;
        if (t == f) {
          go(pc, t, g, cond, s);
          break;
        }
        if (s.a.nr || b.nr) {
          split(pc, g, cond, s, jop, b, t, f);
          break;
        }
        Outcome o = compare(jop, s.a, b, c_);
        branch(pc, g, cond, s, o, t, f);
        break;
      }
      case op::RET:
        if (op::rval(insn.code) == op::K) {
          exits().push_back({g, cond, SymValue::number(insn.k)});
        } else if (op::rval(insn.code) == op::A) {
          if (s.a.nr) {
            each_region(pc, g, cond, s);
            break;
          }
          exits().push_back({g, cond, s.a});
        } else {
          throw std::logic_error("bpf semantics: return seccomp refuses at instruction " + std::to_string(pc));
        }
        break;
      default:
        throw std::logic_error("bpf semantics: bad instruction " + std::to_string(pc));
    }
  }

  std::vector<Exit>& exits() { return s_.exits; }

  void branch(std::size_t pc, std::uint32_t g, const std::optional<TermId>& cond, const State& s, const Outcome& o,
              std::size_t t, std::size_t f) {
    if (o.known) {
      go(pc, *o.known ? t : f, g, cond, s);
    } else {
      go(pc, t, g, conjoin(c_, cond, o.formula), s);
      go(pc, f, g, conjoin(c_, cond, c_.lnot(o.formula)), s);
    }
  }

  // A comparison with the region's nr: the group splits by its outcome in each region.
  void split(std::size_t pc, std::uint32_t g, const std::optional<TermId>& cond, const State& s, std::uint16_t jop,
             const SymValue& b, std::size_t t, std::size_t f) {
    struct Part {
      Outcome outcome;
      std::vector<std::uint32_t> regions;
    };
    std::vector<Part> parts;
    for (std::uint32_t r : s_.groups[g]) {
      Outcome o = compare(jop, for_region(s.a, r), for_region(b, r), c_);
      Part* into = nullptr;
      for (Part& p : parts)
        if (p.outcome.known == o.known && (o.known || p.outcome.formula == o.formula)) into = &p;
      if (into == nullptr) {
        parts.push_back({o, {}});
        into = &parts.back();
      }
      into->regions.push_back(r);
    }
    for (Part& p : parts) {
      const std::uint32_t pg = parts.size() == 1 ? g : group(std::move(p.regions));
      branch(pc, pg, cond, s, p.outcome, t, f);
    }
  }

  // Each region's decision from its exits (in the order they were reached).
  void decisions(std::vector<Decision>& out) {
    // The exits of each region, in one array: region r's are at [start[r], start[r + 1]).
    std::vector<std::uint32_t> start(nrs_.size() + 1, 0), list;
    for (const Exit& e : s_.exits)
      for (std::uint32_t r : s_.groups[e.group]) ++start[r + 1];
    for (std::size_t r = 0; r < nrs_.size(); ++r) start[r + 1] += start[r];
    list.resize(start.back());
    std::vector<std::uint32_t> at(start.begin(), start.end() - 1);
    for (std::uint32_t i = 0; i < s_.exits.size(); ++i)
      for (std::uint32_t r : s_.groups[s_.exits[i].group]) list[at[r]++] = i;
    out.clear();
    out.reserve(nrs_.size());
    for (std::size_t r = 0; r < nrs_.size(); ++r)
      out.push_back(decision(list.data() + start[r], list.data() + start[r + 1]));
  }

  Decision decision(const std::uint32_t* first, const std::uint32_t* last) {
    const std::vector<Exit>& exits = s_.exits;
    if (first == last) throw std::logic_error("bpf semantics: no return reached");
    // Canonical values; a single known value for every exit means no input is read.
    std::optional<std::uint32_t> only;
    bool all_known = true;
    for (const std::uint32_t* i = first; i != last; ++i) {
      const Exit& e = exits[*i];
      if (!e.value.known) {
        all_known = false;
        break;
      }
      std::uint32_t v = canonical_action(*e.value.known);
      if (!only) only = v;
      if (*only != v) all_known = false;
    }
    Decision d;
    if (all_known) {
      d.value = only;
      return d;
    }
    auto leaf = [&](const SymValue& v) {
      return v.known ? c_.constant(canonical_action(*v.known), 32) : canonical_action(c_, v.formula);
    };
    const std::size_t count = static_cast<std::size_t>(last - first);
    TermId out = leaf(exits[first[count - 1]].value);
    for (std::size_t i = count - 1; i-- > 0;) {
      const Exit& e = exits[first[i]];
      if (!e.cond) {  // reached on every input: the other exits are never taken
        out = leaf(e.value);
        break;
      }
      out = c_.ite(*e.cond, leaf(e.value), out);
    }
    if (c_.is_const(out)) {
      d.value = static_cast<std::uint32_t>(c_.value(out));
      return d;
    }
    d.formula = out;
    return d;
  }

  const bpf::Program& program_;
  const Interval& arch_;
  const std::vector<Interval>& nrs_;
  Inputs& in_;
  TermStore& c_;
  Scratch& s_;
};

}  // namespace

BpfSemantics::BpfSemantics(const bpf::Program& program) : program_(program), scratch_(std::make_unique<Scratch>()) {}
BpfSemantics::~BpfSemantics() = default;

void BpfSemantics::decide_all(const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
                              std::vector<Decision>& out) {
  Walk(program_, arch, nrs, in, *scratch_).run(out);
}

Decision BpfSemantics::decide(const Region& region, Inputs& in) {
  std::vector<Decision> out;
  decide_all(region.arch, {region.nr}, in, out);
  return out.at(0);
}

}  // namespace secco::semantics
