// Views: results that share storage with their input (view, permute, slice, expand...), plus
// reshape and flatten, which return a view when the strides allow one and a contiguous copy
// otherwise. Dims follow PyTorch: negative values count from the end (core/shape.h wrap_dim).
#pragma once
#include <optional>

#include "core/shape.h"
#include "core/tensor.h"

namespace ember {

namespace autograd {
struct BackwardContext;
}

// shape with its one -1 resolved so that it holds numel elements (PyTorch's infer_size, errors
// included).
DimVector infer_size(IntArrayRef shape, int64_t numel);
// The strides that let a tensor of (sizes, strides) be viewed with new_sizes (same numel), or
// nothing when some new dim would span two non-mergeable old dims (PyTorch's computeStride).
std::optional<DimVector> view_strides(IntArrayRef sizes, IntArrayRef strides, IntArrayRef new_sizes);

Tensor view(const Tensor &x, IntArrayRef sizes);
Tensor reshape(const Tensor &x, IntArrayRef sizes);
Tensor permute(const Tensor &x, IntArrayRef dims);
Tensor transpose(const Tensor &x, int64_t dim0, int64_t dim1);
// x[..., start:end:step, ...] along dim with Python's wrapping and clamping; step >= 1.
Tensor slice(const Tensor &x, int64_t dim, int64_t start, int64_t end, int64_t step = 1);
Tensor narrow(const Tensor &x, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor &x, int64_t dim, int64_t index);
Tensor expand(const Tensor &x, IntArrayRef sizes);
// Removes every size-1 dim.
Tensor squeeze(const Tensor &x);
// Removes those of dims that have size 1; the others stay.
Tensor squeeze(const Tensor &x, IntArrayRef dims);
Tensor unsqueeze(const Tensor &x, int64_t dim);
Tensor flatten(const Tensor &x, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor unflatten(const Tensor &x, int64_t dim, IntArrayRef sizes);
// storage_offset is absolute (in elements of x's dtype), as in PyTorch; the view must lie
// inside x's storage.
Tensor as_strided(const Tensor &x, IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset);

// Gradients of slice/narrow and select: zeros of the input's shape holding g in the viewed part.
// Recorded ops themselves (their gradients are slice and select), for higher derivatives.
// start/end are already normalised (0 <= start <= end <= size).
Tensor slice_backward(const Tensor &g, IntArrayRef input_sizes, int64_t dim, int64_t start, int64_t end, int64_t step);
Tensor select_backward(const Tensor &g, IntArrayRef input_sizes, int64_t dim, int64_t index);
// Gradient of an as_strided view (sizes, strides, offset) of an input with geometry in_*:
// the input-shaped sum of g over every view position that aliases each input element.
Tensor as_strided_backward(const Tensor &g, IntArrayRef in_sizes, IntArrayRef in_strides, int64_t in_offset,
                           IntArrayRef sizes, IntArrayRef strides, int64_t offset);
// The formula of "AsStridedBackward0" nodes: geometry in node.shapes {in sizes, in strides,
// sizes, strides} and node.ints {in offset, offset}.
void as_strided_view_backward(autograd::BackwardContext &ctx);

}  // namespace ember
