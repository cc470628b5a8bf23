#include "api/compilation.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "support/fmt.h"

#include "backend/compile.h"
#include "backend/dag_passes.h"
#include "backend/default_profile.h"
#include "frontend/parse.h"
#include "ir/lower_ast.h"
#include "ir/reader.h"
#include "ir/verifier.h"
#include "passes/multiplex_calls.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"
#include "passes/pass_stages.h"
#include "passes/redundant_rules.h"
#include "semantics/describe.h"
#include "semantics/equivalence.h"
#include "semantics/solver.h"
#include "support/edit_distance.h"
#include "target/target.h"

namespace secco::api {
namespace {

// Splits a pipeline into its IR passes and its DAG passes (which run after instruction selection,
// so they come last). Returns false and sets `error` when a DAG pass comes before an IR pass.
bool split_dag_passes(std::string& pipeline, std::string& dag, std::string& error) {
  std::string ir;
  for (std::size_t start = 0; start <= pipeline.size();) {
    std::size_t end = std::min(pipeline.find(',', start), pipeline.size());
    std::string name = pipeline.substr(start, end - start);
    start = end + 1;
    if (backend::find_dag_pass(name) != nullptr) {
      dag += (dag.empty() ? "" : ",") + name;
    } else if (!dag.empty()) {
      error = "pass '" + name + "' runs on the IR, after '" + dag.substr(dag.rfind(',') + 1) +
              "' which runs on the instruction DAG: name the DAG passes last";
      return false;
    } else {
      ir += (ir.empty() ? "" : ",") + name;
    }
  }
  pipeline = ir;
  return true;
}

}  // namespace

namespace {
std::string size_words(std::size_t limit) {
  return limit >= (1u << 20) ? std::to_string(limit >> 20) + " MiB" : std::to_string(limit) + " bytes";
}
}  // namespace

namespace {

// Reads fd to its end into `data` (sized `expect` + 1 to start: one byte more shows a file that
// grew meanwhile). read(2) instead of a stream: no stream set-up and no 64 KiB buffer on the stack,
// whose fresh pages cost more page faults than a small policy costs to read (docs/benchmarks.md).
bool read_all(int fd, std::size_t expect, std::size_t limit, std::string& data, std::string& error,
              const char* too_large) {
  data.resize(expect + 1);
  std::size_t have = 0;
  for (;;) {
    if (have == data.size()) data.resize(2 * data.size());
    ssize_t n = ::read(fd, &data[have], data.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    if (have > limit) {
      error = too_large + size_words(limit);
      return false;
    }
  }
  data.resize(have);
  return true;
}

}  // namespace

std::optional<std::string> read_input(const std::string& path, std::string& error, std::size_t limit) {
  std::string data;
  constexpr std::size_t kUnknownSize = 16383;
  if (path == "-") {
    if (!read_all(STDIN_FILENO, kUnknownSize, limit, data, error, "standard input is larger than "))
      return std::nullopt;
    return data;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    return std::nullopt;
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit) {
    error = "larger than " + size_words(limit);
    return std::nullopt;
  }
  const std::size_t expect = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : kUnknownSize;
  if (!read_all(fd, expect, limit, data, error, "larger than ")) return std::nullopt;
  return data;
}

Compilation::~Compilation() = default;

Compilation::Compilation(Settings settings) : settings_(std::move(settings)), diags_(sources_) {
  diags_.set_warnings_as_errors(settings_.warnings_as_errors);
  diags_.set_error_limit(settings_.error_limit);
  for (const std::string& w : settings_.warning_options) {
    if (diags_.apply_warning_option(w)) continue;
    std::string prefix;  // "no-", "error=", "no-error=": kept in the suggestion
    for (const char* p : {"no-error=", "error=", "no-"})
      if (prefix.empty() && w.compare(0, std::strlen(p), p) == 0) prefix = p;
    TypoCorrector typo(w.substr(prefix.size()));
    typo.offer(Diagnostics::warning_flags());
    settings_error_ = "unknown warning option '-W" + w + "'";
    if (auto best = typo.best()) settings_error_ += "; did you mean '-W" + prefix + *best + "'?";
    return;
  }
  std::string arch_error;
  auto targets = Target::parse_list(settings_.arch, arch_error);
  if (!targets) {
    settings_error_ = arch_error;
    return;
  }
  targets_ = *targets;
  module_.settings.target = targets_.front();
  struct Field {
    const std::string* text;
    const char* what;
    ir::ActionOperand* slot;
  };
  ir::ActionOperand x32_slot;
  ir::Settings& s = module_.settings;
  for (Field f :
       {Field{&settings_.default_positive, "--default-positive", &s.positive},
        Field{&settings_.default_negative, "--default-negative", &s.negative},
        Field{&settings_.default_policy, "--default-policy", &s.policy},
        Field{&settings_.on_bad_arch, "--on-bad-arch", &s.bad_arch}, Field{&settings_.on_x32, "--on-x32", &x32_slot}}) {
    if (f.text->empty()) continue;
    auto a = parse_setting_action(*f.text, f.what);
    if (!a) return;
    *f.slot = *a;
    if (f.slot == &x32_slot) s.x32 = *a;
    bool abi_wide = f.slot == &x32_slot || f.slot == &s.bad_arch;
    if (abi_wide && a->form == ir::ActionOperand::Form::Concrete &&
        (a->action.kind == ActionKind::Allow || a->action.kind == ActionKind::Log))
      diags_.report(diag::warn_permissive_abi, SourceRange{}) << f.what << *f.text;
  }
}

std::optional<ir::ActionOperand> Compilation::parse_setting_action(const std::string& text, const char* what) {
  // Actions on the command line are read with the policy grammar itself.
  SourceManager scratch_sources;
  Diagnostics scratch(scratch_sources);
  FileId id = scratch_sources.add(what, "DEFAULT_POLICY = " + text + "\n");
  ast::File file = frontend::parse(scratch_sources, id, scratch);
  const ast::DefaultSetting* d = nullptr;
  if (!scratch.has_errors() && file.lines.size() == 1)
    d = boost::variant2::get_if<ast::DefaultSetting>(&file.lines[0].node);
  if (d == nullptr) {
    settings_error_ = std::string(what) + ": '" + text + "' is not an action";
    return std::nullopt;
  }
  ir::ActionOperand a = ir::lower_action(d->action, 0, scratch);
  if (scratch.has_errors()) {
    settings_error_ = std::string(what) + ": " + scratch.all().front().message;
    return std::nullopt;
  }
  if (a.form == ir::ActionOperand::Form::Name) {
    // A name (EPERM) stays a name: each ABI's module resolves it with its own constants, as a
    // DEFAULT_ line does (errno values differ on mips, parisc...). It must exist on every ABI.
    std::string values;
    bool differs = false;
    for (const Target* t : targets_) {
      auto c = t->constant(a.name);
      if (!c || c->value > 0xffff) {
        settings_error_ = std::string(what) + ": unknown action '" + text + "'" +
                          (targets_.size() > 1 ? " on " + std::string(t->name()) : std::string());
        return std::nullopt;
      }
      differs = differs || (!values.empty() && t->constant(a.name)->value != targets_.front()->constant(a.name)->value);
      values += (values.empty() ? "" : ", ") + fmt::format("{} {}", t->name(), c->value);
    }
    if (differs) diags_.standalone_note(diag::note_constant_differs_by_abi, SourceRange{}, {a.name, values});
    a.loc = SourceRange{};  // the scratch source is gone
    a.scope = 0;            // no definition of the policy is visible to the command line
  }
  return a;
}

bool Compilation::add_file(const std::string& path, bool definitions_only) {
  std::string error;
  auto text = read_input(path, error);
  std::string name = path == "-" ? "<stdin>" : path;
  if (!text) {
    FileId id = sources_.add(name, "");
    diags_.report(diag::err_cannot_read, SourceRange{SourceLoc{id, 0, 0}}) << name << error;
    return false;
  }
  add_text(name, std::move(*text), definitions_only);
  return true;
}

void Compilation::add_text(const std::string& name, std::string text, bool definitions_only) {
  FileId id = sources_.add(name, std::move(text));
  inputs_.push_back({id, definitions_only});
}

std::vector<std::string> Compilation::file_names() const {
  std::vector<std::string> out;
  for (const Input& in : inputs_) out.push_back(sources_.name(in.file));
  return out;
}

bool Compilation::analyze() {
  if (analyzed_) return analyze_ok_;
  analyzed_ = true;
  if (!settings_error_.empty() || diags_.has_errors()) return false;
  std::string pipeline_text =
      settings_.pipeline.empty() ? passes::pipeline_for_level(settings_.opt_level) : settings_.pipeline;
  if (settings_.pipeline.empty()) {
    dag_pipeline_ = backend::dag_pipeline_for_level(settings_.opt_level);
  } else {
    if (!split_dag_passes(settings_.pipeline, dag_pipeline_, settings_error_)) return false;
    pipeline_text = settings_.pipeline;
    no_ir_passes_ = pipeline_text.empty();
  }
  std::vector<std::string> known = passes::PassRegistry::global().names();
  for (const backend::DagPass& p : backend::dag_passes()) known.emplace_back(p.name);
  std::sort(known.begin(), known.end());
  std::string error;
  auto pm = no_ir_passes_ ? std::optional<passes::PassManager>(passes::PassManager{})
                          : passes::PassManager::parse(pipeline_text, error);
  if (!pm) {
    if (error.rfind("unknown pass", 0) == 0) {  // the IR pass manager knows only IR passes: name all
      error = error.substr(0, error.find("; known passes: ")) + "; known passes: ";
      for (std::size_t i = 0; i < known.size(); ++i) error += (i ? ", " : "") + known[i];
    }
    settings_error_ = error;
    return false;
  }
  for (const std::string& name : settings_.print_after) {
    // "select": the instruction DAG as instruction selection made it.
    if (name == "all" || name == "select" || std::binary_search(known.begin(), known.end(), name)) continue;
    settings_error_ = "--print-after: unknown pass '" + name + "'; known passes: ";
    for (std::size_t i = 0; i < known.size(); ++i) settings_error_ += (i ? ", " : "") + known[i];
    settings_error_ += " (and 'select', 'all')";
    return false;
  }
  // Definition files first, then policy files, each group in the order given.
  std::vector<Input> ordered;
  for (const Input& in : inputs_)
    if (in.definitions_only) ordered.push_back(in);
  for (const Input& in : inputs_)
    if (!in.definitions_only) ordered.push_back(in);
  if (std::any_of(ordered.begin(), ordered.end(), [&](const Input& in) { return is_ir_file(sources_.name(in.file)); }))
    return analyze_ok_ = analyze_ir(ordered, pipeline_text);
  asts_.reserve(ordered.size());
  for (const Input& in : ordered) asts_.push_back(frontend::parse(sources_, in.file, diags_));
  // Every phase reports on every line that got that far: the lines that parsed are lowered and
  // checked even when others did not parse, so one run lists all the mistakes of a file.
  bool unreadable = false;
  for (const Diagnostic& d : diags_.all()) unreadable |= d.kind == diag::err_cannot_read;
  if (unreadable) return false;
  if (!read_arch_line()) return false;
  std::vector<ir::InputFile> files;
  for (std::size_t i = 0; i < ordered.size(); ++i) files.push_back({&asts_[i], ordered[i].definitions_only});
  analyze_ok_ = analyze_abis(files, *pm);
  return analyze_ok_;
}

bool Compilation::analyze_abis(const std::vector<ir::InputFile>& files, const passes::PassManager& pm) {
  ir::Settings caller = module_.settings;
  if (targets_.size() > 1) caller.abis = targets_;
  // The first ABI reports into the compilation's engine; the others into their own, merged after,
  // so that a diagnostic every ABI finds is shown once.
  std::vector<std::unique_ptr<Diagnostics>> engines;
  std::vector<ir::Module> modules;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (i != 0) engines.push_back(abi_engine());
    caller.target = targets_[i];
    modules.push_back(ir::lower(files, caller, i == 0 ? diags_ : *engines.back()));
  }
  const auto engine = [&](std::size_t i) -> Diagnostics& { return i == 0 ? diags_ : *engines[i - 1]; };
  bool ok = true;
  for (std::size_t i = 0; i < modules.size(); ++i) ok = !engine(i).has_errors() && ok;
  if (ok) {
    note_skipped_rules(modules);
    note_abi_constants(modules.front());
    for (std::size_t i = 0; i < modules.size(); ++i) ok = run_passes(pm, modules[i], engine(i), i == 0) && ok;
    // -Wredundant-rule only for a rule that changes nothing on every ABI, before multiplexing
    // folds the sub-call rules away (typecheck judges a single ABI itself).
    std::vector<const ir::Module*> typed;
    for (const ir::Module& m : modules)
      if (m.expanded && m.typed) typed.push_back(&m);
    if (ok && modules.size() > 1 && typed.size() == modules.size()) passes::warn_redundant_rules(typed, diags_);
    for (std::size_t i = 0; ok && i < modules.size(); ++i)
      if (modules[i].expanded && modules[i].typed) passes::apply_multiplexing(modules[i], engine(i));
  }
  if (!ok)
    for (std::size_t i = 0; i < modules.size(); ++i) finish_checks(modules[i], engine(i));
  for (auto& d : engines)
    for (const Diagnostic& x : d->all()) diags_.merge(x);
  module_ = std::move(modules.front());
  other_modules_.assign(std::make_move_iterator(modules.begin() + 1), std::make_move_iterator(modules.end()));
  return ok && !diags_.has_errors();
}

std::unique_ptr<Diagnostics> Compilation::abi_engine() {
  auto d = std::make_unique<Diagnostics>(sources_);
  d->set_error_limit(0);  // the limit, -W options and -Werror apply when merged into diags_
  return d;
}

bool Compilation::run_passes(const passes::PassManager& pm, ir::Module& m, Diagnostics& diags, bool first) {
  passes::Instrumentation inst;
  if (first) {  // --print-after and --time-passes show the first ABI's pipeline
    inst.print_after = settings_.print_after;
    inst.time_passes = settings_.time_passes;
    inst.out = settings_.dump;
  }
  inst.verify_each = settings_.verify_each;
  std::optional<ir::Module> previous;
  if (settings_.validate_passes) {
    previous = m;
    inst.after_pass = [&](const std::string& pass, const ir::Module& after) {
      bool ok = validate_pass(pass, *previous, after);
      *previous = after;
      return ok;
    };
  }
  return pm.run(m, diags, inst);
}

bool is_ir_file(const std::string& name) {
  return name.size() > 3 && name.compare(name.size() - 3, 3, ".ir") == 0;
}

bool Compilation::analyze_ir(const std::vector<Input>& inputs, const std::string& level_pipeline) {
  if (inputs.size() != 1) {
    settings_error_ =
        "an IR file ('" + sources_.name(inputs.back().file) + "') is read alone, without policy or -d files";
    return false;
  }
  // The IR names its own target and defaults; --arch and --default-* do not apply to it.
  auto m = ir::read_module(sources_, inputs[0].file, diags_);
  if (!m) return false;
  module_ = std::move(*m);
  std::vector<std::string> problems = ir::verify(module_);
  for (const std::string& p : problems) diags_.report(diag::err_ir_verify, SourceRange{}) << "as read" << p;
  if (!problems.empty()) return false;
  targets_ = {module_.settings.target};
  // Without --passes, the level's pipeline goes on from the module's stage: the passes up to the
  // last lowering stage the IR already reached are left out.
  std::string pipeline = settings_.pipeline;
  if (pipeline.empty() && settings_.ir_continues_pipeline && !no_ir_passes_)
    pipeline = passes::remaining_pipeline(level_pipeline, module_);
  if (pipeline.empty()) return true;
  std::string error;
  auto pm = passes::PassManager::parse(pipeline, error);
  if (!pm) {
    settings_error_ = error;
    return false;
  }
  return run_passes(*pm, module_, diags_, true);
}

void Compilation::finish_checks(ir::Module& m, Diagnostics& diags) {
  // The checking passes the pipeline did not reach, each on what is left (unify drops the rules it
  // could not expand, typecheck gives failed values no type), so an undefined name on one line
  // does not hide a type error on another.
  std::vector<const char*> checks;
  if (!m.expanded) checks.push_back("unify");
  if (!m.typed) checks.insert(checks.end(), {"typecheck", "check-duplicates"});
  for (const char* check : checks) {
    std::string ignored;
    if (auto pm = passes::PassManager::parse(check, ignored)) pm->run(m, diags, {});
  }
}

namespace {
semantics::Options validation_options(unsigned timeout_ms, unsigned budget_ms) {
  semantics::Options o;
  o.timeout_ms = timeout_ms;
  o.budget_ms = budget_ms;
  o.max_counterexamples = 3;
  return o;
}
// After "not proven": says so when the reason is a solver module that could not be loaded.
void note_if_no_solver(Diagnostics& diags) {
  const std::string why = semantics::solver_unavailable();
  if (!why.empty()) diags.report(diag::note_solver_unavailable, SourceRange{}) << why;
}
}  // namespace

bool Compilation::validate_pass(const std::string& pass, const ir::Module& before, const ir::Module& after) {
  // The engine needs concrete actions and types: passes before `typecheck` are not judged.
  if (!before.expanded || !before.typed || !after.expanded || !after.typed) return true;
  semantics::Result r;
  try {
    r = semantics::prove_equal(before, after,
                               validation_options(settings_.validate_timeout_ms, settings_.validate_budget_ms));
  } catch (const std::exception& e) {
    diags_.report(diag::err_internal, SourceRange{}) << "cannot validate pass '" + pass + "': " + e.what();
    return false;
  }
  if (r.verdict == semantics::Result::Verdict::Differs) {
    diags_.report(diag::err_pass_changed_decision, SourceRange{}) << pass;
    for (const auto& cex : r.counterexamples)
      diags_.report(diag::note_counterexample, SourceRange{})
          << semantics::describe(cex, before.settings.target, "input", "output");
    return false;
  }
  if (r.verdict == semantics::Result::Verdict::NotProven) {
    diags_.report(diag::warn_not_proven, SourceRange{}) << "pass '" + pass + "'" << r.unproven.size();
    note_if_no_solver(diags_);
  }
  return !diags_.has_errors();
}

bool Compilation::validate_program(const bpf::Program& program) {
  semantics::Result r;
  try {
    r = semantics::prove_equal(modules(), program,
                               validation_options(settings_.validate_timeout_ms, settings_.validate_budget_ms));
  } catch (const std::exception& e) {
    diags_.report(diag::err_internal, SourceRange{}) << std::string("cannot validate the program: ") + e.what();
    return false;
  }
  validation_summary_ = semantics::describe(r.stats);
  if (r.verdict == semantics::Result::Verdict::Differs) {
    diags_.report(diag::err_validation_failed, SourceRange{});
    for (const auto& cex : r.counterexamples)
      diags_.report(diag::note_counterexample, SourceRange{})
          << semantics::describe(cex, targets_, "the policy", "the program");
    return false;
  }
  if (r.verdict == semantics::Result::Verdict::NotProven) {
    diags_.report(diag::warn_not_proven, SourceRange{}) << "the program" << r.unproven.size();
    note_if_no_solver(diags_);
  }
  return !diags_.has_errors();
}

namespace {
constexpr std::size_t kSkippedNotesEach = 5;
}  // namespace

void Compilation::note_skipped_rules(const std::vector<ir::Module>& modules) {
  if (modules.size() < 2) return;
  // Rules by their place in the policy, and the ABIs that have them.
  std::map<std::uint32_t, std::pair<const ir::Rule*, std::set<std::size_t>>> by_position;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (const ir::Rule& r : modules[i].rules) {
      auto& slot = by_position[r.position];
      if (slot.first == nullptr) slot.first = &r;
      slot.second.insert(i);
    }
  }
  // A few skipped rules get a note each; more (moby's profile on x32: about a hundred) one note per
  // ABI with a count and the first names. -Wall or -Weverything lists each.
  std::vector<std::vector<const ir::Rule*>> per_abi(modules.size());
  std::size_t skipped = 0;
  for (const auto& [position, slot] : by_position) {
    if (slot.second.size() == modules.size()) continue;
    ++skipped;
    for (std::size_t i = 0; i < modules.size(); ++i)
      if (!slot.second.count(i)) per_abi[i].push_back(slot.first);
  }
  const auto& w = settings_.warning_options;
  const bool each = skipped <= kSkippedNotesEach || std::find(w.begin(), w.end(), "all") != w.end() ||
                    std::find(w.begin(), w.end(), "everything") != w.end();
  if (!each) {
    for (std::size_t i = 0; i < modules.size(); ++i) {
      if (per_abi[i].empty()) continue;
      std::string names;
      for (std::size_t k = 0; k < per_abi[i].size() && k < kSkippedNotesEach; ++k)
        names += (k ? ", " : "") + per_abi[i][k]->syscall;
      if (per_abi[i].size() > kSkippedNotesEach) names += ", ...";
      diags_.standalone_note(diag::note_rules_skipped_on_abi, per_abi[i].front()->loc,
                             {std::to_string(per_abi[i].size()), std::string(targets_[i]->name()), names});
    }
    return;
  }
  for (const auto& [position, slot] : by_position) {
    if (slot.second.size() == modules.size()) continue;
    std::string missing;
    for (std::size_t i = 0; i < modules.size(); ++i)
      if (!slot.second.count(i)) missing += (missing.empty() ? "" : ", ") + std::string(targets_[i]->name());
    diags_.standalone_note(diag::note_rule_skipped_on_abi, slot.first->loc, {slot.first->syscall, missing});
  }
}

