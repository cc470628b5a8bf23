// Largest policy that fits in 4,096 instructions, per kind of generated policy. A policy of size n
// is n argument checks spread over the x86_64 system calls both compilers know (check i goes to
// call i mod S, on argument (i div S) mod 6 — several checks on one call are alternatives); the
// values come from a fixed hash of i, so a policy of size n+1 is the policy of size n plus one check.
//   checks   the calls362 kind: rotating `argA == K`, `argA < K` (K above 2^32), `(argLA & M) == 0`
//   eq       one 32-bit `argLA == K` per check: one jeq each
//   in       the args-heavy kind: 24-value `in(argLA, ...)` lists, one list per call and argument
// secco: `name: c1 || c2 ...` through api::Compilation at its defaults (what `secco compile` does);
// libseccomp: one rule per check through its API (seccomp_rule_add_exact_array), -O1 and -O2,
// exported to a memfd and counted. A binary search finds the largest n that fits.
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "bpf/program.h"
#include "extra_measures.h"
#include "target/target.h"

namespace secco::bench {
namespace {

constexpr std::size_t kLimit = 4096;
constexpr unsigned kListLength = 24;

enum class Kind { Checks, Eq, In };
enum class Form { Eq64, Lt64, MaskZero, EqLow };

struct Check {
  std::size_t call;  // index into the call list
  unsigned arg;
  Form form;
  std::uint64_t k;
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Check check(Kind kind, std::size_t i, std::size_t calls) {
  std::uint64_t h = mix(i * 3 + static_cast<std::uint64_t>(kind));
  if (kind == Kind::In) {
    std::size_t list = i / kListLength;
    return {list % calls, static_cast<unsigned>((list / calls) % 6), Form::EqLow, h & 0xffffffffU};
  }
  Check c{i % calls, static_cast<unsigned>((i / calls) % 6), Form::EqLow, h & 0xffffffffU};
  if (kind == Kind::Checks) {
    switch (i % 3) {
      case 0:
        c.form = Form::Eq64;
        break;
      case 1:
        c.form = Form::Lt64;
        c.k = (1ULL << 32) + (h & 0xffff);
        break;
      default:
        c.form = Form::MaskZero;
        c.k = 1ULL << (h % 31);
        break;
    }
  }
  return c;
}

struct Call {
  std::string name;
  int nr;
};

// x86_64 calls with the same number in secco's table and libseccomp's.
std::vector<Call> common_calls() {
  std::vector<Call> out;
  for (const SyscallEntry& e : Target::default_target().syscalls()) {
    std::string name(e.name);
    int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name.c_str());
    if (nr >= 0 && static_cast<std::uint32_t>(nr) == e.nr) out.push_back({name, nr});
  }
  return out;
}

std::string hex(std::uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string secco_text(Kind kind, std::size_t n, const std::vector<Call>& calls) {
  // Per call, its terms in order; an `in` list per (call, argument) for the In kind.
  std::map<std::size_t, std::vector<std::string>> terms;
  std::map<std::pair<std::size_t, unsigned>, std::vector<std::uint64_t>> lists;
  for (std::size_t i = 0; i < n; ++i) {
    Check c = check(kind, i, calls.size());
    std::string a = std::to_string(c.arg);
    switch (c.form) {
      case Form::Eq64:
        terms[c.call].push_back("arg" + a + " == " + hex(c.k));
        break;
      case Form::Lt64:
        terms[c.call].push_back("arg" + a + " < " + hex(c.k));
        break;
      case Form::MaskZero:
        terms[c.call].push_back("(argL" + a + " & " + hex(c.k) + ") == 0");
        break;
      case Form::EqLow:
        if (kind == Kind::In) {
          auto& l = lists[{c.call, c.arg}];
          if (l.empty()) terms[c.call].push_back("");  // placeholder, filled below
          l.push_back(c.k);
        } else {
          terms[c.call].push_back("argL" + a + " == " + hex(c.k));
        }
        break;
    }
  }
  std::string text = "DEFAULT_POSITIVE = allow\nDEFAULT_NEGATIVE = kill\nDEFAULT_POLICY = kill\n";
  for (auto& [call, ts] : terms) {
    unsigned next_arg = 0;
    text += calls[call].name + ": ";
    for (std::size_t t = 0; t < ts.size(); ++t) {
      if (t) text += " || ";
      if (ts[t].empty()) {
        std::string list = "in(argL" + std::to_string(next_arg);
        for (std::uint64_t v : lists[{call, next_arg}]) list += ", " + hex(v);
        ts[t] = list + ")";
        ++next_arg;
      }
      text += ts[t];
    }
    text += '\n';
  }
  return text;
}

// The program length, or 0 when secco refuses the policy (the first diagnostic into `why`).
std::size_t secco_length(Kind kind, std::size_t n, const std::vector<Call>& calls, std::string& why) {
  api::Compilation comp{api::Settings{}};
  comp.add_text("fit.secco", secco_text(kind, n, calls));
  std::optional<bpf::Program> prog = comp.compile();
  if (!prog) {
    std::ostringstream diag;
    comp.render_diagnostics(diag);
    why = diag.str().substr(0, diag.str().find('\n'));
    return 0;
  }
  return prog->size();
}

std::size_t libseccomp_length(Kind kind, std::size_t n, const std::vector<Call>& calls, int level, std::string& why) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL);
  if (ctx == nullptr || seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, static_cast<std::uint32_t>(level)) != 0) {
    why = "seccomp_init failed";
    if (ctx) seccomp_release(ctx);
    return 0;
  }
  std::size_t length = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Check c = check(kind, i, calls.size());
    scmp_arg_cmp cmp{};
    cmp.arg = c.arg;
    switch (c.form) {
      case Form::Eq64:
        cmp.op = SCMP_CMP_EQ;
        cmp.datum_a = c.k;
        break;
      case Form::Lt64:
        cmp.op = SCMP_CMP_LT;
        cmp.datum_a = c.k;
        break;
      case Form::MaskZero:
        cmp.op = SCMP_CMP_MASKED_EQ;
        cmp.datum_a = c.k;
        cmp.datum_b = 0;
        break;
      case Form::EqLow:
        cmp.op = SCMP_CMP_MASKED_EQ;
        cmp.datum_a = 0xffffffffULL;
        cmp.datum_b = c.k;
        break;
    }
    int rc = seccomp_rule_add_exact_array(ctx, SCMP_ACT_ALLOW, calls[c.call].nr, 1, &cmp);
    if (rc != 0) {
      why = "seccomp_rule_add: error " + std::to_string(-rc);
      seccomp_release(ctx);
      return 0;
    }
  }
  int fd = ::memfd_create("lsc-fit", 0);
  if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0)
    length = static_cast<std::size_t>(::lseek(fd, 0, SEEK_END)) / 8;
  else
    why = "seccomp_export_bpf failed";
  if (fd >= 0) ::close(fd);
  seccomp_release(ctx);
  return length;
}

