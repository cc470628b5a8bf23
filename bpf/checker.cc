// Reproduces the kernel's load-time checks for seccomp filters (see checker.h for the contract).
//
// The kernel runs, in order: the length check (1..BPF_MAXINSNS), bpf_check_classic (opcode known to
// classic BPF, division by constant zero, constant shifts >= 32, scratch index < 16, jump targets
// inside the program, last instruction a return, then the scratch-memory data flow), and finally
// seccomp_check_filter (only the opcodes seccomp allows; `ld [k]` only for aligned words inside
// struct seccomp_data). Any failure means EINVAL. We check the same conditions but keep going after
// the first so that a user sees every fault at once; the data-flow pass runs only when the jumps and
// scratch indices are sound, because it needs them (the kernel never reaches it otherwise either).
//
// The data flow copies the kernel's algorithm exactly, including its conservative corner: after a
// return the set of written cells is *not* reset, so code reached only by jumps that follows a
// return inherits the return's (smaller) set. A program the kernel refuses for that reason is
// refused here too.
#include "bpf/checker.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace secco::bpf {
namespace {

using namespace op;

std::string at(std::size_t index) {
  return "instruction " + std::to_string(index) + ": ";
}

bool is_conditional_jump(std::uint16_t code) {
  switch (code) {
    case JMP | JEQ | K:
    case JMP | JEQ | X:
    case JMP | JGT | K:
    case JMP | JGT | X:
    case JMP | JGE | K:
    case JMP | JGE | X:
    case JMP | JSET | K:
    case JMP | JSET | X:
      return true;
    default:
      return false;
  }
}

bool is_scratch_access(std::uint16_t code) {
  return code == (LD | MEM) || code == (LDX | MEM) || code == ST || code == STX;
}

// Opcodes classic BPF knows but seccomp refuses get a more specific message than unknown ones.
bool classic_only_opcode(std::uint16_t code) {
  switch (code) {
    case LD | H | ABS:
    case LD | B | ABS:
    case LD | W | IND:
    case LD | H | IND:
    case LD | B | IND:
    case LDX | B | MSH:
    case ALU | MOD | K:
    case ALU | MOD | X:
      return true;
    default:
      return false;
  }
}

// Per-instruction checks that need no flow information. Returns false when the instruction makes
// the data-flow pass unsafe to run (bad jump target or scratch index).
bool check_insn(const Program& p, std::size_t pc, std::vector<CheckError>& errors) {
  const Insn& in = p[pc];
  const std::size_t len = p.size();
  auto fail = [&](const std::string& what) { errors.push_back({pc, at(pc) + what}); };

  if (!seccomp_allows_opcode(in.code)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned>(in.code));
    fail("opcode 0x" + std::string(hex) +
         (classic_only_opcode(in.code) ? " is classic BPF but not allowed in seccomp filters"
                                       : " is not allowed in seccomp filters"));
    return true;  // an unknown opcode has no operands the flow pass would look at
  }

  bool flow_safe = true;
  switch (in.code) {
    case LD | W | ABS:
      if (in.k >= 64 || (in.k & 3) != 0)
        fail("load offset " + std::to_string(in.k) +
             " is not a 4-byte aligned offset inside struct seccomp_data (0 to 60)");
      break;
    case ALU | DIV | K:
      if (in.k == 0) fail("division by constant zero");
      break;
    case ALU | LSH | K:
    case ALU | RSH | K:
      if (in.k >= 32) fail("shift by constant " + std::to_string(in.k) + " (must be below 32)");
      break;
    case JMP | JA:
      // The kernel compares k against len - pc - 1 as unsigned, so any k that lands at or past the
      // end is refused, including huge ones that would wrap.
      if (in.k >= len - pc - 1) {
        fail("jump offset " + std::to_string(in.k) + " lands past the end of the program (" + std::to_string(len) +
             " instructions)");
        flow_safe = false;
      }
      break;
    default:
      break;
  }
  if (is_scratch_access(in.code) && in.k >= kMemWords) {
    fail("scratch memory index " + std::to_string(in.k) + " is out of range (0 to 15)");
    flow_safe = false;
  }
  if (is_conditional_jump(in.code)) {
    for (std::uint8_t off : {in.jt, in.jf}) {
      if (pc + off + 1 >= len) {
        fail(std::string(off == in.jt ? "true" : "false") + " branch offset " + std::to_string(off) +
             " lands past the end of the program (" + std::to_string(len) + " instructions)");
        flow_safe = false;
        if (in.jt == in.jf) break;
      }
    }
  }
  return flow_safe;
}

