// secco_bench: secco against libseccomp on the benchmark policies (../shared/bench).
//
// For every policy P (P.secco, and P.c, its libseccomp form) it builds six programs:
//   libseccomp -O1 and -O2    by running the lsc_P exporter built from P.c at build time,
//   secco -O0, -O1            through api::Compilation, as `secco compile` does,
//   secco -O2 --profile none  a balanced dispatch tree,
//   secco -O2                 the default: the built-in profile (backend/default-profile.txt,
//                             recorded on other workloads than syscall-weights.txt),
//   secco -O2 --profile       syscall-weights.txt itself as the dispatch profile: the best tree
//                             for the weights the mean is measured with (the reference "optimum"),
// and reports, per program: its length; instructions executed per system call (runtime::Emulator's
// step count, the return included) as a mean weighted by syscall-weights.txt with zero arguments,
// and as the worst case over every probe; and the median compile time. Compile times are taken
// in-process for both compilers (secco: policy text to raw bytes through the library; libseccomp:
// the policy's own main() linked in, seccomp_init .. seccomp_export_bpf to /dev/null), so neither
// pays for process start-up or file reading; Google Benchmark does the repetitions.
//
// Sanity gate: every program must make the same decision (the same 32-bit return value) as
// libseccomp -O1 on every probe: system call numbers 0..500, x32 numbers, -1 and other large
// numbers, a foreign architecture, and for each system call with argument rules the cross product
// of boundary values of the constants its rule compares with. A mismatch is printed loudly and makes
// the exit status 1; it is a bug in one of the two compilers (or a difference between the forms).
//
// Usage: secco_bench [--policies DIR] [--lsc-dir DIR] [--only NAME]... [--reps N] [--min-time S]
//                    [--no-time] [--markdown FILE] [--secco BIN] [--process-reps N] [--no-process]
//                    [--no-fit] [--fit-policy KIND:N]
//   --fit-policy KIND:N  prints the largest-fit benchmark's policy of kind checks|eq|in and size N
// It also reports whole-process compile time and the largest policy that fits in 4,096
// instructions (extra_measures.h).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "backend/profile.h"
#include "bpf/raw.h"
#include "extra_measures.h"
#include "ir/module.h"
#include "lsc_entries.h"
#include "runtime/emulator.h"
#include "support/seccomp_data.h"

namespace {

using secco::SeccompData;
using secco::bpf::Program;

constexpr std::uint32_t kAuditArchX86_64 = 0xc000003eU;
constexpr std::uint32_t kAuditArchI386 = 0x40000003U;
constexpr std::uint32_t kX32Bit = 0x40000000U;

struct Options {
  std::string policy_dir = SECCO_BENCH_POLICY_DIR;
  std::string lsc_dir = SECCO_BENCH_LSC_DIR;
  std::vector<std::string> only;
  int reps = 9;
  double min_time = 0.05;
  bool time = true;
  std::string markdown;
  std::string secco = SECCO_BENCH_SECCO;
  int process_reps = 21;
  bool process = true;
  bool fit = true;
};

enum class Compiler { Libseccomp, Secco };

struct Config {
  const char* label;
  Compiler compiler;
  int level;
  enum Profile { Builtin, Measured, None } profile;
};

const Config kConfigs[] = {
    {"libseccomp -O1", Compiler::Libseccomp, 1, Config::None},
    {"libseccomp -O2", Compiler::Libseccomp, 2, Config::None},
    {"secco -O0", Compiler::Secco, 0, Config::None},
    {"secco -O1", Compiler::Secco, 1, Config::None},
    {"secco -O2 --profile none", Compiler::Secco, 2, Config::None},
    {"secco -O2", Compiler::Secco, 2, Config::Builtin},
    {"secco -O2 --profile", Compiler::Secco, 2, Config::Measured},
};
constexpr std::size_t kDefaultSecco = 5;   // what `secco compile` does
constexpr std::size_t kMeasuredSecco = 6;  // the tree optimised for the measuring weights
constexpr std::size_t kConfigCount = sizeof kConfigs / sizeof kConfigs[0];

struct Measure {
  bool ok = false;
  std::string error;
  Program program;
  double weighted_mean = 0;
  std::size_t worst = 0;
  std::size_t x32_steps = 0;
  std::size_t minus_one_steps = 0;
  double compile_us = std::numeric_limits<double>::quiet_NaN();
  std::size_t mismatches = 0;
};

struct PolicyResult {
  std::string name;
  std::size_t probes = 0;
  Measure m[kConfigCount];
};

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "secco_bench: " << msg << '\n';
  std::exit(2);
}

