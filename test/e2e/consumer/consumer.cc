// A consumer of the installed secco library (include/secco/secco.h, -lsecco): compiles a policy,
// asks the emulator about two calls, reports a policy error, and prints the first line of the asm
// rendering. test/e2e/install_test.cc builds it with find_package and with pkg-config and checks
// its output line by line.
#include <iostream>

#include "secco/secco.h"

int main() {
  std::cout << "secco " << secco::version() << '\n';
  secco::CompileResult r = secco::compile_string(
      "consumer.secco", "read: arg0 == 0\n", secco::CompileOptions::allow_list(secco::Enforcement::enforcing, "EPERM"));
  if (!r.ok()) {
    std::cout << r.diagnostics_text();
    return 1;
  }
  for (const char* call : {"read", "write"}) {
    secco::EmulateResult e = secco::emulate(r.program(), *secco::make_syscall_data(call));
    std::cout << call << "(0) -> " << secco::to_string(e.action) << '\n';
  }
  std::string text = r.render(secco::Format::assembly);
  std::cout << "asm: " << text.substr(0, text.find('\n')) << '\n';
  secco::CompileResult bad = secco::compile_string("bad.secco", "reed: 1\n");
  for (const secco::Message& m : bad.diagnostics()) std::cout << secco::to_string(m) << '\n';
  return 0;
}
