#include "semantics/solver.h"

#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "semantics/load_solver_module.h"
#include "semantics/solver_module.h"
#include "semantics/solver_process.h"

// Where the module lies, relative to the directory of the binary or library that holds the
// engine (set by CMake from the install layout): beside it in secco-modules/ (the build tree,
// and libsecco.so in <libdir>), or from <bindir> to <libdir>/secco-modules (the installed secco).
#ifndef SECCO_SOLVER_MODULE_NEAR
#define SECCO_SOLVER_MODULE_NEAR "secco-modules/secco-z3.so"
#endif
#ifndef SECCO_SOLVER_MODULE_FROM_BIN
#define SECCO_SOLVER_MODULE_FROM_BIN "../lib/secco-modules/secco-z3.so"
#endif

namespace secco::semantics {
namespace {

struct Loaded {
  const SeccoSolverModule* module = nullptr;
  std::string error;  // why not
};

std::atomic<bool> in_process_of_its_own{false};

std::mutex testing_mutex;
std::string& testing_path() {
  static std::string path;
  return path;
}

// The directory of the object this function is in (the secco executable, libsecco.so, or a
// program linking the engine statically). The main program's name from dladdr is argv[0], which
// its caller chooses; the kernel's /proc/self/exe is not.
std::string engine_directory(std::string& error) {
  Dl_info info{};
  link_map* map = nullptr;
  // dladdr1 finds nothing in a static executable: the engine is in the main program then.
  bool found = dladdr1(reinterpret_cast<void*>(&engine_directory), &info, reinterpret_cast<void**>(&map),
                       RTLD_DL_LINKMAP) != 0 &&
               map != nullptr;
  std::string file;
  if (!found || map->l_name == nullptr || map->l_name[0] == '\0') {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) {
      error = "cannot read /proc/self/exe";
      return "";
    }
    file.assign(buf, static_cast<std::size_t>(n));
  } else {
    char* real = realpath(map->l_name, nullptr);
    if (real == nullptr) {
      error = std::string("cannot resolve ") + map->l_name;
      return "";
    }
    file = real;
    free(real);
  }
  return file.substr(0, file.rfind('/') + 1);
}

Loaded load() {
  Loaded out;
  std::vector<std::string> candidates;
  {
    std::lock_guard<std::mutex> lock(testing_mutex);
    if (!testing_path().empty()) candidates.push_back(testing_path());
  }
  if (candidates.empty()) {
    std::string dir = engine_directory(out.error);
    if (dir.empty()) return out;
    candidates = {dir + SECCO_SOLVER_MODULE_NEAR};
    const std::string from_bin = SECCO_SOLVER_MODULE_FROM_BIN;
    candidates.push_back(from_bin.rfind('/', 0) == 0 ? from_bin : dir + from_bin);
  }
  if (in_process_of_its_own.load()) {
    // The same places, for the server that loads the module beside it.
    for (std::string& path : candidates) path = path.substr(0, path.rfind('/') + 1) + "secco-solver";
  }
  std::string tried;
  for (const std::string& path : candidates) {
    if (access(path.c_str(), F_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    if (in_process_of_its_own.load()) {
      out.module = start_solver_process(path, out.error);
      return out;
    }
    out.module = load_solver_module(path, out.error);
    return out;
  }
  out.error = "the solver module is not installed (looked for " + tried + ")";
  return out;
}

// Loaded once per process, on the first query that needs it; never unloaded.
const Loaded* loaded_module(bool load_now) {
  static std::once_flag once;
  static Loaded loaded;
  static std::atomic<bool> done{false};
  if (load_now)
    std::call_once(once, [] {
      loaded = load();
      done.store(true, std::memory_order_release);
    });
  return done.load(std::memory_order_acquire) ? &loaded : nullptr;
}

}  // namespace

SolverSession::~SolverSession() {
  if (session_ != nullptr) loaded_module(false)->module->close(session_);
}

Answer SolverSession::check(const Region& region, const std::vector<TermId>& assertions, unsigned timeout_ms,
                            SeccompData& model) {
  const Loaded& l = *loaded_module(true);
  if (l.module == nullptr) return Answer::Unknown;
  if (session_ == nullptr) session_ = l.module->open();
  if (session_ == nullptr) return Answer::Unknown;
  SeccoSolverQuery q{&store_.node(0), store_.size(),  assertions.data(), assertions.size(), region.nr.lo,
                     region.nr.hi,    region.arch.lo, region.arch.hi,    timeout_ms};
  std::uint64_t values[kVarCount] = {};
  switch (l.module->check(session_, &q, values)) {
    case kSeccoSolverSat:
      break;
    case kSeccoSolverUnsat:
      return Answer::Unsat;
    default:
      return Answer::Unknown;
  }
  model.nr = static_cast<std::uint32_t>(values[kNr]);
  model.arch = static_cast<std::uint32_t>(values[kArch]);
  model.instruction_pointer = values[kIp];
  for (std::size_t i = 0; i < model.args.size(); ++i) model.args[i] = values[kArg0 + i];
  return Answer::Sat;
}

std::string solver_unavailable() {
  const Loaded* l = loaded_module(false);
  return l == nullptr ? "" : l->error;
}

void use_solver_process() {
  in_process_of_its_own.store(true);
}

void set_solver_module_for_testing(const std::string& path) {
  std::lock_guard<std::mutex> lock(testing_mutex);
  testing_path() = path;
}

}  // namespace secco::semantics
