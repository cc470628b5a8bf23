#include "support/source_manager.h"

namespace secco {

FileId SourceManager::add(std::string name, std::string text) {
  // A UTF-8 byte order mark (what some Windows editors write first) is not part of line 1.
  if (text.compare(0, 3, "\xef\xbb\xbf") == 0) text.erase(0, 3);
  File f{std::move(name), std::move(text), {0}};
  for (std::size_t i = 0; i < f.text.size(); ++i) {
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
  }
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

std::string_view SourceManager::line(FileId id, std::uint32_t line) const {
  if (id >= files_.size()) return {};
  const File& f = files_[id];
  if (line == 0 || line > f.line_starts.size()) return {};
  std::size_t begin = f.line_starts[line - 1];
  std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  if (begin > end) return {};
  std::string_view v(f.text.data() + begin, end - begin);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

}  // namespace secco
