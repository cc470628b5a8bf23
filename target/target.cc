// secco::Target over the tables generated at build time (target_tables.h): one Target per
// architecture of target/CMakeLists.txt. Lookups by name or number binary-search the generated
// tables in place; the whole-table views (constants(), syscalls(), errno names by value) are built
// on their first use. Constants and errno names come from the build machine's headers; an ABI
// whose kernel headers give a name another value (errno on mips, O_* on arm, ...) has its own.
#include "target/target.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

#include "support/edit_distance.h"
#include "target/target_tables.h"

namespace secco {
namespace {

// What all targets share: the constant and errno tables.
struct SharedTables {
  std::vector<ConstantEntry> constants;           // sorted by name
  std::vector<tables::ErrnoEntry> errno_by_name;  // sorted by name

  SharedTables() {
    constants.assign(tables::constant_table().begin(), tables::constant_table().end());
    errno_by_name.assign(tables::errno_table().begin(), tables::errno_table().end());
  }
};

const SharedTables& shared() {
  static const SharedTables tables;
  return tables;
}

template <typename Vec, typename Key, typename Proj>
auto find_sorted(const Vec& v, const Key& key, Proj proj) -> decltype(&*v.begin()) {
  const auto it =
      std::lower_bound(v.begin(), v.end(), key, [&](const auto& entry, const Key& k) { return proj(entry) < k; });
  if (it == v.end() || !(proj(*it) == key)) return nullptr;
  return &*it;
}

class TableTarget final : public Target {
 public:
  explicit TableTarget(const tables::ArchTable& arch) : arch_(arch) {}

  std::string_view name() const override { return arch_.name; }
  std::uint32_t audit_arch() const override { return arch_.audit_arch; }
  std::uint32_t x32_bit() const override { return arch_.x32_bit; }
  bool is_x32() const override { return arch_.name == "x32"; }
  const std::vector<ConstantEntry>& abi_specific_constants() const override { return tables().overrides; }

  bool has_name(std::string_view n) const {
    return n == arch_.name || std::find(arch_.aliases.begin(), arch_.aliases.end(), n) != arch_.aliases.end();
  }

  // Lookups search the generated tables in place (no set-up: a compile makes a few hundred).
  std::optional<std::uint32_t> syscall_number(std::string_view n) const override {
    const auto* e = find_sorted(arch_.by_name, n, [](const SyscallEntry& s) { return s.name; });
    if (!e) return std::nullopt;
    return e->nr;
  }
  std::optional<std::string_view> syscall_name(std::uint32_t nr) const override {
    const auto* e = find_sorted(arch_.syscalls, nr, [](const SyscallEntry& s) { return s.nr; });
    if (!e) return std::nullopt;
    return e->name;
  }
  const std::vector<SyscallEntry>& syscalls() const override { return tables().syscalls; }

  std::optional<std::uint32_t> errno_number(std::string_view n) const override {
    const auto* e = find_sorted(tables::errno_table(), n, [](const tables::ErrnoEntry& x) { return x.name; });
    if (!e) return std::nullopt;
    if (const auto* o = override_of(n)) return static_cast<std::uint32_t>(o->value);
    return e->value;
  }
  std::optional<std::string_view> errno_name(std::uint32_t value) const override {
    const auto* e = find_sorted(tables().errno_by_value, value, [](const ErrnoRow& x) { return x.value; });
    if (!e) return std::nullopt;
    return e->name;
  }

  // The shared constant with this ABI's value, if it has its own.
  std::optional<ConstantEntry> constant(std::string_view n) const override {
    const auto* e = find_sorted(tables::constant_table(), n, [](const ConstantEntry& c) { return c.name; });
    if (!e) return std::nullopt;
    if (const auto* o = override_of(n)) return *o;
    return *e;
  }
  const std::vector<ConstantEntry>& constants() const override { return tables().constants; }

 private:
  struct ErrnoRow {
    std::string_view name;
    std::uint32_t value;
    bool primary;
  };

  const ConstantEntry* override_of(std::string_view n) const {
    return find_sorted(arch_.overrides, n, [](const ConstantEntry& x) { return x.name; });
  }

  // The whole-table views (listings, did-you-mean, errno names by value), built on first use.
  struct Tables {
    std::vector<SyscallEntry> syscalls;    // sorted by number (as generated)
    std::vector<ConstantEntry> overrides;  // sorted by name
    std::vector<ConstantEntry> constants;  // sorted by name, this ABI's values
    std::vector<ErrnoRow> errno_by_value;  // one name per value, primaries preferred
    explicit Tables(const TableTarget& target);
  };
  const Tables& tables() const {
    std::call_once(built_, [this] { tables_ = std::make_unique<Tables>(*this); });
    return *tables_;
  }

