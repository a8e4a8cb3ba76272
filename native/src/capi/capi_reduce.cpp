// Reductions, softmax and scans.
#include <optional>

#include "capi/enum_args.h"
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
        const auto o = capi::enum_arg(op, 0, EMBER_REDUCE_OP_COUNT - 1, "ember_reduce", "op");
        *out = reduce(o, Tensor::borrow(x, "x"), capi::ints(dims, ndims, "dims"), keepdim,
                      capi::dtype_arg(dtype, true, "ember_reduce"))
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
        *out = softmax(Tensor::borrow(x, "x"), dim, capi::dtype_arg(dtype, true, "ember_softmax")).release_to_c();
    });
}

EMBER_API ember_status ember_log_softmax(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out =
            log_softmax(Tensor::borrow(x, "x"), dim, capi::dtype_arg(dtype, true, "ember_log_softmax")).release_to_c();
    });
}

EMBER_API ember_status ember_cumsum(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cumsum(Tensor::borrow(x, "x"), dim, capi::dtype_arg(dtype, true, "ember_cumsum")).release_to_c();
    });
}

EMBER_API ember_status ember_cumprod(ember_tensor x, int64_t dim, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cumprod(Tensor::borrow(x, "x"), dim, capi::dtype_arg(dtype, true, "ember_cumprod")).release_to_c();
    });
}

}  // extern "C"
