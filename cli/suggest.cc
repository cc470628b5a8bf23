#include "cli/suggest.h"

#include "support/edit_distance.h"
#include "target/target.h"

namespace secco::cli {
namespace {

std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> out;
  for (const CLI::Option* opt : cmd.get_options()) {
    for (const std::string& l : opt->get_lnames()) out.push_back("--" + l);
    for (const std::string& s : opt->get_snames()) out.push_back("-" + s);
  }
  return out;
}

}  // namespace

void rewrite_diagnostic_flags(std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string& a = args[i];
    if (a == "--") return;
    if (a == "-Werror") {
      a = "--Werror";
    } else if (a.size() > 2 && a.compare(0, 2, "-W") == 0) {
      a = "--warning=" + a.substr(2);
    } else if (a.compare(0, 14, "-ferror-limit=") == 0) {
      a = "--error-limit=" + a.substr(14);
    } else if (a.compare(0, 21, "-fdiagnostics-format=") == 0) {
      a = "--diagnostics-format=" + a.substr(21);
    }
  }
}

std::string unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
  if (args.size() < 2 || args[1].empty() || args[1][0] == '-') return "";
  TypoCorrector typo(args[1]);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == args[1]) return "";
    typo.offer(sub->get_name());
  }
  std::string msg = "unknown command '" + args[1] + "'";
  if (auto best = typo.best()) msg += "; did you mean '" + *best + "'?";
  return msg;
}

std::string suggest_option(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* cmd = &app;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->parsed()) cmd = sub;
  std::vector<std::string> known = option_names(*cmd);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') continue;
    std::string name = a.substr(0, a.find('='));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    if (name == "--warning" || name == "--error-limit" || name == "--diagnostics-format") continue;
    TypoCorrector typo(name);
    typo.offer(known);
    if (auto best = typo.best()) return "unknown option '" + name + "'; did you mean '" + *best + "'?";
  }
  return "";
}

std::string unknown_syscall_message(const std::string& name, const Target& t) {
  TypoCorrector typo(name);
  for (const SyscallEntry& s : t.syscalls()) typo.offer(s.name);
  auto best = typo.best();
  return "unknown system call '" + name + "' on " + std::string(t.name()) +
         (best ? "; did you mean '" + *best + "'?" : std::string());
}

}  // namespace secco::cli
