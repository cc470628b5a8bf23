// Issue 12, the policy author's safety net: every mistake of the issue as a test, with the exact
// diagnostic text, line, column and fix-it line the compiler prints, and the decisions of the
// emitted program (in the emulator) where a mistake used to fail open.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "e2e/policy_harness.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "target/target.h"

namespace {

using secco::testing::run_secco;

using Result = secco::testing::CompileOutcome;

Result compile(const std::string& policy, secco::api::Settings s = {}) {
  return secco::testing::compile_policy(policy, std::move(s));
}

std::string decide(const secco::bpf::Program& p, const char* syscall) {
  return secco::testing::decide_x86_64(p, syscall);
}

TEST_CASE("a misspelt special name is an error with a fix-it, not an unused variable") {
  Result r = compile("DEFAULT_POLICY = allow\nDEFAULT_POSTIVE = EPERM\nmount: 1\n");
  CHECK_FALSE(r.program);
  CHECK(r.text ==
        "p.secco:2:1: error: 'DEFAULT_POSTIVE' is not a special name: this line defines an ordinary variable; did "
        "you mean 'DEFAULT_POSITIVE'?\n"
        "  DEFAULT_POSTIVE = EPERM\n"
        "  ^~~~~~~~~~~~~~~\n"
        "  DEFAULT_POSITIVE\n");
  r = compile("default_positive = EPERM\nread: 1\n");
  CHECK_FALSE(r.program);
  CHECK(r.text.find("p.secco:1:1: error: 'default_positive' is not a special name: this line defines an ordinary "
                    "variable; did you mean 'DEFAULT_POSITIVE'?\n") == 0);
  r = compile("DEFAULT_NEGATVE = EPERM\nDEFAULTPOLICY = kill\nread: 1\n");
  CHECK(r.text.find("p.secco:1:1: error: 'DEFAULT_NEGATVE' is not a special name") != std::string::npos);
  CHECK(r.text.find("p.secco:2:1: error: 'DEFAULTPOLICY' is not a special name: this line defines an ordinary "
                    "variable; did you mean 'DEFAULT_POLICY'?") != std::string::npos);
  // Names far from the special ones stay ordinary variables.
  CHECK(compile("DEFAULTS = 1\nread: arg0 == DEFAULTS\n").program);
}

TEST_CASE("unused definition, shadowing and no-effect rules warn with their flag") {
  Result r = compile("LIMIT = 4\nread: 1\n");
  REQUIRE(r.program);
  CHECK(r.text ==
        "p.secco:1:1: warning: 'LIMIT' is defined but never used [-Wunused-definition]\n"
        "  LIMIT = 4\n"
        "  ^~~~~\n");
  // Used by a later definition, a rule or an action: no warning.
  CHECK(compile("A = 4\nB = A + 1\nread: arg0 == B\n").text.empty());
  CHECK(compile("E = 13\nread: return E\n").text.empty());

  r = compile("ENOENT = 5\nopenat: return ENOENT\n");
  REQUIRE(r.program);
  CHECK(r.text ==
        "p.secco:1:1: warning: definition of 'ENOENT' shadows the predefined constant 'ENOENT' (2) [-Wshadow]\n"
        "  ENOENT = 5\n"
        "  ^~~~~~\n");
  CHECK(decide(*r.program, "openat") == "errno(5)");                      // the user's definition wins, as documented
  CHECK(compile("AF_UNIX = 1\nsocket: arg0 == AF_UNIX\n").text.empty());  // restates the value: no warning

  r = compile("DEFAULT_POLICY = kill\nread: 1\nptrace: return kill\n");
  REQUIRE(r.program);
  CHECK(r.text ==
        "p.secco:3:1: warning: rule for 'ptrace' cannot change any decision: it always returns kill_thread, what "
        "'ptrace' gets without a rule [-Wredundant-rule]\n"
        "  ptrace: return kill\n"
        "  ^~~~~~\n");
  r = compile("DEFAULT_POLICY = allow\nmount: 1\n");
  CHECK(r.text.find("p.secco:2:1: warning: rule for 'mount' cannot change any decision: it always returns allow") == 0);
  // A rule that may divide by zero can kill: it is not redundant.
  CHECK(compile("DEFAULT_POLICY = allow\nmount: argL0 / argL1 == 1\n").text.empty());
}

TEST_CASE("--on-x32 allow and --on-bad-arch allow warn") {
  secco::api::Settings s;
  s.on_x32 = "allow";
  Result r = compile("read: 1\n", s);
  REQUIRE(r.program);
  CHECK(r.text ==
        "secco: warning: '--on-x32 allow' lets every system call of that ABI through, unfiltered "
        "[-Wpermissive-abi]\n");
  s = {};
  s.on_bad_arch = "log";
  CHECK(compile("read: 1\n", s).text.find("'--on-bad-arch log' lets every system call") != std::string::npos);
  s = {};
  s.on_bad_arch = "errno(1)";
  CHECK(compile("read: 1\n", s).text.empty());
}

TEST_CASE("an overridden default line is still checked") {
  Result r = compile("DEFAULT_POLICY = allw\nDEFAULT_POLICY = kill\nread: 1\n");
  CHECK_FALSE(r.program);
  CHECK(r.text ==
        "p.secco:1:18: error: unknown action 'allw'; did you mean 'allow'?\n"
        "  DEFAULT_POLICY = allw\n"
        "                   ^~~~\n"
        "                   allow\n");
  for (const char* which : {"DEFAULT_POSITIVE", "DEFAULT_NEGATIVE"}) {
    r = compile(std::string(which) + " = EPREM\n" + which + " = EPERM\nread: 1\n");
    CHECK_FALSE(r.program);
    CHECK(r.text.find("unknown action 'EPREM'; did you mean 'EPERM'?") != std::string::npos);
  }
}

TEST_CASE("a type error on line 1 is reported with the errors of line 2") {
  const char* second[] = {"write: NOPE == 1\n", "m(x) = x\nwrite: m(arg0, 1) == 1\n", "wirte: 1\n",
                          "write: arg0 == 09\n"};
  for (const char* line2 : second) {
    CAPTURE(line2);
    Result r = compile(std::string("read: argL0 < (1 == 1)\n") + line2);
    CHECK_FALSE(r.program);
    CHECK(r.text.find("p.secco:1:16: error: expected a number, found a boolean expression") != std::string::npos);
    CHECK(r.text.find("p.secco:2:") != std::string::npos);
  }
}

TEST_CASE("a divisor that is 0 modulo 2^32 says so") {
  Result r = compile("read: argL5 / (0x3f << 53) == 1\n");
  CHECK(r.text.find("p.secco:1:7: error: division by zero at run time: the divisor 0x7e0000000000000 is 0 modulo "
                    "2^32, and run-time arithmetic is 32-bit\n") == 0);
  r = compile("read: argL5 % 0x100000000 == 1\n");
  CHECK(r.text.find("error: modulo by zero at run time: the divisor 0x100000000 is 0 modulo 2^32") !=
        std::string::npos);
  CHECK(compile("read: argL5 / (1 - 1) == 1\n").text.find("error: division by constant zero\n") != std::string::npos);
}

TEST_CASE("did you mean, per table, with a fix-it line") {
  struct Row {
    const char* policy;
    const char* expected;
  };
  const Row rows[] = {
      {"opneat: 1\n",
       "p.secco:1:1: error: unknown system call 'opneat' on x86_64; did you mean 'openat'?\n"
       "  opneat: 1\n  ^~~~~~\n  openat\n"},
      {"fstatat: 1\n",
       "p.secco:1:1: error: unknown system call 'fstatat' on x86_64; did you mean 'newfstatat'?\n"
       "  fstatat: 1\n  ^~~~~~~\n  newfstatat\n"},
      {"read: return EPREM\n",
       "p.secco:1:14: error: unknown action 'EPREM'; did you mean 'EPERM'?\n"
       "  read: return EPREM\n               ^~~~~\n               EPERM\n"},
      {"openat: argL2 == O_RDONY\n",
       "p.secco:1:18: error: use of undefined name 'O_RDONY'; did you mean 'O_RDONLY'?\n"
       "  openat: argL2 == O_RDONY\n                   ^~~~~~~\n                   O_RDONLY\n"},
      {"read: argl0 == 1\n",
       "p.secco:1:7: error: use of undefined name 'argl0'; did you mean 'argL0'?\n"
       "  read: argl0 == 1\n        ^~~~~\n        argL0\n"},
      {"LIMIT = 4\nread: arg0 < LIMTI\n",
       "p.secco:2:14: error: use of undefined name 'LIMTI'; did you mean 'LIMIT'?\n"
       "  read: arg0 < LIMTI\n               ^~~~~\n               LIMIT\n"},
      {"read[+alow]: 1\n",
       "p.secco:1:7: error: unknown action 'alow'; did you mean 'allow'?\n"
       "  read[+alow]: 1\n        ^~~~\n        allow\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.policy);
    Result r = compile(row.policy);
    CHECK_FALSE(r.program);
    CHECK(r.text == row.expected);
  }
}

TEST_CASE("every phase reports on every line: five mistakes, five diagnostics") {
  Result r = compile(
      "opneat: 1\n"                 // unknown system call
      "read: arg0 == (1\n"          // syntax error
      "write: argL0 < (1 == 1)\n"   // type error
      "close: arg0 == UNDEFINED\n"  // undefined name
      "DEFAULT_POLICY = allw\n");   // unknown action
  CHECK_FALSE(r.program);
  std::vector<std::string> headers;
  std::istringstream in(r.text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != ' ') headers.push_back(line.substr(0, line.find(": error")));
  CHECK(headers ==
        std::vector<std::string>{"p.secco:2:17", "p.secco:1:1", "p.secco:5:18", "p.secco:4:16", "p.secco:3:17"});
  // A syntax error on line 3 does not hide an unknown system call on line 1.
  r = compile("opneat: 1\nread: 1\nwrite: arg0 ==\n");
  CHECK(r.text.find("p.secco:3:15: error: expected an expression after '=='") != std::string::npos);
  CHECK(r.text.find("p.secco:1:1: error: unknown system call 'opneat'") != std::string::npos);
  // A use of a definition whose own line is broken is not reported a second time.
  r = compile("LIMIT = (4\nread: arg0 == LIMIT\n");
  CHECK(r.text.find("LIMIT'") == std::string::npos);
  CHECK(r.text.find("p.secco:1:11: error: missing ')'") == 0);
}

TEST_CASE("carets with tabs and UTF-8; BOM and CRLF accepted") {
  Result r = compile("read:\targ0 == NOPE # caf\xc3\xa9\n");
  CHECK(r.text ==
        "p.secco:1:15: error: use of undefined name 'NOPE'\n"
        "  read:   arg0 == NOPE # caf\xc3\xa9\n"
        "                  ^~~~\n");
  r = compile("# \xc3\xa9t\xc3\xa9\nread: arg0 == 1 \xc3\xa9\n");
  CHECK(r.text ==
        "p.secco:2:17: error: unknown character '\xc3\xa9'\n"
        "  read: arg0 == 1 \xc3\xa9\n"
        "                  ^\n");
  r = compile(
      "\xef\xbb\xbf"
      "read: 1\r\nwrite: 1\r\n");
  CHECK(r.program);
  CHECK(r.text.empty());
  r = compile(
      "\xef\xbb\xbf"
      "opneat: 1\r\n");
  CHECK(r.text.find("p.secco:1:1: error: unknown system call 'opneat'") == 0);
}

TEST_CASE("hints for C habits") {
  Result r = compile("read: arg4 == -1\n");
  CHECK(r.text.find("p.secco:1:15: error: expected an expression after '=='; there are no negative numbers: write "
                    "0xffffffffffffffff or ~0 for -1\n") == 0);
  r = compile("read: arg4 == -100\n");
  CHECK(r.text.find("write ~100 + 1 for -100") != std::string::npos);
  r = compile("read: arg0 = 1\n");
  CHECK(r.text.find("unexpected '=' after the expression; did you mean '=='?") != std::string::npos);
}

TEST_CASE("-W flags, -ferror-limit and the JSON format") {
  std::string repeated;
  for (int i = 0; i < 30; ++i) repeated += "read: 1\n";
  Result r = compile(repeated);
  CHECK(r.text.find("[-Widentical-rule]") != std::string::npos);
  CHECK(r.text.find("secco: note: 9 more warnings not shown (-ferror-limit=20; -ferror-limit=0 shows all)\n") !=
        std::string::npos);
  secco::api::Settings s;
  s.warning_options = {"no-identical-rule"};
  CHECK(compile(repeated, s).text.empty());
  s.warning_options = {"error=unused-definition"};
  r = compile("X = 1\nread: 1\n", s);
  CHECK_FALSE(r.program);
  CHECK(r.text.find("p.secco:1:1: error: 'X' is defined but never used [-Werror,-Wunused-definition]") == 0);
  s.warning_options = {"unused-defintion"};
  secco::api::Compilation bad(s);
  CHECK(bad.settings_error() == "unknown warning option '-Wunused-defintion'; did you mean '-Wunused-definition'?");

  std::string errors;
  for (int i = 0; i < 25; ++i) errors += "nosuchcall" + std::to_string(i) + ": 1\n";
  r = compile(errors);
  CHECK(r.text.find("secco: note: 5 more errors not shown") != std::string::npos);
  s = {};
  s.error_limit = 0;
  r = compile(errors, s);
  CHECK(r.text.find("more errors") == std::string::npos);

  s = {};
  s.diagnostics_json = true;
  r = compile("LIMIT = 4\nread: return EPREM\n", s);
  auto log = nlohmann::json::parse(r.text);
  CHECK(log["version"] == "2.1.0");
  auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 1);  // no unused warning in a policy with errors
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "unknown action 'EPREM'; did you mean 'EPERM'?");
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2);
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14);
  CHECK(results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "EPERM");
}

