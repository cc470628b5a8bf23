// The solver module (semantics/solver.h, docs/semantics.md#the-solver-module): `secco` and
// libsecco.so do not link libz3 and load it only for a query that needs the solver; a copy of
// `secco` with no module beside it fails closed — compile warns "not proven" (an error with
// -Werror), verify, diff and explain say the solver is unavailable and exit 1.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "lib/test_support.h"

using namespace secco::testing;
namespace fs = std::filesystem;

namespace {

std::string built_secco() {
  const char* bin = std::getenv("SECCO_BIN");
  return bin ? bin : std::string(SECCO_BINARY_DIR) + "/secco";
}

// The built secco, copied into a directory of its own: no secco-modules/ beside it, and none at
// ../lib/secco-modules/ (a fresh temporary directory).
const std::string& secco_without_solver() {
  static const std::string path = [] {
    std::string p = temp_dir("no-solver") + "/bin/secco";
    fs::create_directories(fs::path(p).parent_path());
    fs::copy_file(built_secco(), p);
    return p;
  }();
  return path;
}

// Arithmetic on a word: cases.cc cannot decide it, so proving it takes one solver query.
const char* const kNeedsSolver = "read: argL0 + 1 == 3\n";
const char* const kNeedsSolverChanged = "read: argL0 + 1 == 4\n";
const char* const kMissing = "the solver module is not installed";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("secco and libsecco.so do not link libz3; the solver module does") {
  for (const std::string& f : {built_secco(), std::string(SECCO_BINARY_DIR) + "/libsecco.so"}) {
    RunResult r = run_program({"readelf", "-d", f});
    if (r.exit_code != 0) {
      MESSAGE("readelf unavailable: " << r.err);
      return;
    }
    CHECK_MESSAGE(!has(r.out, "libz3"), f);
  }
  RunResult m = run_program({"readelf", "-d", std::string(SECCO_BINARY_DIR) + "/secco-modules/secco-z3.so"});
  CHECK(has(m.out, "libz3"));
}

TEST_CASE("libz3 is loaded only when a query needs the solver") {
  std::string dir = temp_dir("solver-load");
  write_file(dir + "/plain.secco", "read: argL0 == 3\nwrite: argL0 == 1\n");
  write_file(dir + "/arith.secco", kNeedsSolver);
  // ld.so's own report of the objects it loads.
  auto loaded = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{"env", "LD_DEBUG=files", built_secco()};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_program(argv);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return r.err;
  };
  CHECK_FALSE(has(loaded({"--version"}), "libz3"));
  CHECK_FALSE(has(loaded({"compile", "-o", dir + "/plain.bpf", dir + "/plain.secco"}), "libz3"));
  std::string with_solver = loaded({"compile", "-o", dir + "/arith.bpf", dir + "/arith.secco"});
  CHECK(has(with_solver, "secco-modules/secco-z3.so"));
  CHECK(has(with_solver, "libz3"));
}

