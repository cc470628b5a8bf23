// Helpers of the backend tests: compile policy text through api::Compilation at an -O level,
// scan programs for instructions seccomp forbids, and compare the emitted program under the
// emulator with the IR interpreter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "bpf/program.h"
#include "support/seccomp_data.h"

namespace secco::testing {

struct Compiled {
  std::optional<bpf::Program> program;
  ir::Module module;        // after the level's pipeline
  std::string diagnostics;  // rendered
};

Compiled compile_text(const std::string& text, int opt_level, const std::string& name = "policy.secco",
                      bool validate = true);

// Index of the first BPF_ALU|BPF_MOD instruction (the kernel refuses it in seccomp), or -1.
long find_mod(const bpf::Program& p);
// Number of `ja` instructions.
std::size_t count_ja(const bpf::Program& p);
// The longest `ja` offset in the program (a trampoline past 255 shows the layout needed one).
std::uint32_t longest_ja(const bpf::Program& p);

}  // namespace secco::testing
