// The lowering stages each built-in pass needs and makes (the module's flags: expanded, typed,
// split, branchy). The pass manager refuses to run a pass on a module that lacks a stage it
// needs, with a diagnostic naming the pass to run first; `secco passes` lists the table; `secco
// compile FILE.ir` uses it to go on with a pipeline from the stage the IR reached.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/module.h"

namespace secco::passes {

enum class Stage { Expanded, Typed, Split, Branchy };

struct PassStages {
  std::vector<Stage> needs;
  std::vector<Stage> makes;
};

// A pass's stages: a built-in pass's from the table, a plugin's as it declared them when it was
// registered (PassRegistry::add with PassStages), else none.
PassStages stages_of(std::string_view pass);
std::string_view stage_name(Stage s);   // "expanded", ...
std::string_view stage_maker(Stage s);  // the pass that makes it: "unify", ...
bool has_stage(const ir::Module& m, Stage s);
// The first stage `pass` needs that `m` lacks, if any.
std::optional<Stage> missing_stage(std::string_view pass, const ir::Module& m);
// `pipeline` without the passes up to (and including) the last one that makes a stage `m`
// already has; "" when nothing is left.
std::string remaining_pipeline(const std::string& pipeline, const ir::Module& m);

}  // namespace secco::passes
