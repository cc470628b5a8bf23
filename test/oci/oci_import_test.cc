// `secco import oci` and OCI profiles given to `secco compile`: the text written, the decisions it
// compiles to (emulated), and every kind of bad input (an error naming the JSON path, exit 1,
// nothing written).
#include <sys/stat.h>

#include <array>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "api/compilation.h"
#include "import/oci_import.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "target/target.h"

namespace st = secco::testing;
namespace oci = secco::oci;

namespace {

oci::ImportResult import(const std::string& json, std::vector<std::string> arches = {"x86_64"}) {
  oci::ImportOptions o;
  o.arches = std::move(arches);
  o.source_name = "p.json";
  return oci::import_profile(json, o);
}

// The first error, as `secco import oci` prints it.
std::string first_error(const oci::ImportResult& r) {
  for (const oci::Problem& p : r.problems)
    if (p.severity == oci::Problem::Severity::error) return oci::to_string(p, "p.json");
  return "(no error)";
}

std::string profile(const std::string& syscalls, const std::string& extra = "") {
  return R"({"defaultAction": "SCMP_ACT_ERRNO")" + extra + R"(, "syscalls": [)" + syscalls + "]}";
}

// What the imported profile's program returns for `name(args)` on x86_64.
std::uint32_t decide(const std::string& json, const std::string& name, std::array<std::uint64_t, 6> args = {}) {
  oci::ImportResult r = import(json);
  REQUIRE_MESSAGE(r.ok(), first_error(r));
  secco::api::Compilation c(secco::api::Settings{});
  c.add_text("p.json (imported)", r.text);
  auto prog = c.compile();
  REQUIRE_MESSAGE(prog.has_value(), r.text);
  std::string err;
  auto emu = secco::runtime::Emulator::create(*prog, err);
  REQUIRE(emu.has_value());
  secco::SeccompData d;
  d.arch = 0xc000003e;
  d.nr = *secco::Target::default_target().syscall_number(name);
  d.args = args;
  return emu->run(d).value;
}

bool exists(const std::string& path) {
  struct stat sb {};
  return ::stat(path.c_str(), &sb) == 0;
}

constexpr std::uint32_t kAllow = 0x7fff0000u;
constexpr std::uint32_t kEperm = 0x00050001u;

}  // namespace

TEST_CASE("bad profiles: an error with the JSON path") {
  struct Case {
    std::string json;
    std::string error;
  };
  const std::vector<Case> cases = {
      {profile(
           R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_FOO"}]})"),
       "p.json: error: syscalls[0].args[0].op: unknown operator 'SCMP_CMP_FOO'"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOWW"})"),
       "p.json: error: syscalls[0].action: unknown action 'SCMP_ACT_ALLOWW'"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "argz": []})"),
       "p.json: error: syscalls[0].argz: unknown field 'argz'"},
      {profile("", R"(, "defaultErrnoRett": 1)"), "p.json: error: defaultErrnoRett: unknown field 'defaultErrnoRett'"},
      {profile("", R"(, "listenerPath": "/run/agent.sock")"),
       "p.json: error: listenerPath: a seccomp notification listener is not supported: secco installs filters itself "
       "and has no agent to hand the listener to"},
      {profile(
           R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]})"),
       "p.json: error: syscalls[0].args[0].index: argument index 6 out of range (0 to 5)"},
      {profile(
           R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]})"),
       "p.json: error: syscalls[0].args[0].value: must not be negative (-1)"},
      {profile(
           R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 18446744073709551616, "op": "SCMP_CMP_EQ"}]})"),
       "p.json: error: syscalls[0].args[0].value: not an unsigned 64-bit integer (1.8446744073709552e+19)"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "op": "SCMP_CMP_EQ"}]})"),
       "p.json: error: syscalls[0].args[0]: missing field 'value'"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1})"),
       "p.json: error: syscalls[0].errnoRet: errnoRet is only meaningful with SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not "
       "SCMP_ACT_ALLOW"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "action": "SCMP_ACT_KILL"})"),
       "p.json: error: the key 'action' appears twice in one object"},
      {profile("", R"(, "architectures": ["SCMP_ARCH_X86_65"])"),
       "p.json: error: architectures[0]: unknown architecture 'SCMP_ARCH_X86_65' (expected SCMP_ARCH_*)"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMINN"]}})"),
       "p.json: error: syscalls[0].includes.caps[0]: unknown capability 'CAP_SYS_ADMINN'"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4"}})"),
       "p.json: error: syscalls[0].includes.minKernel: expected a kernel version MAJOR.MINOR, found '4'"},
      {profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["amd65"]}})"),
       "p.json: error: syscalls[0].excludes.arches[0]: unknown architecture 'amd65'"},
      {profile(R"({"names": [], "action": "SCMP_ACT_ALLOW"})"),
       "p.json: error: syscalls[0]: no system call names ('names' is missing or empty)"},
      {R"({"syscalls": []})", "p.json: error: missing field 'defaultAction'"},
      {R"([1, 2])", "p.json: error: a seccomp profile is a JSON object, found array"},
      {"{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": [,]\n}",
       "p.json:3:16: error: invalid JSON: syntax error while parsing value - unexpected ','; expected '[', '{', or a "
       "literal"},
      // A deny list whose entry names an unknown call: leaving it out would allow the call.
      {R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["ptrace", "ptracee"], "action": "SCMP_ACT_ERRNO"}]})",
       "p.json: error: syscalls[0].names[1]: unknown system call 'ptracee': leaving this SCMP_ACT_ERRNO rule out would "
       "give the call the less restrictive default action"},
      // Two conditional entries of different actions: libseccomp's answer depends on its tree order.
      {profile(
           R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]},
               {"names": ["read"], "action": "SCMP_ACT_LOG", "args": [{"index": 1, "value": 1, "op": "SCMP_CMP_EQ"}]})"),
       "p.json: error: syscalls[1]: conflicting conditional rules for 'read': allow (syscalls[0]) and log; secco "
       "imports one action per system call besides the default"},
  };
  for (const Case& c : cases) {
    oci::ImportResult r = import(c.json);
    INFO(c.json);
    CHECK_FALSE(r.ok());
    CHECK(r.text.empty());
    CHECK(first_error(r) == c.error);
  }
}

