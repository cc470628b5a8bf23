// Builds the AST of one parsed line from ANTLR's parse tree (the only code that reads the tree).
// The builder also reports the errors a grammar cannot express well: malformed or overflowing
// numbers, `arg6`, misused action keywords, an action given twice, `in(x)` without values.
// Only frontend .cc files include this header; it forward-declares the one ANTLR type it names.
#pragma once

#include <cstdint>

#include "frontend/ast.h"
#include "support/diagnostics.h"

namespace antlr4 {
class ParserRuleContext;
}  // namespace antlr4

namespace secco::frontend {

struct BuildContext {
  Diagnostics& diags;
  FileId file = kNoFile;
  std::uint32_t line = 0;
  bool failed = false;  // an error was reported; the line is dropped from the AST
};

// `tree` is the result of SeccoParser::ruleLine(), definitionLine() or defaultLine(). Fills
// `out.node` and `out.trailing_comment`; returns false when an error was reported.
bool build_line(antlr4::ParserRuleContext& tree, ast::Line& out, BuildContext& ctx);

}  // namespace secco::frontend
