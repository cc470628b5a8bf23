// The DAG passes and the DAG dump.
//
// reuse-loads: instruction selection computes every compared value where it is compared, so
//   ld [args[0].lo]; jeq #1, T, F      F: ld [args[0].lo]; jeq #2, ...
// loads args[0].lo twice on the path through F. The pass knows, symbolically, what A, X and the
// scratch words hold after each node (the meet over every edge into it: a value only when all
// agree), and redirects each edge whose target first recomputes the value A already holds on that
// edge to the node after the recomputation:
//   ld [args[0].lo]; jeq #1, T, F'     F': jeq #2, ...
// The skipped instructions must not write X or a scratch word that is read later (liveness), nor
// divide except to give that very value (a division by zero would end the filter). A symbol is a load of a seccomp_data
// word, a constant, or an ALU operation on symbols, so `(args[0].lo & 0xff) + 1` is recognised
// however it was computed. Decisions never change: the skipped code only recomputed what A held.
#include "backend/dag_passes.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <utility>

#include "bpf/asm_syntax.h"
#include "bpf/disassembler.h"

namespace secco::backend {
namespace {

namespace op = bpf::op;

using Sym = std::uint32_t;
constexpr Sym kUnknown = 0;  // never equal to anything, itself included

class Syms {
 public:
  enum Kind : std::uint32_t { kLoad = 1, kImm, kLen, kAlu };
  Sym make(Kind kind, std::uint32_t k, Sym a = kUnknown, Sym b = kUnknown) {
    auto it = index_.emplace(std::make_tuple(kind, k, a, b), static_cast<Sym>(index_.size() + 1)).first;
    return it->second;
  }

