// `secco opt`, `secco passes`, `secco compile FILE.ir` and the pass manager's errors, through the
// CLI (docs/tools.md): IR in, IR out; missing lowering stages, unknown passes and duplicate
// registrations are diagnostics with the documented exit codes, never internal errors.
#include <doctest/doctest.h>

#include "lib/test_support.h"

namespace secco::testing {
namespace {

const char* kPolicy =
    "DEFAULT_POLICY = errno(1)\nopenat: arg0 == AT_FDCWD || arg1 == 0xffffff9c\nread: argL0 * 8 < 64\n";

TEST_CASE("secco opt reads what secco ir prints, runs passes and prints IR") {
  std::string dir = temp_dir("opt");
  write_file(dir + "/p.secco", kPolicy);
  auto typed = run_secco({"ir", "--passes=unify,typecheck", dir + "/p.secco"});
  REQUIRE(typed.exit_code == 0);
  write_file(dir + "/typed.ir", typed.out);

  // Without --passes, opt is a "cat": the same bytes.
  auto cat = run_secco({"opt", dir + "/typed.ir"});
  CHECK(cat.exit_code == 0);
  CHECK(cat.out == typed.out);

  // The rest of the -O2 pipeline on the IR gives the IR that the whole pipeline gives the policy.
  const std::string rest =
      "expand-in,fold,check-duplicates,simplify,strength-reduce,reorder-or,split64,simplify,lower-branches,"
      "thread-jumps";
  auto opt = run_secco({"opt", dir + "/typed.ir", "--passes=" + rest, "-o", dir + "/out.ir"});
  CHECK(opt.exit_code == 0);
  auto whole = run_secco({"ir", dir + "/p.secco"});
  REQUIRE(whole.exit_code == 0);
  CHECK(read_file(dir + "/out.ir") == whole.out);

  // compile FILE.ir: the level's pipeline goes on from the IR's stage; same program as the policy.
  auto from_ir = run_secco({"compile", "-f", "asm", dir + "/typed.ir"});
  auto from_policy = run_secco({"compile", "-f", "asm", dir + "/p.secco"});
  CHECK(from_ir.exit_code == 0);
  CHECK(from_ir.out == from_policy.out);
  auto lowered_ir = run_secco({"compile", "-f", "asm", dir + "/out.ir"});
  CHECK(lowered_ir.exit_code == 0);
  CHECK(lowered_ir.out == from_policy.out);
}

TEST_CASE("malformed IR is a located diagnostic, exit 1") {
  std::string dir = temp_dir("opt-bad");
  write_file(dir + "/bad.ir", "target x86_64\nstages expanded\n\nrule read nr=0 @1 {\nbb0:\n  %0 = addd %1 : u32\n");
  auto r = run_secco({"opt", dir + "/bad.ir"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.ir:6:8: error: unknown opcode 'addd'") != std::string::npos);
  CHECK(r.err.find("internal") == std::string::npos);

  write_file(dir + "/untyped.ir", "target x86_64\nstages expanded\n\nrule read nr=0 @1 {\nbb0:\n  return allow\n}\n");
  auto early = run_secco({"opt", dir + "/untyped.ir", "--passes=fold"});
  CHECK(early.exit_code == 1);
  CHECK(early.err.find("pass 'fold' needs a module that is typed: run typecheck before it") != std::string::npos);
}

TEST_CASE("a pipeline that leaves out a lowering stage names it, not an internal error") {
  std::string dir = temp_dir("opt-stage");
  write_file(dir + "/p.secco", kPolicy);
  auto no_split = run_secco({"compile", "--passes=unify,typecheck,expand-in,fold,lower-branches", dir + "/p.secco"});
  CHECK(no_split.exit_code == 1);
  CHECK(no_split.err.find("run split64 before the backend") != std::string::npos);
  CHECK(no_split.err.find("internal") == std::string::npos);
  CHECK(no_split.out.empty());
  auto no_lower = run_secco({"compile", "--passes=unify,typecheck,expand-in,fold,split64", dir + "/p.secco"});
  CHECK(no_lower.exit_code == 1);
  CHECK(no_lower.err.find("run lower-branches before the backend") != std::string::npos);
}

TEST_CASE("--print-after of an unknown pass is a usage error listing the known ones") {
  std::string dir = temp_dir("opt-print");
  write_file(dir + "/p.secco", kPolicy);
  auto r = run_secco({"compile", "--print-after=flod", dir + "/p.secco"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown pass 'flod'") != std::string::npos);
  CHECK(r.err.find("fold") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("secco passes lists every pass with its stages, loaded ones too") {
  auto r = run_secco({"passes"});
  CHECK(r.exit_code == 0);
  for (const char* p : {"unify", "typecheck", "expand-in", "fold", "check-duplicates", "simplify", "strength-reduce",
                        "split64", "lower-branches"})
    CHECK(r.out.find(std::string(p) + " ") != std::string::npos);
  CHECK(r.out.find("split64           expanded,typed  split") != std::string::npos);
  auto loaded = run_secco({"opt", "--list-passes", "--load-pass", SECCO_PLUGIN_PATH});
  CHECK(loaded.exit_code == 0);
  CHECK(loaded.out.find("lint-dangerous") != std::string::npos);
  CHECK(loaded.out.find("lint-dangerous") != std::string::npos);
}

TEST_CASE("a plugin inserted at an extension point runs in -O2; a duplicate name is an error naming both") {
  std::string dir = temp_dir("opt-ext");
  write_file(dir + "/p.secco", "ptrace: arg0 == 16\nread: 1\n");
  auto o2 = run_secco({"check", "--load-pass", SECCO_PLUGIN_PATH, dir + "/p.secco"});
  CHECK(o2.exit_code == 0);
  CHECK(o2.err.find("warning: lint-dangerous: the rule for 'ptrace' can allow it") != std::string::npos);
  auto o0 = run_secco({"check", "-O0", "--load-pass", SECCO_PLUGIN_PATH, dir + "/p.secco"});
  CHECK(o0.exit_code == 0);
  CHECK(o0.err.find("lint-dangerous") == std::string::npos);

  auto twice =
      run_secco({"check", "--load-pass", SECCO_PLUGIN_PATH, "--load-pass", SECCO_PLUGIN_PATH, dir + "/p.secco"});
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("pass 'lint-dangerous' is registered twice: by plugin '") != std::string::npos);
  CHECK(twice.err.find("' and by plugin '") != std::string::npos);
}

}  // namespace
}  // namespace secco::testing
