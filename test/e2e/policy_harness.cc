#include "e2e/policy_harness.h"

#include <sstream>

#include "runtime/emulator.h"
#include "target/target.h"

namespace secco::testing {

CompileOutcome compile_policy(const std::string& policy, api::Settings settings, const std::string& file) {
  api::Compilation c(std::move(settings));
  c.add_text(file, policy);
  CompileOutcome r;
  r.program = c.compile();
  std::ostringstream os;
  c.render_diagnostics(os);
  r.text = os.str();
  return r;
}

std::string decide_x86_64(const bpf::Program& p, const char* syscall) {
  SeccompData d;
  d.nr = *Target::default_target().syscall_number(syscall);
  d.arch = 0xc000003e;
  return runtime::Emulator(p).run(d).action.to_string();
}

}  // namespace secco::testing
