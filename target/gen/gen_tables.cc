// Build-time generator of the predefined world; target/CMakeLists.txt builds and runs it, it is
// never installed. Two steps, so that every number comes from the system's headers and none is
// typed by hand:
//   probe-source  From the preprocessor's macro list of predefined_umbrella.h (`-dM -E`) and the
//                 rules of predefined_names.txt, writes a C++ probe program that prints the value of
//                 each candidate macro the compiler can evaluate as an integer constant expression.
//                 Candidates that do not compile at all (a macro naming a struct the umbrella does
//                 not declare, ...) are found by compiling the probe and are dropped.
//   tables        From the probe's output, the <errno.h> macro list and, per architecture, the
//                 <asm/unistd_*.h> macro list plus its dated extra-syscalls file, writes
//                 target_tables.cc: sorted tables that target/target.cc serves.
// Output is deterministic: everything is sorted, nothing depends on time or paths beyond inputs.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "secco_gen_tables: error: " << message << "\n";
  std::exit(1);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text) || !(out.flush())) fail("cannot write " + path);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_identifier(const std::string& s) {
  return !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), is_ident_char);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// An integer literal as C writes it: decimal, 0x hex or 0 octal, optional u/l suffixes, optional
// parentheses around it.
std::optional<std::uint64_t> parse_literal(std::string s) {
  s = trim(s);
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = trim(s.substr(1, s.size() - 2));
  while (!s.empty() && (s.back() == 'u' || s.back() == 'U' || s.back() == 'l' || s.back() == 'L')) s.pop_back();
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  int base = 10;
  std::size_t start = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    start = 2;
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    start = 1;
  }
  std::uint64_t value = 0;
  for (std::size_t i = start; i < s.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    if (value > (UINT64_MAX - static_cast<std::uint64_t>(digit)) / static_cast<std::uint64_t>(base))
      return std::nullopt;
    value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
  }
  return value;
}

// ---- Macro lists (`cc -dM -E`) -------------------------------------------------------------------

struct Macro {
  std::string body;
  bool function_like = false;
};

std::map<std::string, Macro> read_macros(const std::string& path) {
  std::map<std::string, Macro> macros;
  for (const std::string& line : split_lines(read_text(path))) {
    static const std::string kDefine = "#define ";
    if (!starts_with(line, kDefine)) continue;
    std::size_t end = kDefine.size();
    while (end < line.size() && is_ident_char(line[end])) ++end;
    const std::string name = line.substr(kDefine.size(), end - kDefine.size());
    if (!is_identifier(name)) continue;
    Macro macro;
    macro.function_like = end < line.size() && line[end] == '(';
    macro.body = macro.function_like ? "" : trim(line.substr(end));
    macros[name] = macro;
  }
  if (macros.empty()) fail("no macros in " + path);
  return macros;
}

// Errno names: the object-like E[A-Z0-9]* macros of <errno.h>.
std::set<std::string> errno_names(const std::map<std::string, Macro>& errno_macros) {
  std::set<std::string> names;
  for (const auto& [name, macro] : errno_macros) {
    const bool shape =
        name.size() > 1 && name[0] == 'E' && std::all_of(name.begin() + 1, name.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
        });
    if (shape && !macro.function_like && !macro.body.empty()) names.insert(name);
  }
  if (names.size() < 100) fail("found only " + std::to_string(names.size()) + " errno names");
  return names;
}

// ---- Macro expressions -------------------------------------------------------------------------

// Evaluates the body of an object-like macro as the integer constant expression the kernel's UAPI
// headers write (`(__NR_Linux + 3)`, `(1 << 3)`, `-100`, `(__O_SYNC | O_DSYNC)`): literals, other
// macros of the list, parentheses, unary - ~ ! and the binary arithmetic and bit operators.
// Anything else (casts, function-like macros, strings) gives nullopt: the name is left out.
class MacroEvaluator {
 public:
  explicit MacroEvaluator(const std::map<std::string, Macro>& macros) : macros_(macros) {}

