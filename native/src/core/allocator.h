// Device memory allocators with statistics. The CPU allocator hands out 64-byte aligned blocks and
// keeps freed blocks in size classes, so the large buffers of a training loop are reused instead
// of being returned to the OS and page-faulted in again on every step.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/device.h"
#include "core/hot_tls.h"

namespace ember {

struct AllocatorStats {
    std::atomic<int64_t> bytes_in_use{0};
    std::atomic<int64_t> peak_bytes{0};
    std::atomic<int64_t> allocations{0};
    std::atomic<int64_t> cached_bytes{0};
    void add_bytes(int64_t n);
};

class Allocator {
public:
    virtual ~Allocator() = default;
    // Returns a block of at least nbytes (nullptr-free: throws OutOfMemory). nbytes may be 0.
    virtual void *allocate(size_t nbytes) = 0;
    virtual void deallocate(void *p, size_t nbytes) = 0;
    virtual void empty_cache() = 0;
};

Allocator &cpu_allocator();
// The allocator of a device; throws Device when that backend is not loaded.
Allocator &allocator_for(Device d);
// Registers a GPU backend's allocator (called by the backend when it loads).
void register_allocator(DeviceType type, Allocator *a);

// Statistics for tensors of a device, whoever allocated their memory. A plain array (constant
// initialized, trivially destructible), so tensors released by static destructors still count.
extern AllocatorStats g_device_stats[kNumDeviceTypes];
inline AllocatorStats &device_stats(Device d) { return g_device_stats[static_cast<int>(d.type)]; }

inline constexpr size_t kCpuAlignment = 64;

// Live tensors per device type. The count changes twice in every op and is read rarely, so
// each thread counts in its own slots with plain (unlocked) instructions and a read sums the
// slots; a thread that exits folds its counts into the shared remainder.
namespace live_tensors {
struct Slots {
    std::atomic<int64_t> count[kNumDeviceTypes] = {};
    Slots *next = nullptr;
};
EMBER_HOT_TLS extern constinit thread_local Slots *t_slots;  // null until the thread's first tensor
void add_slow(DeviceType type, int64_t n) noexcept;

inline void add(DeviceType type, int64_t n) noexcept {
    if (Slots *s = t_slots) {
        std::atomic<int64_t> &c = s->count[static_cast<int>(type)];
        c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);  // only this thread writes
    } else {
        add_slow(type, n);
    }
}
int64_t read(DeviceType type);
}  // namespace live_tensors

}  // namespace ember
