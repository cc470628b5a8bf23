// libFuzzer target for raw programs: the loader (bpf/raw.h), the kernel's checks (bpf/checker.h)
// and the emulator (runtime/emulator.h). The input's first 64 bytes seed the probes, the rest is a
// struct sock_filter array. Every program the checker accepts is run on several seccomp_data
// values; the emulator must never crash, read outside seccomp_data, or loop (a checked program only
// jumps forward, so it runs at most its length in steps, which is asserted).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "bpf/checker.h"
#include "bpf/disassembler.h"
#include "bpf/raw.h"
#include "runtime/emulator.h"

namespace {

constexpr std::size_t kSeedBytes = 64;

secco::SeccompData probe_from(const std::uint8_t* seed, std::size_t seed_size, unsigned variant) {
  secco::SeccompData d;
  std::uint8_t bytes[kSeedBytes] = {};
  if (seed_size > 0) std::memcpy(bytes, seed, seed_size < kSeedBytes ? seed_size : kSeedBytes);
  // Variant 0: the seed as is; 1: the seed with the x86_64 arch; 2: all ones; 3: all zeros but arch.
  if (variant == 2) std::memset(bytes, 0xff, sizeof bytes);
  if (variant == 3) std::memset(bytes, 0, sizeof bytes);
  std::memcpy(&d.nr, bytes, 4);
  std::memcpy(&d.arch, bytes + 4, 4);
  std::memcpy(&d.instruction_pointer, bytes + 8, 8);
  for (unsigned i = 0; i < 6; ++i) std::memcpy(&d.args[i], bytes + 16 + 8 * i, 8);
  if (variant == 1 || variant == 3) d.arch = 0xc000003e;
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::size_t seed_size = size < kSeedBytes ? size : kSeedBytes;
  std::string_view bytes(reinterpret_cast<const char*>(data) + seed_size, size - seed_size);

  std::string error;
  std::optional<secco::bpf::Program> program = secco::bpf::load_raw(bytes, error);
  if (!program) {
    if (error.empty()) std::abort();  // a refusal must say why
    return 0;
  }
  std::vector<secco::bpf::CheckError> errors = secco::bpf::check_program(*program);
  (void)secco::bpf::format_check_errors(errors);
  (void)secco::bpf::disassemble(*program, nullptr);

  std::optional<secco::runtime::Emulator> emu = secco::runtime::Emulator::create(*program, error);
  if (emu.has_value() != errors.empty()) std::abort();  // the emulator and the checker disagree
  if (!emu) return 0;
  for (unsigned variant = 0; variant < 4; ++variant) {
    secco::SeccompData d = probe_from(data, seed_size, variant);
    secco::runtime::EmulatorResult r = emu->run(d);
    if (r.steps == 0 || r.steps > program->size()) std::abort();  // only forward jumps: bounded
    if (secco::Action::decode(r.value) != r.action) std::abort();
  }
  return 0;
}
