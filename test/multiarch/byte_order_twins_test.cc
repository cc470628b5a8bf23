// ABIs that differ only in byte order (ppc64/ppc64le, mips64/mips64el, mips64n32/mips64eln32:
// the same system call numbers and constants) must get the same -O2 program but for the arch
// value and the offsets of the argument halves. The backend's range trees once measured their
// cost with the little-endian offsets, so a big-endian ABI got other (longer) code for
// test/golden/policies/small-server.secco.
#include <doctest/doctest.h>

#include <filesystem>

#include "lib/test_support.h"
#include "multiarch/multiarch_util.h"

namespace secco::testing {
namespace {

// `p` with the halves of every argument load swapped and the arch value `from` read as `to`.
bpf::Program as_other_byte_order(bpf::Program p, std::uint32_t from, std::uint32_t to) {
  for (bpf::Insn& in : p) {
    if (in.code == (bpf::op::LD | bpf::op::W | bpf::op::ABS) && in.k >= seccomp_offset::arg_low(0) &&
        in.k < seccomp_offset::kSize)
      in.k ^= 4;  // 16 + 8i <-> 20 + 8i
    else if (bpf::op::cls(in.code) == bpf::op::JMP && in.k == from)
      in.k = to;
  }
  return p;
}

TEST_CASE("big- and little-endian twins get the same -O2 program up to the argument offsets") {
  std::vector<std::string> policies;
  for (const char* dir : {"test/policies", "test/golden/policies"})
    for (const auto& e : std::filesystem::directory_iterator(source_path(dir)))
      if (e.path().extension() == ".secco") policies.push_back(e.path().string());
  std::sort(policies.begin(), policies.end());
  std::size_t compared = 0;
  for (const auto& [be, le] : {std::pair{"ppc64", "ppc64le"}, {"mips64", "mips64el"}, {"mips64n32", "mips64eln32"}}) {
    for (const std::string& path : policies) {
      INFO(std::string(be), " / ", std::string(le), ": ", path);
      const std::string text = read_file(path);
      MultiCompiled b = compile_for(be, text), l = compile_for(le, text);
      if (!l.program) continue;  // a policy naming a call these ABIs lack, or an error case
      REQUIRE_MESSAGE(b.program, b.diagnostics);
      const bpf::Program mapped = as_other_byte_order(*b.program, abi(be).audit_arch(), abi(le).audit_arch());
      CHECK(mapped.size() == l.program->size());
      CHECK(mapped == *l.program);
      ++compared;
    }
  }
  CHECK(compared >= 10);
  MESSAGE(compared << " program pairs compared");
}

}  // namespace
}  // namespace secco::testing
