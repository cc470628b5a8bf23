// The IR's text form (`secco ir`, `secco opt`, `--print-after`). Stable: the same module prints the
// same text. It is complete: ir/reader.h reads it back, and printing what was read gives the same
// bytes. Values are numbered %0, %1, ... and blocks bb0, bb1, ... in the order they are printed
// (blocks in reverse post-order, each value at its first use), so equal modules print equally.
#pragma once

#include <ostream>
#include <string>

#include "ir/module.h"

namespace secco::ir {

struct PrintOptions {
  bool locations = true;       // `; line:col` after values, actions and heads; `source` lines
  bool constant_names = true;  // `const 0xffffff9c AT_FDCWD`: the name a constant was written with
};

void print(std::ostream& os, const Module& m, const PrintOptions& opts = {});
void print(std::ostream& os, const Function& f, const PrintOptions& opts = {});
std::string to_string(const Module& m, const PrintOptions& opts = {});
std::string to_string(const ActionOperand& a);

// How a source file name is quoted in the IR text (backslash escapes for `"`, `\` and bytes
// outside printable ASCII).
std::string quote(const std::string& text);

}  // namespace secco::ir
