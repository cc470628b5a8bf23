#include "semantics/explain_tree.h"

#include <algorithm>
#include <array>

#include "support/fmt.h"

#include "semantics/kernel_action.h"

namespace secco::semantics {
namespace {

namespace op = bpf::op;

constexpr std::uint32_t kSeccompDataSize = 64;
// A program whose one system call unfolds into more decision nodes than this is refused: its
// text would be too large to read (and to parse: the front end limits a line).
constexpr std::size_t kMaxNodes = 20000;

// What the tests taken so far on a path say about one term: an interval and excluded values.
// Later tests they decide are not branches (libseccomp and secco test a word again after a
// test elsewhere, and their trees hold paths no input takes).
struct Fact {
  TermPtr term;
  std::uint32_t lo = 0, hi = 0xffffffffU;
  std::vector<std::uint32_t> excluded;
  bool excludes(std::uint32_t k) const { return std::find(excluded.begin(), excluded.end(), k) != excluded.end(); }
};

struct Machine {
  TermPtr a = Term::constant(0), x = Term::constant(0);
  std::array<TermPtr, bpf::kMemWords> m;
  std::vector<Fact> facts;
  Machine() { m.fill(Term::constant(0)); }

  Fact& fact(const TermPtr& t) {
    for (Fact& f : facts)
      if (same_term(f.term, t)) return f;
    Fact f;
    f.term = t;
    facts.push_back(f);
    return facts.back();
  }
  // The outcome of `t jop k` when the path's facts decide it.
  std::optional<bool> known(std::uint16_t jop, const TermPtr& t, std::uint32_t k) {
    const Fact& f = fact(t);
    switch (jop) {
      case op::JEQ:
        if (f.lo == f.hi) return f.lo == k;
        if (k < f.lo || k > f.hi || f.excludes(k)) return false;
        return std::nullopt;
      case op::JGT:
        if (f.lo > k) return true;
        if (f.hi <= k) return false;
        return std::nullopt;
      case op::JGE:
        if (f.lo >= k) return true;
        if (f.hi < k) return false;
        return std::nullopt;
      default:
        if (f.lo == f.hi) return (f.lo & k) != 0;
        return std::nullopt;
    }
  }
  // Learns the outcome of a test; false when no value is left to the term (the path is taken by
  // no input: its interval holds only excluded values).
  bool learn(std::uint16_t jop, const TermPtr& t, std::uint32_t k, bool outcome) {
    Fact& f = fact(t);
    switch (jop) {
      case op::JEQ:
        if (outcome)
          f.lo = f.hi = k;
        else
          f.excluded.push_back(k);
        break;
      case op::JGT:
        if (outcome)
          f.lo = std::max(f.lo, k + 1);  // k < 0xffffffff, else the test was decided
        else
          f.hi = std::min(f.hi, k);
        break;
      case op::JGE:
        if (outcome)
          f.lo = std::max(f.lo, k);
        else
          f.hi = std::min(f.hi, k - 1);  // k > 0, else the test was decided
        break;
      default:
        break;
    }
    if (f.lo > f.hi) return false;
    if (f.hi - f.lo >= f.excluded.size()) return true;
    std::vector<std::uint32_t> inside;
    for (std::uint32_t v : f.excluded)
      if (v >= f.lo && v <= f.hi) inside.push_back(v);
    std::sort(inside.begin(), inside.end());
    inside.erase(std::unique(inside.begin(), inside.end()), inside.end());
    return inside.size() <= f.hi - f.lo;
  }
};

// x & 0, x * 0, x | ~0 are constants; x + 0, x & ~0 ... are x.
TermPtr simplify_alu(std::uint16_t aop, const TermPtr& a, const TermPtr& b) {
  if (aop == op::NEG || !b->is_const()) return nullptr;
  std::uint32_t k = b->k;
  if ((aop == op::AND || aop == op::MUL) && k == 0) return Term::constant(0);
  if (aop == op::OR && k == 0xffffffffU) return Term::constant(0xffffffffU);
  bool identity = ((aop == op::ADD || aop == op::SUB || aop == op::OR || aop == op::XOR) && k == 0) ||
                  ((aop == op::LSH || aop == op::RSH) && (k & 31) == 0) || (aop == op::AND && k == 0xffffffffU) ||
                  ((aop == op::MUL || aop == op::DIV) && k == 1);
  return identity ? a : nullptr;
}

std::uint32_t fold(std::uint16_t aop, std::uint32_t x, std::uint32_t y) {
  switch (aop) {
    case op::ADD:
      return x + y;
    case op::SUB:
      return x - y;
    case op::MUL:
      return x * y;
    case op::DIV:
      return x / y;  // callers rule out y == 0
    case op::OR:
      return x | y;
    case op::AND:
      return x & y;
    case op::XOR:
      return x ^ y;
    case op::LSH:
      return x << (y & 31);
    case op::RSH:
      return x >> (y & 31);
    case op::NEG:
      return 0U - x;
    default:
      throw ExplainError("an ALU operation seccomp refuses");
  }
}

bool decide(std::uint16_t jop, std::uint32_t x, std::uint32_t y) {
  switch (jop) {
    case op::JEQ:
      return x == y;
    case op::JGT:
      return x > y;
    case op::JGE:
      return x >= y;
    default:
      return (x & y) != 0;
  }
}

class Walker {
 public:
  Walker(const bpf::Program& p, std::uint32_t nr, std::uint32_t arch, const Arg0Assumption& assume)
      : p_(p), nr_(nr), arch_(arch), big_endian_((arch & 0x40000000U) == 0), assume_(assume) {}