std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs argv[0] (a path) with the arguments; true when it exits 0.
bool run_command(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    ::execv(args[0], args.data());
    std::perror(args[0]);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

secco::api::Settings secco_settings(const Config& c, const secco::backend::Profile& profile) {
  secco::api::Settings s;
  s.opt_level = c.level;
  if (c.profile == Config::Measured) s.profile = profile;
  if (c.profile == Config::None) s.default_profile = false;
  return s;
}

// --- probes -------------------------------------------------------------------------------------

// Candidate values for one argument of a rule comparing with `consts` (32-bit halves after split64).
std::vector<std::uint64_t> arg_candidates(const std::set<std::uint64_t>& consts) {
  std::set<std::uint32_t> lows = {0, 1, 0x7fffffffU, 0x80000000U, 0xffffffffU};
  for (std::uint64_t c64 : consts) {
    auto c = static_cast<std::uint32_t>(c64);
    lows.insert({c, c - 1, c + 1, c & (0U - c), ~c});
  }
  std::vector<std::uint64_t> out;
  for (std::uint64_t high : {0ULL, 1ULL, 0xffffffffULL})
    for (std::uint32_t low : lows) out.push_back(high << 32 | low);
  return out;
}

std::vector<SeccompData> make_probes(const secco::ir::Module& m) {
  // Per system call with argument rules: the arguments read and the constants compared with.
  struct ArgUse {
    std::set<unsigned> args;
    std::set<std::uint64_t> consts;
  };
  std::map<std::uint32_t, ArgUse> uses;
  for (const secco::ir::Rule& r : m.rules) {
    ArgUse u;
    for (secco::ir::ValueId v = 0; v < r.body.value_count(); ++v) {
      const secco::ir::Value& x = r.body.value(v);
      using secco::ir::Opcode;
      if (x.op == Opcode::ArgLow || x.op == Opcode::ArgHigh || x.op == Opcode::ArgFull)
        u.args.insert(static_cast<unsigned>(x.imm));
      else if (x.op == Opcode::Const)
        u.consts.insert(x.imm);
    }
    if (!u.args.empty()) {
      ArgUse& into = uses[r.nr];
      into.args.insert(u.args.begin(), u.args.end());
      into.consts.insert(u.consts.begin(), u.consts.end());
    }
  }
  std::vector<std::uint32_t> nrs;
  for (std::uint32_t nr = 0; nr <= 500; ++nr) nrs.push_back(nr);
  for (std::uint32_t nr : {501U, 1000U, 0x3fffffffU, 0x7fffffffU, 0x80000000U, 0xfffffffeU, 0xffffffffU})
    nrs.push_back(nr);
  for (std::uint32_t nr : {0U, 1U, 59U, 231U, 500U, 0x3fffffffU}) nrs.push_back(kX32Bit | nr);

  std::vector<SeccompData> probes;
  std::uint64_t lcg = 0x9e3779b97f4a7c15ULL;
  for (std::uint32_t nr : nrs) {
    SeccompData d;
    d.arch = kAuditArchX86_64;
    d.nr = nr;
    probes.push_back(d);
    auto it = uses.find(nr);
    if (it == uses.end()) continue;
    std::vector<std::uint64_t> cand = arg_candidates(it->second.consts);
    std::vector<unsigned> args(it->second.args.begin(), it->second.args.end());
    // The cross product over the arguments read, sampled when it would exceed the cap.
    constexpr std::uint64_t kCap = 60000;
    std::uint64_t total = 1;
    for (std::size_t i = 0; i < args.size() && total <= kCap; ++i) total *= cand.size();
    if (total <= kCap) {
      std::vector<std::size_t> idx(args.size(), 0);
      for (;;) {
        for (std::size_t i = 0; i < args.size(); ++i) d.args[args[i]] = cand[idx[i]];
        probes.push_back(d);
        std::size_t i = 0;
        while (i < idx.size() && ++idx[i] == cand.size()) idx[i++] = 0;
        if (i == idx.size()) break;
      }
    } else {
      for (std::uint64_t n = 0; n < kCap; ++n) {
        for (unsigned a : args) {
          lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
          d.args[a] = cand[(lcg >> 33) % cand.size()];
        }
        probes.push_back(d);
      }
    }
  }
  for (std::uint32_t nr : {0U, 2U, 59U, 0xffffffffU}) {
    SeccompData d;
    d.arch = kAuditArchI386;
    d.nr = nr;
    probes.push_back(d);
  }
  return probes;
}

// --- measuring ----------------------------------------------------------------------------------

std::optional<Program> libseccomp_program(const Options& o, const std::string& name, int level, const std::string& tmp,
                                          std::string& error) {
  std::string exe = o.lsc_dir + "/lsc_" + name;
  std::string out = tmp + "/" + name + ".O" + std::to_string(level) + ".bpf";
  if (!run_command({exe, "-O", std::to_string(level), "-o", out})) {
    error = exe + " -O " + std::to_string(level) + " failed";
    return std::nullopt;
  }
  auto bytes = slurp(out);
  if (!bytes) {
    error = "cannot read " + out;
    return std::nullopt;
  }
  return secco::bpf::load_raw(*bytes, error);
}

void evaluate(Measure& m, const std::vector<SeccompData>& probes, const secco::backend::Profile& profile,
              std::vector<std::uint32_t>* decisions, const std::vector<std::uint32_t>* reference,
              const std::string& label, std::ostream& err) {
  std::string error;
  auto emu = secco::runtime::Emulator::create(m.program, error);
  if (!emu) {
    m.ok = false;
    m.error = error;
    return;
  }
  double sum = 0, weight = 0;
  for (const auto& [nr, w] : profile.weight) {
    SeccompData d;
    d.arch = kAuditArchX86_64;
    d.nr = nr;
    sum += w * static_cast<double>(emu->run(d).steps);
    weight += w;
  }
  m.weighted_mean = weight > 0 ? sum / weight : 0;
  SeccompData d;
  d.arch = kAuditArchX86_64;
  d.nr = kX32Bit;
  m.x32_steps = emu->run(d).steps;
  d.nr = 0xffffffffU;
  m.minus_one_steps = emu->run(d).steps;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    secco::runtime::EmulatorResult r = emu->run(probes[i]);
    m.worst = std::max(m.worst, r.steps);
    if (decisions) decisions->push_back(r.value);
    if (reference && (*reference)[i] != r.value) {
      if (m.mismatches++ < 8) {
        const SeccompData& p = probes[i];
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "MISMATCH %s: arch=0x%08x nr=%u args=[0x%llx 0x%llx 0x%llx 0x%llx] libseccomp=0x%08x this=0x%08x",
                      label.c_str(), p.arch, p.nr, static_cast<unsigned long long>(p.args[0]),
                      static_cast<unsigned long long>(p.args[1]), static_cast<unsigned long long>(p.args[2]),
                      static_cast<unsigned long long>(p.args[3]), (*reference)[i], r.value);
        err << buf << '\n';
      }
    }
  }
}

