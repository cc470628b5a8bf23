// Golden IR tests: each test/ir/golden/NAME.secco names a pipeline on its first line
// (`# passes: unify,typecheck,...`); the IR after it, printed as `secco ir --no-locations
// --passes PIPELINE NAME.secco` prints it, must equal NAME.expected byte for byte.
// SECCO_BLESS=1 rewrites the .expected files instead (review the diff before committing).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "ir/ir_test_util.h"
#include "ir/printer.h"
#include "lib/test_support.h"

namespace secco::testing {
namespace {

TEST_CASE("golden IR after selected passes") {
  const bool bless = std::getenv("SECCO_BLESS") != nullptr && std::string(std::getenv("SECCO_BLESS")) == "1";
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("test/ir/golden")))
    if (entry.path().extension() == ".secco") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 2);  // end-to-end only; per-pass tests are test/passes/*/*.ir
  for (const auto& path : inputs) {
    SUBCASE(path.filename().string().c_str()) {
      std::string text = read_file(path.string());
      const std::string marker = "# passes: ";
      REQUIRE(text.compare(0, marker.size(), marker) == 0);
      std::string pipeline = text.substr(marker.size(), text.find('\n') - marker.size());
      auto p = lower_policy(text, path.filename().string());
      REQUIRE_MESSAGE(p->ok, p->rendered());
      REQUIRE_MESSAGE(run_pipeline(p->module, pipeline, p->diags), p->rendered());
      std::string got = ir::to_string(p->module, ir::PrintOptions{false});
      std::filesystem::path expected_path = path;
      expected_path.replace_extension(".expected");
      if (bless) {
        write_file(expected_path.string(), got);
        MESSAGE("blessed " << expected_path.string());
        continue;
      }
      REQUIRE_MESSAGE(std::filesystem::exists(expected_path),
                      "missing " << expected_path.string() << " (run with SECCO_BLESS=1)");
      CHECK(got == read_file(expected_path.string()));
    }
  }
}

}  // namespace
}  // namespace secco::testing
