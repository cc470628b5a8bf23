// The classic-BPF machine as seccomp sees it: instructions, programs and opcode names.
// Layout of Insn is exactly the kernel's `struct sock_filter`.
#pragma once

#include <cstdint>
#include <vector>

namespace secco::bpf {

struct Insn {
  std::uint16_t code = 0;
  std::uint8_t jt = 0;
  std::uint8_t jf = 0;
  std::uint32_t k = 0;

  friend bool operator==(const Insn& a, const Insn& b) {
    return a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k;
  }
  friend bool operator!=(const Insn& a, const Insn& b) { return !(a == b); }
};
static_assert(sizeof(Insn) == 8, "Insn must match struct sock_filter");

using Program = std::vector<Insn>;

// The kernel's limit on a filter's length (BPF_MAXINSNS).
inline constexpr std::size_t kMaxInsns = 4096;
// Scratch memory words (BPF_MEMWORDS).
inline constexpr std::uint32_t kMemWords = 16;

// Opcode fields (values of <linux/bpf_common.h>).
namespace op {
inline constexpr std::uint16_t LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06,
                               MISC = 0x07;
inline constexpr std::uint16_t W = 0x00, H = 0x08, B = 0x10;
inline constexpr std::uint16_t IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80, MSH = 0xa0;
inline constexpr std::uint16_t ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60,
                               RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0;
inline constexpr std::uint16_t JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
inline constexpr std::uint16_t K = 0x00, X = 0x08, A = 0x10;
inline constexpr std::uint16_t TAX = 0x00, TXA = 0x80;

inline constexpr std::uint16_t cls(std::uint16_t code) {
  return code & 0x07;
}
inline constexpr std::uint16_t size(std::uint16_t code) {
  return code & 0x18;
}
inline constexpr std::uint16_t mode(std::uint16_t code) {
  return code & 0xe0;
}
inline constexpr std::uint16_t alu_op(std::uint16_t code) {
  return code & 0xf0;
}
inline constexpr std::uint16_t jmp_op(std::uint16_t code) {
  return code & 0xf0;
}
inline constexpr std::uint16_t src(std::uint16_t code) {
  return code & 0x08;
}
inline constexpr std::uint16_t rval(std::uint16_t code) {
  return code & 0x18;
}
inline constexpr std::uint16_t misc_op(std::uint16_t code) {
  return code & 0xf8;
}
}  // namespace op

inline Insn stmt(std::uint16_t code, std::uint32_t k) {
  return Insn{code, 0, 0, k};
}
inline Insn jump(std::uint16_t code, std::uint32_t k, std::uint8_t jt, std::uint8_t jf) {
  return Insn{code, jt, jf, k};
}

}  // namespace secco::bpf
