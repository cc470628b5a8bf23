// The dispatch tree's guarantees at -O2: with any profile (the built-in one, a skewed one, none)
// no system call number is tested deeper than a balanced tree's depth + 2, at every size; every
// argument-free allowed call is decidable from the number alone (the kernel's constant-action
// cache, checked with an abstract walk written here, independent of the emulator and backend);
// deep run-time expressions compile within the 16 scratch words (Sethi-Ullman order).
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "runtime/emulator.h"
#include "support/seccomp_data.h"
#include "target/target.h"

namespace {

using secco::SeccompData;
namespace op = secco::bpf::op;

constexpr std::uint32_t kArch = 0xc000003eU;
constexpr std::uint32_t kAllow = 0x7fff0000U;

enum class Prof { Builtin, None, Skewed };

std::optional<secco::bpf::Program> compile(const std::string& policy, Prof prof) {
  secco::api::Settings s;
  if (prof == Prof::None) s.default_profile = false;
  if (prof == Prof::Skewed) {
    // All weight on one call: everything else is "rare".
    secco::backend::Profile p;
    p.weight[0] = 1e9;
    s.profile = p;
  }
  secco::api::Compilation c(s);
  c.add_text("p.secco", policy);
  auto prog = c.compile();
  if (!prog) {
    std::ostringstream os;
    c.render_diagnostics(os);
    FAIL_CHECK(os.str());
  }
  return prog;
}

SeccompData call(std::uint32_t nr) {
  SeccompData d;
  d.arch = kArch;
  d.nr = nr;
  return d;
}

// What the kernel's seccomp_cache_prepare() does for one (arch, nr): run the filter with the
// arguments unknown; only loads of nr and arch, constant jumps and `ret K` keep it decidable.
// `tests` counts the conditional jumps taken until the walk stops (at a `ret` or an argument load):
// the architecture check plus the depth of the dispatch tree.
std::optional<std::uint32_t> constant_action(const secco::bpf::Program& p, std::uint32_t nr, unsigned* tests = nullptr);

struct Walk {
  std::optional<std::uint32_t> action;
  unsigned tests = 0;
};

Walk walk(const secco::bpf::Program& p, std::uint32_t nr) {
  Walk w;
  w.action = constant_action(p, nr, &w.tests);
  return w;
}

std::optional<std::uint32_t> constant_action(const secco::bpf::Program& p, std::uint32_t nr, unsigned* tests) {
  std::uint32_t a = 0;
  unsigned dummy = 0;
  if (tests == nullptr) tests = &dummy;
  for (std::size_t pc = 0; pc < p.size(); ++pc) {
    const secco::bpf::Insn& i = p[pc];
    switch (i.code) {
      case op::LD | op::W | op::ABS:
        if (i.k == 0)
          a = nr;
        else if (i.k == 4)
          a = kArch;
        else
          return std::nullopt;
        break;
      case op::JMP | op::JA:
        pc += i.k;
        break;
      case op::JMP | op::JEQ | op::K:
        ++*tests;
        pc += a == i.k ? i.jt : i.jf;
        break;
      case op::JMP | op::JGT | op::K:
        ++*tests;
        pc += a > i.k ? i.jt : i.jf;
        break;
      case op::JMP | op::JGE | op::K:
        ++*tests;
        pc += a >= i.k ? i.jt : i.jf;
        break;
      case op::JMP | op::JSET | op::K:
        ++*tests;
        pc += (a & i.k) != 0 ? i.jt : i.jf;
        break;
      case op::RET | op::K:
        return i.k;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

// An allow-list of `count` calls, every `stride`-th number, each with an argument check when
// `args`: many ranges of distinct outcomes.
// x86_64 numbers are dense from 0 to 334: every number up to there has a name.
std::string allow_list(unsigned count, unsigned stride, bool args) {
  const secco::Target* t = secco::Target::find("x86_64");
  std::string s = "DEFAULT_POLICY = errno(1)\n";
  for (unsigned i = 0; i < count; ++i) {
    auto name = t->syscall_name(i * stride);
    REQUIRE(name);
    s += std::string(*name) + ": ";
    s += args ? "argL0 == " + std::to_string(i + 1) + "\n" : "1\n";
  }
  return s;
}

unsigned ceil_log2(std::size_t n) {
  unsigned d = 0;
  while ((std::size_t{1} << d) < n) ++d;
  return d;
}

}  // namespace

TEST_CASE("no call is tested deeper than a balanced tree + 2, whatever the profile") {
  for (unsigned count : {3U, 10U, 40U, 100U, 160U}) {
    for (Prof prof : {Prof::Builtin, Prof::None, Prof::Skewed}) {
      std::string policy = allow_list(count, 2, false);
      auto p = compile(policy, prof);
      REQUIRE(p);
      secco::runtime::Emulator emu(*p);
      // Decisions over every number in order; runs of one decision are the dispatch's ranges.
      std::vector<std::uint32_t> nrs;
      for (std::uint32_t nr = 0; nr <= 2 * count + 2; ++nr) nrs.push_back(nr);
      nrs.push_back(0x40000000U);  // x32
      nrs.push_back(0xffffffffU);
      std::size_t ranges = 0, worst = 0;
      std::uint32_t last = 0;
      for (std::size_t i = 0; i < nrs.size(); ++i) {
        auto r = emu.run(call(nrs[i]));
        if (i == 0 || r.value != last) ++ranges;
        last = r.value;
        Walk w = walk(*p, nrs[i]);
        CHECK(w.action == r.value);
        worst = std::max<std::size_t>(worst, w.tests - 1);  // less the architecture check
      }
      CAPTURE(count);
      CAPTURE(static_cast<int>(prof));
      CHECK(worst <= ceil_log2(ranges) + 2);
      if (prof == Prof::None) CHECK(worst <= ceil_log2(ranges));
    }
  }
}

TEST_CASE("large policies with argument checks keep the depth bound") {
  std::string policy = allow_list(300, 1, true);  // numbers 0..299
  for (Prof prof : {Prof::Builtin, Prof::Skewed}) {
    auto p = compile(policy, prof);
    REQUIRE(p);
    // Every rule's entry is its own range (plus the rest, x32 and -1): 300 + 3 ranges at most.
    // The walk stops at the rule's argument load, after the architecture check and the tree.
    std::size_t worst = 0;
    for (std::uint32_t nr : {0U, 1U, 17U, 150U, 298U, 299U, 300U, 1000U, 0x40000000U, 0xffffffffU}) {
      Walk w = walk(*p, nr);
      worst = std::max<std::size_t>(worst, w.tests - 1);
    }
    for (std::uint32_t nr = 0; nr < 300; ++nr) worst = std::max<std::size_t>(worst, walk(*p, nr).tests - 1);
    CHECK(worst <= ceil_log2(303) + 2);
  }
}

TEST_CASE("every argument-free allowed call is decidable from the number alone") {
  for (const char* name : {"docker-default", "systemd-service", "small-server", "blacklist"}) {
    std::ifstream in(std::string(SECCO_SOURCE_DIR) + "/test/golden/policies/" + name + ".secco");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    for (Prof prof : {Prof::Builtin, Prof::None}) {
      secco::api::Settings s;
      s.default_profile = prof == Prof::Builtin;
      secco::api::Compilation c(s);
      c.add_text(std::string(name) + ".secco", text.str());
      auto p = c.compile();
      REQUIRE(p);
      // Calls whose rule reads no argument (or that no rule names).
      std::vector<bool> reads_args(512, false);
      for (const secco::ir::Rule& r : c.module().rules) {
        if (r.nr >= reads_args.size()) continue;
        for (secco::ir::ValueId v = 0; v < r.body.value_count(); ++v) {
          auto o = r.body.value(v).op;
          if (o == secco::ir::Opcode::ArgLow || o == secco::ir::Opcode::ArgHigh || o == secco::ir::Opcode::ArgFull)
            reads_args[r.nr] = true;
        }
      }
      secco::runtime::Emulator emu(*p);
      std::size_t allowed = 0, cached = 0;
      for (std::uint32_t nr = 0; nr < reads_args.size(); ++nr) {
        if (reads_args[nr] || emu.run(call(nr)).value != kAllow) continue;
        ++allowed;
        auto k = constant_action(*p, nr);
        if (k && *k == kAllow) ++cached;
      }
      CAPTURE(name);
      CHECK(allowed > 0);
      CHECK(cached == allowed);
    }
  }
}

TEST_CASE("deep run-time expressions need one scratch word per level of real nesting") {
  // argL1 + (argL1 + (... + argL0)), 15 deep, and its mirror image; also with % and -.
  for (const char* opname : {"+", "-", "%", "*"}) {
    std::string right = "argL0", left = "argL0";
    for (int i = 0; i < 15; ++i) {
      right = "argL1 " + std::string(opname) + " (" + right + ")";
      left = "(" + left + ") " + std::string(opname) + " argL1";
    }
    for (const std::string& e : {right, left}) {
      std::string policy = "DEFAULT_POLICY = errno(1)\nread: " + e + " == 12345\n";
      CAPTURE(policy);
      for (int level = 0; level <= 2; ++level) {
        secco::api::Settings s;
        s.opt_level = level;
        secco::api::Compilation c(s);
        c.add_text("p.secco", policy);
        auto p = c.compile();
        std::ostringstream os;
        c.render_diagnostics(os);
        CAPTURE(os.str());
        REQUIRE(p);
        // The emulator agrees with a direct evaluation of the expression on a few arguments.
        secco::runtime::Emulator emu(*p);
        for (std::uint32_t a0 : {0U, 7U, 12345U, 0xffffffffU}) {
          for (std::uint32_t a1 : {1U, 3U, 0x80000000U}) {
            std::uint32_t vr = a0, vl = a0;
            bool traps = false;
            const bool is_right = e == right;
            for (int i = 0; i < 15; ++i) {
              auto apply = [&](std::uint32_t x, std::uint32_t y) -> std::uint32_t {
                switch (opname[0]) {
                  case '+':
                    return x + y;
                  case '-':
                    return x - y;
                  case '*':
                    return x * y;
                  default:
                    if (y == 0) traps = true;
                    return y == 0 ? 0 : x % y;
                }
              };
              if (is_right)
                vr = apply(a1, vr);
              else
                vl = apply(vl, a1);
            }
            std::uint32_t v = is_right ? vr : vl;
            SeccompData d = call(0);
            d.args = {a0, a1, 0, 0, 0, 0};
            std::uint32_t got = emu.run(d).value;
            CAPTURE(a0);
            CAPTURE(a1);
            // A false body and a trap both give the default-negative action, kill_thread (0).
            CHECK(got == (v == 12345U && !traps ? kAllow : 0U));
          }
        }
      }
    }
  }
}