// bpf_check_classic's check_load_and_stores: one bit per scratch cell, "written on every path".
void check_scratch_flow(const Program& p, std::vector<CheckError>& errors) {
  std::vector<std::uint16_t> at_entry(p.size(), 0xffff);
  std::uint16_t valid = 0;
  for (std::size_t pc = 0; pc < p.size(); ++pc) {
    const Insn& in = p[pc];
    valid &= at_entry[pc];
    if (in.code == ST || in.code == STX) {
      valid |= static_cast<std::uint16_t>(1U << in.k);
    } else if (in.code == (LD | MEM) || in.code == (LDX | MEM)) {
      if ((valid & (1U << in.k)) == 0) {
        errors.push_back({pc, at(pc) + "reads scratch memory M[" + std::to_string(in.k) +
                                  "], which is not written on every path to it"});
        return;  // the kernel stops here; later verdicts would depend on this one
      }
    } else if (in.code == (JMP | JA)) {
      at_entry[pc + 1 + in.k] &= valid;
      valid = 0xffff;
    } else if (is_conditional_jump(in.code)) {
      at_entry[pc + 1 + in.jt] &= valid;
      at_entry[pc + 1 + in.jf] &= valid;
      valid = 0xffff;
    }
  }
}

}  // namespace

bool seccomp_allows_opcode(std::uint16_t code) {
  switch (code) {
    case LD | W | ABS:
    case LD | W | LEN:
    case LDX | W | LEN:
    case LD | IMM:
    case LDX | IMM:
    case LD | MEM:
    case LDX | MEM:
    case ST:
    case STX:
    case ALU | ADD | K:
    case ALU | ADD | X:
    case ALU | SUB | K:
    case ALU | SUB | X:
    case ALU | MUL | K:
    case ALU | MUL | X:
    case ALU | DIV | K:
    case ALU | DIV | X:
    case ALU | OR | K:
    case ALU | OR | X:
    case ALU | AND | K:
    case ALU | AND | X:
    case ALU | LSH | K:
    case ALU | LSH | X:
    case ALU | RSH | K:
    case ALU | RSH | X:
    case ALU | XOR | K:
    case ALU | XOR | X:
    case ALU | NEG:
    case JMP | JA:
    case RET | K:
    case RET | A:
    case MISC | TAX:
    case MISC | TXA:
      return true;
    default:
      return is_conditional_jump(code);
  }
}

std::vector<CheckError> check_program(const Program& program) {
  std::vector<CheckError> errors;
  if (program.empty()) {
    errors.push_back({0, "the program is empty; the kernel needs at least one instruction"});
    return errors;
  }
  if (program.size() > kMaxInsns) {
    errors.push_back({kMaxInsns, "the program has " + std::to_string(program.size()) +
                                     " instructions; the kernel accepts at most 4096"});
    return errors;
  }
  bool flow_safe = true;
  for (std::size_t pc = 0; pc < program.size(); ++pc) flow_safe &= check_insn(program, pc, errors);

  const std::size_t last = program.size() - 1;
  const std::uint16_t last_code = program[last].code;
  if (last_code != (RET | K) && last_code != (RET | A))
    errors.push_back(
        {last, at(last) + "the last instruction must be a return ('ret'); execution would fall off the end"});

  if (flow_safe) check_scratch_flow(program, errors);
  std::stable_sort(errors.begin(), errors.end(),
                   [](const CheckError& a, const CheckError& b) { return a.index < b.index; });
  return errors;
}

std::string format_check_errors(const std::vector<CheckError>& errors) {
  std::string out;
  for (const CheckError& e : errors) out += e.message + "\n";
  return out;
}

}  // namespace secco::bpf
