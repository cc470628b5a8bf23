#include "semantics/describe.h"

#include "support/fmt.h"

#include "support/action.h"

namespace secco::semantics {

std::string describe(const Counterexample& cex, const Target* target, const std::string& left_name,
                     const std::string& right_name) {
  const SeccompData& d = cex.input;
  std::string out;
  std::optional<std::string_view> name;
  if (target != nullptr && d.arch == target->audit_arch()) name = target->syscall_name(d.nr);
  out += name ? fmt::format("{} (nr {})", *name, d.nr) : fmt::format("nr {}", d.nr);
  if (auto arch = audit_arch_name(d.arch))
    out += fmt::format(" arch {}", *arch);
  else
    out += fmt::format(" arch 0x{:x}", d.arch);
  for (std::size_t i = 0; i < d.args.size(); ++i) out += fmt::format(" arg{}=0x{:x}", i, d.args[i]);
  out += fmt::format(" ip=0x{:x}: {} gives {}, {} gives {}", d.instruction_pointer, left_name,
                     Action::decode(cex.left).to_string(), right_name, Action::decode(cex.right).to_string());
  return out;
}

std::string describe(const Counterexample& cex, const std::vector<const Target*>& abis, const std::string& left_name,
                     const std::string& right_name) {
  const SeccompData& d = cex.input;
  const Target* named = nullptr;
  for (const Target* t : abis) {
    if (t->audit_arch() != d.arch) continue;
    const bool x32_number = t->x32_bit() != 0 && d.nr >= t->x32_bit() && d.nr != 0xffffffffU;
    if (named == nullptr || t->is_x32() == x32_number) named = t;
  }
  return describe(cex, named, left_name, right_name);
}

std::string describe(const Stats& stats) {
  return fmt::format("{} regions, {} decided by evaluation ({} case by case), {} solver calls", stats.regions,
                     stats.evaluated, stats.by_cases, stats.solver_calls);
}

}  // namespace secco::semantics
