#include "semantics/z3/solver_context.h"

#include <mutex>
#include <vector>

namespace secco::semantics {
namespace {

// Contexts handed back by finished queries. Never destroyed: a context freed after Z3's own
// globals at exit would crash, and the pool stays reachable.
std::mutex pool_mutex;
std::vector<std::unique_ptr<z3::context>>& pool() {
  static auto* p = new std::vector<std::unique_ptr<z3::context>>();
  return *p;
}
constexpr std::size_t kPoolSize = 4;

}  // namespace

SolverContext::~SolverContext() {
  std::lock_guard<std::mutex> lock(pool_mutex);
  if (ready_ && pool().size() < kPoolSize) pool().push_back(std::move(ready_));
}

z3::context& SolverContext::get() {
  if (!ready_) {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool().empty()) {
        ready_ = std::move(pool().back());
        pool().pop_back();
      }
    }
    if (!ready_) ready_ = std::make_unique<z3::context>();
  }
  return *ready_;
}

}  // namespace secco::semantics
