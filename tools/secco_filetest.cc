// secco-filetest: runs the per-pass file tests (test/passes/<pass>/*.ir, docs/writing-a-pass.md).
// A test is an IR file with a header of `;` comment lines:
//   ; PASSES: fold,simplify      the pipeline to run (none: only read and verify)
//   ; CHECK: text                the output has a line containing `text`, after the previous match
//   ; CHECK-NEXT: text           ... on the line right after the previous match
//   ; CHECK-NOT: text            ... no line containing `text` between the previous and next match
//   ; error: text / ; warning: text   a diagnostic containing `text` (then errors are expected)
//   ; DIAG: text                 the rendered diagnostics contain `text` (e.g. `x.secco:1:7: error: ...`)
//   ; DAG: reuse-loads           then compile to the instruction DAG and run these DAG passes
//   ; OUTPUT:                    the rest of the file, each line behind "; ", is the exact output
// The output is the IR printed after the pipeline; with `; DAG:`, the DAG as instruction
// selection made it at -O1 and after each DAG pass (backend/dag_passes.h). SECCO_BLESS=1 rewrites the OUTPUT section of
// every test that has one and prints a unified diff of what changed; any mismatch prints a diff.
// Usage: secco-filetest [--load-pass PLUGIN.so]... DIR-OR-FILE...   Exit 0 when all pass.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "backend/compile.h"
#include "ir/printer.h"
#include "ir/reader.h"
#include "ir/verifier.h"
#include "passes/pass_manager.h"

namespace {

using namespace secco;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A unified diff (3 lines of context) of two texts, by the longest common subsequence of lines.
std::string unified_diff(const std::string& a_text, const std::string& b_text, const std::string& a_name,
                         const std::string& b_name) {
  std::vector<std::string> a = split_lines(a_text), b = split_lines(b_text);
  const std::size_t n = a.size(), m = b.size();
  if (n * m > 25'000'000) return "--- " + a_name + "\n+++ " + b_name + "\n(too large to diff)\n";
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Op {
    char kind;  // ' ', '-', '+'
    std::size_t ai, bi;
  };
  std::vector<Op> ops;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ops.push_back({' ', i++, j++});
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push_back({'+', i, j++});
    } else {
      ops.push_back({'-', i++, j});
    }
  }
  std::string out = "--- " + a_name + "\n+++ " + b_name + "\n";
  constexpr std::size_t kContext = 3;
  std::vector<std::size_t> changes;
  for (std::size_t k = 0; k < ops.size(); ++k)
    if (ops[k].kind != ' ') changes.push_back(k);
  for (std::size_t c = 0; c < changes.size();) {
    // One hunk: changes closer than 2 * context lines, with context on both sides.
    std::size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] <= 2 * kContext) ++last;
    std::size_t begin = changes[c] >= kContext ? changes[c] - kContext : 0;
    std::size_t stop = std::min(ops.size(), changes[last] + kContext + 1);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t t = begin; t < stop; ++t) {
      a_count += ops[t].kind != '+' ? 1 : 0;
      b_count += ops[t].kind != '-' ? 1 : 0;
    }
    out += "@@ -" + std::to_string(ops[begin].ai + (a_count ? 1 : 0)) + "," + std::to_string(a_count) + " +" +
           std::to_string(ops[begin].bi + (b_count ? 1 : 0)) + "," + std::to_string(b_count) + " @@\n";
    for (std::size_t t = begin; t < stop; ++t)
      out += std::string(1, ops[t].kind) + (ops[t].kind == '+' ? b[ops[t].bi] : a[ops[t].ai]) + "\n";
    c = last + 1;
  }
  return out;
}

struct Check {
  enum Kind { Plain, Next, Not } kind;
  std::string text;
  std::size_t line;  // in the test file, for messages
};

struct TestFile {
  std::string pipeline;
  bool dag = false;  // `; DAG:` given
  std::string dag_pipeline;
  std::vector<Check> checks;
  std::vector<std::string> diagnostics;  // "error: text" / "warning: text"
  bool expects_error = false;
  bool has_output = false;
  std::string output;         // the OUTPUT section, unprefixed
  std::size_t output_at = 0;  // byte offset of the "; OUTPUT:" line
};

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

