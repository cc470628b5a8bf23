// Test helpers for the classic-BPF machine: random programs of three kinds, stdout capture (for
// libpcap's bpf_dump, which prints), and running a program under the real kernel in a child.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "bpf/program.h"
#include "support/seccomp_data.h"

namespace secco::testing {

using Rng = std::mt19937_64;

// Any 8-byte patterns: random codes, offsets and values (disassembler round trips, pcap dumps).
bpf::Program random_bytes_program(Rng& rng, std::size_t length);
// Opcodes classic BPF knows (seccomp's and the packet-only ones), with operands drawn from
// interesting values; jumps may leave the program. Most fail the checker somewhere.
bpf::Program random_classic_program(Rng& rng, std::size_t length);
// Programs the kernel would load that compute a value in A from seccomp_data (no ip reads) with
// forward branches, then return ERRNO((A >> shift) & 0xfff). All 16 scratch cells are written
// first. Some divide by X = 0 and so return 0.
bpf::Program random_computing_program(Rng& rng, std::size_t body_length, unsigned shift);
// "Near-valid" programs for comparing the checker with the kernel: mostly seccomp opcodes, operands
// on both sides of every limit, scratch reads that may lack a write on some path.
bpf::Program random_near_valid_program(Rng& rng, std::size_t length);

// What fn() wrote to stdout (file descriptor 1).
std::string capture_stdout(const std::function<void()>& fn);

// The outcome of installing a program in a child process and calling getppid(2) under it with
// the given six arguments.
struct KernelOutcome {
  int install_errno = 0;  // 0 when seccomp(SECCOMP_SET_MODE_FILTER) accepted the program
  int signal = 0;         // the child died from this signal (SIGSYS for kill/trap)
  long ret = 0;           // what getppid returned
  int err = 0;            // errno after it, when ret == -1
};
// `program` is installed as is; it must allow write(2) and exit_group(2), e.g. by starting with
// probe_prefix().
KernelOutcome run_in_kernel(const bpf::Program& program, const std::array<std::uint64_t, 6>& args,
                            bool call_getppid = true);
// "if nr != getppid (or arch is foreign) return ALLOW", 4 instructions; the body follows it.
bpf::Program probe_prefix();
// The system call the probes use and the architecture they run on.
long probe_nr();
std::uint32_t native_arch();

}  // namespace secco::testing
