// The dispatch's `jeq` chains (backend/dispatch.cc): single numbers of one outcome scattered in a
// background of another ("islands": an allow-list's one-number gaps, a deny-list's scattered
// denials) cost one `jeq` each, where a `jge` tree needs two comparisons per island. Checked: the
// programs decide as the IR interpreter on every number around every island (the compile itself
// is proven equal to the IR: validation is on), they are shorter than a `jge` tree can be, the
// arguments-free allowed calls stay decidable from the number (the kernel's cache walk is in
// dispatch_depth_test.cc, on the benchmark policies), and the kernel acts on them as the emulator.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "ir/interpreter.h"
#include "runtime/emulator.h"
#include "runtime/kernel_probe.h"
#include "support/seccomp_data.h"
#include "target/target.h"

namespace {

using secco::SeccompData;
namespace op = secco::bpf::op;

constexpr std::uint32_t kArch = 0xc000003eU;

SeccompData call(std::uint32_t nr) {
  SeccompData d;
  d.arch = kArch;
  d.nr = nr;
  return d;
}

struct Result {
  secco::bpf::Program program;
  std::vector<SeccompData> probes;
  std::vector<secco::Action> want;
};

// Compiles at -O2 with the built-in profile (validated) and records the interpreter's decisions on
// every number up to `top`, x32 and -1.
Result compile_and_interpret(const std::string& policy, std::uint32_t top) {
  secco::api::Settings s;
  secco::api::Compilation c(s);
  c.add_text("islands.secco", policy);
  auto prog = c.compile();
  std::ostringstream diags;
  c.render_diagnostics(diags);
  REQUIRE_MESSAGE(prog, diags.str());
  CHECK(diags.str().find("not proven") == std::string::npos);
  Result r;
  r.program = *prog;
  for (std::uint32_t nr = 0; nr <= top; ++nr) r.probes.push_back(call(nr));
  for (std::uint32_t nr : {0x40000000U, 0x40000001U, 0xfffffffeU, 0xffffffffU}) r.probes.push_back(call(nr));
  for (const SeccompData& d : r.probes) r.want.push_back(secco::ir::interpret(c.module(), d));
  return r;
}

// Policy text naming x86_64 calls by number.
std::string name(std::uint32_t nr) {
  auto n = secco::Target::find("x86_64")->syscall_name(nr);
  REQUIRE(n);
  return std::string(*n);
}

std::size_t count(const secco::bpf::Program& p, std::uint16_t code) {
  std::size_t n = 0;
  for (const auto& i : p) n += i.code == code ? 1 : 0;
  return n;
}

// Ranges of equal decision over the probes in number order (x32 and -1 included).
std::size_t ranges(const std::vector<secco::Action>& want) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < want.size(); ++i) n += i == 0 || !(want[i] == want[i - 1]) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("islands in an allow-list and a deny-list are jeq chains with the interpreter's decisions") {
  struct Case {
    const char* label;
    std::string policy;
  };
  std::vector<Case> cases;
  {
    // An allow-list of 0..120 with one-number gaps at every fifth number (and a run 60..70 out).
    std::string s = "DEFAULT_POLICY = kill\n";
    for (std::uint32_t nr = 0; nr <= 120; ++nr)
      if (nr % 5 != 3 && (nr < 60 || nr > 70)) s += name(nr) + ": 1\n";
    cases.push_back({"allow-list with gaps", s});
  }
  {
    // A deny-list: scattered single denials with two different actions, an argument rule among them.
    std::string s = "DEFAULT_POLICY = allow\n";
    for (std::uint32_t nr : {3U, 9U, 11U, 40U, 41U, 77U, 101U, 103U, 134U, 136U, 153U, 160U, 162U})
      s += name(nr) + ": return errno(1)\n";
    for (std::uint32_t nr : {5U, 107U, 200U}) s += name(nr) + ": return kill\n";
    s += name(16) + "[+allow, -errno(1)]: argL1 == 0x5401\n";
    cases.push_back({"deny-list with islands", s});
  }
  for (const Case& c : cases) {
    INFO(c.label);
    Result r = compile_and_interpret(c.policy, 340);
    secco::runtime::Emulator emu(r.program);
    for (std::size_t i = 0; i < r.probes.size(); ++i) {
      secco::Action got = emu.run(r.probes[i]).action;
      CAPTURE(r.probes[i].nr);
      CHECK(got == r.want[i]);
    }
    // A tree of `jge` alone needs one comparison per boundary: ranges - 1 on the number, plus
    // the architecture check. The chains need fewer.
    std::size_t jeq = count(r.program, op::JMP | op::JEQ | op::K);
    std::size_t jge = count(r.program, op::JMP | op::JGE | op::K);
    std::size_t arg_jumps = c.policy.find("argL1") != std::string::npos ? 1 : 0;
    CHECK(jeq > 1 + arg_jumps);
    CHECK(jeq + jge - 1 - arg_jumps < ranges(r.want) - 1);
  }
}

TEST_CASE("the kernel acts on a program with jeq chains on the number as the emulator predicts") {
  // Harmless calls as islands: getpid (39) and getppid (110) denied by errno in an allow-all
  // background with other islands around them; getuid (102) between them stays allowed.
  std::string policy = "DEFAULT_POLICY = allow\n";
  for (std::uint32_t nr : {37U, 39U, 41U, 108U, 110U, 112U}) policy += name(nr) + ": return errno(7)\n";
  Result r = compile_and_interpret(policy, 120);
  CHECK(count(r.program, op::JMP | op::JEQ | op::K) > 2);
  secco::runtime::Emulator emu(r.program);
  for (std::uint32_t nr : {39U, 110U, 102U}) {
    secco::Action predicted = emu.run(call(nr)).action;
    secco::runtime::KernelOutcome got = secco::runtime::run_under_filter(r.program, static_cast<long>(nr));
    INFO("nr ", nr, ": kernel ", secco::runtime::to_string(got), ", emulator ", predicted.to_string());
    CHECK(secco::runtime::consistent_with(got, predicted));
    CHECK(predicted == (nr == 102 ? secco::Action::allow() : secco::Action::errno_(7)));
  }
}