TestFile parse_header(const std::string& text) {
  TestFile t;
  std::vector<std::string> lines = split_lines(text);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < lines.size(); offset += lines[i].size() + 1, ++i) {
    const std::string& l = lines[i];
    if (t.has_output) {
      t.output += (starts_with(l, "; ") ? l.substr(2) : starts_with(l, ";") ? l.substr(1) : l) + "\n";
      continue;
    }
    auto value = [&](const std::string& key) { return l.substr(key.size() + (l.size() > key.size() ? 1 : 0)); };
    if (starts_with(l, "; PASSES:")) t.pipeline = value("; PASSES:");
    if (starts_with(l, "; DAG:")) {
      t.dag = true;
      t.dag_pipeline = value("; DAG:");
      while (!t.dag_pipeline.empty() && t.dag_pipeline.back() == ' ') t.dag_pipeline.pop_back();
    }
    if (starts_with(l, "; CHECK:")) t.checks.push_back({Check::Plain, value("; CHECK:"), i + 1});
    if (starts_with(l, "; CHECK-NEXT:")) t.checks.push_back({Check::Next, value("; CHECK-NEXT:"), i + 1});
    if (starts_with(l, "; CHECK-NOT:")) t.checks.push_back({Check::Not, value("; CHECK-NOT:"), i + 1});
    if (starts_with(l, "; error:")) {
      t.diagnostics.push_back("error: " + value("; error:"));
      t.expects_error = true;
    }
    if (starts_with(l, "; warning:")) t.diagnostics.push_back("warning: " + value("; warning:"));
    if (starts_with(l, "; DIAG:")) t.diagnostics.push_back(value("; DIAG:"));
    if (l == "; OUTPUT:") {
      t.has_output = true;
      t.output_at = offset;
    }
  }
  while (!t.pipeline.empty() && t.pipeline.back() == ' ') t.pipeline.pop_back();
  return t;
}

// Matches the checks against the output's lines, FileCheck style; returns the failures.
std::string run_checks(const std::vector<Check>& checks, const std::string& output) {
  std::vector<std::string> lines = split_lines(output);
  std::string failures;
  std::size_t next = 0;     // first line the next CHECK may match
  bool have_match = false;  // a CHECK matched before (CHECK-NEXT needs one)
  std::vector<const Check*> nots;
  auto check_nots = [&](std::size_t from, std::size_t to) {
    for (const Check* c : nots)
      for (std::size_t k = from; k < to && k < lines.size(); ++k)
        if (lines[k].find(c->text) != std::string::npos)
          failures += "line " + std::to_string(c->line) + ": CHECK-NOT: '" + c->text + "' found in output line " +
                      std::to_string(k + 1) + ": " + lines[k] + "\n";
    nots.clear();
  };
  std::size_t region_start = 0;
  for (const Check& c : checks) {
    if (c.kind == Check::Not) {
      nots.push_back(&c);
      continue;
    }
    std::size_t found = lines.size();
    if (c.kind == Check::Next) {
      if (have_match && next < lines.size() && lines[next].find(c.text) != std::string::npos) found = next;
    } else {
      for (std::size_t k = next; k < lines.size(); ++k)
        if (lines[k].find(c.text) != std::string::npos) {
          found = k;
          break;
        }
    }
    if (found == lines.size()) {
      failures += "line " + std::to_string(c.line) + ": " + (c.kind == Check::Next ? "CHECK-NEXT" : "CHECK") + ": '" +
                  c.text + "' not found" + (c.kind == Check::Next ? " on the next line" : "") + "\n";
      return failures;
    }
    check_nots(region_start, found);
    region_start = found + 1;
    next = found + 1;
    have_match = true;
  }
  check_nots(region_start, lines.size());
  return failures;
}

struct Result {
  std::string output;       // printed IR (empty on error)
  std::string diagnostics;  // rendered
  bool errors = false;
};

