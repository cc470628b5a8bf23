// The secco executable's operator new: its first few megabytes of C++ allocations come from one
// region backed by transparent huge pages, bump-allocated and never reused; after that, malloc.
//
// Why: a compile is a short process, and on a virtual machine a page fault costs more than the
// instructions of a small compile (docs/benchmarks.md, "Eighth round"): malloc's heap takes one
// fault per 4 KiB page it touches, about 250 for the docker-default policy, where one 2 MiB huge
// page takes one. The bench policies allocate 0.5-2.5 MiB in all, so they never leave the arena.
// Memory is bounded: the arena is reserved once (kArenaBytes, touched pages only), a freed block is
// reclaimed only if it was the last one handed out, and large requests and everything after the
// arena is full go to malloc. When the kernel has no transparent huge pages (or says `never`), or
// the reservation fails, every request goes to malloc from the start.
//
// Linked only into the static-runtime `secco` (CMakeLists.txt): sanitizer builds replace operator
// new themselves, and secco-plugin-host shares its allocator with plugins.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/single_threaded.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kArenaBytes = std::size_t{8} << 20;
constexpr std::size_t kLargest = std::size_t{256} << 10;  // larger requests go to malloc
constexpr std::size_t kAlign = alignof(std::max_align_t);

// `[never]` in the THP mode file means madvise would succeed and give 4 KiB pages anyway, and a
// bump arena touches more of them than malloc, which reuses freed blocks.
bool huge_pages_usable() {
  int fd = ::open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char mode[128];
  ssize_t n = ::read(fd, mode, sizeof mode - 1);
  ::close(fd);
  if (n <= 0) return false;
  mode[n] = '\0';
  return std::strstr(mode, "[never]") == nullptr;
}

// Plain data, zero-initialised before any code runs: no guard on each call (a function-local
// static's is checked on every allocation). Set up by the first allocation, which static
// initialisation makes before any thread can exist.
struct Arena {
  char* begin;
  char* end;
  char* next;
  bool set_up;

  void set_up_once() {
    set_up = true;
    if (!huge_pages_usable()) return;
    // Reserve one huge page more than needed and start at the first huge-page boundary inside.
    void* raw = ::mmap(nullptr, kArenaBytes + kHugePage, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return;
    auto at = (reinterpret_cast<std::uintptr_t>(raw) + kHugePage - 1) & ~(kHugePage - 1);
    char* start = reinterpret_cast<char*>(at);
    if (::madvise(start, kArenaBytes, MADV_HUGEPAGE) != 0) {
      ::munmap(raw, kArenaBytes + kHugePage);
      return;
    }
    begin = start;
    end = start + kArenaBytes;
    next = start;
  }

  bool owns(const void* p) const {
    auto* c = static_cast<const char*>(p);
    return c >= begin && c < end;  // false while begin == end == nullptr
  }

  static std::size_t rounded(std::size_t size) { return size == 0 ? kAlign : (size + kAlign - 1) & ~(kAlign - 1); }

  // secco runs one thread; should a thread ever exist (__libc_single_threaded turns false), the
  // bump pointer moves by compare-and-swap instead.
  void* take(std::size_t size) {
    if (__builtin_expect(!set_up, 0)) set_up_once();
    if (size > kLargest) return nullptr;
    const std::size_t n = rounded(size);
    if (__libc_single_threaded) {
      if (static_cast<std::size_t>(end - next) < n) return nullptr;
      char* at = next;
      next = at + n;
      return at;
    }
    char* at = __atomic_load_n(&next, __ATOMIC_RELAXED);
    do {
      if (static_cast<std::size_t>(end - at) < n) return nullptr;
    } while (!__atomic_compare_exchange_n(&next, &at, at + n, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    return at;
  }

  // A sized delete of the block handed out last gives its space back (temporaries; a vector's
  // old buffer freed right after it grew elsewhere is not this case and stays used).
  void give_back(void* p, std::size_t size) {
    char* block_end = static_cast<char*>(p) + rounded(size);
    if (__libc_single_threaded) {
      if (next == block_end) next = static_cast<char*>(p);
      return;
    }
    __atomic_compare_exchange_n(&next, &block_end, static_cast<char*>(p), false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  }
};

Arena arena;

void* allocate(std::size_t size) {
  if (void* p = arena.take(size)) return p;
  return std::malloc(size == 0 ? 1 : size);
}

void release(void* p) noexcept {
  if (p != nullptr && !arena.owns(p)) std::free(p);
}

void release(void* p, std::size_t size) noexcept {
  if (p == nullptr) return;
  if (arena.owns(p))
    arena.give_back(p, size);
  else
    std::free(p);
}

void* allocate_or_throw(std::size_t size) {
  for (;;) {
    if (void* p = allocate(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

void* operator new(std::size_t size) {
  return allocate_or_throw(size);
}
void* operator new[](std::size_t size) {
  return allocate_or_throw(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate_or_throw(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept {
  release(p);
}
void operator delete[](void* p) noexcept {
  release(p);
}
void operator delete(void* p, std::size_t size) noexcept {
  release(p, size);
}
void operator delete[](void* p, std::size_t size) noexcept {
  release(p, size);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  release(p);
}
