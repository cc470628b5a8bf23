#include "backend/default_profile.h"

#include <string_view>

namespace secco::backend {
namespace {

struct DefaultProfileRow {
  std::string_view name;
  double weight;
};

// backend/default-profile.txt as rows in file order, written by CMakeLists.txt.
#include "backend/default_profile_data.inc"

}  // namespace

Profile default_profile(const Target& target) {
  Profile p;
  for (const DefaultProfileRow& row : kDefaultProfileRows)
    if (auto nr = target.syscall_number(row.name)) p.weight[*nr] += row.weight;
  return p;
}

}  // namespace secco::backend
