// Convolutions: conv1d, conv2d, conv_transpose1d/2d, all through one differentiable op,
// `convolution` (PyTorch's at::convolution), whose backward is itself a recorded op,
// `convolution_backward`, so gradients of any order exist.
//
// Every pass of every convolution is one of the three passes of a plain 2-D convolution problem
// (ConvGeometry): forward y = x * w, backward-data gx = w^T * gy, backward-weights gw = gy * x.
// A transposed convolution's forward is the backward-data pass of the convolution it transposes,
// and so on; 1-D convolutions are 2-D ones of height 1. float32 and bfloat16 run on oneDNN
// (cpu/onednn_conv.h); float64, integers and the shapes oneDNN has no fast kernel for run on
// the built-in im2col + GEMM kernels (cpu/kernels/conv_kernels.cpp), which are also the reference
// the gradient checks run on; float16 computes in float32.
#pragma once
#include <array>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

// A 2-D convolution over contiguous NCHW tensors: x (n, c, h, w) with weights
// w (k, c / groups, kh, kw) gives y (n, k, oh, ow), where output position (i, j) of channel o
// in group g = o / (k / groups) sums x[c', i * stride[0] - pad[0] + a * dilation[0], ...] * w[o,
// c' - g * c / groups, a, b] over the group's input channels c' and the kernel taps (a, b);
// taps outside x read zeros. pad_end is the padding that makes the last window end exactly at
// the bottom/right edge: (oh - 1) * stride + (kh - 1) * dilation + 1 - h - pad (it may be
// negative: rows that no window reaches).
struct ConvGeometry {
    DType dtype = DType::Float32;
    int64_t n = 0, c = 0, h = 0, w = 0;
    int64_t k = 0, oh = 0, ow = 0;
    int64_t groups = 1;
    int64_t kh = 1, kw = 1;
    int64_t stride[2] = {1, 1}, dilation[2] = {1, 1}, pad[2] = {0, 0}, pad_end[2] = {0, 0};
};

// The built-in kernels (every dtype but bool). All pointers address contiguous tensors of the
// geometry's dtype; outputs are overwritten.
// y = conv(x, w) + bias (bias: k elements, or null).
using ConvForwardKernel = void (*)(const ConvGeometry &, const void *x, const void *w, const void *bias, void *y);
// gx = the gradient of <gy, conv(x, w)> with respect to x.
using ConvBackwardDataKernel = void (*)(const ConvGeometry &, const void *gy, const void *w, void *gx);
// gw = the gradient of <gy, conv(x, w)> with respect to w.
using ConvBackwardWeightsKernel = void (*)(const ConvGeometry &, const void *x, const void *gy, void *gw);
DispatchTable<ConvForwardKernel> &conv_forward_dispatch();
DispatchTable<ConvBackwardDataKernel> &conv_backward_data_dispatch();
DispatchTable<ConvBackwardWeightsKernel> &conv_backward_weights_dispatch();

// The attributes of a convolution with d = 1 or 2 spatial dims, each array holding d values.
// padding is per side: pad_begin (top, left) and pad_end (bottom, right); PyTorch's symmetric
// padding has both equal. For a transposed convolution they crop the output instead.
struct ConvParams {
    int64_t dims = 2;
    int64_t stride[2] = {1, 1}, pad_begin[2] = {0, 0}, pad_end[2] = {0, 0}, dilation[2] = {1, 1};
    int64_t output_padding[2] = {0, 0};
    bool transposed = false;
    int64_t groups = 1;
};

// Expands the C ABI's parameter arrays into params for a d-dimensional convolution (PyTorch's
// expand_param_if_needed): stride, dilation and output_padding hold 1 or d values; padding holds
// 1 or d values (symmetric) or 2d values (all begins, then all ends: top, left, bottom, right).
// An empty stride / dilation means 1 and an empty padding / output_padding means 0.
ConvParams make_conv_params(int64_t dims, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                            IntArrayRef output_padding, bool transposed, int64_t groups);

// at::convolution for batched inputs: input (N, C, [H,] W) with as many dims as weight; weight
// (K, C / groups, [kh,] kw), or (C, K / groups, [kh,] kw) when transposed; bias (K) or undefined.
// Records "ConvolutionBackward0".
Tensor convolution(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params);

// The gradients of convolution with respect to (input, weight, bias) for grad_output, each
// computed only where mask says so (undefined otherwise; the bias gradient needs has_bias).
// Records "ConvolutionBackwardBackward0", whose formula uses convolution and
// convolution_backward again.
std::array<Tensor, 3> convolution_backward(const Tensor &grad_output, const Tensor &input, const Tensor &weight,
                                           const ConvParams &params, std::array<bool, 3> mask);

// torch.nn.functional.conv1d / conv2d / conv_transpose1d / conv_transpose2d: like convolution,
// but an unbatched input (one dim fewer) is accepted and gives an unbatched result.
Tensor conv1d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params);
Tensor conv2d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params);
Tensor conv_transpose1d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params);
Tensor conv_transpose2d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params);

}  // namespace ember
