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

// ---- Symbolic execution for one region. ----

// A register's content: a known number, or a formula (with the interval it lies in when it is
// nr or arch unchanged, so that comparisons against constants are decided without the solver).
struct SymValue {
  std::optional<std::uint32_t> known;
  TermId formula = 0;
  std::optional<Interval> range;

  static SymValue number(std::uint32_t v) { return {v, 0, std::nullopt}; }
  static SymValue of(const TermStore& s, TermId e) {
    if (s.is_const(e)) return number(static_cast<std::uint32_t>(s.value(e)));
    return {std::nullopt, e, std::nullopt};
  }
  TermId expr(TermStore& s) const { return known ? s.constant(*known, 32) : formula; }
  bool same(const SymValue& o) const {
    if (known || o.known) return known == o.known;
    return formula == o.formula;
  }
};

struct State {
  SymValue a = SymValue::number(0), x = SymValue::number(0);
  std::array<SymValue, bpf::kMemWords> m;
  State() { m.fill(SymValue::number(0)); }
};

// A path reaching an instruction: its condition (nullopt: always) and the machine state.
struct Edge {
  std::optional<TermId> cond;
  State state;
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

SymValue load(std::uint32_t offset, const Region& region, Inputs& in) {
  auto ranged = [&](const Interval& r, TermId var) {
    if (r.point()) return SymValue::number(r.lo);
    SymValue v = SymValue::of(in.terms, var);
    v.range = r;
    return v;
  };
  if (offset == kNrOffset) return ranged(region.nr, in.nr);
  if (offset == kArchOffset) return ranged(region.arch, in.arch);
  if (offset % 4 != 0 || offset >= kSeccompDataSize)
    throw std::logic_error("bpf semantics: load outside seccomp_data at offset " + std::to_string(offset));
  // The 64-bit fields are in the machine's byte order; the arch value says which (its
  // __AUDIT_ARCH_LE bit, uniform over a region by the cuts): big-endian has the low half second.
  const bool big_endian = (region.arch.lo & kAuditArchLe) == 0;
  const TermId field = offset < 16 ? in.ip : in.args[(offset - 16) / 8];
  const bool low = (offset % 8 == 0) != big_endian;
  return SymValue::of(in.terms, low ? in.terms.low(field) : in.terms.high(field));
}

SymValue merge(const std::vector<Edge>& edges, SymValue State::*reg, TermStore& c) {
  const SymValue& first = edges.front().state.*reg;
  bool all_same = true;
  for (const Edge& e : edges) all_same = all_same && (e.state.*reg).same(first);
  if (all_same) return first;
  TermId v = (edges.back().state.*reg).expr(c);
  for (std::size_t i = edges.size() - 1; i-- > 0;) v = c.ite(*edges[i].cond, (edges[i].state.*reg).expr(c), v);
  return SymValue::of(c, v);
}

SymValue merge_mem(const std::vector<Edge>& edges, std::size_t slot, TermStore& c) {
  const SymValue& first = edges.front().state.m[slot];
  bool all_same = true;
  for (const Edge& e : edges) all_same = all_same && e.state.m[slot].same(first);
  if (all_same) return first;
  TermId v = edges.back().state.m[slot].expr(c);
  for (std::size_t i = edges.size() - 1; i-- > 0;) v = c.ite(*edges[i].cond, edges[i].state.m[slot].expr(c), v);
  return SymValue::of(c, v);
}

// The state where several disjoint paths meet.
State merge_state(const std::vector<Edge>& edges, TermStore& c) {
  State s;
  s.a = merge(edges, &State::a, c);
  s.x = merge(edges, &State::x, c);
  for (std::size_t slot = 0; slot < s.m.size(); ++slot) s.m[slot] = merge_mem(edges, slot, c);
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
  std::vector<std::vector<Edge>> incoming;  // by instruction; capacity kept between regions
  std::vector<std::size_t> waiting;         // min-heap of the instructions with paths in incoming
  bool clean = true;                        // false after a call that threw
};

BpfSemantics::BpfSemantics(const bpf::Program& program) : program_(program), scratch_(std::make_unique<Scratch>()) {}
BpfSemantics::~BpfSemantics() = default;

Decision BpfSemantics::decide(const Region& region, Inputs& in) {
  TermStore& c = in.terms;
  const std::size_t n = program_.size();
  std::vector<std::vector<Edge>>& incoming = scratch_->incoming;
  std::vector<std::size_t>& waiting = scratch_->waiting;
  if (!scratch_->clean) {
    for (std::vector<Edge>& v : incoming) v.clear();
    waiting.clear();
  }
  scratch_->clean = false;
  incoming.resize(n);
  // Only the instructions some path reaches are visited, in increasing order as a walk over all
  // of them would (jumps go forward): a region reaches a few dozen of a program's instructions.
  auto reach = [&](std::size_t to, Edge&& e) {
    if (incoming[to].empty()) {
      waiting.push_back(to);
      std::push_heap(waiting.begin(), waiting.end(), std::greater<>());
    }
    incoming[to].push_back(std::move(e));
  };
  struct Exit {
    std::optional<TermId> cond;
    SymValue value;
  };
  std::vector<Exit> exits;
  if (n > 0) reach(0, Edge{std::nullopt, State{}});
  while (!waiting.empty()) {
    std::pop_heap(waiting.begin(), waiting.end(), std::greater<>());
    const std::size_t pc = waiting.back();
    waiting.pop_back();
    // Jumps only go forward, so go() below never touches this list (nor resizes incoming).
    std::vector<Edge>& edges = incoming[pc];
    for (Edge& e : edges)
      if (!e.cond) {  // reached on every path: any other edge is infeasible
        Edge only = std::move(e);
        edges.clear();
        edges.push_back(std::move(only));
        break;
      }
    std::optional<TermId> cond = edges[0].cond;
    if (edges.size() > 1) {
      // Paths are disjoint, so several of them reaching here all carry a condition.
      TermId any = *edges[0].cond;
      for (std::size_t i = 1; i < edges.size(); ++i) any = c.binary(Op::LOr, any, *edges[i].cond);
      cond = any;
    }
    // Copied, not default-made and overwritten: this runs for every instruction of every region.
    State s = edges.size() == 1 ? edges[0].state : merge_state(edges, c);
    const bpf::Insn& insn = program_[pc];
    auto go = [&](std::size_t to, std::optional<TermId> when, const State& st) {
      if (to >= n) throw std::logic_error("bpf semantics: jump past the end at instruction " + std::to_string(pc));
      if (when && c.is_const(*when)) {
        if (c.value(*when) == 0) return;  // no input takes this path
        when.reset();
      }
      reach(to, Edge{when, st});
    };
    std::uint16_t cls = op::cls(insn.code);
    switch (cls) {
      case op::LD:
      case op::LDX: {
        SymValue v = SymValue::number(0);
        std::uint16_t mode = op::mode(insn.code);
        if (mode == op::ABS && op::size(insn.code) == op::W)
          v = load(insn.k, region, in);
        else if (mode == op::IMM)
          v = SymValue::number(insn.k);
        else if (mode == op::LEN)
          v = SymValue::number(kSeccompDataSize);
        else if (mode == op::MEM && insn.k < bpf::kMemWords)
          v = s.m[insn.k];
        else
          throw std::logic_error("bpf semantics: load seccomp refuses at instruction " + std::to_string(pc));
        (cls == op::LD ? s.a : s.x) = v;
        go(pc + 1, cond, s);
        break;
      }
      case op::ST:
      case op::STX:
        if (insn.k >= bpf::kMemWords) throw std::logic_error("bpf semantics: bad store at " + std::to_string(pc));
        s.m[insn.k] = cls == op::ST ? s.a : s.x;
        go(pc + 1, cond, s);
        break;
      case op::ALU: {
        std::uint16_t aop = op::alu_op(insn.code);
        SymValue b = op::src(insn.code) == op::X ? s.x : SymValue::number(insn.k);
        if (aop == op::DIV && b.known && *b.known == 0) {
          exits.push_back({cond, SymValue::number(0)});  // the kernel returns 0 on division by zero
          break;
        }
        if (aop == op::DIV && !b.known) {
          TermId zero = c.binary(Op::Eq, b.expr(c), c.constant(0, 32));
          exits.push_back({conjoin(c, cond, zero), SymValue::number(0)});
          cond = conjoin(c, cond, c.lnot(zero));
        }
        s.a = alu(aop, s.a, b, c);
        go(pc + 1, cond, s);
        break;
      }
      case op::MISC:
        if (op::misc_op(insn.code) == op::TAX)
          s.x = s.a;
        else
          s.a = s.x;
        go(pc + 1, cond, s);
        break;
      case op::JMP: {
        std::uint16_t jop = op::jmp_op(insn.code);
        if (jop == op::JA) {
          go(pc + 1 + insn.k, cond, s);
          break;
        }
        SymValue b = op::src(insn.code) == op::X ? s.x : SymValue::number(insn.k);
        std::size_t t = pc + 1 + insn.jt, f = pc + 1 + insn.jf;
        if (t == f) {
          go(t, cond, s);
          break;
        }
        Outcome o = compare(jop, s.a, b, c);
        if (o.known) {
          go(*o.known ? t : f, cond, s);
        } else {
          go(t, conjoin(c, cond, o.formula), s);
          go(f, conjoin(c, cond, c.lnot(o.formula)), s);
        }
        break;
      }
      case op::RET:
        if (op::rval(insn.code) == op::K)
          exits.push_back({cond, SymValue::number(insn.k)});
        else if (op::rval(insn.code) == op::A)
          exits.push_back({cond, s.a});
        else
          throw std::logic_error("bpf semantics: return seccomp refuses at instruction " + std::to_string(pc));
        break;
      default:
        throw std::logic_error("bpf semantics: bad instruction " + std::to_string(pc));
    }
    edges.clear();
  }
  scratch_->clean = true;
  if (exits.empty()) throw std::logic_error("bpf semantics: no return reached");
  // Canonical values; a single known value for every exit means no input is read.
  std::optional<std::uint32_t> only;
  bool all_known = true;
  for (const Exit& e : exits) {
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
    return v.known ? c.constant(canonical_action(*v.known), 32) : canonical_action(c, v.formula);
  };
  TermId out = leaf(exits.back().value);
  for (std::size_t i = exits.size() - 1; i-- > 0;) {
    if (!exits[i].cond) {  // reached on every input: the other exits are never taken
      out = leaf(exits[i].value);
      break;
    }
    out = c.ite(*exits[i].cond, leaf(exits[i].value), out);
  }
  if (c.is_const(out)) {
    d.value = static_cast<std::uint32_t>(c.value(out));
    return d;
  }
  d.formula = out;
  return d;
}

}  // namespace secco::semantics
