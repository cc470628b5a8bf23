// Where the command of `run` and `record` starts. CLI11 would read `ls -d /tmp` after the policy as
// secco's `-d` option; env(1) and timeout(1) treat everything after their own arguments as the
// command, and so does secco: the first positional argument after `run`'s options is POLICY, the
// next one starts the command (`record` has no POLICY: its first positional starts the command).
#include "cli/common.h"

namespace secco::cli {

void separate_command(CLI::App& app, std::vector<std::string>& args) {
  std::size_t i = 1;
  while (i < args.size() && !args[i].empty() && args[i][0] == '-') ++i;  // options of `secco` itself
  if (i >= args.size()) return;
  std::size_t positionals_before_command = 0;
  if (args[i] == "run")
    positionals_before_command = 1;
  else if (args[i] != "record")
    return;
  CLI::App* sub = nullptr;
  try {
    sub = app.get_subcommand(args[i]);
  } catch (const CLI::OptionNotFound&) {
    return;
  }
  for (std::size_t j = i + 1; j < args.size(); ++j) {
    const std::string& a = args[j];
    if (a == "--") return;  // already separated
    if (a.size() > 1 && a[0] == '-') {
      if (a.find('=') != std::string::npos) continue;  // --name=value
      const CLI::Option* opt = sub->get_option_no_throw(a);
      if (opt == nullptr && a.size() > 2 && a[1] != '-') continue;  // -O2: value attached
      if (opt != nullptr && opt->get_expected_min() > 0) ++j;       // the option's value
      continue;
    }
    if (positionals_before_command > 0) {
      --positionals_before_command;
      continue;
    }
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(j), "--");
    return;
  }
}

}  // namespace secco::cli