// --- compile time -------------------------------------------------------------------------------

class MedianCollector : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      const std::string& name = r.run_name.function_name;
      if (r.error_occurred) {
        std::cerr << "secco_bench: " << name << ": " << r.error_message << '\n';
        continue;
      }
      bool single = r.run_type == Run::RT_Iteration && r.repetitions <= 1;
      if (single || (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median"))
        median_us[name] = r.GetAdjustedRealTime();
    }
  }
  std::map<std::string, double> median_us;
};

const LscEntry* lsc_entry(const std::string& name) {
  for (const LscEntry* e = kLscEntries; e->name != nullptr; ++e)
    if (name == e->name) return e;
  return nullptr;
}

void register_timings(const Options& o, const std::string& name, const std::string& text,
                      const secco::backend::Profile& profile, const PolicyResult& res) {
  for (std::size_t c = 0; c < kConfigCount; ++c) {
    const Config& cfg = kConfigs[c];
    if (!res.m[c].ok) continue;
    std::string id = name + "/" + cfg.label;
    benchmark::internal::Benchmark* b = nullptr;
    if (cfg.compiler == Compiler::Secco) {
      secco::api::Settings s = secco_settings(cfg, profile);
      b = benchmark::RegisterBenchmark(id.c_str(), [s, name, text](benchmark::State& st) {
        for (auto _ : st) {
          secco::api::Compilation comp(s);
          comp.add_text(name + ".secco", text);
          std::optional<Program> prog = comp.compile();
          if (!prog) {
            st.SkipWithError("secco failed");
            break;
          }
          std::string raw = secco::bpf::to_raw(*prog);
          benchmark::DoNotOptimize(raw.data());
        }
      });
    } else {
      const LscEntry* e = lsc_entry(name);
      if (e == nullptr) continue;  // not linked in: no timing
      int level = cfg.level;
      b = benchmark::RegisterBenchmark(id.c_str(), [e, level](benchmark::State& st) {
        std::string lv = std::to_string(level);
        for (auto _ : st) {
          std::string a0 = "lsc", a1 = "-O", a2 = lv, a3 = "-o", a4 = "/dev/null";
          char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), nullptr};
          optind = 0;  // glibc: re-initialise getopt for the next main()
          if (e->main(5, argv) != 0) {
            st.SkipWithError("libseccomp program failed");
            break;
          }
        }
      });
    }
    b->Unit(benchmark::kMicrosecond)->MinTime(o.min_time);
    if (o.reps > 1) b->Repetitions(o.reps)->ReportAggregatesOnly(true);
  }
}

