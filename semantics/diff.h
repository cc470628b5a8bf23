// `secco diff`: where two programs (a policy is compiled first) take different actions, per
// system call and argument region, in the policy language. The regions are found by the engine
// (one solver query per pair of outcomes of a call whose arguments matter) and written with
// explain's conditions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bpf/program.h"
#include "target/target.h"

namespace secco::semantics {

struct Change {
  enum class Scope { Syscall, Unnamed, X32, OtherArch } scope = Scope::Syscall;
  std::string name;                     // system call name; "nr 1000-1023"; "x32 numbers"; "other architectures"
  std::uint32_t nr = 0;                 // first number concerned (Syscall, Unnamed)
  std::string when;                     // the argument region in the policy language; empty: every input
  std::uint32_t before = 0, after = 0;  // canonical return values
};

struct DiffResult {
  std::vector<Change> changes;  // sorted: system calls by name, then unnamed numbers, x32, other arches
  std::size_t not_proven = 0;   // queries the solver gave up on
};

// Both programs must have passed bpf::check_program and be meant for `target`.
DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after, const Target& target,
                         unsigned timeout_ms = 10000);

// "openat: (argL2 & 3) != 0: errno(13) -> allow"
std::string change_text(const Change& c);

}  // namespace secco::semantics
