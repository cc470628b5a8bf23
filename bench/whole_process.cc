// Whole-process compile time: each compiler spawned as a user runs it, output to /dev/null.
// CPU time is the child's user + system time (wait4's rusage), wall time is fork to reaped exit;
// both are minima over the repetitions, after one untimed run (page cache): on a shared machine the
// least-disturbed run is the stable figure, and both compilers are measured the same way.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "extra_measures.h"

namespace secco::bench {
namespace {

struct Times {
  bool ok = false;
  double cpu_ms = 0;
  double wall_ms = 0;
};

double minimum(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// One run; false when it could not start or did not exit 0.
bool run_once(const std::vector<std::string>& argv, double& cpu_ms, double& wall_ms) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage ru {};
  while (::wait4(pid, &status, 0, &ru) < 0) {
  }
  auto t1 = std::chrono::steady_clock::now();
  wall_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

Times measure(const std::vector<std::string>& argv, int reps) {
  Times t;
  double cpu = 0, wall = 0;
  if (!run_once(argv, cpu, wall)) return t;
  std::vector<double> cpus, walls;
  for (int i = 0; i < reps; ++i) {
    if (!run_once(argv, cpu, wall)) return t;
    cpus.push_back(cpu);
    walls.push_back(wall);
  }
  t.ok = true;
  t.cpu_ms = minimum(cpus);
  t.wall_ms = minimum(walls);
  return t;
}

std::string ms(const Times& t) {
  if (!t.ok) return "failed | failed";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f | %.2f", t.cpu_ms, t.wall_ms);
  return buf;
}

std::string ratio(double a, double b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", b > 0 ? a / b : 0.0);
  return buf;
}

}  // namespace

std::string whole_process_report(const ProcessOptions& o, const std::vector<std::string>& policies) {
  std::ostringstream out;
  out << "### Whole-process compile time (ms, minimum of " << o.reps << " runs)\n\n";
  // secco's default compile is translation-validated; --no-validate shows what validation costs.
  out << "| policy | secco CPU | secco wall | secco --no-validate CPU | wall | libseccomp -O1 CPU | -O1 wall "
         "| libseccomp -O2 CPU | -O2 wall | secco / faster libseccomp, CPU | wall | --no-validate, CPU |\n";
  out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  Times version = measure({o.secco, "--version"}, o.reps);
  out << "| (`secco --version`) | " << ms(version) << " | | | | | | | | | |\n";
  for (const std::string& p : policies) {
    const std::string policy = o.policy_dir + "/" + p + ".secco";
    Times s = measure({o.secco, "compile", policy, "-o", "/dev/null"}, o.reps);
    Times nv = measure({o.secco, "compile", "--no-validate", policy, "-o", "/dev/null"}, o.reps);
    std::string lsc = o.lsc_dir + "/lsc_" + p;
    Times l1 = measure({lsc, "-O", "1", "-o", "/dev/null"}, o.reps);
    Times l2 = measure({lsc, "-O", "2", "-o", "/dev/null"}, o.reps);
    out << "| " << p << " | " << ms(s) << " | " << ms(nv) << " | " << ms(l1) << " | " << ms(l2) << " | ";
    if (s.ok && nv.ok && l1.ok && l2.ok) {
      const double best_cpu = std::min(l1.cpu_ms, l2.cpu_ms);
      out << ratio(s.cpu_ms, best_cpu) << " | " << ratio(s.wall_ms, std::min(l1.wall_ms, l2.wall_ms)) << " | "
          << ratio(nv.cpu_ms, best_cpu) << " |\n";
    } else {
      out << " | | |\n";
    }
  }
  out << '\n';
  return out.str();
}

}  // namespace secco::bench
