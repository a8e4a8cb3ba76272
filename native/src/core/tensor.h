// Tensor: the value type used throughout the runtime, an owning handle to a TensorImpl.
#pragma once
#include <cstdint>

#include "core/scalar.h"
#include "core/tensor_impl.h"

namespace ember {

class Tensor {
public:
    Tensor() = default;
    explicit Tensor(Ref<TensorImpl> impl) : impl_(std::move(impl)) {}
    // A C argument for the length of the call (see BorrowedTensor); throws InvalidArgument for NULL.
    static class BorrowedTensor borrow(ember_tensor h, const char *what = "tensor");

    bool defined() const { return static_cast<bool>(impl_); }
    TensorImpl *impl() const { return impl_.get(); }
    // Hands one reference to a C caller.
    ember_tensor release_to_c() { return reinterpret_cast<ember_tensor>(impl_.leak()); }

    DType dtype() const { return impl_->dtype(); }
    Device device() const { return impl_->device(); }
    int64_t dim() const { return impl_->dim(); }
    IntArrayRef sizes() const { return impl_->sizes(); }
    IntArrayRef strides() const { return impl_->strides(); }
    int64_t size(int64_t d) const { return impl_->size(d); }
    int64_t stride(int64_t d) const { return impl_->stride(d); }
    int64_t numel() const { return impl_->numel(); }
    int64_t storage_offset() const { return impl_->storage_offset(); }
    bool is_contiguous() const { return impl_->is_contiguous(); }
    bool is_wrapped_number() const { return impl_->is_wrapped_number(); }
    void *data_ptr() const { return impl_->data(); }
    template <typename T> T *data() const { return static_cast<T *>(impl_->data()); }
    size_t element_size() const { return itemsize(dtype()); }
    size_t nbytes() const { return static_cast<size_t>(numel()) * element_size(); }
    bool same(const Tensor &o) const { return impl_ == o.impl_; }
    bool shares_storage(const Tensor &o) const { return impl_->storage() == o.impl_->storage(); }
    // Marks an in-place write (for autograd's saved-tensor checks).
    void bump_version() const { impl_->storage()->bump_version(); }

private:
    Ref<TensorImpl> impl_;
};

// A C handle seen as a Tensor for the length of one C call. The caller's reference keeps it
// alive, so no reference is added or dropped (two atomic operations per argument saved on every
// call); a copy made from it (saved for backward, stored in a module) takes its own reference.
// Neither copyable nor movable, so it cannot escape the call as a borrowed Tensor.
class BorrowedTensor {
public:
    explicit BorrowedTensor(TensorImpl *impl) : t_(Ref<TensorImpl>::adopt(impl)) {}
    ~BorrowedTensor() { (void)t_.release_to_c(); }
    BorrowedTensor(const BorrowedTensor &) = delete;
    BorrowedTensor &operator=(const BorrowedTensor &) = delete;

    operator const Tensor &() const { return t_; }  // NOLINT: passes straight into ops
    const Tensor &get() const { return t_; }
    const Tensor *operator->() const { return &t_; }

private:
    Tensor t_;
};

// Contiguous (row-major) strides for sizes.
DimVector contiguous_strides(IntArrayRef sizes);
// A new uninitialised tensor.
Tensor empty(IntArrayRef sizes, DType dtype, Device device = Device::cpu());
// A new tensor with the same sizes as t.
Tensor empty_like(const Tensor &t, DType dtype = DType::Undefined);
// A view of t's storage with new geometry (no bounds check: callers validate).
Tensor make_view(const Tensor &t, IntArrayRef sizes, IntArrayRef strides, int64_t offset);
// A 0-dim tensor holding s; wrapped marks it as a Python-like number for promotion.
Tensor scalar_tensor(const Scalar &s, DType dtype, Device device, bool wrapped);

}  // namespace ember