  std::unique_ptr<Node> run(std::size_t pc, Machine s) {
    while (true) {
      if (pc >= p_.size()) throw ExplainError(fmt::format("instruction {}: jump past the end", pc));
      const bpf::Insn& in = p_[pc];
      std::uint16_t cls = op::cls(in.code);
      switch (cls) {
        case op::LD:
        case op::LDX: {
          TermPtr v;
          std::uint16_t mode = op::mode(in.code);
          if (mode == op::ABS && op::size(in.code) == op::W && in.k < kSeccompDataSize && in.k % 4 == 0)
            v = in.k == 0   ? Term::constant(nr_)
                : in.k == 4 ? Term::constant(arch_)
                            : load_word(little_endian_offset(in.k));
          else if (mode == op::IMM)
            v = Term::constant(in.k);
          else if (mode == op::LEN)
            v = Term::constant(kSeccompDataSize);
          else if (mode == op::MEM && in.k < bpf::kMemWords)
            v = s.m[in.k];
          else
            throw ExplainError(fmt::format("instruction {}: a load seccomp refuses", pc));
          (cls == op::LD ? s.a : s.x) = v;
          ++pc;
          break;
        }
        case op::ST:
        case op::STX:
          if (in.k >= bpf::kMemWords) throw ExplainError(fmt::format("instruction {}: a bad store", pc));
          s.m[in.k] = cls == op::ST ? s.a : s.x;
          ++pc;
          break;
        case op::ALU: {
          std::uint16_t aop = op::alu_op(in.code);
          TermPtr b = op::src(in.code) == op::X ? s.x : Term::constant(in.k);
          if (aop == op::DIV && b->is_const() && b->k == 0) return leaf(kKillThread);  // the kernel returns 0
          if (aop == op::DIV && !b->is_const()) {
            // X = 0 ends the program with kill_thread: a branch of its own.
            auto n = branch(cond_lit(op::JEQ, b, Term::constant(0), false));
            n->t = leaf(kKillThread);
            Machine rest = s;
            rest.a = Term::alu(aop, s.a, b);
            n->f = run(pc + 1, rest);
            return collapse(std::move(n));
          }
          if (s.a->is_const() && (b->is_const() || aop == op::NEG))
            s.a = Term::constant(fold(aop, s.a->k, b->k));
          else if (TermPtr known = known_bits(aop, s.a, b))
            s.a = known;
          else if (TermPtr simple = simplify_alu(aop, s.a, b))
            s.a = simple;
          else
            s.a = Term::alu(aop, s.a, aop == op::NEG ? nullptr : b);
          ++pc;
          break;
        }
        case op::MISC:
          if (op::misc_op(in.code) == op::TAX)
            s.x = s.a;
          else
            s.a = s.x;
          ++pc;
          break;
        case op::JMP: {
          std::uint16_t jop = op::jmp_op(in.code);
          if (jop == op::JA) {
            pc += 1 + in.k;
            break;
          }
          TermPtr b = op::src(in.code) == op::X ? s.x : Term::constant(in.k);
          std::size_t t = pc + 1 + in.jt, f = pc + 1 + in.jf;
          if (t == f) {
            pc = t;
            break;
          }
          if (s.a->is_const() && b->is_const()) {
            pc = decide(jop, s.a->k, b->k) ? t : f;
            break;
          }
          if (b->is_const()) {
            std::optional<bool> k = assumed(jop, s.a, b->k);
            if (!k) k = s.known(jop, s.a, b->k);
            if (k) {
              pc = *k ? t : f;
              break;
            }
          }
          Machine on_t = s;
          if (b->is_const()) {
            const bool t_taken = on_t.learn(jop, s.a, b->k, true), f_taken = s.learn(jop, s.a, b->k, false);
            if (!t_taken || !f_taken) {
              if (!f_taken) s = std::move(on_t);
              pc = f_taken ? f : t;
              break;
            }
          }
          auto n = branch(cond_lit(jop, s.a, b, false));
          n->t = run(t, std::move(on_t));
          n->f = run(f, std::move(s));
          return collapse(std::move(n));
        }
        case op::RET:
          if (op::rval(in.code) == op::K) return leaf(canonical_action(in.k));
          if (op::rval(in.code) == op::A && s.a->is_const()) return leaf(canonical_action(s.a->k));
          throw ExplainError(
              fmt::format("instruction {}: returns a value computed from the arguments, which a "
                          "policy cannot express",
                          pc));
        default:
          throw ExplainError(fmt::format("instruction {}: an instruction seccomp refuses", pc));
      }
    }
  }