  std::optional<std::int64_t> value(const std::string& name, int depth = 0) const {
    const auto it = macros_.find(name);
    if (it == macros_.end() || it->second.function_like || it->second.body.empty() || depth > 16) return std::nullopt;
    Parser p{this, tokens(it->second.body), 0, depth + 1, true};
    const auto v = p.expr(0);
    if (!p.ok || p.at != p.toks.size()) return std::nullopt;
    return v;
  }

 private:
  static std::vector<std::string> tokens(const std::string& body) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < body.size();) {
      const char c = body[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (is_ident_char(c)) {
        std::size_t j = i;
        while (j < body.size() && is_ident_char(body[j])) ++j;
        out.push_back(body.substr(i, j - i));
        i = j;
      } else if ((c == '<' || c == '>') && i + 1 < body.size() && body[i + 1] == c) {
        out.push_back(body.substr(i, 2));
        i += 2;
      } else {
        out.emplace_back(1, c);
        ++i;
      }
    }
    return out;
  }

  struct Parser {
    const MacroEvaluator* ev;
    std::vector<std::string> toks;
    std::size_t at;
    int depth;
    bool ok;

    const std::string& peek() const {
      static const std::string kEnd;
      return at < toks.size() ? toks[at] : kEnd;
    }
    static int precedence(const std::string& op) {
      if (op == "|") return 1;
      if (op == "^") return 2;
      if (op == "&") return 3;
      if (op == "<<" || op == ">>") return 4;
      if (op == "+" || op == "-") return 5;
      if (op == "*" || op == "/" || op == "%") return 6;
      return 0;
    }
    std::int64_t expr(int min_prec) {
      std::int64_t lhs = unary();
      for (int prec = precedence(peek()); ok && prec > min_prec; prec = precedence(peek())) {
        const std::string op = toks[at++];
        const std::int64_t rhs = expr(prec);
        const auto l = static_cast<std::uint64_t>(lhs), r = static_cast<std::uint64_t>(rhs);
        if (op == "|") lhs = static_cast<std::int64_t>(l | r);
        if (op == "^") lhs = static_cast<std::int64_t>(l ^ r);
        if (op == "&") lhs = static_cast<std::int64_t>(l & r);
        if (op == "<<") lhs = rhs >= 0 && rhs < 63 ? static_cast<std::int64_t>(l << r) : (ok = false, 0);
        if (op == ">>") lhs = rhs >= 0 && rhs < 63 ? lhs >> rhs : (ok = false, 0);
        if (op == "+") lhs = static_cast<std::int64_t>(l + r);
        if (op == "-") lhs = static_cast<std::int64_t>(l - r);
        if (op == "*") lhs = static_cast<std::int64_t>(l * r);
        if (op == "/" || op == "%") {
          if (rhs == 0) return ok = false, 0;
          lhs = op == "/" ? lhs / rhs : lhs % rhs;
        }
      }
      return lhs;
    }
    std::int64_t unary() {
      if (!ok || at >= toks.size()) return ok = false, 0;
      const std::string t = toks[at++];
      if (t == "-") return -unary();
      if (t == "+") return unary();
      if (t == "~") return ~unary();
      if (t == "!") return unary() == 0 ? 1 : 0;
      if (t == "(") {
        const std::int64_t v = expr(0);
        if (peek() != ")") return ok = false, 0;
        ++at;
        return v;
      }
      if (const auto lit = parse_literal(t)) return static_cast<std::int64_t>(*lit);
      if (is_identifier(t)) {
        if (const auto v = ev->value(t, depth)) return *v;
      }
      return ok = false, 0;
    }
  };

  const std::map<std::string, Macro>& macros_;
};

// ---- predefined_names.txt ------------------------------------------------------------------------

struct Rule {
  bool exclude;
  bool prefix;
  std::string text;
};

