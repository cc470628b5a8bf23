// Reads the IR text that ir/printer.h writes (the exact printed form: settings, stage flags,
// source files, definitions, rules, blocks, values with types, constant names and locations).
// Printing what was read gives the same bytes. Full-line `;` comments and blank lines are
// ignored, so IR files can carry test headers. Malformed text gets a diagnostic at its
// line:column saying what was expected; the reader never crashes on any input.
//
// What the reader does not check is what the verifier checks (ir/verifier.h): operand counts,
// types, the CFG's shape. Run ir::verify on what it returns before running passes on it.
#pragma once

#include <optional>

#include "ir/module.h"
#include "support/diagnostics.h"

namespace secco::ir {

// Reads the module in `file` of `sources`. Source files the text names (`source 0 "x.secco"`) are
// added to `sources` with empty text, so locations render as `x.secco:LINE:COL`. Returns
// nullopt after reporting the first error to `diags`.
std::optional<Module> read_module(SourceManager& sources, FileId file, Diagnostics& diags);

}  // namespace secco::ir
