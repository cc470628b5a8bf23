// libpcap-compatible dumps. Written from the observable behaviour of libpcap 1.10.3 (the test suite
// compares every opcode and many programs against the installed library):
//
//  -d    "(%03d) %-8s %s" per instruction, and for conditional jumps (class JMP, op not JA, which
//        includes unknown JMP-class codes) "(%03d) %-8s %-16s jt %d\tjf %d" with absolute targets.
//        Mnemonics match the exact 16-bit code only; anything else is "unimp 0x<code>". Operands
//        print k signed ("#%d", "[%d]", "M[%d]") or hex ("#0x%x") depending on the opcode, and an
//        empty operand still leaves the separating space (so "ret A" is "ret" + 6 spaces).
//  -dd   "{ 0x%x, %d, %d, 0x%08x },"
//  -ddd  the count, then "code jt jf k" in decimal.
#include "bpf/pcap_format.h"

#include <cstdint>
#include <cstdio>

namespace secco::bpf {
namespace {

using namespace op;

enum class Operand { None, Dec, Hex, Abs, Ind, Mem, Msh, Len, X, JaTarget, Unimp };

struct Image {
  const char* mnemonic;
  Operand operand;
};

// The opcode table of libpcap's bpf_image, keyed on the exact code.
Image image_of(std::uint16_t code) {
  switch (code) {
    case RET | K:
      return {"ret", Operand::Dec};
    case RET | A:
      return {"ret", Operand::None};
    case LD | W | ABS:
      return {"ld", Operand::Abs};
    case LD | H | ABS:
      return {"ldh", Operand::Abs};
    case LD | B | ABS:
      return {"ldb", Operand::Abs};
    case LD | W | LEN:
      return {"ld", Operand::Len};
    case LD | W | IND:
      return {"ld", Operand::Ind};
    case LD | H | IND:
      return {"ldh", Operand::Ind};
    case LD | B | IND:
      return {"ldb", Operand::Ind};
    case LD | IMM:
      return {"ld", Operand::Hex};
    case LDX | IMM:
      return {"ldx", Operand::Hex};
    case LDX | B | MSH:
      return {"ldxb", Operand::Msh};
    case LD | MEM:
      return {"ld", Operand::Mem};
    case LDX | MEM:
      return {"ldx", Operand::Mem};
    case ST:
      return {"st", Operand::Mem};
    case STX:
      return {"stx", Operand::Mem};
    case JMP | JA:
      return {"ja", Operand::JaTarget};
    case JMP | JGT | K:
      return {"jgt", Operand::Hex};
    case JMP | JGE | K:
      return {"jge", Operand::Hex};
    case JMP | JEQ | K:
      return {"jeq", Operand::Hex};
    case JMP | JSET | K:
      return {"jset", Operand::Hex};
    case JMP | JGT | X:
      return {"jgt", Operand::X};
    case JMP | JGE | X:
      return {"jge", Operand::X};
    case JMP | JEQ | X:
      return {"jeq", Operand::X};
    case JMP | JSET | X:
      return {"jset", Operand::X};
    case ALU | ADD | X:
      return {"add", Operand::X};
    case ALU | SUB | X:
      return {"sub", Operand::X};
    case ALU | MUL | X:
      return {"mul", Operand::X};
    case ALU | DIV | X:
      return {"div", Operand::X};
    case ALU | MOD | X:
      return {"mod", Operand::X};
    case ALU | AND | X:
      return {"and", Operand::X};
    case ALU | OR | X:
      return {"or", Operand::X};
    case ALU | XOR | X:
      return {"xor", Operand::X};
    case ALU | LSH | X:
      return {"lsh", Operand::X};
    case ALU | RSH | X:
      return {"rsh", Operand::X};
    case ALU | ADD | K:
      return {"add", Operand::Dec};
    case ALU | SUB | K:
      return {"sub", Operand::Dec};
    case ALU | MUL | K:
      return {"mul", Operand::Dec};
    case ALU | DIV | K:
      return {"div", Operand::Dec};
    case ALU | MOD | K:
      return {"mod", Operand::Dec};
    case ALU | AND | K:
      return {"and", Operand::Hex};
    case ALU | OR | K:
      return {"or", Operand::Hex};
    case ALU | XOR | K:
      return {"xor", Operand::Hex};
    case ALU | LSH | K:
      return {"lsh", Operand::Dec};
    case ALU | RSH | K:
      return {"rsh", Operand::Dec};
    case ALU | NEG:
      return {"neg", Operand::None};
    case MISC | TAX:
      return {"tax", Operand::None};
    case MISC | TXA:
      return {"txa", Operand::None};
    default:
      return {"unimp", Operand::Unimp};
  }
}

// C's "%d" of a 32-bit value (two's complement).
std::string signed_dec(std::uint32_t v) {
  return std::to_string(static_cast<std::int32_t>(v));
}

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%x", static_cast<unsigned>(v));
  return buf;
}

std::string operand_text(const Insn& in, int index) {
  switch (image_of(in.code).operand) {
    case Operand::None:
      return "";
    case Operand::Dec:
      return "#" + signed_dec(in.k);
    case Operand::Hex:
      return "#0x" + hex(in.k);
    case Operand::Abs:
      return "[" + signed_dec(in.k) + "]";
    case Operand::Ind:
      return "[x + " + signed_dec(in.k) + "]";
    case Operand::Mem:
      return "M[" + signed_dec(in.k) + "]";
    case Operand::Msh:
      return "4*([" + signed_dec(in.k) + "]&0xf)";
    case Operand::Len:
      return "#pktlen";
    case Operand::X:
      return "x";
    case Operand::JaTarget:
      return signed_dec(static_cast<std::uint32_t>(index) + 1U + in.k);
    case Operand::Unimp:
      return "0x" + hex(in.code);
  }
  return "";
}

// printf's "%-Ns": pad on the right to at least `width`.
void append_padded(std::string& out, const std::string& s, std::size_t width) {
  out += s;
  if (s.size() < width) out.append(width - s.size(), ' ');
}

std::string three_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", n);
  return buf;
}

}  // namespace

std::string pcap_image(const Insn& in, int index) {
  std::string line = "(" + three_digits(index) + ") ";
  append_padded(line, image_of(in.code).mnemonic, 8);
  line += ' ';
  const std::string operand = operand_text(in, index);
  if (cls(in.code) == JMP && jmp_op(in.code) != JA) {
    append_padded(line, operand, 16);
    line += " jt " + std::to_string(index + 1 + in.jt) + "\tjf " + std::to_string(index + 1 + in.jf);
  } else {
    line += operand;
  }
  return line;
}

std::string render_pcap(const Program& program, int level) {
  std::string out;
  char buf[64];
  if (level >= 3) {
    out += std::to_string(program.size()) + "\n";
    for (const Insn& in : program) {
      std::snprintf(buf, sizeof buf, "%u %u %u %u\n", static_cast<unsigned>(in.code), static_cast<unsigned>(in.jt),
                    static_cast<unsigned>(in.jf), static_cast<unsigned>(in.k));
      out += buf;
    }
  } else if (level == 2) {
    for (const Insn& in : program) {
      std::snprintf(buf, sizeof buf, "{ 0x%x, %d, %d, 0x%08x },\n", static_cast<unsigned>(in.code),
                    static_cast<int>(in.jt), static_cast<int>(in.jf), static_cast<unsigned>(in.k));
      out += buf;
    }
  } else {
    for (std::size_t i = 0; i < program.size(); ++i) out += pcap_image(program[i], static_cast<int>(i)) + "\n";
  }
  return out;
}

}  // namespace secco::bpf
