// Handles and metadata.
#include <cstring>

#include "capi/guard.h"
#include "ops/elementwise.h"

using namespace ember;
using ember::capi::guard;

extern "C" {

EMBER_API ember_status ember_tensor_retain(ember_tensor t) {
    return guard([&] {
        EMBER_CHECK(t != nullptr, InvalidArgument, "tensor is NULL");
        reinterpret_cast<TensorImpl *>(t)->retain();
    });
}

EMBER_API void ember_tensor_release(ember_tensor t) {
    if (t) reinterpret_cast<TensorImpl *>(t)->release();
}

EMBER_API ember_status ember_tensor_get_info(ember_tensor t, ember_tensor_info *out) {
    return guard([&] {
        EMBER_CHECK(t != nullptr, InvalidArgument, "tensor is NULL");
        capi::require(out, "out");
        const TensorImpl *impl = reinterpret_cast<const TensorImpl *>(t);
        ember_tensor_info r{};
        r.dtype = static_cast<ember_dtype>(impl->dtype());
        r.device = impl->device().to_c();
        r.ndim = impl->dim();
        r.numel = impl->numel();
        r.element_size = static_cast<int64_t>(itemsize(impl->dtype()));
        r.storage_offset = impl->storage_offset();
        r.data = impl->data();
        r.is_contiguous = impl->is_contiguous();
        *out = r;
    });
}

EMBER_API ember_status ember_tensor_get_shape(ember_tensor t, int64_t *sizes, int64_t *strides, size_t capacity) {
    return guard([&] {
        EMBER_CHECK(t != nullptr, InvalidArgument, "tensor is NULL");
        const TensorImpl *impl = reinterpret_cast<const TensorImpl *>(t);
        size_t nd = static_cast<size_t>(impl->dim());
        EMBER_CHECK(capacity >= nd, InvalidArgument, "get_shape: capacity ", capacity, " is less than the rank ", nd);
        if (sizes) std::memcpy(sizes, impl->sizes().data(), nd * sizeof(int64_t));
        if (strides) std::memcpy(strides, impl->strides().data(), nd * sizeof(int64_t));
    });
}

EMBER_API ember_status ember_tensor_shares_storage(ember_tensor a, ember_tensor b, bool *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = Tensor::borrow(a, "a")->shares_storage(Tensor::borrow(b, "b"));
    });
}

EMBER_API ember_status ember_item(ember_tensor t, ember_scalar *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor x = Tensor::borrow(t);
        EMBER_CHECK(x.numel() == 1, InvalidArgument, "item: a Tensor with ", x.numel(),
                    " elements cannot be converted to Scalar");
        Tensor c = x.device().is_cpu() ? x : cast(x, x.dtype());
        EMBER_CHECK(c.device().is_cpu(), Internal, "item: could not bring the value to the CPU");
        Scalar s = visit_dtype(c.dtype(), "item", [&]<typename T>() -> Scalar {
            T v = *c.data<T>();
            if constexpr (std::is_same_v<T, bool>) return Scalar::from_bool(v);
            else if constexpr (std::is_integral_v<T>) return Scalar::from_int(v);
            else return Scalar::from_double(static_cast<double>(static_cast<opmath_t<T>>(v)));
        });
        *out = s.to_c();
    });
}

EMBER_API ember_status ember_copy_to_buffer(ember_tensor t, void *dst, size_t nbytes) {
    return guard([&] {
        Tensor x = Tensor::borrow(t);
        EMBER_CHECK(dst != nullptr || nbytes == 0, InvalidArgument, "copy_to_buffer: dst is NULL");
        EMBER_CHECK(nbytes == x.nbytes(), InvalidArgument, "copy_to_buffer: the buffer has ", nbytes,
                    " bytes but the tensor needs ", x.nbytes());
        if (nbytes == 0) return;
        DimVector sizes(x.sizes());
        Tensor view = Tensor(Ref<TensorImpl>::make(
            Ref<Storage>::make(dst, nbytes, Device::cpu(), nullptr, nullptr), x.dtype(), sizes.span(),
            contiguous_strides(sizes).span(), 0));
        copy_(view, x);
    });
}

}  // extern "C"
