// Decompiling a raw seccomp program into secco policy text (`secco explain`): what it decides for
// a foreign architecture, for x32 numbers, for numbers without a rule, and, per system call of the
// target's table, one rule whose body is the program's argument tests. The program must have
// passed bpf::check_program. The text is meant to compile to a program that decides exactly as
// the input does; the caller proves that with the engine (equivalence.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bpf/program.h"
#include "target/target.h"

namespace secco::semantics {

// A program (or a part of it) that the policy language cannot express.
struct ExplainError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A condition over the arguments in the policy language's terms, as a tree (never null; the
// constants true and false are conditions too).
struct Cond;
using CondPtr = std::shared_ptr<const Cond>;

// What the program decides for one system call number of the target.
struct SyscallRule {
  std::uint32_t nr = 0;
  std::string name;  // from the target's table
  // Canonical return values. `positive == negative` when no argument matters; otherwise the
  // positive action is taken exactly when `when` holds.
  std::uint32_t positive = 0, negative = 0;
  CondPtr when;
};

struct Explanation {
  const Target* target = nullptr;                           // the first of `targets`
  std::vector<const Target*> targets;                       // the ABIs, in the order of `ARCH =` (spec §10)
  std::uint32_t default_policy = 0, bad_arch = 0, x32 = 0;  // canonical return values
  std::vector<SyscallRule> rules;                           // the calls that differ from the default
  // Per rule, the ABI whose program gave it (several ABIs: a rule applies to each that has the call).
  std::vector<const Target*> rule_abis;
  // What a reader needs to know to follow the rules (how socketcall's calls are decided...): a
  // comment line each.
  std::vector<std::string> notes;
};

// The one architecture secco compiles for that the program tests; ExplainError when none or several.
const Target* tested_target(const bpf::Program& program);

// Every ABI secco compiles for that the program tests, in the order of Target::all(); x32 when
// the program decides x32 numbers call by call. ExplainError when none.
std::vector<const Target*> tested_targets(const bpf::Program& program);

// Decompiles `program` for `target` (nullptr: the one architecture the program lets through).
// Throws ExplainError for a program the language cannot express (several architectures, a
// call with three outcomes, a number without a name that is not the default, ...). socketcall
// and ipc on the ABIs that multiplex them are read as the compiler writes them, from the
// sub-call rules and their own (explain_multiplexed.h).
Explanation explain(const bpf::Program& program, const Target* target);
// The same for a filter of several ABIs (empty: those the program tests). A policy gives a name
// one rule on every ABI that has it (spec §10): ExplainError naming the call and two ABIs where
// the program decides it otherwise, or different defaults. On big-endian ABIs the low half of an
// argument is the word at the higher offset; on 32-bit ABIs the text may read only low halves.
Explanation explain(const bpf::Program& program, const std::vector<const Target*>& targets);

// One system call's decision (any number, named or not) as a rule; ExplainError for three outcomes.
SyscallRule explain_syscall(const bpf::Program& program, const Target& target, std::uint32_t nr);
// Each action a system call can get, with the condition for it (for `secco diff`).
struct Outcome {
  std::uint32_t action = 0;
  CondPtr when;
};
std::vector<Outcome> syscall_outcomes(const bpf::Program& program, const Target& target, std::uint32_t nr);

// The policy language's spelling of a canonical return value: allow, kill_thread, errno(13), ...
std::string action_text(std::uint32_t canonical);
// A condition as policy text; "true"/"false" for the constants.
std::string cond_text(const CondPtr& c);
bool cond_is_true(const CondPtr& c);
bool cond_is_false(const CondPtr& c);
// `a && b`, with true and false folded.
CondPtr cond_and(const CondPtr& a, const CondPtr& b);
// The condition under which a rule takes `action` (false when it never does).
CondPtr cond_for(const SyscallRule& rule, std::uint32_t action);

// The whole explanation as a policy file. `origin` names the program in the header comment.
std::string policy_text(const Explanation& e, const std::string& origin);
// The command-line settings the text needs besides the file (--arch, --on-bad-arch, --on-x32).
struct ExplainSettings {
  std::string arch;  // "x86_64,i386" for several ABIs
  std::string on_bad_arch, on_x32;
};
ExplainSettings settings_of(const Explanation& e);

}  // namespace secco::semantics
