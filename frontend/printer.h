// Writes an AST back as canonical policy text (`secco fmt`). Parsing the output gives an
// equivalent AST; printing it again gives the same text.
#pragma once

#include <string>

#include "frontend/ast.h"

namespace secco::frontend {

std::string print(const ast::File& file);
std::string print(const ast::Expr& expr);

}  // namespace secco::frontend
