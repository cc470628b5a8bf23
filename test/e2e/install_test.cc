// `cmake --install` of the build tree into a scratch prefix, then a program outside the tree
// (test/e2e/consumer) built against that installation twice: with find_package(secco) and with
// pkg-config. Both builds must run and print what the library computes. Also checks that the
// installed headers include only each other and that libsecco.so exports only the public API.
#include <limits.h>
#include <sys/stat.h>

#include <cstdlib>

#include <sstream>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "lib/test_support.h"

namespace st = secco::testing;

namespace {

bool exists(const std::string& path) {
  struct stat sb {};
  return ::stat(path.c_str(), &sb) == 0;
}

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) != nullptr ? std::string(buf) : std::string();
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const char kConsumerOutput[] = "secco " SECCO_TEST_VERSION
                               "\n"
                               "read(0) -> allow\n"
                               "write(0) -> errno(1)\n"
                               "asm:   ld [arch]\n"
                               "bad.secco:1:1: error: unknown system call 'reed' on x86_64; did you mean 'read'?\n";

// One installation shared by the test cases below (installing takes a moment).
const std::string& installed_prefix() {
  static const std::string prefix = [] {
    std::string p = st::temp_dir("install") + "/prefix";
    st::RunResult r = st::run_program({SECCO_CMAKE_COMMAND, "--install", SECCO_BINARY_DIR, "--prefix", p});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return p;
  }();
  return prefix;
}

}  // namespace

TEST_CASE("cmake --install lays out the binary, headers, library and package files") {
  const std::string& prefix = installed_prefix();
  const std::string lib = prefix + "/" SECCO_INSTALL_LIBDIR;
  for (const std::string& f :
       {prefix + "/bin/secco", prefix + "/include/secco/secco.h", prefix + "/include/secco/secco.hpp",
        prefix + "/include/secco/program.h", prefix + "/include/secco/action.h", prefix + "/include/secco/export.h",
        lib + "/libsecco.so", lib + "/cmake/secco/secco-config.cmake", lib + "/cmake/secco/secco-config-version.cmake",
        lib + "/cmake/secco/secco-targets.cmake", lib + "/pkgconfig/secco.pc"}) {
    CHECK_MESSAGE(exists(f), f);
  }
  st::RunResult v = st::run_program({prefix + "/bin/secco", "--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out == "secco " SECCO_TEST_VERSION "\n");
  // The installed binary compiles like the built one.
  std::string policy = st::source_path("examples/policies/server.secco");
  st::RunResult a = st::run_program({prefix + "/bin/secco", "compile", "-f", "asm", policy});
  st::RunResult b = st::run_secco({"compile", "-f", "asm", policy});
  CHECK(a.exit_code == 0);
  CHECK(a.out == b.out);
  // It finds its solver module (<libdir>/secco-modules/) for a policy that needs a solver query.
  CHECK(exists(lib + "/secco-modules/secco-z3.so"));
  std::string arith = st::temp_dir("install-solver") + "/arith.secco";
  st::write_file(arith, "read: argL0 + 1 == 3\n");
  st::RunResult s = st::run_program({prefix + "/bin/secco", "compile", "-Werror", "-o", "/dev/null", arith});
  CHECK_MESSAGE(s.exit_code == 0, s.err);
  // The public headers include nothing but each other and the standard library.
  for (const char* h : {"secco.h", "secco.hpp", "program.h", "action.h", "export.h"}) {
    std::istringstream in(st::read_file(prefix + "/include/secco/" + h));
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("#include \"", 0) == 0) CHECK_MESSAGE(line.rfind("#include \"secco/", 0) == 0, h << ": " << line);
    }
  }
}