std::vector<Rule> read_rules(const std::string& path) {
  std::vector<Rule> rules;
  int number = 0;
  for (std::string line : split_lines(read_text(path))) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    Rule rule{false, false, line};
    if (rule.text[0] == '!') {
      rule.exclude = true;
      rule.text.erase(0, 1);
    }
    if (!rule.text.empty() && rule.text.back() == '*') {
      rule.prefix = true;
      rule.text.pop_back();
    }
    if (!is_identifier(rule.text)) fail(path + ":" + std::to_string(number) + ": not a name or prefix: " + line);
    rules.push_back(rule);
  }
  return rules;
}

bool selected(const std::vector<Rule>& rules, const std::string& name) {
  bool in = false;
  for (const Rule& rule : rules) {
    if (rule.prefix ? starts_with(name, rule.text) : name == rule.text) in = !rule.exclude;
  }
  return in;
}

// ---- Command lines -------------------------------------------------------------------------------

// Options `--key value` (a key may repeat) and, after `--`, the rest verbatim.
struct Args {
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> rest;

  std::string one(const std::string& key) const {
    std::optional<std::string> found;
    for (const auto& [k, v] : options) {
      if (k != key) continue;
      if (found) fail("option --" + key + " given twice");
      found = v;
    }
    if (!found) fail("missing option --" + key);
    return *found;
  }
  std::vector<std::string> all(const std::string& key) const {
    std::vector<std::string> values;
    for (const auto& [k, v] : options)
      if (k == key) values.push_back(v);
    return values;
  }
};

Args parse_args(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      args.rest.assign(argv + i + 1, argv + argc);
      break;
    }
    if (!starts_with(arg, "--") || i + 1 >= argc) fail("bad argument " + arg);
    args.options.emplace_back(arg.substr(2), argv[++i]);
  }
  return args;
}

std::string shell_quote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ---- probe-source --------------------------------------------------------------------------------

struct ProbeText {
  std::string text;
  int first_entry_line;  // 1-based line of candidates[0]; one candidate a line
};

