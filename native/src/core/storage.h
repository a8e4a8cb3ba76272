// A block of device memory shared by a tensor and all its views.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/allocator.h"
#include "core/ref.h"
#include "core/small_alloc.h"
#include "ember/ember.h"

namespace ember {

class Storage final : public RefCounted {
public:
    // CPU storages of at most this many bytes keep their elements in the same block as the
    // header: the scalars and tiny tensors of small ops then cost one allocation, not two.
    static constexpr size_t kInlineBytes = 256;

    // Memory from the device's allocator (or inline, see kInlineBytes).
    static Ref<Storage> allocate(size_t nbytes, Device device);
    // External memory: deleter (may be null) runs with the last reference.
    Storage(void *data, size_t nbytes, Device device, ember_deleter_fn deleter, void *user_data);
    ~Storage() override;
    EMBER_SMALL_ALLOC_OPERATORS

    void *data() const { return data_; }
    size_t nbytes() const { return nbytes_; }
    Device device() const { return device_; }

    // Bumped by every in-place write; autograd compares it with the value saved for backward.
    // Views share it through the storage, as PyTorch's views share their version counter.
    uint32_t version() const { return version_.load(std::memory_order_relaxed); }
    void bump_version() { version_.fetch_add(1, std::memory_order_relaxed); }

private:
    Storage(size_t nbytes, Device device, void *inline_data);
    void destroy() const noexcept override;

    void *data_ = nullptr;
    size_t nbytes_ = 0;
    Device device_;
    Allocator *allocator_ = nullptr;
    ember_deleter_fn deleter_ = nullptr;
    void *deleter_ctx_ = nullptr;
    std::atomic<uint32_t> version_{0};
    uint32_t block_bytes_ = sizeof(Storage);  // the header's block, inline elements included
};

}  // namespace ember