TEST_CASE("a 64-bit constant on a 32-bit ABI is an error (libseccomp compares the low half only)") {
  if (secco::Target::find("i386") == nullptr) return;
  const std::string json = profile(
      R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 4294967296, "op": "SCMP_CMP_EQ"}]})");
  oci::ImportResult r = import(json, {"i386"});
  CHECK(
      first_error(r) ==
      "p.json: error: syscalls[0].args[0].value: 0x100000000 has high bits, but i386 is a 32-bit ABI where libseccomp "
      "compares only the low 32 bits of an argument");
  CHECK(import(json, {"x86_64"}).ok());
}

TEST_CASE("the imported text keeps the profile's names and compiles") {
  const std::string json = R"({
    "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
    "syscalls": [
      {"names": ["read", "chown32", "write"], "action": "SCMP_ACT_ALLOW", "comment": "basics\nDEFAULT_POLICY = allow"},
      {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 38, "op": "SCMP_CMP_LT"}]},
      {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_GT"}]},
      {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "op": "SCMP_CMP_MASKED_EQ"}],
       "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
      {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
      {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}
    ]
  })";
  oci::ImportResult r = import(json);
  REQUIRE_MESSAGE(r.ok(), first_error(r));
  CHECK(r.text ==
        "# Imported by `secco import oci` from p.json, an OCI/Docker seccomp profile.\n"
        "# Target ABIs, from --arch: x86_64 (SCMP_ARCH_X86_64)\n"
        "# Capabilities granted: none; kernel: not given (no minKernel is reached)\n"
        "\n"
        "# defaultAction: SCMP_ACT_ERRNO, defaultErrnoRet: 1\n"
        "DEFAULT_POLICY = errno(1)\n"
        "DEFAULT_NEGATIVE = errno(1)\n"
        "\n"
        "# syscalls[0]: SCMP_ACT_ALLOW, read, chown32, write\n"
        "# comment: basics?DEFAULT_POLICY = allow\n"
        "# not a system call on x86_64: chown32\n"
        "read: return allow\n"
        "write: return allow\n"
        "\n"
        "# syscalls[1]: SCMP_ACT_ALLOW, socket\n"
        "# socket: syscalls[1], syscalls[2] (allow when the arguments match, else the default action)\n"
        "socket[+allow, -errno(1)]: arg0 < 38 || arg0 > 40\n"
        "\n"
        "# syscalls[2]: SCMP_ACT_ALLOW, socket\n"
        "\n"
        "# syscalls[3]: SCMP_ACT_ALLOW, clone\n"
        "clone[+allow, -errno(1)]: (argL0 & 0x7e020000) == 0x0\n"
        "\n"
        "# syscalls[4]: SCMP_ACT_ALLOW, mount\n"
        "# not applied: includes.caps: CAP_SYS_ADMIN is not granted\n"
        "\n"
        "# syscalls[5]: SCMP_ACT_ERRNO, errnoRet 38, clone3\n"
        "clone3: return errno(38)\n");
  CHECK(decide(json, "read") == kAllow);
  CHECK(decide(json, "mount") == kEperm);
  CHECK(decide(json, "clone3") == 0x00050026u);
  CHECK(decide(json, "socket", {37}) == kAllow);
  CHECK(decide(json, "socket", {38}) == kEperm);
  CHECK(decide(json, "socket", {40}) == kEperm);
  CHECK(decide(json, "socket", {0x100000000ull}) == kAllow);
  CHECK(decide(json, "clone", {0x11}) == kAllow);
  CHECK(decide(json, "clone", {0x10000000}) == kEperm);
  // With CAP_SYS_ADMIN the clone entry is excluded and mount is allowed.
  oci::ImportOptions o;
  o.caps = {"CAP_SYS_ADMIN"};
  oci::ImportResult admin = oci::import_profile(json, o);
  REQUIRE(admin.ok());
  CHECK(admin.text.find("mount: return allow\n") != std::string::npos);
  CHECK(admin.text.find("# not applied: excludes.caps: CAP_SYS_ADMIN is granted\n") != std::string::npos);
}

