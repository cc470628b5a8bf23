// Passes by name: the registry, pipelines as text, the example pass of docs/writing-a-pass.md
// (strength-reduce) and an out-of-tree plugin loaded with --load-pass.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "api/compilation.h"
#include "ir/interpreter.h"
#include "ir/printer.h"
#include "lib/test_support.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"

using secco::testing::run_program;
using secco::testing::run_secco;
using secco::testing::temp_dir;
using secco::testing::write_file;

namespace {

std::string ir_after(const std::string& policy, const std::string& pipeline) {
  secco::api::Settings s;
  s.pipeline = pipeline;
  secco::api::Compilation c(s);
  c.add_text("p.secco", policy);
  bool ok = c.analyze();
  std::ostringstream diags;
  c.render_diagnostics(diags);
  REQUIRE_MESSAGE(ok, diags.str());
  return secco::ir::to_string(c.module(), secco::ir::PrintOptions{false});
}

}  // namespace

TEST_CASE("every registered pass parses by name and the pipeline prints back") {
  auto names = secco::passes::PassRegistry::global().names();
  CHECK(names.size() >= 9);
  std::string pipeline;
  for (const auto& n : names) pipeline += (pipeline.empty() ? "" : ",") + n;
  std::string err;
  auto pm = secco::passes::PassManager::parse(pipeline, err);
  REQUIRE(pm);
  CHECK(pm->text() == pipeline);
  CHECK_FALSE(secco::passes::PassManager::parse("unify,no-such-pass", err));
  CHECK(err.find("unknown pass 'no-such-pass'") != std::string::npos);
}

TEST_CASE("strength-reduce turns * / % by powers of two into shifts and masks") {
  const std::string policy = "read: argL0 * 8 == argL1 / 4 && argL2 % 16 == 3\n";
  std::string before = ir_after(policy, "unify,typecheck,fold");
  std::string after = ir_after(policy, "unify,typecheck,fold,strength-reduce");
  CHECK(before.find("mul") != std::string::npos);
  CHECK(before.find("mod") != std::string::npos);
  CHECK(after.find("mul") == std::string::npos);
  CHECK(after.find("div") == std::string::npos);
  CHECK(after.find("mod") == std::string::npos);
  CHECK(after.find("shl") != std::string::npos);
  CHECK(after.find("shr") != std::string::npos);
  CHECK(after.find("and") != std::string::npos);

  // Same decisions on values where wrapping and truncation matter.
  secco::api::Settings plain, reduced;
  plain.pipeline = "unify,typecheck,fold";
  reduced.pipeline = "unify,typecheck,fold,strength-reduce";
  secco::api::Compilation a(plain), b(reduced);
  a.add_text("p.secco", policy);
  b.add_text("p.secco", policy);
  REQUIRE(a.analyze());
  REQUIRE(b.analyze());
  const std::uint64_t values[] = {0, 1, 3, 4, 19, 0x7fffffff, 0x80000000, 0xfffffff3, 0xffffffff, 0x1ffffffff};
  for (std::uint64_t x : values) {
    for (std::uint64_t y : values) {
      secco::SeccompData d;
      d.arch = 0xc000003e;
      d.nr = 0;
      d.args = {x, y * 32, x + 3, 0, 0, 0};
      CHECK(secco::ir::interpret(a.module(), d) == secco::ir::interpret(b.module(), d));
    }
  }
}

// With the static C++ runtime (SECCO_STATIC_RUNTIME) secco runs --load-pass through
// secco-plugin-host beside it (docs/writing-a-pass.md); a copy without one refuses plugins.
TEST_CASE("a secco with the static runtime loads plugins only through secco-plugin-host") {
  const char* bin = std::getenv("SECCO_BIN");
  const std::string secco = bin ? bin : std::string(SECCO_BINARY_DIR) + "/secco";
  const std::string host = secco.substr(0, secco.rfind('/') + 1) + "secco-plugin-host";
  if (!std::filesystem::exists(host)) return;  // one secco with the shared runtime (sanitizer builds)
  std::string dir = temp_dir("plugin-host");
  write_file(dir + "/p.secco", "read: 1\n");
  const std::string lonely = dir + "/secco";
  std::filesystem::copy_file(secco, lonely);
  auto refused = run_program({lonely, "check", "--load-pass", SECCO_PLUGIN_PATH, dir + "/p.secco"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--load-pass needs ") != std::string::npos);
  CHECK(refused.err.find("/secco-plugin-host") != std::string::npos);
  CHECK(run_program({lonely, "check", dir + "/p.secco"}).exit_code == 0);
}

TEST_CASE("a pass plugin is loaded with --load-pass and runs by name") {
  std::string dir = temp_dir("plugin");
  write_file(dir + "/p.secco", "ptrace: arg0 == 16\nread: 1\n");
  auto r = run_secco(
      {"check", "--load-pass", SECCO_PLUGIN_PATH, "--passes=unify,typecheck,lint-dangerous", dir + "/p.secco"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("p.secco:1:1: warning: lint-dangerous: the rule for 'ptrace' can allow it") != std::string::npos);

  auto strict = run_secco({"check", "-Werror", "--load-pass", SECCO_PLUGIN_PATH,
                           "--passes=unify,typecheck,lint-dangerous", dir + "/p.secco"});
  CHECK(strict.exit_code == 1);

  auto missing = run_secco({"check", "--load-pass", dir + "/nope.so", dir + "/p.secco"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot load pass plugin") != std::string::npos);

  auto unknown = run_secco({"check", "--passes=unify,lint-dangerous", dir + "/p.secco"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown pass 'lint-dangerous'") != std::string::npos);
}
