// Factories.
#include "capi/guard.h"
#include "ops/creation.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;

extern "C" {

EMBER_API ember_status ember_empty(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                   ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        DType d = dtype_from_c(dtype, true);
        *out = empty(ints(sizes, ndim, "sizes"), d == DType::Undefined ? kDefaultFloat : d, Device::from_c(device))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_zeros(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                   ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = zeros(ints(sizes, ndim, "sizes"), dtype_from_c(dtype, true), Device::from_c(device)).release_to_c();
    });
}

EMBER_API ember_status ember_ones(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                  ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = ones(ints(sizes, ndim, "sizes"), dtype_from_c(dtype, true), Device::from_c(device)).release_to_c();
    });
}

EMBER_API ember_status ember_full(const int64_t *sizes, size_t ndim, ember_scalar value, ember_dtype dtype,
                                  ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = full(ints(sizes, ndim, "sizes"), Scalar::from_c(value), dtype_from_c(dtype, true), Device::from_c(device))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_empty_like(ember_tensor t, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = empty_like(Tensor::borrow(t), dtype_from_c(dtype, true)).release_to_c();
    });
}

EMBER_API ember_status ember_full_like(ember_tensor t, ember_scalar value, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor x = Tensor::borrow(t);
        DType d = dtype_from_c(dtype, true);
        *out = full(x.sizes(), Scalar::from_c(value), d == DType::Undefined ? x.dtype() : d, x.device()).release_to_c();
    });
}

EMBER_API ember_status ember_arange(ember_scalar start, ember_scalar end, ember_scalar step, ember_dtype dtype,
                                    ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = arange(Scalar::from_c(start), Scalar::from_c(end), Scalar::from_c(step), dtype_from_c(dtype, true),
                      Device::from_c(device))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_linspace(double start, double end, int64_t steps, ember_dtype dtype, ember_device device,
                                      ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = linspace(start, end, steps, dtype_from_c(dtype, true), Device::from_c(device)).release_to_c();
    });
}

EMBER_API ember_status ember_eye(int64_t n, int64_t m, ember_dtype dtype, ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = eye(n, m, dtype_from_c(dtype, true), Device::from_c(device)).release_to_c();
    });
}

EMBER_API ember_status ember_scalar_tensor(ember_scalar value, ember_dtype dtype, ember_device device,
                                           ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        DType d = dtype_from_c(dtype, true);
        *out = scalar_tensor(Scalar::from_c(value), d, Device::from_c(device), d == DType::Undefined).release_to_c();
    });
}

EMBER_API ember_status ember_from_data(const void *data, size_t nbytes, const int64_t *sizes, size_t ndim,
                                       ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = from_data(data, nbytes, ints(sizes, ndim, "sizes"), dtype_from_c(dtype, false)).release_to_c();
    });
}

EMBER_API ember_status ember_from_blob(void *data, const int64_t *sizes, const int64_t *strides, size_t ndim,
                                       ember_dtype dtype, ember_device device, ember_deleter_fn deleter,
                                       void *user_data, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = from_blob(data, ints(sizes, ndim, "sizes"), strides, dtype_from_c(dtype, false), Device::from_c(device),
                         deleter, user_data)
                   .release_to_c();
    });
}

}  // extern "C"
