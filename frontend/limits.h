// Hard limits of the front end. They keep hostile or generated input from hanging the parser or
// overflowing the stack (the parser, the AST builder and every later pass recurse over expressions);
// each is far above what a hand-written policy needs. Documented in docs/front-end.md.
#pragma once

#include <cstddef>

namespace secco::frontend {

// Longest line parsed, in bytes (without its line break). Longer lines get err_line_too_long.
inline constexpr std::size_t kMaxLineLength = 64 * 1024;
// Deepest nesting of '(' and of chained unary '!'/'~' in one line (clang's bracket depth is 256).
inline constexpr std::size_t kMaxNesting = 256;
// Most binary operators on one line: a chain `a || b || ...` is as deep as it is long.
inline constexpr std::size_t kMaxBinaryOperators = 1024;

}  // namespace secco::frontend