 private:
  std::map<std::tuple<std::uint32_t, std::uint32_t, Sym, Sym>, Sym> index_;
};

struct State {
  Sym a = kUnknown;
  Sym x = kUnknown;
  std::array<Sym, bpf::kMemWords> m{};
};

void meet(State& s, const State& t) {
  if (s.a != t.a) s.a = kUnknown;
  if (s.x != t.x) s.x = kUnknown;
  for (std::size_t i = 0; i < s.m.size(); ++i)
    if (s.m[i] != t.m[i]) s.m[i] = kUnknown;
}

bool is_jump_or_ret(std::uint16_t code) {
  return op::cls(code) == op::JMP || op::cls(code) == op::RET;
}

// Liveness bits: X is bit 0, scratch word i is bit i + 1.
constexpr std::uint32_t kX = 1;
constexpr std::uint32_t mem_bit(std::uint32_t k) {
  return k < bpf::kMemWords ? 2U << k : 0;
}

struct Effect {
  std::uint32_t use = 0;
  std::uint32_t def = 0;
};

Effect effect_of(const NodeData& d) {
  const std::uint16_t c = d.code;
  switch (op::cls(c)) {
    case op::LD:
      return {op::mode(c) == op::MEM ? mem_bit(d.k) : 0, 0};
    case op::LDX:
      return {op::mode(c) == op::MEM ? mem_bit(d.k) : 0, kX};
    case op::ST:
      return {0, mem_bit(d.k)};
    case op::STX:
      return {kX, mem_bit(d.k)};
    case op::ALU:
      return {op::alu_op(c) != op::NEG && op::src(c) == op::X ? kX : 0, 0};
    case op::MISC:
      return op::misc_op(c) == op::TAX ? Effect{0, kX} : Effect{kX, 0};
    case op::JMP:
      return {op::jmp_op(c) != op::JA && op::src(c) == op::X ? kX : 0, 0};
    case op::RET:
      return {op::rval(c) == op::X ? kX : 0, 0};
    default:
      return {kX | 0x1fffeU, 0};  // not modelled: everything may be read
  }
}

// A straight-line instruction's effect on the symbolic state.
void step(Syms& syms, State& s, const NodeData& d) {
  const std::uint16_t c = d.code;
  auto source = [&]() -> Sym {
    switch (op::mode(c)) {
      case op::IMM:
        return syms.make(Syms::kImm, d.k);
      case op::ABS:
        return op::cls(c) == op::LD ? syms.make(Syms::kLoad, d.k, op::size(c)) : kUnknown;
      case op::MEM:
        return d.k < bpf::kMemWords ? s.m[d.k] : kUnknown;
      case op::LEN:
        return syms.make(Syms::kLen, 0);
      default:
        return kUnknown;
    }
  };
  switch (op::cls(c)) {
    case op::LD:
      s.a = source();
      break;
    case op::LDX:
      s.x = source();
      break;
    case op::ST:
      if (d.k < bpf::kMemWords) s.m[d.k] = s.a;
      break;
    case op::STX:
      if (d.k < bpf::kMemWords) s.m[d.k] = s.x;
      break;
    case op::ALU: {
      Sym rhs = op::alu_op(c) == op::NEG ? syms.make(Syms::kImm, 0)
                : op::src(c) == op::X    ? s.x
                                         : syms.make(Syms::kImm, d.k);
      s.a = s.a != kUnknown && rhs != kUnknown ? syms.make(Syms::kAlu, op::alu_op(c), s.a, rhs) : kUnknown;
      break;
    }
    case op::MISC:
      if (op::misc_op(c) == op::TAX)
        s.x = s.a;
      else
        s.a = s.x;
      break;
    default:
      s = State{};
      break;
  }
}

constexpr std::size_t kMaxSkip = 64;

// Where an edge into `target` may go instead when A holds `out.a` on it: past the straight-line
// instructions that recompute that value, or `target` itself.
Node skip_target(const CodeGen& gen, Syms& syms, const State& out, Node target,
                 const std::vector<std::uint32_t>& live) {
  if (out.a == kUnknown || target == kNullNode) return target;
  State sim = out;
  std::uint32_t defs = 0;
  Node at = target;
  for (std::size_t i = 0; i < kMaxSkip; ++i) {
    const NodeData d = gen.node(at);
    if (is_jump_or_ret(d.code)) return target;
    step(syms, sim, d);
    // A division may trap: only the one that gives the value A holds (its operands are then those
    // of a division this path already made, without trapping) may be skipped.
    bool divides = op::cls(d.code) == op::ALU && (op::alu_op(d.code) == op::DIV || op::alu_op(d.code) == op::MOD);
    if (divides && sim.a != out.a) return target;
    defs |= effect_of(d).def;
    at = d.jt;
    if (sim.a == out.a) return (defs & live[at]) == 0 ? at : target;
  }
  return target;
}

std::vector<std::uint8_t> reachable(const CodeGen& gen, Node root) {
  std::vector<std::uint8_t> seen(gen.size(), 0);
  std::vector<Node> stack{root};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (n == kNullNode || seen[n]) continue;
    seen[n] = 1;
    stack.push_back(gen.node(n).jt);
    stack.push_back(gen.node(n).jf);
  }
  return seen;
}

}  // namespace

