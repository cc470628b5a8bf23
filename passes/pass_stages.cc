#include "passes/pass_stages.h"

#include <optional>
#include <string>

#include "passes/pass_registry.h"

namespace secco::passes {

PassStages stages_of(std::string_view pass) {
  using S = Stage;
  if (pass == "unify") return {{}, {S::Expanded}};
  if (pass == "typecheck") return {{S::Expanded}, {S::Typed}};
  if (pass == "check-duplicates") return {{S::Expanded}, {}};
  if (pass == "split64") return {{S::Expanded, S::Typed}, {S::Split}};
  if (pass == "lower-branches") return {{S::Expanded, S::Typed}, {S::Branchy}};
  if (pass == "thread-jumps") return {{S::Expanded, S::Typed, S::Split, S::Branchy}, {}};
  if (pass == "expand-in" || pass == "fold" || pass == "simplify" || pass == "strength-reduce" || pass == "reorder-or")
    return {{S::Expanded, S::Typed}, {}};
  // A plugin's pass: what it declared when it was registered, if anything.
  return PassRegistry::global().declared_stages(std::string(pass)).value_or(PassStages{});
}

std::string_view stage_name(Stage s) {
  switch (s) {
    case Stage::Expanded:
      return "expanded";
    case Stage::Typed:
      return "typed";
    case Stage::Split:
      return "split";
    case Stage::Branchy:
      return "branchy";
  }
  return "?";
}

std::string_view stage_maker(Stage s) {
  switch (s) {
    case Stage::Expanded:
      return "unify";
    case Stage::Typed:
      return "typecheck";
    case Stage::Split:
      return "split64";
    case Stage::Branchy:
      return "lower-branches";
  }
  return "?";
}

bool has_stage(const ir::Module& m, Stage s) {
  switch (s) {
    case Stage::Expanded:
      return m.expanded;
    case Stage::Typed:
      return m.typed;
    case Stage::Split:
      return m.split;
    case Stage::Branchy:
      return m.branchy;
  }
  return false;
}

std::optional<Stage> missing_stage(std::string_view pass, const ir::Module& m) {
  for (Stage s : stages_of(pass).needs)
    if (!has_stage(m, s)) return s;
  return std::nullopt;
}

std::string remaining_pipeline(const std::string& pipeline, const ir::Module& m) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= pipeline.size()) {
    std::size_t comma = pipeline.find(',', start);
    if (comma == std::string::npos) comma = pipeline.size();
    names.push_back(pipeline.substr(start, comma - start));
    start = comma + 1;
  }
  std::size_t from = 0;
  for (std::size_t i = 0; i < names.size(); ++i)
    for (Stage s : stages_of(names[i]).makes)
      if (has_stage(m, s)) from = i + 1;
  std::string out;
  for (std::size_t i = from; i < names.size(); ++i) out += (out.empty() ? "" : ",") + names[i];
  return out;
}

}  // namespace secco::passes
