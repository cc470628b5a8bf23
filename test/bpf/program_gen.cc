// Random programs and process helpers for the bpf tests (see program_gen.h).
#include "program_gen.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace secco::testing {
namespace {

using namespace bpf::op;

std::uint32_t pick(Rng& rng, std::initializer_list<std::uint32_t> values) {
  std::uniform_int_distribution<std::size_t> d(0, values.size() - 1);
  return *(values.begin() + d(rng));
}
std::uint32_t below(Rng& rng, std::uint32_t n) {
  return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng);
}
bool chance(Rng& rng, unsigned percent) {
  return below(rng, 100) < percent;
}
std::uint32_t any32(Rng& rng) {
  return static_cast<std::uint32_t>(rng());
}

std::uint32_t interesting(Rng& rng) {
  switch (below(rng, 4)) {
    case 0:
      return pick(rng, {0, 1, 2, 31, 32, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 0x7fff0000, 0x50001});
    case 1:
      return below(rng, 300);
    default:
      return any32(rng);
  }
}

const std::vector<std::uint16_t>& seccomp_codes() {
  static const std::vector<std::uint16_t> codes = {LD | W | ABS,
                                                   LD | W | LEN,
                                                   LDX | W | LEN,
                                                   LD | IMM,
                                                   LDX | IMM,
                                                   LD | MEM,
                                                   LDX | MEM,
                                                   ST,
                                                   STX,
                                                   ALU | ADD | K,
                                                   ALU | ADD | X,
                                                   ALU | SUB | K,
                                                   ALU | SUB | X,
                                                   ALU | MUL | K,
                                                   ALU | MUL | X,
                                                   ALU | DIV | K,
                                                   ALU | DIV | X,
                                                   ALU | OR | K,
                                                   ALU | OR | X,
                                                   ALU | AND | K,
                                                   ALU | AND | X,
                                                   ALU | LSH | K,
                                                   ALU | LSH | X,
                                                   ALU | RSH | K,
                                                   ALU | RSH | X,
                                                   ALU | XOR | K,
                                                   ALU | XOR | X,
                                                   ALU | NEG,
                                                   JMP | JA,
                                                   JMP | JEQ | K,
                                                   JMP | JEQ | X,
                                                   JMP | JGT | K,
                                                   JMP | JGT | X,
                                                   JMP | JGE | K,
                                                   JMP | JGE | X,
                                                   JMP | JSET | K,
                                                   JMP | JSET | X,
                                                   RET | K,
                                                   RET | A,
                                                   MISC | TAX,
                                                   MISC | TXA};
  return codes;
}

const std::vector<std::uint16_t>& classic_only_codes() {
  static const std::vector<std::uint16_t> codes = {LD | H | ABS,  LD | B | ABS,  LD | W | IND,
                                                   LD | H | IND,  LD | B | IND,  LDX | B | MSH,
                                                   ALU | MOD | K, ALU | MOD | X, RET | X};
  return codes;
}

bool is_cond_jump(std::uint16_t c) {
  return cls(c) == JMP && jmp_op(c) != JA;
}

}  // namespace

bpf::Program random_bytes_program(Rng& rng, std::size_t length) {
  bpf::Program p(length);
  for (bpf::Insn& in : p) {
    in.code = chance(rng, 50) ? static_cast<std::uint16_t>(below(rng, 0x100)) : static_cast<std::uint16_t>(rng());
    in.jt = static_cast<std::uint8_t>(chance(rng, 50) ? below(rng, 4) : rng());
    in.jf = static_cast<std::uint8_t>(chance(rng, 50) ? below(rng, 4) : rng());
    in.k = interesting(rng);
  }
  return p;
}

