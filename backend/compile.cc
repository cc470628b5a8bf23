#include "backend/compile.h"

#include <algorithm>
#include <stdexcept>

#include "backend/codegen.h"
#include "backend/dispatch.h"
#include "backend/jump_layout.h"
#include "backend/select.h"
#include "bpf/checker.h"
#include "support/seccomp_data.h"

namespace secco::backend {
namespace {

namespace op = bpf::op;

std::uint32_t encoded(const ir::ActionOperand& a) {
  if (!a.resolved()) throw std::logic_error("backend: unresolved action");
  return a.action.encode();
}

// Appends the ranges of one ABI's numbers in [first, last] to `ranges`: its rules, and its default
// policy for the numbers between them.
bool abi_ranges(CodeGen& gen, const ir::Module& m, std::uint32_t first, std::uint32_t last,
                const BackendOptions& options, std::vector<NrRange>& ranges,
                std::vector<std::pair<const ir::Rule*, Node>>& entries, Diagnostics& diags) {
  Node policy = gen.ret(encoded(m.settings.policy));
  SelectOptions sel;
  sel.reuse_loads = options.opt_level >= 1;
  sel.thread_jumps = options.opt_level >= 1;
  sel.big_endian = m.target().big_endian();
  sel.args32 = m.target().args_are_32bit();
  std::vector<const ir::Rule*> rules;
  for (const ir::Rule& r : m.rules) rules.push_back(&r);
  std::stable_sort(rules.begin(), rules.end(), [](const ir::Rule* a, const ir::Rule* b) { return a->nr < b->nr; });
  std::uint64_t next = first;
  bool ok = true;
  for (const ir::Rule* r : rules) {
    Node entry;
    try {
      entry = select_rule(gen, *r, sel);
    } catch (const std::runtime_error& e) {
      diags.report(diag::err_rule_too_complex, r->loc) << e.what();
      ok = false;
      continue;
    }
    entries.emplace_back(r, entry);
    if (r->nr < first || r->nr > last) continue;  // cannot be reached: another range decides first
    if (r->nr > next) ranges.push_back({static_cast<std::uint32_t>(next), r->nr - 1, policy});
    ranges.push_back({r->nr, r->nr, entry});
    next = std::uint64_t{r->nr} + 1;
  }
  if (next <= last) ranges.push_back({static_cast<std::uint32_t>(next), last, policy});
  return ok;
}

}  // namespace

std::optional<bpf::Program> generate(const ir::Module& m, const BackendOptions& options, Diagnostics& diags) {
  return generate(std::vector<const ir::Module*>{&m}, options, diags);
}

std::optional<bpf::Program> generate(const std::vector<const ir::Module*>& abis, const BackendOptions& options,
                                     Diagnostics& diags) {
  for (const ir::Module* m : abis) {
    if (!m->branchy || !m->split || !m->expanded) {
      diags.report(diag::err_internal, SourceRange{})
          << "backend needs a module after unify, split64 and lower-branches";
      return std::nullopt;
    }
  }
  if (abis.empty()) {
    diags.report(diag::err_internal, SourceRange{}) << "backend needs at least one ABI";
    return std::nullopt;
  }
  CodeGen gen;
  // The first ABI's outcomes are made first, as for a single-ABI filter (node order shapes the layout).
  const ir::Settings& s0 = abis.front()->settings;
  gen.ret(encoded(s0.policy));
  Node bad_arch = gen.ret(encoded(s0.bad_arch));
  gen.ret(encoded(s0.x32 ? *s0.x32 : s0.bad_arch));

  // ABIs by audit arch value, in the order given; x32 is the upper half of AUDIT_ARCH_X86_64.
  struct Group {
    std::uint32_t audit_arch;
    const ir::Module* main = nullptr;
    const ir::Module* x32 = nullptr;
  };
  std::vector<Group> groups;
  for (const ir::Module* m : abis) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const Group& g) { return g.audit_arch == m->target().audit_arch(); });
    if (it == groups.end()) it = groups.insert(groups.end(), Group{m->target().audit_arch()});
    (m->target().is_x32() ? it->x32 : it->main) = m;
  }

  std::vector<std::pair<const ir::Rule*, Node>> entries;
  std::vector<Node> bodies;
  bool ok = true;
  for (const Group& g : groups) {
    const ir::Module& first = g.main ? *g.main : *g.x32;
    const std::uint64_t x32_bit = g.x32 ? g.x32->target().x32_bit() : first.target().x32_bit();
    const std::uint32_t below_end = x32_bit != 0 ? static_cast<std::uint32_t>(x32_bit - 1) : 0xfffffffeU;
    std::vector<NrRange> ranges;
    if (g.main) {
      ok = abi_ranges(gen, *g.main, 0, below_end, options, ranges, entries, diags) && ok;
    } else {
      ranges.push_back({0, below_end, bad_arch});  // x86_64 numbers in an x32-only filter
    }
    if (x32_bit != 0) {
      if (g.x32) {
        ok = abi_ranges(gen, *g.x32, static_cast<std::uint32_t>(x32_bit), 0xfffffffeU, options, ranges, entries,
                        diags) &&
             ok;
      } else {
        const ir::Settings& s = g.main->settings;
        ranges.push_back(
            {static_cast<std::uint32_t>(x32_bit), 0xfffffffeU, gen.ret(encoded(s.x32 ? *s.x32 : s.bad_arch))});
      }
    }
    ranges.push_back({0xffffffffU, 0xffffffffU, gen.ret(encoded(first.settings.policy))});
    // A frequency profile describes one ABI's numbers: it shapes the first ABI's tree only.
    const Profile* profile = options.opt_level >= 2 && bodies.empty() ? options.profile : nullptr;
    Node tree = build_dispatch(gen, merge_ranges(ranges), profile);
    bodies.push_back(gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kNr, tree));
  }
  if (!ok || diags.has_errors()) return std::nullopt;
  Node arch_test = bad_arch;
  for (std::size_t i = groups.size(); i-- > 0;)
    arch_test = gen.branch(op::JMP | op::JEQ | op::K, groups[i].audit_arch, bodies[i], arch_test);
  Node root = gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kArch, arch_test);

  bpf::Program prog;
  try {
    prog = layout(gen, root);
  } catch (const std::logic_error& e) {
    diags.report(diag::err_internal, SourceRange{}) << e.what();
    return std::nullopt;
  }
  if (prog.size() > bpf::kMaxInsns) {
    diags.report(diag::err_program_too_long, SourceRange{}) << static_cast<std::uint64_t>(prog.size());
    std::vector<std::pair<std::size_t, const ir::Rule*>> sizes;
    for (const auto& [r, entry] : entries) sizes.emplace_back(gen.reachable_count(entry), r);
    std::sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < sizes.size() && i < 3; ++i)
      diags.report(diag::note_large_rule, sizes[i].second->loc)
          << sizes[i].second->syscall << static_cast<std::uint64_t>(sizes[i].first);
    return std::nullopt;
  }
  std::vector<bpf::CheckError> problems = bpf::check_program(prog);
  if (!problems.empty()) {
    diags.report(diag::err_internal, SourceRange{})
        << "emitted program fails the kernel's checks: " + problems[0].message;
    return std::nullopt;
  }
  return prog;
}

}  // namespace secco::backend