Node reuse_loads(CodeGen& gen, Node root) {
  const std::size_t n = gen.size();
  std::vector<std::uint8_t> reach = reachable(gen, root);
  // Successors have smaller ids than their predecessors: ascending ids are bottom-up.
  std::vector<std::uint32_t> live(n, 0);
  for (Node id = 0; id < n; ++id) {
    if (!reach[id]) continue;
    const NodeData& d = gen.node(id);
    std::uint32_t out = (d.jt != kNullNode ? live[d.jt] : 0) | (d.jf != kNullNode ? live[d.jf] : 0);
    Effect e = effect_of(d);
    live[id] = e.use | (out & ~e.def);
  }
  // Top-down: the state on entry to each node, and where each of its edges goes instead.
  Syms syms;
  std::vector<State> in(n);
  std::vector<std::uint8_t> has(n, 0);
  std::vector<Node> to_t(n, kNullNode), to_f(n, kNullNode);
  has[root] = 1;
  auto arrive = [&](Node s, const State& st) {
    if (s == kNullNode) return;
    if (!has[s]) {
      in[s] = st;
      has[s] = 1;
    } else {
      meet(in[s], st);
    }
  };
  for (Node id = static_cast<Node>(n); id-- > 0;) {
    if (!reach[id] || !has[id]) continue;
    const NodeData d = gen.node(id);
    State out = in[id];
    if (!is_jump_or_ret(d.code)) step(syms, out, d);
    to_t[id] = skip_target(gen, syms, out, d.jt, live);
    to_f[id] = skip_target(gen, syms, out, d.jf, live);
    arrive(d.jt, out);
    arrive(d.jf, out);
  }
  // A straight-line instruction falls through to its next one, and a conditional jump usually to
  // its false target; when the skipped code stays (other edges still need it), it falls through
  // to the same node, and one of the two would need a `ja`. So such an edge is redirected only
  // when every edge into the skipped code is (the code is gone); a true target may go anywhere.
  std::vector<std::uint32_t> edges_in(n, 0), redirected_in(n, 0);
  std::vector<Node> common(n, kNullNode);  // where the redirected edges into a node go, if all agree
  for (Node id = 0; id < n; ++id) {
    if (!reach[id]) continue;
    const NodeData& d = gen.node(id);
    for (auto [old_to, new_to] : {std::pair{d.jt, to_t[id]}, std::pair{d.jf, to_f[id]}}) {
      if (old_to == kNullNode) continue;
      ++edges_in[old_to];
      if (new_to == old_to) continue;
      if (redirected_in[old_to]++ == 0)
        common[old_to] = new_to;
      else if (common[old_to] != new_to)
        common[old_to] = kNullNode;
    }
  }
  auto keep_unless_gone = [&](Node old_to, Node& new_to) {
    if (old_to != kNullNode && (redirected_in[old_to] != edges_in[old_to] || common[old_to] == kNullNode))
      new_to = old_to;
  };
  for (Node id = 0; id < n; ++id) {
    if (!reach[id]) continue;
    const NodeData& d = gen.node(id);
    if (is_conditional_jump(d.code))
      keep_unless_gone(d.jf, to_f[id]);
    else
      keep_unless_gone(d.jt, to_t[id]);
  }
  // Bottom-up rebuild with the redirected edges.
  std::vector<Node> now(n, kNullNode);
  for (Node id = 0; id < n; ++id) {
    if (!reach[id]) continue;
    const NodeData d = gen.node(id);
    Node jt = to_t[id] != kNullNode ? now[to_t[id]] : kNullNode;
    Node jf = to_f[id] != kNullNode ? now[to_f[id]] : kNullNode;
    now[id] = is_conditional_jump(d.code) ? gen.branch(d.code, d.k, jt, jf) : gen.stmt(d.code, d.k, jt);
  }
  return now[root];
}

const std::vector<DagPass>& dag_passes() {
  static const std::vector<DagPass> kPasses = {
      {"reuse-loads", "skip recomputing the value the accumulator already holds", reuse_loads},
  };
  return kPasses;
}

const DagPass* find_dag_pass(std::string_view name) {
  for (const DagPass& p : dag_passes())
    if (p.name == name) return &p;
  return nullptr;
}

std::string dag_pipeline_for_level(int level) {
  return level >= 1 ? "reuse-loads" : "";
}

std::string print_dag(const CodeGen& gen, Node root) {
  std::vector<std::uint8_t> reach = reachable(gen, root);
  // Names in the order printed, so equal DAGs print equally whatever their node ids.
  std::vector<Node> order;
  for (Node id = static_cast<Node>(gen.size()); id-- > 0;)
    if (reach[id]) order.push_back(id);
  std::map<Node, std::size_t> name;
  for (std::size_t i = 0; i < order.size(); ++i) name[order[i]] = i;
  std::string out;
  for (Node id : order) {
    const NodeData& d = gen.node(id);
    std::string text;
    if (is_conditional_jump(d.code)) {
      text = std::string(*bpf::asm_syntax::jump_name(op::jmp_op(d.code), false));
      text += op::src(d.code) == op::X ? " x" : " " + bpf::asm_syntax::immediate(d.k, op::jmp_op(d.code) == op::JSET);
      text += ", n" + std::to_string(name[d.jt]) + ", n" + std::to_string(name[d.jf]);
    } else {
      text = bpf::disassemble_insn(bpf::Insn{d.code, 0, 0, d.k}, 0, 1);
      if (d.jt != kNullNode) text += " -> n" + std::to_string(name[d.jt]);
    }
    out += "n" + std::to_string(name[id]) + ": " + text + "\n";
  }
  return out;
}

}  // namespace secco::backend