ProbeText probe_text(const std::string& umbrella, const std::vector<std::string>& candidates) {
  std::ostringstream out;
  out << R"(// Generated by secco_gen_tables (target/gen/gen_tables.cc) from predefined_umbrella.h. Do not edit.
// Prints `NAME VALUE NEGATIVE` for each candidate macro that is an integer constant expression.
#include ")"
      << umbrella << R"("

#include <cstdio>
#include <type_traits>

namespace {

std::FILE* secco_probe_out;

template <typename T>
void secco_probe_print(const char* name, T value) {
  if constexpr (std::is_signed_v<T>) {
    const long long v = value;
    std::fprintf(secco_probe_out, "%s %llu %d\n", name, static_cast<unsigned long long>(v), v < 0 ? 1 : 0);
  } else {
    std::fprintf(secco_probe_out, "%s %llu 0\n", name, static_cast<unsigned long long>(value));
  }
}

template <typename F>
void secco_probe(const char* name, bool is_constant, F value) {
  using T = std::remove_cv_t<std::remove_reference_t<decltype(value())>>;
  if constexpr (std::is_enum_v<T>) {
    if (is_constant) secco_probe_print(name, static_cast<std::underlying_type_t<T>>(value()));
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (is_constant) secco_probe_print(name, value());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || !(secco_probe_out = std::fopen(argv[1], "w"))) {
    std::fprintf(stderr, "usage: secco_probe_constants OUTPUT\n");
    return 1;
  }
)";
  std::string head = out.str();
  const int first_line = static_cast<int>(std::count(head.begin(), head.end(), '\n')) + 1;
  for (const std::string& name : candidates) {
    out << "  { constexpr bool c = __builtin_constant_p(" << name << "); secco_probe(\"" << name
        << "\", c, [] { return (" << name << "); }); }\n";
  }
  out << "  return std::fclose(secco_probe_out) == 0 ? 0 : 1;\n}\n";
  return {out.str(), first_line};
}

int probe_source(const Args& args) {
  const auto macros = read_macros(args.one("macros"));
  const auto errnos = errno_names(read_macros(args.one("errno-macros")));
  const auto rules = read_rules(args.one("names"));
  const std::string out_path = args.one("out");
  const std::string umbrella = args.one("umbrella");
  const auto probe_prefixes = args.all("probe-prefix");
  const auto extra_names = args.all("extra-name");
  if (args.rest.empty()) fail("probe-source needs the compile command after --");

  std::set<std::string> wanted;
  for (const auto& [name, macro] : macros) {
    if (macro.function_like || macro.body.empty()) continue;
    bool take = selected(rules, name) || errnos.count(name) != 0;
    for (const std::string& prefix : probe_prefixes) take = take || starts_with(name, prefix);
    if (take) wanted.insert(name);
  }
  for (const std::string& name : extra_names) {
    const auto it = macros.find(name);
    if (it == macros.end() || it->second.function_like) fail("the umbrella header does not define " + name);
    wanted.insert(name);
  }
  for (const std::string& name : errnos) {
    if (!macros.count(name)) fail("the umbrella header does not define errno name " + name);
  }
  std::vector<std::string> candidates(wanted.begin(), wanted.end());

  // Compile the probe; drop the candidates the compiler points at; repeat until it compiles.
  std::string command;
  for (const std::string& word : args.rest) command += shell_quote(word) + " ";
  const std::string log_path = out_path + ".log";
  command += "-fsyntax-only " + shell_quote(out_path) + " > " + shell_quote(log_path) + " 2>&1";
  const std::string marker = base_name(out_path) + ":";
  std::vector<std::string> dropped;
  for (int round = 0;; ++round) {
    const ProbeText probe = probe_text(umbrella, candidates);
    write_text(out_path, probe.text);
    if (std::system(command.c_str()) == 0) break;
    const std::string log = read_text(log_path);
    std::set<std::size_t> bad;
    for (std::size_t at = log.find(marker); at != std::string::npos; at = log.find(marker, at + 1)) {
      std::size_t end = at + marker.size();
      while (end < log.size() && std::isdigit(static_cast<unsigned char>(log[end]))) ++end;
      if (end == at + marker.size()) continue;
      const int line = std::stoi(log.substr(at + marker.size(), end - at - marker.size()));
      const int index = line - probe.first_entry_line;
      if (index >= 0 && index < static_cast<int>(candidates.size())) bad.insert(static_cast<std::size_t>(index));
    }
    if (bad.empty() || round == 20) fail("the probe does not compile, and not because of a candidate:\n" + log);
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      (bad.count(i) ? dropped : kept).push_back(candidates[i]);
    }
    candidates = std::move(kept);
  }
  std::remove(log_path.c_str());
  std::sort(dropped.begin(), dropped.end());
  std::cout << "secco_gen_tables: " << candidates.size() << " candidate constants";
  if (!dropped.empty()) {
    std::cout << "; dropped (do not compile):";
    for (const std::string& name : dropped) std::cout << " " << name;
  }
  std::cout << "\n";
  for (const std::string& name : extra_names) {
    if (std::find(candidates.begin(), candidates.end(), name) == candidates.end()) fail(name + " does not compile");
  }
  return 0;
}

// ---- tables --------------------------------------------------------------------------------------

struct Value {
  std::uint64_t bits;  // the C value converted to 64 bits (negative ones sign-extended)
  bool negative;
};

std::map<std::string, Value> read_probe_output(const std::string& path) {
  std::map<std::string, Value> values;
  int number = 0;
  for (const std::string& line : split_lines(read_text(path))) {
    ++number;
    std::istringstream in(line);
    std::string name, bits, negative;
    if (!(in >> name >> bits >> negative) || !is_identifier(name) || (negative != "0" && negative != "1"))
      fail(path + ":" + std::to_string(number) + ": bad line: " + line);
    const auto value = parse_literal(bits);
    if (!value) fail(path + ":" + std::to_string(number) + ": bad value: " + line);
    values[name] = Value{*value, negative == "1"};
  }
  return values;
}

