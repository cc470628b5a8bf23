// moby's default seccomp profile (test/data/oci/moby-default.json), imported and compiled by
// secco, against libseccomp's build of the same profile made the way runc makes it: seccomp_init
// with the default action, seccomp_arch_add per architecture, one seccomp_rule_add_array per name
// and entry (runc's matchCall), seccomp_export_bpf. moby's includes/excludes are applied here by a
// separate, test-local reading of the JSON, so the importer is not its own oracle.
//
// Both programs run in secco's emulator on every system call number of each ABI (and the numbers
// around them, and -1), with argument vectors built from boundary values and the profile's own
// constants +-1. Every probe must give the same 32-bit return value. The program lengths and the
// executed instructions are reported (docs/oci.md has the figures).
#include <seccomp.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "api/compilation.h"
#include "bpf/raw.h"
#include "import/oci_import.h"
#include "lib/libseccomp_export.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"
#include "target/multiplexed.h"
#include "target/target.h"

namespace st = secco::testing;
using nlohmann::json;

namespace {

struct Config {
  std::vector<std::string> abis;  // native first
  std::vector<std::string> caps;
  std::optional<std::pair<unsigned, unsigned>> kernel;
};

std::uint32_t scmp_token(const std::string& abi) {
  if (abi == "x86_64") return SCMP_ARCH_X86_64;
  if (abi == "i386") return SCMP_ARCH_X86;
  if (abi == "x32") return SCMP_ARCH_X32;
  if (abi == "aarch64") return SCMP_ARCH_AARCH64;
  if (abi == "arm") return SCMP_ARCH_ARM;
  return 0;
}

// GOARCH of the native ABI, as moby's includes/excludes compare it.
std::string goarch(const std::string& abi) {
  if (abi == "x86_64") return "amd64";
  if (abi == "aarch64") return "arm64";
  return abi;
}

bool contains(const json& list, const std::string& s) {
  for (const json& v : list)
    if (v.get<std::string>() == s) return true;
  return false;
}

bool at_least(const Config& c, const std::string& version) {
  if (!c.kernel) return false;
  unsigned major = 0, minor = 0;
  std::sscanf(version.c_str(), "%u.%u", &major, &minor);
  return *c.kernel >= std::make_pair(major, minor);
}

// moby's setupSeccomp filter for one entry.
bool applies(const json& e, const Config& c) {
  const std::string arch = goarch(c.abis.front());
  auto has_cap = [&](const std::string& cap) { return std::find(c.caps.begin(), c.caps.end(), cap) != c.caps.end(); };
  if (e.contains("excludes")) {
    const json& x = e["excludes"];
    if (x.contains("arches") && contains(x["arches"], arch)) return false;
    if (x.contains("caps"))
      for (const json& cap : x["caps"])
        if (has_cap(cap.get<std::string>())) return false;
    if (x.contains("minKernel") && at_least(c, x["minKernel"].get<std::string>())) return false;
  }
  if (e.contains("includes")) {
    const json& x = e["includes"];
    if (x.contains("arches") && !contains(x["arches"], arch)) return false;
    if (x.contains("caps"))
      for (const json& cap : x["caps"])
        if (!has_cap(cap.get<std::string>())) return false;
    if (x.contains("minKernel") && !at_least(c, x["minKernel"].get<std::string>())) return false;
  }
  return true;
}

// runc's getAction (ERRNO and TRACE default to EPERM).
std::uint32_t action_of(const std::string& name, const json& errno_ret) {
  const std::uint32_t data = errno_ret.is_null() ? 1u : errno_ret.get<std::uint32_t>();
  if (name == "SCMP_ACT_ALLOW") return SCMP_ACT_ALLOW;
  if (name == "SCMP_ACT_ERRNO") return SCMP_ACT_ERRNO(data);
  if (name == "SCMP_ACT_TRACE") return SCMP_ACT_TRACE(data);
  if (name == "SCMP_ACT_TRAP") return SCMP_ACT_TRAP;
  if (name == "SCMP_ACT_LOG") return SCMP_ACT_LOG;
  if (name == "SCMP_ACT_KILL" || name == "SCMP_ACT_KILL_THREAD") return SCMP_ACT_KILL_THREAD;
  if (name == "SCMP_ACT_KILL_PROCESS") return SCMP_ACT_KILL_PROCESS;
  FAIL("action not handled by this test: " << name);
  return 0;
}

scmp_compare op_of(const std::string& op) {
  if (op == "SCMP_CMP_NE") return SCMP_CMP_NE;
  if (op == "SCMP_CMP_LT") return SCMP_CMP_LT;
  if (op == "SCMP_CMP_LE") return SCMP_CMP_LE;
  if (op == "SCMP_CMP_EQ") return SCMP_CMP_EQ;
  if (op == "SCMP_CMP_GE") return SCMP_CMP_GE;
  if (op == "SCMP_CMP_GT") return SCMP_CMP_GT;
  return SCMP_CMP_MASKED_EQ;
}

// The profile built with libseccomp as runc builds it.
secco::bpf::Program libseccomp_build(const json& profile, const Config& c) {
  const std::uint32_t def = action_of(profile["defaultAction"], profile.value("defaultErrnoRet", json()));
  scmp_filter_ctx ctx = seccomp_init(def);
  REQUIRE(ctx != nullptr);
  // The native ABI of this test's host is x86_64; a filter for other ABIs holds only those.
  if (std::find(c.abis.begin(), c.abis.end(), "x86_64") == c.abis.end())
    REQUIRE(seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) == 0);
  for (const std::string& abi : c.abis) {
    int rc = seccomp_arch_add(ctx, scmp_token(abi));
    REQUIRE_MESSAGE((rc == 0 || rc == -EEXIST), abi);
  }
  for (const json& e : profile["syscalls"]) {
    if (!applies(e, c)) continue;
    const std::uint32_t act = action_of(e["action"], e.value("errnoRet", json()));
    if (act == def) continue;
    std::vector<scmp_arg_cmp> conds;
    int per_index[6] = {0, 0, 0, 0, 0, 0};
    for (const json& a : e.value("args", json::array())) {
      conds.push_back(scmp_arg_cmp{a["index"].get<unsigned>(), op_of(a["op"]), a["value"].get<std::uint64_t>(),
                                   a.value("valueTwo", std::uint64_t{0})});
      ++per_index[a["index"].get<unsigned>()];
    }
    const bool split = std::any_of(std::begin(per_index), std::end(per_index), [](int n) { return n > 1; });
    for (const json& n : e["names"]) {
      const int nr = seccomp_syscall_resolve_name(n.get<std::string>().c_str());
      if (nr == __NR_SCMP_ERROR) continue;  // runc ignores names libseccomp does not know
      int rc = 0;
      if (conds.empty()) {
        rc = seccomp_rule_add_array(ctx, act, nr, 0, nullptr);
      } else if (split) {
        for (const scmp_arg_cmp& cmp : conds) rc = rc != 0 ? rc : seccomp_rule_add_array(ctx, act, nr, 1, &cmp);
      } else {
        rc = seccomp_rule_add_array(ctx, act, nr, static_cast<unsigned>(conds.size()), conds.data());
      }
      REQUIRE_MESSAGE(rc == 0, "seccomp_rule_add_array(" << n << ") = " << rc);
    }
  }
  std::optional<std::string> bytes = secco::testing::libseccomp_export_bytes(ctx);
  seccomp_release(ctx);
  REQUIRE(bytes);
  std::string err;
  auto p = secco::bpf::load_raw(*bytes, err);
  REQUIRE_MESSAGE(p.has_value(), err);
  return *p;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

secco::bpf::Program secco_build(const std::string& text, const Config& c) {
  secco::oci::ImportOptions o;
  o.arches = c.abis;
  o.caps = c.caps;
  o.kernel = c.kernel;
  o.source_name = "moby-default.json";
  secco::oci::ImportResult r = secco::oci::import_profile(text, o);
  std::string problems;
  for (const auto& p : r.problems) problems += secco::oci::to_string(p, "moby-default.json") + "\n";
  REQUIRE_MESSAGE(r.ok(), problems);
  secco::api::Settings s;
  s.arch = joined(c.abis);
  secco::api::Compilation comp(s);
  REQUIRE_MESSAGE(comp.settings_error().empty(), comp.settings_error());
  comp.add_text("moby-default.json (imported)", r.text);
  auto prog = comp.compile();
  std::ostringstream diags;
  comp.render_diagnostics(diags);
  REQUIRE_MESSAGE(prog.has_value(), diags.str() << r.text);
  return *prog;
}

struct Figures {
  std::uint64_t probes = 0, mismatches = 0, secco_steps = 0, libseccomp_steps = 0;
  std::string first_mismatch;
  // Probes that differ because libseccomp 2.5.4's table lacks the call (runc then ignores the
  // name, so the call gets the default action), by name.
  std::vector<std::string> newer_than_libseccomp;
};

void compare_all(const secco::bpf::Program& ours, const secco::bpf::Program& theirs, const json& profile,
                 const Config& c, Figures& f) {
  const std::uint32_t def_value = action_of(profile["defaultAction"], profile.value("defaultErrnoRet", json()));
  std::string err;
  auto a = secco::runtime::Emulator::create(ours, err);
  REQUIRE_MESSAGE(a.has_value(), err);
  auto b = secco::runtime::Emulator::create(theirs, err);
  REQUIRE_MESSAGE(b.has_value(), err);
  // Boundary values, and each constant of the profile +-1 (for a mask: its complement too).
  std::vector<std::uint64_t> values{0,          1,           2,           0x7fffffff,          0x80000000,
                                    0xffffffff, 0x100000000, 0x100000001, 0x8000000000000000u, ~0ull};
  for (const json& e : profile["syscalls"]) {
    for (const json& arg : e.value("args", json::array())) {
      for (const char* key : {"value", "valueTwo"}) {
        if (!arg.contains(key)) continue;
        const std::uint64_t k = arg[key].get<std::uint64_t>();
        for (std::uint64_t v : {k, k + 1, k - 1, ~k, k | std::uint64_t{0x100000000}, k & std::uint64_t{0xffffffff}})
          values.push_back(v);
      }
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  const bool has_x32 = std::find(c.abis.begin(), c.abis.end(), "x32") != c.abis.end();
  for (const std::string& abi : c.abis) {
    const secco::Target* t = secco::Target::find(abi);
    REQUIRE(t != nullptr);
    // The table's range plus 16; numbers far above it (arm's private calls at 0xf0001) with
    // their neighbours only, not the million numbers in between.
    std::vector<std::uint32_t> nrs;
    std::uint32_t lo = ~0u, hi = 0;
    for (const secco::SyscallEntry& e : t->syscalls()) lo = std::min(lo, e.nr);
    for (const secco::SyscallEntry& e : t->syscalls())
      if (e.nr - lo < 0x10000) hi = std::max(hi, e.nr);
    for (std::uint32_t nr = lo; nr <= hi + 16; ++nr) nrs.push_back(nr);
    for (const secco::SyscallEntry& e : t->syscalls())
      if (e.nr > hi + 16)
        for (std::uint32_t nr : {e.nr - 1, e.nr, e.nr + 1}) nrs.push_back(nr);
    std::sort(nrs.begin(), nrs.end());
    nrs.erase(std::unique(nrs.begin(), nrs.end()), nrs.end());
    if (!has_x32 || abi == "x32") nrs.push_back(0xffffffffu);
    for (std::uint32_t nr : nrs) {
      // x32 numbers in a filter without x32 are secco's wrong-architecture case, not compared
      // (libseccomp's x86_64 filter sends them through its own x32 check).
      if (abi == "x86_64" && !has_x32 && nr >= 0x40000000u && nr != 0xffffffffu) continue;
      secco::SeccompData d;
      d.arch = t->audit_arch();
      d.nr = nr;
      auto probe = [&]() {
        ++f.probes;
        auto x = a->run(d);
        auto y = b->run(d);
        f.secco_steps += x.steps;
        f.libseccomp_steps += y.steps;
        if (x.value != y.value && seccomp_syscall_resolve_num_arch(scmp_token(abi), static_cast<int>(nr)) == nullptr &&
            t->syscall_name(nr).has_value() && y.value == def_value) {
          const std::string name(*t->syscall_name(nr));
          if (std::find(f.newer_than_libseccomp.begin(), f.newer_than_libseccomp.end(), name) ==
              f.newer_than_libseccomp.end())
            f.newer_than_libseccomp.push_back(name);
        } else if (x.value != y.value) {
          ++f.mismatches;
          if (f.first_mismatch.empty()) {
            std::ostringstream os;
            os << abi << " nr=" << nr << " (" << t->syscall_name(nr).value_or("?") << ") args=";
            for (std::uint64_t v : d.args) os << std::hex << "0x" << v << ' ';
            os << ": secco 0x" << std::hex << x.value << ", libseccomp 0x" << y.value;
            f.first_mismatch = os.str();
          }
        }
      };
      // libseccomp treats x32 as a 32-bit ABI and compares only the low halves there; secco
      // compares the whole register the kernel passes (docs/architectures.md): x32 is probed
      // with 32-bit values only.
      const bool low_only = abi == "x32";
      probe();
      d.args.fill(low_only ? 0xffffffffull : ~0ull);
      probe();
      for (std::size_t i = 0; i < 6; ++i) {
        for (std::uint64_t v : values) {
          if (low_only && v > 0xffffffffull) continue;
          d.args.fill(0);
          d.args[i] = v;
          probe();
        }
      }
      // socketcall and ipc: every sub-call in arg0 (ipc also with a version in the high half).
      if (secco::multiplexes(*t) && (t->syscall_name(nr) == "socketcall" || t->syscall_name(nr) == "ipc")) {
        for (std::uint64_t v = 3; v <= 24; ++v) {
          for (std::uint64_t version : {0u, 0x10000u}) {
            d.args.fill(0);
            d.args[0] = v | version;
            probe();
          }
        }
      }
    }
  }
  // Foreign architectures get the wrong-architecture action in both.
  for (std::uint32_t arch : {0x40000003u, 0xc000003eu, 0xc00000b7u, 0x40000028u, 0u}) {
    bool selected = false;
    for (const std::string& abi : c.abis) selected = selected || secco::Target::find(abi)->audit_arch() == arch;
    if (selected) continue;
    secco::SeccompData d;
    d.arch = arch;
    for (std::uint32_t nr : {0u, 1u, 59u, 0xffffffffu}) {
      d.nr = nr;
      ++f.probes;
      if (a->run(d).value != b->run(d).value) {
        ++f.mismatches;
        if (f.first_mismatch.empty()) f.first_mismatch = "foreign arch " + std::to_string(arch);
      }
    }
  }
}

bool supported(const Config& c) {
  for (const std::string& abi : c.abis)
    if (secco::Target::find(abi) == nullptr) return false;
  secco::api::Settings s;
  s.arch = joined(c.abis);
  secco::api::Compilation comp(s);
  return comp.settings_error().empty();
}

void check_profile(const std::string& name, const std::string& text, const Config& c) {
  const json profile = json::parse(text);
  secco::bpf::Program ours = secco_build(text, c);
  secco::bpf::Program theirs = libseccomp_build(profile, c);
  Figures f;
  compare_all(ours, theirs, profile, c, f);
  CHECK_MESSAGE(f.mismatches == 0, f.first_mismatch);
  CHECK(f.probes > 10000);
  // Each explained difference is a call the profile names and secco's table has but libseccomp's
  // does not: secco applies the profile's entry, runc could not.
  std::string newer;
  for (const std::string& n : f.newer_than_libseccomp) {
    CHECK_MESSAGE(text.find("\"" + n + "\"") != std::string::npos, n << " is not named by the profile");
    newer += " " + n;
  }
  std::string config = name + ", " + joined(c.abis);
  if (!c.caps.empty()) config += " +caps";
  if (c.kernel) config += " kernel " + std::to_string(c.kernel->first) + "." + std::to_string(c.kernel->second);
  if (!newer.empty()) MESSAGE(config << ": calls newer than libseccomp 2.5.4's table (runc drops them):" << newer);
  MESSAGE(config << ": secco " << ours.size() << " instructions, libseccomp " << theirs.size() << "; " << f.probes
                 << " probes, executed instructions secco " << f.secco_steps << " (mean "
                 << static_cast<double>(f.secco_steps) / static_cast<double>(f.probes) << "), libseccomp "
                 << f.libseccomp_steps << " (mean "
                 << static_cast<double>(f.libseccomp_steps) / static_cast<double>(f.probes) << ")");
}

void check_config(const Config& c) {
  check_profile("moby default.json", st::read_file(st::source_path("test/data/oci/moby-default.json")), c);
}

}  // namespace

TEST_CASE("every comparison operator, merged entries and split args decide like libseccomp") {
  // Each SCMP_CMP_* with 64-bit constants, several entries per call (ORed), an entry whose
  // argument index repeats (runc splits it), an unconditional entry after a conditional one
  // (libseccomp keeps the unconditional), and an entry with the default action (dropped).
  const std::string text = R"({
    "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 13,
    "syscalls": [
      {"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 3, "op": "SCMP_CMP_LE"}]},
      {"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 2, "value": 4294967296, "op": "SCMP_CMP_GE"}]},
      {"names": ["write"], "action": "SCMP_ACT_TRACE", "errnoRet": 7,
       "args": [{"index": 1, "value": 18446744073709551516, "op": "SCMP_CMP_NE"},
                {"index": 2, "value": 1099511627775, "valueTwo": 1095216660480, "op": "SCMP_CMP_MASKED_EQ"}]},
      {"names": ["openat"], "action": "SCMP_ACT_KILL_PROCESS",
       "args": [{"index": 3, "value": 100, "op": "SCMP_CMP_GT"}, {"index": 3, "value": 4294967396, "op": "SCMP_CMP_LT"}]},
      {"names": ["close"], "action": "SCMP_ACT_LOG", "args": [{"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
      {"names": ["close"], "action": "SCMP_ACT_LOG"},
      {"names": ["dup"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
      {"names": ["mmap", "munmap"], "action": "SCMP_ACT_TRAP", "args": [{"index": 5, "value": 0, "op": "SCMP_CMP_EQ"}]},
      {"names": ["kill"], "action": "SCMP_ACT_KILL"}
    ]
  })";
  check_profile("operators", text, {{"x86_64"}, {}, std::nullopt});
}

TEST_CASE("sub-calls with no number of their own on i386 (recv, send) reach socketcall as in libseccomp") {
  // socketcall itself is not named, so only the sub-call rules decide socketcall(SYS_RECV, ...)
  // and socketcall(SYS_SEND, ...) on i386: every arg0 from 3 to 24 is probed.
  const std::string text = R"({
    "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
    "syscalls": [
      {"names": ["recv", "send", "recvfrom", "socket"], "action": "SCMP_ACT_ALLOW"},
      {"names": ["sendmsg"], "action": "SCMP_ACT_LOG"}
    ]
  })";
  check_profile("sub-calls", text, {{"x86_64", "i386", "x32"}, {}, std::nullopt});
}

TEST_CASE("moby's default profile decides like libseccomp's build of it: x86_64") {
  check_config({{"x86_64"}, {}, std::nullopt});
  check_config({{"x86_64"}, {}, std::make_pair(6u, 1u)});
  check_config({{"x86_64"}, {"CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_CHROOT"}, std::make_pair(6u, 1u)});
}

TEST_CASE("moby's default profile decides like libseccomp's build of it: several ABIs") {
  // One filter for x86_64 + i386 + x32 (moby's archMap entry for amd64) and for aarch64 + arm.
  for (const Config& c : {Config{{"x86_64", "i386", "x32"}, {}, std::make_pair(6u, 1u)},
                          Config{{"x86_64", "i386", "x32"}, {"CAP_SYS_ADMIN", "CAP_SYS_PTRACE"}, std::nullopt},
                          Config{{"aarch64", "arm"}, {}, std::make_pair(6u, 1u)},
                          Config{{"aarch64", "arm"}, {}, std::nullopt}, Config{{"aarch64"}, {}, std::nullopt}}) {
    INFO(joined(c.abis));
    REQUIRE(supported(c));
    check_config(c);
  }
}
