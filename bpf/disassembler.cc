// Disassembler for the `asm` format. Two passes: the first finds jump targets (they get labels)
// and tracks, along the forward-only control flow, which seccomp_data field register A holds, so
// that `jeq #59` after `ld [nr]` can be annotated `; execve` and a compare after `ld [arch]` with
// the architecture's name; the second prints.
#include "bpf/disassembler.h"

#include <cstdint>
#include <vector>

#include "bpf/asm_syntax.h"
#include "support/action.h"
#include "target/target.h"

namespace secco::bpf {
namespace {

using namespace op;
namespace syn = asm_syntax;

constexpr int kUnreached = -2;  // no path reaches the instruction (yet)
constexpr int kUnknown = -1;    // A holds something other than a plain field load

int merge(int a, int b) {
  if (a == kUnreached) return b;
  if (b == kUnreached) return a;
  return a == b ? a : kUnknown;
}

constexpr std::int64_t kArchUnreached = -2;
constexpr std::int64_t kArchUnknown = -1;

std::int64_t merge_arch(std::int64_t a, std::int64_t b) {
  if (a == kArchUnreached) return b;
  if (b == kArchUnreached) return a;
  return a == b ? a : kArchUnknown;
}

// On entry to each instruction: the seccomp_data offset register A holds (or kUnknown), and the
// architecture every path to it has tested equal (`ld [arch]; jeq #AUDIT_ARCH_I386` taken), or
// kArchUnknown. A multi-ABI program's numbers are then named from each ABI's own table.
struct Flow {
  std::vector<int> a_holds;
  std::vector<std::int64_t> arch;
};

Flow track_loads(const Program& p) {
  Flow f{std::vector<int>(p.size(), kUnreached), std::vector<std::int64_t>(p.size(), kArchUnreached)};
  if (!p.empty()) {
    f.a_holds[0] = kUnknown;
    f.arch[0] = kArchUnknown;
  }
  auto flow = [&](std::size_t to, int state, std::int64_t arch) {
    if (to >= p.size()) return;
    f.a_holds[to] = merge(f.a_holds[to], state);
    f.arch[to] = merge_arch(f.arch[to], arch);
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Insn& insn = p[i];
    int out = f.a_holds[i];
    const std::int64_t arch = f.arch[i];
    const std::uint16_t c = insn.code;
    if (cls(c) == LD) out = (c == (LD | W | ABS)) ? static_cast<int>(insn.k) : kUnknown;
    if (cls(c) == ALU || c == (MISC | TXA)) out = kUnknown;
    if (cls(c) == RET) continue;
    if (cls(c) == JMP) {
      if (jmp_op(c) == JA) {
        flow(i + 1 + insn.k, out, arch);
      } else {
        const bool arch_test = out == 4 && jmp_op(c) == JEQ && src(c) == K;
        flow(i + 1 + insn.jt, out, arch_test ? static_cast<std::int64_t>(insn.k) : arch);
        flow(i + 1 + insn.jf, out, arch);
      }
      continue;
    }
    flow(i + 1, out, arch);
  }
  return f;
}

// The table naming a system call number: that of the architecture the path tested (x32 for the
// x32 numbers of AUDIT_ARCH_X86_64), else the caller's target.
// `exact`: a jeq (the boundary 0x40000000 of a jge is the split between x86_64 and x32, not x32's read).
const Target* naming_target(std::int64_t arch, std::uint32_t nr, bool exact, const Target* fallback) {
  const Target* t = arch >= 0 ? Target::find_by_audit_arch(static_cast<std::uint32_t>(arch)) : fallback;
  if (t == nullptr) return fallback;
  const bool x32_number = nr > t->x32_bit() || (exact && nr == t->x32_bit());
  if (t->x32_bit() != 0 && x32_number && nr != 0xffffffffU && !t->is_x32()) {
    if (const Target* x32 = Target::find("x32"); x32 && x32->audit_arch() == t->audit_arch()) return x32;
  }
  return t;
}

// "L12" for targets inside the program, "+N" (the raw offset) for the next instruction (offset
// 0, which gets no label) and for targets outside the program.
std::string target_name(std::size_t index, std::uint64_t offset, std::size_t length) {
  const std::uint64_t to = index + 1 + offset;
  if (offset != 0 && to < length) return "L" + std::to_string(to);
  return "+" + std::to_string(offset);
}

std::string ret_operand(std::uint32_t k) {
  Action a = Action::decode(k);
  if (a.encode() != k) return "#" + syn::hex(k);
  std::string name(action_keyword_name(a.kind));
  for (char& ch : name) ch = static_cast<char>(ch - ('a' <= ch && ch <= 'z' ? 'a' - 'A' : 0));
  if (a.has_data()) name += "(" + std::to_string(a.data) + ")";
  return name;
}

std::string load_operand(const Insn& in) {
  const std::string k = std::to_string(in.k);
  switch (mode(in.code)) {
    case IMM:
      return syn::immediate(in.k, false);
    case ABS:
      if (size(in.code) == W)
        if (auto f = syn::field_name(in.k)) return "[" + *f + "]";
      return "[" + k + "]";
    case IND:
      return "[x + " + k + "]";
    case MEM:
      return "M[" + k + "]";
    case LEN:
      return "len";
    case MSH:
      return "4*([" + k + "]&0xf)";
    default:
      return "?";
  }
}

std::string load_mnemonic(std::uint16_t c) {
  if (c == (LDX | B | MSH)) return "ldxb";
  std::string m = cls(c) == LDX ? "ldx" : "ld";
  if (cls(c) == LD && size(c) == H) m += "h";
  if (cls(c) == LD && size(c) == B) m += "b";
  return m;
}

std::string raw_insn(const Insn& in) {
  return ".insn " + syn::hex(in.code) + ", " + std::to_string(in.jt) + ", " + std::to_string(in.jf) + ", " +
         syn::hex(in.k);
}

std::string comment_for(const Insn& in, int a_holds, std::int64_t arch, const Target* fallback) {
  if (!syn::has_mnemonic(in)) return "";
  const bool jump_k = cls(in.code) == JMP && jmp_op(in.code) != JA && src(in.code) == K;
  const Target* target = naming_target(arch, jump_k ? in.k : 0, jump_k && jmp_op(in.code) == JEQ, fallback);
  if (cls(in.code) == JMP && jmp_op(in.code) != JA && src(in.code) == K && jmp_op(in.code) != JSET) {
    if (a_holds == 0 && target) {
      if (auto name = target->syscall_name(in.k)) return std::string(*name);
    }
    if (a_holds == 4) {
      if (auto name = audit_arch_name(in.k)) return std::string(*name);
    }
  }
  if (in.code == (RET | K) && target) {
    Action a = Action::decode(in.k);
    if (a.kind == ActionKind::Errno && a.encode() == in.k)
      if (auto name = target->errno_name(a.data)) return std::string(*name);
  }
  return "";
}

}  // namespace

std::string disassemble_insn(const Insn& in, std::size_t index, std::size_t length) {
  if (!syn::has_mnemonic(in)) return raw_insn(in);
  const std::uint16_t c = in.code;
  switch (cls(c)) {
    case LD:
    case LDX:
      return load_mnemonic(c) + " " + load_operand(in);
    case ST:
      return "st M[" + std::to_string(in.k) + "]";
    case STX:
      return "stx M[" + std::to_string(in.k) + "]";
    case ALU: {
      std::string m(*syn::alu_name(alu_op(c)));
      if (alu_op(c) == NEG) return m;
      if (src(c) == X) return m + " x";
      const bool mask = alu_op(c) == AND || alu_op(c) == OR || alu_op(c) == XOR;
      return m + " " + syn::immediate(in.k, mask);
    }
    case JMP: {
      if (jmp_op(c) == JA) return "ja " + target_name(index, in.k, length);
      const bool negated = in.jt == 0 && in.jf != 0;
      std::string text(*syn::jump_name(jmp_op(c), negated));
      text += src(c) == X ? " x" : " " + syn::immediate(in.k, jmp_op(c) == JSET);
      if (negated) return text + ", " + target_name(index, in.jf, length);
      text += ", " + target_name(index, in.jt, length);
      if (in.jf != 0) text += ", " + target_name(index, in.jf, length);
      return text;
    }
    case RET:
      return c == (RET | A) ? "ret a" : "ret " + ret_operand(in.k);
    case MISC:
      return c == (MISC | TAX) ? "tax" : "txa";
  }
  return raw_insn(in);
}

std::vector<AsmLine> disassemble_lines(const Program& program, const Target* target) {
  const std::size_t n = program.size();
  std::vector<bool> labelled(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Insn& in = program[i];
    if (!syn::has_mnemonic(in) || cls(in.code) != JMP) continue;
    auto mark = [&](std::uint64_t off) {
      if (off != 0 && i + 1 + off < n) labelled[i + 1 + off] = true;
    };
    if (jmp_op(in.code) == JA) {
      mark(in.k);
    } else {
      mark(in.jt);
      mark(in.jf);
    }
  }
  const Flow flow = track_loads(program);
  std::vector<AsmLine> lines;
  lines.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    lines.push_back({i, labelled[i], disassemble_insn(program[i], i, n),
                     comment_for(program[i], flow.a_holds[i], flow.arch[i], target)});
  return lines;
}

std::string disassemble(const Program& program, const Target* target) {
  constexpr std::size_t kCommentColumn = 34;
  std::string out;
  for (const AsmLine& l : disassemble_lines(program, target)) {
    if (l.labelled) out += "L" + std::to_string(l.index) + ":\n";
    std::string line = "  " + l.text;
    if (!l.comment.empty()) {
      if (line.size() < kCommentColumn) line.append(kCommentColumn - line.size(), ' ');
      line += " ; " + l.comment;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace secco::bpf
