#include "heap_use.hpp"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cerrno>

#ifdef ICEAXE_BENCH_COUNT_HEAP

// glibc's allocator under its exported internal names: the functions below replace malloc,
// free, calloc and realloc for the process and forward to these.
extern "C" {
void* __libc_malloc(std::size_t size);
void __libc_free(void* p);
void* __libc_calloc(std::size_t n, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace {

std::atomic<bool> counting{false};
std::atomic<std::int64_t> allocations{0};
std::atomic<std::int64_t> in_use{0};
std::atomic<std::int64_t> peak{0};

void on_alloc(void* p) noexcept {
  if (p == nullptr || !counting.load(std::memory_order_relaxed)) return;
  allocations.fetch_add(1, std::memory_order_relaxed);
  const std::int64_t now = in_use.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)),
                                            std::memory_order_relaxed) +
                           static_cast<std::int64_t>(malloc_usable_size(p));
  std::int64_t seen = peak.load(std::memory_order_relaxed);
  while (now > seen && !peak.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
  }
}

void on_free(void* p) noexcept {
  if (p == nullptr || !counting.load(std::memory_order_relaxed)) return;
  in_use.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
}

}  // namespace

extern "C" {
void* malloc(std::size_t size) {
  void* p = __libc_malloc(size);
  on_alloc(p);
  return p;
}
void free(void* p) {
  on_free(p);
  __libc_free(p);
}
void* calloc(std::size_t n, std::size_t size) {
  void* p = __libc_calloc(n, size);
  on_alloc(p);
  return p;
}
void* realloc(void* p, std::size_t size) {
  on_free(p);
  void* moved = __libc_realloc(p, size);
  if (moved != nullptr) {
    on_alloc(moved);
  } else if (size != 0) {
    on_alloc(p);  // failed: the old block stays
  }
  return moved;
}
// Aligned operator new (iceaxe's snapshot blocks of 2 MiB or more) comes through here.
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  void* p = __libc_memalign(alignment, size);
  on_alloc(p);
  return p;
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* p = __libc_memalign(alignment, size);
  if (p == nullptr) return ENOMEM;
  on_alloc(p);
  *out = p;
  return 0;
}
}

namespace bench {

bool heap_counting_available() noexcept {
  return true;
}

void start_heap_counting() noexcept {
  allocations = 0;
  in_use = 0;
  peak = 0;
  counting = true;
}

HeapUse stop_heap_counting() noexcept {
  counting = false;
  return {allocations.load(), peak.load()};
}

}  // namespace bench

#else

namespace bench {

bool heap_counting_available() noexcept {
  return false;
}
void start_heap_counting() noexcept {}
HeapUse stop_heap_counting() noexcept {
  return {};
}

}  // namespace bench

#endif
