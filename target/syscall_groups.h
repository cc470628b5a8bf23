// Named system call groups (spec §10): systemd's groups, `@file-system`, `@system-service`, ...,
// with the members systemd 252 (Debian 12) lists. The data is target/syscall_groups.inc, made by
// scripts/gen-syscall-groups.sh from `systemd-analyze syscall-filter`. Members are names on any
// architecture; the compiler keeps those the target has.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace secco {

// Every group name, with its '@', in systemd's order.
std::vector<std::string_view> syscall_group_names();

// The direct members of a group ('@'-names are groups), or nullopt if there is no such group.
std::optional<std::vector<std::string_view>> syscall_group_members(std::string_view group);

// The system call names of a group with nested groups expanded, sorted and without repeats; nullopt
// for an unknown group.
std::optional<std::vector<std::string>> expand_syscall_group(std::string_view group);

}  // namespace secco
