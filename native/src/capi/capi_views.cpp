// Views: the result shares storage with its input (reshape and flatten copy when they must).
#include "capi/guard.h"
#include "ops/views.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;

extern "C" {

EMBER_API ember_status ember_view(ember_tensor x, const int64_t *sizes, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = view(Tensor::borrow(x, "x"), ints(sizes, ndim, "sizes")).release_to_c();
    });
}

EMBER_API ember_status ember_reshape(ember_tensor x, const int64_t *sizes, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = reshape(Tensor::borrow(x, "x"), ints(sizes, ndim, "sizes")).release_to_c();
    });
}

EMBER_API ember_status ember_permute(ember_tensor x, const int64_t *dims, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = permute(Tensor::borrow(x, "x"), ints(dims, ndim, "dims")).release_to_c();
    });
}

EMBER_API ember_status ember_transpose(ember_tensor x, int64_t dim0, int64_t dim1, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = transpose(Tensor::borrow(x, "x"), dim0, dim1).release_to_c();
    });
}

EMBER_API ember_status ember_slice(ember_tensor x, int64_t dim, int64_t start, int64_t end, int64_t step,
                                   ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = slice(Tensor::borrow(x, "x"), dim, start, end, step).release_to_c();
    });
}

EMBER_API ember_status ember_narrow(ember_tensor x, int64_t dim, int64_t start, int64_t length, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = narrow(Tensor::borrow(x, "x"), dim, start, length).release_to_c();
    });
}

EMBER_API ember_status ember_select(ember_tensor x, int64_t dim, int64_t index, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = select(Tensor::borrow(x, "x"), dim, index).release_to_c();
    });
}

EMBER_API ember_status ember_expand(ember_tensor x, const int64_t *sizes, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = expand(Tensor::borrow(x, "x"), ints(sizes, ndim, "sizes")).release_to_c();
    });
}

EMBER_API ember_status ember_squeeze(ember_tensor x, const int64_t *dims, size_t ndims, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor t = Tensor::borrow(x, "x");
        *out = (ndims == 0 ? squeeze(t) : squeeze(t, ints(dims, ndims, "dims"))).release_to_c();
    });
}

EMBER_API ember_status ember_unsqueeze(ember_tensor x, int64_t dim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = unsqueeze(Tensor::borrow(x, "x"), dim).release_to_c();
    });
}

EMBER_API ember_status ember_flatten(ember_tensor x, int64_t start_dim, int64_t end_dim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = flatten(Tensor::borrow(x, "x"), start_dim, end_dim).release_to_c();
    });
}

EMBER_API ember_status ember_unflatten(ember_tensor x, int64_t dim, const int64_t *sizes, size_t ndim,
                                       ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = unflatten(Tensor::borrow(x, "x"), dim, ints(sizes, ndim, "sizes")).release_to_c();
    });
}

EMBER_API ember_status ember_as_strided(ember_tensor x, const int64_t *sizes, const int64_t *strides, size_t ndim,
                                        int64_t storage_offset, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = as_strided(Tensor::borrow(x, "x"), ints(sizes, ndim, "sizes"), ints(strides, ndim, "strides"),
                          storage_offset)
                   .release_to_c();
    });
}

}  // extern "C"
