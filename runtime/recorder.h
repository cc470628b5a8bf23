// What `secco record` learns from the calls it watched: which system calls ran (per architecture),
// how often, and for a few flag/enum arguments which values they had. It writes a policy that
// allows exactly that (kill_process for everything else) and a frequency profile in the
// `--profile` format (`NR WEIGHT NAME`).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "support/seccomp_data.h"

namespace secco {
class Target;
}

namespace secco::runtime {

// An argument is pinned to the values seen when there were at most this many distinct ones.
inline constexpr std::size_t kMaxRecordedValues = 4;

class Recorder {
 public:
  void add(const SeccompData& data);

  // The policy for `target` (the calls of other architectures are counted in a comment only).
  std::string policy_text(const Target& target, const std::string& command_line) const;
  // `NR COUNT NAME` lines of `target`'s calls, by number.
  std::string profile_text(const Target& target) const;
  std::uint64_t calls() const { return total_; }
  std::uint64_t foreign_calls(const Target& target) const;

 private:
  struct PerCall {
    std::uint64_t count = 0;
    // Argument index -> values seen (the low 32 bits; the arguments recorded are C ints).
    std::map<int, std::set<std::uint32_t>> values;
  };
  std::map<std::pair<std::uint32_t, std::uint32_t>, PerCall> calls_;  // (arch, nr)
  std::uint64_t total_ = 0;
};

}  // namespace secco::runtime