void Compilation::note_abi_constants(const ir::Module& m) {
  if (targets_.size() < 2) return;
  std::set<std::string> defined, seen;
  for (const ir::Definition& d : m.definitions) defined.insert(d.name);
  auto check = [&](const std::string& name, SourceRange loc) {
    if (name.empty() || defined.count(name) || !seen.insert(name).second) return;
    std::string values;
    bool differs = false;
    std::optional<std::uint64_t> first;
    for (const Target* t : targets_) {
      auto c = t->constant(name);
      if (!c) return;  // not a predefined constant everywhere: the ABIs that lack it report it
      if (first && *first != c->value) differs = true;
      if (!first) first = c->value;
      values += (values.empty() ? "" : ", ") + fmt::format("{} {:#x}", t->name(), c->value);
    }
    if (differs) diags_.standalone_note(diag::note_constant_differs_by_abi, loc, {name, values});
  };
  auto scan = [&](const ir::Function& f) {
    for (ir::ValueId v = 0; v < f.value_count(); ++v)
      if (f.value(v).op == ir::Opcode::Ref) check(f.value(v).name, f.value(v).loc);
    for (ir::BlockId b = 0; b < f.block_count(); ++b)
      if (f.block(b).term.action.form == ir::ActionOperand::Form::Name)
        check(f.block(b).term.action.name, f.block(b).term.action.loc);
  };
  for (const ir::Definition& d : m.definitions) scan(d.body);
  for (const ir::Rule& r : m.rules) scan(r.body);
}

