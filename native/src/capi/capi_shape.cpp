// Joining, splitting and rearranging.
#include <vector>

#include "capi/guard.h"
#include "ops/shape_ops.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;

namespace {

std::vector<Tensor> borrow_list(const ember_tensor *tensors, size_t count) {
    EMBER_CHECK(tensors != nullptr || count == 0, InvalidArgument, "tensors is NULL");
    std::vector<Tensor> list;
    list.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        EMBER_CHECK(tensors[i] != nullptr, InvalidArgument, "tensors[", i, "] is NULL");
        list.push_back(Tensor::borrow(tensors[i]));
    }
    return list;
}

// The capacity protocol of ember_split and ember_chunk: with outs NULL and capacity 0 only the
// count is reported; otherwise every piece is made before any handle is handed out, so a failure
// leaks nothing and leaves outs untouched.
void give_pieces(const Tensor &x, const SplitPlan &plan, ember_tensor *outs, size_t capacity, size_t *count,
                 const char *op) {
    capi::require(count, "count");
    if (outs == nullptr && capacity == 0) {
        *count = static_cast<size_t>(plan.count);
        return;
    }
    EMBER_CHECK(outs != nullptr, InvalidArgument, op, ": outs is NULL but capacity is ", capacity);
    EMBER_CHECK(static_cast<uint64_t>(plan.count) <= capacity, InvalidArgument, op, ": capacity ", capacity,
                " is less than the number of pieces ", plan.count);
    std::vector<Tensor> pieces = split(x, plan);
    for (size_t i = 0; i < pieces.size(); ++i) outs[i] = pieces[i].release_to_c();
    *count = pieces.size();
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_cat(const ember_tensor *tensors, size_t count, int64_t dim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cat(borrow_list(tensors, count), dim).release_to_c();
    });
}

EMBER_API ember_status ember_stack(const ember_tensor *tensors, size_t count, int64_t dim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = stack(borrow_list(tensors, count), dim).release_to_c();
    });
}

EMBER_API ember_status ember_split(ember_tensor x, int64_t split_size, int64_t dim, ember_tensor *outs,
                                   size_t capacity, size_t *count) {
    return guard([&] {
        Tensor t = Tensor::borrow(x, "x");
        give_pieces(t, plan_split(t, split_size, dim), outs, capacity, count, "split");
    });
}

EMBER_API ember_status ember_split_with_sizes(ember_tensor x, const int64_t *sizes, size_t nsizes, int64_t dim,
                                              ember_tensor *outs) {
    return guard([&] {
        EMBER_CHECK(outs != nullptr || nsizes == 0, InvalidArgument, "outs is NULL");
        std::vector<Tensor> pieces = split_with_sizes(Tensor::borrow(x, "x"), ints(sizes, nsizes, "sizes"), dim);
        for (size_t i = 0; i < pieces.size(); ++i) outs[i] = pieces[i].release_to_c();
    });
}

EMBER_API ember_status ember_chunk(ember_tensor x, int64_t chunks, int64_t dim, ember_tensor *outs, size_t capacity,
                                   size_t *count) {
    return guard([&] {
        Tensor t = Tensor::borrow(x, "x");
        give_pieces(t, plan_chunk(t, chunks, dim), outs, capacity, count, "chunk");
    });
}

EMBER_API ember_status ember_repeat(ember_tensor x, const int64_t *repeats, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = repeat(Tensor::borrow(x, "x"), ints(repeats, ndim, "repeats")).release_to_c();
    });
}

EMBER_API ember_status ember_tile(ember_tensor x, const int64_t *repeats, size_t ndim, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = tile(Tensor::borrow(x, "x"), ints(repeats, ndim, "repeats")).release_to_c();
    });
}

EMBER_API ember_status ember_flip(ember_tensor x, const int64_t *dims, size_t ndims, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = flip(Tensor::borrow(x, "x"), ints(dims, ndims, "dims")).release_to_c();
    });
}

EMBER_API ember_status ember_roll(ember_tensor x, const int64_t *shifts, size_t nshifts, const int64_t *dims,
                                  size_t ndims, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = roll(Tensor::borrow(x, "x"), ints(shifts, nshifts, "shifts"), ints(dims, ndims, "dims")).release_to_c();
    });
}

EMBER_API ember_status ember_tril(ember_tensor x, int64_t k, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = tril(Tensor::borrow(x, "x"), k).release_to_c();
    });
}

EMBER_API ember_status ember_triu(ember_tensor x, int64_t k, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = triu(Tensor::borrow(x, "x"), k).release_to_c();
    });
}

}  // extern "C"