// --- report -------------------------------------------------------------------------------------

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string report(const std::vector<PolicyResult>& results, const Options& o) {
  std::ostringstream out;
  for (const PolicyResult& p : results) {
    out << "### " << p.name << "\n\n";
    out << "| compiler | length | weighted mean | worst | x32 / -1 | compile time (µs, median) |\n";
    out << "|---|---:|---:|---:|---:|---:|\n";
    for (std::size_t c = 0; c < kConfigCount; ++c) {
      const Measure& m = p.m[c];
      out << "| " << kConfigs[c].label << " | ";
      if (!m.ok) {
        out << "failed: " << m.error << " | | | | |\n";
        continue;
      }
      out << m.program.size() << " | " << fixed(m.weighted_mean, 2) << " | " << m.worst << " | " << m.x32_steps << " / "
          << m.minus_one_steps << " | " << fixed(m.compile_us, 1) << " |\n";
    }
    // Ratios against the better libseccomp program for each metric.
    const Measure& l1 = p.m[0];
    const Measure& l2 = p.m[1];
    auto best = [&](auto get) {
      double v = std::numeric_limits<double>::infinity();
      if (l1.ok) v = std::min(v, get(l1));
      if (l2.ok) v = std::min(v, get(l2));
      return v;
    };
    double best_len = best([](const Measure& m) { return static_cast<double>(m.program.size()); });
    double best_mean = best([](const Measure& m) { return m.weighted_mean; });
    double best_worst = best([](const Measure& m) { return static_cast<double>(m.worst); });
    double best_time = best([](const Measure& m) { return std::isnan(m.compile_us) ? 1e300 : m.compile_us; });
    out << "\nsecco / best libseccomp:";
    for (std::size_t c : {kDefaultSecco, kMeasuredSecco}) {
      const Measure& s = p.m[c];
      if (!s.ok) continue;
      out << "\n- " << kConfigs[c].label << ": length " << fixed(static_cast<double>(s.program.size()) / best_len, 2)
          << ", weighted mean " << fixed(s.weighted_mean / best_mean, 2) << ", worst "
          << fixed(static_cast<double>(s.worst) / best_worst, 2);
      if (o.time && best_time < 1e300) out << ", compile time " << fixed(s.compile_us / best_time, 2);
    }
    if (p.m[kDefaultSecco].ok && p.m[kMeasuredSecco].ok)
      out << "\n- secco -O2 (built-in profile) / secco -O2 --profile (tree for the measuring weights): weighted mean "
          << fixed(p.m[kDefaultSecco].weighted_mean / p.m[kMeasuredSecco].weighted_mean, 3);
    out << "\n\n" << p.probes << " probes";
    std::size_t bad = 0;
    for (std::size_t c = 1; c < kConfigCount; ++c) bad += p.m[c].mismatches;
    if (bad == 0)
      out << ", every program makes libseccomp -O1's decision on each.\n\n";
    else
      out << ", **" << bad << " DECISION MISMATCHES** (see stderr).\n\n";
  }
  return out.str();
}