TEST_CASE("duplicate and conflicting entries are resolved as libseccomp resolves them") {
  // The first unconditional entry wins over every other entry of the call.
  const std::string first_wins = profile(
      R"({"names": ["read"], "action": "SCMP_ACT_LOG", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]},
         {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
         {"names": ["read"], "action": "SCMP_ACT_TRAP"})");
  CHECK(decide(first_wins, "read", {1}) == kAllow);
  CHECK(decide(first_wins, "read", {2}) == kAllow);
  oci::ImportResult r = import(first_wins);
  CHECK(r.text.find("read: return allow\n") != std::string::npos);
  CHECK(r.text.find("# syscalls[0] for read (log when arg0 == 1) is overridden by the unconditional rule of "
                    "syscalls[1], as in libseccomp\n") != std::string::npos);
  // An entry with the default action is dropped (runc skips it).
  const std::string same_as_default =
      profile(R"({"names": ["read"], "action": "SCMP_ACT_ERRNO"}, {"names": ["read"], "action": "SCMP_ACT_ALLOW"})");
  CHECK(decide(same_as_default, "read") == kAllow);
  // An argument index given twice: each comparison is its own rule (runc), so they are ORed.
  const std::string repeated = profile(
      R"({"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 5, "op": "SCMP_CMP_EQ"}]})");
  CHECK(decide(repeated, "read", {1}) == kAllow);
  CHECK(decide(repeated, "read", {5}) == kAllow);
  CHECK(decide(repeated, "read", {3}) == kEperm);
  // An allow-list entry naming a call no ABI has: a warning; the call keeps the default action.
  oci::ImportResult unknown = import(profile(R"({"names": ["read", "no_such_call"], "action": "SCMP_ACT_ALLOW"})"));
  REQUIRE(unknown.ok());
  REQUIRE(unknown.problems.size() == 1);
  CHECK(oci::to_string(unknown.problems[0], "p.json") ==
        "p.json: warning: syscalls[0].names[1]: unknown system call 'no_such_call' (on no ABI secco has tables for); "
        "left "
        "out, so it gets the default action");
}

