// Reductions, softmax and scans.
#include <optional>

#include "capi/guard.h"
#include "ops/reduce.h"
#include "ops/scan.h"
#include "ops/softmax.h"

using namespace ember;
using ember::capi::guard;

extern "C" {

EMBER_API ember_status ember_reduce(ember_reduce_op op, ember_tensor x, const int64_t *dims, size_t ndims,
                                    bool keepdim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = reduce(op, Tensor::borrow(x, "x"), capi::ints(dims, ndims, "dims"), keepdim, dtype_from_c(dtype, true))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_max_dim(ember_tensor x, int64_t dim, bool keepdim, ember_tensor *values,
                                     ember_tensor *indices) {
    return guard([&] {
        capi::require(values, "values");
        capi::require(indices, "indices");
        auto [v, i] = max_dim(Tensor::borrow(x, "x"), dim, keepdim);
        *values = v.release_to_c();
        *indices = i.release_to_c();
    });
}

EMBER_API ember_status ember_min_dim(ember_tensor x, int64_t dim, bool keepdim, ember_tensor *values,
                                     ember_tensor *indices) {
    return guard([&] {
        capi::require(values, "values");
        capi::require(indices, "indices");
        auto [v, i] = min_dim(Tensor::borrow(x, "x"), dim, keepdim);
        *values = v.release_to_c();
        *indices = i.release_to_c();
    });
}

EMBER_API ember_status ember_argmax(ember_tensor x, const int64_t *dim, bool keepdim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = argmax(Tensor::borrow(x, "x"), dim ? std::optional<int64_t>(*dim) : std::nullopt, keepdim).release_to_c();
    });
}

EMBER_API ember_status ember_argmin(ember_tensor x, const int64_t *dim, bool keepdim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = argmin(Tensor::borrow(x, "x"), dim ? std::optional<int64_t>(*dim) : std::nullopt, keepdim).release_to_c();
    });
}

EMBER_API ember_status ember_var(ember_tensor x, const int64_t *dims, size_t ndims, double correction, bool keepdim,
                                 ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = var(Tensor::borrow(x, "x"), capi::ints(dims, ndims, "dims"), correction, keepdim).release_to_c();
    });
}

EMBER_API ember_status ember_std(ember_tensor x, const int64_t *dims, size_t ndims, double correction, bool keepdim,
                                 ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = stddev(Tensor::borrow(x, "x"), capi::ints(dims, ndims, "dims"), correction, keepdim).release_to_c();
    });
}

EMBER_API ember_status ember_norm(ember_tensor x, double p, const int64_t *dims, size_t ndims, bool keepdim,
                                  ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = norm(Tensor::borrow(x, "x"), p, capi::ints(dims, ndims, "dims"), keepdim).release_to_c();
    });
}

EMBER_API ember_status ember_softmax(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = softmax(Tensor::borrow(x, "x"), dim, dtype_from_c(dtype, true)).release_to_c();
    });
}

EMBER_API ember_status ember_log_softmax(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = log_softmax(Tensor::borrow(x, "x"), dim, dtype_from_c(dtype, true)).release_to_c();
    });
}

EMBER_API ember_status ember_cumsum(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cumsum(Tensor::borrow(x, "x"), dim, dtype_from_c(dtype, true)).release_to_c();
    });
}

EMBER_API ember_status ember_cumprod(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cumprod(Tensor::borrow(x, "x"), dim, dtype_from_c(dtype, true)).release_to_c();
    });
}

}  // extern "C"
