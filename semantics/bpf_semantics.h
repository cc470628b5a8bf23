// The meaning of a classic-BPF seccomp program, from the kernel's rules for each instruction
// (net/core/filter.c's translation of classic BPF, kernel/seccomp.c): A and X start at 0, loads
// read struct seccomp_data (the 64-bit fields' halves in the byte order the arch value names), a division by a zero X
// returns 0 (kill_thread), shifts by X use its low 5 bits as the JIT and interpreter do.
// The program must have passed bpf::check_program.
#pragma once

#include <memory>

#include "bpf/program.h"
#include "semantics/side.h"

namespace secco::semantics {

class BpfSemantics : public Side {
 public:
  explicit BpfSemantics(const bpf::Program& program);
  ~BpfSemantics() override;
  void cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const override;
  Decision decide(const Region& region, Inputs& in) override;
  // One walk over the program for all of them (bpf_semantics.cc).
  void decide_all(const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
                  std::vector<Decision>& out) override;

  // The walk's lists, kept between calls (allocating them anew was most of the time).
  struct Scratch;

 private:
  const bpf::Program& program_;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace secco::semantics
