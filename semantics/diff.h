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
#include "support/seccomp_data.h"
#include "target/target.h"

namespace secco::semantics {

// One region where the two filters decide differently. Regions of several calls (or numbers) of
// one ABI with the same condition and the same old -> new actions are one change.
struct Change {
  enum class Scope { Syscall, Unnamed, X32, OtherArch } scope = Scope::Syscall;
  std::string abi;                      // the ABI's name when the filters have several; else empty
  std::vector<std::string> names;       // system call names; "nr 1000-1023"; "x32 numbers"; "other architectures"
  std::vector<std::uint32_t> nrs;       // first number concerned, per name (Syscall, Unnamed)
  std::string when;                     // the argument region in the policy language; empty: every input
  std::uint32_t before = 0, after = 0;  // canonical return values
  // One input of the region per name (the solver's model; arguments 0 when none matter), which
  // the emulator can replay on both programs.
  std::vector<SeccompData> examples;
};

struct DiffResult {
  // Sorted: per ABI (in the order given), system calls by first name, then unnamed numbers, x32;
  // other architectures last.
  std::vector<Change> changes;
  std::size_t not_proven = 0;  // queries the solver gave up on
};

// Both programs must have passed bpf::check_program and be meant for `targets` (the ABIs of one
// filter, spec §10; x32 among them: x86_64's x32 numbers are its calls).
DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after,
                         const std::vector<const Target*>& targets, unsigned timeout_ms = 10000);
DiffResult diff_programs(const bpf::Program& before, const bpf::Program& after, const Target& target,
                         unsigned timeout_ms = 10000);

// "openat: (argL2 & 3) != 0: errno(13) -> allow"; "[i386] close, read: allow -> errno(1)"
std::string change_text(const Change& c);

}  // namespace secco::semantics