TEST_CASE("libsecco.so exports the public API and hides the compiler's internals") {
  st::RunResult nm = st::run_program(
      {"nm", "-D", "-C", "--defined-only", installed_prefix() + "/" SECCO_INSTALL_LIBDIR "/libsecco.so"});
  if (nm.exit_code != 0) {
    MESSAGE("nm unavailable: " << nm.err);
    return;
  }
  CHECK(nm.out.find("secco::compile_string(") != std::string::npos);
  CHECK(nm.out.find("secco::install(") != std::string::npos);
  CHECK(nm.out.find("secco::CompileResult::ok() const") != std::string::npos);
  for (const char* c_symbol : {"secco_compile_text", "secco_compile_oci", "secco_result_free", "secco_install"})
    CHECK_MESSAGE(nm.out.find(c_symbol) != std::string::npos, c_symbol << " (C API) is not exported");
  for (const char* internal :
       {"secco::api::", "secco::bpf::", "secco::ir::", "secco::runtime::", "secco::Diagnostics::", "antlr4::"}) {
    CHECK_MESSAGE(nm.out.find(internal) == std::string::npos, internal << " is exported");
  }
}

TEST_CASE("a consumer builds against the installation with find_package(secco)") {
  const std::string& prefix = installed_prefix();
  std::string build = st::temp_dir("consumer-cmake");
  std::vector<std::string> configure{SECCO_CMAKE_COMMAND,
                                     "-S",
                                     st::source_path("test/e2e/consumer"),
                                     "-B",
                                     build,
                                     "-DCMAKE_PREFIX_PATH=" + prefix,
                                     "-DCMAKE_CXX_COMPILER=" SECCO_CXX_COMPILER,
                                     "-DCMAKE_BUILD_TYPE=" SECCO_BUILD_TYPE};
  if (std::string(SECCO_CONSUMER_FLAGS).size() > 0) {
    configure.push_back("-DCMAKE_CXX_FLAGS=" SECCO_CONSUMER_FLAGS);
    configure.push_back("-DCMAKE_EXE_LINKER_FLAGS=" SECCO_CONSUMER_FLAGS);
  }
  st::RunResult c = st::run_program(configure);
  REQUIRE_MESSAGE(c.exit_code == 0, c.out << c.err);
  st::RunResult b = st::run_program({SECCO_CMAKE_COMMAND, "--build", build});
  REQUIRE_MESSAGE(b.exit_code == 0, b.out << b.err);
  st::RunResult r = st::run_program({build + "/consumer"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == kConsumerOutput);
}

TEST_CASE("a consumer builds against the installation with pkg-config") {
  if (std::string(SECCO_PKG_CONFIG).empty()) {
    MESSAGE("pkg-config not found, skipping");
    return;
  }
  const std::string& prefix = installed_prefix();
  const std::string pcdir = prefix + "/" SECCO_INSTALL_LIBDIR "/pkgconfig";
  st::RunResult version =
      st::run_program({"env", "PKG_CONFIG_PATH=" + pcdir, SECCO_PKG_CONFIG, "--modversion", "secco"});
  REQUIRE_MESSAGE(version.exit_code == 0, version.err);
  CHECK(version.out == SECCO_TEST_VERSION "\n");
  st::RunResult flags =
      st::run_program({"env", "PKG_CONFIG_PATH=" + pcdir, SECCO_PKG_CONFIG, "--cflags", "--libs", "secco"});
  REQUIRE_MESSAGE(flags.exit_code == 0, flags.err);
  // The .pc file is relocatable: its paths lead into the scratch prefix.
  std::string include_dir;
  for (const std::string& w : words(flags.out))
    if (w.rfind("-I", 0) == 0) include_dir = real_path(w.substr(2));
  CHECK(include_dir == real_path(prefix + "/include"));
  CHECK(flags.out.find("-lsecco") != std::string::npos);

  std::string out = st::temp_dir("consumer-pc") + "/consumer";
  std::vector<std::string> cc{SECCO_CXX_COMPILER, "-std=c++17", st::source_path("test/e2e/consumer/consumer.cc"), "-o",
                              out};
  for (const std::string& w : words(flags.out)) cc.push_back(w);
  for (const std::string& w : words(SECCO_CONSUMER_FLAGS)) cc.push_back(w);
  cc.push_back("-Wl,-rpath," + prefix + "/" SECCO_INSTALL_LIBDIR);
  st::RunResult b = st::run_program(cc);
  REQUIRE_MESSAGE(b.exit_code == 0, b.out << b.err);
  st::RunResult r = st::run_program({out});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out == kConsumerOutput);
}
