#include "core/allocator.h"

#include <array>
#include <bit>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/log.h"

namespace ember {

void AllocatorStats::add_bytes(int64_t n) {
    int64_t now = bytes_in_use.fetch_add(n, std::memory_order_relaxed) + n;
    int64_t peak = peak_bytes.load(std::memory_order_relaxed);
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {}
}

namespace {

// Blocks of at least this size are 2 MiB aligned and marked for transparent huge pages (Linux):
// a streaming kernel over 4 KiB pages spends much of its time on TLB misses, which cost most in a
// virtual machine (two-level page walks). The same rule as PyTorch's THP_MEM_ALLOC_ENABLE;
// EMBER_CPU_HUGE_PAGES=0 turns it off.
constexpr size_t kHugePage = size_t(2) << 20;

bool huge_pages_enabled() {
    static const bool on = [] {
        const char *v = std::getenv("EMBER_CPU_HUGE_PAGES");
        return !(v && v[0] == '0' && v[1] == '\0');
    }();
    return on;
}

void *aligned_malloc(size_t bytes) {
    bytes = (bytes + kCpuAlignment - 1) & ~(kCpuAlignment - 1);  // aligned_alloc wants a multiple
#ifdef _WIN32
    return _aligned_malloc(bytes, kCpuAlignment);
#else
#ifdef __linux__
    if (bytes >= kHugePage && huge_pages_enabled()) {
        bytes = (bytes + kHugePage - 1) & ~(kHugePage - 1);
        void *p = std::aligned_alloc(kHugePage, bytes);
        if (p) madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure leaves 4 KiB pages
        return p;
    }
#endif
    return std::aligned_alloc(kCpuAlignment, bytes);
#endif
}
void aligned_free(void *p) {
#ifdef _WIN32
    _aligned_free(p);
#else
    std::free(p);
#endif
}

// Size classes: four per power of two from 64 bytes, so rounding wastes at most 25%.
constexpr int kNumClasses = 4 * 48;
constexpr size_t kMaxCachedTotal = size_t(2) << 30;  // never hoard more than 2 GiB

int size_class(size_t n) {
    if (n <= 64) return 0;
    int log2 = static_cast<int>(std::bit_width(n - 1)) - 1;  // n - 1 < 2^(log2+1)
    size_t base = size_t(1) << log2;
    int quarter = static_cast<int>((n - 1 - base) / (base / 4));  // 0..3
    return (log2 - 6) * 4 + quarter + 1;
}
size_t class_bytes(int c) {
    if (c == 0) return 64;
    int log2 = (c - 1) / 4 + 6, quarter = (c - 1) % 4;
    size_t base = size_t(1) << log2;
    return base + (quarter + 1) * (base / 4);
}

class CpuAllocator final : public Allocator {
public:
    void *allocate(size_t nbytes) override {
        int c = size_class(nbytes == 0 ? 1 : nbytes);
        EMBER_CHECK(c < kNumClasses, OutOfMemory, "cannot allocate ", nbytes, " bytes: too large");
        {
            std::lock_guard<std::mutex> lock(mu_);
            auto &list = free_[c];
            if (!list.empty()) {
                void *p = list.back();
                list.pop_back();
                stats_.cached_bytes.fetch_sub(static_cast<int64_t>(class_bytes(c)), std::memory_order_relaxed);
                return p;
            }
        }
        size_t bytes = class_bytes(c);
        void *p = aligned_malloc(bytes);
        if (!p) {  // give cached memory back and try once more
            empty_cache();
            p = aligned_malloc(bytes);
        }
        if (!p) {
            log_message(EMBER_LOG_ERROR, "CPU allocation of ", nbytes, " bytes failed");
            fail(Status::OutOfMemory, "out of memory: cannot allocate ", nbytes, " bytes on the CPU");
        }
        stats_.allocations.fetch_add(1, std::memory_order_relaxed);
        return p;
    }

