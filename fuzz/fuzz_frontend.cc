// libFuzzer target for the front end: parses arbitrary bytes and prints the AST. Besides "no crash,
// no leak, no hang", it checks the printer's contract on every input that parses cleanly:
// the printed text parses without errors to an equivalent AST and prints identically again; and
// on every input, the hand-written lexer gives the same tokens as the generated one, its oracle.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "frontend/lexer_oracle.h"
#include "frontend/parse.h"
#include "frontend/printer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (secco::frontend::tokens_by_policy_lexer(text) != secco::frontend::tokens_by_generated_lexer(text)) {
    std::abort();  // the hand-written lexer differs from the generated one on this input
  }
  secco::SourceManager sources;
  secco::Diagnostics diags(sources);
  secco::ast::File file = secco::frontend::parse(sources, sources.add("fuzz.secco", text), diags);
  std::string printed = secco::frontend::print(file);
  if (diags.has_errors()) return 0;

  secco::SourceManager sources2;
  secco::Diagnostics diags2(sources2);
  secco::ast::File again = secco::frontend::parse(sources2, sources2.add("printed.secco", printed), diags2);
  if (diags2.has_errors() || !secco::ast::equivalent(file, again) || secco::frontend::print(again) != printed) {
    std::abort();  // the printer broke its contract on this input
  }
  return 0;
}
