// Must-fail inputs: every test/diagnostics/parse/*.secco is parsed and its diagnostics compared
// with the annotations written in the file itself. The test fails on a missing diagnostic and on an
// unexpected one, and a file without annotations is an error (it would test nothing).
//
// Annotation format (inside `#` comments, so the annotated file is still a policy):
//   <bad line>   # expected-error@COL {{message}}        the error is on this line, at column COL
//   # expected-error@+N:COL {{message}}                  the error is N lines below this comment
// A comment may hold several annotations. COL is 1-based in bytes; errors at the end of a line
// point just after its last token. The message is matched exactly. Use the second form for lines
// that must not end in a comment (an error at the end of the line reads the same either way).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

#include "frontend_test_util.h"
#include "lib/test_support.h"

namespace secco::testing {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::uint32_t line;
  std::uint32_t col;
  std::string message;
  friend bool operator<(const Expected& a, const Expected& b) {
    return std::tie(a.line, a.col, a.message) < std::tie(b.line, b.col, b.message);
  }
  friend bool operator==(const Expected& a, const Expected& b) {
    return a.line == b.line && a.col == b.col && a.message == b.message;
  }
};

std::string show(const std::vector<Expected>& v) {
  std::ostringstream out;
  for (const Expected& e : v) out << "  " << e.line << ':' << e.col << ": " << e.message << '\n';
  return out.str();
}

std::vector<Expected> annotations(const std::string& text) {
  static const std::regex kAnnotation(R"(expected-error@(?:\+(\d+):)?(\d+)\s*\{\{(.*?)\}\})");
  std::vector<Expected> out;
  std::istringstream lines(text);
  std::string line;
  for (std::uint32_t number = 1; std::getline(lines, line); ++number) {
    std::size_t hash = line.find('#');
    if (hash == std::string::npos) continue;
    std::string comment = line.substr(hash);
    for (std::sregex_iterator it(comment.begin(), comment.end(), kAnnotation), end; it != end; ++it) {
      const std::smatch& m = *it;
      std::uint32_t target = number + (m[1].matched ? static_cast<std::uint32_t>(std::stoul(m[1].str())) : 0);
      out.push_back({target, static_cast<std::uint32_t>(std::stoul(m[2].str())), m[3].str()});
    }
  }
  return out;
}

TEST_CASE("annotated must-fail inputs in test/diagnostics/parse") {
  fs::path dir = source_path("test/diagnostics/parse");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".secco") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const fs::path& path : files) {
    CAPTURE(path.filename().string());
    std::string text = read_file(path.string());
    std::vector<Expected> want = annotations(text);
    CHECK_MESSAGE(!want.empty(), "no expected-error annotation");
    Parsed p = parse_text(text, path.filename().string());
    std::vector<Expected> got;
    for (const Diagnostic& d : p.diags->all()) got.push_back({d.range.begin.line, d.range.begin.col, d.message});
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    std::vector<Expected> missing;
    std::vector<Expected> unexpected;
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(unexpected));
    CHECK_MESSAGE(missing.empty(), "missing diagnostics:\n" << show(missing));
    CHECK_MESSAGE(unexpected.empty(), "unexpected diagnostics:\n" << show(unexpected));
  }
}

}  // namespace
}  // namespace secco::testing
