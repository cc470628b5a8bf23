// The meaning of an IR module, from docs/ir.md and the policy language (spec §4, §6, §9): the
// architecture check, the x32 check (nr >= the x32 bit, except -1), dispatch on nr, then the rule
// body as a formula over the arguments. Needs an expanded, typed module (after `typecheck`);
// every later stage (split64, lower-branches) is handled too. A multi-ABI filter (spec §10) is
// one module per ABI: the arch value picks the module (x32 is the upper half of x86_64's numbers),
// any other arch gets the first module's wrong-architecture action. On a 32-bit ABI an argument
// is its low 32 bits (the high half reads as 0), as the kernel's compat entry gives it.
#pragma once

#include <map>
#include <optional>

#include "ir/module.h"
#include "semantics/side.h"

namespace secco::semantics {

class IrSemantics : public Side {
 public:
  explicit IrSemantics(const ir::Module& module);
  explicit IrSemantics(const std::vector<const ir::Module*>& abis);
  void cuts(std::vector<std::uint64_t>& nr_cuts, std::vector<std::uint64_t>& arch_cuts) const override;
  Decision decide(const Region& region, Inputs& in) override;
  // The arch value's ABIs found once for all the nr intervals.
  void decide_all(const Interval& arch, const std::vector<Interval>& nrs, Inputs& in,
                  std::vector<Decision>& out) override;

  // The decision of one rule body, for every input (exposed for tests and `diff`).
  // `target` says how wide the arguments are (default: the first module's).
  Decision decide_body(const ir::Function& body, Inputs& in, const Target* target = nullptr);

 private:
  struct Abi {
    const ir::Module* module;
    std::map<std::uint32_t, const ir::Rule*> by_nr;  // the first rule for a number wins
  };
  // What the arch interval decides: its ABIs (main, x32), or the decision for every nr.
  struct ArchPart {
    const Abi* main = nullptr;
    const Abi* x32abi = nullptr;
    std::optional<Decision> fixed;
  };
  ArchPart arch_part(const Interval& arch) const;
  Decision nr_part(const ArchPart& p, const Region& region, Inputs& in);
  Decision decide_rules(const Abi& abi, const Region& region, Inputs& in);

  const ir::Module& module_;  // the first ABI's
  std::vector<Abi> abis_;
  std::map<const ir::Rule*, Decision> cache_;
};

}  // namespace secco::semantics