// Negative C values as 32-bit two's complement (spec §6) when they fit in 32 bits.
std::uint64_t stored_value(const Value& v) {
  if (v.negative && static_cast<std::int64_t>(v.bits) >= INT32_MIN) return v.bits & 0xffffffffu;
  return v.bits;
}

std::uint32_t as_u32(const std::string& what, const Value& v) {
  if (v.negative || v.bits > UINT32_MAX) fail(what + " is not a 32-bit unsigned value");
  return static_cast<std::uint32_t>(v.bits);
}

struct Arch {
  std::string name;
  std::vector<std::string> aliases;
  std::string nr_macros;
  std::string extra;
  std::string audit_macro;
  std::string x32_bit;
  std::string abi_macros;  // the ABI's UAPI constant macros (abi_umbrella.h), empty for the host ABI
};

std::vector<Arch> parse_arches(const Args& args) {
  std::vector<Arch> arches;
  for (const auto& [key, value] : args.options) {
    if (key == "arch") {
      Arch arch;
      std::istringstream names(value);
      for (std::string part; std::getline(names, part, ',');) {
        if (!is_identifier(part)) fail("bad architecture name " + part);
        (arch.name.empty() ? arch.name : arch.aliases.emplace_back()) = part;
      }
      arches.push_back(arch);
      continue;
    }
    if (key != "nr-macros" && key != "extra" && key != "audit-arch" && key != "x32-bit" && key != "abi-macros")
      continue;
    if (arches.empty()) fail("--" + key + " before --arch");
    Arch& arch = arches.back();
    (key == "nr-macros"    ? arch.nr_macros
     : key == "extra"      ? arch.extra
     : key == "audit-arch" ? arch.audit_macro
     : key == "abi-macros" ? arch.abi_macros
                           : arch.x32_bit) = value;
  }
  if (arches.empty()) fail("no --arch");
  for (const Arch& arch : arches) {
    if (arch.nr_macros.empty() || arch.audit_macro.empty() || arch.x32_bit.empty())
      fail("architecture " + arch.name + " needs --nr-macros, --audit-arch and --x32-bit");
  }
  return arches;
}