    void deallocate(void *p, size_t nbytes) override {
        if (!p) return;
        int c = size_class(nbytes == 0 ? 1 : nbytes);
        size_t bytes = class_bytes(c);
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (static_cast<size_t>(stats_.cached_bytes.load(std::memory_order_relaxed)) + bytes <= kMaxCachedTotal) {
                free_[c].push_back(p);
                stats_.cached_bytes.fetch_add(static_cast<int64_t>(bytes), std::memory_order_relaxed);
                return;
            }
        }
        aligned_free(p);
    }

    void empty_cache() override {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto &list : free_) {
            for (void *p : list) aligned_free(p);
            list.clear();
        }
        stats_.cached_bytes.store(0, std::memory_order_relaxed);
    }

    ~CpuAllocator() override { empty_cache(); }

private:
    AllocatorStats &stats_ = device_stats(Device::cpu());
    std::mutex mu_;
    std::array<std::vector<void *>, kNumClasses> free_;
};

std::array<Allocator *, kNumDeviceTypes> &registry() {
    static std::array<Allocator *, kNumDeviceTypes> r{};
    return r;
}

}  // namespace

Allocator &cpu_allocator() {
    // Leaked on purpose: tensors may be released from static destructors of the host program.
    static CpuAllocator *a = new CpuAllocator();
    return *a;
}

void register_allocator(DeviceType type, Allocator *a) { registry()[static_cast<int>(type)] = a; }

Allocator &allocator_for(Device d) {
    if (d.is_cpu()) return cpu_allocator();
    Allocator *a = registry()[static_cast<int>(d.type)];
    EMBER_CHECK(a != nullptr, Device, "device ", d.type_name(), ":", d.index,
                " is not available: this build has no ", d.type_name(), " backend loaded");
    return *a;
}

AllocatorStats g_device_stats[kNumDeviceTypes];

namespace live_tensors {

EMBER_HOT_TLS constinit thread_local Slots *t_slots = nullptr;

namespace {
// Leaked on purpose, as the CPU allocator: threads may exit during static destruction.
std::mutex &registry_mutex() {
    static std::mutex *m = new std::mutex();
    return *m;
}
Slots *g_threads = nullptr;                      // every live thread's slots (under the mutex)
std::atomic<int64_t> g_rest[kNumDeviceTypes];  // exited threads, and threads without slots
constinit thread_local bool t_exited = false;

struct Unregister {
    Slots *slots = nullptr;
    ~Unregister() {
        std::lock_guard lock(registry_mutex());
        for (int d = 0; d < kNumDeviceTypes; ++d)
            g_rest[d].fetch_add(slots->count[d].load(std::memory_order_relaxed), std::memory_order_relaxed);
        for (Slots **p = &g_threads; *p; p = &(*p)->next)
            if (*p == slots) {
                *p = slots->next;
                break;
            }
        delete slots;
        t_slots = nullptr;
        t_exited = true;  // tensors freed later by this thread count in g_rest
    }
};
}  // namespace

void add_slow(DeviceType type, int64_t n) noexcept {
    if (!t_exited) {
        if (Slots *s = new (std::nothrow) Slots()) {
            thread_local Unregister unregister;  // folds the slots back when the thread exits
            unregister.slots = s;
            std::lock_guard lock(registry_mutex());
            s->next = g_threads;
            g_threads = s;
            t_slots = s;
            s->count[static_cast<int>(type)].store(n, std::memory_order_relaxed);
            return;
        }
    }
    g_rest[static_cast<int>(type)].fetch_add(n, std::memory_order_relaxed);
}

int64_t read(DeviceType type) {
    std::lock_guard lock(registry_mutex());
    const int d = static_cast<int>(type);
    int64_t n = g_rest[d].load(std::memory_order_relaxed);
    for (const Slots *s = g_threads; s; s = s->next) n += s->count[d].load(std::memory_order_relaxed);
    return n;
}

}  // namespace live_tensors

}  // namespace ember
