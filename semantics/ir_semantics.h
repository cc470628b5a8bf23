// The meaning of an IR module, from docs/ir.md and the policy language (spec §4, §6, §9): the
// architecture check, the x32 check (nr >= the x32 bit, except -1), dispatch on nr, then the rule
// body as a formula over the arguments. Needs an expanded, typed module (after `typecheck`);
// every later stage (split64, lower-branches) is handled too.
#pragma once

#include <map>
#include <optional>

#include "ir/module.h"
#include "semantics/side.h"

namespace secco::semantics {

class IrSemantics : public Side {
 public:
  explicit IrSemantics(const ir::Module& module);
  void cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const override;
  Decision decide(const Region& region, Inputs& in) override;

  // The decision of one rule body, for every input (exposed for tests and `diff`).
  Decision decide_body(const ir::Function& body, Inputs& in);

 private:
  const ir::Module& module_;
  std::map<std::uint32_t, const ir::Rule*> by_nr_;
  std::map<const ir::Rule*, Decision> cache_;
};

}  // namespace secco::semantics