bool Compilation::read_arch_line() {
  const ast::ArchSetting* first = nullptr;
  SourceRange first_at;
  bool ok = true;
  for (const ast::File& file : asts_) {
    for (const ast::Line& line : file.lines) {
      const auto* a = boost::variant2::get_if<ast::ArchSetting>(&line.node);
      if (a == nullptr) continue;
      if (first != nullptr) {
        diags_.report(diag::err_second_arch_line, line.range);
        diags_.report(diag::note_first_arch_line, first_at);
        ok = false;
        continue;
      }
      first = a;
      first_at = line.range;
    }
  }
  if (first == nullptr) return ok;
  // The file wins over --arch, as the DEFAULT_ lines win over the command line.
  std::vector<const Target*> targets;
  for (std::size_t i = 0; i < first->names.size(); ++i) {
    const Target* t = Target::find(first->names[i]);
    if (t == nullptr) {
      TypoCorrector typo(first->names[i]);
      std::string known;
      for (std::string_view n : Target::names()) {
        typo.offer(n);
        known += (known.empty() ? "" : ", ") + std::string(n);
      }
      if (auto best = typo.best())
        diags_.report(diag::err_unknown_arch_suggest, first->name_ranges[i]).fixit(*best) << first->names[i] << *best;
      else
        diags_.report(diag::err_unknown_arch, first->name_ranges[i]) << first->names[i] << known;
      ok = false;
      continue;
    }
    if (std::find(targets.begin(), targets.end(), t) != targets.end()) {
      diags_.report(diag::err_arch_listed_twice, first->name_ranges[i]) << std::string(t->name());
      ok = false;
      continue;
    }
    targets.push_back(t);
  }
  if (!ok) return false;
  targets_ = targets;
  module_.settings.target = targets_.front();
  return true;
}

