// Tables of the `asm` text format; see asm_syntax.h.
#include "bpf/asm_syntax.h"

#include <array>
#include <cstdio>

#include "support/seccomp_data.h"

namespace secco::bpf::asm_syntax {
namespace {

using namespace op;

struct Named {
  std::uint16_t value;
  std::string_view name;
};

constexpr std::array<Named, 11> kAlu = {{{ADD, "add"},
                                         {SUB, "sub"},
                                         {MUL, "mul"},
                                         {DIV, "div"},
                                         {OR, "or"},
                                         {AND, "and"},
                                         {LSH, "lsh"},
                                         {RSH, "rsh"},
                                         {NEG, "neg"},
                                         {MOD, "mod"},
                                         {XOR, "xor"}}};

struct JumpNames {
  std::uint16_t op;
  std::string_view plain;
  std::string_view negated;
};
constexpr std::array<JumpNames, 4> kJumps = {
    {{JEQ, "jeq", "jne"}, {JGT, "jgt", "jle"}, {JGE, "jge", "jlt"}, {JSET, "jset", "jnset"}}};

// Parses a decimal index of at most two digits ("3" in "args[3]").
std::optional<unsigned> small_index(std::string_view s) {
  if (s.empty() || s.size() > 2) return std::nullopt;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

}  // namespace

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", static_cast<unsigned>(v));
  return buf;
}

std::optional<std::string> field_name(std::uint32_t offset) {
  if (offset >= seccomp_offset::kSize || offset % 4 != 0) return std::nullopt;
  switch (offset) {
    case seccomp_offset::kNr:
      return std::string("nr");
    case seccomp_offset::kArch:
      return std::string("arch");
    case seccomp_offset::kIpLow:
      return std::string("ip.lo");
    case seccomp_offset::kIpHigh:
      return std::string("ip.hi");
    default:
      break;
  }
  const unsigned arg = (offset - 16) / 8;
  return "args[" + std::to_string(arg) + "]" + (offset % 8 == 0 ? ".lo" : ".hi");
}

std::optional<std::uint32_t> field_offset(std::string_view name) {
  if (name == "nr") return seccomp_offset::kNr;
  if (name == "arch") return seccomp_offset::kArch;
  if (name == "ip" || name == "ip.lo") return seccomp_offset::kIpLow;
  if (name == "ip.hi") return seccomp_offset::kIpHigh;
  if (name.substr(0, 5) != "args[") return std::nullopt;
  const std::size_t close = name.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  std::optional<unsigned> index = small_index(name.substr(5, close - 5));
  if (!index || *index > 5) return std::nullopt;
  std::string_view half = name.substr(close + 1);
  if (half.empty() || half == ".lo") return seccomp_offset::arg_low(*index);
  if (half == ".hi") return seccomp_offset::arg_high(*index);
  return std::nullopt;
}

std::optional<std::string_view> alu_name(std::uint16_t alu_op) {
  for (const Named& n : kAlu)
    if (n.value == alu_op) return n.name;
  return std::nullopt;
}

std::optional<std::uint16_t> alu_op_by_name(std::string_view name) {
  for (const Named& n : kAlu)
    if (n.name == name) return n.value;
  return std::nullopt;
}

std::optional<std::string_view> jump_name(std::uint16_t jmp_op, bool negated) {
  for (const JumpNames& j : kJumps)
    if (j.op == jmp_op) return negated ? j.negated : j.plain;
  return std::nullopt;
}

std::optional<JumpMnemonic> jump_by_name(std::string_view name) {
  for (const JumpNames& j : kJumps) {
    if (j.plain == name) return JumpMnemonic{j.op, false};
    if (j.negated == name) return JumpMnemonic{j.op, true};
  }
  return std::nullopt;
}

bool has_mnemonic(const Insn& in) {
  const std::uint16_t c = in.code;
  bool uses_k = true;
  bool uses_targets = false;
  switch (cls(c)) {
    case LD:
      switch (c) {
        case LD | IMM:
        case LD | W | ABS:
        case LD | H | ABS:
        case LD | B | ABS:
        case LD | W | IND:
        case LD | H | IND:
        case LD | B | IND:
        case LD | MEM:
          break;
        case LD | W | LEN:
          uses_k = false;
          break;
        default:
          return false;
      }
      break;
    case LDX:
      if (c == (LDX | W | LEN))
        uses_k = false;
      else if (c != (LDX | IMM) && c != (LDX | MEM) && c != (LDX | B | MSH))
        return false;
      break;
    case ST:
    case STX:
      if (c > STX) return false;
      break;
    case ALU:
      if (c > 0xff || !alu_name(alu_op(c))) return false;
      if (alu_op(c) == NEG) {
        if (src(c) != K) return false;
        uses_k = false;
      } else if (src(c) == X) {
        uses_k = false;
      }
      break;
    case JMP:
      if (c > 0xff) return false;
      if (jmp_op(c) == JA) {
        if (src(c) != K) return false;
      } else {
        if (!jump_name(jmp_op(c), false)) return false;
        uses_targets = true;
        if (src(c) == X) uses_k = false;
      }
      break;
    case RET:
      if (c == (RET | A))
        uses_k = false;
      else if (c != (RET | K))
        return false;
      break;
    case MISC:
      if (c != (MISC | TAX) && c != (MISC | TXA)) return false;
      uses_k = false;
      break;
  }
  if (!uses_k && in.k != 0) return false;
  if (!uses_targets && (in.jt != 0 || in.jf != 0)) return false;
  return true;
}

std::string immediate(std::uint32_t k, bool bitmask) {
  if (bitmask || k >= 4096) return "#" + hex(k);
  return "#" + std::to_string(k);
}

}  // namespace secco::bpf::asm_syntax
