// libFuzzer target for the assembler (bpf/assembler.h). Any text may be fed to it; it must never
// crash, hang or leak. On every input that assembles without errors it checks the round-trip
// contract the disassembler promises (bpf/disassembler.h): disassemble(p) assembles again, cleanly,
// to exactly the same bytes, whether or not the kernel would accept p.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bpf/assembler.h"
#include "bpf/disassembler.h"
#include "bpf/raw.h"
#include "support/diagnostics.h"
#include "target/target.h"

namespace {

bool assemble_clean(const std::string& text, secco::bpf::Program& out) {
  secco::SourceManager sources;
  secco::Diagnostics diags(sources);
  out = secco::bpf::assemble(text, sources.add("fuzz.bpf", text), diags);
  return !diags.has_errors();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  secco::bpf::Program first;
  if (!assemble_clean(text, first)) return 0;
  // An empty or over-long program is not something load_raw() would hand the disassembler.
  if (first.empty() || first.size() > secco::bpf::kMaxInsns) return 0;

  // Both with and without the target's comments: neither may change the bytes.
  for (const secco::Target* target : {static_cast<const secco::Target*>(nullptr), &secco::Target::default_target()}) {
    std::string listing = secco::bpf::disassemble(first, target);
    secco::bpf::Program second;
    if (!assemble_clean(listing, second)) std::abort();  // the disassembler wrote text the assembler refuses
    if (secco::bpf::to_raw(first) != secco::bpf::to_raw(second)) std::abort();  // round trip changed the program
  }
  return 0;
}
