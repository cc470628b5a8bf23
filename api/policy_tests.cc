#include "api/policy_tests.h"

#include <algorithm>
#include <cctype>

namespace secco::api {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::optional<std::uint64_t> parse_number_text(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned base = 10;
  std::size_t i = 0;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    i = 2;
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    base = 2;
    i = 2;
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    i = 1;
  }
  if (i == text.size()) return std::nullopt;
  std::uint64_t v = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    unsigned d = (c >= '0' && c <= '9')   ? static_cast<unsigned>(c - '0')
                 : (c >= 'a' && c <= 'f') ? static_cast<unsigned>(c - 'a' + 10)
                 : (c >= 'A' && c <= 'F') ? static_cast<unsigned>(c - 'A' + 10)
                                          : 99U;
    if (d >= base) return std::nullopt;
    if (v > (~0ULL - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

std::optional<Action> parse_action_text(std::string_view text, const Target& target) {
  text = trim(text);
  std::string word(text);
  std::optional<std::uint64_t> value;
  auto open = text.find('(');
  if (open != std::string_view::npos) {
    if (text.back() != ')') return std::nullopt;
    word = std::string(trim(text.substr(0, open)));
    value = parse_number_text(trim(text.substr(open + 1, text.size() - open - 2)));
    if (!value || *value > 0xffff) return std::nullopt;
  }
  if (auto kind = action_keyword(word)) {
    Action a{*kind, 0};
    if (value) {
      if (!a.has_data()) return std::nullopt;
      a.data = static_cast<std::uint16_t>(*value);
    } else if (*kind == ActionKind::Errno) {
      return std::nullopt;
    }
    return a;
  }
  if (open != std::string_view::npos) return std::nullopt;
  if (auto n = parse_number_text(word)) {
    if (*n > 0xffff) return std::nullopt;
    return Action::errno_(static_cast<std::uint16_t>(*n));
  }
  if (auto e = target.errno_number(word)) return Action::errno_(static_cast<std::uint16_t>(*e));
  return std::nullopt;
}

std::vector<TestCase> parse_test_cases(const SourceManager& sources, FileId file, const Target& target,
                                       Diagnostics& diags) {
  std::vector<TestCase> cases;
  const std::string& text = sources.text(file);
  std::uint32_t line_no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line_no;
    std::string_view line(text.data() + start, end - start);
    std::size_t line_start = start;
    start = end + 1;
    auto at = [&](std::string_view part) {
      auto col = static_cast<std::uint32_t>(part.data() - (text.data() + line_start) + 1);
      return SourceRange(SourceLoc{file, line_no, col},
                         SourceLoc{file, line_no, col + static_cast<std::uint32_t>(part.size())});
    };
    auto hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) {
      if (end == text.size()) break;
      continue;
    }
    auto arrow = line.find("=>");
    auto lp = line.find('(');
    auto rp = line.find(')');
    if (arrow == std::string_view::npos || lp == std::string_view::npos || rp == std::string_view::npos || rp < lp ||
        rp > arrow) {
      diags.report(diag::err_case_syntax, at(line));
      continue;
    }
    TestCase c;
    c.line = line_no;
    c.text = std::string(trim(line.substr(0, rp + 1)));
    c.data.arch = target.audit_arch();
    const Target* abi = &target;
    bool ok = true;
    // Options between ')' and '=>'.
    std::string_view opts = trim(line.substr(rp + 1, arrow - rp - 1));
    while (!opts.empty()) {
      auto sp = opts.find_first_of(" \t");
      std::string_view opt = opts.substr(0, sp);
      opts = sp == std::string_view::npos ? std::string_view{} : trim(opts.substr(sp));
      auto eq = opt.find('=');
      std::string key = eq == std::string_view::npos ? std::string(opt) : lower(opt.substr(0, eq));
      std::string_view val = eq == std::string_view::npos ? std::string_view{} : opt.substr(eq + 1);
      if (key == "arch") {
        auto arch = audit_arch_by_name(val);
        if (!arch)
          arch = parse_number_text(val) && *parse_number_text(val) <= 0xffffffffULL
                     ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*parse_number_text(val)))
                     : std::nullopt;
        if (!arch) {
          diags.report(diag::err_case_arch, at(val)) << std::string(val);
          ok = false;
        } else {
          c.data.arch = *arch;
          // The case names its call, constants and errno values in this ABI's tables.
          if (const Target* named = Target::find(val)) {
            abi = named;
          } else if (const Target* by_value = Target::find_by_audit_arch(*arch)) {
            abi = by_value;
          }
        }
      } else if (key == "ip") {
        auto ip = parse_number_text(val);
        if (!ip) {
          diags.report(diag::err_case_value, at(val)) << std::string(val);
          ok = false;
        } else {
          c.data.instruction_pointer = *ip;
        }
      } else {
        diags.report(diag::err_case_syntax, at(opt));
        ok = false;
      }
    }
    std::string_view name = trim(line.substr(0, lp));
    if (auto nr = abi->syscall_number(name)) {
      c.data.nr = *nr;
    } else if (auto n = parse_number_text(name); n && *n <= 0xffffffffULL) {
      c.data.nr = static_cast<std::uint32_t>(*n);
    } else {
      diags.report(diag::err_case_syscall, at(name)) << std::string(name);
      ok = false;
    }
    std::string_view args = line.substr(lp + 1, rp - lp - 1);
    std::size_t argi = 0;
    while (!trim(args).empty()) {
      auto comma = args.find(',');
      std::string_view a = trim(args.substr(0, comma));
      if (argi >= 6) {
        diags.report(diag::err_case_too_many_args, at(a));
        ok = false;
        break;
      }
      if (auto n = parse_number_text(a)) {
        c.data.args[argi] = *n;
      } else if (auto k = abi->constant(a)) {
        c.data.args[argi] = k->value;
      } else {
        diags.report(diag::err_case_value, at(a)) << std::string(a);
        ok = false;
      }
      ++argi;
      if (comma == std::string_view::npos) break;
      args = args.substr(comma + 1);
    }
    std::string_view action = trim(line.substr(arrow + 2));
    auto expected = parse_action_text(action, *abi);
    if (!expected) {
      diags.report(diag::err_case_action, at(action.empty() ? line.substr(arrow, 2) : action)) << std::string(action);
      ok = false;
    } else {
      c.expected = *expected;
    }
    if (ok) cases.push_back(std::move(c));
    if (end == text.size()) break;
  }
  return cases;
}

}  // namespace secco::api
