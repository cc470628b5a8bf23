// The random policy and probe generators of random_policy.h.
//
// Policies are built as text from a typed grammar: every expression is generated for a kind
// (boolean, 32-bit number, full 64-bit argument) so that the result always type-checks. A full
// argument only ever appears as a comparison operand or the subject of in/notIn; divisors are
// either constants whose low 32 bits are not zero (the generator tracks the value of every
// constant expression) or run-time expressions, which may well be zero at run time. Parentheses
// are written only where precedence and left-associativity need them, so the parser's
// precedence table is exercised too. Names are always defined before use; some are redefined and
// macro parameters sometimes shadow a global name.
#include "lib/random_policy.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "support/fmt.h"

namespace secco::testing {

namespace {

using Rng = std::mt19937_64;

constexpr std::uint64_t kLow32 = 0xffffffffULL;

// Precedence levels of spec §5 (loosest first); atoms are 12.
constexpr int kOr = 1, kAnd = 2, kEquality = 3, kRelational = 4, kBitOr = 5, kBitXor = 6, kBitAnd = 7, kShift = 8,
              kAdditive = 9, kMultiplicative = 10, kUnary = 11, kAtom = 12;

enum class Kind { Bool, Num, Full };

struct Expr {
  std::string text;
  int prec = kAtom;
  bool constant = false;    // only literals, constant variables and arithmetic on them
  std::uint64_t value = 0;  // its value (u64, wrapping) when constant
};

struct Param {
  std::string name;
  Kind kind;
};

// A name visible to later lines.
struct Symbol {
  std::string name;
  Kind kind = Kind::Num;  // a variable's kind, or a macro's result kind
  bool has_params = false;
  std::vector<Kind> params;
  bool constant = false;  // a variable holding a constant expression
  std::uint64_t value = 0;
};

std::string wrap(const Expr& e, bool need) {
  return need ? "(" + e.text + ")" : e.text;
}

Expr binary(const Expr& l, const std::string& op, int prec, const Expr& r) {
  // Left-associative: the left operand keeps its text at the same level, the right one does not.
  return {wrap(l, l.prec < prec) + " " + op + " " + wrap(r, r.prec <= prec), prec, false, 0};
}

std::uint64_t fold(const std::string& op, std::uint64_t a, std::uint64_t b) {
  if (op == "+") return a + b;
  if (op == "-") return a - b;
  if (op == "*") return a * b;
  if (op == "/") return a / b;
  if (op == "%") return a % b;
  if (op == "&") return a & b;
  if (op == "|") return a | b;
  if (op == "^") return a ^ b;
  if (op == "<<") return b >= 64 ? 0 : a << b;
  return b >= 64 ? 0 : a >> b;
}

int arith_prec(const std::string& op) {
  if (op == "*" || op == "/" || op == "%") return kMultiplicative;
  if (op == "+" || op == "-") return kAdditive;
  if (op == "<<" || op == ">>") return kShift;
  if (op == "&") return kBitAnd;
  if (op == "^") return kBitXor;
  return kBitOr;
}

class Writer {
 public:
  Writer(const Target& target, const RandomPolicyOptions& options, const std::vector<RandomRule>& pool,
         std::uint64_t seed)
      : target_(target), options_(options), pool_(pool), rng_(seed * 0x9e3779b97f4a7c15ULL + 0x1234567ULL) {}

  RandomPolicy run(std::uint64_t seed) {
    RandomPolicy p;
    p.seed = seed;
    out_ = &p;
    text_ += "# random policy, seed " + std::to_string(seed) + "\n";
    if (chance(0.6)) default_line();
    unsigned ndefs = pick(options_.max_definitions + 1);
    for (unsigned i = 0; i < ndefs; ++i) definition();
    unsigned nrules = chance(0.03) ? 0 : 1 + pick(std::max(1u, options_.max_rules));
    std::vector<RandomRule> pool = pool_;
    std::shuffle(pool.begin(), pool.end(), rng_);
    nrules = std::min<unsigned>(nrules, static_cast<unsigned>(pool.size()));
    for (unsigned i = 0; i < nrules; ++i) {
      if (chance(0.3)) definition();
      if (chance(0.1)) default_line();
      rule(pool[i]);
      p.rules.push_back(pool[i]);
    }
    if (chance(0.2)) default_line();
    p.text = std::move(text_);
    std::sort(p.constants.begin(), p.constants.end());
    p.constants.erase(std::unique(p.constants.begin(), p.constants.end()), p.constants.end());
    return p;
  }

