#include "target/syscall_groups.h"

#include <algorithm>
#include <set>

namespace secco {
namespace {

struct GroupData {
  std::string_view name;
  std::string_view members;  // separated by blanks
};

constexpr GroupData kGroups[] = {
#include "target/syscall_groups.inc"
};

const GroupData* find(std::string_view name) {
  for (const GroupData& g : kGroups)
    if (g.name == name) return &g;
  return nullptr;
}

void expand(const GroupData& g, std::set<std::string>& out, std::set<std::string_view>& seen) {
  if (!seen.insert(g.name).second) return;  // a group reached twice (or a cycle) adds nothing new
  auto members = syscall_group_members(g.name);
  for (std::string_view m : *members) {
    if (m.front() != '@') {
      out.emplace(m);
    } else if (const GroupData* sub = find(m)) {
      expand(*sub, out, seen);
    }
  }
}

}  // namespace

std::vector<std::string_view> syscall_group_names() {
  std::vector<std::string_view> out;
  for (const GroupData& g : kGroups) out.push_back(g.name);
  return out;
}

std::optional<std::vector<std::string_view>> syscall_group_members(std::string_view group) {
  const GroupData* g = find(group);
  if (g == nullptr) return std::nullopt;
  std::vector<std::string_view> out;
  std::string_view rest = g->members;
  while (!rest.empty()) {
    std::size_t end = rest.find(' ');
    if (end == std::string_view::npos) end = rest.size();
    if (end > 0) out.push_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  return out;
}

std::optional<std::vector<std::string>> expand_syscall_group(std::string_view group) {
  const GroupData* g = find(group);
  if (g == nullptr) return std::nullopt;
  std::set<std::string> names;
  std::set<std::string_view> seen;
  expand(*g, names, seen);
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace secco
