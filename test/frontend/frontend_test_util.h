// Shared helpers of the front-end tests: parse a string, list its diagnostics as "line:col: text",
// and show an expression's tree shape as an S-expression so precedence tests read naturally.
#pragma once

#include <memory>
#include <string>

#include "frontend/ast.h"
#include "frontend/parse.h"
#include "support/diagnostics.h"

namespace secco::testing {

struct Parsed {
  std::unique_ptr<SourceManager> sources;
  std::unique_ptr<Diagnostics> diags;
  FileId id = kNoFile;
  ast::File file;

  // Every diagnostic as "file:line:col: message", one per line.
  std::string messages() const;
};

Parsed parse_text(const std::string& text, const std::string& name = "test.secco");

// The tree of `e` fully parenthesised: "(- (- 10 2) 3)", "(! x)", "(in arg0 1 2)", "(call f a)".
std::string sexpr(const ast::Expr& e);

// Parses the one-line definition "x = <expr>" and returns sexpr of its body, or the messages.
std::string shape(const std::string& expr);

}  // namespace secco::testing
