#include "backend/compile.h"

#include <algorithm>
#include <stdexcept>

#include "backend/codegen.h"
#include "backend/dag_passes.h"
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
  sel.arg_trees = options.opt_level >= 2;
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
  if (abis.empty()) {
    diags.report(diag::err_internal, SourceRange{}) << "backend needs at least one ABI";
    return std::nullopt;
  }
  // A pipeline that leaves out a lowering stage (`--passes`, `secco compile FILE.ir`) is the
  // user's mistake, not the compiler's: name the pass to run. Every ABI's module runs the same
  // pipeline, so the first one's stages are reported.
  struct Stage {
    bool done;
    const char* what;
    const char* pass;
  };
  bool missing = false;
  for (const ir::Module* m : abis) {
    for (Stage st : {Stage{m->expanded, "without names or macros", "unify"}, Stage{m->typed, "with types", "typecheck"},
                     Stage{m->split, "with only 32-bit comparisons", "split64"},
                     Stage{m->branchy, "with branches on comparisons only", "lower-branches"}})
      if (!st.done) {
        diags.report(diag::err_backend_stage, SourceRange{}) << st.what << st.pass;
        missing = true;
      }
    if (missing) return std::nullopt;
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
    // A frequency profile describes one ABI's numbers: `profile` shapes the first ABI's tree,
    // `abi_profiles` each ABI's own (x32's numbers join x86_64's in their shared tree).
    Profile merged;
    const Profile* profile = nullptr;
    if (options.opt_level >= 2 && !options.abi_profiles.empty()) {
      for (const ir::Module* m : {g.main, g.x32}) {
        if (m == nullptr) continue;
        const std::size_t at = static_cast<std::size_t>(std::find(abis.begin(), abis.end(), m) - abis.begin());
        if (at < options.abi_profiles.size() && options.abi_profiles[at] != nullptr)
          merged.weight.insert(options.abi_profiles[at]->weight.begin(), options.abi_profiles[at]->weight.end());
      }
      profile = &merged;
    } else if (options.opt_level >= 2 && bodies.empty()) {
      profile = options.profile;
    }
    Node tree = build_dispatch(gen, merge_ranges(ranges), profile);
    bodies.push_back(gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kNr, tree));
  }
  if (!ok || diags.has_errors()) return std::nullopt;
  Node arch_test = bad_arch;
  for (std::size_t i = groups.size(); i-- > 0;)
    arch_test = gen.branch(op::JMP | op::JEQ | op::K, groups[i].audit_arch, bodies[i], arch_test);
  Node root = gen.stmt(op::LD | op::W | op::ABS, seccomp_offset::kArch, arch_test);
  auto dump_after = [&](const std::string& name) {
    if (options.dump != nullptr && (options.print_after.count(name) != 0 || options.print_after.count("all") != 0))
      *options.dump << "; *** DAG Dump After " << name << " ***\n" << print_dag(gen, root);
  };
  dump_after("select");
  std::string dag = options.dag_pipeline ? *options.dag_pipeline : dag_pipeline_for_level(options.opt_level);
  for (std::size_t start = 0; start < dag.size();) {
    std::size_t end = std::min(dag.find(',', start), dag.size());
    std::string name = dag.substr(start, end - start);
    start = end + 1;
    const DagPass* pass = find_dag_pass(name);
    if (pass == nullptr) {
      diags.report(diag::err_internal, SourceRange{}) << "unknown DAG pass '" + name + "'";
      return std::nullopt;
    }
    root = pass->run(gen, root);
    dump_after(name);
  }

  bpf::Program prog;
  LayoutStats stats;
  try {
    prog = layout(gen, root, &stats);
  } catch (const std::logic_error& e) {
    diags.report(diag::err_internal, SourceRange{}) << e.what();
    return std::nullopt;
  }
  // A `ret` copy placed where the kernel's scratch-memory flow check (which lets a `ret` fall
  // through) sees an unwritten word: lay out again without local returns.
  std::vector<bpf::CheckError> problems;
  if (prog.size() <= bpf::kMaxInsns) problems = bpf::check_program(prog);
  if (!problems.empty()) {
    try {
      stats = LayoutStats{};
      prog = layout(gen, root, &stats, false);
    } catch (const std::logic_error& e) {
      diags.report(diag::err_internal, SourceRange{}) << e.what();
      return std::nullopt;
    }
    problems = bpf::check_program(prog);
  }
  if (prog.size() > bpf::kMaxInsns) {
    diags.report(diag::err_program_too_long, SourceRange{}) << static_cast<std::uint64_t>(prog.size());
    // Where the instructions went: returns and trampolines counted from the program, the
    // dispatch as the jumps on `nr` (the header's loads and arch checks included), the rest.
    std::size_t rets = 0, dispatch = 1 + groups.size();
    for (const bpf::Insn& i : prog) {
      if (bpf::op::cls(i.code) == bpf::op::RET) ++rets;
    }
    std::vector<std::uint8_t> in_rule(gen.size(), 0);
    for (const auto& entry : entries) {
      std::vector<Node> stack{entry.second};
      while (!stack.empty()) {
        Node n = stack.back();
        stack.pop_back();
        if (n == kNullNode || in_rule[n]) continue;
        in_rule[n] = 1;
        stack.push_back(gen.node(n).jt);
        stack.push_back(gen.node(n).jf);
      }
    }
    std::vector<Node> stack(bodies.begin(), bodies.end());
    std::vector<std::uint8_t> seen(gen.size(), 0);
    while (!stack.empty()) {
      Node n = stack.back();
      stack.pop_back();
      if (n == kNullNode || seen[n] || in_rule[n] || bpf::op::cls(gen.node(n).code) == bpf::op::RET) continue;
      seen[n] = 1;
      ++dispatch;
      stack.push_back(gen.node(n).jt);
      stack.push_back(gen.node(n).jf);
    }
    std::size_t args = prog.size() - rets - stats.trampolines - dispatch;
    diags.report(diag::note_program_parts, SourceRange{})
        << static_cast<std::uint64_t>(dispatch) << static_cast<std::uint64_t>(args) << static_cast<std::uint64_t>(rets)
        << static_cast<std::uint64_t>(stats.ret_copies) << static_cast<std::uint64_t>(stats.trampolines);
    std::vector<std::pair<std::size_t, const ir::Rule*>> sizes;
    for (const auto& [r, entry] : entries) sizes.emplace_back(gen.reachable_count(entry), r);
    std::sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < sizes.size() && i < 3; ++i)
      diags.report(diag::note_large_rule, sizes[i].second->loc)
          << sizes[i].second->syscall << static_cast<std::uint64_t>(sizes[i].first);
    return std::nullopt;
  }
  if (!problems.empty()) {
    diags.report(diag::err_internal, SourceRange{})
        << "emitted program fails the kernel's checks: " + problems[0].message;
    return std::nullopt;
  }
  return prog;
}

}  // namespace secco::backend
