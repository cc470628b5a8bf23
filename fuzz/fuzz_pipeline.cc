// libFuzzer target for the whole compiler: policy text -> api::Compilation at -O0 and at -O2.
// Every input must end either in errors (diagnostics, no program) or in a program the kernel's
// checks accept. When both levels produce a program, they must take the same action on every probe,
// and that action must be the reference interpreter's (ir/interpreter.h) on the -O0 module. Probes
// are derived from the input: the rules' system calls and their neighbours, x32 and foreign-arch
// numbers, -1, and argument values built from the numbers written in the text and 32/64-bit edges.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "bpf/checker.h"
#include "ir/interpreter.h"
#include "runtime/emulator.h"

namespace {

struct Result {
  std::optional<secco::bpf::Program> program;
  secco::ir::Module module;
  bool errors = false;
};

Result compile_at(const std::string& text, int level) {
  secco::api::Settings settings;
  settings.opt_level = level;
  secco::api::Compilation c(settings);
  c.add_text("fuzz.secco", text);
  Result r;
  r.program = c.compile();
  r.errors = c.diagnostics().has_errors();
  r.module = c.module();
  if (r.program.has_value() == r.errors) std::abort();  // a program with errors, or no program and no error
  if (r.program && !secco::bpf::check_program(*r.program).empty()) std::abort();  // the backend's gate failed
  return r;
}

// The numbers written in the text (decimal and hex), as candidate argument values.
std::vector<std::uint64_t> numbers_in(const std::string& text) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < text.size() && out.size() < 32; ++i) {
    if (text[i] < '0' || text[i] > '9' || (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0)))
      continue;
    std::uint64_t v = 0;
    std::size_t j = i;
    if (text[i] == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      for (j = i + 2; j < text.size() && std::isxdigit(static_cast<unsigned char>(text[j])) != 0; ++j)
        v = v * 16 + static_cast<std::uint64_t>(std::isdigit(static_cast<unsigned char>(text[j])) != 0
                                                    ? text[j] - '0'
                                                    : (text[j] | 0x20) - 'a' + 10);
    } else {
      for (; j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) != 0; ++j)
        v = v * 10 + static_cast<std::uint64_t>(text[j] - '0');
    }
    out.push_back(v);
    i = j;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;  // keep each run fast; the limits tests cover large inputs
  std::string text(reinterpret_cast<const char*>(data), size);
  Result o0 = compile_at(text, 0);
  Result o2 = compile_at(text, 2);
  if (!o0.program || !o2.program) return 0;

  secco::runtime::Emulator emu0(*o0.program);
  secco::runtime::Emulator emu2(*o2.program);
  const std::uint32_t arch = o0.module.target().audit_arch();

  std::vector<std::uint32_t> nrs{0, 1, 0x40000000u, 0x40000001u, 0xffffffffu, 0xfffffffeu, 0x7fffffffu, 1000};
  for (const secco::ir::Rule& rule : o0.module.rules) {
    nrs.push_back(rule.nr);
    nrs.push_back(rule.nr + 1);
    nrs.push_back(rule.nr | 0x40000000u);
  }
  std::vector<std::uint64_t> values{0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0xffffffffffffffff};
  for (std::uint64_t v : numbers_in(text)) {
    values.push_back(v);
    values.push_back(v + 1);
    values.push_back(v - 1);
    values.push_back(v << 32);
  }
  // A small deterministic generator, seeded by the input, picks argument vectors from `values`.
  std::uint64_t state = 0xcbf29ce484222325ull;
  for (unsigned char ch : text) state = (state ^ ch) * 0x100000001b3ull;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  for (std::uint32_t nr : nrs) {
    for (unsigned round = 0; round < 8; ++round) {
      secco::SeccompData d;
      d.nr = nr;
      d.arch = round == 7 ? 0x40000003u /* i386 */ : arch;
      for (std::uint64_t& a : d.args) a = values[next() % values.size()];
      secco::Action a0 = emu0.run(d).action;
      secco::Action a2 = emu2.run(d).action;
      secco::Action ref = secco::ir::interpret(o0.module, d);
      if (a0 != a2 || a0 != ref) std::abort();  // the optimiser or the backend changed the meaning
    }
  }
  return 0;
}
