// The public library API (include/secco/secco.h) against the command line it must agree with:
// programs and renderings byte-identical to `secco compile`, structured diagnostics with the
// locations `secco check` prints, the allow-list and deny-list presets, the emulator, and
// installation in a forked child. Only public headers are used here, as a consumer would.
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "doctest/doctest.h"
#include "lib/test_support.h"
#include "secco/secco.h"

namespace st = secco::testing;

namespace {

const char kServer[] = "examples/policies/server.secco";

secco::FilterAction run(const secco::Program& p, const char* call, std::array<std::uint64_t, 6> args = {},
                        std::string_view arch = "x86_64") {
  auto data = secco::make_syscall_data(call, args, arch);
  REQUIRE(data);
  secco::EmulateResult r = secco::emulate(p, *data);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.action;
}

secco::FilterAction act(const char* text) {
  auto a = secco::parse_action(text);
  REQUIRE_MESSAGE(a, text);
  return *a;
}

}  // namespace

TEST_CASE("every format of the library is byte-identical to secco compile -f") {
  std::string policy = st::source_path(kServer);
  secco::CompileResult r = secco::compile_files({policy});
  REQUIRE_MESSAGE(r.ok(), r.diagnostics_text());
  CHECK(r.error_count() == 0);
  CHECK(r.arch() == "x86_64");
  CHECK(r.program().size() > 10);
  for (const char* name : {"bin", "asm", "c", "json", "pcap-d", "pcap-dd", "pcap-ddd"}) {
    CAPTURE(name);
    auto format = secco::parse_format(name);
    REQUIRE(format);
    CHECK(std::string(secco::format_name(*format)) == name);
    st::RunResult cli = st::run_secco({"compile", "-f", name, policy});
    REQUIRE(cli.exit_code == 0);
    CHECK(r.render(*format) == cli.out);
    secco::DumpOptions o;
    o.sources = {policy};
    CHECK(secco::dump(r.program(), *format, o) == cli.out);
  }
  CHECK_FALSE(secco::parse_format("elf"));
  // The raw bytes are the program, and load back into it.
  std::string bytes = r.render(secco::Format::bin);
  CHECK(bytes.size() == r.program().size() * 8);
  std::string error;
  auto back = secco::load_program(bytes, &error);
  REQUIRE(back);
  CHECK(*back == r.program());
  CHECK_FALSE(secco::load_program(bytes.substr(0, 12), &error));
  CHECK(error.find("multiple of 8") != std::string::npos);
}

TEST_CASE("diagnostics are structured and rendered as the CLI renders them") {
  const char text[] =
      "read: 1\n"
      "reed: 1\n";
  secco::CompileResult r = secco::compile_string("bad.secco", text);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(static_cast<bool>(r));
  CHECK(r.program().empty());
  CHECK(r.render(secco::Format::assembly).empty());
  REQUIRE(r.error_count() == 1);
  const secco::Message* unknown = nullptr;
  for (const secco::Message& m : r.diagnostics())
    if (m.text.find("unknown system call 'reed'") != std::string::npos) unknown = &m;
  REQUIRE(unknown != nullptr);
  CHECK(unknown->severity == secco::Level::error);
  CHECK(unknown->file == "bad.secco");
  CHECK(unknown->line == 2);
  CHECK(unknown->column == 1);
  CHECK(secco::to_string(*unknown) ==
        "bad.secco:2:1: error: unknown system call 'reed' on x86_64; did you mean 'read'?");
  // The rendered text is what `secco check` prints for the same file.
  std::string dir = st::temp_dir("api-diag");
  st::write_file(dir + "/bad.secco", text);
  secco::CompileResult from_file = secco::compile_files({dir + "/bad.secco"});
  st::RunResult cli = st::run_secco({"check", dir + "/bad.secco"});
  CHECK(cli.exit_code == 1);
  CHECK(from_file.diagnostics_text() == cli.err);
  CHECK(from_file.diagnostics_text().find("^") != std::string::npos);
}

TEST_CASE("warnings leave the result ok unless warnings_as_errors") {
  const char text[] = "read: argL0 == 0x100000000\n";
  secco::CompileResult r = secco::compile_string("w.secco", text);
  REQUIRE(r.ok());
  REQUIRE(r.warning_count() >= 1);
  CHECK(r.diagnostics().front().severity == secco::Level::warning);
  CHECK(r.diagnostics().front().line == 1);
  secco::CompileOptions strict;
  strict.warnings_as_errors = true;
  secco::CompileResult s = secco::compile_string("w.secco", text, strict);
  CHECK_FALSE(s.ok());
  CHECK(s.diagnostics().front().severity == secco::Level::error);
}

