#include "core/storage.h"

namespace ember {

Storage::Storage(size_t nbytes, Device device)
    : nbytes_(nbytes), device_(device), allocator_(&allocator_for(device)) {
    data_ = allocator_->allocate(nbytes);
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
    }
}

}  // namespace ember
