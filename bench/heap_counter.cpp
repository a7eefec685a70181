#include "bench/heap_counter.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include <openssl/crypto.h>

namespace glass::bench::heap {

namespace {
std::atomic<std::int64_t> g_cpp{0};
std::atomic<std::int64_t> g_ossl{0};
bool g_counting = false;  // set once, before any thread starts

void* counted_alloc(std::size_t n, std::atomic<std::int64_t>& counter) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p) counter.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)),
                           std::memory_order_relaxed);
  return p;
}

void counted_free(void* p, std::atomic<std::int64_t>& counter) {
  if (!p) return;
  counter.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}

void* ossl_malloc(std::size_t n, const char*, int) { return counted_alloc(n, g_ossl); }
void* ossl_realloc(void* p, std::size_t n, const char*, int) {
  std::int64_t old = p ? static_cast<std::int64_t>(malloc_usable_size(p)) : 0;
  void* q = std::realloc(p, n);
  if (!q) return nullptr;  // the old block is still held
  g_ossl.fetch_add(static_cast<std::int64_t>(malloc_usable_size(q)) - old,
                   std::memory_order_relaxed);
  return q;
}
void ossl_free(void* p, const char*, int) { counted_free(p, g_ossl); }
}  // namespace

std::int64_t cpp_live() { return g_cpp.load(std::memory_order_relaxed); }
std::int64_t ossl_live() { return g_ossl.load(std::memory_order_relaxed); }
std::int64_t arena_live() { return static_cast<std::int64_t>(mallinfo2().uordblks); }

void enable_counting() {
  g_counting = true;
  if (!CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free)) {
    std::fprintf(stderr, "CRYPTO_set_mem_functions failed (OpenSSL allocated before main?)\n");
    std::exit(1);
  }
}

void* cpp_new(std::size_t n) {
  void* p = g_counting ? counted_alloc(n, g_cpp) : std::malloc(n == 0 ? 1 : n);
  if (!p) throw std::bad_alloc();
  return p;
}
void* cpp_new_aligned(std::size_t n, std::size_t align) {
  void* p = std::aligned_alloc(align, (n + align - 1) / align * align);
  if (!p) throw std::bad_alloc();
  if (g_counting)
    g_cpp.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}

}  // namespace glass::bench::heap

// The replaced global allocation functions (every form, so nothing escapes the count).
using glass::bench::heap::cpp_new;
using glass::bench::heap::cpp_new_aligned;
namespace {
void cpp_delete(void* p) {
  if (!p) return;
  if (glass::bench::heap::g_counting) glass::bench::heap::g_cpp.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)),
                                      std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

void* operator new(std::size_t n) { return cpp_new(n); }
void* operator new[](std::size_t n) { return cpp_new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try { return cpp_new(n); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try { return cpp_new(n); } catch (...) { return nullptr; }
}
void* operator new(std::size_t n, std::align_val_t a) {
  return cpp_new_aligned(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return cpp_new_aligned(n, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { cpp_delete(p); }
void operator delete[](void* p) noexcept { cpp_delete(p); }
void operator delete(void* p, std::size_t) noexcept { cpp_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { cpp_delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { cpp_delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { cpp_delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { cpp_delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { cpp_delete(p); }