Result run_test(const std::string& path, const std::string& text, const TestFile& t) {
  const std::string& pipeline = t.pipeline;
  Result r;
  SourceManager sm;
  Diagnostics diags(sm);
  auto m = ir::read_module(sm, sm.add(path, text), diags);
  if (m) {
    std::vector<std::string> problems = ir::verify(*m);
    for (const std::string& p : problems) diags.report(diag::err_ir_verify, SourceRange{}) << "as read" << p;
    if (problems.empty() && !pipeline.empty()) {
      std::string error;
      auto pm = passes::PassManager::parse(pipeline, error);
      if (!pm) {
        r.diagnostics = "error: " + error + "\n";
        r.errors = true;
        return r;
      }
      passes::Instrumentation inst;
      inst.verify_each = true;
      pm->run(*m, diags, inst);
    }
    if (!diags.has_errors() && t.dag) {
      std::ostringstream dump;
      backend::BackendOptions opts;
      opts.opt_level = 1;  // selection without argument trees (-O2's), so a test sees one pass at work
      opts.dag_pipeline = t.dag_pipeline;
      opts.print_after = {"all"};
      opts.dump = &dump;
      if (backend::generate(*m, opts, diags)) r.output = dump.str();
    } else if (!diags.has_errors()) {
      r.output = ir::to_string(*m);
    }
  }
  std::ostringstream os;
  diags.render(os);
  r.diagnostics += os.str();
  r.errors = r.errors || diags.has_errors();
  return r;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs one test file; prints what failed. Returns true when it passed (or was blessed).
bool run_file(const std::filesystem::path& path, bool bless) {
  std::string text = read_text(path);
  TestFile t = parse_header(text);
  std::string failures;
  if (t.checks.empty() && t.diagnostics.empty() && !t.has_output)
    failures += "no CHECK, error, warning or OUTPUT lines: the test checks nothing\n";
  Result r = run_test(path.string(), text, t);
  if (r.errors && !t.expects_error) failures += "unexpected error:\n" + r.diagnostics;
  if (!r.errors && t.expects_error) failures += "expected an error, but the pipeline succeeded\n";
  for (const std::string& d : t.diagnostics)
    if (r.diagnostics.find(d) == std::string::npos) failures += "expected diagnostic '" + d + "' not reported\n";
  if (!t.expects_error || !r.output.empty()) failures += run_checks(t.checks, r.output);
  if (t.has_output && r.output != t.output) {
    if (bless) {
      std::string prefixed;
      for (const std::string& l : split_lines(r.output)) prefixed += (l.empty() ? ";" : "; " + l) + "\n";
      std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(0, t.output_at) << "; OUTPUT:\n"
                                                              << prefixed;
      std::cout << "blessed " << path.string() << "\n" << unified_diff(t.output, r.output, "old OUTPUT", "new OUTPUT");
    } else {
      failures += "output differs from the OUTPUT section (SECCO_BLESS=1 rewrites it):\n" +
                  unified_diff(t.output, r.output, "expected", "actual");
    }
  }
  if (failures.empty()) return true;
  std::cout << "FAIL " << path.string() << "\n" << failures;
  if (!r.output.empty() && !t.checks.empty()) std::cout << "output was:\n" << r.output;
  if (!r.diagnostics.empty() && !r.errors) std::cout << "diagnostics were:\n" << r.diagnostics;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const char* bless_env = std::getenv("SECCO_BLESS");
  const bool bless = bless_env != nullptr && std::string(bless_env) == "1";
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--load-pass" && i + 1 < argc) {
      std::string err = passes::load_pass_plugin(argv[++i]);
      if (!err.empty()) {
        std::cerr << "secco-filetest: " << err << '\n';
        return 2;
      }
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.path().extension() == ".ir") files.push_back(e.path());
    } else if (std::filesystem::exists(arg, ec)) {
      files.push_back(arg);
    } else {
      std::cerr << "secco-filetest: no such file or directory: " << arg << '\n';
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "usage: secco-filetest [--load-pass PLUGIN.so]... DIR-OR-FILE.ir...\n";
    return 2;
  }
  std::size_t failed = 0;
  for (const auto& f : files) failed += run_file(f, bless) ? 0 : 1;
  std::cout << files.size() - failed << " of " << files.size() << " file tests passed\n";
  return failed == 0 ? 0 : 1;
}