  const tables::ArchTable& arch_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<Tables> tables_;
};

TableTarget::Tables::Tables(const TableTarget& target)
    : syscalls(target.arch_.syscalls.begin(), target.arch_.syscalls.end()),
      overrides(target.arch_.overrides.begin(), target.arch_.overrides.end()) {
  // This ABI's constants: the shared ones with its own values put in.
  constants = shared().constants;
  for (ConstantEntry& c : constants) {
    if (const auto* o = target.override_of(c.name)) c = *o;
  }
  // Errno names by value: this ABI's values, the primaries first, then any other name.
  for (const auto& e : shared().errno_by_name) {
    ErrnoRow row{e.name, e.value, e.primary};
    if (const auto* o = target.override_of(e.name)) row.value = static_cast<std::uint32_t>(o->value);
    errno_by_value.push_back(row);
  }
  std::stable_sort(errno_by_value.begin(), errno_by_value.end(), [](const ErrnoRow& a, const ErrnoRow& b) {
    return a.value != b.value ? a.value < b.value : a.primary > b.primary;
  });
  errno_by_value.erase(std::unique(errno_by_value.begin(), errno_by_value.end(),
                                   [](const ErrnoRow& a, const ErrnoRow& b) { return a.value == b.value; }),
                       errno_by_value.end());
}

const std::vector<std::unique_ptr<TableTarget>>& all_targets() {
  static const auto targets = [] {
    std::vector<std::unique_ptr<TableTarget>> v;
    for (const auto& arch : tables::arch_tables()) v.push_back(std::make_unique<TableTarget>(arch));
    return v;
  }();
  return targets;
}

// Audit arch names, by name and by value. Names from <linux/audit.h> (AUDIT_ARCH_AARCH64 ->
// "aarch64") plus a few common spellings; by value, the header's name wins.
struct AuditNames {
  std::vector<tables::AuditArchEntry> by_name;   // sorted by name
  std::vector<tables::AuditArchEntry> by_value;  // header names only, sorted by value, then name

  AuditNames() {
    const auto table = tables::audit_arch_table();
    by_name.assign(table.begin(), table.end());
    by_value = by_name;  // sorted by name until the stable_sort below
    // x32 runs under AUDIT_ARCH_X86_64 (libseccomp spells it so too).
    const std::pair<std::string_view, std::string_view> aliases[] = {
        {"amd64", "x86_64"}, {"x86", "i386"}, {"i686", "i386"}, {"x32", "x86_64"}};
    for (const auto& [alias, canonical] : aliases) {
      const auto* e = find_sorted(by_value, canonical, [](const tables::AuditArchEntry& a) { return a.name; });
      if (e && !find_sorted(by_value, alias, [](const tables::AuditArchEntry& a) { return a.name; }))
        by_name.push_back({alias, e->value});
    }
    std::sort(by_name.begin(), by_name.end(),
              [](const tables::AuditArchEntry& a, const tables::AuditArchEntry& b) { return a.name < b.name; });
    std::stable_sort(
        by_value.begin(), by_value.end(),
        [](const tables::AuditArchEntry& a, const tables::AuditArchEntry& b) { return a.value < b.value; });
  }
};

const AuditNames& audit_names() {
  static const AuditNames names;
  return names;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const Target* Target::find(std::string_view name) {
  const std::string wanted = lower(name);
  for (const auto& t : all_targets())
    if (t->has_name(wanted)) return t.get();
  return nullptr;
}

const Target* Target::find_by_audit_arch(std::uint32_t audit_arch) {
  for (const auto& t : all_targets())
    if (t->audit_arch() == audit_arch) return t.get();
  return nullptr;
}

const Target& Target::default_target() {
  // The first architecture of target/CMakeLists.txt: x86_64.
  return *all_targets().front();
}

std::vector<std::string_view> Target::names() {
  std::vector<std::string_view> out;
  for (const auto& t : all_targets()) out.push_back(t->name());
  return out;
}

std::vector<const Target*> Target::all() {
  std::vector<const Target*> out;
  for (const auto& t : all_targets()) out.push_back(t.get());
  return out;
}

std::optional<std::vector<const Target*>> Target::parse_list(std::string_view names, std::string& error) {
  std::vector<const Target*> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = names.find(',', start);
    std::string_view word =
        names.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    const Target* t = find(word);
    if (t == nullptr) {
      std::string known;
      for (std::string_view n : Target::names()) known += (known.empty() ? "" : ", ") + std::string(n);
      TypoCorrector typo(word);
      for (std::string_view n : Target::names()) typo.offer(n);
      error = "unknown architecture '" + std::string(word) + "'";
      if (auto best = typo.best()) error += "; did you mean '" + *best + "'?";
      error += " (known: " + known + ")";
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), t) != out.end()) {
      error = "architecture '" + std::string(t->name()) + "' is listed twice";
      return std::nullopt;
    }
    out.push_back(t);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<std::uint32_t> audit_arch_by_name(std::string_view name) {
  const std::string wanted = lower(name);
  const auto* e = find_sorted(audit_names().by_name, std::string_view(wanted),
                              [](const tables::AuditArchEntry& a) { return a.name; });
  if (!e) return std::nullopt;
  return e->value;
}

std::optional<std::string_view> audit_arch_name(std::uint32_t value) {
  const auto* e = find_sorted(audit_names().by_value, value, [](const tables::AuditArchEntry& a) { return a.value; });
  if (!e) return std::nullopt;
  return e->name;
}

}  // namespace secco