TEST_CASE("secco import oci and secco compile PROFILE.json on the command line") {
  const std::string dir = st::temp_dir("oci-cli");
  const std::string moby = st::source_path("test/data/oci/moby-default.json");
  st::RunResult imp = st::run_secco({"import", "oci", "--arch", "x86_64", moby});
  CHECK_MESSAGE(imp.exit_code == 0, imp.err);
  CHECK(imp.out.find("personality[+allow, -errno(1)]: arg0 == 0 || arg0 == 8 || arg0 == 131072 || arg0 == 131080 || "
                     "arg0 == 4294967295\n") != std::string::npos);
  // The written text compiles to the same program as the profile itself.
  st::write_file(dir + "/moby.secco", imp.out);
  st::RunResult a = st::run_secco({"compile", "--arch", "x86_64", "-f", "asm", dir + "/moby.secco"});
  st::RunResult b = st::run_secco({"compile", "--arch", "x86_64", "-f", "asm", moby});
  CHECK_MESSAGE(a.exit_code == 0, a.err);
  CHECK_MESSAGE(b.exit_code == 0, b.err);
  CHECK(a.out.find("ret") != std::string::npos);
  CHECK(a.out.substr(a.out.find('\n')) == b.out.substr(b.out.find('\n')));  // the first line names the source

  // Bad input: exit 1, the path in the message, no output file.
  st::write_file(dir + "/bad.json", profile(R"({"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                            {"names": ["write"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_FOO"}]})"));
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"import", "oci", "-o", dir + "/out.secco", dir + "/bad.json"},
        std::vector<std::string>{"compile", "-o", dir + "/out.bpf", dir + "/bad.json"}}) {
    st::RunResult r = st::run_secco(cmd);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("bad.json: error: syscalls[1].args[0].op: unknown operator 'SCMP_CMP_FOO'") != std::string::npos);
  }
  CHECK_FALSE(exists(dir + "/out.secco"));
  CHECK_FALSE(exists(dir + "/out.bpf"));
  // Bad flags: exit 2.
  CHECK(st::run_secco({"import", "oci", "--caps", "CAP_NOPE", moby}).exit_code == 2);
  CHECK(st::run_secco({"import", "oci", "--kernel", "six", moby}).exit_code == 2);
  st::RunResult arch = st::run_secco({"import", "oci", "--arch", "vax", moby});
  CHECK(arch.exit_code == 1);
  CHECK(arch.err.find("--arch: secco has no system call tables for the ABI 'vax'") != std::string::npos);
  // --caps and --kernel reach the includes.
  st::RunResult caps =
      st::run_secco({"import", "oci", "--arch", "x86_64", "--caps", "sys_admin", "--kernel", "6.1", moby});
  CHECK(caps.exit_code == 0);
  CHECK(caps.out.find("mount: return allow\n") != std::string::npos);
  CHECK(caps.out.find("ptrace: return allow\n") != std::string::npos);
}

TEST_CASE("a list option takes one word per occurrence: `--caps A POLICY` keeps POLICY") {
  const std::string moby = st::source_path("test/data/oci/moby-default.json");
  const std::string dir = st::temp_dir("oci-caps");
  st::RunResult one = st::run_secco({"compile", "--caps", "CAP_SYS_ADMIN", moby, "-o", dir + "/one.bpf"});
  CHECK_MESSAGE(one.exit_code == 0, one.err);
  CHECK(one.err.find("POLICY is required") == std::string::npos);
  // Repeated and comma-separated give the same program; granting CAP_SYS_ADMIN changes it.
  st::RunResult rep =
      st::run_secco({"compile", "--caps", "CAP_SYS_ADMIN", "--caps", "CAP_SYS_PTRACE", moby, "-o", dir + "/rep.bpf"});
  st::RunResult comma =
      st::run_secco({"compile", "--caps", "CAP_SYS_ADMIN,CAP_SYS_PTRACE", moby, "-o", dir + "/comma.bpf"});
  st::RunResult none = st::run_secco({"compile", moby, "-o", dir + "/none.bpf"});
  REQUIRE(rep.exit_code == 0);
  REQUIRE(comma.exit_code == 0);
  REQUIRE(none.exit_code == 0);
  CHECK(st::read_file(dir + "/rep.bpf") == st::read_file(dir + "/comma.bpf"));
  CHECK(st::read_file(dir + "/one.bpf") != st::read_file(dir + "/none.bpf"));
  st::RunResult imp = st::run_secco({"import", "oci", "--arch", "x86_64", "--caps", "CAP_SYS_ADMIN", moby});
  CHECK_MESSAGE(imp.exit_code == 0, imp.err);
  CHECK(imp.out.find("mount: return allow\n") != std::string::npos);
  // The other list options: -W... (rewritten to --warning) and -d take one word too.
  st::RunResult w = st::run_secco({"compile", "-Wall", moby, "-o", dir + "/w.bpf"});
  CHECK_MESSAGE(w.exit_code == 0, w.err);
}
