// Fail-closed guarantees of docs/security.md that no other suite pins down end to end: inputs
// that could make a filter more permissive than written must instead be refused (exit 1, nothing
// written) or compiled to the restrictive reading. Each case names the docs/security.md item it
// guards. Decisions are checked on the emitted program in the emulator at -O0 and -O2, and through
// the `secco` command where its behaviour (exit status, output files) is the guarantee.
#include <dirent.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "api/compilation.h"
#include "lib/test_support.h"
#include "runtime/emulator.h"

namespace {

using secco::testing::run_secco;

constexpr std::uint32_t kX86_64 = 0xc000003e;

struct Compiled {
  std::optional<secco::bpf::Program> program;
  std::string diagnostics;
};

Compiled compile(const std::string& text, int level) {
  secco::api::Settings settings;
  settings.opt_level = level;
  secco::api::Compilation c(settings);
  c.add_text("policy.secco", text);
  Compiled out;
  out.program = c.compile();
  std::ostringstream os;
  c.render_diagnostics(os);
  out.diagnostics = os.str();
  return out;
}

std::string decide(const secco::bpf::Program& program, std::uint32_t nr, std::array<std::uint64_t, 6> args = {},
                   std::uint32_t arch = kX86_64) {
  secco::SeccompData d;
  d.nr = nr;
  d.arch = arch;
  d.args = args;
  return secco::runtime::Emulator(program).run(d).action.to_string();
}

// Compiles `text` at -O0 and -O2 and returns both programs (the test fails if either errs).
std::vector<secco::bpf::Program> both_levels(const std::string& text) {
  std::vector<secco::bpf::Program> out;
  for (int level : {0, 2}) {
    Compiled c = compile(text, level);
    INFO(text << c.diagnostics);
    REQUIRE(c.program.has_value());
    out.push_back(*c.program);
  }
  return out;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    ::closedir(d);
  }
  return names;
}

}  // namespace

TEST_CASE("fail-closed: unknown system calls, names and actions are errors, never skipped rules") {
  // A deny list whose unknown entries were silently dropped would allow what it meant to deny.
  const char* cases[][2] = {
      {"DEFAULT_POLICY = allow\nexecvee: return kill\n", "unknown system call 'execvee'"},
      {"DEFAULT_POLICY = allow\nopenat: argL2 == O_RDONLYY; return EPERM\n", "undefined name 'O_RDONLYY'"},
      {"DEFAULT_POLICY = allow\nptrace: return EPERMM\n", "unknown action 'EPERMM'"},
      {"DEFAULT_POLICY = allow\nptrace[-kil]: arg0 == 0\n", "unknown action"},
      {"DEFAULT_POLICY = alow\n", "unknown action"},
  };
  const std::string dir = secco::testing::temp_dir("fail-closed-names");
  for (const auto& c : cases) {
    INFO(c[0]);
    const std::string path = dir + "/policy.secco";
    secco::testing::write_file(path, c[0]);
    auto r = run_secco({"compile", "-o", dir + "/out.bin", path});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c[1]) != std::string::npos);
    CHECK(r.err.find(path + ":") != std::string::npos);
  }
  CHECK(::access((dir + "/out.bin").c_str(), F_OK) != 0);
}

TEST_CASE("fail-closed: foreign architectures and x32 numbers are killed even when everything is allowed") {
  // An allow-everything policy still refuses the calls it cannot have been written for.
  for (const auto& p : both_levels("DEFAULT_POLICY = allow\nDEFAULT_NEGATIVE = allow\nread: 1\nwrite: arg0 == 1\n")) {
    for (std::uint32_t arch : {0x40000003u /* i386 */, 0xc00000b7u /* aarch64 */, 0u, 0xffffffffu, 0xc000003fu}) {
      INFO("arch " << arch);
      CHECK(decide(p, 0, {}, arch) == "kill_thread");
      CHECK(decide(p, 1000, {}, arch) == "kill_thread");
    }
    for (std::uint32_t nr : {0x40000000u, 0x40000001u, 0x4000003bu, 0x7fffffffu, 0x80000000u, 0xfffffffeu}) {
      INFO("nr " << nr);
      CHECK(decide(p, nr) == "kill_thread");
    }
    CHECK(decide(p, 0xffffffffu) == "allow");  // -1: the default policy, as libseccomp does
    CHECK(decide(p, 0) == "allow");
    CHECK(decide(p, 1000) == "allow");
  }
}

