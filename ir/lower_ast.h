// Lowers the ASTs of a policy (definition files first, then the policy files, in order) into one
// IR module. Resolves what the text alone decides: system call names, action keywords and their
// values, default lines. Names and macros stay as `ref`/`call` values for the unify pass.
#pragma once

#include <vector>

#include "frontend/ast.h"
#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::ir {

struct InputFile {
  const ast::File* ast = nullptr;
  bool definitions_only = false;  // a -d file: rules are an error
};

// `caller` holds the caller's defaults (command line or API); DEFAULT_* lines override them.
Module lower(const std::vector<InputFile>& files, const Settings& caller, Diagnostics& diags);

// Turns an AST action into an IR action operand, checking keyword values (shared with the CLI's
// parsing of --default-* options).
ActionOperand lower_action(const ast::ActionRef& a, std::uint32_t scope, Diagnostics& diags);

}  // namespace secco::ir
