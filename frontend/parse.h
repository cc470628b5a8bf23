// The front end: policy text -> AST. ANTLR is confined to this module's .cc files.
#pragma once

#include "frontend/ast.h"
#include "support/diagnostics.h"

namespace secco::frontend {

// Parses the file `id` of `sources`. Every malformed line is reported (parsing recovers at the next
// line); the returned AST holds the lines that parsed. Never throws on bad input.
ast::File parse(const SourceManager& sources, FileId id, Diagnostics& diags);

}  // namespace secco::frontend