TEST_CASE("fail-closed: constant arithmetic wraps in 64 bits and shifts past the width give 0") {
  // The compiler's own integer arithmetic: overflow must follow the spec, not the host's UB.
  const std::string policy =
      "read: arg0 == 0 - 1\n"                               // 2^64-1
      "write: arg0 == 0xffffffffffffffff + 2\n"             // wraps to 1
      "close: arg0 == 0x8000000000000000 * 2\n"             // wraps to 0
      "fstat: arg0 == 1 << 64 || arg1 == 1 << 63\n"         // 0, and 2^63
      "lseek: arg0 == 0xffffffffffffffff >> 64\n"           // 0
      "mmap: arg0 == ~0 / 0xffffffffffffffff\n"             // 1
      "brk: argL0 + 0x100000000 == 5\n"                     // the constant is used modulo 2^32 at run time
      "munmap: argL0 << 32 == 0 && argL1 >> argL2 == 0\n";  // shifts by 32 or more give 0
  for (const auto& p : both_levels(policy)) {
    CHECK(decide(p, 0, {~0ull}) == "allow");
    CHECK(decide(p, 0, {0xffffffffull}) == "kill_thread");
    CHECK(decide(p, 1, {1}) == "allow");
    CHECK(decide(p, 1, {0x100000001ull}) == "kill_thread");
    CHECK(decide(p, 3, {0}) == "allow");
    CHECK(decide(p, 3, {0x8000000000000000ull}) == "kill_thread");
    CHECK(decide(p, 5, {0, 0x8000000000000000ull}) == "allow");
    CHECK(decide(p, 5, {1, 0}) == "kill_thread");
    CHECK(decide(p, 8, {0}) == "allow");
    CHECK(decide(p, 8, {1 << 20}) == "kill_thread");
    CHECK(decide(p, 9, {1}) == "allow");
    CHECK(decide(p, 12, {5}) == "allow");
    CHECK(decide(p, 12, {0x100000005ull}) == "allow");  // argL0 is the low half
    CHECK(decide(p, 12, {6}) == "kill_thread");
    CHECK(decide(p, 11, {0xffffffff, 0xffffffff, 32}) == "allow");
    CHECK(decide(p, 11, {0xffffffff, 0xffffffff, 31}) == "kill_thread");
  }
}

TEST_CASE("fail-closed: a constant division by zero is an error, not a folded value") {
  auto r = run_secco({"compile", "-"}, "read: arg0 == 1 / 0\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("<stdin>:1:") != std::string::npos);
  CHECK(r.out.empty());
  r = run_secco({"compile", "-"}, "read: argL0 % (2 - 2) == 0\n");
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
}

TEST_CASE("fail-closed: on error nothing is written and an existing output file is kept") {
  const std::string dir = secco::testing::temp_dir("fail-closed-output");
  const std::string out = dir + "/filter.bin";
  secco::testing::write_file(out, "previous contents");
  const std::string bad = dir + "/bad.secco";
  secco::testing::write_file(bad, "read: 1\nwrite: arg0 ==\n");
  auto r = run_secco({"compile", "-o", out, bad});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(bad + ":2:") != std::string::npos);
  CHECK(secco::testing::read_file(out) == "previous contents");
  // Warnings promoted to errors, too.
  const std::string warn = dir + "/warn.secco";
  secco::testing::write_file(warn, "read: argL0 == 0x100000000\n");
  r = run_secco({"compile", "--Werror", "-o", out, warn});
  CHECK(r.exit_code == 1);
  CHECK(secco::testing::read_file(out) == "previous contents");
  // The assembler, too.
  const std::string asm_path = dir + "/bad.bpf";
  secco::testing::write_file(asm_path, "  ld [nr]\n  jeq #1, nowhere\n  ret ALLOW\n");
  r = run_secco({"asm", "-o", out, asm_path});
  CHECK(r.exit_code == 1);
  CHECK(secco::testing::read_file(out) == "previous contents");
  // No temporary files are left behind.
  for (const std::string& name : files_in(dir)) CHECK(name.find("secco-tmp") == std::string::npos);
}

TEST_CASE("fail-closed: truncated and malformed raw programs are refused by every command") {
  const std::string dir = secco::testing::temp_dir("fail-closed-raw");
  auto good = run_secco({"compile", "-"}, "read: 1\n");
  REQUIRE(good.exit_code == 0);
  REQUIRE(good.out.size() % 8 == 0);
  struct Case {
    const char* what;
    std::string bytes;
    const char* message;
  };
  std::string no_return = good.out.substr(0, good.out.size() - 8);  // drops the final `ret`
  std::string bad_load = good.out;
  bad_load[4] = 64;  // the first `ld [arch]` now reads past seccomp_data
  const Case cases[] = {
      {"empty", "", "empty"},
      {"truncated mid-instruction", good.out.substr(0, good.out.size() - 3), "multiple of 8"},
      {"too long", std::string(8 * 4097, '\0'), "4096"},
      {"last instruction cut off", no_return, "instruction"},
      {"load outside seccomp_data", bad_load, "instruction 0"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const std::string path = dir + "/prog.bin";
    secco::testing::write_file(path, c.bytes);
    auto e = run_secco({"emulate", "--bpf", path, "read"});
    CHECK(e.exit_code == 1);
    CHECK(e.out.empty());  // no decision is printed for a program the kernel would refuse
    CHECK(e.err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("regression: split64 on many full-argument comparisons (use after free found by fuzz_pipeline)") {
  // split64 held a reference into the value table while appending to it; with enough 64-bit
  // comparisons the table moved and the pass read freed memory (ASan: heap-use-after-free in
  // halves()). The decisions must also be exact at the 2^32 boundary.
  std::string policy = "write: ";
  for (int i = 0; i < 64; ++i)
    policy += (i ? " || " : "") + std::string("arg") + std::to_string(i % 6) +
              " == " + std::to_string((static_cast<std::uint64_t>(i + 1) << 32) | static_cast<unsigned>(i));
  policy += "\n";
  for (const auto& p : both_levels(policy)) {
    CHECK(decide(p, 1, {(std::uint64_t{1} << 32) | 0u}) == "allow");
    CHECK(decide(p, 1, {0, (std::uint64_t{2} << 32) | 1u}) == "allow");
    CHECK(decide(p, 1, {0, 1}) == "kill_thread");  // the low half alone must not match
    CHECK(decide(p, 1, {std::uint64_t{1} << 32, 1}) == "allow");
    CHECK(decide(p, 1, {(std::uint64_t{1} << 32) | 1u}) == "kill_thread");
  }
}