struct Fit {
  std::size_t n = 0;       // largest size that fits
  std::size_t length = 0;  // its program length
  std::string why;         // why n + 1 does not
};

// Largest n with 0 < length(n) <= kLimit, by doubling then bisecting.
Fit largest(const std::function<std::size_t(std::size_t, std::string&)>& length_of) {
  Fit f;
  std::string why;
  auto fits = [&](std::size_t n, std::size_t& len) {
    len = length_of(n, why);
    if (len > kLimit) why = std::to_string(len) + " instructions";
    return len != 0 && len <= kLimit;
  };
  std::size_t lo = 0, lo_len = 0, hi = 64, len = 0;
  while (fits(hi, len)) {
    lo = hi;
    lo_len = len;
    hi *= 2;
    if (hi > (1u << 17)) return {lo, lo_len, "search cap"};
  }
  std::string hi_why = why;
  while (hi - lo > 1) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (fits(mid, len)) {
      lo = mid;
      lo_len = len;
    } else {
      hi = mid;
      hi_why = why;
    }
  }
  f.n = lo;
  f.length = lo_len;
  f.why = hi_why;
  return f;
}

}  // namespace

std::optional<std::string> largest_fit_policy(const std::string& kind, std::size_t n) {
  const std::map<std::string, Kind> kinds{{"checks", Kind::Checks}, {"eq", Kind::Eq}, {"in", Kind::In}};
  auto k = kinds.find(kind);
  if (k == kinds.end()) return std::nullopt;
  return secco_text(k->second, n, common_calls());
}

std::string largest_fit_report() {
  const std::vector<Call> calls = common_calls();
  std::ostringstream out;
  out << "### Largest policy that fits in 4,096 instructions (" << calls.size() << " x86_64 calls)\n\n";
  out << "| kind | secco (n / length) | libseccomp -O1 | libseccomp -O2 | secco / better libseccomp |\n";
  out << "|---|---:|---:|---:|---:|\n";
  const std::pair<Kind, const char*> kinds[] = {{Kind::Checks, "checks (calls362 kind: ==, < 2^32+K, mask)"},
                                                {Kind::Eq, "eq (one 32-bit `==` per check)"},
                                                {Kind::In, "in (24-value `in` lists)"}};
  for (const auto& [kind, label] : kinds) {
    Kind k = kind;
    Fit s = largest([&](std::size_t n, std::string& why) { return secco_length(k, n, calls, why); });
    Fit l1 = largest([&](std::size_t n, std::string& why) { return libseccomp_length(k, n, calls, 1, why); });
    Fit l2 = largest([&](std::size_t n, std::string& why) { return libseccomp_length(k, n, calls, 2, why); });
    std::size_t best = std::max(l1.n, l2.n);
    char r[32];
    std::snprintf(r, sizeof r, "%.2f", best ? static_cast<double>(s.n) / static_cast<double>(best) : 0.0);
    out << "| " << label << " | " << s.n << " / " << s.length << " | " << l1.n << " / " << l1.length << " | " << l2.n
        << " / " << l2.length << " | " << r << " |\n";
    std::cerr << "largest fit, " << label << ": secco n+1: " << s.why << "; libseccomp -O1 n+1: " << l1.why
              << "; -O2 n+1: " << l2.why << '\n';
  }
  out << "\n(n = argument checks; length = that program's instructions.)\n\n";
  return out.str();
}

}  // namespace secco::bench
