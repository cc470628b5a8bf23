// A non-owning reference to a callable: what std::function does for a callback that is only
// called during the call it is passed to, without the heap allocation and double indirection.
// The callable must outlive the function_ref (pass it as an argument, never store it).
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace secco {

template <typename Signature>
class function_ref;

template <typename R, typename... Args>
class function_ref<R(Args...)> {
 public:
  // A plain function (`rewrite_values(f, fold_value)`): referred to by its address.
  template <typename F, std::enable_if_t<std::is_function_v<F> && std::is_invocable_r_v<R, F&, Args...>, int> = 0>
  function_ref(F& f) noexcept  // NOLINT(google-explicit-constructor): a drop-in for std::function
      : call_(
            [](Target t, Args... args) -> R { return reinterpret_cast<F*>(t.function)(std::forward<Args>(args)...); }) {
    target_.function = reinterpret_cast<void (*)()>(&f);
  }

  // Any other callable object (a lambda): referred to by its address, so it must outlive this.
  template <typename F, typename Object = std::remove_reference_t<F>,
            std::enable_if_t<!std::is_function_v<Object> && !std::is_same_v<std::decay_t<F>, function_ref> &&
                                 std::is_invocable_r_v<R, Object&, Args...>,
                             int> = 0>
  function_ref(F&& f) noexcept  // NOLINT(google-explicit-constructor)
      : call_([](Target t, Args... args) -> R {
          return (*static_cast<Object*>(t.object))(std::forward<Args>(args)...);
        }) {
    target_.object = const_cast<void*>(static_cast<const void*>(std::addressof(f)));
  }

  R operator()(Args... args) const { return call_(target_, std::forward<Args>(args)...); }

 private:
  union Target {
    void* object;
    void (*function)();
  };
  Target target_{};
  R (*call_)(Target, Args...);
};

}  // namespace secco