std::vector<const ir::Module*> Compilation::modules() const {
  std::vector<const ir::Module*> out{&module_};
  for (const ir::Module& m : other_modules_) out.push_back(&m);
  return out;
}

std::optional<bpf::Program> Compilation::compile() {
  if (!analyze()) return std::nullopt;
  backend::BackendOptions opts;
  opts.opt_level = settings_.opt_level;
  opts.dag_pipeline = dag_pipeline_;
  opts.print_after = settings_.print_after;
  opts.dump = settings_.dump;
  // A profile from --profile holds the first ABI's numbers; the built-in one is by name, so each
  // ABI of a multi-ABI filter gets it with its own numbers.
  std::vector<backend::Profile> builtin;
  if (settings_.profile) {
    opts.profile = &*settings_.profile;
  } else if (settings_.default_profile && settings_.opt_level >= 2) {
    builtin.reserve(targets_.size());
    for (const ir::Module* m : modules()) {
      builtin.push_back(backend::default_profile(m->target()));
      opts.abi_profiles.push_back(&builtin.back());
    }
  }
  // The modules are verified once before the backend in every build: a plugin pass that breaks an
  // invariant gets a diagnostic, not a crash in instruction selection.
  const bool timed = settings_.time_passes && settings_.dump != nullptr;
  const auto t0 = timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  std::vector<std::string> problems;
  for (const ir::Module* m : modules()) {
    std::vector<std::string> found = ir::verify(*m);
    for (std::string& p : found)
      problems.push_back(targets_.size() > 1 ? std::string(m->target().name()) + ": " + p : std::move(p));
  }
  if (timed) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    *settings_.dump << fmt::format("; time-passes: {:<18} {:9.3f} ms\n", "verify (backend)", ms);
  }
  for (const std::string& p : problems) diags_.report(diag::err_ir_verify, SourceRange{}) << "before the backend" << p;
  if (!problems.empty()) return std::nullopt;
  auto program = backend::generate(modules(), opts, diags_);
  if (program && settings_.validate && !validate_program(*program)) return std::nullopt;
  return program;
}

}  // namespace secco::api
