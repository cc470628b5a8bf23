// Conversion between programs and their raw bytes. Insn has the layout of struct sock_filter
// (static_assert in program.h), so each instruction is one 8-byte copy in host byte order.
#include "bpf/raw.h"

#include <cstdint>
#include <cstring>

namespace secco::bpf {

std::optional<Program> load_raw(std::string_view bytes, std::string& error) {
  if (bytes.empty()) {
    error = "the program is empty";
    return std::nullopt;
  }
  if (bytes.size() % sizeof(Insn) != 0) {
    error = "the program is " + std::to_string(bytes.size()) +
            " bytes long, not a multiple of 8 (the size of struct sock_filter)";
    return std::nullopt;
  }
  const std::size_t count = bytes.size() / sizeof(Insn);
  if (count > kMaxInsns) {
    error = "the program has " + std::to_string(count) + " instructions; the kernel accepts at most 4096";
    return std::nullopt;
  }
  Program program(count);
  std::memcpy(program.data(), bytes.data(), bytes.size());
  return program;
}

namespace {
std::uint16_t swap16(std::uint16_t v) {
  return static_cast<std::uint16_t>((v >> 8) | (v << 8));
}
std::uint32_t swap32(std::uint32_t v) {
  return (v >> 24) | ((v >> 8) & 0xff00U) | ((v << 8) & 0xff0000U) | (v << 24);
}
bool opcodes_fit(const Program& program, bool swapped) {
  for (const Insn& in : program)
    if (((swapped ? swap16(in.code) : in.code) & 0xff00U) != 0) return false;
  return true;
}
}  // namespace

bool in_other_byte_order(const Program& program) {
  return !program.empty() && !opcodes_fit(program, false) && opcodes_fit(program, true);
}

Program byte_swapped(const Program& program) {
  Program out = program;
  for (Insn& in : out) {
    in.code = swap16(in.code);
    in.k = swap32(in.k);
  }
  return out;
}

std::string to_raw(const Program& program) {
  std::string out(program.size() * sizeof(Insn), '\0');
  if (!program.empty()) std::memcpy(out.data(), program.data(), out.size());
  return out;
}

}  // namespace secco::bpf
