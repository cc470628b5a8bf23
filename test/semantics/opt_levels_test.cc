// The passes preserve meaning: the -O0 and -O2 IR of every test, example and benchmark policy are
// proven to decide alike on every input, and a changed rule is found.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "api/compilation.h"
#include "lib/test_support.h"
#include "semantics/describe.h"
#include "semantics/equivalence.h"

using namespace secco;
using semantics::Result;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<api::Compilation> analyzed(const std::string& path_or_text, int level, bool is_text = false) {
  api::Settings s;
  s.opt_level = level;
  auto c = std::make_unique<api::Compilation>(s);
  if (is_text)
    c->add_text("policy.secco", path_or_text);
  else
    c->add_file(path_or_text);
  std::ostringstream diags;
  bool ok = c->analyze();
  c->render_diagnostics(diags);
  REQUIRE_MESSAGE(ok, diags.str());
  return c;
}

}  // namespace

TEST_CASE("-O0 and -O2 IR of every test policy are proven equal") {
  std::vector<std::string> files;
  for (const char* dir : {"test/policies", "examples/policies"})
    for (const auto& f : fs::directory_iterator(testing::source_path(dir)))
      if (f.path().extension() == ".secco") files.push_back(f.path().string());
  for (const char* name : {"blacklist", "docker-default", "small-server", "systemd-service"}) {
    std::string p = std::string(SECCO_SHARED_BENCH) + "/" + name + ".secco";
    if (fs::exists(p)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    INFO(f);
    auto o0 = analyzed(f, 0), o2 = analyzed(f, 2);
    Result r = semantics::prove_equal(o0->module(), o2->module());
    std::string why = r.counterexamples.empty()
                          ? std::string()
                          : semantics::describe(r.counterexamples[0], &o0->module().target(), "-O0", "-O2");
    CHECK_MESSAGE(r.verdict == Result::Verdict::Proven, why);
  }
  // The check can fail: one rule changed between the two levels' inputs.
  auto a = analyzed("read: argL0 < 5\nwrite: 1\n", 0, true), b = analyzed("read: argL0 <= 5\nwrite: 1\n", 2, true);
  Result r = semantics::prove_equal(a->module(), b->module());
  REQUIRE(r.verdict == Result::Verdict::Differs);
  REQUIRE(!r.counterexamples.empty());
  CHECK(r.counterexamples[0].input.nr == 0);
  CHECK((r.counterexamples[0].input.args[0] & 0xffffffffU) == 5);
}