 private:
  // --- randomness -------------------------------------------------------------------------------
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  unsigned pick(unsigned n) { return n == 0 ? 0 : static_cast<unsigned>(rng_() % n); }
  template <typename T>
  const T& one_of(const std::vector<T>& v) {
    return v[pick(static_cast<unsigned>(v.size()))];
  }

  // --- constants ----------------------------------------------------------------------------
  std::uint64_t interesting_value() {
    switch (pick(6)) {
      case 0:
      case 1:
      case 2:
        return one_of(boundary_values());
      case 3:
        return rng_() % 64;
      case 4:
        return rng_() & kLow32;
      default:
        return rng_();
    }
  }

  std::string spell(std::uint64_t v) {
    switch (pick(8)) {
      case 0:
      case 1:
      case 2:
        return std::to_string(v);
      case 3:
        return v != 0 ? fmt::format("0{:o}", v) : "0";
      case 4:
        return v < (1u << 16) ? fmt::format("0b{:b}", v) : fmt::format("0X{:X}", v);
      default:
        return fmt::format("{:#x}", v);
    }
  }

  Expr literal(std::uint64_t v) {
    out_->constants.push_back(v);
    return {spell(v), kAtom, true, v};
  }

  Expr predefined() {
    static const std::vector<std::string> names{"O_RDONLY",  "O_WRONLY",   "O_RDWR",       "O_CREAT",
                                                "PROT_EXEC", "PROT_WRITE", "MAP_SHARED",   "AT_FDCWD",
                                                "EPERM",     "F_GETFL",    "CLONE_THREAD", "SIGKILL"};
    const std::string& n = one_of(names);
    auto c = target_.constant(n);
    if (!c) return literal(interesting_value());
    out_->constants.push_back(c->value);
    return {n, kAtom, true, c->value};
  }

  // A constant expression (no arguments, no parameters, no calls): its value is known.
  Expr constant_expr(unsigned depth) {
    if (depth == 0 || chance(0.55)) {
      std::vector<const Symbol*> vars = symbols_where([](const Symbol& s) { return s.constant; });
      if (!vars.empty() && chance(0.3)) {
        const Symbol& s = *one_of(vars);
        return {s.name, kAtom, true, s.value};
      }
      if (chance(0.1)) return predefined();
      return literal(interesting_value());
    }
    if (chance(0.1)) {
      Expr x = constant_expr(depth - 1);
      return {"~" + wrap(x, x.prec < kUnary), kUnary, true, ~x.value};
    }
    static const std::vector<std::string> ops{"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"};
    const std::string& op = one_of(ops);
    Expr l = constant_expr(depth - 1);
    Expr r = (op == "/" || op == "%") ? constant_divisor(depth - 1) : constant_expr(depth - 1);
    Expr e = binary(l, op, arith_prec(op), r);
    e.constant = true;
    e.value = fold(op, l.value, r.value);
    return e;
  }

  // A constant that is not zero modulo 2^32 (so neither constant nor run-time division by it fails).
  Expr constant_divisor(unsigned depth) {
    Expr d = constant_expr(depth);
    if ((d.value & kLow32) == 0) d = literal(1 + pick(1000) + (chance(0.3) ? (std::uint64_t{1} << 32) : 0));
    return d;
  }

  // --- numbers (32-bit run-time values or constants) -----------------------------------------
  Expr arg_half() {
    unsigned i = pick(6);
    return {fmt::format("arg{}{}", chance(0.7) ? "L" : "H", i), kAtom, false, 0};
  }

  // A divisor that may be zero at run time, or a non-zero constant. No parameters and no calls,
  // so a caller can never turn it into a constant zero.
  Expr divisor(unsigned depth) {
    if (chance(0.35)) return constant_divisor(depth);
    if (depth == 0 || chance(0.4)) return arg_half();
    static const std::vector<std::string> ops{"+", "-", "*", "&", "|", "^", "<<", ">>"};
    const std::string& op = one_of(ops);
    return binary(arg_half(), op, arith_prec(op), number(depth - 1, false));
  }

