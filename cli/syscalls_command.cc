// secco syscalls: the name <-> number resolver (libseccomp's scmp_sys_resolver) and the members
// of the named groups of spec §10.
#include <cctype>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "cli/suggest.h"
#include "support/edit_distance.h"
#include "target/syscall_groups.h"
#include "target/target.h"

namespace secco::cli {
namespace {

std::optional<std::uint32_t> parse_number(const std::string& s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  std::size_t i = 0;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    i = 2;
  }
  for (; i < s.size(); ++i) {
    int digit = std::isdigit(static_cast<unsigned char>(s[i]))                  ? s[i] - '0'
                : base == 16 && std::isxdigit(static_cast<unsigned char>(s[i])) ? std::tolower(s[i]) - 'a' + 10
                                                                                : -1;
    if (digit < 0) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
  }
  if (v > 0xffffffffULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

// Resolves one query into `out`; returns the error message, "" on success.
std::string resolve(const Target& t, const std::string& q, std::ostream& out) {
  if (q == "@") {
    for (std::string_view g : syscall_group_names()) out << g << '\n';
    return "";
  }
  if (!q.empty() && q[0] == '@') {
    auto members = expand_syscall_group(q);
    if (!members) {
      TypoCorrector typo(q);
      for (std::string_view g : syscall_group_names()) typo.offer(g);
      auto best = typo.best();
      return "unknown system call group '" + q + "'" + (best ? "; did you mean '" + *best + "'?" : std::string());
    }
    for (const std::string& m : *members)
      if (auto nr = t.syscall_number(m)) out << m << ' ' << *nr << '\n';
    return "";
  }
  if (auto n = parse_number(q)) {
    auto name = t.syscall_name(*n);
    if (!name) return "no system call number " + q + " on " + std::string(t.name());
    out << *n << ' ' << *name << '\n';
    return "";
  }
  if (auto nr = t.syscall_number(q)) {
    out << q << ' ' << *nr << '\n';
    return "";
  }
  return unknown_syscall_message(q, t);
}

}  // namespace

void add_syscalls_command(CLI::App& app) {
  struct Opts {
    std::string arch = "x86_64";
    std::vector<std::string> queries;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "syscalls", "resolve system call names and numbers; @GROUP lists a group's members, '@' the groups");
  cmd->add_option("--arch", o->arch, "target architecture")->capture_default_str();
  cmd->add_option("QUERY", o->queries, "NAME, NR (decimal or 0x..), @GROUP or @; none: every system call");
  cmd->callback([o] {
    const Target* t = Target::find(o->arch);
    if (t == nullptr) {
      std::cerr << "secco: error: unknown architecture '" << o->arch << "'\n";
      throw Exit{kExitUsage};
    }
    std::ostringstream out;
    if (o->queries.empty())
      for (const SyscallEntry& s : t->syscalls()) out << s.nr << ' ' << s.name << '\n';
    bool failed = false;
    for (const std::string& q : o->queries) {
      std::string err = resolve(*t, q, out);
      if (!err.empty()) {
        std::cerr << "secco: error: " << err << '\n';
        failed = true;
      }
    }
    std::cout << out.str();
    if (failed) throw Exit{kExitInput};
  });
}

}  // namespace secco::cli