 private:
  std::unique_ptr<Node> leaf(std::uint32_t action) {
    count();
    auto n = std::make_unique<Node>();
    n->leaf = true;
    n->action = action;
    return n;
  }
  std::unique_ptr<Node> branch(CondPtr test) {
    count();
    auto n = std::make_unique<Node>();
    n->test = std::move(test);
    return n;
  }
  // Both ways end in the same action: the test does not matter.
  static std::unique_ptr<Node> collapse(std::unique_ptr<Node> n) {
    if (n->t->leaf && n->f->leaf && n->t->action == n->f->action) return std::move(n->t);
    return n;
  }
  void count() {
    if (++nodes_ > kMaxNodes)
      throw ExplainError(
          fmt::format("the argument tests of system call {} unfold into more than {} decisions", nr_, kMaxNodes));
  }

  // Terms name the words of the 64-bit fields as on a little-endian ABI (low half first), so that
  // conditions print `argL`/`argH` by offset alone: a big-endian ABI has the low half second.
  std::uint32_t little_endian_offset(std::uint32_t k) const { return big_endian_ && k >= 8 ? k ^ 4U : k; }

  // argL0 is a constant when the assumption knows all of it.
  TermPtr load_word(std::uint32_t offset) const {
    if (offset == kArgL0 && assume_.mask == 0xffffffffU) return Term::constant(assume_.value);
    return Term::word(offset);
  }
  static bool is_arg_l0(const TermPtr& t) { return t->kind == Term::Kind::Word && t->k == kArgL0; }
  // `argL0 & k` is a constant when the assumption knows the bits of k.
  TermPtr known_bits(std::uint16_t aop, const TermPtr& a, const TermPtr& b) const {
    if (aop != op::AND || !b->is_const() || !is_arg_l0(a) || (b->k & ~assume_.mask) != 0) return nullptr;
    return Term::constant(assume_.value & b->k);
  }
  // A test of argL0 against k that the known bits settle.
  std::optional<bool> assumed(std::uint16_t jop, const TermPtr& a, std::uint32_t k) const {
    if (assume_.mask == 0 || !is_arg_l0(a)) return std::nullopt;
    const std::uint32_t lo = assume_.value, hi = assume_.value | ~assume_.mask;  // argL0's range
    switch (jop) {
      case op::JEQ:
        if (((k ^ assume_.value) & assume_.mask) != 0) return false;
        return std::nullopt;
      case op::JGT:
        if (lo > k) return true;
        if (hi <= k) return false;
        return std::nullopt;
      case op::JGE:
        if (lo >= k) return true;
        if (hi < k) return false;
        return std::nullopt;
      default:
        if ((assume_.value & k) != 0) return true;
        if ((k & ~assume_.mask) == 0) return false;
        return std::nullopt;
    }
  }

