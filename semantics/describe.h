// Counterexamples and verdicts as text for people: the system call by name, the arguments, and
// what each side does.
#pragma once

#include <string>
#include <vector>

#include "semantics/equivalence.h"
#include "target/target.h"

namespace secco::semantics {

// "openat (nr 257) arg0=0x0 arg1=0x0 ... ip=0x0: policy gives errno(13), program gives allow";
// `target` names the system call (nullptr: numbers only).
std::string describe(const Counterexample& cex, const Target* target, const std::string& left_name,
                     const std::string& right_name);
// The same, naming the system call from the ABI of `abis` the input's arch (and, for x86_64 and
// x32, its number) belongs to.
std::string describe(const Counterexample& cex, const std::vector<const Target*>& abis, const std::string& left_name,
                     const std::string& right_name);
// "N regions, M decided by evaluation (C case by case), K solver calls".
std::string describe(const Stats& stats);

}  // namespace secco::semantics
