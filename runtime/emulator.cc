// The classic-BPF interpreter for seccomp programs (contract in emulator.h).
//
// The loop relies on the checker's guarantees: every opcode is one seccomp allows, every jump lands
// inside the program, the last instruction returns, scratch reads follow writes and constant
// divisors and shifts are in range. So it only needs one switch per instruction; the trace variant
// is the same template instantiated with a callback, so the fast path carries no trace test.
#include "runtime/emulator.h"

#include <cstdio>
#include <utility>

#include "bpf/disassembler.h"

namespace secco::runtime {
namespace {

using namespace bpf::op;

std::string refusal(const std::vector<bpf::CheckError>& errors) {
  return "the kernel would refuse this program:\n" + bpf::format_check_errors(errors);
}

}  // namespace

EmulatorError::EmulatorError(std::vector<bpf::CheckError> errors)
    : std::runtime_error(refusal(errors)), errors_(std::move(errors)) {}

Emulator::Emulator(bpf::Program program) : program_(std::move(program)) {
  std::vector<bpf::CheckError> errors = bpf::check_program(program_);
  if (!errors.empty()) throw EmulatorError(std::move(errors));
}

std::optional<Emulator> Emulator::create(bpf::Program program, std::string& error) {
  std::vector<bpf::CheckError> errors = bpf::check_program(program);
  if (!errors.empty()) {
    error = refusal(errors);
    return std::nullopt;
  }
  return Emulator(std::move(program));
}

template <bool kTrace>
EmulatorResult Emulator::execute(const SeccompData& data, const TraceFn* trace) const {
  const bpf::Insn* const insns = program_.data();
  const std::size_t n = program_.size();
  std::uint32_t a = 0, x = 0;
  std::uint32_t mem[bpf::kMemWords] = {};
  std::size_t steps = 0;
  std::size_t pc = 0;
  auto finish = [&](std::uint32_t value) {
    if constexpr (kTrace) {
      TraceStep s;
      s.index = pc;
      s.insn = insns[pc];
      s.a = a;
      s.x = x;
      s.returned = true;
      s.value = value;
      (*trace)(s);
    }
    return EmulatorResult{value, Action::decode(value), steps};
  };
  while (pc < n) {
    const bpf::Insn& in = insns[pc];
    std::size_t next = pc + 1;
    ++steps;
    switch (in.code) {
      case LD | W | ABS:
        a = load_word(data, in.k);
        break;
      case LD | W | LEN:
        a = seccomp_offset::kSize;
        break;
      case LDX | W | LEN:
        x = seccomp_offset::kSize;
        break;
      case LD | IMM:
        a = in.k;
        break;
      case LDX | IMM:
        x = in.k;
        break;
      case LD | MEM:
        a = mem[in.k];
        break;
      case LDX | MEM:
        x = mem[in.k];
        break;
      case ST:
        mem[in.k] = a;
        break;
      case STX:
        mem[in.k] = x;
        break;
      case ALU | ADD | K:
        a += in.k;
        break;
      case ALU | ADD | X:
        a += x;
        break;
      case ALU | SUB | K:
        a -= in.k;
        break;
      case ALU | SUB | X:
        a -= x;
        break;
      case ALU | MUL | K:
        a *= in.k;
        break;
      case ALU | MUL | X:
        a *= x;
        break;
      case ALU | DIV | K:
        a /= in.k;
        break;
      case ALU | DIV | X:
        if (x == 0) return finish(0);  // the kernel's translation returns 0 here
        a /= x;
        break;
      case ALU | OR | K:
        a |= in.k;
        break;
      case ALU | OR | X:
        a |= x;
        break;
      case ALU | AND | K:
        a &= in.k;
        break;
      case ALU | AND | X:
        a &= x;
        break;
      case ALU | XOR | K:
        a ^= in.k;
        break;
      case ALU | XOR | X:
        a ^= x;
        break;
      case ALU | LSH | K:
        a <<= in.k;
        break;
      case ALU | LSH | X:
        a <<= (x & 31);
        break;
      case ALU | RSH | K:
        a >>= in.k;
        break;
      case ALU | RSH | X:
        a >>= (x & 31);
        break;
      case ALU | NEG:
        a = 0U - a;
        break;
      case MISC | TAX:
        x = a;
        break;
      case MISC | TXA:
        a = x;
        break;
      case JMP | JA:
        next = pc + 1 + in.k;
        break;
      case JMP | JEQ | K:
        next = pc + 1 + (a == in.k ? in.jt : in.jf);
        break;
      case JMP | JEQ | X:
        next = pc + 1 + (a == x ? in.jt : in.jf);
        break;
      case JMP | JGT | K:
        next = pc + 1 + (a > in.k ? in.jt : in.jf);
        break;
      case JMP | JGT | X:
        next = pc + 1 + (a > x ? in.jt : in.jf);
        break;
      case JMP | JGE | K:
        next = pc + 1 + (a >= in.k ? in.jt : in.jf);
        break;
      case JMP | JGE | X:
        next = pc + 1 + (a >= x ? in.jt : in.jf);
        break;
      case JMP | JSET | K:
        next = pc + 1 + ((a & in.k) != 0 ? in.jt : in.jf);
        break;
      case JMP | JSET | X:
        next = pc + 1 + ((a & x) != 0 ? in.jt : in.jf);
        break;
      case RET | K:
        return finish(in.k);
      case RET | A:
        return finish(a);
      default:
        return finish(0);  // unreachable after the checker; fail closed
    }
    if constexpr (kTrace) {
      TraceStep s;
      s.index = pc;
      s.insn = in;
      s.a = a;
      s.x = x;
      s.next = next;
      (*trace)(s);
    }
    pc = next;
  }
  return EmulatorResult{0, Action::decode(0), steps};  // unreachable after the checker; fail closed
}

EmulatorResult Emulator::run(const SeccompData& data) const {
  return execute<false>(data, nullptr);
}

EmulatorResult Emulator::run(const SeccompData& data, const TraceFn& trace) const {
  return execute<true>(data, &trace);
}

EmulatorResult Emulator::run(const SeccompData& data, std::ostream& trace) const {
  const std::size_t n = program_.size();
  TraceFn print = [&](const TraceStep& s) { trace << format_trace_step(s, n) << '\n'; };
  return execute<true>(data, &print);
}

std::string format_trace_step(const TraceStep& s, std::size_t length) {
  std::string text = bpf::disassemble_insn(s.insn, s.index, length);
  if (text.size() < 28) text.append(28 - text.size(), ' ');
  char regs[64];
  std::snprintf(regs, sizeof regs, "A=0x%08x X=0x%08x", static_cast<unsigned>(s.a), static_cast<unsigned>(s.x));
  char index[32];
  std::snprintf(index, sizeof index, "%4zu  ", s.index);
  std::string line = index + text + " " + regs + "  -> ";
  if (s.returned) {
    char value[16];
    std::snprintf(value, sizeof value, "0x%08x", static_cast<unsigned>(s.value));
    return line + "return " + value + " " + Action::decode(s.value).to_string();
  }
  return line + "L" + std::to_string(s.next);
}

}  // namespace secco::runtime
