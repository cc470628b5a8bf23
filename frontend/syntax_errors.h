// Syntax errors as secco diagnostics. ANTLR's own messages ("mismatched input ... expecting ...")
// name grammar tokens; this module installs an error strategy that words them for the policy
// author instead ("expected an expression after '=='", "missing ')'"), reports the first error of a
// line through the Diagnostics engine and abandons the line (the next line is parsed afresh).
// Only frontend .cc files include this header; it forward-declares the one ANTLR type it names.
#pragma once

#include <cstdint>
#include <memory>

#include "support/diagnostics.h"

namespace antlr4 {
class Parser;
}  // namespace antlr4

namespace secco::frontend {

// Where a line's syntax errors go: the file and line being parsed, and whether one was reported.
struct LineErrorSink {
  Diagnostics* diags = nullptr;
  FileId file = kNoFile;
  std::uint32_t line = 0;
  bool failed = false;
};

// Replaces the error listeners of `parser` and its error strategy for as long as it lives (starting
// in the fast stage). A
// syntax error reports one diagnostic to `sink` and throws antlr4::ParseCancellationException,
// which the caller catches per line. (The lexer, frontend/policy_lexer.h, never reports errors.)
class SyntaxErrorHandler {
 public:
  SyntaxErrorHandler(antlr4::Parser& parser, LineErrorSink& sink);
  ~SyntaxErrorHandler();
  SyntaxErrorHandler(const SyntaxErrorHandler&) = delete;
  SyntaxErrorHandler& operator=(const SyntaxErrorHandler&) = delete;

  // The first, fast stage of a two-stage parse: SLL prediction, and the first syntax error throws
  // antlr4::ParseCancellationException without reporting anything.
  void fast_stage();
  // The second stage, for a line the first one rejected: full LL prediction, and the first error
  // is reported as described above. A valid line never needs it.
  void full_stage();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace secco::frontend
