// From a checked Profile to policy text. The decisions follow runc + libseccomp 2.5 (docs/oci.md):
//   - moby's filters: excludes.arches / includes.arches are compared with the native ABI,
//     includes.caps all granted, excludes.caps none granted, minKernel against --kernel;
//   - an entry whose action equals the default one is dropped (runc skips it; libseccomp refuses it);
//   - one entry's args are ANDed into one rule, unless an argument index repeats: then each
//     comparison is a rule of its own (runc's "old behaviour");
//   - the rules of one system call merge as libseccomp merges them: the first argument-free rule
//     wins over everything else; otherwise rules of one action are ORed. Conditional rules with
//     different actions are an error (secco's rule has one positive action).
#include "import/oci_import.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "target/multiplexed.h"
#include "target/target.h"

namespace secco::oci {
namespace {

struct Action {
  ActionName kind = ActionName::kill_thread;
  std::uint32_t data = 0;

  bool operator==(const Action& o) const { return kind == o.kind && data == o.data; }
  bool operator!=(const Action& o) const { return !(*this == o); }
};

// The kernel's precedence: a lower rank is more restrictive.
int rank(ActionName k) {
  switch (k) {
    case ActionName::kill_process:
      return 0;
    case ActionName::kill_thread:
      return 1;
    case ActionName::trap:
      return 2;
    case ActionName::errno_ret:
      return 3;
    case ActionName::notify:
      return 4;
    case ActionName::trace:
      return 5;
    case ActionName::log:
      return 6;
    case ActionName::allow:
      return 7;
  }
  return 0;
}

// runc's getAction: ERRNO and TRACE without errnoRet return EPERM.
Action resolve(const ProfileAction& a) {
  Action r{a.name, 0};
  if (a.name == ActionName::errno_ret || a.name == ActionName::trace) r.data = a.errno_ret.value_or(1);
  return r;
}

std::string spell(const Action& a) {
  switch (a.kind) {
    case ActionName::kill_thread:
      return "kill";
    case ActionName::kill_process:
      return "kill_process";
    case ActionName::trap:
      return "trap";
    case ActionName::errno_ret:
      return "errno(" + std::to_string(a.data) + ")";
    case ActionName::trace:
      return "trace(" + std::to_string(a.data) + ")";
    case ActionName::allow:
      return "allow";
    case ActionName::log:
      return "log";
    case ActionName::notify:
      return "user_notif";
  }
  return "kill";
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// One comparison in the policy language, with libseccomp's meaning.
std::string condition(const ProfileArg& a) {
  const std::string n = std::to_string(a.index);
  const std::string v = std::to_string(a.value);
  if (a.op == "SCMP_CMP_EQ") return "arg" + n + " == " + v;
  if (a.op == "SCMP_CMP_NE") return "arg" + n + " != " + v;
  if (a.op == "SCMP_CMP_LT") return "arg" + n + " < " + v;
  if (a.op == "SCMP_CMP_LE") return "arg" + n + " <= " + v;
  if (a.op == "SCMP_CMP_GT") return "arg" + n + " > " + v;
  if (a.op == "SCMP_CMP_GE") return "arg" + n + " >= " + v;
  // SCMP_CMP_MASKED_EQ: libseccomp tests (arg & value) == (valueTwo & value). A full argument takes
  // no arithmetic in the language, so each half is masked on its own; a zero high mask tests nothing.
  const std::uint64_t mask = a.value, want = a.value_two & a.value;
  std::string s = "(argL" + n + " & " + hex(mask & 0xffffffffu) + ") == " + hex(want & 0xffffffffu);
  if ((mask >> 32) != 0) s += " && (argH" + n + " & " + hex(mask >> 32) + ") == " + hex(want >> 32);
  return s;
}

// Comments carry names from the profile: no control character may end the comment line early.
std::string comment_safe(std::string_view s) {
  std::string out;
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// One rule a profile entry contributes to one system call: its action and, unless
// unconditional, the AND of its comparisons.
struct Item {
  Action action;
  std::vector<std::string> conditions;  // empty: unconditional
  std::size_t entry = 0;                // index into syscalls[]
};

struct Syscall {
  std::string name;
  std::size_t first_entry = 0;
  std::vector<Item> items;
};

class Importer {
 public:
  Importer(const Profile& p, const ImportOptions& o, ImportResult& r) : profile_(p), options_(o), result_(r) {}

  void run() {
    default_ = resolve(profile_.default_action);
    if (!select_arches()) return;
    for (std::size_t i = 0; i < profile_.syscalls.size(); ++i) take_entry(i);
    if (!result_.ok()) return;
    emit();
  }

 private:
  void problem(Problem::Severity s, std::string path, std::string message) {
    result_.problems.push_back({s, std::move(path), std::move(message), 0, 0});
  }
  void error(std::string path, std::string message) {
    problem(Problem::Severity::error, std::move(path), std::move(message));
  }

  bool add_arch(const std::string& abi, const std::string& where) {
    if (Target::find(abi) == nullptr) {
      std::vector<std::string> known;
      for (std::string_view n : Target::names()) known.emplace_back(n);
      error(where, "secco has no system call tables for the ABI '" + abi + "' (known: " + join(known, ", ") + ")");
      return false;
    }
    if (std::find(result_.arches.begin(), result_.arches.end(), abi) == result_.arches.end())
      result_.arches.push_back(abi);
    return true;
  }

  bool select_arches() {
    bool ok = true;
    if (!options_.arches.empty()) {
      for (const std::string& a : options_.arches) ok = add_arch(a, "--arch") && ok;
      arch_origin_ = "--arch";
      native_ = options_.arches.front();
      return ok;
    }
    native_ = options_.native;
    for (std::size_t i = 0; i < profile_.arch_map.size(); ++i) {
      const ArchMapEntry& m = profile_.arch_map[i];
      if (abi_of_scmp_arch(m.architecture).value_or("") != native_) continue;
      const std::string path = "archMap[" + std::to_string(i) + "]";
      ok = add_arch(native_, path + ".architecture") && ok;
      for (std::size_t k = 0; k < m.sub_architectures.size(); ++k)
        ok = add_arch(std::string(*abi_of_scmp_arch(m.sub_architectures[k])),
                      path + ".subArchitectures[" + std::to_string(k) + "]") &&
             ok;
      arch_origin_ = path + " (the entry of " + native_ + ")";
      return ok;
    }
    if (profile_.arch_map.empty() && !profile_.architectures.empty()) {
      for (std::size_t k = 0; k < profile_.architectures.size(); ++k)
        ok = add_arch(std::string(*abi_of_scmp_arch(profile_.architectures[k])),
                      "architectures[" + std::to_string(k) + "]") &&
             ok;
      arch_origin_ = "architectures";
      return ok;
    }
    arch_origin_ = "the native ABI (the profile names none for it)";
    return add_arch(native_, "--arch");
  }

  bool has_cap(const std::string& cap) const {
    return std::find(options_.caps.begin(), options_.caps.end(), cap) != options_.caps.end();
  }
  bool kernel_at_least(std::pair<unsigned, unsigned> v) const { return options_.kernel && *options_.kernel >= v; }

  // Why moby would leave entry `e` out, or empty when it applies (moby's setupSeccomp order).
  std::string excluded_because(const ProfileEntry& e) const {
    for (const std::string& a : e.excludes.arches)
      if (filter_arch_matches(a, native_)) return "excludes.arches names " + a;
    for (const std::string& c : e.excludes.caps)
      if (has_cap(c)) return "excludes.caps: " + c + " is granted";
    if (e.excludes.min_kernel && kernel_at_least(*e.excludes.min_kernel))
      return "excludes.minKernel: the kernel is at least " + version(*e.excludes.min_kernel);
    if (!e.includes.arches.empty()) {
      bool any = false;
      for (const std::string& a : e.includes.arches) any = any || filter_arch_matches(a, native_);
      if (!any) return "includes.arches does not name " + native_;
    }
    for (const std::string& c : e.includes.caps)
      if (!has_cap(c)) return "includes.caps: " + c + " is not granted";
    if (e.includes.min_kernel && !kernel_at_least(*e.includes.min_kernel))
      return "includes.minKernel " + version(*e.includes.min_kernel) +
             (options_.kernel ? ": the kernel is older" : ": no kernel version given (--kernel)");
    return {};
  }

  static std::string version(std::pair<unsigned, unsigned> v) {
    return std::to_string(v.first) + "." + std::to_string(v.second);
  }

  // A sub-call with no number of its own (i386's `recv`) is on the ABI through socketcall/ipc, as
  // libseccomp 2.5.4 maps it; the compiler folds its rule into the multiplexer's.
  bool on_abi(const std::string& abi, const std::string& name) const {
    const Target* t = Target::find(abi);
    return t != nullptr && (t->syscall_number(name).has_value() || multiplexed_form(*t, name).has_value());
  }
  bool on_selected(const std::string& name) const {
    for (const std::string& a : result_.arches)
      if (on_abi(a, name)) return true;
    return false;
  }
  bool on_any(const std::string& name) const {
    for (std::string_view a : Target::names())
      if (on_abi(std::string(a), name)) return true;
    return false;
  }

  void take_entry(std::size_t i) {
    const ProfileEntry& e = profile_.syscalls[i];
    const std::string path = "syscalls[" + std::to_string(i) + "]";
    EntryNotes& notes = entry_notes_[i];
    notes.excluded = excluded_because(e);
    if (!notes.excluded.empty()) return;
    const Action action = resolve(e.action);
    if (action == default_) {
      notes.excluded = "its action is the default action (runc skips such entries)";
      return;
    }
    // On a 32-bit ABI libseccomp compares only the low half of an argument; secco compares the
    // whole value, so a constant with high bits would decide differently: refuse it.
    for (std::size_t k = 0; k < e.args.size(); ++k) {
      const ProfileArg& a = e.args[k];
      const bool masked = a.op == "SCMP_CMP_MASKED_EQ";
      const std::uint64_t high = (a.value >> 32) | (masked ? ((a.value_two & a.value) >> 32) : 0);
      if (high == 0) continue;
      for (const std::string& abi : result_.arches) {
        if (!is_32bit_abi(abi)) continue;
        error(path + ".args[" + std::to_string(k) + "].value",
              hex(a.value) + " has high bits, but " + abi +
                  " is a 32-bit ABI where libseccomp compares only the low 32 bits of an argument");
        break;
      }
    }
    // The rules this entry makes (runc's matchCall).
    std::vector<std::vector<std::string>> alternatives;
    std::vector<int> per_index(6, 0);
    for (const ProfileArg& a : e.args) ++per_index[a.index];
    const bool repeated = std::any_of(per_index.begin(), per_index.end(), [](int n) { return n > 1; });
    if (e.args.empty()) {
      alternatives.emplace_back();
    } else if (repeated) {
      for (const ProfileArg& a : e.args) alternatives.push_back({condition(a)});
      notes.split = true;
    } else {
      alternatives.emplace_back();
      for (const ProfileArg& a : e.args) alternatives.back().push_back(condition(a));
    }
    for (std::size_t j = 0; j < e.names.size(); ++j) {
      const std::string& name = e.names[j];
      if (!on_selected(name)) {
        if (on_any(name)) {
          notes.absent.push_back(name);
          continue;
        }
        const std::string at = path + ".names[" + std::to_string(j) + "]";
        if (rank(action.kind) < rank(default_.kind)) {
          error(at, "unknown system call '" + name + "': leaving this " + e.action.spelling +
                        " rule out would give the call the less restrictive default action");
        } else {
          problem(Problem::Severity::warning, at,
                  "unknown system call '" + name +
                      "' (on no ABI secco has tables for); left out, so it gets the "
                      "default action");
          notes.unknown.push_back(name);
        }
        continue;
      }
      auto it = index_.find(name);
      if (it == index_.end()) {
        it = index_.emplace(name, syscalls_.size()).first;
        syscalls_.push_back(Syscall{name, i, {}});
      }
      for (const auto& conds : alternatives) syscalls_[it->second].items.push_back(Item{action, conds, i});
    }
  }

  // The rule text of one system call, merged as libseccomp merges its rules.
  std::string rule(const Syscall& s, std::vector<std::string>& comments) {
    const Item* unconditional = nullptr;
    for (const Item& it : s.items)
      if (it.conditions.empty()) {
        unconditional = &it;
        break;
      }
    std::vector<std::string> sources;
    auto source = [&](std::size_t entry) {
      std::string p = "syscalls[" + std::to_string(entry) + "]";
      if (std::find(sources.begin(), sources.end(), p) == sources.end()) sources.push_back(p);
    };
    if (unconditional != nullptr) {
      source(unconditional->entry);
      for (const Item& it : s.items) {
        if (&it == unconditional || it.entry == unconditional->entry) continue;
        comments.push_back("syscalls[" + std::to_string(it.entry) + "] for " + s.name + " (" + spell(it.action) +
                           (it.conditions.empty() ? "" : " when " + join(it.conditions, " && ")) +
                           ") is overridden by the unconditional rule of syscalls[" +
                           std::to_string(unconditional->entry) + "], as in libseccomp");
      }
      comments.insert(comments.begin(), s.name + ": " + join(sources, ", "));
      return s.name + ": return " + spell(unconditional->action);
    }
    const Action action = s.items.front().action;
    std::vector<std::string> alternatives;
    for (const Item& it : s.items) {
      if (it.action != action) {
        error("syscalls[" + std::to_string(it.entry) + "]",
              "conflicting conditional rules for '" + s.name + "': " + spell(action) + " (syscalls[" +
                  std::to_string(s.items.front().entry) + "]) and " + spell(it.action) +
                  "; secco imports one action per system call besides the default");
        return {};
      }
      source(it.entry);
      std::string conj = join(it.conditions, " && ");
      if (std::find(alternatives.begin(), alternatives.end(), conj) == alternatives.end()) alternatives.push_back(conj);
    }
    std::string body;
    for (std::size_t k = 0; k < alternatives.size(); ++k) {
      const bool wrap = alternatives.size() > 1 && alternatives[k].find("&&") != std::string::npos;
      body += (k ? " || " : "") + (wrap ? "(" + alternatives[k] + ")" : alternatives[k]);
    }
    comments.insert(comments.begin(), s.name + ": " + join(sources, ", ") + " (" + spell(action) +
                                          " when the arguments match, else the default action)");
    return s.name + "[+" + spell(action) + ", -" + spell(default_) + "]: " + body;
  }

  void emit() {
    std::ostringstream os;
    os << "# Imported by `secco import oci` from " << comment_safe(options_.source_name)
       << ", an OCI/Docker seccomp profile.\n";
    std::vector<std::string> abis;
    for (const std::string& a : result_.arches) abis.push_back(a + " (" + std::string(scmp_arch_of_abi(a)) + ")");
    os << "# Target ABIs, from " << comment_safe(arch_origin_) << ": " << join(abis, ", ") << "\n";
    if (result_.arches.size() > 1) os << "# Compile with --arch " << join(result_.arches, ",") << "\n";
    os << "# Capabilities granted: " << (options_.caps.empty() ? "none" : comment_safe(join(options_.caps, ", ")))
       << "; kernel: "
       << (options_.kernel ? version(*options_.kernel) : std::string("not given (no minKernel is reached)")) << "\n";
    if (!profile_.flags.empty())
      os << "# flags (applied when installing, not part of the program): " << join(profile_.flags, ", ") << "\n";
    os << "\n# defaultAction: " << profile_.default_action.spelling;
    if (profile_.default_action.errno_ret) os << ", defaultErrnoRet: " << *profile_.default_action.errno_ret;
    os << "\nDEFAULT_POLICY = " << spell(default_) << "\nDEFAULT_NEGATIVE = " << spell(default_) << "\n";

    for (std::size_t i = 0; i < profile_.syscalls.size(); ++i) {
      const ProfileEntry& e = profile_.syscalls[i];
      const EntryNotes& notes = entry_notes_[i];
      os << "\n# syscalls[" << i << "]: " << e.action.spelling;
      if (e.action.errno_ret) os << ", errnoRet " << *e.action.errno_ret;
      if (e.names.size() <= 4)
        os << ", " << comment_safe(join(e.names, ", "));
      else
        os << ", " << e.names.size() << " names";
      os << "\n";
      if (!e.comment.empty()) os << "# comment: " << comment_safe(e.comment) << "\n";
      if (!notes.excluded.empty()) {
        os << "# not applied: " << comment_safe(notes.excluded) << "\n";
        continue;
      }
      if (notes.split) os << "# an argument index repeats: each comparison is a rule of its own (as runc does)\n";
      if (!notes.absent.empty())
        os << "# not a system call on " << join(result_.arches, ", ") << ": " << comment_safe(join(notes.absent, ", "))
           << "\n";
      if (!notes.unknown.empty())
        os << "# unknown to secco's tables, left out: " << comment_safe(join(notes.unknown, ", ")) << "\n";
      for (const Syscall& s : syscalls_) {
        if (s.first_entry != i) continue;
        std::vector<std::string> comments;
        std::string text = rule(s, comments);
        if (text.empty()) return;
        if (s.items.size() > 1 || comments.size() > 1)
          for (const std::string& c : comments) os << "# " << c << "\n";
        os << text << "\n";
      }
    }
    result_.text = os.str();
  }

  struct EntryNotes {
    std::string excluded;
    std::vector<std::string> absent, unknown;
    bool split = false;
  };

  const Profile& profile_;
  const ImportOptions& options_;
  ImportResult& result_;
  Action default_;
  std::string native_;
  std::string arch_origin_;
  std::map<std::size_t, EntryNotes> entry_notes_;
  std::map<std::string, std::size_t> index_;
  std::vector<Syscall> syscalls_;  // in the order of first appearance
};

}  // namespace

ImportResult import_profile(std::string_view json, const ImportOptions& options) {
  ImportResult r;
  std::optional<Profile> p = parse_profile(json, r.problems);
  if (!p) return r;
  Importer(*p, options, r).run();
  if (!r.ok()) r.text.clear();
  return r;
}

std::string to_string(const Problem& p, const std::string& file) {
  std::string s = file;
  if (p.line != 0) s += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
  s += ": ";
  s += p.severity == Problem::Severity::error     ? "error: "
       : p.severity == Problem::Severity::warning ? "warning: "
                                                  : "note: ";
  if (!p.path.empty()) s += p.path + ": ";
  return s + p.message;
}

}  // namespace secco::oci
