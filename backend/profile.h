// A system-call frequency profile (`nr weight name` lines, as in bench/syscall-weights.txt): the
// dispatch tree puts frequent calls near the root.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace secco::backend {

struct Profile {
  std::map<std::uint32_t, double> weight;  // by system call number
};

// Parses the profile text; on a malformed line returns nullopt and sets `error` ("line N: ...").
std::optional<Profile> parse_profile(const std::string& text, std::string& error);

}  // namespace secco::backend