TEST_CASE("option errors and unreadable files come back as diagnostics") {
  secco::CompileOptions o;
  o.arch = "vax";
  secco::CompileResult r = secco::compile_string("p.secco", "read: 1\n", o);
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics().size() == 1);
  CHECK(r.diagnostics()[0].file.empty());
  const std::string known =
      "x86_64, i386, x32, aarch64, arm, riscv64, ppc64le, ppc64, ppc, s390x, s390, mips, mipsel, mips64, mips64el, "
      "mips64n32, mips64eln32, parisc, parisc64, m68k, sh4";
  CHECK(r.diagnostics()[0].text == "unknown architecture 'vax' (known: " + known + ")");
  CHECK(r.diagnostics_text() == "secco: error: unknown architecture 'vax' (known: " + known + ")\n");

  secco::CompileOptions bad_action;
  bad_action.default_policy = "frobnicate";
  CHECK_FALSE(secco::compile_string("p.secco", "read: 1\n", bad_action).ok());

  secco::CompileResult missing = secco::compile_files({"/nonexistent/policy.secco"});
  CHECK_FALSE(missing.ok());
  REQUIRE_FALSE(missing.diagnostics().empty());
  CHECK(missing.diagnostics()[0].file == "/nonexistent/policy.secco");
  CHECK(missing.diagnostics_text().find("No such file") != std::string::npos);

  secco::CompileResult empty;  // default-constructed: failed, empty, safe to query
  CHECK_FALSE(empty.ok());
  CHECK(empty.diagnostics().empty());
  CHECK(empty.program().empty());
}

TEST_CASE("options reach the compiler: defaults, definitions, arch") {
  secco::CompileOptions o;
  o.default_policy = "EACCES";
  o.definition_texts.push_back({"defs.secco", "FD = 3\n"});
  secco::Policy policy(o);
  policy.add_text("p.secco", "read: arg0 == FD\n");
  secco::CompileResult r = policy.compile();
  REQUIRE_MESSAGE(r.ok(), r.diagnostics_text());
  CHECK(run(r.program(), "read", {3}) == act("allow"));
  CHECK(run(r.program(), "read", {4}) == act("kill"));
  CHECK(run(r.program(), "write") == act("EACCES"));
  // compile() can run again; a policy line overrides the caller's default.
  policy.add_text("q.secco", "DEFAULT_POLICY = trap(9)\n");
  secco::CompileResult again = policy.compile();
  REQUIRE(again.ok());
  CHECK(run(again.program(), "write") == act("trap(9)"));

  secco::CompileOptions i386;
  i386.arch = "i386";
  secco::CompileResult r32 = secco::compile_string("p.secco", "read: 1\n", i386);
  REQUIRE(r32.ok());
  CHECK(r32.arch() == "i386");
  CHECK(run(r32.program(), "read", {}, "i386") == act("allow"));
  CHECK(run(r32.program(), "read", {}, "x86_64") == act("kill"));  // a foreign architecture
  CHECK(secco::syscall_number("read", "i386") == 3u);
  CHECK(secco::syscall_number("read") == 0u);
  CHECK_FALSE(secco::syscall_number("reed"));
  CHECK(secco::audit_arch("x86_64") == 0xc000003eu);
  CHECK_FALSE(secco::make_syscall_data("read", {}, "vax"));
  CHECK(secco::make_syscall_data("1000")->nr == 1000u);
}

