#include "semantics/load_solver_module.h"

#include <dlfcn.h>

namespace secco::semantics {

const SeccoSolverModule* load_solver_module(const std::string& path, std::string& error) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    error = "the solver module " + path + " cannot be loaded: " + (why ? why : "unknown reason");
    return nullptr;
  }
  using Entry = const SeccoSolverModule* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(handle, SECCO_SOLVER_MODULE_ENTRY));
  const SeccoSolverModule* m = entry ? entry() : nullptr;
  if (m == nullptr || m->abi != kSeccoSolverAbi || m->node_size != sizeof(TermNode) || !m->open || !m->close ||
      !m->check) {
    error = "the solver module " + path + " does not match this build of secco";
    return nullptr;  // left loaded (see the header)
  }
  return m;
}

}  // namespace secco::semantics
