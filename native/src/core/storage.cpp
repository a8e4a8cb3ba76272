#include "core/storage.h"

#include <new>

namespace ember {

namespace {
// Where inline elements start: after the header, 64-byte aligned like every CPU allocation.
// small_alloc blocks are 16-byte aligned, so up to 48 bytes of padding.
constexpr size_t kInlineHeader = sizeof(Storage) + kCpuAlignment - 16;
}  // namespace

Ref<Storage> Storage::allocate(size_t nbytes, Device device) {
    if (!device.is_cpu() || nbytes > kInlineBytes) return Ref<Storage>::adopt(new Storage(nbytes, device, nullptr));
    size_t block = kInlineHeader + nbytes;
    void *raw = small_alloc::allocate(block);
    auto addr = reinterpret_cast<uintptr_t>(raw) + sizeof(Storage);
    auto *data = reinterpret_cast<void *>((addr + kCpuAlignment - 1) & ~uintptr_t(kCpuAlignment - 1));
    auto *s = ::new (raw) Storage(nbytes, device, data);
    s->block_bytes_ = static_cast<uint32_t>(block);
    return Ref<Storage>::adopt(s);
}

Storage::Storage(size_t nbytes, Device device, void *inline_data) : nbytes_(nbytes), device_(device) {
    if (inline_data) {
        data_ = inline_data;
    } else {
        allocator_ = &allocator_for(device);
        data_ = allocator_->allocate(nbytes);
    }
    device_stats(device_).add_bytes(static_cast<int64_t>(nbytes));
}

Storage::Storage(void *data, size_t nbytes, Device device, ember_deleter_fn deleter, void *user_data)
    : data_(data), nbytes_(nbytes), device_(device), deleter_(deleter), deleter_ctx_(user_data) {}

Storage::~Storage() {
    if (allocator_) {
        allocator_->deallocate(data_, nbytes_);
        device_stats(device_).add_bytes(-static_cast<int64_t>(nbytes_));
    } else if (deleter_) {
        deleter_(data_, deleter_ctx_);
    } else if (block_bytes_ != sizeof(Storage)) {  // inline elements
        device_stats(device_).add_bytes(-static_cast<int64_t>(nbytes_));
    }
}

// Every Storage lives in a small_alloc block (operator new above, or allocate's inline block),
// whose size only the object knows.
void Storage::destroy() const noexcept {
    size_t block = block_bytes_;
    void *raw = const_cast<Storage *>(this);
    this->~Storage();
    small_alloc::deallocate(raw, block);
}

}  // namespace ember
