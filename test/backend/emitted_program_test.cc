// Property: the emitted BPF program means what the IR means. For every policy in test/policies/
// and many random policies, at -O0, -O1 and -O2: the program passes bpf::check_program, holds no
// BPF_MOD, and under runtime::Emulator returns, on every probe, exactly the action the IR
// interpreter gives (and the same action at every level). A bounded sample of programs is then
// installed in the real kernel (runtime::run_under_filter) and probed with harmless system calls
// whose outcome must be consistent with the emulator's action.
// Scaled by $SECCO_PROPERTY_ITERATIONS; $SECCO_PROPERTY_SEED picks the first seed.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "backend/backend_test_util.h"
#include "bpf/checker.h"
#include "ir/interpreter.h"
#include "ir/printer.h"
#include "lib/random_policy.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "runtime/kernel_probe.h"
#include "target/target.h"

namespace secco::testing {
namespace {

struct Tally {
  std::size_t decisions = 0;
  std::size_t programs = 0;
  std::size_t not_proven = 0;  // programs whose proof the solver gave up on (a warning, not a pass)
};

// Compiles `text` at every level and checks the programs against the interpreter on `probes`; with
// `validate`, the -O2 program is proven equal to its IR. Returns the -O2 program (for the kernel
// sample).
std::optional<bpf::Program> check_levels(const std::string& label, const std::string& text,
                                         const std::vector<SeccompData>& probes, Tally& tally, bool validate = true) {
  INFO(label);
  INFO(text);
  std::vector<Action> level0;
  std::optional<bpf::Program> last;
  for (int level = 0; level <= 2; ++level) {
    INFO("-O", level);
    Compiled c = compile_text(text, level, label, validate && level == 2);
    // A failed proof (a counterexample) fails the compile, so the REQUIRE below catches it.
    REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
    const bpf::Program& prog = *c.program;
    ++tally.programs;
    if (c.diagnostics.find("not proven equal") != std::string::npos) ++tally.not_proven;
    std::vector<bpf::CheckError> errors = bpf::check_program(prog);
    if (!errors.empty()) FAIL(bpf::format_check_errors(errors));
    CHECK(find_mod(prog) == -1);
    runtime::Emulator emu(prog);
    for (std::size_t i = 0; i < probes.size(); ++i) {
      Action want = ir::interpret(c.module, probes[i]);
      Action got = emu.run(probes[i]).action;
      if (level == 0) level0.push_back(want);
      if (got != want || want != level0[i]) {
        FAIL_CHECK("probe " << describe(probes[i]) << ": emulator " << got.to_string() << ", interpreter "
                            << want.to_string() << ", -O0 interpreter " << level0[i].to_string() << "\nIR:\n"
                            << ir::to_string(c.module));
        return std::nullopt;
      }
      ++tally.decisions;
    }
    last = prog;
  }
  return last;
}

TEST_CASE("emitted programs agree with the IR interpreter on the example policies") {
  const Target& target = Target::default_target();
  Tally tally;
  std::uint64_t seed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("test/policies"))) {
    if (entry.path().extension() != ".secco") continue;
    std::string text = read_file(entry.path().string());
    Compiled c = compile_text(text, 0, entry.path().filename().string());
    REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
    RandomPolicy as_random;
    for (const ir::Rule& r : c.module.rules) {
      as_random.rules.push_back({r.syscall, r.nr});
      for (std::size_t v = 0; v < r.body.value_count(); ++v)
        if (r.body.value(v).op == ir::Opcode::Const) as_random.constants.push_back(r.body.value(v).imm);
    }
    std::vector<SeccompData> probes = generate_probes(as_random, target, ++seed, 2000 * property_iterations());
    check_levels(entry.path().filename().string(), text, probes, tally);
  }
  CHECK(tally.programs >= 15);
}

TEST_CASE("emitted programs agree with the IR interpreter on random policies") {
  const Target& target = Target::default_target();
  PolicyGenerator gen(target);
  const std::uint64_t first = property_seed();
  const std::uint64_t count = 2500 * property_iterations();
  Tally tally;
  auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    RandomPolicy p = gen.generate(seed);
    std::vector<SeccompData> probes = generate_probes(p, target, seed, 128);
    // Every -O2 program is also proven equal to its IR (translation validation); -O0 and -O1 are
    // compared with the interpreter on the probes.
    if (!check_levels("random-" + std::to_string(seed) + ".secco", p.text, probes, tally)) break;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE(count << " random policies, " << tally.programs << " programs (" << tally.not_proven
                << " not proven by the solver in time), " << tally.decisions << " emulator decisions compared in " << s
                << " s");
  CHECK(tally.programs == 3 * count);
}

// The kernel half: policies whose rules name only system calls that are harmless when they run
// and whose "allowed" result (a positive pid) differs from every errno result.
TEST_CASE("the kernel accepts emitted programs and acts as the emulator predicts") {
  const Target& target = Target::default_target();
  RandomPolicyOptions opts;
  opts.syscall_pool = {"getppid", "getpid", "gettid", "getpgrp"};
  opts.max_rules = 3;  // leaves one of the pool to the default policy
  PolicyGenerator gen(target, opts);
  const std::uint64_t first = property_seed() + 1000000;
  const std::uint64_t count = 50 * property_iterations();
  std::size_t forks = 0;
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    RandomPolicy p = gen.generate(seed);
    INFO(p.text);
    int level = static_cast<int>(seed % 3);
    INFO("-O", level);
    Compiled c = compile_text(p.text, level);
    REQUIRE_MESSAGE(c.program.has_value(), c.diagnostics);
    runtime::Emulator emu(*c.program);
    std::vector<SeccompData> probes = generate_probes(p, target, seed, 64);
    // Four kernel probes per policy: one per pool call when possible, plus -1; arguments from the
    // generated probes (getppid & co. ignore them).
    std::vector<SeccompData> chosen;
    for (const std::string& name : opts.syscall_pool) {
      SeccompData d = probes[chosen.size() % probes.size()];
      d.arch = target.audit_arch();
      d.nr = *target.syscall_number(name);
      chosen.push_back(d);
    }
    if (seed % 5 == 0) {
      SeccompData d = probes.back();
      d.arch = target.audit_arch();
      d.nr = 0xffffffffU;
      chosen.push_back(d);
    }
    for (const SeccompData& d : chosen) {
      Action predicted = emu.run(d).action;
      REQUIRE(predicted == ir::interpret(c.module, d));
      runtime::KernelOutcome got =
          runtime::run_under_filter(*c.program, static_cast<long>(static_cast<std::int32_t>(d.nr)), d.args);
      ++forks;
      INFO("probe ", describe(d), ": kernel ", runtime::to_string(got), ", emulator ", predicted.to_string());
      CHECK(runtime::consistent_with(got, predicted));
      if (predicted.kind == ActionKind::Allow || predicted.kind == ActionKind::Log) {
        // The call really ran: a pid, never an errno result.
        const auto* r = std::get_if<runtime::Returned>(&got);
        if (d.nr != 0xffffffffU) CHECK((r != nullptr && r->value > 0));
      }
    }
  }
  MESSAGE(forks << " system calls run under emitted filters");
  CHECK(forks >= 4 * count);
}

}  // namespace
}  // namespace secco::testing