  Expr number(unsigned depth, bool allow_params = true) {
    if (depth == 0 || chance(0.3)) return number_leaf(allow_params);
    unsigned k = pick(12);
    if (k == 0) {
      Expr x = number(depth - 1, allow_params);
      return {"~" + wrap(x, x.prec < kUnary), kUnary, false, 0};
    }
    if (k == 1) {
      if (auto call = macro_call(Kind::Num, depth - 1, allow_params)) return *call;
    }
    static const std::vector<std::string> ops{"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "/", "%"};
    const std::string& op = one_of(ops);
    Expr l = number(depth - 1, allow_params);
    Expr r;
    if (op == "/" || op == "%")
      r = divisor(depth - 1);
    else if ((op == "<<" || op == ">>") && chance(0.5))
      r = chance(0.5) ? literal(pick(40)) : arg_half();  // shifts by run-time amounts, also >= 32
    else
      r = number(depth - 1, allow_params);
    return binary(l, op, arith_prec(op), r);
  }

  Expr number_leaf(bool allow_params) {
    unsigned k = pick(10);
    if (k < 4) return arg_half();
    if (k < 6) return constant_expr(0);
    if (k < 8) {
      std::vector<const Symbol*> vars =
          symbols_where([](const Symbol& s) { return !s.has_params && s.kind == Kind::Num; });
      if (!vars.empty()) return {one_of(vars)->name, kAtom, false, 0};
    }
    if (allow_params) {
      std::vector<const Param*> ps = params_of(Kind::Num);
      if (!ps.empty()) return {one_of(ps)->name, kAtom, false, 0};
    }
    return arg_half();
  }

  // A comparison operand of any numeric kind: a full argument (or full-kind parameter), a number.
  Expr operand(unsigned depth, bool allow_full) {
    if (allow_full && chance(0.45)) {
      std::vector<const Param*> ps = params_of(Kind::Full);
      if (!ps.empty() && chance(0.4)) return {one_of(ps)->name, kAtom, false, 0};
      return {fmt::format("arg{}", pick(6)), kAtom, false, 0};
    }
    if (chance(0.4)) return constant_expr(depth);
    return number(depth);
  }

  // --- booleans ------------------------------------------------------------------------------
  Expr comparison(unsigned depth) {
    static const std::vector<std::pair<std::string, int>> ops{
        {"==", kEquality},   {"!=", kEquality},  {"&?", kEquality},  {"<", kRelational},
        {"<=", kRelational}, {">", kRelational}, {">=", kRelational}};
    const auto& [op, prec] = one_of(ops);
    Expr l = operand(depth, true);
    Expr r = operand(depth, true);
    if (l.constant && r.constant && chance(0.8)) r = chance(0.5) ? arg_half() : Expr{fmt::format("arg{}", pick(6))};
    return binary(l, op, prec, r);
  }

  Expr in_list(unsigned depth) {
    Expr subject = operand(depth, true);
    std::string text =
        std::string(chance(0.5) ? (chance(0.8) ? "in" : "IN") : (chance(0.8) ? "notIn" : "NotIn")) + "(" + subject.text;
    unsigned n = 1 + pick(4);
    for (unsigned i = 0; i < n; ++i) text += ", " + (chance(0.75) ? constant_expr(depth) : number(depth)).text;
    return {text + ")", kAtom, false, 0};
  }

  Expr boolean(unsigned depth) {
    if (depth == 0) return boolean_leaf(0);
    unsigned k = pick(14);
    if (k < 4) return comparison(depth - 1);
    if (k < 6) return binary(boolean(depth - 1), "&&", kAnd, boolean(depth - 1));
    if (k < 8) return binary(boolean(depth - 1), "||", kOr, boolean(depth - 1));
    if (k == 8) {
      Expr x = boolean(depth - 1);
      return {"!" + wrap(x, x.prec < kUnary), kUnary, false, 0};
    }
    if (k == 9) return in_list(depth - 1);
    if (k == 10) {
      if (auto call = macro_call(Kind::Bool, depth - 1, true)) return *call;
    }
    return boolean_leaf(depth);
  }

  Expr boolean_leaf(unsigned depth) {
    unsigned k = pick(10);
    if (k == 0) return {chance(0.5) ? (chance(0.5) ? "true" : "TRUE") : (chance(0.5) ? "false" : "False"), kAtom};
    if (k < 3) {
      std::vector<const Symbol*> vars =
          symbols_where([](const Symbol& s) { return !s.has_params && s.kind == Kind::Bool; });
      if (!vars.empty()) return {one_of(vars)->name, kAtom, false, 0};
    }
    if (k < 5) {
      std::vector<const Param*> ps = params_of(Kind::Bool);
      if (!ps.empty()) return {one_of(ps)->name, kAtom, false, 0};
    }
    return comparison(depth);
  }

  // --- names ---------------------------------------------------------------------------------
  template <typename Pred>
  std::vector<const Symbol*> symbols_where(Pred pred) const {
    std::vector<const Symbol*> out;
    for (const Symbol& s : symbols_) {
      // Inside a macro body, a parameter shadows a global of the same name.
      bool shadowed = std::any_of(params_.begin(), params_.end(), [&](const Param& p) { return p.name == s.name; });
      if (!shadowed && pred(s)) out.push_back(&s);
    }
    return out;
  }

  std::vector<const Param*> params_of(Kind k) const {
    std::vector<const Param*> out;
    for (const Param& p : params_)
      if (p.kind == k) out.push_back(&p);
    return out;
  }

  std::optional<Expr> macro_call(Kind result, unsigned depth, bool allow_params) {
    std::vector<const Symbol*> macros =
        symbols_where([&](const Symbol& s) { return s.has_params && s.kind == result; });
    if (macros.empty()) return std::nullopt;
    const Symbol& m = *one_of(macros);
    std::vector<Kind> kinds = m.params;  // copy: generating arguments may not touch symbols_, but be safe
    std::string text = m.name + "(";
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (i) text += ", ";
      switch (kinds[i]) {
        case Kind::Bool:
          text += boolean(std::min(depth, 1u)).text;
          break;
        case Kind::Full:
          text += operand(std::min(depth, 1u), true).text;
          break;
        case Kind::Num:
          text +=
              chance(0.3) ? constant_expr(std::min(depth, 1u)).text : number(std::min(depth, 1u), allow_params).text;
          break;
      }
    }
    return Expr{text + ")", kAtom, false, 0};
  }

