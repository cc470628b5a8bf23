// Conversion between programs and their raw bytes. Insn has the layout of struct sock_filter
// (static_assert in program.h), so each instruction is one 8-byte copy in host byte order.
#include "bpf/raw.h"

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

std::string to_raw(const Program& program) {
  std::string out(program.size() * sizeof(Insn), '\0');
  if (!program.empty()) std::memcpy(out.data(), program.data(), out.size());
  return out;
}

}  // namespace secco::bpf
