// The IR text round-trips: print -> read (ir/reader.h) -> print gives the same bytes, with and
// without locations, for the IR after lowering and after every pass of every -O level's
// pipeline, on every policy of the test suite and on random policies (lib/random_policy.h).
// $SECCO_ROUNDTRIP_POLICIES sets how many random policies (default 300; the 10,000 is a
// manual run: SECCO_ROUNDTRIP_POLICIES=10000 test_ir -tc='*round-trip*random*').
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "ir/ir_test_util.h"
#include "ir/printer.h"
#include "ir/reader.h"
#include "lib/random_policy.h"
#include "lib/test_support.h"
#include "passes/pass_registry.h"
#include "target/target.h"

namespace secco::testing {
namespace {

// print(read(text)); on a read error returns the rendered diagnostics after a marker.
std::string reprint(const std::string& text, const ir::PrintOptions& opts) {
  SourceManager sm;
  Diagnostics diags(sm);
  auto m = ir::read_module(sm, sm.add("roundtrip.ir", text), diags);
  if (!m) {
    std::ostringstream os;
    diags.render(os);
    return "read error:\n" + os.str();
  }
  return ir::to_string(*m, opts);
}

void check_roundtrip(const ir::Module& m, const std::string& where, std::size_t& checked) {
  for (bool locations : {true, false}) {
    ir::PrintOptions opts;
    opts.locations = locations;
    std::string once = ir::to_string(m, opts);
    std::string twice = reprint(once, opts);
    if (once != twice)
      FAIL(where << (locations ? "" : " (no locations)") << "\nprinted:\n" << once << "\nre-printed:\n" << twice);
    ++checked;
  }
}

// Lowers `text` and checks the round trip after lowering and after each pass of each level.
void check_policy(const std::string& label, const std::string& text, std::size_t& checked) {
  auto lowered = lower_policy(text, label);
  INFO(text);
  REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
  check_roundtrip(lowered->module, label + " after lowering", checked);
  for (int level = 0; level <= 2; ++level) {
    ir::Module m = lowered->module;
    passes::AnalysisManager analyses;
    passes::PassContext ctx{lowered->diags, analyses};
    for (const std::string& name : split_pipeline(passes::pipeline_for_level(level))) {
      passes::PassRegistry::global().create(name)->run(m, ctx);
      REQUIRE_MESSAGE(!lowered->diags.has_errors(), lowered->rendered());
      check_roundtrip(m, label + " -O" + std::to_string(level) + " after " + name, checked);
    }
  }
}

TEST_CASE("IR round-trip on every policy of the test suite") {
  std::size_t checked = 0, files = 0;
  for (const char* dir : {"test/policies", "test/golden/policies", "test/ir/golden", "examples/policies"}) {
    if (!std::filesystem::exists(source_path(dir))) continue;
    for (const auto& entry : std::filesystem::directory_iterator(source_path(dir))) {
      if (entry.path().extension() != ".secco") continue;
      ++files;
      check_policy(entry.path().filename().string(), read_file(entry.path().string()), checked);
    }
  }
  CHECK(files >= 10);
  MESSAGE(files << " policies, " << checked << " round trips");
}

TEST_CASE("IR round-trip on random policies after every pass") {
  PolicyGenerator gen(Target::default_target());
  const char* env = std::getenv("SECCO_ROUNDTRIP_POLICIES");
  const std::uint64_t count = env != nullptr ? std::strtoull(env, nullptr, 10) : 300;
  const std::uint64_t first = property_seed();
  std::size_t checked = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t seed = first; seed < first + count; ++seed)
    check_policy("random-" + std::to_string(seed) + ".secco", gen.generate(seed).text, checked);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE(count << " random policies, " << checked << " round trips in " << s << " s");
  CHECK(checked >= count * 2);
}

TEST_CASE("IR text keeps constant names, stages, settings and locations") {
  auto lowered = lower_policy(
      "DEFAULT_POLICY = errno(1)\nopenat: arg0 == AT_FDCWD || arg1 == 0xffffff9c\nM(x) = x + 1\nread: M(argL0) == 2\n",
      "keep.secco");
  REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
  REQUIRE(run_pipeline(lowered->module, "unify,typecheck", lowered->diags));
  std::string text = ir::to_string(lowered->module);
  CHECK(text.find("stages expanded typed\n") != std::string::npos);
  CHECK(text.find("source 0 \"keep.secco\"\n") != std::string::npos);
  CHECK(text.find("default policy errno(1)  ; 1:") != std::string::npos);
  CHECK(text.find("const 0xffffff9c AT_FDCWD : u64  ; 2:") != std::string::npos);
  CHECK(text.find("const 0xffffff9c : u64  ; 2:") != std::string::npos);
  CHECK(text.find(" via 4:") != std::string::npos);
  CHECK(reprint(text, {}) == text);
}

}  // namespace
}  // namespace secco::testing
