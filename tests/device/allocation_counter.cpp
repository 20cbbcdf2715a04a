// Interposes malloc & co. for this test binary (glibc allows an executable to replace them, and
// forwards to the real ones as __libc_*). Every call made while the calling thread is inside
// audio::RealtimeScope — that is, inside the mixer during a PortAudio callback — is counted.
// operator new and delete go through malloc and free, so C++ allocations are counted as well.
// Under AddressSanitizer or ThreadSanitizer the sanitizer owns malloc (a second interposer would
// hand it memory it never allocated), so there the sanitizer's own allocation hooks count instead.
#include "device/allocation_counter.h"

#include <atomic>
#include <cstddef>

#include "audio/realtime_context.h"

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* pointer);
}

namespace {
std::atomic<std::int64_t> g_realtime_heap_calls{0};

void note_call() {
  if (holdspace::audio::in_realtime_context()) g_realtime_heap_calls.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

namespace holdspace::test {
std::int64_t realtime_heap_calls() { return g_realtime_heap_calls.load(); }
}  // namespace holdspace::test

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)

// From <sanitizer/allocator_interface.h>, which GCC's runtimes export but GCC does not install.
// The hooks run on the allocating thread, for every allocation and every free of a live block.
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, std::size_t),
                                                         void (*free_hook)(const volatile void*));

namespace {
void on_malloc(const volatile void*, std::size_t) { note_call(); }
void on_free(const volatile void*) { note_call(); }
// Installed before main, so before any test runs.
[[maybe_unused]] const int g_hooks = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}  // namespace

#else

extern "C" {

void* malloc(std::size_t size) {
  note_call();
  return __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) {
  note_call();
  return __libc_calloc(count, size);
}

void* realloc(void* pointer, std::size_t size) {
  note_call();
  return __libc_realloc(pointer, size);
}

void* memalign(std::size_t alignment, std::size_t size) {
  note_call();
  return __libc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) {
  note_call();
  return __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  note_call();
  *out = __libc_memalign(alignment, size);
  return *out ? 0 : 12;  // ENOMEM
}

void free(void* pointer) {
  if (pointer) note_call();
  __libc_free(pointer);
}

}  // extern "C"

#endif
