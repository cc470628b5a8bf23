// `secco import oci`: an OCI/Docker seccomp profile turned into secco policy text, decided the way
// runc builds the profile with libseccomp (docs/oci.md): moby's includes/excludes select entries,
// an entry whose action is the default one is dropped, entries of one system call are merged as
// libseccomp merges its rules, names no target ABI has are left out (with a comment), and every
// choice that would make the filter more permissive than runc's is an error instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/oci_profile.h"

namespace secco::oci {

struct ImportOptions {
  // Target ABIs by secco name ("x86_64", "i386"). Empty: the profile's, as moby picks them: the
  // archMap entry of `native` (it and its subArchitectures), else `architectures`, else `native`.
  std::vector<std::string> arches;
  // The ABI the container runs on: what includes/excludes `arches` are matched against (moby
  // compares them with GOARCH). With `arches` given, their first one.
  std::string native = "x86_64";
  std::vector<std::string> caps;                        // capabilities granted (CAP_SYS_ADMIN, ...)
  std::optional<std::pair<unsigned, unsigned>> kernel;  // without it, no minKernel is reached
  std::string source_name = "profile.json";             // named in the header comment
};

struct ImportResult {
  std::string text;                 // the policy (empty when there are errors)
  std::vector<std::string> arches;  // the target ABIs, native first
  std::vector<Problem> problems;    // errors, warnings and notes, in order

  bool ok() const {
    for (const Problem& p : problems)
      if (p.severity == Problem::Severity::error) return false;
    return true;
  }
};

ImportResult import_profile(std::string_view json, const ImportOptions& options);

// "syscalls[3].args[0].op: error: unknown operator 'SCMP_CMP_FOO'", prefixed with `file` and the
// line and column when known.
std::string to_string(const Problem& problem, const std::string& file);

}  // namespace secco::oci
