// Runs a seccomp classic-BPF program on one struct seccomp_data exactly as the kernel does, so that
// `secco emulate`, `secco test` and the test suite can predict a filter's decision without
// installing it.
//
// An Emulator is built once per program: the constructor runs bpf::check_program() and refuses a
// program the kernel would refuse (so every result describes a loadable filter); run() is then a
// tight loop with no checks left to do, cheap enough for millions of probes.
//
// Semantics (those of the kernel's classic BPF, which it translates to eBPF): A and X start at 0;
// 32-bit wrapping arithmetic; `ld [k]` reads the k-th byte offset of seccomp_data as a host-order
// word; `ld len` and `ldx len` give 64 (sizeof(struct seccomp_data)); shifts by X use the low 5 bits
// of X; a division by X = 0 ends the program with return value 0 (SECCOMP_RET_KILL_THREAD); jump
// comparisons are unsigned.
//
//   runtime::Emulator emu(program);                  // throws EmulatorError if the kernel would refuse
//   runtime::EmulatorResult r = emu.run(data);       // r.action, r.value, r.steps
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bpf/checker.h"
#include "bpf/program.h"
#include "support/action.h"
#include "support/seccomp_data.h"

namespace secco::runtime {

struct EmulatorResult {
  std::uint32_t value = 0;  // what the filter returned
  Action action;            // Action::decode(value): how the kernel acts on it
  std::size_t steps = 0;    // instructions executed, the return included
};

// One executed instruction, reported after it ran.
struct TraceStep {
  std::size_t index = 0;  // the instruction
  bpf::Insn insn;
  std::uint32_t a = 0;  // registers after it
  std::uint32_t x = 0;
  bool returned = false;    // the program ended here with return value `a_or_value`
  std::uint32_t value = 0;  // the return value when `returned`
  std::size_t next = 0;     // the next instruction otherwise
};
using TraceFn = std::function<void(const TraceStep&)>;

// "   3  jeq #59, L7, L5          A=0x0000003b X=0x00000000  -> L7"; a return ends in
// "-> return 0x7fff0000 allow". `length` is the program's, for naming jump targets.
std::string format_trace_step(const TraceStep& step, std::size_t length);

class EmulatorError : public std::runtime_error {
 public:
  explicit EmulatorError(std::vector<bpf::CheckError> errors);
  const std::vector<bpf::CheckError>& errors() const { return errors_; }

 private:
  std::vector<bpf::CheckError> errors_;
};

class Emulator {
 public:
  // Throws EmulatorError (message: "the kernel would refuse this program:" and one line per
  // checker error) when check_program() finds a fault.
  explicit Emulator(bpf::Program program);
  // Non-throwing construction: nullopt and `error` set instead.
  static std::optional<Emulator> create(bpf::Program program, std::string& error);

  EmulatorResult run(const SeccompData& data) const;
  // Same, calling `trace` after every executed instruction.
  EmulatorResult run(const SeccompData& data, const TraceFn& trace) const;
  // Same, writing one format_trace_step() line per executed instruction to `trace`.
  EmulatorResult run(const SeccompData& data, std::ostream& trace) const;

  const bpf::Program& program() const { return program_; }

 private:
  template <bool kTrace>
  EmulatorResult execute(const SeccompData& data, const TraceFn* trace) const;

  bpf::Program program_;
};

}  // namespace secco::runtime
