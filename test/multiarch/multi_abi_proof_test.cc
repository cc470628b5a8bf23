// The semantic engine on multi-ABI and big-endian filters: --validate proves secco's programs for
// several ABI mixes; libseccomp's big-endian programs are proven equal to the policy (libseccomp
// reads each half at its own offset, independently of secco); and a program whose argument loads
// use the wrong byte order for its ABI is caught with a counterexample.
#include <doctest/doctest.h>
#include <seccomp.h>

#include "bpf/raw.h"
#include "lib/libseccomp_export.h"
#include "multiarch/multiarch_util.h"
#include "semantics/equivalence.h"

namespace secco::testing {
namespace {

const char* kPolicy =
    "DEFAULT_POLICY = errno(1)\n"
    "DEFAULT_NEGATIVE = errno(2)\n"
    "read: arg0 == 3\n"
    "write: arg2 <= 0x100000000\n"
    "mmap: (argL3 & 0x22) == 0x22 && argH3 == 0\n"
    "close: return errno(9)\n"
    "lseek: arg2 != 1 || arg1 < 7\n";

MultiCompiled compile_validated(const std::string& arch) {
  api::Settings settings;
  settings.arch = arch;
  settings.validate = true;
  MultiCompiled out;
  out.compilation = std::make_unique<api::Compilation>(settings);
  out.compilation->add_text("proof.secco", kPolicy);
  out.program = out.compilation->compile();
  std::ostringstream os;
  out.compilation->render_diagnostics(os);
  out.diagnostics = os.str();
  return out;
}

std::optional<bpf::Program> libseccomp_export(const std::vector<std::uint32_t>& arches, bool big_endian) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(1));
  REQUIRE(ctx != nullptr);
  REQUIRE(seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) == 0);
  for (std::uint32_t a : arches) REQUIRE(seccomp_arch_add(ctx, a) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 3)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_NE, 3)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_LE, 0x100000000ULL)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(write), 1, SCMP_A2(SCMP_CMP_GT, 0x100000000ULL)) == 0);
  REQUIRE(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(9), SCMP_SYS(close), 0) == 0);
  std::optional<std::string> bytes = libseccomp_export_bytes(ctx);
  seccomp_release(ctx);
  REQUIRE(bytes);
  std::string error;
  return bpf::load_raw(big_endian ? native_order(*bytes) : *bytes, error);
}

}  // namespace

TEST_CASE("--validate proves multi-ABI and big-endian filters") {
  for (const char* arch :
       {"x86_64,i386,x32", "ppc64", "s390x,s390", "mips,mipsel", "aarch64,arm", "x32", "parisc,parisc64"}) {
    INFO(arch);
    MultiCompiled c = compile_validated(arch);
    REQUIRE_MESSAGE(c.program, c.diagnostics);
    CHECK(!c.compilation->validation_summary().empty());
  }
}

TEST_CASE("libseccomp's big-endian programs are proven equal to the policy") {
  const char* policy =
      "DEFAULT_POLICY = errno(1)\n"
      "DEFAULT_NEGATIVE = errno(2)\n"
      "read: arg0 == 3\n"
      "write: arg2 <= 0x100000000\n"
      "close: return errno(9)\n";
  for (const auto& [arch, tokens] : std::vector<std::pair<std::string, std::vector<std::uint32_t>>>{
           {"ppc64,s390x", {SCMP_ARCH_PPC64, SCMP_ARCH_S390X}},
           {"mips64", {SCMP_ARCH_MIPS64}},
           {"aarch64,riscv64", {SCMP_ARCH_AARCH64, SCMP_ARCH_RISCV64}}}) {
    INFO(arch);
    auto theirs = libseccomp_export(tokens, abi(arch.substr(0, arch.find(','))).big_endian());
    REQUIRE(theirs);
    MultiCompiled ours = compile_for(arch, policy);
    REQUIRE_MESSAGE(ours.program, ours.diagnostics);
    semantics::Result r = semantics::prove_equal(ours.compilation->modules(), *theirs);
    CHECK(r.verdict == semantics::Result::Verdict::Proven);
  }
}

TEST_CASE("argument loads in the wrong byte order for the ABI are caught") {
  // ppc64le's program, relabelled as ppc64's: the arch test now says big-endian, but the loads
  // still read the low half at the lower offset.
  MultiCompiled le = compile_for("ppc64le", kPolicy);
  REQUIRE_MESSAGE(le.program, le.diagnostics);
  MultiCompiled be = compile_for("ppc64", kPolicy);
  REQUIRE_MESSAGE(be.program, be.diagnostics);
  bpf::Program relabelled = *le.program;
  std::size_t changed = 0;
  for (bpf::Insn& i : relabelled) {
    if (i.k == abi("ppc64le").audit_arch() && bpf::op::cls(i.code) == bpf::op::JMP) {
      i.k = abi("ppc64").audit_arch();
      ++changed;
    }
  }
  REQUIRE(changed == 1);
  semantics::Result r = semantics::prove_equal(be.compilation->modules(), relabelled);
  CHECK(r.verdict == semantics::Result::Verdict::Differs);
  REQUIRE(!r.counterexamples.empty());
  CHECK(r.counterexamples.front().input.arch == abi("ppc64").audit_arch());
  // The right program for ppc64 is proven.
  r = semantics::prove_equal(be.compilation->modules(), *be.program);
  CHECK(r.verdict == semantics::Result::Verdict::Proven);
}

}  // namespace secco::testing
