// Helpers shared by the e2e tests that compile a policy in-process and ask the emulator for one
// decision (author_safety_test, syscall_groups_test).
#pragma once

#include <optional>
#include <string>

#include "api/compilation.h"
#include "bpf/program.h"

namespace secco::testing {

struct CompileOutcome {
  std::optional<bpf::Program> program;
  std::string text;  // rendered diagnostics
};

// Compiles `policy` (named `file` in diagnostics) with `settings`.
CompileOutcome compile_policy(const std::string& policy, api::Settings settings = {},
                              const std::string& file = "p.secco");

// The action `p` returns for the argument-free x86_64 system call `syscall`, e.g. "allow".
std::string decide_x86_64(const bpf::Program& p, const char* syscall);

}  // namespace secco::testing
