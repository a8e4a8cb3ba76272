// Factories.
#include "capi/enum_args.h"
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
        DType d = capi::dtype_arg(dtype, true, "ember_empty");
        *out = empty(ints(sizes, ndim, "sizes"), d == DType::Undefined ? kDefaultFloat : d,
                     capi::device_arg(device, "ember_empty"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_zeros(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                   ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = zeros(ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_zeros"),
                     capi::device_arg(device, "ember_zeros"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_ones(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                  ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = ones(ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_ones"),
                    capi::device_arg(device, "ember_ones"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_full(const int64_t *sizes, size_t ndim, ember_scalar value, ember_dtype dtype,
                                  ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = full(ints(sizes, ndim, "sizes"), capi::scalar_arg(value, "ember_full", "value"),
                    capi::dtype_arg(dtype, true, "ember_full"), capi::device_arg(device, "ember_full"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_empty_like(ember_tensor t, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = empty_like(Tensor::borrow(t), capi::dtype_arg(dtype, true, "ember_empty_like")).release_to_c();
    });
}

EMBER_API ember_status ember_full_like(ember_tensor t, ember_scalar value, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor x = Tensor::borrow(t);
        DType d = capi::dtype_arg(dtype, true, "ember_full_like");
        *out = full(x.sizes(), capi::scalar_arg(value, "ember_full_like", "value"),
                    d == DType::Undefined ? x.dtype() : d, x.device())
                   .release_to_c();
    });
}

EMBER_API ember_status ember_arange(ember_scalar start, ember_scalar end, ember_scalar step, ember_dtype dtype,
                                    ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = arange(capi::scalar_arg(start, "ember_arange", "start"), capi::scalar_arg(end, "ember_arange", "end"),
                      capi::scalar_arg(step, "ember_arange", "step"), capi::dtype_arg(dtype, true, "ember_arange"),
                      capi::device_arg(device, "ember_arange"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_linspace(double start, double end, int64_t steps, ember_dtype dtype, ember_device device,
                                      ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = linspace(start, end, steps, capi::dtype_arg(dtype, true, "ember_linspace"),
                        capi::device_arg(device, "ember_linspace"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_eye(int64_t n, int64_t m, ember_dtype dtype, ember_device device, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out =
            eye(n, m, capi::dtype_arg(dtype, true, "ember_eye"), capi::device_arg(device, "ember_eye")).release_to_c();
    });
}

EMBER_API ember_status ember_scalar_tensor(ember_scalar value, ember_dtype dtype, ember_device device,
                                           ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        DType d = capi::dtype_arg(dtype, true, "ember_scalar_tensor");
        *out = scalar_tensor(capi::scalar_arg(value, "ember_scalar_tensor", "value"), d,
                             capi::device_arg(device, "ember_scalar_tensor"), d == DType::Undefined)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_from_data(const void *data, size_t nbytes, const int64_t *sizes, size_t ndim,
                                       ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = from_data(data, nbytes, ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, false, "ember_from_data"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_from_blob(void *data, const int64_t *sizes, const int64_t *strides, size_t ndim,
                                       ember_dtype dtype, ember_device device, ember_deleter_fn deleter,
                                       void *user_data, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = from_blob(data, ints(sizes, ndim, "sizes"), strides, capi::dtype_arg(dtype, false, "ember_from_blob"),
                         capi::device_arg(device, "ember_from_blob"), deleter, user_data)
                   .release_to_c();
    });
}

}  // extern "C"
