// Implementation of ir_test_util.h.
#include "ir/ir_test_util.h"

#include <sstream>

#include "frontend/parse.h"
#include "ir/lower_ast.h"
#include "passes/pass_manager.h"
#include "target/target.h"

namespace secco::testing {

std::string LoweredPolicy::rendered() const {
  std::ostringstream os;
  diags.render(os);
  return os.str();
}

std::unique_ptr<LoweredPolicy> lower_files(const std::vector<SourceFile>& files) {
  auto p = std::make_unique<LoweredPolicy>();
  std::vector<const SourceFile*> ordered;
  for (const SourceFile& f : files)
    if (f.definitions_only) ordered.push_back(&f);
  for (const SourceFile& f : files)
    if (!f.definitions_only) ordered.push_back(&f);
  std::vector<ast::File> asts;
  asts.reserve(ordered.size());
  for (const SourceFile* f : ordered)
    asts.push_back(frontend::parse(p->sources, p->sources.add(f->name, f->text), p->diags));
  if (p->diags.has_errors()) return p;
  std::vector<ir::InputFile> inputs;
  for (std::size_t i = 0; i < asts.size(); ++i) inputs.push_back({&asts[i], ordered[i]->definitions_only});
  ir::Settings caller;
  caller.target = &Target::default_target();
  p->module = ir::lower(inputs, caller, p->diags);
  p->ok = !p->diags.has_errors();
  return p;
}

std::unique_ptr<LoweredPolicy> lower_policy(const std::string& text, const std::string& name,
                                            const std::vector<std::pair<std::string, std::string>>& definition_files) {
  std::vector<SourceFile> files;
  for (const auto& [file_name, file_text] : definition_files) files.push_back({file_name, file_text, true});
  files.push_back({name, text, false});
  return lower_files(files);
}

bool run_pipeline(ir::Module& m, const std::string& pipeline, Diagnostics& diags) {
  std::string error;
  auto pm = passes::PassManager::parse(pipeline, error);
  if (!pm) return false;
  passes::Instrumentation inst;
  inst.verify_each = true;
  return pm->run(m, diags, inst);
}

std::vector<std::string> split_pipeline(const std::string& pipeline) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : pipeline) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace secco::testing