bpf::Program random_classic_program(Rng& rng, std::size_t length) {
  bpf::Program p(length);
  for (std::size_t i = 0; i < length; ++i) {
    bpf::Insn& in = p[i];
    const auto& pool = chance(rng, 80) ? seccomp_codes() : classic_only_codes();
    in.code = pool[below(rng, static_cast<std::uint32_t>(pool.size()))];
    in.k = interesting(rng);
    if (is_cond_jump(in.code)) {
      in.jt = static_cast<std::uint8_t>(below(rng, 8));
      in.jf = static_cast<std::uint8_t>(chance(rng, 30) ? in.jt : below(rng, 8));
    }
    const bool uses_k = !(src(in.code) == X && (cls(in.code) == ALU || cls(in.code) == JMP)) && in.code != (RET | A) &&
                        in.code != (ALU | NEG) && cls(in.code) != MISC && mode(in.code) != LEN;
    if (!uses_k) in.k = 0;
    if (in.code == (JMP | JA)) in.k = below(rng, 10);
    if (cls(in.code) == LD && mode(in.code) == MEM) in.k = below(rng, 16);
  }
  return p;
}

bpf::Program random_computing_program(Rng& rng, std::size_t body_length, unsigned shift) {
  bpf::Program p;
  for (std::uint32_t cell = 0; cell < bpf::kMemWords; ++cell) {
    p.push_back(bpf::stmt(LD | IMM, interesting(rng)));
    p.push_back(bpf::stmt(ST, cell));
  }
  p.push_back(bpf::stmt(LDX | IMM, interesting(rng)));
  const std::size_t end = p.size() + body_length;  // index of the epilogue
  static const std::uint32_t kFields[] = {0, 4, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60};
  while (p.size() < end) {
    const std::size_t here = p.size();
    const std::uint16_t code = seccomp_codes()[below(rng, static_cast<std::uint32_t>(seccomp_codes().size()))];
    bpf::Insn in = bpf::stmt(code, interesting(rng));
    if (cls(code) == RET) continue;  // every path reaches the epilogue
    if (code == (LD | W | ABS)) in.k = kFields[below(rng, 14)];
    if (code == (LD | MEM) || code == (LDX | MEM) || code == ST || code == STX) in.k = below(rng, 16);
    if (code == (ALU | DIV | K) && in.k == 0) in.k = 3;
    if (code == (ALU | LSH | K) || code == (ALU | RSH | K)) in.k = below(rng, 32);
    if ((src(code) == X && (cls(code) == ALU || cls(code) == JMP)) || code == (ALU | NEG) || cls(code) == MISC ||
        mode(code) == LEN)
      in.k = 0;
    const auto reach = static_cast<std::uint32_t>(end - here);  // offsets 0 .. reach-1 stay inside
    if (code == (JMP | JA)) in.k = below(rng, reach);
    if (is_cond_jump(code)) {
      in.jt = static_cast<std::uint8_t>(below(rng, std::min<std::uint32_t>(reach, 256)));
      in.jf = static_cast<std::uint8_t>(below(rng, std::min<std::uint32_t>(reach, 256)));
    }
    p.push_back(in);
  }
  p.push_back(bpf::stmt(ALU | RSH | K, shift));
  p.push_back(bpf::stmt(ALU | AND | K, 0xfff));
  p.push_back(bpf::stmt(ALU | OR | K, 0x50000));
  p.push_back(bpf::stmt(RET | A, 0));
  return p;
}

