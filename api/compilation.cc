#include "api/compilation.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "backend/compile.h"
#include "frontend/parse.h"
#include "ir/lower_ast.h"
#include "passes/pass_manager.h"
#include "passes/pass_registry.h"
#include "target/target.h"

namespace secco::api {

namespace {
std::string size_words(std::size_t limit) {
  return limit >= (1u << 20) ? std::to_string(limit >> 20) + " MiB" : std::to_string(limit) + " bytes";
}
}  // namespace

std::optional<std::string> read_input(const std::string& path, std::string& error, std::size_t limit) {
  std::string data;
  if (path == "-") {
    char buf[65536];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
      data.append(buf, static_cast<std::size_t>(std::cin.gcount()));
      if (data.size() > limit) {
        error = "standard input is larger than " + size_words(limit);
        return std::nullopt;
      }
    }
    return data;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
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
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > limit) {
      error = "larger than " + size_words(limit);
      return std::nullopt;
    }
  }
  return data;
}

Compilation::Compilation(Settings settings) : settings_(std::move(settings)), diags_(sources_) {
  diags_.set_warnings_as_errors(settings_.warnings_as_errors);
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
    auto c = module_.settings.target->constant(a.name);
    if (!c || c->value > 0xffff) {
      settings_error_ = std::string(what) + ": unknown action '" + text + "'";
      return std::nullopt;
    }
    a = ir::ActionOperand::concrete(Action::errno_(static_cast<std::uint16_t>(c->value)));
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
  std::string error;
  auto pm = passes::PassManager::parse(pipeline_text, error);
  if (!pm) {
    settings_error_ = error;
    return false;
  }
  // Definition files first, then policy files, each group in the order given.
  std::vector<Input> ordered;
  for (const Input& in : inputs_)
    if (in.definitions_only) ordered.push_back(in);
  for (const Input& in : inputs_)
    if (!in.definitions_only) ordered.push_back(in);
  asts_.reserve(ordered.size());
  for (const Input& in : ordered) asts_.push_back(frontend::parse(sources_, in.file, diags_));
  if (diags_.has_errors()) return false;
  if (!read_arch_line()) return false;
  std::vector<ir::InputFile> files;
  for (std::size_t i = 0; i < ordered.size(); ++i) files.push_back({&asts_[i], ordered[i].definitions_only});
  analyze_ok_ = analyze_abis(files, *pm);
  return analyze_ok_;
}

bool Compilation::analyze_abis(const std::vector<ir::InputFile>& files, passes::PassManager& pm) {
  ir::Settings caller = module_.settings;
  if (targets_.size() > 1) caller.abis = targets_;
  // The first ABI reports into the compilation's engine; the others into their own, merged after,
  // so that a diagnostic every ABI finds is shown once.
  std::vector<std::unique_ptr<Diagnostics>> abi_diags;
  std::vector<ir::Module> modules;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (i != 0) {
      abi_diags.push_back(std::make_unique<Diagnostics>(sources_));
      abi_diags.back()->set_warnings_as_errors(settings_.warnings_as_errors);
    }
    Diagnostics& diags = i == 0 ? diags_ : *abi_diags.back();
    caller.target = targets_[i];
    modules.push_back(ir::lower(files, caller, diags));
  }
  for (auto& d : abi_diags)
    for (const Diagnostic& x : d->all()) diags_.merge(x);
  if (diags_.has_errors()) return false;
  note_skipped_rules(modules);
  bool ok = true;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    passes::Instrumentation inst;
    if (i == 0) {  // --print-after and --time-passes show the first ABI's pipeline
      inst.print_after = settings_.print_after;
      inst.time_passes = settings_.time_passes;
      inst.out = settings_.dump;
    }
    inst.verify_each = settings_.verify_each;
    Diagnostics& diags = i == 0 ? diags_ : *abi_diags[i - 1];
    ok = pm.run(modules[i], diags, inst) && ok;
  }
  for (auto& d : abi_diags)
    for (const Diagnostic& x : d->all()) diags_.merge(x);
  module_ = std::move(modules.front());
  other_modules_.assign(std::make_move_iterator(modules.begin() + 1), std::make_move_iterator(modules.end()));
  return ok && !diags_.has_errors();
}

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
  for (const auto& [position, slot] : by_position) {
    if (slot.second.size() == modules.size()) continue;
    std::string missing;
    for (std::size_t i = 0; i < modules.size(); ++i)
      if (!slot.second.count(i)) missing += (missing.empty() ? "" : ", ") + std::string(targets_[i]->name());
    diags_.standalone_note(diag::note_rule_skipped_on_abi, slot.first->loc, {slot.first->syscall, missing});
  }
}

bool Compilation::read_arch_line() {
  const ast::ArchSetting* first = nullptr;
  SourceRange first_at;
  for (const ast::File& file : asts_) {
    for (const ast::Line& line : file.lines) {
      const auto* a = boost::variant2::get_if<ast::ArchSetting>(&line.node);
      if (a == nullptr) continue;
      if (first != nullptr) {
        diags_.report(diag::err_second_arch_line, line.range);
        diags_.report(diag::note_first_arch_line, first_at);
        continue;
      }
      first = a;
      first_at = line.range;
    }
  }
  if (first == nullptr) return !diags_.has_errors();
  // The file wins over --arch, as the DEFAULT_ lines win over the command line.
  std::vector<const Target*> targets;
  for (std::size_t i = 0; i < first->names.size(); ++i) {
    const Target* t = Target::find(first->names[i]);
    if (t == nullptr) {
      std::string known;
      for (std::string_view n : Target::names()) known += (known.empty() ? "" : ", ") + std::string(n);
      diags_.report(diag::err_unknown_arch, first->name_ranges[i]) << first->names[i] << known;
      continue;
    }
    if (std::find(targets.begin(), targets.end(), t) != targets.end()) {
      diags_.report(diag::err_arch_listed_twice, first->name_ranges[i]) << std::string(t->name());
      continue;
    }
    targets.push_back(t);
  }
  if (diags_.has_errors()) return false;
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
  opts.profile = settings_.profile ? &*settings_.profile : nullptr;
  return backend::generate(modules(), opts, diags_);
}

}  // namespace secco::api
