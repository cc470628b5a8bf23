// Implementation of backend_test_util.h.
#include "backend/backend_test_util.h"

#include <sstream>

namespace secco::testing {

Compiled compile_text(const std::string& text, int opt_level, const std::string& name, bool validate) {
  api::Settings s;
  s.opt_level = opt_level;
  s.validate = validate;
  // Proofs over run-time `*`, `/`, `%` can keep the solver busy; a short budget reports them
  // "not proven" (counted by the property tests) instead of slowing the suite down.
  s.validate_timeout_ms = 50;
  s.validate_budget_ms = 100;
  api::Compilation c(s);
  c.add_text(name, text);
  Compiled out;
  out.program = c.compile();
  out.module = c.module();
  std::ostringstream os;
  c.render_diagnostics(os);
  if (!c.settings_error().empty()) os << "settings: " << c.settings_error() << '\n';
  out.diagnostics = os.str();
  return out;
}

long find_mod(const bpf::Program& p) {
  namespace op = bpf::op;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (op::cls(p[i].code) == op::ALU && op::alu_op(p[i].code) == op::MOD) return static_cast<long>(i);
  return -1;
}

std::size_t count_ja(const bpf::Program& p) {
  std::size_t n = 0;
  for (const bpf::Insn& i : p)
    if (i.code == (bpf::op::JMP | bpf::op::JA)) ++n;
  return n;
}

std::uint32_t longest_ja(const bpf::Program& p) {
  std::uint32_t best = 0;
  for (const bpf::Insn& i : p)
    if (i.code == (bpf::op::JMP | bpf::op::JA) && i.k > best) best = i.k;
  return best;
}

}  // namespace secco::testing
