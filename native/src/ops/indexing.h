// Indexing ops: index_select, gather, scatter, advanced indexing (index, index_put), masked_select,
// nonzero, take. The ops here do PyTorch's shape, dtype and aliasing rules; kernels only move data.
//
// Advanced indexing, index_select, take and masked_select share one plan (IndexPlan): the tensor
// indexed is seen as [outer dims..., indexed dims..., inner dims...], where the indexed dims are
// addressed through index tensors broadcast to a common shape B. Their element offsets are
// computed once (one int64 per position of B, validated), and the result (or the values written)
// is a contiguous [outer..., B..., inner...] block.
//
// All but nonzero are differentiable (derivatives in indexing.cpp): selections send gradients back
// with index_put / scatter_add, writes send them on with index / gather, so any order works.
// scatter with reduce=multiply records a node whose backward fails, as PyTorch's does.
#pragma once
#include <span>
#include <vector>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

struct IndexPlan {
    Tensor self;                           // the tensor read (index) or written (index_put)
    DimVector outer_sizes, outer_strides;  // dims of self before the indexed block (element strides)
    DimVector inner_sizes, inner_strides;  // dims of self after it
    std::vector<Tensor> indices;           // contiguous int64 or int32, index_numel elements each
    DimVector dims, dim_sizes, dim_strides;  // per index tensor: the dim of self it addresses
    int64_t index_numel = 1;               // elements of B
    bool wrap_negative = true;             // negative indices count from the end
};

// The first bad index found, in row-major order of B and then in the order of the index tensors.
struct IndexFault {
    int64_t position = -1;  // -1: every index is in range
    int which = 0;          // which index tensor (IndexPlan) or 0
    int64_t value = 0;      // the index as given
    bool ok() const { return position < 0; }
};

// Fills offsets (int64, index_numel elements) with the element offset into self of each position
// of B; returns the first out-of-range index instead when there is one.
using IndexOffsetsKernel = IndexFault (*)(const IndexPlan &, const Tensor &offsets);
// out (contiguous [outer, B, inner], self's dtype) = self at the offsets.
using IndexGatherKernel = void (*)(const IndexPlan &, const Tensor &offsets, const Tensor &out);
// self at the offsets = (or += with accumulate) values (contiguous [outer, B, inner], self's dtype).
// Repeated offsets are applied in B's order: the last write wins, sums are deterministic.
using IndexPutKernel = void (*)(const IndexPlan &, const Tensor &offsets, const Tensor &values, bool accumulate);
// The first element of index (contiguous int64 or int32) outside [0, size) (or [-size, size)
// with allow_negative).
using IndexRangeKernel = IndexFault (*)(const Tensor &index, int64_t size, bool allow_negative);
// out = self gathered along dim (torch.gather); index is int64 and all three have the same rank
// (0-dim tensors come as 1-element 1-D views). Returns false when an index is out of range (out
// then holds garbage).
using GatherKernel = bool (*)(const Tensor &out, const Tensor &self, int64_t dim, const Tensor &index);
// self (in place) scattered from src along dim at index, validated; same rank rules as gather.
using ScatterKernel = void (*)(const Tensor &self, int64_t dim, const Tensor &index, const Tensor &src,
                               ember_scatter_reduce reduce);
// The [count, ndim] int64 coordinates of the nonzero elements of x (contiguous).
using NonzeroKernel = Tensor (*)(const Tensor &x);

DispatchTable<IndexOffsetsKernel> &index_offsets_dispatch();
DispatchTable<IndexGatherKernel> &index_gather_dispatch();
DispatchTable<IndexPutKernel> &index_put_dispatch();
DispatchTable<IndexRangeKernel> &index_range_dispatch();
DispatchTable<GatherKernel> &gather_dispatch();
DispatchTable<ScatterKernel> &scatter_dispatch();
DispatchTable<NonzeroKernel> &nonzero_dispatch();

Tensor index_select(const Tensor &x, int64_t dim, const Tensor &index);
Tensor gather(const Tensor &x, int64_t dim, const Tensor &index);
// out may be undefined (a copy of x is written), x itself (in place) or another tensor of x's
// shape and dtype.
Tensor scatter(const Tensor &x, int64_t dim, const Tensor &index, const Tensor &src, ember_scatter_reduce reduce,
               const Tensor &out = {});
// x[indices...]: each entry an int64/int32 tensor, a bool (or uint8) mask, or undefined (a full slice).
Tensor index(const Tensor &x, std::span<const Tensor> indices);
Tensor index_put(const Tensor &x, std::span<const Tensor> indices, const Tensor &values, bool accumulate,
                 const Tensor &out = {});
Tensor masked_select(const Tensor &x, const Tensor &mask);
Tensor nonzero(const Tensor &x);
Tensor take(const Tensor &x, const Tensor &index);

}  // namespace ember
