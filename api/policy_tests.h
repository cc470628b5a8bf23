// Policy test cases for CI (`secco test`): files of lines
//   SYSCALL(ARG, ...) [arch=NAME] [ip=N] => ACTION     # comment
// run through a compiled program. SYSCALL is a name or number; arguments are numbers in any
// spelling of the language or predefined constant names; ACTION is spelled as `secco emulate`
// prints it (`errno(13)`) or as a policy writes it (`EACCES`, `kill`).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "bpf/program.h"
#include "support/action.h"
#include "support/diagnostics.h"
#include "support/seccomp_data.h"
#include "target/target.h"

namespace secco::api {

struct TestCase {
  std::uint32_t line = 0;
  std::string text;  // the call as written, "read(0, 1)"
  SeccompData data;
  Action expected;
};

// Parses a cases file already in `sources`; reports malformed lines with line:column.
std::vector<TestCase> parse_test_cases(const SourceManager& sources, FileId file, const Target& target,
                                       Diagnostics& diags);

// An action as text ("allow", "errno(13)", "EPERM", "13", "trap(2)", "kill"), or nullopt.
std::optional<Action> parse_action_text(std::string_view text, const Target& target);

// A number as the language spells it (decimal, 0x, 0b, leading-0 octal), or nullopt.
std::optional<std::uint64_t> parse_number_text(std::string_view text);

}  // namespace secco::api
