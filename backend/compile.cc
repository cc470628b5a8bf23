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
  sel.arg_trees = options.opt_level >= 2;
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
    // dispatch as the jumps on `nr` (the header's loads and arch check included), the rest.
    std::size_t rets = 0, dispatch = 3;
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
    std::vector<Node> stack{tree};
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
