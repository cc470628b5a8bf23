// Helpers of the `secco explain` tests: libseccomp's export of a filter to a file, and
// the round trip explain, then `secco verify` with the settings the text's header names.
#pragma once

#include <doctest/doctest.h>
#include <seccomp.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/libseccomp_export.h"
#include "lib/test_support.h"

namespace secco::testing {

// libseccomp's filter for `arches`, its rules added by `rules`, exported to `path` byte for byte
// (as seccomp_export_bpf writes it: a big-endian ABI's filter in that ABI's byte order).
inline void libseccomp_export(const std::vector<std::uint32_t>& arches,
                              const std::function<void(scmp_filter_ctx)>& rules, const std::string& path) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(1));
  REQUIRE(ctx != nullptr);
  REQUIRE(seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) == 0);
  for (std::uint32_t a : arches) REQUIRE(seccomp_arch_add(ctx, a) == 0);
  rules(ctx);
  std::optional<std::string> bytes = libseccomp_export_bytes(ctx);
  seccomp_release(ctx);
  REQUIRE(bytes);
  write_file(path, *bytes);
}

// The `--arch=... --on-bad-arch=...` words of the header comment explain writes.
inline std::vector<std::string> header_flags(const std::string& text) {
  std::vector<std::string> flags;
  std::size_t at = text.find("#   --arch=");
  REQUIRE(at != std::string::npos);
  std::string line = text.substr(at + 4, text.find('\n', at) - at - 4);
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t sp = line.find(' ', start);
    if (sp == std::string::npos) sp = line.size();
    flags.push_back(line.substr(start, sp - start));
    start = sp + 1;
  }
  return flags;
}

// Explains `prog` to `prog`.secco (exit 0: explain proved the round trip) and proves the text
// equal to it again with `secco verify`; returns the text.
inline std::string round_trip(const std::string& prog, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"explain", prog, "-o", prog + ".secco"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult e = run_secco(args);
  REQUIRE_MESSAGE(e.exit_code == 0, e.err);
  std::string text = read_file(prog + ".secco");
  std::vector<std::string> v = {"verify"};
  for (const std::string& f : header_flags(text)) v.push_back(f);
  v.push_back(prog + ".secco");
  v.push_back(prog);
  RunResult r = run_secco(v);
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err << text);
  return text;
}

}  // namespace secco::testing
