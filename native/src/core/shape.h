// Dimension helpers shared by every op that takes a dim argument.
#pragma once
#include <cstdint>

#include "core/error.h"
#include "core/small_vector.h"

namespace ember {

// Row-major strides for sizes into strides[0, sizes.size()) (size-0 and size-1 dims count as 1).
inline void write_contiguous_strides(IntArrayRef sizes, int64_t *strides) {
    int64_t s = 1;
    for (size_t i = sizes.size(); i-- > 0;) {
        strides[i] = s;
        s *= sizes[i] > 1 ? sizes[i] : 1;
    }
}

// Wraps a possibly negative dim into [0, ndim), as PyTorch does; a 0-dim tensor accepts 0 and -1.
inline int64_t wrap_dim(int64_t dim, int64_t ndim) {
    int64_t n = ndim == 0 ? 1 : ndim;
    EMBER_CHECK(dim >= -n && dim < n, Index, "Dimension out of range (expected to be in range of [", -n, ", ", n - 1,
                "], but got ", dim, ")");
    return dim < 0 ? dim + n : dim;
}

// A bit set of the (wrapped) dims in a list; repeated dims are an error, as in PyTorch.
inline uint64_t dim_mask(IntArrayRef dims, int64_t ndim, const char *op) {
    EMBER_CHECK(ndim <= 64, InvalidArgument, op, ": tensors with more than 64 dims are not supported");
    uint64_t mask = 0;
    for (int64_t d : dims) {
        int64_t w = wrap_dim(d, ndim);
        EMBER_CHECK(!(mask & (uint64_t(1) << w)), InvalidArgument, op, ": dim ", w, " appears multiple times in the list of dims");
        mask |= uint64_t(1) << w;
    }
    return mask;
}

}  // namespace ember
