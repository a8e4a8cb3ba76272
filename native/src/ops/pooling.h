// Pooling: max_pool1d/2d (with indices), avg_pool1d/2d, adaptive_avg_pool2d,
// adaptive_max_pool2d, their backward ops and their derivatives (PyTorch's node names:
// "MaxPool2DWithIndicesBackward0", "AvgPool2DBackward0", "AdaptiveAvgPool2DBackward0",
// "AdaptiveMaxPool2DBackward0"; the backward ops are recorded themselves, so second derivatives
// exist: the gradient of a max-pool backward is a gather by the saved indices, that of an
// average-pool backward is the average pool).
//
// Every op sees its input as contiguous planes (all leading dims flattened) of ih x iw pixels;
// 1-d pooling is 2-d pooling of height 1 (through recorded unsqueeze/squeeze, as PyTorch does).
// Indices address the flattened ih * iw pixels of a plane, as in PyTorch. The kernels (direct
// loops, threads over planes) are in cpu/kernels/pool_kernels.cpp: pooling is memory-bound, and
// PyTorch's index format (which the max-pool backward and users rely on) is not what oneDNN's
// pooling workspace holds.
#pragma once
#include <optional>
#include <utility>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

// The window attributes of a 2-d pooling (dim 0: height, 1: width).
struct Pool2dParams {
    int64_t kernel[2] = {1, 1}, stride[2] = {1, 1}, pad[2] = {0, 0}, dilation[2] = {1, 1};
    bool ceil_mode = false;
    // Average pooling only.
    bool count_include_pad = true;
    int64_t divisor = 0;  // divisor_override; 0: none
};

enum class PoolOp : int {
    MaxForward,           // out = window maxima, indices (may be null) = their positions
    MaxBackward,          // out (input-shaped) = sum of in (output-shaped) scattered at indices
    AvgForward,
    AvgBackward,          // out (input-shaped) = the adjoint of AvgForward applied to in
    AdaptiveAvgForward,
    AdaptiveAvgBackward,
    AdaptiveMaxForward,   // backward: MaxBackward
    Count
};

// One pooling pass over contiguous planes. Forward passes read in (planes x ih x iw) and write
// out (planes x oh x ow); backward passes read in (planes x oh x ow) and overwrite out
// (planes x ih x iw). Adaptive passes ignore params.
struct PoolProblem {
    DType dtype = DType::Float32;
    int64_t planes = 0, ih = 0, iw = 0, oh = 0, ow = 0;
    Pool2dParams params;
    const void *in = nullptr;
    void *out = nullptr;
    int64_t *indices = nullptr;              // MaxForward / AdaptiveMaxForward (may be null)
    const int64_t *saved_indices = nullptr;  // MaxBackward
};
using PoolKernel = void (*)(const PoolProblem &);
DispatchTable<PoolKernel, static_cast<int>(PoolOp::Count)> &pool_dispatch();

// Parameter lists as PyTorch's functional API takes them (1 or 2 values each; an empty stride
// means the kernel size); they are checked with PyTorch's messages naming op.
Pool2dParams make_pool2d_params(const char *op, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding,
                                IntArrayRef dilation, bool ceil_mode);

// Input (C, H, W) or (N, C, H, W). Returns (values, int64 indices); indices are computed only
// when want_indices or autograd needs them (undefined otherwise).
std::pair<Tensor, Tensor> max_pool2d(const Tensor &input, const Pool2dParams &params, bool want_indices);
Tensor max_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Tensor &indices,
                           const Pool2dParams &params);
Tensor avg_pool2d(const Tensor &input, const Pool2dParams &params);
Tensor avg_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Pool2dParams &params);
// output_size holds 1 or 2 values (one value: a square output).
Tensor adaptive_avg_pool2d(const Tensor &input, IntArrayRef output_size);
Tensor adaptive_avg_pool2d_backward(const Tensor &grad_output, const Tensor &input);
std::pair<Tensor, Tensor> adaptive_max_pool2d(const Tensor &input, IntArrayRef output_size);
Tensor adaptive_max_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Tensor &indices);

// Input (C, L) or (N, C, L); params as 1-d lists of one value each.
std::pair<Tensor, Tensor> max_pool1d(const Tensor &input, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding,
                                     IntArrayRef dilation, bool ceil_mode, bool want_indices);
Tensor avg_pool1d(const Tensor &input, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad);

}  // namespace ember
