// Differential testing of secco against libseccomp, shared by the short CI test
// (test/backend/libseccomp_diff_test.cc) and the long-running tool (tools/secco_difftest.cc).
//
// A random policy is drawn from the subset both tools express: a default action, and at most one
// rule per system call, each either argument-free or the AND of at most one comparison per
// argument (EQ, NE, LT, LE, GT, GE, MASKED_EQ on the full 64-bit argument), with an action other
// than the default (libseccomp refuses a rule whose action is the default). The policy is written
// twice: as secco text (compiled through api::Compilation) and as libseccomp calls (seccomp_init,
// seccomp_rule_add_exact_array, seccomp_export_bpf into a memfd). Both programs then run in
// runtime::Emulator on the same probes and must return the same 32-bit value:
//   - x86_64 arch, every system call number 0..max+10 and -1, with argument vectors built from the
//     boundary values (0, 1, 2^31-1, 2^31, 2^32-1, 2^32, 2^32+1, 2^63, 2^64-1) and each rule
//     constant +-1; for a rule, each argument is swept over its candidates while the other
//     arguments satisfy their comparisons, so each comparison's boundary is seen on its own;
//   - foreign architectures (i386, aarch64): both must apply the bad-architecture action.
// x32 numbers are checked separately against secco alone (secco must kill; libseccomp's answer for
// numbers >= 0x40000000 on an x86_64-only filter is its own business and is not compared).
//
// Header-only so that the test executable and the tool share it without a library target.
#pragma once

#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "bpf/raw.h"
#include "runtime/emulator.h"
#include "target/target.h"

