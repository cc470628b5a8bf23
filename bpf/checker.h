// The kernel's verdict on a seccomp filter, computed in user space.
//
// check_program() rejects exactly the programs that seccomp(SECCOMP_SET_MODE_FILTER) rejects with
// EINVAL: the rules of net/core/filter.c (bpf_check_basics_ok, bpf_check_classic and its
// check_load_and_stores data flow) followed by kernel/seccomp.c (seccomp_check_filter). It is the
// fail-closed gate of the toolchain: the backend runs it on every program it emits and refuses to
// write one that fails, and the emulator runs it before executing anything, so that no tool ever
// reports the behaviour of a program the kernel would not load.
//
// Errors are reported per instruction, in index order, several per program when there are several
// faults (the kernel stops at the first; the set of rejected programs is the same).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bpf/program.h"

namespace secco::bpf {

struct CheckError {
  std::size_t index = 0;  // the offending instruction (0 for an empty program, 4096 for a long one)
  std::string message;    // starts with "instruction N: " when it concerns one instruction
};

// Every reason the kernel would refuse `program`; empty when it would load it.
std::vector<CheckError> check_program(const Program& program);

// Whether `code` is one of the opcodes seccomp accepts (before operand checks).
bool seccomp_allows_opcode(std::uint16_t code);

// One message per line, each ending in '\n'.
std::string format_check_errors(const std::vector<CheckError>& errors);

}  // namespace secco::bpf
