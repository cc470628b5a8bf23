// The optimisations that used to hide in instruction selection, as passes (docs/passes.md):
// thread-jumps on the IR and reuse-loads on the instruction DAG are listed, printed after, turned
// off by leaving them out of --passes, and ordered (DAG passes last), through the CLI.
#include <doctest/doctest.h>

#include <algorithm>

#include "lib/test_support.h"

namespace secco::testing {
namespace {

// `in(arg0, ...)` after split64 re-tests args[0].hi per candidate (thread-jumps) and reloads
// args[0].lo per candidate (reuse-loads). At -O1: -O2's argument trees would replace the chain.
const char* kPolicy = "DEFAULT_POLICY = errno(1)\nread: in(arg0, 1, 2, 10)\n";
const std::string kIrPipeline =
    "unify,typecheck,expand-in,fold,check-duplicates,simplify,split64,simplify,lower-branches";

std::size_t instructions(const std::string& assembly) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < assembly.size();) {
    std::size_t end = std::min(assembly.find('\n', at), assembly.size());
    std::string line = assembly.substr(at, end - at);
    if (line.rfind("  ", 0) == 0) ++n;  // instructions are indented, labels are not
    at = end + 1;
  }
  return n;
}

TEST_CASE("thread-jumps and reuse-loads are listed, and each one shortens the program") {
  auto list = run_secco({"passes"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("thread-jumps      expanded,typed,split,branchy") != std::string::npos);
  CHECK(list.out.find("reuse-loads       instr-dag") != std::string::npos);

  std::string dir = temp_dir("bepasses");
  write_file(dir + "/p.secco", kPolicy);
  auto off = run_secco({"compile", "-O1", "-f", "asm", "--passes=" + kIrPipeline, dir + "/p.secco"});
  auto threaded =
      run_secco({"compile", "-O1", "-f", "asm", "--passes=" + kIrPipeline + ",thread-jumps", dir + "/p.secco"});
  auto both = run_secco(
      {"compile", "-O1", "-f", "asm", "--passes=" + kIrPipeline + ",thread-jumps,reuse-loads", dir + "/p.secco"});
  auto level = run_secco({"compile", "-f", "asm", "-O1", dir + "/p.secco"});
  REQUIRE(off.exit_code == 0);
  REQUIRE(threaded.exit_code == 0);
  REQUIRE(both.exit_code == 0);
  CHECK(instructions(threaded.out) < instructions(off.out));
  CHECK(instructions(both.out) < instructions(threaded.out));
  CHECK(both.out == level.out);  // -O1 is exactly this pipeline
  // Leaving them out is -O0's program.
  auto o0 = run_secco({"compile", "-f", "asm", "-O0", dir + "/p.secco"});
  CHECK(instructions(o0.out) >= instructions(off.out));
}

TEST_CASE("--print-after shows the IR after thread-jumps and the DAG after select and reuse-loads") {
  std::string dir = temp_dir("bepasses-print");
  write_file(dir + "/p.secco", kPolicy);
  auto r = run_secco({"compile", "-O1", "-f", "asm", "-o", dir + "/out.asm", "--print-after=thread-jumps",
                      "--print-after=select", "--print-after=reuse-loads", dir + "/p.secco"});
  REQUIRE(r.exit_code == 0);
  std::size_t ir = r.err.find("; *** IR Dump After thread-jumps ***");
  std::size_t selected = r.err.find("; *** DAG Dump After select ***");
  std::size_t reused = r.err.find("; *** DAG Dump After reuse-loads ***");
  REQUIRE(ir != std::string::npos);
  REQUIRE(selected != std::string::npos);
  REQUIRE(reused != std::string::npos);
  CHECK(ir < selected);
  CHECK(selected < reused);
  // Both dumps start at the program's first instruction; reuse-loads left fewer loads of args[0].lo.
  auto count = [](const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  std::string before = r.err.substr(selected, reused - selected), after = r.err.substr(reused);
  CHECK(before.find("n0: ld [arch] -> n1") != std::string::npos);
  CHECK(after.find("n0: ld [arch] -> n1") != std::string::npos);
  CHECK(count(after, "ld [args[0].lo]") < count(before, "ld [args[0].lo]"));
}

TEST_CASE("DAG passes come last; unknown names list the DAG passes too") {
  std::string dir = temp_dir("bepasses-bad");
  write_file(dir + "/p.secco", kPolicy);
  auto early = run_secco({"compile", "--passes=unify,reuse-loads,typecheck", dir + "/p.secco"});
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("pass 'typecheck' runs on the IR, after 'reuse-loads'") != std::string::npos);
  CHECK(early.err.find("internal") == std::string::npos);
  auto typo = run_secco({"compile", "--print-after=reuse-load", dir + "/p.secco"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown pass 'reuse-load'") != std::string::npos);
  CHECK(typo.err.find("reuse-loads") != std::string::npos);
  auto unknown = run_secco({"compile", "--passes=unify,thread-jump", dir + "/p.secco"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("reuse-loads") != std::string::npos);
  CHECK(unknown.err.find("thread-jumps") != std::string::npos);
}

}  // namespace
}  // namespace secco::testing

namespace secco::testing {
namespace {

TEST_CASE("a plugin pass declares the stages it needs: listed, and checked before it runs") {
  auto list = run_secco({"passes", "--load-pass", SECCO_PLUGIN_PATH});
  REQUIRE(list.exit_code == 0);
  CHECK(list.out.find("lint-dangerous    expanded,typed  -") != std::string::npos);
  std::string dir = temp_dir("plugin-stages");
  write_file(dir + "/p.secco", "ptrace: arg0 == 16\n");
  auto early =
      run_secco({"check", "--load-pass", SECCO_PLUGIN_PATH, "--passes=unify,lint-dangerous", dir + "/p.secco"});
  CHECK(early.exit_code == 1);
  CHECK(early.err.find("pass 'lint-dangerous' needs a module that is typed: run typecheck before it") !=
        std::string::npos);
  CHECK(early.err.find("internal") == std::string::npos);
}

}  // namespace
}  // namespace secco::testing
