// The static-runtime `secco` replaces operator new with a huge-page arena that falls back to malloc
// when full (cli/huge_page_arena.cc); secco-plugin-host, the same program with the shared runtime,
// uses malloc only. Both must write the same bytes and the same diagnostics, for a compile that
// stays inside the arena and for one that outgrows it (the 250-rule policy below allocates about
// 30 MiB in all, the arena holds 8 MiB).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "lib/test_support.h"

namespace {

using secco::testing::read_file;
using secco::testing::run_program;
using secco::testing::temp_dir;
using secco::testing::write_file;

std::string secco_path() {
  const char* bin = std::getenv("SECCO_BIN");
  return bin ? bin : "secco";
}

// One rule per system call of x86_64's table (`secco syscalls`), each with three argument checks.
std::string large_policy(const std::string& secco, std::size_t rules) {
  auto listed = run_program({secco, "syscalls"});
  REQUIRE(listed.exit_code == 0);
  std::istringstream in(listed.out);
  std::ostringstream policy;
  std::string nr, name;
  for (std::size_t i = 1; i <= rules && in >> nr >> name; ++i) {
    char line[160];
    std::snprintf(line, sizeof line, "%s: arg0 == %zu || arg1 < 0x1%08zx || (argL2 & 0x%zx) == 0\n", name.c_str(), i, i,
                  i + 16);
    policy << line;
  }
  return policy.str();
}

void same_output(const std::string& secco, const std::string& host, const std::string& dir, const std::string& file,
                 const std::vector<std::string>& flags) {
  std::vector<std::string> a{secco, "compile"}, b{host, "compile"};
  a.insert(a.end(), flags.begin(), flags.end());
  b.insert(b.end(), flags.begin(), flags.end());
  a.insert(a.end(), {file, "-o", dir + "/arena.bpf"});
  b.insert(b.end(), {file, "-o", dir + "/malloc.bpf"});
  auto with_arena = run_program(a);
  auto with_malloc = run_program(b);
  CHECK(with_arena.exit_code == with_malloc.exit_code);
  CHECK(with_arena.err == with_malloc.err);
  if (with_arena.exit_code == 0) {
    std::string bytes = read_file(dir + "/arena.bpf");
    CHECK(!bytes.empty());
    CHECK(bytes == read_file(dir + "/malloc.bpf"));
  }
}

}  // namespace

TEST_CASE("secco's huge-page arena and malloc give the same programs, inside the arena and past it") {
  const std::string secco = secco_path();
  const std::string host = secco.substr(0, secco.rfind('/') + 1) + "secco-plugin-host";
  if (!std::filesystem::exists(host)) return;  // one secco with the shared runtime (sanitizer builds)
  const std::string dir = temp_dir("allocator");
  write_file(dir + "/small.secco", "read: arg0 == 0\nwrite: arg0 in (1, 2)\nopenat: argL2 & 3 == 0\n");
  write_file(dir + "/large.secco", large_policy(secco, 250));
  write_file(dir + "/too-large.secco", large_policy(secco, 384));  // over 4,096: an error with notes
  for (const char* name : {"small", "large", "too-large"}) {
    CAPTURE(name);
    same_output(secco, host, dir, dir + "/" + name + ".secco", {});
    same_output(secco, host, dir, dir + "/" + name + ".secco", {"--arch", "x86_64,i386,x32"});
  }
}
