// Sorting ops: sort, argsort, topk. NaN orders as the largest value, as in PyTorch; every dtype
// is accepted (16-bit floats compare as float, bool as false < true).
// sort and topk values are differentiable (the gradient is scattered back by the indices);
// indices and argsort are not.
#pragma once
#include <utility>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

// Sorts, in place along dim, the contiguous tensor values (holding the input) and writes each
// element's original position into the contiguous int64 tensor indices of the same shape.
// stable keeps equal elements in their original order; otherwise ties fall as std::sort leaves
// them, which is what PyTorch's CPU sort does.
using SortKernel = void (*)(const Tensor &values, const Tensor &indices, int64_t dim, bool descending, bool stable);
// The k largest (or smallest) elements along dim of the contiguous x, written to the contiguous
// values / indices (x's shape with k at dim). 1 <= k <= the size of dim.
using TopkKernel = void (*)(const Tensor &x, int64_t dim, int64_t k, bool largest, bool sorted, const Tensor &values,
                            const Tensor &indices);

DispatchTable<SortKernel> &sort_dispatch();
DispatchTable<TopkKernel> &topk_dispatch();

// (values, indices); dims wrap as in PyTorch, a 0-dim tensor sorts as one element.
std::pair<Tensor, Tensor> sort(const Tensor &x, int64_t dim, bool descending, bool stable);
// The indices of a stable sort.
Tensor argsort(const Tensor &x, int64_t dim, bool descending);
std::pair<Tensor, Tensor> topk(const Tensor &x, int64_t k, int64_t dim, bool largest, bool sorted);

}  // namespace ember
