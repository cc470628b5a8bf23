// libFuzzer target for the IR reader (ir/reader.h): any text either gets a diagnostic or reads
// into a module that the verifier can check without crashing and that round-trips: printing it,
// reading the print and printing again gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "ir/printer.h"
#include "ir/reader.h"
#include "ir/verifier.h"

namespace {

std::optional<secco::ir::Module> read(const std::string& text) {
  secco::SourceManager sm;
  secco::Diagnostics diags(sm);
  auto m = secco::ir::read_module(sm, sm.add("fuzz.ir", text), diags);
  if (m.has_value() == diags.has_errors()) std::abort();  // a module with errors, or no module and no error
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto m = read(std::string(reinterpret_cast<const char*>(data), size));
  if (!m) return 0;
  (void)secco::ir::verify(*m);
  std::string once = secco::ir::to_string(*m);
  auto again = read(once);
  if (!again || secco::ir::to_string(*again) != once) std::abort();
  return 0;
}
