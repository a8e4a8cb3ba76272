// Indexing and sorting.
#include <vector>

#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/indexing.h"
#include "ops/sort.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::optional;

namespace {

// The entries of an index list: NULL handles stand for full slices.
std::vector<Tensor> index_list(const ember_tensor *indices, size_t count) {
    EMBER_CHECK(indices != nullptr || count == 0, InvalidArgument, "indices is NULL");
    std::vector<Tensor> list;
    list.reserve(count);
    for (size_t i = 0; i < count; ++i) list.push_back(optional(indices[i]));
    return list;
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_index_select(ember_tensor x, int64_t dim, ember_tensor index, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = index_select(Tensor::borrow(x, "x"), dim, Tensor::borrow(index, "index")).release_to_c();
    });
}

EMBER_API ember_status ember_gather(ember_tensor x, int64_t dim, ember_tensor index, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = gather(Tensor::borrow(x, "x"), dim, Tensor::borrow(index, "index")).release_to_c();
    });
}

EMBER_API ember_status ember_scatter(ember_tensor x, int64_t dim, ember_tensor index, ember_tensor src,
                                     ember_scatter_reduce reduce, ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        const auto r = capi::enum_arg(reduce, EMBER_SCATTER_ASSIGN, EMBER_SCATTER_MULTIPLY, "ember_scatter", "reduce");
        capi::give(scatter(Tensor::borrow(x, "x"), dim, Tensor::borrow(index, "index"), Tensor::borrow(src, "src"), r,
                           optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_index(ember_tensor x, const ember_tensor *indices, size_t count, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor t = Tensor::borrow(x, "x");
        *out = index(t, index_list(indices, count)).release_to_c();
    });
}

EMBER_API ember_status ember_index_put(ember_tensor x, const ember_tensor *indices, size_t count, ember_tensor values,
                                       bool accumulate, ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        Tensor t = Tensor::borrow(x, "x");
        capi::give(index_put(t, index_list(indices, count), Tensor::borrow(values, "values"), accumulate, optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_masked_select(ember_tensor x, ember_tensor mask, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = masked_select(Tensor::borrow(x, "x"), Tensor::borrow(mask, "mask")).release_to_c();
    });
}

EMBER_API ember_status ember_nonzero(ember_tensor x, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = nonzero(Tensor::borrow(x, "x")).release_to_c();
    });
}

EMBER_API ember_status ember_take(ember_tensor x, ember_tensor index, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = take(Tensor::borrow(x, "x"), Tensor::borrow(index, "index")).release_to_c();
    });
}

EMBER_API ember_status ember_sort(ember_tensor x, int64_t dim, bool descending, bool stable, ember_tensor *values,
                                  ember_tensor *indices) {
    return guard([&] {
        capi::require(values, "values");
        capi::require(indices, "indices");
        auto [v, i] = sort(Tensor::borrow(x, "x"), dim, descending, stable);
        *values = v.release_to_c();
        *indices = i.release_to_c();
    });
}

EMBER_API ember_status ember_argsort(ember_tensor x, int64_t dim, bool descending, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = argsort(Tensor::borrow(x, "x"), dim, descending).release_to_c();
    });
}

EMBER_API ember_status ember_topk(ember_tensor x, int64_t k, int64_t dim, bool largest, bool sorted,
                                  ember_tensor *values, ember_tensor *indices) {
    return guard([&] {
        capi::require(values, "values");
        capi::require(indices, "indices");
        auto [v, i] = topk(Tensor::borrow(x, "x"), k, dim, largest, sorted);
        *values = v.release_to_c();
        *indices = i.release_to_c();
    });
}

}  // extern "C"