namespace secco::difftest {

inline constexpr std::uint32_t kArchX86_64 = 0xc000003e;
inline constexpr std::uint32_t kArchI386 = 0x40000003;
inline constexpr std::uint32_t kArchAarch64 = 0xc00000b7;

struct Comparison {
  unsigned arg = 0;
  scmp_compare op = SCMP_CMP_EQ;
  std::uint64_t a = 0;  // the constant; the mask for MASKED_EQ
  std::uint64_t b = 0;  // MASKED_EQ only: the value (arg & a) must equal
};

struct RuleSpec {
  std::string name;
  std::uint32_t nr = 0;
  std::uint32_t action = 0;  // kernel encoding
  std::vector<Comparison> comparisons;
  bool return_form = false;  // argument-free rule written `name: return ACTION` instead of `name[+A]: 1`
};

struct PolicySpec {
  std::uint32_t default_action = SCMP_ACT_KILL_THREAD;
  std::vector<RuleSpec> rules;
  int opt_level = 2;
  bool libseccomp_binary_tree = false;  // SCMP_FLTATR_CTL_OPTIMIZE = 2
};

struct Mismatch {
  std::string what;  // a self-contained description: policy text, probe, both values
};

struct Stats {
  std::uint64_t policies = 0;
  std::uint64_t probes = 0;
  std::uint64_t mismatches = 0;
  std::vector<Mismatch> first_mismatches;  // at most a few, for the report
};

inline std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// The secco spelling of an action encoding.
inline std::string secco_action(std::uint32_t value) {
  const std::uint32_t data = value & 0xffff;
  switch (value & 0xffff0000u) {
    case SCMP_ACT_ALLOW:
      return "allow";
    case SCMP_ACT_LOG:
      return "log";
    case SCMP_ACT_KILL_THREAD:
      return "kill_thread";
    case SCMP_ACT_KILL_PROCESS:
      return "kill_process";
    case SCMP_ACT_TRAP:
      return "trap(" + std::to_string(data) + ")";
    case 0x00050000u:
      return "errno(" + std::to_string(data) + ")";
    case 0x7ff00000u:
      return "trace(" + std::to_string(data) + ")";
    default:
      return "?";
  }
}

inline std::string secco_comparison(const Comparison& c) {
  const std::string n = std::to_string(c.arg);
  switch (c.op) {
    case SCMP_CMP_EQ:
      return "arg" + n + " == " + hex(c.a);
    case SCMP_CMP_NE:
      return "arg" + n + " != " + hex(c.a);
    case SCMP_CMP_LT:
      return "arg" + n + " < " + hex(c.a);
    case SCMP_CMP_LE:
      return "arg" + n + " <= " + hex(c.a);
    case SCMP_CMP_GT:
      return "arg" + n + " > " + hex(c.a);
    case SCMP_CMP_GE:
      return "arg" + n + " >= " + hex(c.a);
    case SCMP_CMP_MASKED_EQ: {
      // A full argument may not take part in arithmetic: mask the two halves separately. libseccomp
      // masks the datum too: its MASKED_EQ is (arg & a) == (b & a), not (arg & a) == b.
      const std::uint64_t b = c.b & c.a;
      return "(argL" + n + " & " + hex(c.a & 0xffffffffu) + ") == " + hex(b & 0xffffffffu) + " && (argH" + n + " & " +
             hex(c.a >> 32) + ") == " + hex(b >> 32);
    }
    default:
      return "?";
  }
}

inline std::string secco_text(const PolicySpec& p) {
  std::ostringstream os;
  os << "DEFAULT_POLICY = " << secco_action(p.default_action) << "\n";
  os << "DEFAULT_NEGATIVE = " << secco_action(p.default_action) << "\n";
  for (const RuleSpec& r : p.rules) {
    if (r.comparisons.empty() && r.return_form) {
      os << r.name << ": return " << secco_action(r.action) << "\n";
      continue;
    }
    os << r.name << "[+" << secco_action(r.action) << "]: ";
    if (r.comparisons.empty()) os << "1";
    for (std::size_t i = 0; i < r.comparisons.size(); ++i)
      os << (i ? " && " : "") << secco_comparison(r.comparisons[i]);
    os << "\n";
  }
  return os.str();
}

// The same policy through libseccomp; nullopt and `error` set if libseccomp refuses it.
inline std::optional<bpf::Program> libseccomp_program(const PolicySpec& p, std::string& error) {
  scmp_filter_ctx ctx = seccomp_init(p.default_action);
  if (ctx == nullptr) {
    error = "seccomp_init failed";
    return std::nullopt;
  }
  std::optional<bpf::Program> out;
  int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, p.libseccomp_binary_tree ? 2 : 1);
  for (const RuleSpec& r : p.rules) {
    if (rc != 0) break;
    std::vector<scmp_arg_cmp> cmps;
    for (const Comparison& c : r.comparisons) cmps.push_back(scmp_arg_cmp{c.arg, c.op, c.a, c.b});
    rc = seccomp_rule_add_exact_array(ctx, r.action, static_cast<int>(r.nr), static_cast<unsigned>(cmps.size()),
                                      cmps.data());
    if (rc != 0) error = "seccomp_rule_add_exact_array(" + r.name + ") failed: " + std::to_string(rc);
  }
  if (rc == 0) {
    int fd = ::memfd_create("secco-difftest", 0);
    if (fd < 0) {
      error = "memfd_create failed";
    } else {
      rc = seccomp_export_bpf(ctx, fd);
      if (rc != 0) error = "seccomp_export_bpf failed: " + std::to_string(rc);
      off_t size = ::lseek(fd, 0, SEEK_END);
      std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
      if (rc == 0 && ::pread(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()))
        out = bpf::load_raw(bytes, error);
      ::close(fd);
    }
  }
  seccomp_release(ctx);
  return out;
}