  static constexpr std::uint32_t kArgL0 = 16;
  const bpf::Program& p_;
  std::uint32_t nr_, arch_;
  bool big_endian_;
  const Arg0Assumption& assume_;
  std::size_t nodes_ = 0;
};

void collect_actions(const Node& n, std::vector<std::uint32_t>& out) {
  if (n.leaf) {
    if (std::find(out.begin(), out.end(), n.action) == out.end()) out.push_back(n.action);
    return;
  }
  collect_actions(*n.t, out);
  collect_actions(*n.f, out);
}

// Whether `c` can only hold when `t != k` (it tests `t == v` for some other v on every way).
bool excludes_value(const CondPtr& c, const TermPtr& t, std::uint32_t k) {
  switch (c->kind) {
    case Cond::Kind::Lit:
      return c->jop == op::JEQ && !c->negated && c->b->is_const() && c->b->k != k && same_term(c->a, t);
    case Cond::Kind::And:
      return std::any_of(c->kids.begin(), c->kids.end(), [&](const CondPtr& x) { return excludes_value(x, t, k); });
    case Cond::Kind::Or:
      return std::all_of(c->kids.begin(), c->kids.end(), [&](const CondPtr& x) { return excludes_value(x, t, k); });
    default:
      return false;
  }
}

}  // namespace

// The condition under which the tree reaches `action`: `c ? T : F` as `c && T || !c && F`,
// shortened where T or F is a constant.
CondPtr reaches(const Node& n, std::uint32_t action) {
  if (n.leaf) return n.action == action ? cond_true() : cond_false();
  CondPtr t = reaches(*n.t, action), f = reaches(*n.f, action);
  const CondPtr& c = n.test;
  CondPtr not_c = cond_not_lit(c);
  if (cond_is_true(t)) return cond_or(c, f);
  if (cond_is_true(f)) return cond_or(not_c, t);
  // `t == k && T || t != k && F` where F already says t is something else: drop `t != k`.
  bool implied = c->jop == op::JEQ && c->b->is_const() && excludes_value(f, c->a, c->b->k);
  return cond_or(cond_and(c, t), implied ? f : cond_and(not_c, f));
}

std::string name_of(const Target& target, std::uint32_t nr) {
  if (auto n = target.syscall_name(nr)) return std::string(*n);
  return fmt::format("nr {}", nr);
}

std::unique_ptr<Node> unfold(const bpf::Program& program, const Target& target, std::uint32_t nr,
                             std::vector<std::uint32_t>& actions, const Arg0Assumption& assume) {
  Walker w(program, nr, target.audit_arch(), assume);
  Machine start;
  if (!assume.excluded.empty()) {
    const TermPtr arg0 = Term::word(16);
    Fact& f = start.fact(
        assume.excluded_mask == 0xffffffffU ? arg0 : Term::alu(op::AND, arg0, Term::constant(assume.excluded_mask)));
    f.excluded = assume.excluded;
  }
  std::unique_ptr<Node> tree = w.run(0, std::move(start));
  collect_actions(*tree, actions);
  std::sort(actions.begin(), actions.end());
  return tree;
}

SyscallRule rule_of_tree(const Node& tree, const std::vector<std::uint32_t>& actions, std::uint32_t nr,
                         const std::string& name) {
  SyscallRule rule;
  rule.nr = nr;
  rule.name = name;
  if (actions.size() > 2) {
    std::string list;
    for (std::uint32_t a : actions) list += (list.empty() ? "" : ", ") + action_text(a);
    throw ExplainError(fmt::format("{} has {} outcomes ({}) depending on its arguments; a rule has two", rule.name,
                                   actions.size(), list));
  }
  if (actions.size() == 1) {
    rule.positive = rule.negative = actions[0];
    rule.when = cond_true();
    return rule;
  }
  // allow is the positive action when it is one of the two; else the one that is not kill.
  std::uint32_t pos = actions[1], neg = actions[0];
  if (actions[0] == kAllow) std::swap(pos, neg);
  if (pos == kKillThread) std::swap(pos, neg);
  rule.positive = pos;
  rule.negative = neg;
  rule.when = cond_merge_halves(reaches(tree, pos));
  cond_check_words(rule.when);
  return rule;
}

}  // namespace secco::semantics
