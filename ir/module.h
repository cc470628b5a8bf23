// A Module is a whole policy in IR form: the settings (target, default actions), the macro and
// variable definitions (until `unify` expands them away) and one rule per system call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/function.h"
#include "support/action.h"
#include "target/target.h"

namespace secco::ir {

// Default actions and where they came from (a policy's DEFAULT_* line overrides the caller).
struct Settings {
  const Target* target = nullptr;
  // Every ABI of the filter, target among them (a multi-ABI filter compiles one module per ABI);
  // empty: target alone. A rule whose system call exists on another of them is skipped here.
  std::vector<const Target*> abis;
  ActionOperand positive = ActionOperand::concrete(Action::allow());
  ActionOperand negative = ActionOperand::concrete(Action::kill_thread());
  ActionOperand policy = ActionOperand::concrete(Action::kill_thread());
  ActionOperand bad_arch = ActionOperand::concrete(Action::kill_thread());
  // x32 system call numbers; nullopt: the same as bad_arch (spec §4).
  std::optional<ActionOperand> x32;
};

// NAME = EXPR or NAME(p...) = EXPR; the body yields the expression's value.
struct Definition {
  std::string name;
  std::vector<std::string> params;
  bool has_params = false;
  std::uint32_t position = 0;  // global line order: a name is visible to later positions only
  SourceRange loc;
  Function body;
  bool library = false;  // from a definition file (-d): never reported as unused
  bool broken = false;   // its line did not parse (reported): uses of it report nothing more
};

struct Rule {
  std::string syscall;
  std::uint32_t nr = 0;
  std::uint32_t position = 0;
  SourceRange loc;  // the system call name
  Function body;
};

// A source file the module's locations point into; index i is written `fI:` in the IR text.
struct SourceFile {
  FileId id = kNoFile;
  std::string name;
};

struct Module {
  Settings settings;
  std::vector<SourceFile> sources;  // the files of the policy, for printing locations
  std::vector<Definition> definitions;
  std::vector<Rule> rules;
  bool expanded = false;  // set by unify: no Ref/Call/Param and no unresolved action remains
  bool typed = false;     // set by typecheck
  bool split = false;     // set by split64: every comparison is 32-bit
  bool branchy = false;   // set by lower-branches: conditions are comparisons or constants

  const Target& target() const { return *settings.target; }
  // Total number of live values and blocks over all rules (the IR size --time-passes reports).
  std::size_t size() const;
};

}  // namespace secco::ir