TEST_CASE("allow-list and deny-list presets, enforcing and tracing") {
  const char rules[] = "read: arg0 == 0\nptrace: 1\n";
  using secco::CompileOptions;
  using secco::Enforcement;

  secco::CompileResult allow = secco::compile_string("p", rules, CompileOptions::allow_list());
  REQUIRE(allow.ok());
  CHECK(run(allow.program(), "read", {0}) == act("allow"));
  CHECK(run(allow.program(), "read", {1}) == act("kill_process"));
  CHECK(run(allow.program(), "write") == act("kill_process"));
  CHECK(run(allow.program(), "read", {0}, "i386") == act("kill_process"));

  secco::CompileResult allow_errno =
      secco::compile_string("p", rules, CompileOptions::allow_list(Enforcement::enforcing, "EPERM"));
  REQUIRE(allow_errno.ok());
  CHECK(run(allow_errno.program(), "write") == act("errno(1)"));

  secco::CompileResult allow_trace =
      secco::compile_string("p", rules, CompileOptions::allow_list(Enforcement::tracing));
  REQUIRE(allow_trace.ok());
  CHECK(run(allow_trace.program(), "read", {0}) == act("allow"));
  CHECK(run(allow_trace.program(), "read", {1}) == act("log"));
  CHECK(run(allow_trace.program(), "write") == act("log"));
  CHECK(run(allow_trace.program(), "write", {}, "i386") == act("log"));

  secco::CompileResult deny = secco::compile_string("p", rules, CompileOptions::deny_list());
  REQUIRE(deny.ok());
  CHECK(run(deny.program(), "ptrace") == act("EPERM"));
  CHECK(run(deny.program(), "read", {0}) == act("EPERM"));
  CHECK(run(deny.program(), "read", {1}) == act("allow"));
  CHECK(run(deny.program(), "write") == act("allow"));
  CHECK(run(deny.program(), "write", {}, "i386") == act("kill_process"));

  secco::CompileResult deny_kill =
      secco::compile_string("p", rules, CompileOptions::deny_list(Enforcement::enforcing, "kill"));
  REQUIRE(deny_kill.ok());
  CHECK(run(deny_kill.program(), "ptrace") == act("kill_thread"));

  secco::CompileResult deny_trace = secco::compile_string("p", rules, CompileOptions::deny_list(Enforcement::tracing));
  REQUIRE(deny_trace.ok());
  CHECK(run(deny_trace.program(), "ptrace") == act("log"));
  CHECK(run(deny_trace.program(), "write") == act("allow"));
}

TEST_CASE("actions encode, decode and print as the kernel and secco emulate do") {
  secco::FilterAction e = act("EACCES");
  CHECK(e.type == secco::ActionType::return_errno);
  CHECK(e.data == 13);
  CHECK(secco::encode(e) == 0x0005000du);
  CHECK(secco::decode(0x7fff0000u) == act("allow"));
  CHECK(secco::decode(0x00030007u) == act("trap(7)"));
  CHECK(secco::to_string(act("kill")) == "kill_thread");
  CHECK(secco::to_string(e) == "errno(13)");
  CHECK_FALSE(secco::parse_action("frobnicate"));
}

TEST_CASE("emulate refuses a program the kernel would refuse") {
  secco::Program p{{0x20, 0, 0, 3}, {0x06, 0, 0, 0x7fff0000}};  // ld [3]: not word-aligned
  secco::EmulateResult r = secco::emulate(p, *secco::make_syscall_data("read"));
  CHECK_FALSE(r.ok());
  CHECK(r.error.find("refuse") != std::string::npos);
  CHECK_FALSE(secco::emulate({}, *secco::make_syscall_data("read")).ok());
}

TEST_CASE("install puts the program into the kernel (in a forked child)") {
  secco::KernelInfo k = secco::kernel_info();
  if (!k.filters) {
    MESSAGE("seccomp filters unavailable here: " << k.problem);
    return;
  }
  CHECK(k.supports(secco::ActionType::allow));
  CHECK(k.supports(secco::ActionType::return_errno));
  secco::CompileResult r = secco::compile_string("p", "getppid: return EACCES\n", secco::CompileOptions::deny_list());
  REQUIRE(r.ok());
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Exit codes: 10 install failed, 11 getppid not denied, 12 getpid denied, 0 as expected.
    secco::InstallResult i = secco::install(r.program());
    if (!i.ok()) _exit(10);
    errno = 0;
    if (::syscall(SYS_getppid) != -1 || errno != EACCES) _exit(11);
    if (::syscall(SYS_getpid) <= 0) _exit(12);
    _exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // The test process itself stays unfiltered.
  CHECK(::getppid() > 0);
}

TEST_CASE("install refuses what it cannot install, with a status and a sentence") {
  secco::InstallResult empty = secco::install({});
  CHECK_FALSE(empty.ok());
  CHECK(empty.status == "empty_program");
  CHECK_FALSE(empty.message.empty());
  secco::Program too_long(4097, secco::Instruction{0x06, 0, 0, 0x7fff0000});
  secco::InstallResult long_result = secco::install(too_long);
  CHECK(long_result.status == "program_too_long");
  CHECK(std::string(secco::version()) == SECCO_TEST_VERSION);
}
