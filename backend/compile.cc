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

}  // namespace

std::optional<bpf::Program> generate(const ir::Module& m, const BackendOptions& options, Diagnostics& diags) {
  // A pipeline that leaves out a lowering stage (`--passes`, `secco compile FILE.ir`) is the
  // user's mistake, not the compiler's: name the pass to run.
  struct Stage {
    bool done;
    const char* what;
    const char* pass;
  };
  bool missing = false;
  for (Stage st : {Stage{m.expanded, "without names or macros", "unify"}, Stage{m.typed, "with types", "typecheck"},
                   Stage{m.split, "with only 32-bit comparisons", "split64"},
                   Stage{m.branchy, "with branches on comparisons only", "lower-branches"}})
    if (!st.done) {
      diags.report(diag::err_backend_stage, SourceRange{}) << st.what << st.pass;
      missing = true;
    }
  if (missing) return std::nullopt;
  const ir::Settings& s = m.settings;
  CodeGen gen;
  Node policy = gen.ret(encoded(s.policy));
  Node bad_arch = gen.ret(encoded(s.bad_arch));
  Node x32 = gen.ret(encoded(s.x32 ? *s.x32 : s.bad_arch));

  SelectOptions sel;
  sel.reuse_loads = options.opt_level >= 1;
  sel.thread_jumps = options.opt_level >= 1;
  std::vector<const ir::Rule*> rules;
  for (const ir::Rule& r : m.rules) rules.push_back(&r);
  std::stable_sort(rules.begin(), rules.end(), [](const ir::Rule* a, const ir::Rule* b) { return a->nr < b->nr; });
  std::vector<NrRange> ranges;
  std::vector<std::pair<const ir::Rule*, Node>> entries;
  std::uint64_t next = 0;
  const std::uint64_t x32_bit = m.target().x32_bit();
  const std::uint64_t table_end = x32_bit != 0 ? x32_bit : 0xffffffffULL;
  for (const ir::Rule* r : rules) {
    Node entry;
    try {
      entry = select_rule(gen, *r, sel);
    } catch (const std::runtime_error& e) {
      diags.report(diag::err_rule_too_complex, r->loc) << e.what();
      continue;
    }
    entries.emplace_back(r, entry);
    if (r->nr >= table_end) continue;  // cannot be reached: the x32 range decides first
    if (r->nr > next) ranges.push_back({static_cast<std::uint32_t>(next), r->nr - 1, policy});
    ranges.push_back({r->nr, r->nr, entry});
    next = std::uint64_t{r->nr} + 1;
  }
  if (diags.has_errors()) return std::nullopt;
  if (next < table_end)
    ranges.push_back({static_cast<std::uint32_t>(next), static_cast<std::uint32_t>(table_end - 1), policy});
  if (x32_bit != 0) ranges.push_back({static_cast<std::uint32_t>(x32_bit), 0xfffffffeU, x32});
  ranges.push_back({0xffffffffU, 0xffffffffU, policy});
  ranges = merge_ranges(ranges);

  Node tree = build_dispatch(gen, ranges, options.opt_level >= 2 ? options.profile : nullptr);
  Node load_nr = gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kNr, tree);
  Node arch_ok = gen.branch(op::JMP | op::JEQ | op::K, m.target().audit_arch(), load_nr, bad_arch);
  Node root = gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kArch, arch_ok);

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
