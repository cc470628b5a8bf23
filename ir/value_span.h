// A read-only view of value ids (C++17 has no std::span): how operands are handed to
// Function::make and to value rewriters, so that looking up a value that already exists, or
// passing a rewriter the mapped operands, allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace secco::ir {

using ValueId = std::uint32_t;

class ValueSpan {
 public:
  constexpr ValueSpan() = default;
  constexpr ValueSpan(const ValueId* data, std::size_t size) : data_(data), size_(size) {}
  // NOLINTNEXTLINE(google-explicit-constructor): operand lists convert implicitly, as before
  ValueSpan(const std::vector<ValueId>& v) : data_(v.data()), size_(v.size()) {}
  // `f.make(op, type, {a, b})`: the list lives until the end of the full expression.
  // (Assigned in the body: GCC's -Winit-list-lifetime would take a member initializer for a
  // view kept beyond the list's life, which is the caller's business here.)
  constexpr ValueSpan(std::initializer_list<ValueId> l) {
    data_ = l.begin();
    size_ = l.size();
  }

  constexpr const ValueId* begin() const { return data_; }
  constexpr const ValueId* end() const { return data_ + size_; }
  constexpr const ValueId* data() const { return data_; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr ValueId operator[](std::size_t i) const { return data_[i]; }
  constexpr ValueId front() const { return data_[0]; }
  constexpr ValueId back() const { return data_[size_ - 1]; }
  std::vector<ValueId> to_vector() const { return {begin(), end()}; }

  friend bool operator==(ValueSpan a, ValueSpan b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (a.data_[i] != b.data_[i]) return false;
    return true;
  }

 private:
  const ValueId* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace secco::ir
