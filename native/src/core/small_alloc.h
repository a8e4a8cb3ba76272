// Thread-local caches of small blocks for the objects every op creates and frees (tensor headers,
// storages of tiny tensors, autograd nodes and metadata). A step of a small model creates and
// frees hundreds of them in bursts; glibc's per-thread cache holds only 7 blocks of a size, so
// most of those calls fall through to its locked bins. Here each thread keeps up to a fixed
// number of bytes per size class and hands blocks out with a pointer pop.
//
// Blocks are ordinary malloc blocks, so a block may be freed on any thread (a .NET finalizer
// thread releasing a tensor made on the main thread): it simply joins that thread's cache.
#pragma once
#include <cstddef>

namespace ember::small_alloc {

// Sizes up to this are cached; larger ones go straight to malloc.
inline constexpr size_t kMaxBytes = 512;

// At least bytes, 16-byte aligned; throws std::bad_alloc when memory is exhausted.
void *allocate(size_t bytes);
// bytes must be the size given to allocate.
void deallocate(void *p, size_t bytes) noexcept;

// Class-scope operator new/delete for a type whose objects should use the cache (sized delete
// gets the dynamic type's size through the virtual destructor).
#define EMBER_SMALL_ALLOC_OPERATORS                                                              \
    static void *operator new(size_t bytes) { return ::ember::small_alloc::allocate(bytes); }    \
    static void operator delete(void *p, size_t bytes) noexcept {                                \
        ::ember::small_alloc::deallocate(p, bytes);                                              \
    }

// A standard allocator over the caches, for node-based containers that live for one operation
// (the backward pass's per-node table).
template <typename T>
struct Allocator {
    using value_type = T;
    Allocator() = default;
    template <typename U>
    Allocator(const Allocator<U> &) noexcept {}
    T *allocate(size_t n) { return static_cast<T *>(small_alloc::allocate(n * sizeof(T))); }
    void deallocate(T *p, size_t n) noexcept { small_alloc::deallocate(p, n * sizeof(T)); }
    template <typename U>
    bool operator==(const Allocator<U> &) const noexcept { return true; }
};

}  // namespace ember::small_alloc
