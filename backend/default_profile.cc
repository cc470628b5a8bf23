#include "backend/default_profile.h"

#include <sstream>
#include <string>

namespace secco::backend {
namespace {

// backend/default-profile.txt as a string literal, written by CMakeLists.txt.
#include "backend/default_profile_data.inc"

}  // namespace

Profile default_profile(const Target& target) {
  Profile p;
  std::istringstream in{std::string(kDefaultProfileText)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    double weight = 0;
    if (!(fields >> name >> weight)) continue;
    if (auto nr = target.syscall_number(name)) p.weight[*nr] += weight;
  }
  return p;
}

}  // namespace secco::backend