inline std::optional<bpf::Program> secco_program(const PolicySpec& p, const std::string& text, std::string& error) {
  api::Settings settings;
  settings.opt_level = p.opt_level;
  api::Compilation c(settings);
  c.add_text("difftest.secco", text);
  std::optional<bpf::Program> program = c.compile();
  if (!program) {
    std::ostringstream os;
    c.render_diagnostics(os);
    error = os.str();
  }
  return program;
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  PolicySpec policy() {
    PolicySpec p;
    p.default_action = action();
    p.opt_level = pick(3) == 0 ? 0 : 2;
    p.libseccomp_binary_tree = pick(2) == 0;
    const auto& calls = Target::default_target().syscalls();
    const std::size_t count = 1 + pick(pick(4) == 0 ? 40 : 8);
    std::vector<std::size_t> chosen;
    while (chosen.size() < count) {
      std::size_t i = pick(calls.size());
      if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) chosen.push_back(i);
    }
    for (std::size_t i : chosen) {
      RuleSpec r;
      r.name = std::string(calls[i].name);
      r.nr = calls[i].nr;
      do r.action = action();
      while (r.action == p.default_action);
      r.return_form = pick(2) == 0;
      if (pick(4) != 0) {
        std::vector<unsigned> args{0, 1, 2, 3, 4, 5};
        std::shuffle(args.begin(), args.end(), rng_);
        const std::size_t n = 1 + pick(pick(3) == 0 ? 6 : 2);
        for (std::size_t k = 0; k < n; ++k) r.comparisons.push_back(comparison(args[k]));
      }
      p.rules.push_back(std::move(r));
    }
    return p;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::uint32_t action() {
    const std::uint32_t data =
        pick(4) == 0 ? static_cast<std::uint32_t>(pick(65536)) : static_cast<std::uint32_t>(pick(40));
    switch (pick(7)) {
      case 0:
        return SCMP_ACT_ALLOW;
      case 1:
        return SCMP_ACT_KILL_THREAD;
      case 2:
        return SCMP_ACT_KILL_PROCESS;
      case 3:
        return SCMP_ACT_TRAP;  // libseccomp's trap takes no data (it refuses TRAP | N)
      case 4:
        return SCMP_ACT_LOG;
      case 5:
        return SCMP_ACT_TRACE(data);
      default:
        return SCMP_ACT_ERRNO(data % 4095);  // libseccomp refuses errno values from 4095 on
    }
  }

  std::uint64_t constant() {
    static const std::uint64_t edges[] = {0,           1,           2,
                                          0x7fffffff,  0x80000000,  0xffffffff,
                                          0x100000000, 0x100000001, 0x8000000000000000u,
                                          ~0ull,       0xffffff9c,  0xffffffffffffff9cull};
    switch (pick(5)) {
      case 0:
        return edges[pick(std::size(edges))];
      case 1:
        return pick(300);
      case 2:
        return rng_() & 0xffffffffu;
      case 3:
        return rng_() | 0xffffffff00000000ull;  // a sign-extended 32-bit value
      default:
        return rng_();
    }
  }

  Comparison comparison(unsigned arg) {
    static const scmp_compare ops[] = {SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT,       SCMP_CMP_LE,
                                       SCMP_CMP_GT, SCMP_CMP_GE, SCMP_CMP_MASKED_EQ};
    Comparison c;
    c.arg = arg;
    c.op = ops[pick(std::size(ops))];
    c.a = constant();
    if (c.op == SCMP_CMP_MASKED_EQ) c.b = pick(3) == 0 ? constant() : (constant() & c.a);
    return c;
  }

  std::mt19937_64 rng_;
};

