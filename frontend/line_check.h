// Checks on one lexed line before it is parsed: unknown characters, the front end's size limits
// (frontend/limits.h), and the line's kind, classified as spec §1 does (a rule contains ':', a
// definition contains '=', a default starts with DEFAULT_*). Knowing the kind first lets the
// parser start at the right rule, so its error messages speak of that kind of line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"

namespace secco::frontend {

// One token of a line: its grammar token type and its byte range [begin, end) in the line.
struct LexedToken {
  std::size_t type = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

enum class LineKind : std::uint8_t { BlankOrComment, Default, Rule, Definition, Arch };

// The kind of the line `text` (line number `line` of `file`), or nullopt after reporting why it
// cannot be parsed.
std::optional<LineKind> check_line(std::string_view text, const std::vector<LexedToken>& tokens, FileId file,
                                   std::uint32_t line, Diagnostics& diags);

}  // namespace secco::frontend
