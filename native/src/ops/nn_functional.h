// torch.nn.functional ops that modules are built from: normalisation (batch/layer/group/RMS norm),
// dropout, embedding, losses, scaled dot-product attention and linear. See docs/nn-functional.md.
//
// layer_norm, rms_norm and batch_norm (training) are single recorded ops: a fused CPU kernel
// computes the statistics and the normalised output in one sweep per row or channel, and the
// backward formula is written with Ember's recording ops (second order: under create_graph the
// formula recomputes the statistics from the input with recording ops, so their dependence on x
// is differentiated too). Everything else is composed of existing recording ops, which makes it
// differentiable to any order.
#pragma once
#include <optional>

#include "core/dispatch.h"
#include "core/generator.h"
#include "core/tensor.h"

namespace ember {

// Rows of a contiguous (rows, n) float32/float64 matrix x, each normalised by its own mean
// (unless rms) and 1 / sqrt(var + eps) (biased var; rms: mean of squares), then y = xhat * w + b
// (w, b: n elements of x's dtype, or null). mean (null when rms) and rstd: rows elements.
using RowNormKernel = void (*)(const Tensor &x, const Tensor &w, const Tensor &b, const Tensor &y, const Tensor &mean,
                               const Tensor &rstd, double eps, bool rms);
// Per-channel mean and biased variance of a contiguous (n, c, s) float32/float64 tensor into
// mean and var (c elements each, x's dtype).
using ChannelStatsKernel = void (*)(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &mean,
                                    const Tensor &var);
// y[i, j, k] = x[i, j, k] * scale[j] + shift[j] over contiguous (n, c, s) tensors.
using ChannelAffineKernel = void (*)(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &scale,
                                     const Tensor &shift, const Tensor &y);
// The first-order backward of RowNormKernel (the formula's fast path when no graph is recorded):
// contiguous x, g, gx (rows, n); w (n) or null; mean (null for rms) and rstd (rows) as the
// forward saved them. gx, gw (= sum over rows of g * xhat) and gb (= sum over rows of g) are
// computed where defined. Column sums run over fixed blocks of rows, summed in block order, so
// they do not depend on the thread count.
using RowNormBackwardKernel = void (*)(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean,
                                       const Tensor &rstd, const Tensor &gx, const Tensor &gw, const Tensor &gb,
                                       bool rms);
// The first-order backward of batch norm over contiguous (n, c, s) x and g, with the batch's
// mean and rstd (c): gx (n, c, s), gw and gb (c), each where defined; w (c) or null.
using ChannelNormBackwardKernel = void (*)(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean,
                                           const Tensor &rstd, int64_t n, int64_t c, int64_t s, const Tensor &gx,
                                           const Tensor &gw, const Tensor &gb);
// The fused cross-entropy backward: gx[i, j] = scale[i] * (exp(logp[i, j]) - (j == target[i]))
// over contiguous (n, c) float32/float64 logp and gx; target (n, int64) is read only where
// scale[i] != 0 (ignored rows have scale 0 and get zeros).
using CrossEntropyBackwardKernel = void (*)(const Tensor &logp, const Tensor &target, const Tensor &scale,
                                            const Tensor &gx);
DispatchTable<CrossEntropyBackwardKernel> &cross_entropy_backward_dispatch();
DispatchTable<RowNormKernel> &row_norm_dispatch();
DispatchTable<RowNormBackwardKernel> &row_norm_backward_dispatch();
DispatchTable<ChannelNormBackwardKernel> &channel_norm_backward_dispatch();
DispatchTable<ChannelStatsKernel> &channel_stats_dispatch();
DispatchTable<ChannelAffineKernel> &channel_affine_dispatch();

// Loss reductions (values of ember_reduction).
enum class Reduction : int { None = 0, Mean = 1, Sum = 2 };

Tensor batch_norm(const Tensor &input, const Tensor &running_mean, const Tensor &running_var, const Tensor &weight,
                  const Tensor &bias, bool training, double momentum, double eps);
Tensor layer_norm(const Tensor &input, IntArrayRef normalized_shape, const Tensor &weight, const Tensor &bias,
                  double eps);
Tensor group_norm(const Tensor &input, int64_t num_groups, const Tensor &weight, const Tensor &bias, double eps);
// eps nullopt: the machine epsilon of input's dtype (torch.finfo(dtype).eps), as torch.
Tensor rms_norm(const Tensor &input, IntArrayRef normalized_shape, const Tensor &weight, std::optional<double> eps);

Tensor dropout(const Tensor &input, double p, bool training, Generator &gen);
// padding_idx: a row in [-num_embeddings, num_embeddings) whose gradient stays zero, or none.
Tensor embedding(const Tensor &weight, const Tensor &indices, std::optional<int64_t> padding_idx);

Tensor cross_entropy(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction,
                     int64_t ignore_index, double label_smoothing);
Tensor nll_loss(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction,
                int64_t ignore_index);
Tensor mse_loss(const Tensor &input, const Tensor &target, Reduction reduction);
Tensor l1_loss(const Tensor &input, const Tensor &target, Reduction reduction);
Tensor smooth_l1_loss(const Tensor &input, const Tensor &target, Reduction reduction, double beta);
Tensor huber_loss(const Tensor &input, const Tensor &target, Reduction reduction, double delta);
Tensor binary_cross_entropy(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction);
Tensor binary_cross_entropy_with_logits(const Tensor &input, const Tensor &target, const Tensor &weight,
                                        const Tensor &pos_weight, Reduction reduction);
Tensor kl_div(const Tensor &input, const Tensor &target, Reduction reduction, bool log_target);
Tensor cosine_embedding_loss(const Tensor &input1, const Tensor &input2, const Tensor &target, double margin,
                             Reduction reduction);

// attn_mask: bool (true = attend) or floating (added to the scores), broadcastable to (..., L, S);
// scale nullopt: 1 / sqrt(E).
Tensor scaled_dot_product_attention(const Tensor &query, const Tensor &key, const Tensor &value,
                                    const Tensor &attn_mask, double dropout_p, bool is_causal,
                                    std::optional<double> scale, Generator &gen);

Tensor linear(const Tensor &input, const Tensor &weight, const Tensor &bias);

}  // namespace ember