// Candidate values for an argument: the boundaries plus each relevant constant +-1.
inline std::vector<std::uint64_t> candidates(const RuleSpec* rule, unsigned arg) {
  std::vector<std::uint64_t> v{0,           1,           0x7fffffff,          0x80000000, 0xffffffff,
                               0x100000000, 0x100000001, 0x8000000000000000u, ~0ull};
  if (rule != nullptr) {
    for (const Comparison& c : rule->comparisons) {
      if (c.arg != arg) continue;
      for (std::uint64_t k : {c.a, c.b}) {
        v.push_back(k);
        v.push_back(k + 1);
        v.push_back(k - 1);
      }
      if (c.op == SCMP_CMP_MASKED_EQ) v.push_back(c.b | ~c.a);
    }
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// A value of `arg` that satisfies the rule's comparison on it (0 if it has none or none exists).
inline std::uint64_t satisfying(const RuleSpec& rule, unsigned arg) {
  for (const Comparison& c : rule.comparisons) {
    if (c.arg != arg) continue;
    switch (c.op) {
      case SCMP_CMP_EQ:
        return c.a;
      case SCMP_CMP_NE:
        return c.a + 1;
      case SCMP_CMP_LT:
        return c.a - 1;  // none exists for a = 0
      case SCMP_CMP_LE:
        return c.a;
      case SCMP_CMP_GT:
        return c.a + 1;  // none exists for a = 2^64-1
      case SCMP_CMP_GE:
        return c.a;
      case SCMP_CMP_MASKED_EQ:
        return c.b;
      default:
        return 0;
    }
  }
  return 0;
}

class Runner {
 public:
  // Compares both programs of one policy. Returns false if either tool refused the policy (a
  // setup failure, reported in `error`; not a mismatch).
  bool run(const PolicySpec& p, Stats& stats, std::string& error) {
    const std::string text = secco_text(p);
    std::optional<bpf::Program> ours = secco_program(p, text, error);
    if (!ours) {
      error = "secco refused:\n" + text + error;
      return false;
    }
    std::optional<bpf::Program> theirs = libseccomp_program(p, error);
    if (!theirs) {
      error = "libseccomp refused:\n" + text + error;
      return false;
    }
    std::optional<runtime::Emulator> ours_emu = runtime::Emulator::create(*ours, error);
    std::optional<runtime::Emulator> theirs_emu = runtime::Emulator::create(*theirs, error);
    if (!ours_emu || !theirs_emu) {
      error = "a program failed the checker:\n" + text + error;
      return false;
    }
    ++stats.policies;
    text_ = &text;
    stats_ = &stats;
    ours_ = &*ours_emu;
    theirs_ = &*theirs_emu;

    std::uint32_t max_nr = 0;
    for (const SyscallEntry& e : Target::default_target().syscalls()) max_nr = std::max(max_nr, e.nr);
    std::vector<std::uint32_t> nrs;
    for (std::uint32_t nr = 0; nr <= max_nr + 10; ++nr) nrs.push_back(nr);
    nrs.push_back(0xffffffffu);

    for (std::uint32_t nr : nrs) {
      const RuleSpec* rule = nullptr;
      for (const RuleSpec& r : p.rules)
        if (r.nr == nr) rule = &r;
      SeccompData d;
      d.nr = nr;
      d.arch = kArchX86_64;
      if (rule == nullptr) {
        // No rule: the arguments cannot matter; two vectors suffice.
        compare(d);
        d.args.fill(~0ull);
        compare(d);
        continue;
      }
      // All arguments satisfying, then each argument swept over its candidates.
      for (unsigned i = 0; i < 6; ++i) d.args[i] = satisfying(*rule, i);
      const SeccompData base = d;
      compare(d);
      for (unsigned i = 0; i < 6; ++i) {
        for (std::uint64_t v : candidates(rule, i)) {
          d = base;
          d.args[i] = v;
          compare(d);
        }
      }
      // And some mixed vectors.
      std::mt19937_64 rng(nr);
      std::vector<std::vector<std::uint64_t>> per_arg;
      for (unsigned i = 0; i < 6; ++i) per_arg.push_back(candidates(rule, i));
      for (int k = 0; k < 32; ++k) {
        for (unsigned i = 0; i < 6; ++i) d.args[i] = per_arg[i][rng() % per_arg[i].size()];
        compare(d);
      }
    }
    // Foreign architectures: the bad-architecture action (kill_thread) in both.
    for (std::uint32_t arch : {kArchI386, kArchAarch64, 0u, 0xffffffffu}) {
      for (std::uint32_t nr : {0u, 1u, 59u, 0xffffffffu, 0x40000000u}) {
        SeccompData d;
        d.arch = arch;
        d.nr = nr;
        compare(d);
      }
    }
    // x32 numbers: secco alone, which must apply the wrong-architecture action (kill_thread).
    for (std::uint32_t nr : {0x40000000u, 0x40000001u, 0x4000003bu, 0x7fffffffu, 0x80000000u, 0xfffffffeu}) {
      SeccompData d;
      d.arch = kArchX86_64;
      d.nr = nr;
      ++stats.probes;
      const std::uint32_t got = ours_->run(d).value;
      if (got != SCMP_ACT_KILL_THREAD)
        record("x32 number " + hex(nr) + " gave " + hex(got) + " in secco, not kill_thread");
    }
    return true;
  }

 private:
  void compare(const SeccompData& d) {
    ++stats_->probes;
    const std::uint32_t a = ours_->run(d).value;
    const std::uint32_t b = theirs_->run(d).value;
    if (a == b) return;
    std::ostringstream os;
    os << "nr=" << d.nr << " arch=" << hex(d.arch) << " args=";
    for (std::uint64_t v : d.args) os << hex(v) << ' ';
    os << ": secco " << hex(a) << ", libseccomp " << hex(b);
    record(os.str());
  }

  void record(const std::string& what) {
    ++stats_->mismatches;
    if (stats_->first_mismatches.size() < 5) stats_->first_mismatches.push_back({*text_ + what});
  }

  const std::string* text_ = nullptr;
  Stats* stats_ = nullptr;
  const runtime::Emulator* ours_ = nullptr;
  const runtime::Emulator* theirs_ = nullptr;
};

}  // namespace secco::difftest