TEST_CASE("without its solver module secco fails closed: not proven, never proven or equal") {
  const std::string& lonely = secco_without_solver();
  std::string dir = temp_dir("no-solver-run");
  const std::string a = dir + "/a.secco", b = dir + "/b.secco", plain = dir + "/plain.secco";
  write_file(a, kNeedsSolver);
  write_file(b, kNeedsSolverChanged);
  write_file(plain, "read: argL0 == 3\nwrite: argL0 == 1\n");

  // Compile: the program is written, with the warning and the reason; -Werror writes nothing.
  RunResult c = run_program({lonely, "compile", "-o", dir + "/a-lonely.bpf", a});
  CHECK_MESSAGE(c.exit_code == 0, c.err);
  CHECK(has(c.err, "not proven"));
  CHECK(has(c.err, kMissing));
  RunResult w = run_program({lonely, "compile", "-Werror", "-o", dir + "/a-werror.bpf", a});
  CHECK(w.exit_code != 0);
  CHECK(has(w.err, kMissing));
  CHECK_FALSE(fs::exists(dir + "/a-werror.bpf"));
  // A policy whose regions need no solver query is still proven without the module.
  RunResult p = run_program({lonely, "compile", "-Werror", "-o", dir + "/plain.bpf", plain});
  CHECK_MESSAGE(p.exit_code == 0, p.err);
  CHECK(p.err.empty());

  // The built secco, with its module, proves the program and finds the change.
  RunResult ca = run_program({built_secco(), "compile", "-o", dir + "/a.bpf", a});
  RunResult cb = run_program({built_secco(), "compile", "-o", dir + "/b.bpf", b});
  REQUIRE_MESSAGE(ca.exit_code == 0, ca.err);
  REQUIRE_MESSAGE(cb.exit_code == 0, cb.err);
  CHECK(ca.err.empty());
  RunResult proven = run_program({built_secco(), "verify", a, dir + "/a.bpf"});
  CHECK(proven.exit_code == 0);
  CHECK(proven.out.rfind("proven:", 0) == 0);

  RunResult v = run_program({lonely, "verify", a, dir + "/a.bpf"});
  CHECK(v.exit_code == 1);
  CHECK(v.out.rfind("not proven: the solver is unavailable", 0) == 0);
  CHECK(has(v.err, kMissing));

  RunResult found = run_program({built_secco(), "diff", dir + "/a.bpf", dir + "/b.bpf"});
  CHECK(found.exit_code == 1);
  CHECK(has(found.out, "read: (argL0 + 1) == 3: allow -> kill_thread"));
  RunResult d = run_program({lonely, "diff", dir + "/a.bpf", dir + "/b.bpf"});
  CHECK(d.exit_code == 1);
  CHECK(has(d.out, "not proven: the solver is unavailable"));
  CHECK(has(d.err, kMissing));
  // Identical programs have identical region terms: the same without a query.
  RunResult same = run_program({lonely, "diff", "--json", dir + "/a.bpf", dir + "/a.bpf"});
  CHECK(same.exit_code == 0);
  CHECK(has(same.out, "\"same\": true"));

  RunResult e = run_program({lonely, "explain", dir + "/a.bpf"});
  CHECK(e.exit_code == 1);
  CHECK(has(e.err, "not proven equal"));
  CHECK(has(e.err, kMissing));
  RunResult e_ok = run_program({built_secco(), "explain", dir + "/a.bpf"});
  CHECK_MESSAGE(e_ok.exit_code == 0, e_ok.err);
}

// The static secco asks secco-solver (semantics/solver_process.h). A server that does not speak
// the protocol, or stops mid-session, leaves the proof "not proven" with the reason: never proven.
TEST_CASE("the static secco fails closed when its solver process misbehaves") {
  const std::string built = built_secco();
  if (!fs::exists(built.substr(0, built.rfind('/') + 1) + "secco-plugin-host")) return;  // not the static build
  std::string dir = temp_dir("bad-solver");
  write_file(dir + "/a.secco", kNeedsSolver);
  struct Server {
    const char* name;
    const char* script;
    const char* reason;
  };
  const Server servers[] = {
      {"junk", "#!/bin/sh\nprintf 'not a secco-solver greeting' >&0\n", "does not answer as secco-solver"},
      {"silent", "#!/bin/sh\nexit 0\n", "does not answer as secco-solver"},
      {"refusing",
       "#!/bin/sh\nexec 2>/dev/null\nprintf 'Z3ES\\001\\000\\000\\000\\000\\000\\000\\000\\004\\000\\000\\000nope' "
       ">&0\n",
       "nope"},
  };
  for (const Server& s : servers) {
    CAPTURE(s.name);
    const std::string bin = dir + "/" + s.name + "/bin";
    fs::create_directories(bin + "/secco-modules");
    fs::copy_file(built, bin + "/secco");
    write_file(bin + "/secco-modules/secco-solver", s.script);
    fs::permissions(bin + "/secco-modules/secco-solver", fs::perms::owner_all);
    RunResult c = run_program({bin + "/secco", "compile", "-o", dir + "/" + s.name + ".bpf", dir + "/a.secco"});
    CHECK_MESSAGE(c.exit_code == 0, c.err);
    CHECK(has(c.err, "not proven"));
    CHECK(has(c.err, s.reason));
    RunResult v = run_program({bin + "/secco", "verify", dir + "/a.secco", dir + "/" + s.name + ".bpf"});
    CHECK(v.exit_code == 1);
    CHECK(v.out.rfind("not proven", 0) == 0);
  }
}
