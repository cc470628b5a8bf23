// Raw programs in a big-endian ABI's byte order (libseccomp's export of an s390x filter, read on
// x86_64): recognised only when every opcode fits in 8 bits after swapping, and swapped back exactly.
#include <doctest/doctest.h>

#include "bpf/raw.h"

using namespace secco;

namespace {

bpf::Program sample() {
  // ld [4]; jeq #0x80000016, 0, 1; ret ALLOW; ret KILL
  return {{0x20, 0, 0, 4}, {0x15, 0, 1, 0x80000016U}, {0x06, 0, 0, 0x7fff0000U}, {0x06, 0, 0, 0}};
}

}  // namespace

TEST_CASE("a program in the other byte order is recognised and swapped back exactly") {
  const bpf::Program p = sample();
  CHECK_FALSE(bpf::in_other_byte_order(p));
  const bpf::Program swapped = bpf::byte_swapped(p);
  CHECK(swapped[0].code == 0x2000);
  CHECK(swapped[1].k == 0x16000080U);
  CHECK(swapped[1].jf == 1);  // single bytes stay
  CHECK(bpf::in_other_byte_order(swapped));
  CHECK(bpf::byte_swapped(swapped) == p);
}

TEST_CASE("opcodes that fit neither way, or both, are left alone") {
  bpf::Program p = sample();
  p[2].code = 0x1234;  // not an opcode in either order
  CHECK_FALSE(bpf::in_other_byte_order(p));
  CHECK_FALSE(bpf::in_other_byte_order(bpf::byte_swapped(p)));
  // Only `ld #k` (opcode 0) reads the same both ways, and a program cannot end with it.
  bpf::Program zeros = {{0, 0, 0, 1}, {0, 0, 0, 2}};
  CHECK_FALSE(bpf::in_other_byte_order(zeros));
  CHECK_FALSE(bpf::in_other_byte_order(bpf::Program{}));
}