bpf::Program random_near_valid_program(Rng& rng, std::size_t length) {
  bpf::Program p(length);
  for (std::size_t i = 0; i < length; ++i) {
    bpf::Insn& in = p[i];
    const unsigned r = below(rng, 100);
    if (r < 88)
      in.code = seccomp_codes()[below(rng, static_cast<std::uint32_t>(seccomp_codes().size()))];
    else if (r < 96)
      in.code = classic_only_codes()[below(rng, static_cast<std::uint32_t>(classic_only_codes().size()))];
    else
      in.code = static_cast<std::uint16_t>(chance(rng, 50) ? below(rng, 0x100) : rng());
    in.k = interesting(rng);
    const auto left = static_cast<std::uint32_t>(length - i - 1);
    if (cls(in.code) == LD && mode(in.code) == ABS)
      in.k = chance(rng, 75) ? 4 * below(rng, 16) : pick(rng, {1, 2, 3, 62, 64, 68, 0xfffff000, any32(rng)});
    if (mode(in.code) == MEM || in.code == ST || in.code == STX)
      in.k = chance(rng, 92) ? below(rng, 4) : below(rng, 20);
    if (in.code == (ALU | DIV | K) && chance(rng, 85) && in.k == 0) in.k = 7;
    if (cls(in.code) == ALU && (alu_op(in.code) == LSH || alu_op(in.code) == RSH)) in.k = below(rng, 40);
    if (in.code == (JMP | JA)) in.k = chance(rng, 92) && left > 0 ? below(rng, left) : left + below(rng, 3);
    if (is_cond_jump(in.code)) {
      auto off = [&] {
        return static_cast<std::uint8_t>(chance(rng, 93) && left > 0
                                             ? below(rng, std::min<std::uint32_t>(left, 256))
                                             : std::min<std::uint32_t>(left + below(rng, 3), 255));
      };
      in.jt = off();
      in.jf = off();
    }
  }
  if (chance(rng, 92)) p.back() = bpf::stmt(chance(rng, 50) ? RET | K : RET | A, interesting(rng));
  return p;
}

std::string capture_stdout(const std::function<void()>& fn) {
  std::fflush(stdout);
  std::FILE* tmp = std::tmpfile();
  if (tmp == nullptr) throw std::runtime_error("tmpfile failed");
  const int saved = ::dup(1);
  ::dup2(::fileno(tmp), 1);
  fn();
  std::fflush(stdout);
  ::dup2(saved, 1);
  ::close(saved);
  std::string out;
  std::rewind(tmp);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, tmp)) > 0;) out.append(buf, n);
  std::fclose(tmp);
  return out;
}

long probe_nr() {
  return SYS_getppid;
}

std::uint32_t native_arch() {
#if defined(__x86_64__)
  return AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
  return AUDIT_ARCH_AARCH64;
#else
#error "add this architecture's AUDIT_ARCH value"
#endif
}

bpf::Program probe_prefix() {
  return {bpf::stmt(LD | W | ABS, 4), bpf::jump(JMP | JEQ | K, native_arch(), 0, 2), bpf::stmt(LD | W | ABS, 0),
          bpf::jump(JMP | JEQ | K, static_cast<std::uint32_t>(probe_nr()), 1, 0), bpf::stmt(RET | K, 0x7fff0000)};
}

KernelOutcome run_in_kernel(const bpf::Program& program, const std::array<std::uint64_t, 6>& args, bool call_getppid) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);  // kill and trap end in SIGSYS, which would dump core
    KernelOutcome out;
    std::vector<sock_filter> filter(program.size());
    std::memcpy(filter.data(), program.data(), program.size() * sizeof(sock_filter));
    sock_fprog prog{static_cast<unsigned short>(filter.size()), filter.data()};
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
      out.install_errno = errno;
    } else if (call_getppid) {
      errno = 0;
      out.ret = ::syscall(SYS_getppid, args[0], args[1], args[2], args[3], args[4], args[5]);
      out.err = errno;
    }
    ssize_t w = ::write(fds[1], &out, sizeof out);
    ::_exit(w == static_cast<ssize_t>(sizeof out) ? 0 : 1);
  }
  ::close(fds[1]);
  KernelOutcome out;
  ssize_t got = 0;
  while (got < static_cast<ssize_t>(sizeof out)) {
    ssize_t n = ::read(fds[0], reinterpret_cast<char*>(&out) + got, sizeof out - static_cast<std::size_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += n;
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got != static_cast<ssize_t>(sizeof out)) {
    out = KernelOutcome{};
    out.signal = WIFSIGNALED(status) ? WTERMSIG(status) : -1;
  }
  return out;
}

}  // namespace secco::testing