Options parse_args(int& argc, char** argv) {
  Options o;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--policies")
      o.policy_dir = value();
    else if (a == "--lsc-dir")
      o.lsc_dir = value();
    else if (a == "--only")
      o.only.push_back(value());
    else if (a == "--reps")
      o.reps = std::atoi(value().c_str());
    else if (a == "--min-time")
      o.min_time = std::atof(value().c_str());
    else if (a == "--no-time")
      o.time = false;
    else if (a == "--markdown")
      o.markdown = value();
    else if (a == "--secco")
      o.secco = value();
    else if (a == "--process-reps")
      o.process_reps = std::atoi(value().c_str());
    else if (a == "--no-process")
      o.process = false;
    else if (a == "--no-fit")
      o.fit = false;
    else if (a == "--fit-policy") {  // KIND:N, the generated policy's text on stdout
      std::string v = value();
      std::size_t colon = v.find(':');
      if (colon == std::string::npos) die("--fit-policy wants KIND:N");
      std::optional<std::string> text =
          secco::bench::largest_fit_policy(v.substr(0, colon), std::strtoul(v.c_str() + colon + 1, nullptr, 10));
      if (!text) die("--fit-policy: unknown kind " + v.substr(0, colon) + " (checks, eq, in)");
      std::cout << *text;
      std::exit(0);
    } else if (a == "-h" || a == "--help") {
      std::cout << "usage: secco_bench [--policies DIR] [--lsc-dir DIR] [--only NAME]... [--reps N] [--min-time S]\n"
                   "                   [--no-time] [--markdown FILE] [--secco BIN] [--process-reps N] [--no-process]\n"
                   "                   [--no-fit] [--fit-policy KIND:N] [--benchmark_* flags]\n";
      std::exit(0);
    } else {
      rest.push_back(argv[i]);
    }
  }
  for (std::size_t i = 0; i < rest.size(); ++i) argv[i] = rest[i];
  argc = static_cast<int>(rest.size());
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_args(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  auto weights_text = slurp(o.policy_dir + "/syscall-weights.txt");
  if (!weights_text) die("cannot read " + o.policy_dir + "/syscall-weights.txt");
  std::string perr;
  std::optional<secco::backend::Profile> profile = secco::backend::parse_profile(*weights_text, perr);
  if (!profile) die("syscall-weights.txt: " + perr);

  std::vector<std::string> names = o.only;
  if (names.empty())
    for (const LscEntry* e = kLscEntries; e->name != nullptr; ++e) names.emplace_back(e->name);
  std::sort(names.begin(), names.end());

  char tmpl[] = "/tmp/secco_bench-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) die("mkdtemp failed");
  std::string tmp = tmpl;

  std::vector<PolicyResult> results;
  std::map<std::string, std::string> texts;
  bool mismatch = false;
  for (const std::string& name : names) {
    PolicyResult res;
    res.name = name;
    auto text = slurp(o.policy_dir + "/" + name + ".secco");
    if (!text) die("cannot read " + o.policy_dir + "/" + name + ".secco");
    texts[name] = *text;
    std::optional<secco::ir::Module> module;
    for (std::size_t c = 0; c < kConfigCount; ++c) {
      const Config& cfg = kConfigs[c];
      Measure& m = res.m[c];
      std::optional<Program> prog;
      if (cfg.compiler == Compiler::Libseccomp) {
        prog = libseccomp_program(o, name, cfg.level, tmp, m.error);
      } else {
        secco::api::Compilation comp(secco_settings(cfg, *profile));
        comp.add_text(name + ".secco", *text);
        prog = comp.compile();
        if (!prog) {
          std::ostringstream diag;
          comp.render_diagnostics(diag);
          m.error = "secco failed";
          std::cerr << diag.str();
        } else if (!module) {
          module = comp.module();
        }
      }
      if (prog) {
        m.ok = true;
        m.program = std::move(*prog);
      }
    }
    if (!module) die(name + ": secco could not compile the policy");
    std::vector<SeccompData> probes = make_probes(*module);
    res.probes = probes.size();
    std::vector<std::uint32_t> reference;
    for (std::size_t c = 0; c < kConfigCount; ++c) {
      Measure& m = res.m[c];
      if (!m.ok) continue;
      bool is_ref = c == 0;
      evaluate(m, probes, *profile, is_ref ? &reference : nullptr, is_ref || reference.empty() ? nullptr : &reference,
               name + " " + kConfigs[c].label, std::cerr);
      if (m.mismatches != 0) {
        mismatch = true;
        std::cerr << "MISMATCH " << name << ": " << kConfigs[c].label << " differs from libseccomp -O1 on "
                  << m.mismatches << " of " << probes.size() << " probes\n";
      }
    }
    if (o.time) register_timings(o, name, *text, *profile, res);
    results.push_back(std::move(res));
  }

  if (o.time) {
    MedianCollector collector;
    benchmark::RunSpecifiedBenchmarks(&collector);
    for (PolicyResult& p : results)
      for (std::size_t c = 0; c < kConfigCount; ++c) {
        auto it = collector.median_us.find(p.name + "/" + kConfigs[c].label);
        if (it != collector.median_us.end()) p.m[c].compile_us = it->second;
      }
  }
  benchmark::Shutdown();

  std::string text = report(results, o);
  if (o.process) text += secco::bench::whole_process_report({o.secco, o.policy_dir, o.lsc_dir, o.process_reps}, names);
  if (o.fit) text += secco::bench::largest_fit_report();
  std::cout << text;
  if (!o.markdown.empty()) {
    std::ofstream md(o.markdown);
    md << text;
    if (!md) die("cannot write " + o.markdown);
  }
  std::string cleanup = tmp;
  for (const std::string& name : names)
    for (int level : {1, 2}) std::remove((tmp + "/" + name + ".O" + std::to_string(level) + ".bpf").c_str());
  ::rmdir(tmp.c_str());
  if (mismatch) {
    std::cerr << "secco_bench: DECISION MISMATCHES between secco and libseccomp (see above)\n";
    return 1;
  }
  return 0;
}
