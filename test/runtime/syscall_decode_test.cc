// format_call and flag_names (runtime/syscall_decode.h), which `secco run --audit` prints, and the
// policy and profile text of the Recorder behind `secco record`: deterministic text for known calls.
#include <linux/audit.h>

#include <map>

#include "doctest/doctest.h"
#include "runtime/recorder.h"
#include "runtime/syscall_decode.h"
#include "target/target.h"

namespace rt = secco::runtime;

namespace {

const secco::Target& x86_64() {
  return *secco::Target::find("x86_64");
}

secco::SeccompData call(std::uint32_t nr, std::initializer_list<std::uint64_t> args) {
  secco::SeccompData d;
  d.arch = AUDIT_ARCH_X86_64;
  d.nr = nr;
  std::size_t i = 0;
  for (std::uint64_t a : args) d.args[i++] = a;
  return d;
}

}  // namespace

TEST_CASE("format_call decodes descriptors, paths and flags of known calls") {
  std::map<std::uint64_t, std::string> memory = {{0x1000, "/etc/pass\"wd"}};
  rt::StringReader read = [&](std::uint64_t address, std::size_t) -> std::optional<std::string> {
    auto it = memory.find(address);
    if (it == memory.end()) return std::nullopt;
    return it->second;
  };
  // openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
  CHECK(rt::format_call(&x86_64(), call(257, {0xffffff9c, 0x1000, 0x80000, 0}), &read) ==
        "openat(AT_FDCWD, \"/etc/pass\\\"wd\", O_RDONLY|O_CLOEXEC, 00)");
  // A path that cannot be read stays an address.
  CHECK(rt::format_call(&x86_64(), call(257, {3, 0x2000, 0x241, 0644}), &read) ==
        "openat(3, 0x2000, O_WRONLY|O_CREAT|O_TRUNC, 0644)");
  CHECK(rt::format_call(&x86_64(), call(41, {10, 0x80801, 0}), nullptr) ==
        "socket(AF_INET6, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0)");
  CHECK(rt::format_call(&x86_64(), call(9, {0, 4096, 3, 0x22, 0xffffffffffffffff, 0}), nullptr) ==
        "mmap(0x0, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0x0)");
  // Unknown signature: the registers in hex, trailing zeros dropped; unknown number by number.
  CHECK(rt::format_call(&x86_64(), call(1000, {1, 0x20}), nullptr) == "syscall_1000(0x1, 0x20)");
  CHECK(rt::format_call(&x86_64(), call(110, {}), nullptr) == "getppid()");
}

TEST_CASE("flag_names: widest names first, leftover bits in hex") {
  CHECK(rt::flag_names(x86_64(), "PROT_", 0x5) == "PROT_READ|PROT_EXEC");
  CHECK(rt::flag_names(x86_64(), "PROT_", 0x10000001) == "PROT_READ|0x10000000");
  CHECK(rt::flag_names(x86_64(), "PROT_", 0) == "0x0");
  CHECK(rt::enum_name(x86_64(), "F_", 3) == "F_GETFL");  // not F_TEST (lockf) of the same value
  CHECK(rt::enum_name(x86_64(), "AF_", 1) == "AF_UNIX");
  CHECK(rt::enum_name(x86_64(), "PR_", 1) == "PR_SET_PDEATHSIG");
  CHECK(rt::enum_name(x86_64(), "AF_", 12345) == "12345");
}

TEST_CASE("Recorder: allowed calls, pinned small value sets, counts and the profile") {
  rt::Recorder rec;
  rec.add(call(59, {}));               // execve
  rec.add(call(41, {1, 0x80001, 0}));  // socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC)
  rec.add(call(41, {10, 0x2, 0}));     // socket(AF_INET6, SOCK_DGRAM)
  for (std::uint64_t cmd = 0; cmd < 6; ++cmd) rec.add(call(72, {3, cmd, 0}));  // fcntl, 6 commands
  secco::SeccompData foreign = call(11, {});
  foreign.arch = AUDIT_ARCH_I386;
  rec.add(foreign);
  std::string policy = rec.policy_text(x86_64(), "prog --flag");
  CHECK(policy.find("# Recorded by `secco record` from: prog --flag\n") == 0);
  CHECK(policy.find("DEFAULT_POLICY = kill_process\n") != std::string::npos);
  CHECK(policy.find("\nexecve: 1  # 1 call\n") != std::string::npos);
  CHECK(policy.find("\nsocket: in(argL0, 0x1, 0xa) && in(argL1, 0x2, 0x80001)  # 2 calls; arg0: AF_UNIX, AF_INET6; "
                    "arg1: SOCK_DGRAM, SOCK_STREAM|SOCK_CLOEXEC\n") != std::string::npos);
  CHECK(policy.find("\nfcntl: 1  # 6 calls\n") != std::string::npos);  // more than 4 values: free
  CHECK(policy.find("# 1 calls of other ABIs were seen") != std::string::npos);
  CHECK(rec.calls() == 10);
  CHECK(rec.profile_text(x86_64()) ==
        "# nr weight name -- system call counts recorded by `secco record` (x86_64)\n"
        "41 2 socket\n59 1 execve\n72 6 fcntl\n");
}
