// `secco explain` on socketcall and ipc where they multiplex the socket and System V IPC calls:
// secco's programs with sub-call rules (with and without argument tests, with and without a
// number of their own) and rules for the multiplexers themselves round-trip, proven by explain
// and again by `secco verify`, and the recompiled text decides the multiplexed calls as the
// program in the emulator; libseccomp's exports round-trip or are refused naming the call;
// an explanation changed by hand is caught by the proof explain runs.
#include <doctest/doctest.h>
#include <seccomp.h>

#include <filesystem>
#include <functional>
#include <iterator>
#include <random>

#include "lib/explain_util.h"
#include "lib/test_support.h"
#include "multiarch/multiarch_util.h"
#include "semantics/equivalence.h"
#include "semantics/explain.h"

namespace secco::testing {
namespace {

// Sub-call rules with argument tests (their multiplexed forms get their most restrictive
// action), without, with no number of their own on i386/ppc/mips (accept, send, recv, semop,
// semtimedop), and argument-testing rules for both multiplexers (the calls left over).
const char* const kPolicy =
    "DEFAULT_POLICY = errno(1)\n"
    "DEFAULT_NEGATIVE = EPERM\n"
    "socket: arg0 == AF_UNIX\n"
    "connect: arg0 == 3; return EACCES\n"
    "sendmsg: argL2 == 0\n"
    "send: return errno(5)\n"
    "recv: 1\n"
    "accept: return kill_process\n"
    "socketcall: argL0 == 19 || argL0 == 20\n"
    "shmget: return errno(7)\n"
    "semop: 1\n"
    "semtimedop: argL0 == 1; return errno(9)\n"
    "msgsnd: argL2 == 0\n"
    "ipc[+log]: argL1 == 0\n";

// Compiles dir/p.secco for `arch` to dir/ARCH.bpf and round-trips that; returns the text.
std::string compiled_round_trip(const std::string& dir, const std::string& arch) {
  const std::string prog = dir + "/" + arch + ".bpf";
  RunResult c = run_secco({"compile", "--arch", arch, "-o", prog, dir + "/p.secco"});
  REQUIRE_MESSAGE(c.exit_code == 0, c.err);
  return round_trip(prog);
}

// The first line of `secco emulate` for one call of `prog`.
std::string emulated(const std::string& prog, const std::string& abi, std::uint32_t nr,
                     const std::vector<std::uint64_t>& args) {
  std::vector<std::string> call = {"emulate", "--bpf", prog, "--arch", abi, std::to_string(nr)};
  for (std::uint64_t a : args) call.push_back(std::to_string(a));
  RunResult r = run_secco(call);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out.substr(0, r.out.find('\n'));
}

void add(scmp_filter_ctx ctx, std::uint32_t action, const char* name) {
  REQUIRE(seccomp_rule_add(ctx, action, seccomp_syscall_resolve_name(name), 0) == 0);
}

}  // namespace

TEST_CASE("explain round-trips socketcall and ipc built from sub-call rules, little- and big-endian") {
  std::string dir = temp_dir("explain-mux");
  write_file(dir + "/p.secco", kPolicy);
  for (const char* arch : {"i386", "ppc", "mips", "x86_64,i386", "ppc64,ppc", "s390x", "mips,mipsel"}) {
    INFO(arch);
    const std::string text = compiled_round_trip(dir, arch);
    // The sub-calls with no number of their own are rules; the multiplexers keep the rest.
    CHECK_MESSAGE(text.find("\nsocketcall: argL0 >= 0x13 && argL0 < 0x15\n") != std::string::npos, text);
    CHECK_MESSAGE(text.find("\nipc[+log]: argL1 == 0\n") != std::string::npos, text);
    CHECK_MESSAGE(text.find("\nconnect: ") != std::string::npos, text);
    if (std::string(arch) == "i386" || std::string(arch) == "ppc") {
      CHECK_MESSAGE(text.find("\nsend: return errno(5)\n") != std::string::npos, text);
      CHECK_MESSAGE(text.find("\naccept: return kill_process\n") != std::string::npos, text);
      // i386 has no direct accept, send, recv, semop or semtimedop; ppc only no semop, semtimedop.
      CHECK_MESSAGE(text.find("\n# semop has no number of its own on " + std::string(arch)) != std::string::npos, text);
      CHECK((text.find("\n# send has no number of its own on i386") != std::string::npos) ==
            (std::string(arch) == "i386"));
      CHECK_MESSAGE(text.find("\n# " + std::string(arch) + " socketcall: the rules of socket (1), connect (3)") !=
                        std::string::npos,
                    text);
    }
  }
  // The recompiled text decides the multiplexed calls as the program, in the emulator: i386's
  // socketcall is 102 and ipc 117, ppc's 102 and 117 too.
  for (const char* abi : {"i386", "ppc"}) {
    INFO(abi);
    const std::string prog = dir + "/" + abi + ".bpf", again = dir + "/" + abi + "-again.bpf";
    const std::string text = read_file(prog + ".secco");
    std::vector<std::string> args = {"compile"};
    for (const std::string& f : header_flags(text)) args.push_back(f);
    args.insert(args.end(), {"-o", again, prog + ".secco"});
    RunResult c = run_secco(args);
    REQUIRE_MESSAGE(c.exit_code == 0, c.err);
    struct Probe {
      std::uint32_t nr;
      std::vector<std::uint64_t> args;
      const char* want;
    };
    const Probe probes[] = {
        {102, {1, 0}, "errno(1)"},             // socket: its rule tests arguments, the most restrictive
        {102, {3, 0}, "errno(13)"},            // connect
        {102, {5, 0}, "kill_process"},         // accept: no number of its own
        {102, {9, 0}, "errno(5)"},             // send
        {102, {10, 0}, "allow"},               // recv
        {102, {19, 0}, "allow"},               // recvmmsg: socketcall's own rule
        {102, {2, 0}, "errno(1)"},             // bind: no rule, the default
        {117, {23, 0}, "errno(7)"},            // shmget
        {117, {23 | 1 << 16, 0}, "errno(7)"},  // ipc's version bits do not escape it
        {117, {1, 0}, "allow"},                // semop
        {117, {4, 5}, "errno(9)"},             // semtimedop: most restrictive
        {117, {2, 0}, "log"},                  // semget: ipc's own rule
        {117, {2, 1}, "errno(1)"},
    };
    for (const Probe& p : probes) {
      INFO(p.nr, " ", p.args[0]);
      CHECK(emulated(again, abi, p.nr, p.args) == p.want);
      CHECK(emulated(prog, abi, p.nr, p.args) == p.want);
    }
  }
}

TEST_CASE("a sub-call that gets the default is given a rule when socketcall's own rule needs its number out") {
  std::string dir = temp_dir("explain-mux-default");
  // sendmsg gets the default (errno(1)) through socketcall, the other calls allow or
  // kill_thread: socketcall's own rule can have two outcomes only without sendmsg's number.
  write_file(dir + "/p.secco",
             "DEFAULT_POLICY = errno(1)\nsendmsg: return errno(1)\nsocketcall: argL1 == 0\nread: 1\n");
  for (const char* arch : {"i386", "ppc"}) {
    INFO(arch);
    const std::string text = compiled_round_trip(dir, arch);
    CHECK_MESSAGE(text.find("\nsendmsg: return errno(1)\n") != std::string::npos, text);
    CHECK_MESSAGE(text.find("\nsocketcall: argL1 == 0; return kill_thread\n") != std::string::npos, text);
    CHECK_MESSAGE(text.find("\n# sendmsg: the default, said by rules") != std::string::npos, text);
  }
}

TEST_CASE("explain round-trips the example server policy for x86_64, i386 and x32, naming what decides socketcall") {
  std::string dir = temp_dir("explain-mux-server");
  const std::string prog = dir + "/server.bpf";
  RunResult c = run_secco(
      {"compile", "-O2", "--arch", "x86_64,i386,x32", "-o", prog, source_path("examples/policies/server.secco")});
  REQUIRE_MESSAGE(c.exit_code == 0, c.err);
  const std::string text = round_trip(prog);
  CHECK_MESSAGE(text.find("# i386 socketcall: the rules of socket (1), bind (2), listen (4), setsockopt (14), accept4 "
                          "(18)") != std::string::npos,
                text);
  CHECK_MESSAGE(text.find("\nsocketcall") == std::string::npos, text);  // the other calls get the default
}

TEST_CASE(
    "explain reads libseccomp's socketcall on i386 and ppc; refuses what only the high half or ipc's "
    "whole word decides") {
  std::string dir = temp_dir("explain-mux-lsc");
  auto socket_rules = [](scmp_filter_ctx ctx) {
    add(ctx, SCMP_ACT_ALLOW, "socket");
    add(ctx, SCMP_ACT_ERRNO(13), "connect");
    add(ctx, SCMP_ACT_ALLOW, "bind");
    add(ctx, SCMP_ACT_ERRNO(9), "send");
    add(ctx, SCMP_ACT_ALLOW, "read");
  };
  // libseccomp compares all of arg0 with the call on 32-bit ABIs: what a sub-call rule compiles to.
  struct Case {
    const char* name;
    std::vector<std::uint32_t> arches;
  };
  for (const Case& k : std::vector<Case>{{"x86_64_i386", {SCMP_ARCH_X86_64, SCMP_ARCH_X86}},
                                         {"i386", {SCMP_ARCH_X86}},
                                         {"ppc", {SCMP_ARCH_PPC}},
                                         {"mips", {SCMP_ARCH_MIPS}}}) {
    INFO(k.name);
    const std::string prog = dir + "/" + k.name + ".bpf";
    libseccomp_export(k.arches, socket_rules, prog);
    const std::string text = round_trip(prog);
    CHECK_MESSAGE(text.find("\nsend: return errno(9)\n") != std::string::npos, text);
    CHECK_MESSAGE(text.find("\nconnect: return errno(13)\n") != std::string::npos, text);
  }

  // s390x: libseccomp also requires a zero high half of arg0, which the kernel ignores; a rule for
  // socket gives the call one action whatever the high half, so no policy says it.
  libseccomp_export({SCMP_ARCH_S390X}, socket_rules, dir + "/s390x.bpf");
  RunResult r = run_secco({"explain", dir + "/s390x.bpf", "-o", dir + "/s390x.secco"});
  CHECK(r.exit_code == 1);
  CHECK(!std::filesystem::exists(dir + "/s390x.secco"));
  CHECK_MESSAGE(r.err.find("cannot explain: s390x socketcall(arg0 = 1: socket) depends on more than its call number, "
                           "but the rule for socket gives it one action (allow)") != std::string::npos,
                r.err);

  // With a 32-bit ABI whose socketcall libseccomp writes as above: the 64-bit one is refused.
  libseccomp_export({SCMP_ARCH_PPC64, SCMP_ARCH_PPC}, socket_rules, dir + "/ppc64_ppc.bpf");
  r = run_secco({"explain", dir + "/ppc64_ppc.bpf"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_MESSAGE(r.err.find("cannot explain: ppc64 socketcall(arg0 = 1: socket) depends on more than its call number") !=
                    std::string::npos,
                r.err);

  // ipc on i386: libseccomp compares all of arg0, so shmget with a version in the high bits is
  // not shmget's: a rule for shmget (which has a number of its own) cannot say that.
  libseccomp_export(
      {SCMP_ARCH_X86},
      [](scmp_filter_ctx ctx) {
        add(ctx, SCMP_ACT_ALLOW, "shmget");
        add(ctx, SCMP_ACT_ALLOW, "read");
      },
      dir + "/ipc.bpf");
  r = run_secco({"explain", dir + "/ipc.bpf", "-o", dir + "/ipc.secco"});
  CHECK(r.exit_code == 1);
  CHECK(!std::filesystem::exists(dir + "/ipc.secco"));
  CHECK_MESSAGE(r.err.find("i386 ipc(arg0 = 23: shmget) depends on more than its call number") != std::string::npos,
                r.err);
  // semop has no number of its own on i386: libseccomp's whole-word test is ipc's own rule.
  libseccomp_export(
      {SCMP_ARCH_X86},
      [](scmp_filter_ctx ctx) {
        add(ctx, SCMP_ACT_ERRNO(3), "semop");
        add(ctx, SCMP_ACT_ALLOW, "read");
      },
      dir + "/semop.bpf");
  const std::string text = round_trip(dir + "/semop.bpf");
  CHECK_MESSAGE(text.find("\nipc[+errno(3)]: argL0 == 1\n") != std::string::npos, text);
}

TEST_CASE("explain round-trips random policies of sub-call and multiplexer rules on every multiplexing ABI set") {
  const char* const names[] = {"socket",  "bind",    "connect",    "listen",   "accept",   "getsockname",
                               "send",    "recv",    "sendto",     "recvfrom", "shutdown", "setsockopt",
                               "sendmsg", "recvmsg", "accept4",    "recvmmsg", "sendmmsg", "semop",
                               "semget",  "semctl",  "semtimedop", "msgsnd",   "msgrcv",   "msgget",
                               "msgctl",  "shmat",   "shmdt",      "shmget",   "shmctl"};
  const char* const actions[] = {"1",          "return errno(1)", "return errno(5)", "return kill_process",
                                 "return log", "return trap",     "return errno(13)"};
  const char* const tests[] = {"arg0 == 3", "argL1 == 0", "(argL2 & 4) != 0", "arg0 > 2"};
  const char* const abis[] = {"i386", "x86_64,i386", "ppc", "mips", "ppc64,ppc", "s390x", "x86_64,i386,x32"};
  std::mt19937 rng(20261201);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  for (int i = 0; i < 120; ++i) {
    std::string text = std::string("DEFAULT_POLICY = ") + (pick(2) == 0 ? "errno(1)" : "kill_thread") + "\nread: 1\n";
    for (std::size_t n = 1 + pick(8); n > 0; --n) {
      const char* name = names[pick(std::size(names))];
      if (text.find(std::string("\n") + name + ":") != std::string::npos) continue;
      text += std::string(name) + ": " +
              (pick(5) < 2 ? std::string(tests[pick(std::size(tests))]) + "; " + actions[1 + pick(6)]
                           : std::string(actions[pick(std::size(actions))])) +
              "\n";
    }
    for (const char* mux : {"socketcall", "ipc"}) {
      const std::size_t r = pick(4);
      if (r == 0) text += std::string(mux) + ": " + actions[pick(std::size(actions))] + "\n";
      if (r == 1) text += std::string(mux) + ": argL0 == " + std::to_string(1 + pick(24)) + " || argL1 == 0\n";
    }
    const char* arch = abis[pick(std::size(abis))];
    INFO(arch, "\n", text);
    MultiCompiled program = compile_for(arch, text);
    REQUIRE_MESSAGE(program.program, program.diagnostics);
    semantics::Explanation e = semantics::explain(*program.program, std::vector<const Target*>{});
    const std::string explained = semantics::policy_text(e, "random");
    INFO(explained);
    MultiCompiled again = compile_for(arch, explained);
    REQUIRE_MESSAGE(again.program, again.diagnostics);
    CHECK(semantics::prove_equal(*again.program, *program.program).verdict == semantics::Result::Verdict::Proven);
  }
}

TEST_CASE("a wrong reading of socketcall does not pass the proof explain runs") {
  MultiCompiled program = compile_for("x86_64,i386", kPolicy);
  REQUIRE_MESSAGE(program.program, program.diagnostics);
  semantics::Explanation e = semantics::explain(*program.program, std::vector<const Target*>{});
  // The explanation as written is proven equal...
  MultiCompiled same = compile_for("x86_64,i386", semantics::policy_text(e, "test"));
  REQUIRE_MESSAGE(same.program, same.diagnostics);
  CHECK(semantics::prove_equal(*same.program, *program.program).verdict == semantics::Result::Verdict::Proven);
  // ... each change to what decides a multiplexed call is not.
  struct Change {
    const char* what;
    std::function<void(semantics::Explanation&)> apply;
  };
  const Change changes[] = {
      {"send's action",
       [](semantics::Explanation& x) {
         for (semantics::SyscallRule& r : x.rules)
           if (r.name == "send") r.positive = r.negative = 0x50006;
       }},
      {"no socketcall rule",
       [](semantics::Explanation& x) {
         for (std::size_t i = 0; i < x.rules.size(); ++i)
           if (x.rules[i].name == "socketcall") {
             x.rules.erase(x.rules.begin() + static_cast<std::ptrdiff_t>(i));
             x.rule_abis.erase(x.rule_abis.begin() + static_cast<std::ptrdiff_t>(i));
           }
       }},
      {"ipc's own rule without argument tests",
       [](semantics::Explanation& x) {
         for (semantics::SyscallRule& r : x.rules)
           if (r.name == "ipc") r.negative = r.positive;
       }},
  };
  for (const Change& c : changes) {
    INFO(c.what);
    semantics::Explanation wrong = e;
    c.apply(wrong);
    MultiCompiled w = compile_for("x86_64,i386", semantics::policy_text(wrong, "test"));
    REQUIRE_MESSAGE(w.program, w.diagnostics);
    semantics::Result r = semantics::prove_equal(*w.program, *program.program);
    CHECK(r.verdict == semantics::Result::Verdict::Differs);
  }
}

}  // namespace secco::testing