  std::string fresh_name() {
    static const std::vector<std::string> stems{"v", "k", "lim", "is_ok", "m", "f", "Mask", "small"};
    return one_of(stems) + std::to_string(counter_++);
  }

  void define(Symbol s) {
    for (Symbol& old : symbols_) {
      if (old.name == s.name) {
        old = std::move(s);
        return;
      }
    }
    symbols_.push_back(std::move(s));
  }

  void definition() {
    Symbol s;
    // Sometimes redefine an existing name (its later uses see the new meaning).
    s.name = !symbols_.empty() && chance(0.2) ? one_of(symbols_).name : fresh_name();
    unsigned k = pick(10);
    std::string body;
    if (k < 3) {
      // NAME = constant, sometimes in terms of its own previous value (`X = X + 1`).
      Expr e = constant_expr(2);
      const Symbol* prev = nullptr;
      for (const Symbol& old : symbols_)
        if (old.name == s.name && old.constant) prev = &old;
      if (prev != nullptr && chance(0.5)) {
        Expr self{prev->name, kAtom, true, prev->value};
        Expr r = literal(1 + pick(8));
        e = binary(self, "+", kAdditive, r);
        e.constant = true;
        e.value = prev->value + r.value;
      }
      s.kind = Kind::Num;
      s.constant = true;
      s.value = e.value;
      body = e.text;
    } else if (k < 5) {
      s.kind = Kind::Num;
      body = number(2).text;
    } else if (k < 7) {
      s.kind = Kind::Bool;
      body = boolean(2).text;
    } else {
      // A macro with parameters; a parameter may shadow a global name.
      s.has_params = true;
      s.kind = chance(0.6) ? Kind::Bool : Kind::Num;
      unsigned n = chance(0.1) ? 0 : 1 + pick(3);
      std::set<std::string> used;
      for (unsigned i = 0; i < n; ++i) {
        Param p;
        p.kind = s.kind == Kind::Bool ? (chance(0.4) ? Kind::Full : chance(0.7) ? Kind::Num : Kind::Bool) : Kind::Num;
        if (!symbols_.empty() && chance(0.25))
          p.name = one_of(symbols_).name;
        else
          p.name = std::string(1, static_cast<char>('a' + pick(4))) + std::to_string(i);
        if (!used.insert(p.name).second) p.name = "p" + std::to_string(i) + "_" + std::to_string(counter_++);
        params_.push_back(p);
        s.params.push_back(p.kind);
      }
      body = s.kind == Kind::Bool ? boolean(2).text : number(2).text;
    }
    std::string head = s.name;
    if (s.has_params) {
      head += "(";
      for (std::size_t i = 0; i < params_.size(); ++i) head += (i ? ", " : "") + params_[i].name;
      head += ")";
    }
    params_.clear();
    text_ += head + " = " + body + "\n";
    define(std::move(s));
  }