// `__NR_` macros that are bases and counts, not system calls: __NR_Linux (mips, 4000 + n),
// __NR_SYSCALL_BASE (arm), __NR_syscalls and __NR_arch_specific_syscall (asm-generic), ...
// Placeholders of retired numbers (mips `__NR_unused18`, `__NR_reserved177`) are not calls either.
bool is_syscall_macro_name(const std::string& name) {
  static const std::set<std::string> kNot = {
      "syscalls",          "Linux",        "Linux_syscalls",        "SYSCALL_BASE",
      "OABI_SYSCALL_BASE", "SYSCALL_MASK", "arch_specific_syscall", "BASE"};
  const auto ends_with = [&](const std::string& suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const auto placeholder = [&](const std::string& prefix) {
    return starts_with(name, prefix) && name.size() > prefix.size() &&
           std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  return !kNot.count(name) && !ends_with("_Linux") && !ends_with("_Linux_syscalls") && !placeholder("unused") &&
         !placeholder("reserved");
}

// name -> number, from `#define __NR_name N` (N an expression over literals and other macros of the list, as
// asm-generic/unistd.h has `__NR_fcntl __NR3264_fcntl` and mips `(__NR_Linux + 3)`), then the extras.
std::map<std::string, std::uint32_t> read_syscalls(const Arch& arch) {
  static const std::string kPrefix = "__NR_";
  const auto macros = read_macros(arch.nr_macros);
  static const std::string kArmPrefix = "__ARM_NR_";  // arm's private calls (cacheflush, set_tls, ...)
  const MacroEvaluator eval(macros);
  std::map<std::string, std::uint32_t> by_name;
  for (const auto& [name, macro] : macros) {
    const std::size_t prefix = starts_with(name, kPrefix)      ? kPrefix.size()
                               : starts_with(name, kArmPrefix) ? kArmPrefix.size()
                                                               : 0;
    if (prefix == 0 || macro.function_like) continue;
    const std::string syscall = name.substr(prefix);
    if (!is_syscall_macro_name(syscall)) continue;
    const auto value = eval.value(name);
    if (!value || *value < 0 || *value > INT64_C(0xffffffff))
      fail(arch.nr_macros + ": cannot read the number of " + name + ": " + macro.body);
    by_name[syscall] = static_cast<std::uint32_t>(*value);
  }
  // `#define __NR_sync_file_range2 __NR_arm_sync_file_range` (arm): one number, two names. The
  // name of the kernel's syscall table (arm_sync_file_range, as libseccomp has it) names the call;
  // the alias is dropped.
  for (const auto& [name, macro] : macros) {
    if (starts_with(name, kPrefix) && starts_with(macro.body, kPrefix) && macros.count(macro.body) &&
        by_name.count(macro.body.substr(kPrefix.size())))
      by_name.erase(name.substr(kPrefix.size()));
  }
  if (by_name.empty()) fail(arch.nr_macros + ": no __NR_ macros");

  std::map<std::uint32_t, std::string> by_number;
  for (const auto& [name, nr] : by_name) {
    if (!by_number.emplace(nr, name).second)
      fail(arch.name + ": " + name + " and " + by_number[nr] + " share number " + std::to_string(nr));
  }
  if (arch.extra.empty()) return by_name;
  int number = 0;
  for (std::string line : split_lines(read_text(arch.extra))) {
    ++number;
    const std::string where = arch.extra + ":" + std::to_string(number) + ": ";
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::istringstream in(line);
    std::string name, nr_text, more;
    if (!(in >> name >> nr_text) || (in >> more) || !is_identifier(name)) fail(where + "expected `name number`");
    const auto nr = parse_literal(nr_text);
    if (!nr || *nr > UINT32_MAX) fail(where + "bad number " + nr_text);
    const auto known = by_name.find(name);
    if (known != by_name.end()) {
      if (known->second != *nr) fail(where + name + " is " + std::to_string(known->second) + " in the headers");
      continue;  // the headers have caught up
    }
    const auto taken = by_number.find(static_cast<std::uint32_t>(*nr));
    if (taken != by_number.end()) fail(where + "number " + nr_text + " is " + taken->second + " already");
    by_name[name] = static_cast<std::uint32_t>(*nr);
    by_number[static_cast<std::uint32_t>(*nr)] = name;
  }
  return by_name;
}

std::string hex(std::uint64_t value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int tables(const Args& args) {
  const auto values = read_probe_output(args.one("constants"));
  const auto errno_macros = read_macros(args.one("errno-macros"));
  const auto errnos = errno_names(errno_macros);
  const auto rules = read_rules(args.one("names"));
  const auto arches = parse_arches(args);
  const auto host_abi_macros = read_macros(args.one("host-abi-macros"));
  const MacroEvaluator host_abi(host_abi_macros);
  const auto wanted_constant = [&](const std::string& name) { return selected(rules, name) || errnos.count(name); };

  std::ostringstream out;
  out << "// Generated by secco_gen_tables (target/gen/gen_tables.cc) at build time from the system's kernel\n"
         "// and libc headers; see docs/predefined-names.md. Do not edit.\n"
         "#include \"target/target_tables.h\"\n\n"
         "namespace secco::tables {\nnamespace {\n\n";

  // Architectures.
  std::ostringstream arch_rows;
  for (const Arch& arch : arches) {
    const auto syscalls = read_syscalls(arch);
    std::vector<std::pair<std::uint32_t, std::string>> sorted;
    for (const auto& [name, nr] : syscalls) sorted.emplace_back(nr, name);
    std::sort(sorted.begin(), sorted.end());
    const auto audit = values.find(arch.audit_macro);
    if (audit == values.end()) fail(arch.audit_macro + " has no value");
    std::uint32_t x32_bit;
    if (const auto literal = parse_literal(arch.x32_bit)) {
      x32_bit = static_cast<std::uint32_t>(*literal);
    } else if (const auto it = values.find(arch.x32_bit); it != values.end()) {
      x32_bit = as_u32(arch.x32_bit, it->second);
    } else {
      fail(arch.x32_bit + " has no value");
    }
    std::string id;
    for (char c : arch.name) id += is_ident_char(c) ? c : '_';
    out << "// " << arch.name << ": " << sorted.size() << " system calls, sorted by number.\n";
    out << "constexpr SyscallEntry syscalls_" << id << "[] = {\n";
    for (const auto& [nr, name] : sorted) out << "    {\"" << name << "\", " << nr << "},\n";
    out << "};\n";
    out << "constexpr SyscallEntry syscalls_by_name_" << id << "[] = {\n";  // std::map order: by name
    for (const auto& [name, nr] : syscalls) out << "    {\"" << name << "\", " << nr << "},\n";
    out << "};\n";
    std::string alias_span = "{nullptr, 0}";
    if (!arch.aliases.empty()) {
      out << "constexpr std::string_view aliases_" << id << "[] = {";
      for (std::size_t i = 0; i < arch.aliases.size(); ++i) out << (i ? ", " : "") << "\"" << arch.aliases[i] << "\"";
      out << "};\n";
      alias_span = "{aliases_" + id + ", " + std::to_string(arch.aliases.size()) + "}";
    }
    // Constants whose value on this ABI differs from the build machine's (errno on mips and parisc, O_* on
    // arm and ppc, ...): a name qualifies when the kernel's UAPI headers define it, evaluate to the build
    // machine's value there (so the C library did not redefine it), and give this ABI another value.
    std::string override_span = "{nullptr, 0}";
    std::size_t override_count = 0;
    if (!arch.abi_macros.empty()) {
      const auto abi_macros = read_macros(arch.abi_macros);
      const MacroEvaluator abi(abi_macros);
      std::ostringstream rows;
      for (const auto& [name, value] : values) {
        if (!wanted_constant(name)) continue;
        const auto host = host_abi.value(name);
        const auto mine = abi.value(name);
        if (!host || !mine) continue;
        const Value host_v{static_cast<std::uint64_t>(*host), *host < 0};
        const Value mine_v{static_cast<std::uint64_t>(*mine), *mine < 0};
        if (stored_value(host_v) != stored_value(value) || stored_value(mine_v) == stored_value(value)) continue;
        rows << "    {\"" << name << "\", " << hex(stored_value(mine_v)) << "u, "
             << (mine_v.negative ? "true" : "false") << "},\n";
        ++override_count;
      }
      if (override_count != 0) {
        out << "// " << arch.name << ": " << override_count
            << " constants with another value than the build machine's.\n";
        out << "constexpr ConstantEntry overrides_" << id << "[] = {\n" << rows.str() << "};\n";
        override_span = "{overrides_" + id + ", " + std::to_string(override_count) + "}";
      }
    }
    out << "\n";
    arch_rows << "    {\"" << arch.name << "\", " << alias_span << ", " << hex(as_u32(arch.audit_macro, audit->second))
              << "u, " << hex(x32_bit) << "u, {syscalls_" << id << ", " << sorted.size() << "}, {syscalls_by_name_"
              << id << ", " << sorted.size() << "}, " << override_span << "},\n";
  }
  out << "constexpr ArchTable archs[] = {\n" << arch_rows.str() << "};\n\n";

  // Constants: the rules' names and the errno names, sorted by name (std::map order).
  std::size_t constant_count = 0;
  out << "constexpr ConstantEntry constants[] = {\n";
  for (const auto& [name, value] : values) {
    if (!selected(rules, name) && !errnos.count(name)) continue;
    out << "    {\"" << name << "\", " << hex(stored_value(value)) << "u, " << (value.negative ? "true" : "false")
        << "},\n";
    ++constant_count;
  }
  out << "};\n\n";

  // Errno names. An alias is defined as another errno name; among several primaries of one value
  // (none on x86) the alphabetically first stays primary, so errno_name() is deterministic.
  std::map<std::string, std::pair<std::uint32_t, bool>> errno_rows;
  std::map<std::uint32_t, std::string> primary_of;
  for (const std::string& name : errnos) {
    const auto it = values.find(name);
    if (it == values.end()) fail("errno name " + name + " has no value");
    const std::uint32_t value = as_u32(name, it->second);
    const std::string& body = errno_macros.at(name).body;
    const bool alias = errnos.count(body) != 0;
    errno_rows[name] = {value, false};
    if (!alias && !primary_of.count(value)) primary_of[value] = name;
  }
  for (const auto& [name, row] : errno_rows) {
    if (!primary_of.count(row.first)) primary_of[row.first] = name;
  }
  for (const auto& [value, name] : primary_of) errno_rows[name].second = true;
  out << "constexpr ErrnoEntry errnos[] = {\n";
  for (const auto& [name, row] : errno_rows)
    out << "    {\"" << name << "\", " << row.first << ", " << (row.second ? "true" : "false") << "},\n";
  out << "};\n\n";

  // Audit arch names: AUDIT_ARCH_X86_64 -> x86_64.
  static const std::string kAudit = "AUDIT_ARCH_";
  std::map<std::string, std::uint32_t> audit_rows;
  for (const auto& [name, value] : values) {
    if (starts_with(name, kAudit) && name.size() > kAudit.size())
      audit_rows[lower(name.substr(kAudit.size()))] = as_u32(name, value);
  }
  if (audit_rows.empty()) fail("no AUDIT_ARCH_ values");
  out << "constexpr AuditArchEntry audit_arches[] = {\n";
  for (const auto& [name, value] : audit_rows) out << "    {\"" << name << "\", " << hex(value) << "u},\n";
  out << "};\n\n";

  out << "}  // namespace\n\n"
      << "Span<ArchTable> arch_tables() { return {archs, " << arches.size() << "}; }\n"
      << "Span<ConstantEntry> constant_table() { return {constants, " << constant_count << "}; }\n"
      << "Span<ErrnoEntry> errno_table() { return {errnos, " << errno_rows.size() << "}; }\n"
      << "Span<AuditArchEntry> audit_arch_table() { return {audit_arches, " << audit_rows.size() << "}; }\n\n"
      << "}  // namespace secco::tables\n";
  write_text(args.one("out"), out.str());
  std::cout << "secco_gen_tables: " << constant_count << " constants, " << errno_rows.size() << " errno names, "
            << audit_rows.size() << " audit arches, " << arches.size() << " architectures\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string usage =
      "usage: secco_gen_tables probe-source --macros F --errno-macros F --names F --umbrella H --out F\n"
      "                        [--probe-prefix P]... [--extra-name N]... -- COMPILER [FLAGS...]\n"
      "       secco_gen_tables tables --constants F --errno-macros F --names F --out F\n"
      "                        --host-abi-macros F\n"
      "                        (--arch NAME[,ALIAS...] --nr-macros F [--extra F] [--abi-macros F] --audit-arch M\n"
      "                         --x32-bit M|N)...\n";
  if (argc < 2) fail(usage);
  const std::string mode = argv[1];
  const Args args = parse_args(argc, argv, 2);
  if (mode == "probe-source") return probe_source(args);
  if (mode == "tables") return tables(args);
  fail(usage);
}
