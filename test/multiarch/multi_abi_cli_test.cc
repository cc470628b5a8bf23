// The multi-ABI command line: --arch lists, ARCH lines, per-ABI naming in emulate, test and
// disasm, and bad input (unknown architecture, a call on no ABI): exit codes, messages, and no
// output file written.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "lib/test_support.h"

namespace secco::testing {

TEST_CASE("secco CLI with several ABIs") {
  const std::string dir = temp_dir("multiarch-cli");
  const std::string policy = dir + "/p.secco";
  write_file(policy, "DEFAULT_POLICY = errno(1)\nexit_group: 1\nread: arg0 == 3\n");

  // emulate: the call is named in the table of --arch's ABI.
  RunResult r = run_secco({"emulate", "--target", "x86_64,i386", "--arch", "i386", policy, "exit_group"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "allow\n");
  r = run_secco({"emulate", "--target", "x86_64,i386", "--arch", "i386", policy, "252"});  // i386's exit_group
  CHECK(r.out == "allow\n");
  r = run_secco({"emulate", "--target", "x86_64,i386", "--arch", "i386", policy, "231"});  // x86_64's exit_group
  CHECK(r.out == "errno(1)\n");
  r = run_secco({"emulate", "--target", "x86_64", "--arch", "i386", policy, "exit_group"});
  CHECK(r.out == "kill_thread\n");  // i386 is not a target of this filter

  // test: arch=NAME cases use that ABI's numbers.
  const std::string cases = dir + "/p.cases";
  write_file(cases,
             "exit_group() arch=i386 => allow\nexit_group() => allow\nread(3) arch=x32 => allow\n"
             "read(4) arch=x32 => kill\n");
  r = run_secco({"test", "--arch", "x86_64,i386,x32", policy, cases});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out == "4 passed, 0 failed\n");

  // compile + disasm: per-ABI names from the program's arch tests.
  const std::string bin = dir + "/p.bpf";
  r = run_secco({"compile", "--arch", "i386,x86_64", "-o", bin, policy});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = run_secco({"disasm", bin});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("#252") != std::string::npos);
  CHECK(r.out.find("ioprio_get") == std::string::npos);
  CHECK(r.out.find("; i386") != std::string::npos);
  r = run_secco({"disasm", "--arch", "vax", bin});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown architecture 'vax' (known: x86_64, i386") != std::string::npos);

  // Bad input: exit codes, messages, nothing written.
  const std::string out = dir + "/never.bpf";
  r = run_secco({"compile", "--arch", "x86_64,vax", "-o", out, policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown architecture 'vax' (known: ") != std::string::npos);
  const std::string typo = dir + "/typo.secco";
  write_file(typo, "ARCH = x86_64, i386\n_llsek: 1\n");
  r = run_secco({"compile", "-o", out, typo});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("unknown system call '_llsek' on x86_64, i386") != std::string::npos);
  CHECK(r.err.find("did you mean '_llseek'?") != std::string::npos);
  r = run_secco({"compile", "--arch", "aarch46", "-o", out, policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown architecture 'aarch46'; did you mean 'aarch64'?") != std::string::npos);
  r = run_secco({"compile", "--arch", "x86_64,i386,amd64", "-o", out, policy});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("architecture 'x86_64' is listed twice") != std::string::npos);
  const std::string bad_line = dir + "/bad-arch.secco";
  write_file(bad_line, "ARCH = x86_64, i368, x86_64\nARCH = arm\nread: 1\n");
  r = run_secco({"compile", "-o", out, bad_line});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad-arch.secco:1:16: error: unknown architecture 'i368'; did you mean 'i386'?") !=
        std::string::npos);
  CHECK(r.err.find("bad-arch.secco:1:22: error: architecture 'x86_64' is listed twice") != std::string::npos);
  CHECK(r.err.find("bad-arch.secco:2:1: error: a second ARCH line") != std::string::npos);
  struct stat st {};
  CHECK(::stat(out.c_str(), &st) != 0);

  // --arch given twice is one list; a constant with other values on another ABI gets a note.
  const std::string edquot = dir + "/edquot.secco";
  write_file(edquot, "write: return EDQUOT\n");
  r = run_secco({"compile", "--arch", "x86_64", "--arch", "mips", "-o", bin, edquot});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.find("note: 'EDQUOT' has different values on the target ABIs (x86_64 0x7a, mips 0x46d)") !=
        std::string::npos);
  r = run_secco({"emulate", "--target", "x86_64,mips", "--arch", "mips", edquot, "write"});
  CHECK(r.out == "errno(1133)\n");
  r = run_secco({"emulate", "--target", "x86_64,mips", edquot, "write"});
  CHECK(r.out == "errno(122)\n");
}

}  // namespace secco::testing