TEST_CASE("the personality values listed under PER_* are predefined") {
  Result r = compile("personality: arg0 == PER_LINUX || arg0 == PER_LINUX32\n");
  REQUIRE_MESSAGE(r.program, r.text);
  secco::SeccompData d;
  d.nr = *secco::Target::default_target().syscall_number("personality");
  d.arch = 0xc000003e;
  d.args = {8, 0, 0, 0, 0, 0};  // PER_LINUX32
  CHECK(secco::runtime::Emulator(*r.program).run(d).action.to_string() == "allow");
  d.args = {1, 0, 0, 0, 0, 0};  // PER_SVR4 & PER_MASK: neither
  CHECK(secco::runtime::Emulator(*r.program).run(d).action.to_string() == "kill_thread");
}

TEST_CASE("emulate takes AT_FDCWD and negative numbers as arguments") {
  std::string dir = secco::testing::temp_dir("author_safety_emulate");
  std::string policy = dir + "/p.secco";
  secco::testing::write_file(policy, "openat: arg0 == 0xffffff9c; return EACCES\nclose: arg0 == 0xffffffffffffff9c\n");
  auto r = run_secco({"emulate", policy, "openat", "AT_FDCWD", "0", "0"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "allow\n");
  r = run_secco({"emulate", policy, "close", "-100"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "allow\n");
  r = run_secco({"emulate", policy, "openat", "-100"});
  CHECK(r.out == "errno(13)\n");
  r = run_secco({"emulate", policy, "openat", "AT_FDCWDX"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "secco: error: argument 0 'AT_FDCWDX' is not a number, a negative number or a predefined constant\n");
}

TEST_CASE("the command line: did-you-mean, -W flags, JSON") {
  std::string dir = secco::testing::temp_dir("author_safety");
  std::string policy = dir + "/p.secco";
  secco::testing::write_file(policy, "X = 1\nread: 1\n");
  auto r = run_secco({"comple", policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("secco: error: unknown command 'comple'; did you mean 'compile'?") == 0);
  r = run_secco({"compile", "--outptu", "x", policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown option '--outptu'; did you mean '--output'?") != std::string::npos);
  r = run_secco({"check", policy});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("[-Wunused-definition]") != std::string::npos);
  r = run_secco({"check", "-Wno-unused-definition", policy});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  r = run_secco({"check", "-Werror=unused-definition", policy});
  CHECK(r.exit_code == 1);
  r = run_secco({"check", "-Wunused-defintion", policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean '-Wunused-definition'?") != std::string::npos);
  r = run_secco({"check", "-fdiagnostics-format=json", policy});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.err)["runs"][0]["results"][0]["ruleId"] == "-Wunused-definition");
  r = run_secco({"check", "--diagnostics-format=json", "-ferror-limit=1", policy});
  CHECK(r.exit_code == 0);
}

}  // namespace

TEST_CASE("a C-style comparison chain gets the conjunction it meant") {
  Result r = compile("read: 0 < arg0 < 5\n");
  CHECK_FALSE(r.program);
  CHECK(r.text ==
        "p.secco:1:7: error: expected a number, found a boolean expression\n"
        "  read: 0 < arg0 < 5\n        ^~~~~~~~\n"
        "p.secco:1:7: note: comparisons do not chain as in mathematics: write '0 < arg0 && arg0 < 5'\n"
        "  read: 0 < arg0 < 5\n        ^~~~~~~~~~~~\n");
  r = compile("write: arg0 == 1 == 1\n");
  CHECK(r.text.find("note: comparisons do not chain as in mathematics: write 'arg0 == 1 && 1 == 1'") !=
        std::string::npos);
}

TEST_CASE("emulate suggests the system call it did not find") {
  const std::string dir = secco::testing::temp_dir("emulate-typo");
  secco::testing::write_file(dir + "/p.secco", "read: 1\n");
  auto r = run_secco({"emulate", dir + "/p.secco", "opneat"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "secco: error: unknown system call 'opneat' on x86_64; did you mean 'openat'?\n");
}

// -Wredundant-rule on the ABIs that multiplex socket and IPC calls (i386): a sub-call rule also
// decides socketcall/ipc with its call in arg0, where the multiplexer's own rule decides without
// it. The warning must come exactly when deleting the rule changes no decision on any ABI of the
// filter; `secco diff` (the semantic engine) of the policy against the policy without the rule is
// the oracle, besides the expected answer written in each case.
TEST_CASE("-Wredundant-rule on multiplexing ABIs: only when deleting the rule changes nothing") {
  struct Case {
    const char* policy;
    int line;       // the rule judged (1-based)
    bool x86_64;    // expected warning with --arch x86_64 (only when the policy compiles there)
    bool i386;      // --arch i386
    bool multiabi;  // --arch x86_64,i386,x32
  };
  const Case cases[] = {
      // No multiplexer rule: socketcall(SYS_SENDMSG) gets the default either way.
      {"DEFAULT_POLICY = errno(1)\nread: 1\nsendmsg: return errno(1)\n", 3, true, true, true},
      // socketcall's rule tests arguments: without the sendmsg rule it decides socketcall(SYS_SENDMSG).
      {"DEFAULT_POLICY = errno(1)\nread: 1\nsendmsg: return errno(1)\nsocketcall: argL1 == 0\n", 3, false, false,
       false},
      // The same with a sub-call that has only the multiplexed form on i386, and with ipc.
      {"DEFAULT_POLICY = errno(1)\nread: 1\naccept: return errno(1)\nsocketcall: argL1 == 0\n", 3, false, false, false},
      {"DEFAULT_POLICY = kill\nread: 1\nsemop: return kill\nipc: argL1 == 0\n", 3, false, false, false},
      // socketcall's rule has no argument tests: it decides every multiplexed call, the sendmsg
      // rule only the direct sendmsg, where it returns the default.
      {"DEFAULT_POLICY = errno(1)\nread: 1\nsendmsg: return errno(1)\nsocketcall: return allow\n", 3, false, true,
       true},
      // ...and such a socketcall rule is not redundant when it hides a sub-call rule's action.
      {"DEFAULT_POLICY = errno(1)\nread: 1\nsendmsg: 1\nsocketcall: return errno(1)\n", 4, false, false, false},
      {"DEFAULT_POLICY = errno(1)\nread: 1\nsendmsg: return errno(1)\nsocketcall: return errno(1)\n", 4, false, true,
       true},
      // A multiplexer rule that only ever returns the default changes nothing for sendmsg either.
      {"DEFAULT_POLICY = errno(1)\nDEFAULT_POSITIVE = errno(1)\nread: return allow\nsendmsg: return errno(1)\n"
       "socketcall: argL1 == 0; return errno(1)\n",
       4, false, true, true},
  };
  const std::string dir = secco::testing::temp_dir("redundant_multiplexed");
  int n = 0;
  for (const Case& c : cases) {
    std::vector<std::string> lines;
    std::istringstream in(c.policy);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::string without;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (static_cast<int>(i) + 1 != c.line) without += lines[i] + "\n";
    const std::string with_path = dir + "/with" + std::to_string(n) + ".secco";
    const std::string without_path = dir + "/without" + std::to_string(n++) + ".secco";
    secco::testing::write_file(with_path, c.policy);
    secco::testing::write_file(without_path, without);
    const std::pair<const char*, bool> arches[] = {
        {"x86_64", c.x86_64}, {"i386", c.i386}, {"x86_64,i386,x32", c.multiabi}};
    for (const auto& [arch, expected] : arches) {
      CAPTURE(c.policy);
      CAPTURE(arch);
      secco::api::Settings s;
      s.arch = arch;
      Result r = compile(c.policy, s);
      if (!r.program) {  // socketcall and ipc do not exist on x86_64 alone
        CHECK(std::string(arch) == "x86_64");
        continue;
      }
      const std::string at = "p.secco:" + std::to_string(c.line) + ":1: warning: rule for '";
      const bool warned =
          r.text.find(at) != std::string::npos && r.text.find("[-Wredundant-rule]") != std::string::npos;
      CHECK(warned == expected);
      auto d = run_secco({"diff", "--arch", arch, with_path, without_path});
      CHECK(d.exit_code == (warned ? 0 : 1));
    }
  }
}
