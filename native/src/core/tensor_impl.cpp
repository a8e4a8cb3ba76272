#include "core/tensor_impl.h"

#include "core/shape.h"

namespace ember {

TensorImpl::TensorImpl(Ref<Storage> storage, DType dtype, IntArrayRef sizes, IntArrayRef strides, int64_t offset)
    : storage_(std::move(storage)), sizes_(sizes), strides_(strides), offset_(offset), dtype_(dtype) {
    refresh();
    live_tensors::add(storage_->device().type, 1);
}

TensorImpl::TensorImpl(Ref<Storage> storage, DType dtype, IntArrayRef sizes, int64_t numel)
    : storage_(std::move(storage)), sizes_(sizes), numel_(numel), dtype_(dtype) {
    strides_.resize_for_overwrite(sizes.size());
    write_contiguous_strides(sizes, strides_.data());
    live_tensors::add(storage_->device().type, 1);
}

TensorImpl::~TensorImpl() {
    live_tensors::add(storage_->device().type, -1);
}

void TensorImpl::set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
    sizes_ = DimVector(sizes);
    strides_ = DimVector(strides);
    offset_ = offset;
    refresh();
}

void TensorImpl::refresh() {
    numel_ = 1;
    for (int64_t s : sizes_) numel_ *= s;
    // Contiguous means row-major: size-1 dims may have any stride, as in PyTorch.
    contiguous_ = true;
    int64_t expected = 1;
    for (int64_t d = dim() - 1; d >= 0; --d) {
        if (sizes_[d] == 1) continue;
        if (strides_[d] != expected) { contiguous_ = false; break; }
        expected *= sizes_[d];
    }
    if (numel_ == 0) contiguous_ = true;
}

}  // namespace ember
