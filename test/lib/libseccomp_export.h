// libseccomp's `seccomp_export_bpf` of a filter context, as the bytes it writes (a big-endian
// ABI's filter in that ABI's byte order): the one export path of the tests that compare against
// or decompile libseccomp's programs.
#pragma once

#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <optional>
#include <string>

namespace secco::testing {

// The exported program, or nullopt when the export fails.
inline std::optional<std::string> libseccomp_export_bytes(const scmp_filter_ctx ctx) {
  const int fd = ::memfd_create("secco-test-export", 0);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> out;
  if (seccomp_export_bpf(ctx, fd) == 0) {
    const off_t size = ::lseek(fd, 0, SEEK_END);
    std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    if (::pread(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size())) out = std::move(bytes);
  }
  ::close(fd);
  return out;
}

}  // namespace secco::testing
