// Source files and locations. Every stage reports problems against a SourceRange, so the
// diagnostics engine can print `file:line:col` and the offending line with a caret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace secco {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffU;

// A point in a source file. Line and column are 1-based; column counts bytes.
struct SourceLoc {
  FileId file = kNoFile;
  std::uint32_t line = 0;
  std::uint32_t col = 0;

  bool valid() const { return file != kNoFile && line != 0; }
  friend bool operator==(const SourceLoc& a, const SourceLoc& b) {
    return a.file == b.file && a.line == b.line && a.col == b.col;
  }
  friend bool operator!=(const SourceLoc& a, const SourceLoc& b) { return !(a == b); }
  friend bool operator<(const SourceLoc& a, const SourceLoc& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.col < b.col;
  }
};

// A half-open range [begin, end) on one line (the language has no multi-line constructs).
struct SourceRange {
  SourceLoc begin;
  SourceLoc end;

  SourceRange() = default;
  SourceRange(SourceLoc b, SourceLoc e) : begin(b), end(e) {}
  explicit SourceRange(SourceLoc b) : begin(b), end(b) {}
  bool valid() const { return begin.valid(); }
};

// Owns the text of every file read in one compilation and maps locations back to lines.
class SourceManager {
 public:
  // Adds a file's text under a display name (a path, or "<stdin>"); a leading UTF-8 BOM is dropped.
  FileId add(std::string name, std::string text);
  const std::string& name(FileId id) const { return files_.at(id).name; }
  const std::string& text(FileId id) const { return files_.at(id).text; }
  // The text of 1-based line `line` without its newline ("" when out of range).
  std::string_view line(FileId id, std::uint32_t line) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string name;
    std::string text;
    std::vector<std::size_t> line_starts;
  };
  std::vector<File> files_;
};

}  // namespace secco
