// Joining, splitting and rearranging: cat, stack, split, chunk, repeat, tile, flip, roll, tril,
// triu. Splits return views; the others return new contiguous tensors. Most are built from
// views (ops/views.h) and copy_, so they inherit its dtype conversion, iteration and threads;
// flip and tril/triu have small kernels of their own. All are differentiable; their derivative
// formulas live next to them in shape_ops.cpp.
#pragma once
#include <span>
#include <vector>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

// Copies numel elements into the contiguous tensor out (same dtype) from the layout at src:
// sizes (at least one dim, innermost last) and element strides, which may be negative.
using StridedGatherKernel = void (*)(const Tensor &out, const void *src, IntArrayRef sizes, IntArrayRef strides);
DispatchTable<StridedGatherKernel> &strided_gather_dispatch();

// Zeroes, in the contiguous tensor t of at least 2 dims, the elements outside the lower
// (upper = false: kept where col - row <= k) or upper (kept where col - row >= k) triangle of
// every matrix formed by the last two dims.
using TriangleKernel = void (*)(const Tensor &t, int64_t k, bool upper);
DispatchTable<TriangleKernel> &triangle_dispatch();

// torch.cat: dtypes promote; 1-D empty tensors are skipped, as legacy PyTorch does.
Tensor cat(std::span<const Tensor> tensors, int64_t dim);
Tensor stack(std::span<const Tensor> tensors, int64_t dim);

// How split and chunk cut dim: count pieces of `size` elements, the last of `last` elements.
// Planning first lets the C ABI report the count without making the views.
struct SplitPlan {
    int64_t dim = 0;
    int64_t count = 0;
    int64_t size = 0;
    int64_t last = 0;
    bool with_sizes = false;  // recorded as split_with_sizes (torch.chunk of an empty dim is one)
};
SplitPlan plan_split(const Tensor &x, int64_t split_size, int64_t dim);
SplitPlan plan_chunk(const Tensor &x, int64_t chunks, int64_t dim);
std::vector<Tensor> split(const Tensor &x, const SplitPlan &plan);
std::vector<Tensor> split(const Tensor &x, int64_t split_size, int64_t dim);
std::vector<Tensor> chunk(const Tensor &x, int64_t chunks, int64_t dim);
std::vector<Tensor> split_with_sizes(const Tensor &x, IntArrayRef sizes, int64_t dim);

Tensor repeat(const Tensor &x, IntArrayRef repeats);
Tensor tile(const Tensor &x, IntArrayRef repeats);
Tensor flip(const Tensor &x, IntArrayRef dims);
// dims empty: rolls the flattened tensor by the one shift.
Tensor roll(const Tensor &x, IntArrayRef shifts, IntArrayRef dims);
Tensor tril(const Tensor &x, int64_t k);
Tensor triu(const Tensor &x, int64_t k);

}  // namespace ember