  // --- actions -------------------------------------------------------------------------------
  std::string errno_value() {
    static const std::vector<std::uint64_t> values{0, 1, 2, 13, 22, 38, 95, 4095};
    if (chance(0.02)) return std::to_string(4096 + pick(60000));  // capped by the kernel: a warning
    return std::to_string(chance(0.5) ? one_of(values) : 1 + pick(200));
  }

  std::string action() {
    unsigned k = pick(options_.all_actions ? 16 : 12);
    switch (k) {
      case 0:
      case 1:
        return chance(0.8) ? "allow" : "ALLOW";
      case 2:
      case 3:
        return chance(0.5) ? "kill" : "kill_thread";
      case 4:
        return "trap";
      case 5:
        return "trap(" + std::to_string(pick(70000) % 65536) + ")";
      case 6:
        return "log";
      case 7:
        return "errno(" + errno_value() + ")";
      case 8:
        return errno_value();
      case 9: {
        static const std::vector<std::string> names{"EPERM", "EACCES", "ENOENT", "EINVAL", "ENOSYS", "EAGAIN"};
        return one_of(names);
      }
      case 10: {
        std::vector<const Symbol*> vars = symbols_where([](const Symbol& s) { return s.constant && s.value <= 4095; });
        if (!vars.empty()) return one_of(vars)->name;
        return "EPERM";
      }
      case 11:
        return "errno(" + errno_value() + ")";
      case 12:
        return "trace";
      case 13:
        return "trace(" + std::to_string(pick(65536)) + ")";
      case 14:
        return "user_notif";
      default:
        return "kill_process";
    }
  }

  void default_line() {
    static const std::vector<std::string> which{"DEFAULT_POSITIVE", "DEFAULT_NEGATIVE", "DEFAULT_POLICY"};
    text_ += one_of(which) + " = " + action() + "\n";
  }

  void rule(const RandomRule& r) {
    std::string head = r.syscall;
    unsigned h = pick(6);
    if (h == 1) head += "[+" + action() + "]";
    if (h == 2) head += "[-" + action() + "]";
    if (h == 3) head += "[+" + action() + ", -" + action() + "]";
    if (h == 4) head += " [-" + action() + ",+" + action() + "]";
    unsigned form = pick(10);
    std::string body;
    if (form == 0) {
      body = "return " + action();
    } else if (form == 1) {
      body = chance(0.5) ? "1" : "true";
    } else if (form < 4) {
      body = boolean(options_.max_depth).text + "; return " + action();
    } else {
      body = boolean(options_.max_depth).text;
    }
    text_ += head + (chance(0.8) ? ": " : " : ") + body + "\n";
  }

