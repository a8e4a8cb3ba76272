#include "core/small_alloc.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "core/hot_tls.h"

namespace ember::small_alloc {
namespace {

constexpr size_t kGranule = 16;
constexpr int kClasses = static_cast<int>(kMaxBytes / kGranule);
// Per thread and size class: enough for the graph of a few hundred ops, small enough that an
// idle thread holds at most a few MiB.
constexpr size_t kCacheBytesPerClass = 128 * 1024;

struct FreeBlock {
    FreeBlock *next;
};

struct ThreadCache {
    FreeBlock *head[kClasses];
    uint32_t count[kClasses];
};
// The thread's cache, made on its first free; null again once the thread has exited (frees
// from later thread-local destructors then go straight to free()).
EMBER_HOT_TLS constinit thread_local ThreadCache *t_cache = nullptr;
constinit thread_local bool t_closed = false;

struct Flusher {
    ThreadCache *cache = nullptr;
    ~Flusher() {
        t_cache = nullptr;
        t_closed = true;
        for (int c = 0; c < kClasses; ++c) {
            while (FreeBlock *b = cache->head[c]) {
                cache->head[c] = b->next;
                std::free(b);
            }
        }
        std::free(cache);
    }
};

// The first free of a thread (or one after its exit): makes the cache, or reports there is none.
ThreadCache *open_cache() noexcept {
    if (t_closed) return nullptr;
    auto *tc = static_cast<ThreadCache *>(std::calloc(1, sizeof(ThreadCache)));
    if (!tc) return nullptr;
    thread_local Flusher flusher;  // empties the cache when the thread exits
    flusher.cache = tc;
    t_cache = tc;
    return tc;
}

constexpr int class_of(size_t bytes) { return static_cast<int>((bytes + kGranule - 1) / kGranule) - 1; }
constexpr size_t class_bytes(int c) { return static_cast<size_t>(c + 1) * kGranule; }
// A table, so a free costs no division.
constexpr auto kCapacity = [] {
    std::array<uint32_t, kClasses> cap{};
    for (int c = 0; c < kClasses; ++c) cap[c] = static_cast<uint32_t>(kCacheBytesPerClass / class_bytes(c));
    return cap;
}();

void *malloc_or_throw(size_t bytes) {
    void *p = std::malloc(bytes);
    if (!p) throw std::bad_alloc();
    return p;
}

}  // namespace

void *allocate(size_t bytes) {
    if (bytes == 0 || bytes > kMaxBytes) return malloc_or_throw(bytes == 0 ? 1 : bytes);
    int c = class_of(bytes);
    if (ThreadCache *tc = t_cache)
        if (FreeBlock *b = tc->head[c]) {
            tc->head[c] = b->next;
            --tc->count[c];
            return b;
        }
    return malloc_or_throw(class_bytes(c));
}

void deallocate(void *p, size_t bytes) noexcept {
    if (!p) return;
    if (bytes == 0 || bytes > kMaxBytes) return std::free(p);
    int c = class_of(bytes);
    ThreadCache *tc = t_cache;
    if (!tc && !(tc = open_cache())) return std::free(p);
    if (tc->count[c] >= kCapacity[c]) return std::free(p);
    auto *b = static_cast<FreeBlock *>(p);
    b->next = tc->head[c];
    tc->head[c] = b;
    ++tc->count[c];
}

}  // namespace ember::small_alloc
