#include "backend/profile.h"

#include <cmath>
#include <sstream>

namespace secco::backend {

std::optional<Profile> parse_profile(const std::string& text, std::string& error) {
  Profile p;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    long long nr = -1;
    double w = 0;
    if (!(fields >> nr)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      error = "line " + std::to_string(n) + ": expected 'NUMBER WEIGHT [NAME]'";
      return std::nullopt;
    }
    if (!(fields >> w) || nr < 0 || nr > 0xffffffffLL || !std::isfinite(w) || w < 0) {
      error = "line " + std::to_string(n) + ": expected a system call number and a non-negative weight";
      return std::nullopt;
    }
    p.weight[static_cast<std::uint32_t>(nr)] += w;
  }
  return p;
}

}  // namespace secco::backend
