// The semantic diagnostics of lowering and the passes (spec §8): for each must-fail (or must-warn)
// policy, the exact list of `file:line:col: severity: message` headers the compiler reports, in
// order, notes included. Table-driven: one row per bug class, each row a whole policy.
#include <doctest/doctest.h>

#include <sstream>

#include "ir/ir_test_util.h"
#include "passes/pass_registry.h"

namespace secco::testing {
namespace {

struct Row {
  const char* name;
  std::string policy;
  std::vector<std::pair<std::string, std::string>> definition_files;  // -d files, in order
  std::vector<std::string> expected;                                  // the diagnostic headers
  bool fails = true;
};

// The header lines of rendered diagnostics (the source echo and caret lines start with blanks).
std::vector<std::string> headers(const std::string& rendered) {
  std::vector<std::string> out;
  std::istringstream in(rendered);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != ' ') out.push_back(line);
  return out;
}

struct Result {
  bool ok = false;
  std::string rendered;
};

Result analyze(const Row& row) {
  auto p = lower_policy(row.policy, "policy.secco", row.definition_files);
  Result r;
  r.ok = p->ok && run_pipeline(p->module, passes::pipeline_for_level(2), p->diags);
  r.rendered = p->rendered();
  return r;
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table{
      {"undefined name", "read: arg0 == LIMIT\n", {}, {"policy.secco:1:15: error: use of undefined name 'LIMIT'"}},
      {"undefined name defined later gets a note",
       "read: arg0 == LIMIT\nLIMIT = 4\n",
       {},
       {"policy.secco:1:15: error: use of undefined name 'LIMIT'",
        "policy.secco:2:1: note: 'LIMIT' is defined later, here; names are visible only after their definition"}},
      {"wrong arity",
       "small(x, n) = x < n\nread: small(arg0)\n",
       {},
       {"policy.secco:2:7: error: 'small' takes 2 argument(s), but 1 were given",
        "policy.secco:1:1: note: 'small' is defined here"}},
      {"calling a variable",
       "LIMIT = 4\nread: LIMIT(arg0) == 1\n",
       {},
       {"policy.secco:2:7: error: 'LIMIT' is a variable and cannot be called",
        "policy.secco:1:1: note: 'LIMIT' is defined here"}},
      {"macro used without arguments",
       "small(x) = x < 4\nread: small\n",
       {},
       {"policy.secco:2:7: error: 'small' takes 1 argument(s) and must be called",
        "policy.secco:1:1: note: 'small' is defined here"}},
      {"arithmetic on a full argument",
       "read: arg1 + 1 == 2\n",
       {},
       {"policy.secco:1:7: error: the full 64-bit argument 'arg1' may only be compared; use 'argL1' or 'argH1' "
        "for arithmetic on its 32-bit halves"}},
      {"boolean where a number belongs",
       "read: (arg0 == 1) + 1 == 2\n",
       {},
       {"policy.secco:1:8: error: expected a number, found a boolean expression"}},
      {"number where a boolean belongs",
       "read: arg0 == 1 && argL1\n",
       {},
       {"policy.secco:1:20: error: expected a boolean expression, found a number"}},
      {"rule body that is a number",
       "read: argL0 + 1\n",
       {},
       {"policy.secco:1:7: error: a rule body must be a boolean expression (write 'true' or '1' to always match)"}},
      {"constant division by zero",
       "read: argL0 / 0 == 1\n",
       {},
       {"policy.secco:1:7: error: division by constant zero"}},
      {"constant modulo by zero", "read: 7 % 0 == argL0\n", {}, {"policy.secco:1:7: error: modulo by constant zero"}},
      {"run-time division by a constant that is zero modulo 2^32",
       "read: argL0 / 0x100000000 == 1\n",
       {},
       {"policy.secco:1:7: error: division by constant zero"}},
      {"division by a constant expression that is zero",
       "read: argL0 / (1 - 1) == 1\nwrite: argL0 % (0x80000000 * 2) == 1\nK = 3\nclose: 9 / (K - 3) == argL0\n",
       {},
       {"policy.secco:1:7: error: division by constant zero", "policy.secco:2:8: error: modulo by constant zero",
        "policy.secco:4:8: error: division by constant zero"}},
      {"different duplicate rules: error with a note at the first",
       "read: arg0 == 1\nwrite: 1\nread: arg0 == 2\n",
       {},
       {"policy.secco:3:1: error: a different rule for 'read' was already given",
        "policy.secco:1:1: note: previous rule for 'read' is here"}},
      {"identical duplicate rules: a warning",
       "X = arg0 == 1\nread: X\nread: arg0 == 1\n",
       {},
       {"policy.secco:3:1: warning: rule for 'read' repeats an identical rule",
        "policy.secco:2:1: note: previous rule for 'read' is here"},
       false},
      {"unknown system call",
       "reed: 1\n",
       {},
       {"policy.secco:1:1: error: unknown system call 'reed' on x86_64",
        "policy.secco:1:1: note: did you mean 'read'?"}},
      {"unknown action", "read[-EFOO]: arg0 == 1\n", {}, {"policy.secco:1:7: error: unknown action 'EFOO'"}},
      {"errno above 65535",
       "read: return 65536\n",
       {},
       {"policy.secco:1:14: error: value 65536 of action 'errno' is out of range (0 to 65535)"}},
      {"errno above 4095 warns",
       "read: return errno(4096)\n",
       {},
       {"policy.secco:1:14: warning: errno 4096 is above 4095; the kernel caps it"},
       false},
      {"a rule in a definitions file",
       "read: arg0 == LIMIT\n",
       {{"defs.secco", "LIMIT = 3\nwrite: 1\n"}},
       {"defs.secco:2:1: error: definition files hold only definitions and defaults; rules are not allowed"}},
  };
  return table;
}

TEST_CASE("semantic diagnostics: exact file:line:col and message") {
  for (const Row& row : rows()) {
    SUBCASE(row.name) {
      Result r = analyze(row);
      INFO(row.policy);
      INFO(r.rendered);
      CHECK(r.ok == !row.fails);
      CHECK(headers(r.rendered) == row.expected);
    }
  }
}

TEST_CASE("duplicate rules across two policy files: the error in the second, the note in the first") {
  auto p = lower_files({{"a.secco", "read: arg0 == 1\n", false}, {"b.secco", "write: 1\nread: arg0 == 2\n", false}});
  REQUIRE_MESSAGE(p->ok, p->rendered());
  CHECK_FALSE(run_pipeline(p->module, passes::pipeline_for_level(2), p->diags));
  CHECK(headers(p->rendered()) ==
        std::vector<std::string>{"b.secco:2:1: error: a different rule for 'read' was already given",
                                 "a.secco:1:1: note: previous rule for 'read' is here"});
}

TEST_CASE("definition files override each other and the policy overrides them") {
  // d1 defines LIMIT = 1, d2 (later) LIMIT = 2; the policy reads LIMIT before and after its own
  // definition LIMIT = 3.
  auto p = lower_policy(
      "read: arg0 == LIMIT\nLIMIT = 3\nwrite: arg0 == LIMIT\n", "policy.secco",
      {{"d1.secco", "LIMIT = 1\nDEFAULT_POLICY = errno(1)\n"}, {"d2.secco", "LIMIT = 2\nDEFAULT_POLICY = errno(2)\n"}});
  REQUIRE_MESSAGE(p->ok, p->rendered());
  REQUIRE(run_pipeline(p->module, "unify,typecheck,fold", p->diags));
  REQUIRE(p->module.rules.size() == 2);
  auto compared_constant = [&](const ir::Rule& r) {
    for (std::size_t v = 0; v < r.body.value_count(); ++v)
      if (r.body.value(v).op == ir::Opcode::Const) return r.body.value(v).imm;
    return ~std::uint64_t{0};
  };
  CHECK(compared_constant(p->module.rules[0]) == 2);  // d2 overrides d1
  CHECK(compared_constant(p->module.rules[1]) == 3);  // the policy overrides both
  CHECK(p->module.settings.policy.action == Action::errno_(2));
  // The policy's own DEFAULT line overrides the definition files'.
  auto q = lower_policy("DEFAULT_POLICY = errno(9)\nread: 1\n", "policy.secco",
                        {{"d1.secco", "DEFAULT_POLICY = errno(1)\n"}});
  REQUIRE(q->ok);
  REQUIRE(run_pipeline(q->module, "unify,typecheck", q->diags));
  CHECK(q->module.settings.policy.action == Action::errno_(9));
}

}  // namespace
}  // namespace secco::testing
