// NamedOptions (common.h): the compile options a command line names, and the check that CLI11
// parses it with those alone exactly as with all of them. CLI11 looks an option up only for an
// argument that looks like one: `--name` or `--name=value` (the long name), `-abc` (`a`; if `a`
// is a flag, then `b` and so on; if it takes a value, `bc` is that value). Arguments after `--`
// and ones that do not start with `-` are positionals or values, with no lookup. So when every
// lookup the parse makes finds an option that is in the command with its full definition, the
// options left out are never consulted.
#include <algorithm>

#include "cli/common.h"

namespace secco::cli {
namespace {

const NamedOptions kEveryOption;
const NamedOptions* active = &kEveryOption;

bool is_help(const std::string& name) {
  return name == "-h" || name == "--help";
}

}  // namespace

NamedOptions::NamedOptions(const std::vector<std::string>& args, std::size_t first)
    : all_(false), args_(args.begin() + static_cast<std::ptrdiff_t>(std::min(first, args.size())), args.end()) {
  for (const std::string& a : args_) {
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') continue;
    if (a[1] == '-') {
      names_.push_back(a.substr(0, a.find('=')));
      continue;
    }
    for (std::size_t i = 1; i < a.size(); ++i) names_.push_back(std::string{'-', a[i]});
  }
}

bool NamedOptions::wanted(const std::string& names) const {
  if (all_) return true;
  std::size_t start = 0;
  while (start <= names.size()) {
    std::size_t end = names.find(',', start);
    if (end == std::string::npos) end = names.size();
    const std::string name = names.substr(start, end - start);
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) return true;
    start = end + 1;
  }
  return false;
}

bool NamedOptions::parses_like_full(const CLI::App& cmd) const {
  if (all_) return true;
  for (const std::string& a : args_) {
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') continue;
    if (a[1] == '-') {
      const std::string name = a.substr(0, a.find('='));
      if (is_help(name) || cmd.get_option_no_throw(name) == nullptr) return false;
      continue;
    }
    for (std::size_t i = 1; i < a.size(); ++i) {
      const std::string name{'-', a[i]};
      const CLI::Option* opt = cmd.get_option_no_throw(name);
      if (is_help(name) || opt == nullptr) return false;
      if (opt->get_expected_min() > 0) break;  // the rest of the argument is its value
    }
  }
  return true;
}

void set_named_options(const NamedOptions* named) {
  active = named != nullptr ? named : &kEveryOption;
}

const NamedOptions& named_options() {
  return *active;
}

}  // namespace secco::cli
