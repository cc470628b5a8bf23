// The token streams of a text by the hand-written lexer (frontend/policy_lexer.h) and by its
// oracle, the lexer ANTLR generates from grammar/Secco.g4, in one printable form, so a test or a
// fuzz target can require them equal. Not used by the compiler itself (secco does not link the
// generated lexer).
#pragma once

#include <string>
#include <string_view>

namespace secco::frontend {

// One token per line: "TYPE 'TEXT' START..STOP @LINE:COLUMN chCHANNEL", up to and including EOF,
// then one line per lexer error ("error LINE:COLUMN MESSAGE").
std::string tokens_by_policy_lexer(std::string_view text);
std::string tokens_by_generated_lexer(std::string_view text);

}  // namespace secco::frontend
