// oneDNN's convolution primitives behind Ember's convolution problem (ops/conv.h). A generic
// translation unit (not compiled per ISA): oneDNN picks its own kernels for the CPU at run time.
#pragma once
#include "ops/conv.h"

namespace ember::cpu {

// Whether convolutions of dtype go to oneDNN: float32 and bfloat16, unless the environment
// variable EMBER_ONEDNN_CONV is "0" (read on every call, so tests can compare oneDNN with the
// built-in kernels within one process).
bool onednn_conv_enabled(DType dtype);

// Each runs one pass of g (no empty dims) on contiguous NCHW tensors and returns true, or returns
// false having done nothing when oneDNN has no fast kernel for it (only its reference
// implementation, or a geometry it cannot express): the caller then uses the built-in kernels.
// Primitives (and the reorders between Ember's plain layout and the blocked layouts oneDNN
// prefers) are cached per geometry, dtype and thread count.
bool onednn_conv_forward(const ConvGeometry &g, const void *x, const void *w, const void *bias, void *y);
bool onednn_conv_backward_data(const ConvGeometry &g, const void *gy, const void *w, void *gx);
bool onednn_conv_backward_weights(const ConvGeometry &g, const void *x, const void *gy, void *gw);

}  // namespace ember::cpu
