#include "ops/nn_functional.h"

#include <array>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/shape.h"
#include "core/tensor_iterator.h"
#include "ops/autocast.h"
#include "ops/indexing.h"
#include "ops/linalg.h"
#include "ops/random.h"
#include "ops/reduce.h"
#include "ops/shape_ops.h"
#include "ops/softmax.h"
#include "ops/views.h"

namespace ember {

DispatchTable<RowNormKernel> &row_norm_dispatch() {
    static DispatchTable<RowNormKernel> t;
    return t;
}
DispatchTable<CrossEntropyBackwardKernel> &cross_entropy_backward_dispatch() {
    static DispatchTable<CrossEntropyBackwardKernel> t;
    return t;
}
DispatchTable<RowNormBackwardKernel> &row_norm_backward_dispatch() {
    static DispatchTable<RowNormBackwardKernel> t;
    return t;
}
DispatchTable<ChannelNormBackwardKernel> &channel_norm_backward_dispatch() {
    static DispatchTable<ChannelNormBackwardKernel> t;
    return t;
}
DispatchTable<ChannelStatsKernel> &channel_stats_dispatch() {
    static DispatchTable<ChannelStatsKernel> t;
    return t;
}
DispatchTable<ChannelAffineKernel> &channel_affine_dispatch() {
    static DispatchTable<ChannelAffineKernel> t;
    return t;
}

namespace {

using namespace fx;
using autograd::BackwardContext;

// The fused kernels compute in float64 for float64 and in float32 for every other floating type.
DType norm_compute_dtype(DType d) { return d == DType::Float64 ? DType::Float64 : DType::Float32; }

void check_floating(const Tensor &t, const char *op, const char *what) {
    EMBER_CHECK(t.defined(), InvalidArgument, op, ": ", what, " is NULL");
    EMBER_CHECK(is_floating(t.dtype()), DType, op, ": expected a floating point ", what, ", but got ",
                dtype_name(t.dtype()));
}

DimVector iota(int64_t begin, int64_t end) {
    DimVector r;
    for (int64_t i = begin; i < end; ++i) r.push_back(i);
    return r;
}

// sum over dims, where an empty list means "nothing to reduce" (Ember's reduce reads it as "all").
Tensor sum_over(const Tensor &t, IntArrayRef dims) { return dims.empty() ? t : sum(t, dims, false); }

// Whether every element lies in [0, 1] (NaN does not), read in one pass (float64 in double,
// everything else widened to float32).
bool all_in_unit_interval(const Tensor &x) {
    const bool dbl = x.dtype() == DType::Float64;
    const Tensor c = contiguous_as(x, dbl ? DType::Float64 : DType::Float32);
    auto scan = [&](const auto *p) {
        for (int64_t i = 0; i < c.numel(); ++i)
            if (!(p[i] >= 0 && p[i] <= 1)) return false;
        return true;
    };
    return dbl ? scan(c.data<double>()) : scan(c.data<float>());
}

Tensor reduce_loss(const Tensor &loss, Reduction r) {
    switch (r) {
    case Reduction::None: return loss;
    case Reduction::Sum: return sum(loss, {}, false);
    case Reduction::Mean: return mean(loss, {}, false);
    }
    return loss;
}

// ---------------------------------------------------------------------------------------------
// Layer norm and RMS norm: one recorded op over rows of the last k dims.
//
// saved: x, rstd (rows), mean (rows; undefined for RMS), weight (or undefined);
// ints {k}; reals[0] = eps; flag = rms.
// With xhat = (x - mean) * rstd and gh = g * w:
//   dx = rstd * (gh - mean(gh) - xhat * mean(gh * xhat))     (RMS: no mean(gh) term)
//   dw = sum over rows of g * xhat, db = sum over rows of g.
// Without create_graph a fused kernel evaluates this from the saved statistics; with it, the
// same formula runs as recording ops (statistics recomputed from x), so it is differentiable.
void row_norm_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const Tensor x = c.saved(0);
    const int64_t k = c.node.ints[0], d = x.dim();
    const double eps = c.node.reals[0];
    const bool rms = c.node.flag;
    const DimVector nd = iota(d - k, d), lead = iota(0, d - k);
    if (!autograd::GradMode::enabled()) {
        // No graph to record: one fused sweep from the saved statistics (same compute dtype).
        const Tensor saved_rstd = c.saved(1), saved_mean = c.saved(2), w = c.saved(3);
        const DType t = saved_rstd.dtype();
        int64_t n = 1;
        for (int64_t i = d - k; i < d; ++i) n *= x.size(i);
        const int64_t rows = saved_rstd.numel();
        const Tensor xc = reshape(contiguous_as(x, t), DimVector{rows, n});
        const Tensor gc = reshape(contiguous_as(g, t), DimVector{rows, n});
        const Tensor wc = w.defined() ? contiguous_as(w, t) : Tensor();
        Tensor gx = c.needs(0) ? empty(DimVector{rows, n}, t, x.device()) : Tensor();
        Tensor gw = c.needs(1) ? empty(DimVector{n}, t, x.device()) : Tensor();
        Tensor gb = c.needs(2) ? empty(DimVector{n}, t, x.device()) : Tensor();
        if (x.numel() > 0)
            row_norm_backward_dispatch().get(x.device(), "layer_norm backward")(xc, gc, wc, saved_mean, saved_rstd, gx,
                                                                                 gw, gb, rms);
        else {
            if (gw.defined()) fill_(gw, Scalar::from_double(0));
            if (gb.defined()) fill_(gb, Scalar::from_double(0));
        }
        if (gx.defined()) c.set(0, view(gx, x.sizes()));
        if (gw.defined())
            c.set(1, view(gw, w.defined() ? w.sizes() : IntArrayRef(x.sizes()).subspan(static_cast<size_t>(d - k))));
        if (gb.defined()) c.set(2, view(gb, IntArrayRef(x.sizes()).subspan(static_cast<size_t>(d - k))));
        return;
    }
    // create_graph: the statistics are functions of x, so recompute them with recording ops.
    Tensor mu, rstd;
    if (rms) rstd = rsqrt(mean(x * x, nd, true) + eps);
    else {
        mu = mean(x, nd, true);
        rstd = rsqrt(var(x, nd, 0, true) + eps);
    }
    const Tensor w = c.saved(3);
    const Tensor xhat = rms ? x * rstd : (x - mu) * rstd;
    if (c.needs(0)) {
        const Tensor gh = w.defined() ? g * w : g;
        const Tensor proj = mean(gh * xhat, nd, true);
        c.set(0, rms ? rstd * (gh - xhat * proj) : rstd * (gh - mean(gh, nd, true) - xhat * proj));
    }
    if (c.needs(1)) c.set(1, sum_over(g * xhat, lead));
    if (c.needs(2)) c.set(2, sum_over(g, lead));
}

std::string star_shape(IntArrayRef ns) {
    std::ostringstream os;
    os << "[*";
    for (int64_t v : ns) os << ", " << v;
    os << "]";
    return os.str();
}

void check_norm_param(const Tensor &p, IntArrayRef ns, const char *what) {
    if (!p.defined()) return;
    bool same = static_cast<size_t>(p.dim()) == ns.size();
    for (size_t i = 0; same && i < ns.size(); ++i) same = p.size(static_cast<int64_t>(i)) == ns[i];
    EMBER_CHECK(same, Shape, "Expected ", what, " to be of same shape as normalized_shape, but got ", what,
                " of shape ", p.sizes(), " and normalized_shape = ", ns);
    EMBER_CHECK(is_floating(p.dtype()), DType, what, ": expected a floating point tensor, but got ",
                dtype_name(p.dtype()));
}

Tensor row_norm(const char *op, const Tensor &x, IntArrayRef ns, const Tensor &w, const Tensor &b, double eps,
                bool rms) {
    check_floating(x, op, "input");
    const int64_t k = static_cast<int64_t>(ns.size()), d = x.dim();
    EMBER_CHECK(k >= 1, Shape, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
                "element, but got normalized_shape = ", ns);
    bool match = k <= d;
    for (int64_t i = 0; match && i < k; ++i) match = x.size(d - k + i) == ns[static_cast<size_t>(i)];
    EMBER_CHECK(match, Shape, "Given normalized_shape=", ns, ", expected input with shape ", star_shape(ns),
                ", but got input of size", x.sizes());
    check_norm_param(w, ns, "weight");
    check_norm_param(b, ns, "bias");

    autograd::Recorder rec(rms ? "RmsNormBackward0" : "NativeLayerNormBackward0", &row_norm_backward, {&x, &w, &b});
    const DType t = norm_compute_dtype(x.dtype());
    int64_t n = 1;
    for (int64_t v : ns) n *= v;
    const int64_t rows = n == 0 ? 0 : x.numel() / n;
    Tensor y = empty(DimVector{rows, n}, t, x.device());
    Tensor mu = rms ? Tensor() : empty(DimVector{rows}, t, x.device());
    Tensor rstd = empty(DimVector{rows}, t, x.device());
    if (x.numel() > 0) {
        RowNormKernel kernel = row_norm_dispatch().get(x.device(), op);
        kernel(reshape(contiguous_as(x, t), DimVector{rows, n}), w.defined() ? contiguous_as(w, t) : Tensor(),
               b.defined() ? contiguous_as(b, t) : Tensor(), y, mu, rstd, eps, rms);
    }
    Tensor out = view(y, x.sizes());
    if (out.dtype() != x.dtype()) out = cast(out, x.dtype());
    rec.finish({&out});
    if (rec) {
        rec.save(x);
        rec.save(rstd);
        rec.save(mu);
        rec.save(w);
        rec.node().ints = {k};
        rec.node().reals[0] = eps;
        rec.node().flag = rms;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Batch norm in training mode: one recorded op, statistics over every dim but 1.
//
// saved: x, mean (C), rstd (C), weight (or undefined); ints: the reduced dims; reals[0] = eps.
// The formula is the layer-norm one with the reduction running over (N, *) instead of rows.
void batch_norm_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const Tensor x = c.saved(0);
    const DimVector rd(c.node.ints);
    const double eps = c.node.reals[0];
    DimVector bshape(static_cast<size_t>(x.dim()), 1);
    bshape[1] = x.size(1);
    if (!autograd::GradMode::enabled()) {
        // No graph to record: the fused kernel, from the saved batch statistics.
        const Tensor saved_mean = c.saved(1), saved_rstd = c.saved(2), w = c.saved(3);
        const DType t = saved_rstd.dtype();
        const int64_t n = x.size(0), ch = x.size(1), s = n * ch == 0 ? 0 : x.numel() / (n * ch);
        Tensor gx = c.needs(0) ? empty(x.sizes(), t, x.device()) : Tensor();
        Tensor gw = c.needs(1) ? empty(DimVector{ch}, t, x.device()) : Tensor();
        Tensor gb = c.needs(2) ? empty(DimVector{ch}, t, x.device()) : Tensor();
        channel_norm_backward_dispatch().get(x.device(), "batch_norm backward")(
            contiguous_as(x, t), contiguous_as(g, t), w.defined() ? contiguous_as(w, t) : Tensor(), saved_mean,
            saved_rstd, n, ch, s, gx, gw, gb);
        if (gx.defined()) c.set(0, gx);
        if (gw.defined()) c.set(1, gw);
        if (gb.defined()) c.set(2, gb);
        return;
    }
    // create_graph: the batch statistics are functions of x, recomputed with recording ops.
    const Tensor mu = mean(x, rd, true);
    const Tensor rstd = rsqrt(var(x, rd, 0, true) + eps);
    const Tensor w = c.saved(3);
    const Tensor xhat = (x - mu) * rstd;
    if (c.needs(0)) {
        const Tensor gh = w.defined() ? g * view(w, bshape) : g;
        c.set(0, rstd * (gh - mean(gh, rd, true) - xhat * mean(gh * xhat, rd, true)));
    }
    if (c.needs(1)) c.set(1, sum(g * xhat, rd, false));
    if (c.needs(2)) c.set(2, sum(g, rd, false));
}

void check_channel_param(const Tensor &p, int64_t channels, const char *what) {
    if (!p.defined()) return;
    EMBER_CHECK(p.numel() == channels, Shape, what, " should contain ", channels, " elements not ", p.numel());
    EMBER_CHECK(is_floating(p.dtype()), DType, what, ": expected a floating point tensor, but got ",
                dtype_name(p.dtype()));
}

// running = (1 - momentum) * running + momentum * value, in place (never recorded).
void update_running(const Tensor &running, const Tensor &value, double momentum) {
    autograd::NoGradGuard no_grad;
    Tensor v = reshape(cast(value, running.dtype()), running.sizes());
    binary_scalar(EMBER_BINARY_MUL, running, num(1 - momentum), false, running);
    add_scaled(running, v, num(momentum), running);
}

}  // namespace

Tensor layer_norm(const Tensor &input, IntArrayRef normalized_shape, const Tensor &weight, const Tensor &bias,
                  double eps) {
    if (autocast::Float32 f32; f32.active())
        return layer_norm(f32(input), normalized_shape, f32(weight), f32(bias), eps);
    return row_norm("layer_norm", input, normalized_shape, weight, bias, eps, false);
}

Tensor rms_norm(const Tensor &input, IntArrayRef normalized_shape, const Tensor &weight, std::optional<double> eps) {
    if (autocast::Float32 f32; f32.active()) return rms_norm(f32(input), normalized_shape, f32(weight), eps);
    double e = 0;
    if (eps) e = *eps;
    else if (input.defined())
        e = input.dtype() == DType::Float64   ? std::numeric_limits<double>::epsilon()
            : input.dtype() == DType::Float16 ? 0.0009765625          // torch.finfo(float16).eps = 2^-10
            : input.dtype() == DType::BFloat16 ? 0.0078125            // 2^-7
                                              : static_cast<double>(std::numeric_limits<float>::epsilon());
    return row_norm("rms_norm", input, normalized_shape, weight, Tensor(), e, true);
}

Tensor group_norm(const Tensor &input, int64_t num_groups, const Tensor &weight, const Tensor &bias, double eps) {
    if (autocast::Float32 f32; f32.active()) return group_norm(f32(input), num_groups, f32(weight), f32(bias), eps);
    check_floating(input, "group_norm", "input");
    EMBER_CHECK(input.dim() >= 2, Shape, "Expected at least 2 dimensions for input tensor but received ", input.dim());
    const int64_t n = input.size(0), ch = input.size(1);
    EMBER_CHECK(num_groups > 0, InvalidArgument, "group_norm: num_groups must be positive, got ", num_groups);
    EMBER_CHECK(ch % num_groups == 0, Shape, "Expected number of channels in input to be divisible by num_groups, "
                "but got input of shape ", input.sizes(), " and num_groups=", num_groups);
    check_channel_param(weight, ch, "weight");
    check_channel_param(bias, ch, "bias");
    // Each (sample, group) is one row of a layer norm without affine parameters; the per-channel
    // affine transform follows as broadcast recorded ops.
    const int64_t row = n * num_groups == 0 ? 0 : input.numel() / (n * num_groups);
    Tensor y = layer_norm(reshape(input, DimVector{n, num_groups, row}), std::array<int64_t, 1>{row}, {}, {}, eps);
    y = reshape(y, input.sizes());
    DimVector bshape(static_cast<size_t>(input.dim()), 1);
    bshape[1] = ch;
    if (weight.defined()) y = y * reshape(weight, bshape);
    if (bias.defined()) y = y + reshape(bias, bshape);
    return y;
}

Tensor batch_norm(const Tensor &input, const Tensor &running_mean, const Tensor &running_var, const Tensor &weight,
                  const Tensor &bias, bool training, double momentum, double eps) {
    if (autocast::Float32 f32; f32.active())
        return batch_norm(f32(input), running_mean, running_var, f32(weight), f32(bias), training, momentum, eps);
    check_floating(input, "batch_norm", "input");
    EMBER_CHECK(input.dim() >= 2, Shape, "batch_norm: expected a 2-D or higher input (N, C, *), got ", input.dim(),
                "-D");
    const int64_t ch = input.size(1);
    check_channel_param(running_mean, ch, "running_mean");
    check_channel_param(running_var, ch, "running_var");
    check_channel_param(weight, ch, "weight");
    check_channel_param(bias, ch, "bias");
    DimVector bshape(static_cast<size_t>(input.dim()), 1);
    bshape[1] = ch;

    if (!training) {
        EMBER_CHECK(running_mean.defined() && running_var.defined(), InvalidArgument,
                    "batch_norm: running_mean and running_var must be defined in evaluation mode");
        // Per-channel scale and shift first (C elements), then one multiply-add over the input.
        Tensor scale = rsqrt(running_var + eps);
        if (weight.defined()) scale = scale * reshape(weight, DimVector{ch});
        Tensor shift = -(reshape(running_mean, DimVector{ch}) * scale);
        if (bias.defined()) shift = shift + reshape(bias, DimVector{ch});
        Tensor y = input * reshape(scale, bshape) + reshape(shift, bshape);
        return y.dtype() == input.dtype() ? y : cast(y, input.dtype());
    }

    const int64_t n = input.size(0), s = n * ch == 0 ? 0 : input.numel() / (n * ch);
    EMBER_CHECK(n * s > 1, InvalidArgument, "Expected more than 1 value per channel when training, got input size ",
                input.sizes());
    autograd::Recorder rec("NativeBatchNormBackward0", &batch_norm_backward, {&input, &weight, &bias});
    const DType t = norm_compute_dtype(input.dtype());
    const Tensor xc = contiguous_as(input, t);
    Tensor mu = empty(DimVector{ch}, t, input.device()), var_b = empty(DimVector{ch}, t, input.device());
    channel_stats_dispatch().get(input.device(), "batch_norm")(xc, n, ch, s, mu, var_b);
    Tensor rstd = empty(DimVector{ch}, t, input.device()), scale = empty(DimVector{ch}, t, input.device()),
           shift = empty(DimVector{ch}, t, input.device());
    const Tensor wc = weight.defined() ? contiguous_as(reshape(weight, DimVector{ch}), t) : Tensor();
    const Tensor bc = bias.defined() ? contiguous_as(reshape(bias, DimVector{ch}), t) : Tensor();
    visit_dtype<kFloating>(t, "batch_norm", [&]<typename T>() {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
            for (int64_t j = 0; j < ch; ++j) {
                const T r = static_cast<T>(1) / std::sqrt(var_b.data<T>()[j] + static_cast<T>(eps));
                const T a = wc.defined() ? r * wc.data<T>()[j] : r;
                rstd.data<T>()[j] = r;
                scale.data<T>()[j] = a;
                shift.data<T>()[j] = (bc.defined() ? bc.data<T>()[j] : static_cast<T>(0)) - mu.data<T>()[j] * a;
            }
        }
    });
    Tensor y = empty(input.sizes(), t, input.device());
    channel_affine_dispatch().get(input.device(), "batch_norm")(xc, n, ch, s, scale, shift, y);
    Tensor out = y.dtype() == input.dtype() ? y : cast(y, input.dtype());
    // Running statistics take the unbiased variance, as PyTorch.
    if (running_mean.defined()) update_running(running_mean, mu, momentum);
    if (running_var.defined()) {
        const double count = static_cast<double>(n * s);
        update_running(running_var, binary_scalar(EMBER_BINARY_MUL, var_b, num(count / (count - 1)), false), momentum);
    }
    rec.finish({&out});
    if (rec) {
        rec.save(input);
        rec.save(mu);
        rec.save(rstd);
        rec.save(weight.defined() ? reshape(weight, DimVector{ch}) : Tensor());
        DimVector rd{0};
        for (int64_t i = 2; i < input.dim(); ++i) rd.push_back(i);
        rec.node().ints = rd;
        rec.node().reals[0] = eps;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Dropout and embedding

Tensor dropout(const Tensor &input, double p, bool training, Generator &gen) {
    check_floating(input, "dropout", "input");
    EMBER_CHECK(p >= 0 && p <= 1, InvalidArgument, "dropout probability has to be between 0 and 1, but got ", p);
    if (!training || p == 0) return input;
    // The mask already holds 1 / (1 - p) or 0, so the product is the only recorded op and its
    // gradient is g * mask.
    Tensor mask;
    if (p == 1) mask = zeros(input.sizes(), input.dtype(), input.device());
    else {
        autograd::NoGradGuard no_grad;
        mask = empty(input.sizes(), input.dtype(), input.device());
        bernoulli_(mask, 1 - p, gen);
        binary_scalar(EMBER_BINARY_MUL, mask, num(1 / (1 - p)), false, mask);
    }
    return input * mask;
}

namespace {

// saved: the flat int64 indices; ints {num_embeddings, embedding_dim, padding_idx}; flag: has padding.
void embedding_backward(BackwardContext &c) {
    const Tensor idx = c.saved(0);
    const int64_t v = c.node.ints[0], d = c.node.ints[1];
    Tensor g = reshape(c.grad(), DimVector{idx.numel(), d});
    if (c.node.flag) {
        const Tensor keep = as_dtype(binary_scalar(EMBER_BINARY_NE, idx, Scalar::from_int(c.node.ints[2]), false),
                                     g.dtype());
        g = g * unsqueeze(keep, 1);
    }
    const std::array<Tensor, 1> where{idx};
    c.set(0, index_put(zeros(DimVector{v, d}, g.dtype(), g.device()), where, g, true));
}

}  // namespace

Tensor embedding(const Tensor &weight, const Tensor &indices, std::optional<int64_t> padding_idx) {
    EMBER_CHECK(weight.defined(), InvalidArgument, "embedding: weight is NULL");
    EMBER_CHECK(indices.defined(), InvalidArgument, "embedding: indices is NULL");
    EMBER_CHECK(weight.dim() == 2, Shape, "'weight' must be 2-D");
    EMBER_CHECK(indices.dtype() == DType::Int64 || indices.dtype() == DType::Int32, DType,
                "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
                "but got ", dtype_name(indices.dtype()), " instead (while checking arguments for embedding)");
    const int64_t v = weight.size(0), d = weight.size(1);
    int64_t pad = -1;
    if (padding_idx) {
        EMBER_CHECK(*padding_idx >= -v && *padding_idx < v, InvalidArgument,
                    "Padding_idx must be within num_embeddings");
        pad = *padding_idx < 0 ? *padding_idx + v : *padding_idx;
    }
    const Tensor flat = contiguous_as(reshape(indices, DimVector{indices.numel()}), DType::Int64);
    const int64_t *ip = flat.data<int64_t>();
    for (int64_t i = 0; i < flat.numel(); ++i)
        EMBER_CHECK(ip[i] >= 0 && ip[i] < v, Index, "index out of range in self (index ", ip[i],
                    ", num_embeddings ", v, ")");
    autograd::Recorder rec("EmbeddingBackward0", &embedding_backward, {&weight});
    DimVector shape(indices.sizes());
    shape.push_back(d);
    Tensor out = reshape(index_select(weight, 0, flat), shape);
    rec.finish({&out});
    if (rec) {
        rec.save(flat);
        rec.node().ints = {v, d, pad};
        rec.node().flag = padding_idx.has_value();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Losses

namespace {

struct NllParts {
    Tensor loss;     // -w[t] * input[t] per target position (0 where ignored)
    Tensor weights;  // w[t] per position (0 where ignored): the divisor of the mean
    Tensor ignored;  // bool: target == ignore_index
};

int64_t class_dim(const Tensor &input) { return input.dim() == 1 ? 0 : 1; }

// Checks input, target and weight as PyTorch's nll_loss does and returns the targets as int64
// with ignored positions replaced by class 0 (they get weight 0, so any ignore_index works).
Tensor checked_targets(const char *op, const Tensor &input, const Tensor &target, const Tensor &weight,
                       int64_t ignore_index) {
    check_floating(input, op, "input");
    EMBER_CHECK(target.defined(), InvalidArgument, op, ": target is NULL");
    EMBER_CHECK(is_integral(target.dtype(), false), DType, op,
                ": expected an integer (class index) target, but got ", dtype_name(target.dtype()));
    EMBER_CHECK(input.dim() >= 1, Shape, op, ": input must have at least 1 dim (C), got a 0-dim tensor");
    const int64_t cd = class_dim(input), classes = input.size(cd);
    if (input.dim() == 1) {
        EMBER_CHECK(target.dim() == 0, Shape, "Expected 0-dim target for a 1-D (C) input, but got target of size ",
                    target.sizes());
    } else if (input.dim() == 2) {
        EMBER_CHECK(target.dim() == 1, Shape, "1D target tensor expected, multi-target not supported");
        EMBER_CHECK(input.size(0) == target.size(0), Shape, "Expected input batch_size (", input.size(0),
                    ") to match target batch_size (", target.size(0), ").");
    } else {
        DimVector expect;
        for (int64_t i = 0; i < input.dim(); ++i)
            if (i != 1) expect.push_back(input.size(i));
        bool same = target.dim() == input.dim() - 1;
        for (int64_t i = 0; same && i < target.dim(); ++i) same = target.size(i) == expect[static_cast<size_t>(i)];
        EMBER_CHECK(same, Shape, "Expected target size ", IntArrayRef(expect), ", got ", target.sizes());
    }
    if (weight.defined()) {
        EMBER_CHECK(weight.dim() == 1 && weight.numel() == classes, Shape,
                    "weight tensor should be defined either for all ", classes,
                    " classes or no classes but got weight tensor of shape: ", weight.sizes());
    }
    const Tensor t64 = contiguous_as(target, DType::Int64);
    Tensor safe = empty(target.sizes(), DType::Int64, target.device());
    const int64_t *tp = t64.data<int64_t>();
    int64_t *sp = safe.data<int64_t>();
    for (int64_t i = 0; i < t64.numel(); ++i) {
        const int64_t v = tp[i];
        if (v == ignore_index) sp[i] = 0;
        else {
            EMBER_CHECK(v >= 0 && v < classes, Index, "Target ", v, " is out of bounds.");
            sp[i] = v;
        }
    }
    return safe;
}

NllParts nll_parts(const char *op, const Tensor &input, const Tensor &target, const Tensor &weight,
                   int64_t ignore_index) {
    const Tensor safe = checked_targets(op, input, target, weight, ignore_index);
    const int64_t cd = class_dim(input);
    const Tensor t64 = contiguous_as(target, DType::Int64);
    const Tensor ignored = binary_scalar(EMBER_BINARY_EQ, t64, Scalar::from_int(ignore_index), false);
    const Tensor valid = as_dtype(logical_not(ignored), input.dtype());
    const Tensor picked = squeeze(gather(input, cd, unsqueeze(safe, cd)), std::array<int64_t, 1>{cd});
    Tensor w = valid;
    if (weight.defined())
        w = reshape(index_select(weight, 0, reshape(safe, DimVector{safe.numel()})), target.sizes()) * valid;
    return {-(picked * w), w, ignored};
}

Tensor reduce_nll(const NllParts &p, Reduction r) {
    if (r == Reduction::Mean) return sum(p.loss, {}, false) / sum(p.weights, {}, false);
    return reduce_loss(p.loss, r);
}

// The weight reshaped to broadcast along the class dim of input.
Tensor class_weight_view(const Tensor &weight, const Tensor &input) {
    DimVector shape(static_cast<size_t>(input.dim()), 1);
    shape[static_cast<size_t>(class_dim(input))] = weight.numel();
    return reshape(weight, shape);
}

// Cross entropy of (N, C) float32/float64 logits with class-index targets and no label
// smoothing (classification, flattened language-model tokens): one recorded op. The forward is
// log_softmax plus a gather per row; the gradient is scale[i] * (softmax(x)[i] - one_hot(t[i]))
// with scale[i] = g * w[t[i]] (divided by the summed weights for the mean; 0 where ignored).
//
// saved: input, log-probabilities, targets (int64, ignored ones 0), per-row scale. Without create_graph one kernel
// sweep computes the gradient; with it, the same expression runs as recording ops (softmax of the input), so it is
// differentiable again.
void cross_entropy_backward(BackwardContext &c) {
    if (!c.needs(0)) return;
    const Tensor x = c.saved(0), logp = c.saved(1), safe = c.saved(2), row_scale = c.saved(3);
    const Tensor &g = c.grad();
    if (!autograd::GradMode::enabled()) {
        const Tensor s = contiguous_as(row_scale * g, logp.dtype());
        Tensor gx = empty(logp.sizes(), logp.dtype(), logp.device());
        if (gx.numel() > 0)
            cross_entropy_backward_dispatch().get(x.device(), "cross_entropy backward")(logp, safe, s, gx);
        c.set(0, gx);
        return;
    }
    Tensor one_hot = zeros(x.sizes(), x.dtype(), x.device());
    const std::array<Tensor, 2> where{arange(Scalar::from_int(0), Scalar::from_int(x.size(0)), Scalar::from_int(1),
                                             DType::Int64, x.device()),
                                      safe};
    index_put(one_hot, where, ones(DimVector{}, x.dtype(), x.device()), false, one_hot);
    c.set(0, (softmax(x, 1) - one_hot) * unsqueeze(row_scale * g, 1));
}

Tensor fused_cross_entropy(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction,
                           int64_t ignore_index) {
    const Tensor safe = checked_targets("cross_entropy", input, target, weight, ignore_index);
    autograd::Recorder rec("CrossEntropyLossBackward0", &cross_entropy_backward, {&input});
    const DType t = input.dtype();
    const Tensor logp = contiguous(log_softmax(input, 1));
    const int64_t n = input.size(0), classes = input.size(1);
    const Tensor t64 = contiguous_as(target, DType::Int64);
    const Tensor wc = weight.defined() ? contiguous_as(weight, t) : Tensor();
    Tensor loss = empty(DimVector{n}, t, input.device()), row_scale = empty(DimVector{n}, t, input.device());
    double total = 0;
    visit_dtype<kFloating>(t, "cross_entropy", [&]<typename T>() {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
            const T *lp = logp.data<T>();
            const int64_t *tp = t64.data<int64_t>(), *sp = safe.data<int64_t>();
            T *pl = loss.data<T>(), *ps = row_scale.data<T>();
            for (int64_t i = 0; i < n; ++i) {
                const T w = tp[i] == ignore_index ? static_cast<T>(0)
                            : wc.defined()        ? wc.data<T>()[sp[i]]
                                                  : static_cast<T>(1);
                pl[i] = -w * lp[i * classes + sp[i]];
                ps[i] = w;
                total += static_cast<double>(w);
            }
            // The mean divides by the summed weights of the rows used (the loss is 0 / 0 = NaN when
            // none is; ignored rows keep a zero gradient, as PyTorch's nll backward).
            if (reduction == Reduction::Mean)
                for (int64_t i = 0; i < n; ++i)
                    if (ps[i] != 0) ps[i] = static_cast<T>(static_cast<double>(ps[i]) / total);
        }
    });
    Tensor out = loss;
    if (reduction == Reduction::Sum) out = sum(loss, {}, false);
    else if (reduction == Reduction::Mean) out = sum(loss, {}, false) / total;
    rec.finish({&out});
    if (rec) {
        rec.save(input);
        rec.save(logp);
        rec.save(safe);
        rec.save(row_scale);
    }
    return out;
}

}  // namespace

Tensor nll_loss(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction,
                int64_t ignore_index) {
    if (autocast::Float32 f32; f32.active()) return nll_loss(f32(input), target, f32(weight), reduction, ignore_index);
    return reduce_nll(nll_parts("nll_loss", input, target, weight, ignore_index), reduction);
}

Tensor cross_entropy(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction,
                     int64_t ignore_index, double label_smoothing) {
    if (autocast::Float32 f32; f32.active())
        return cross_entropy(f32(input), f32(target), f32(weight), reduction, ignore_index, label_smoothing);
    check_floating(input, "cross_entropy", "input");
    EMBER_CHECK(target.defined(), InvalidArgument, "cross_entropy: target is NULL");
    EMBER_CHECK(label_smoothing >= 0 && label_smoothing <= 1, InvalidArgument,
                "label_smoothing must be between 0.0 and 1.0. Got: ", label_smoothing);
    EMBER_CHECK(input.dim() >= 1, Shape, "cross_entropy: input must have at least 1 dim (C), got a 0-dim tensor");
    const int64_t cd = class_dim(input), classes = input.size(cd);
    if (weight.defined()) {
        EMBER_CHECK(weight.dim() == 1 && weight.numel() == classes, Shape,
                    "weight tensor should be defined either for all ", classes,
                    " classes or no classes but got weight tensor of shape: ", weight.sizes());
    }
    if (input.dim() == 2 && !is_floating(target.dtype()) && label_smoothing <= 0 &&
        (input.dtype() == DType::Float32 || input.dtype() == DType::Float64))
        return fused_cross_entropy(input, target, weight, reduction, ignore_index);
    const Tensor logp = log_softmax(input, cd);
    const std::array<int64_t, 1> cdims{cd};
    if (is_floating(target.dtype())) {
        // Class probabilities: -sum_c w_c * p_c * log_softmax(x)_c, the mean over positions.
        EMBER_CHECK(target.dim() == input.dim() && std::equal(target.sizes().begin(), target.sizes().end(),
                                                               input.sizes().begin()),
                    Shape, "Expected target size ", input.sizes(), ", got ", target.sizes());
        Tensor p = label_smoothing > 0 ? target * (1 - label_smoothing) + label_smoothing / static_cast<double>(classes)
                                       : target;
        Tensor prod = logp * p;
        if (weight.defined()) prod = prod * class_weight_view(weight, input);
        Tensor loss = -sum(prod, cdims, false);
        if (reduction == Reduction::Mean)
            return sum(loss, {}, false) / static_cast<double>(classes == 0 ? 0 : input.numel() / classes);
        return reduce_loss(loss, reduction);
    }
    const NllParts parts = nll_parts("cross_entropy", logp, target, weight, ignore_index);
    const Tensor nll = reduce_nll(parts, reduction);
    if (label_smoothing <= 0) return nll;
    // Label smoothing (PyTorch's formula): (1 - ls) * nll + ls / C * smooth, where smooth is the
    // (weighted) sum of -log_softmax over the classes, zero at ignored positions, reduced like nll.
    Tensor all = weight.defined() ? logp * class_weight_view(weight, input) : logp;
    Tensor smooth = masked_fill(-sum(all, cdims, false), parts.ignored, Scalar::from_double(0));
    Tensor ret;
    if (reduction == Reduction::Mean) ret = sum(smooth, {}, false) / sum(parts.weights, {}, false);
    else ret = reduce_loss(smooth, reduction);
    return nll * (1 - label_smoothing) + ret * (label_smoothing / static_cast<double>(classes));
}

namespace {

void check_pair(const char *op, const Tensor &input, const Tensor &target) {
    check_floating(input, op, "input");
    EMBER_CHECK(target.defined(), InvalidArgument, op, ": target is NULL");
}

}  // namespace

Tensor mse_loss(const Tensor &input, const Tensor &target, Reduction reduction) {
    if (autocast::Float32 f32; f32.active()) return mse_loss(f32(input), f32(target), reduction);
    check_pair("mse_loss", input, target);
    return reduce_loss(square(input - target), reduction);
}

Tensor l1_loss(const Tensor &input, const Tensor &target, Reduction reduction) {
    if (autocast::Float32 f32; f32.active()) return l1_loss(f32(input), f32(target), reduction);
    check_pair("l1_loss", input, target);
    return reduce_loss(abs(input - target), reduction);
}

Tensor smooth_l1_loss(const Tensor &input, const Tensor &target, Reduction reduction, double beta) {
    if (autocast::Float32 f32; f32.active()) return smooth_l1_loss(f32(input), f32(target), reduction, beta);
    check_pair("smooth_l1_loss", input, target);
    EMBER_CHECK(beta >= 0, InvalidArgument, "smooth_l1_loss does not support negative values for beta.");
    if (beta == 0) return l1_loss(input, target, reduction);
    const Tensor d = abs(input - target);
    return reduce_loss(where(lt(d, beta), square(d) * (0.5 / beta), d - 0.5 * beta), reduction);
}

Tensor huber_loss(const Tensor &input, const Tensor &target, Reduction reduction, double delta) {
    if (autocast::Float32 f32; f32.active()) return huber_loss(f32(input), f32(target), reduction, delta);
    check_pair("huber_loss", input, target);
    EMBER_CHECK(delta > 0, InvalidArgument, "huber_loss does not support non-positive values for delta.");
    const Tensor d = abs(input - target);
    return reduce_loss(where(lt(d, delta), square(d) * 0.5, (d - 0.5 * delta) * delta), reduction);
}

namespace {

// saved: input, target, weight (or undefined); code: the reduction. PyTorch's
// binary_cross_entropy_backward: the input gradient divides by max(x (1 - x), 1e-12) instead of
// differentiating the clamped logs, so it stays finite at 0 and 1.
void bce_backward(BackwardContext &c) {
    const Tensor x = c.saved(0), t = c.saved(1), w = c.saved(2);
    Tensor g = c.grad();
    if (static_cast<Reduction>(c.node.code) == Reduction::Mean) g = g / static_cast<double>(x.numel());
    if (w.defined()) g = g * w;
    if (c.needs(0)) {
        const Scalar lo = num(1e-12);
        c.set(0, g * (x - t) / clamp_scalar(x * (1.0 - x), &lo, nullptr));
    }
    if (c.needs(1)) c.set(1, g * (log(1.0 - x) - log(x)));
}

}  // namespace

Tensor binary_cross_entropy(const Tensor &input, const Tensor &target, const Tensor &weight, Reduction reduction) {
    if (autocast::Float32 f32; f32.active())
        return binary_cross_entropy(f32(input), f32(target), f32(weight), reduction);
    check_pair("binary_cross_entropy", input, target);
    EMBER_CHECK(std::equal(input.sizes().begin(), input.sizes().end(), target.sizes().begin(), target.sizes().end()),
                Shape, "Using a target size (", target.sizes(), ") that is different to the input size (",
                input.sizes(), ") is deprecated. Please ensure they have the same size.");
    autograd::Recorder rec("BinaryCrossEntropyBackward0", &bce_backward, {&input, &target});
    EMBER_CHECK(all_in_unit_interval(input), InvalidArgument, "all elements of input should be between 0 and 1");
    const Scalar lo = num(-100);
    Tensor loss = -(target * clamp_scalar(log(input), &lo, nullptr) +
                    (1.0 - target) * clamp_scalar(log(1.0 - input), &lo, nullptr));
    if (weight.defined()) loss = loss * weight;
    Tensor out = reduce_loss(loss, reduction);
    rec.finish({&out});
    if (rec) {
        rec.save(input);
        rec.save(target);
        rec.save(weight);
        rec.node().code = static_cast<int>(reduction);
    }
    return out;
}

Tensor binary_cross_entropy_with_logits(const Tensor &input, const Tensor &target, const Tensor &weight,
                                        const Tensor &pos_weight, Reduction reduction) {
    if (autocast::Float32 f32; f32.active())
        return binary_cross_entropy_with_logits(f32(input), f32(target), f32(weight), f32(pos_weight), reduction);
    check_pair("binary_cross_entropy_with_logits", input, target);
    EMBER_CHECK(std::equal(input.sizes().begin(), input.sizes().end(), target.sizes().begin(), target.sizes().end()),
                Shape, "Target size (", target.sizes(), ") must be the same as input size (", input.sizes(), ")");
    // log(1 + exp(-x)) = m + log(exp(-m) + exp(-x - m)) with m = max(-x, 0): no exp overflows.
    const Scalar zero = num(0);
    const Tensor m = clamp_scalar(-input, &zero, nullptr);
    const Tensor softplus_neg = log(exp(-m) + exp(-input - m)) + m;
    Tensor loss = pos_weight.defined() ? (1.0 - target) * input + ((pos_weight - 1.0) * target + 1.0) * softplus_neg
                                       : (1.0 - target) * input + softplus_neg;
    if (weight.defined()) loss = loss * weight;
    return reduce_loss(loss, reduction);
}

Tensor kl_div(const Tensor &input, const Tensor &target, Reduction reduction, bool log_target) {
    if (autocast::Float32 f32; f32.active()) return kl_div(f32(input), f32(target), reduction, log_target);
    check_pair("kl_div", input, target);
    Tensor loss;
    if (log_target) loss = exp(target) * (target - input);
    else {
        // xlogy(t, t) - t * input; xlogy is 0 where t == 0 (log(1) there keeps gradients finite).
        const Tensor safe = where(eq(target, 0.0), ones(DimVector{}, target.dtype()), target);
        loss = target * log(safe) - target * input;
    }
    return reduce_loss(loss, reduction);
}

Tensor cosine_embedding_loss(const Tensor &input1, const Tensor &input2, const Tensor &target, double margin,
                             Reduction reduction) {
    if (autocast::Float32 f32; f32.active())
        return cosine_embedding_loss(f32(input1), f32(input2), target, margin, reduction);
    check_floating(input1, "cosine_embedding_loss", "input1");
    check_floating(input2, "cosine_embedding_loss", "input2");
    EMBER_CHECK(target.defined(), InvalidArgument, "cosine_embedding_loss: target is NULL");
    EMBER_CHECK(target.dim() <= 1, Shape, "0D or 1D target tensor expected, multi-target not supported");
    if (target.dim() == 1) {
        EMBER_CHECK(input1.dim() == 2 && input2.dim() == 2, Shape,
                    "1D target tensor expects 2D input tensors, but found inputs with sizes ", input1.sizes(), " and ",
                    input2.sizes(), ".");
    } else {
        EMBER_CHECK(input1.dim() == 1 && input2.dim() == 1, Shape,
                    "0D target tensor expects 1D input tensors, but found inputs with sizes ", input1.sizes(), " and ",
                    input2.sizes(), ".");
    }
    const std::array<int64_t, 1> dims{target.dim()};
    constexpr double kEps = 1e-12;  // as PyTorch: keeps zero vectors from dividing by zero
    const Tensor prod_sum = sum(input1 * input2, dims, false);
    const Tensor mag1 = sum(input1 * input1, dims, false) + kEps;
    const Tensor mag2 = sum(input2 * input2, dims, false) + kEps;
    const Tensor cosine = prod_sum / sqrt(mag1 * mag2);
    const Scalar zero = num(0);
    const Tensor z = zeros(DimVector{}, cosine.dtype(), cosine.device());
    const Tensor pos = where(eq(target, 1.0), 1.0 - cosine, z);
    const Tensor neg = where(eq(target, -1.0), clamp_scalar(cosine - margin, &zero, nullptr), z);
    return reduce_loss(pos + neg, reduction);
}

// ---------------------------------------------------------------------------------------------
// Attention and linear

Tensor scaled_dot_product_attention(const Tensor &query, const Tensor &key, const Tensor &value,
                                    const Tensor &attn_mask, double dropout_p, bool is_causal,
                                    std::optional<double> scale, Generator &gen) {
    const char *op = "scaled_dot_product_attention";
    check_floating(query, op, "query");
    check_floating(key, op, "key");
    check_floating(value, op, "value");
    EMBER_CHECK(query.dim() >= 2 && key.dim() >= 2 && value.dim() >= 2, Shape, op,
                ": query, key and value must have at least 2 dims (..., L, E), got ", query.dim(), ", ", key.dim(),
                " and ", value.dim());
    const int64_t l = query.size(query.dim() - 2), e = query.size(query.dim() - 1), s = key.size(key.dim() - 2);
    EMBER_CHECK(key.size(key.dim() - 1) == e, Shape, op, ": query and key must have the same embedding size, got ", e,
                " and ", key.size(key.dim() - 1));
    EMBER_CHECK(value.size(value.dim() - 2) == s, Shape, op, ": key and value must have the same sequence length, got ",
                s, " and ", value.size(value.dim() - 2));
    EMBER_CHECK(dropout_p >= 0 && dropout_p <= 1, InvalidArgument, op,
                ": dropout probability has to be between 0 and 1, but got ", dropout_p);
    EMBER_CHECK(!(is_causal && attn_mask.defined()), InvalidArgument,
                "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
    const double sc = scale ? *scale : 1.0 / std::sqrt(static_cast<double>(e));
    Tensor scores = matmul(query, transpose(key, -2, -1)) * sc;
    const Tensor neg_inf = full(DimVector{}, Scalar::from_double(-std::numeric_limits<double>::infinity()),
                                scores.dtype(), scores.device());
    if (is_causal) {
        // Top-left aligned, as PyTorch: query i attends to keys 0..i.
        const Tensor keep = tril(ones(DimVector{l, s}, DType::Bool, query.device()), 0);
        scores = where(keep, scores, neg_inf);
    } else if (attn_mask.defined()) {
        if (attn_mask.dtype() == DType::Bool) scores = where(attn_mask, scores, neg_inf);
        else {
            EMBER_CHECK(is_floating(attn_mask.dtype()), DType, op, ": attn_mask must be bool or floating, got ",
                        dtype_name(attn_mask.dtype()));
            scores = scores + attn_mask;
        }
    }
    Tensor attn = softmax(scores, -1);
    if (dropout_p > 0) attn = dropout(attn, dropout_p, true, gen);
    return matmul(attn, value);
}

Tensor linear(const Tensor &input, const Tensor &weight, const Tensor &bias) {
    check_floating(input, "linear", "input");
    EMBER_CHECK(weight.defined(), InvalidArgument, "linear: weight is NULL");
    EMBER_CHECK(weight.dim() == 2, Shape, "linear: weight must be 2-D (out_features, in_features), got ", weight.dim(),
                "-D");
    EMBER_CHECK(input.dim() >= 1, Shape, "linear: input must have at least 1 dim, got a 0-dim tensor");
    EMBER_CHECK(input.size(input.dim() - 1) == weight.size(1), Shape, "mat1 and mat2 shapes cannot be multiplied (",
                input.numel() / std::max<int64_t>(input.size(input.dim() - 1), 1), "x", input.size(input.dim() - 1),
                " and ", weight.size(1), "x", weight.size(0), ")");
    if (bias.defined()) {
        EMBER_CHECK(bias.dim() <= 1 && bias.numel() == weight.size(0), Shape, "linear: bias must have ",
                    weight.size(0), " elements (out_features), got shape ", bias.sizes());
    }
    const Tensor wt = transpose(weight, 0, 1);
    if (input.dim() == 1) {
        Tensor y = matmul(input, wt);
        return bias.defined() ? y + reshape(bias, DimVector{weight.size(0)}) : y;
    }
    // Every leading dim folds into the rows of one GEMM; the bias is its beta = 1 addend.
    const Tensor x2 = input.dim() == 2 ? input : reshape(input, DimVector{-1, input.size(input.dim() - 1)});
    Tensor y = bias.defined()
                   ? addmm(reshape(bias, DimVector{weight.size(0)}), x2, wt, Scalar::from_int(1), Scalar::from_int(1))
                   : mm(x2, wt);
    if (input.dim() == 2) return y;
    DimVector shape(input.sizes());
    shape.back() = weight.size(0);
    return reshape(y, shape);
}

}  // namespace ember
