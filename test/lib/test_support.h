// Helpers shared by the test executables: files, temporary directories, running the CLI.
#pragma once

#include <string>
#include <vector>

namespace secco::testing {

// Path of a file in the source tree, e.g. source_path("test/policies/basic.secco").
std::string source_path(const std::string& relative);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
// A fresh empty directory under the build tree's tmp/, removed by nobody (the build tree is scratch).
std::string temp_dir(const std::string& tag);

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};
// Runs the built `secco` binary ($SECCO_BIN) with `args`, feeding `input` on stdin.
RunResult run_secco(const std::vector<std::string>& args, const std::string& input = "");
// Runs any program.
RunResult run_program(const std::vector<std::string>& argv, const std::string& input = "");

}  // namespace secco::testing
