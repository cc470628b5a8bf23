// The shape of a function (ir/shape.h), which check-duplicates compares instead of printing: equal
// exactly when the IR text without locations is equal, whatever the locations, the value
// numbering or the names constants were written with.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "ir/ir_test_util.h"
#include "ir/printer.h"
#include "ir/shape.h"

namespace secco::testing {
namespace {

using namespace ir;

std::string text(const Function& f) {
  std::ostringstream os;
  print(os, f, PrintOptions{false, false});
  return os.str();
}

TEST_CASE("shapes are equal exactly when the text without locations is") {
  // Rules 0 and 1 differ only in locations and in the name a constant was written with; rule 2
  // in a constant; rule 3 in its action; rule 4 builds rule 0's body in another value order.
  auto lowered = lower_policy(
      "read: argL0 == 0xffffff9c && argL1 < 4\n"
      "write:   argL0 == AT_FDCWD && argL1 < 4\n"
      "close: argL0 == 0xffffff9c && argL1 < 5\n"
      "open: argL0 == 0xffffff9c && argL1 < 4; return 1\n"
      "openat: argL1 < 4 && argL0 == 0xffffff9c\n");
  REQUIRE_MESSAGE(lowered->ok, lowered->rendered());
  REQUIRE_MESSAGE(run_pipeline(lowered->module, "unify,typecheck", lowered->diags), lowered->rendered());
  const auto& rules = lowered->module.rules;
  REQUIRE(rules.size() == 5);
  for (std::size_t i = 0; i < rules.size(); ++i)
    for (std::size_t j = 0; j < rules.size(); ++j) {
      INFO(rules[i].syscall, " vs ", rules[j].syscall);
      CHECK((shape_of(rules[i].body) == shape_of(rules[j].body)) == (text(rules[i].body) == text(rules[j].body)));
    }
  CHECK(shape_of(rules[0].body) == shape_of(rules[1].body));
  CHECK(shape_of(rules[0].body) != shape_of(rules[2].body));
  CHECK(shape_of(rules[0].body) != shape_of(rules[3].body));
}

}  // namespace
}  // namespace secco::testing