  const Target& target_;
  const RandomPolicyOptions& options_;
  const std::vector<RandomRule>& pool_;
  Rng rng_;
  RandomPolicy* out_ = nullptr;
  std::string text_;
  std::vector<Symbol> symbols_;
  std::vector<Param> params_;  // of the macro being written
  unsigned counter_ = 0;
};

}  // namespace

const std::vector<std::uint64_t>& boundary_values() {
  static const std::vector<std::uint64_t> v{0,
                                            1,
                                            2,
                                            0x7fffffffULL,
                                            0x80000000ULL,
                                            0xffffffffULL,
                                            0x100000000ULL,
                                            0x100000001ULL,
                                            0x1ffffffffULL,
                                            0x7fffffffffffffffULL,
                                            0x8000000000000000ULL,
                                            0xffffffffffffffffULL,
                                            0xfffffffffffffffeULL,
                                            0xffffffffffffff9cULL,  // AT_FDCWD sign-extended
                                            0xffffff9cULL,          // AT_FDCWD as 32 bits
                                            0xffffffff00000000ULL,
                                            0x00000001ffffffffULL,
                                            31,
                                            32,
                                            33,
                                            63,
                                            64};
  return v;
}

PolicyGenerator::PolicyGenerator(const Target& target, RandomPolicyOptions options)
    : target_(target), options_(std::move(options)) {
  if (options_.syscall_pool.empty()) {
    for (const SyscallEntry& e : target.syscalls()) pool_.push_back({std::string(e.name), e.nr});
  } else {
    for (const std::string& name : options_.syscall_pool) {
      if (auto nr = target.syscall_number(name)) pool_.push_back({name, *nr});
    }
  }
}

RandomPolicy PolicyGenerator::generate(std::uint64_t seed) const {
  return Writer(target_, options_, pool_, seed).run(seed);
}

std::vector<SeccompData> generate_probes(const RandomPolicy& policy, const Target& target, std::uint64_t seed,
                                         std::size_t count) {
  Rng rng(seed ^ 0x5851f42d4c957f2dULL);
  auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const auto& syscalls = target.syscalls();
  std::vector<std::uint64_t> near;
  for (std::uint64_t c : policy.constants) {
    for (std::uint64_t v : {c, c + 1, c - 1, c & kLow32, c << 32, (c << 32) | (c & kLow32), c | ~kLow32})
      near.push_back(v);
  }
  auto arg_value = [&]() -> std::uint64_t {
    std::size_t k = pick(10);
    if (k < 3) return boundary_values()[pick(boundary_values().size())];
    if (k < 6 && !near.empty()) return near[pick(near.size())];
    if (k == 6) return rng() % 64;
    if (k == 7) return rng() & kLow32;
    return rng();
  };
  std::vector<SeccompData> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    SeccompData d;
    d.arch = target.audit_arch();
    if (chance(0.04)) {
      static const std::uint32_t foreign[] = {0x40000003U /* i386 */, 0xc00000b7U /* aarch64 */, 0U, 0xc000003fU};
      d.arch = foreign[pick(4)];
      if (d.arch == target.audit_arch()) d.arch ^= 1;
    }
    const std::size_t nrules = policy.rules.size();
    if (i < nrules) {
      d.nr = policy.rules[i].nr;
    } else {
      std::size_t k = pick(100);
      std::uint32_t x32 = target.x32_bit();
      if (k < 70 && nrules > 0) {
        d.nr = policy.rules[pick(nrules)].nr;
      } else if (k < 82 && !syscalls.empty()) {
        d.nr = syscalls[pick(syscalls.size())].nr;
      } else if (k < 88 && x32 != 0) {
        d.nr =
            x32 + (nrules > 0 && chance(0.7) ? policy.rules[pick(nrules)].nr : static_cast<std::uint32_t>(pick(600)));
      } else if (k < 92) {
        d.nr = 0xffffffffU;
      } else if (k < 95) {
        static const std::uint32_t edges[] = {0x3fffffffU, 0x40000000U, 0x7fffffffU, 0x80000000U, 0xfffffffeU};
        d.nr = edges[pick(5)];
      } else {
        d.nr = static_cast<std::uint32_t>(rng());
      }
    }
    d.instruction_pointer = rng();
    for (std::size_t a = 0; a < 6; ++a) d.args[a] = arg_value();
    // Correlated arguments (arg0 == arg1, equal halves) make the argument-vs-argument tests
    // take both outcomes.
    if (chance(0.2)) d.args[pick(6)] = d.args[pick(6)];
    if (chance(0.1)) {
      std::size_t a = pick(6), b = pick(6);
      d.args[a] = (d.args[a] & ~kLow32) | (d.args[b] & kLow32);
    }
    out.push_back(d);
  }
  return out;
}

std::string describe(const SeccompData& d) {
  std::string s = fmt::format("nr={:#x} arch={:#x} args=[", d.nr, d.arch);
  for (std::size_t i = 0; i < 6; ++i) s += fmt::format("{}{:#x}", i ? ", " : "", d.args[i]);
  return s + "]";
}

std::uint64_t property_iterations() {
  const char* env = std::getenv("SECCO_PROPERTY_ITERATIONS");
  if (env == nullptr || *env == '\0') return 1;
  std::uint64_t n = std::strtoull(env, nullptr, 10);
  return n == 0 ? 1 : n;
}

std::uint64_t property_seed() {
  const char* env = std::getenv("SECCO_PROPERTY_SEED");
  if (env == nullptr || *env == '\0') return 1;
  return std::strtoull(env, nullptr, 10);
}

}  // namespace secco::testing
