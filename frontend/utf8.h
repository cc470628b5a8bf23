// UTF-8 checks for policy text. The lexer reads bytes; policy text must still be valid UTF-8 so that
// comments and messages stay printable, and so that one bad byte gives one clear diagnostic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace secco::frontend {

// Offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or nullopt if `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The character starting at `offset` of valid UTF-8 `text`, printable in a message: itself when it
// is a visible character, else an escape such as "\x00" or "\t".
std::string describe_char(std::string_view text, std::size_t offset);

}  // namespace secco::frontend
