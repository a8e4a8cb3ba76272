#include "core/tensor.h"

#include <limits>

#include "core/shape.h"

namespace ember {

BorrowedTensor Tensor::borrow(ember_tensor h, const char *what) {
    EMBER_CHECK(h != nullptr, InvalidArgument, what, " is NULL");
    return BorrowedTensor(reinterpret_cast<TensorImpl *>(h));
}

DimVector contiguous_strides(IntArrayRef sizes) {
    DimVector strides(sizes.size());
    write_contiguous_strides(sizes, strides.data());
    return strides;
}

Tensor empty(IntArrayRef sizes, DType dtype, Device device) {
    EMBER_CHECK(dtype != DType::Undefined, DType, "cannot create a tensor of undefined dtype");
    int64_t numel = 1;
    for (int64_t s : sizes) {
        EMBER_CHECK(s >= 0, Shape, "negative dimension ", s, " in shape ", sizes);
        // Both factors below 2^31 cannot overflow: the division runs only for huge shapes.
        if ((numel | s) >> 31)
            EMBER_CHECK(s == 0 || numel <= std::numeric_limits<int64_t>::max() / s, Shape, "shape ", sizes,
                        " has too many elements");
        numel *= s;
    }
    auto storage = Storage::allocate(static_cast<size_t>(numel) * itemsize(dtype), device);
    return Tensor(Ref<TensorImpl>::make(std::move(storage), dtype, sizes, numel));
}

Tensor empty_like(const Tensor &t, DType dtype) {
    return empty(t.sizes(), dtype == DType::Undefined ? t.dtype() : dtype, t.device());
}

Tensor make_view(const Tensor &t, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
    return Tensor(Ref<TensorImpl>::make(t.impl()->storage(), t.dtype(), sizes, strides, offset));
}

Tensor scalar_tensor(const Scalar &s, DType dtype, Device device, bool wrapped) {
    Tensor t = empty({}, dtype == DType::Undefined ? s.storage_dtype() : dtype, Device::cpu());
    visit_dtype(t.dtype(), "scalar_tensor", [&]<typename T>() { *t.data<T>() = s.to<T>(); });
    t.impl()->set_wrapped_number(wrapped);
    EMBER_CHECK(device.is_cpu(), Device, "scalar_tensor: only CPU tensors are supported by this build");
    return t;
}

}  // namespace ember
