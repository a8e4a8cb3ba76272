#include "ops/pooling.h"

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/tensor_iterator.h"
#include "ops/indexing.h"
#include "ops/views.h"

namespace ember {

DispatchTable<PoolKernel, static_cast<int>(PoolOp::Count)> &pool_dispatch() {
    static DispatchTable<PoolKernel, static_cast<int>(PoolOp::Count)> t;
    return t;
}

namespace {

using autograd::BackwardContext;

// PyTorch's ScalarType names, which its "not implemented for" messages print.
const char *scalar_type_name(DType d) {
    switch (d) {
        case DType::Float32: return "Float";
        case DType::Float64: return "Double";
        case DType::Float16: return "Half";
        case DType::BFloat16: return "BFloat16";
        case DType::Int8: return "Char";
        case DType::UInt8: return "Byte";
        case DType::Int16: return "Short";
        case DType::Int32: return "Int";
        case DType::Int64: return "Long";
        case DType::Bool: return "Bool";
        default: return "Undefined";
    }
}

void check_floating(const Tensor &x, const char *op) {
    EMBER_CHECK(is_floating(x.dtype()), DType, "\"", op, "\" not implemented for '", scalar_type_name(x.dtype()), "'");
}

// Floor division (PyTorch's div_rtn).
int64_t div_floor(int64_t a, int64_t b) {
    int64_t q = a / b, r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}

// PyTorch's pooling_output_shape: with ceil_mode the last window must still start inside the
// input or its left padding.
int64_t pooled_size(int64_t in, int64_t k, int64_t pad, int64_t s, int64_t d, bool ceil_mode) {
    int64_t out = div_floor(in + 2 * pad - d * (k - 1) - 1 + (ceil_mode ? s - 1 : 0), s) + 1;
    if (ceil_mode && (out - 1) * s >= in + pad) --out;
    return out;
}

// The geometry of a pooling over the last two dims of x.
struct Planes {
    int64_t planes = 1, ih = 0, iw = 0, oh = 0, ow = 0;
    DimVector out_sizes;
};

Planes planes_of(const Tensor &x, int64_t oh, int64_t ow) {
    Planes s;
    for (int64_t d = 0; d + 2 < x.dim(); ++d) s.planes *= x.size(d);
    s.ih = x.size(-2 + x.dim()), s.iw = x.size(x.dim() - 1);
    s.oh = oh, s.ow = ow;
    s.out_sizes = DimVector(x.sizes());
    s.out_sizes[s.out_sizes.size() - 2] = oh;
    s.out_sizes[s.out_sizes.size() - 1] = ow;
    return s;
}

// PyTorch's checks of a max/avg pooling (pooling_output_shape and pool2d_shape_check), in order.
Planes check_pool2d(const Tensor &x, const Pool2dParams &q, bool is_max) {
    EMBER_CHECK(x.defined(), InvalidArgument, is_max ? "max_pool2d" : "avg_pool2d", ": input is NULL");
    if (is_max)
        EMBER_CHECK(x.dim() == 3 || x.dim() == 4, Shape, "non-empty 3D or 4D (batch mode) tensor expected for input");
    else
        EMBER_CHECK(x.dim() == 3 || x.dim() == 4, Shape,
                    "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:", x.sizes());
    for (int i = 0; i < 2; ++i) {
        EMBER_CHECK(q.stride[i] != 0, InvalidArgument, "stride should not be zero");
        EMBER_CHECK(q.pad[i] >= 0, InvalidArgument, "pad must be non-negative, but got pad: ", q.pad[i]);
        EMBER_CHECK(q.pad[i] <= q.kernel[i] / 2, InvalidArgument, "pad should be at most half of kernel size, but got pad=",
                    q.pad[i], " and kernel_size=", q.kernel[i]);
    }
    EMBER_CHECK(q.kernel[0] > 0 && q.kernel[1] > 0, InvalidArgument, "kernel size should be greater than zero, but got kH: ",
                q.kernel[0], " kW: ", q.kernel[1]);
    EMBER_CHECK(q.stride[0] > 0 && q.stride[1] > 0, InvalidArgument, "stride should be greater than zero, but got dH: ",
                q.stride[0], " dW: ", q.stride[1]);
    EMBER_CHECK(q.dilation[0] > 0 && q.dilation[1] > 0, InvalidArgument,
                "dilation should be greater than zero, but got dilationH: ", q.dilation[0], " dilationW: ", q.dilation[1]);
    const int64_t n = x.dim();
    const bool valid = x.size(n - 3) != 0 && x.size(n - 2) != 0 && x.size(n - 1) != 0;
    EMBER_CHECK(valid, Shape, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:",
                x.sizes());
    const int64_t oh = pooled_size(x.size(n - 2), q.kernel[0], q.pad[0], q.stride[0], q.dilation[0], q.ceil_mode);
    const int64_t ow = pooled_size(x.size(n - 1), q.kernel[1], q.pad[1], q.stride[1], q.dilation[1], q.ceil_mode);
    EMBER_CHECK(oh >= 1 && ow >= 1, Shape, "Given input size: (", x.size(n - 3), "x", x.size(n - 2), "x", x.size(n - 1),
                "). Calculated output size: (", x.size(n - 3), "x", oh, "x", ow, "). Output size is too small");
    return planes_of(x, oh, ow);
}

// Runs op with the contiguous in (and indices) into out.
void run(PoolOp op, const Planes &s, const Pool2dParams &q, const Tensor &in, const Tensor &out,
         const Tensor &indices = {}, const Tensor &saved_indices = {}) {
    if (out.numel() == 0) return;
    PoolProblem p;
    p.dtype = in.dtype();
    p.planes = s.planes, p.ih = s.ih, p.iw = s.iw, p.oh = s.oh, p.ow = s.ow;
    p.params = q;
    p.in = in.data_ptr();
    p.out = out.data_ptr();
    p.indices = indices.defined() ? indices.data<int64_t>() : nullptr;
    p.saved_indices = saved_indices.defined() ? saved_indices.data<int64_t>() : nullptr;
    pool_dispatch().get(in.device(), static_cast<int>(op), "pooling")(p);
}

// Node storage of Pool2dParams: [kernel x2, stride x2, pad x2, dilation x2, ceil_mode,
// count_include_pad, divisor].
DimVector pack(const Pool2dParams &q) {
    return DimVector{q.kernel[0], q.kernel[1], q.stride[0],  q.stride[1],          q.pad[0],
                     q.pad[1],    q.dilation[0], q.dilation[1], q.ceil_mode ? 1 : 0, q.count_include_pad ? 1 : 0,
                     q.divisor};
}
Pool2dParams unpack(const DimVector &v) {
    Pool2dParams q;
    for (size_t i = 0; i < 2; ++i) {
        q.kernel[i] = v[i];
        q.stride[i] = v[2 + i];
        q.pad[i] = v[4 + i];
        q.dilation[i] = v[6 + i];
    }
    q.ceil_mode = v[8] != 0;
    q.count_include_pad = v[9] != 0;
    q.divisor = v[10];
    return q;
}

// The gradient of a max-pool backward with respect to its grad_output: ggI gathered at the
// indices, plane by plane (PyTorch's max_pool_double_backward).
Tensor max_pool_double_backward(const Tensor &ggI, const Tensor &indices) {
    Tensor g = flatten(ggI, -2, -1), i = flatten(indices, -2, -1);
    return view(gather(g, -1, i), indices.sizes());
}

// The formulas of the backward ops give the input (used only for its shape) a zero gradient, as
// PyTorch's do; its shape and dtype are kept in the node.
void remember_input(autograd::Recorder &rec, const Tensor &input) {
    if (!rec) return;
    rec.node().shapes = {DimVector(input.sizes())};
    rec.node().dtype = input.dtype();
}
void zero_input_grad(BackwardContext &c, size_t i) {
    if (c.needs(i)) c.set(i, zeros(c.node.shapes[0], c.node.dtype));
}

void check_backward_grad(const char *op, const Tensor &grad, const Tensor &input, IntArrayRef expected) {
    EMBER_CHECK(grad.defined() && input.defined(), InvalidArgument, op, ": input is NULL");
    EMBER_CHECK(grad.sizes().size() == expected.size() && std::equal(expected.begin(), expected.end(), grad.sizes().begin()),
                Shape, op, ": expected grad_output of size ", expected, ", but got ", grad.sizes());
    EMBER_CHECK(grad.dtype() == input.dtype(), DType, op, ": expected grad_output of dtype ", dtype_name(input.dtype()),
                ", but got ", dtype_name(grad.dtype()));
}

void max_pool2d_fn(BackwardContext &c) {
    c.set(0, max_pool2d_backward(c.grad(), c.saved(0), c.saved(1), unpack(c.node.ints)));
}
void max_pool2d_backward_fn(BackwardContext &c) {
    if (c.needs(0)) c.set(0, max_pool_double_backward(c.grad(), c.saved(0)));
    zero_input_grad(c, 1);
}
void avg_pool2d_fn(BackwardContext &c) { c.set(0, avg_pool2d_backward(c.grad(), c.saved(0), unpack(c.node.ints))); }
void avg_pool2d_backward_fn(BackwardContext &c) {
    if (c.needs(0)) c.set(0, avg_pool2d(c.grad(), unpack(c.node.ints)));
    zero_input_grad(c, 1);
}
void adaptive_avg_fn(BackwardContext &c) { c.set(0, adaptive_avg_pool2d_backward(c.grad(), c.saved(0))); }
void adaptive_avg_backward_fn(BackwardContext &c) {
    if (c.needs(0)) c.set(0, adaptive_avg_pool2d(c.grad(), c.node.ints));
    zero_input_grad(c, 1);
}
void adaptive_max_fn(BackwardContext &c) { c.set(0, adaptive_max_pool2d_backward(c.grad(), c.saved(0), c.saved(1))); }
void adaptive_max_backward_fn(BackwardContext &c) {
    if (c.needs(0)) c.set(0, max_pool_double_backward(c.grad(), c.saved(0)));
    zero_input_grad(c, 1);
}

// A parameter list of 1 or 2 values into out (an empty list gives fallback when allowed).
bool expand2(IntArrayRef v, int64_t *out, const int64_t *fallback) {
    if (v.empty() && fallback) {
        out[0] = fallback[0], out[1] = fallback[1];
        return true;
    }
    if (v.size() != 1 && v.size() != 2) return false;
    out[0] = v[0];
    out[1] = v[v.size() - 1];
    return true;
}

// Adaptive output sizes: 1 or 2 values.
void adaptive_sizes(const char *op, IntArrayRef output_size, int64_t *out) {
    EMBER_CHECK(output_size.size() == 1 || output_size.size() == 2, InvalidArgument, op, ": output_size must be 2");
    out[0] = output_size[0];
    out[1] = output_size[output_size.size() - 1];
}

// Checks that every dim of x from `first` on is non-empty (adaptive pooling's rule).
void check_nonempty(const char *op, const Tensor &x, int64_t first) {
    for (int64_t d = first; d < x.dim(); ++d)
        EMBER_CHECK(x.size(d) > 0, Shape, op,
                    "(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ", x.sizes(),
                    " with dimension ", d, " being empty");
}

}  // namespace

Pool2dParams make_pool2d_params(const char *op, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding,
                                IntArrayRef dilation, bool ceil_mode) {
    const bool is_max = std::string_view(op) == "max_pool2d";
    Pool2dParams q;
    q.ceil_mode = ceil_mode;
    EMBER_CHECK(!kernel.empty() && expand2(kernel, q.kernel, nullptr), InvalidArgument, op,
                ": kernel_size must either be a single int, or a tuple of two ints");
    EMBER_CHECK(expand2(stride, q.stride, q.kernel), InvalidArgument, op,
                ": stride must either be omitted, a single int, or a tuple of two ints");
    const int64_t zeros2[2] = {0, 0}, ones2[2] = {1, 1};
    EMBER_CHECK(expand2(padding, q.pad, zeros2), InvalidArgument, op,
                is_max ? ": padding must be either be a single int, or a tuple of two ints"
                       : ": padding must either be a single int, or a tuple of two ints");
    EMBER_CHECK(expand2(dilation, q.dilation, ones2), InvalidArgument, op,
                ": dilation must be either a single int, or a tuple of two ints");
    return q;
}

std::pair<Tensor, Tensor> max_pool2d(const Tensor &input, const Pool2dParams &q, bool want_indices) {
    const Planes s = check_pool2d(input, q, true);
    check_floating(input, "max_pool2d");
    autograd::Recorder rec("MaxPool2DWithIndicesBackward0", &max_pool2d_fn, {&input});
    if (rec) {
        rec.node().ints = pack(q);
        rec.save(input);
    }
    Tensor out = empty(s.out_sizes, input.dtype(), input.device());
    Tensor idx = want_indices || rec ? empty(s.out_sizes, DType::Int64, input.device()) : Tensor();
    run(PoolOp::MaxForward, s, q, contiguous_as(input, input.dtype()), out, idx);
    // Only the values are results of the node: indices have no gradient, and a second result
    // would only make the engine allocate zeros for it on every backward pass.
    rec.finish({&out});
    if (rec) rec.node().saved.emplace_back(idx, false);
    return {out, want_indices ? idx : Tensor()};
}

Tensor max_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Tensor &indices,
                           const Pool2dParams &q) {
    const Planes s = check_pool2d(input, q, true);
    check_backward_grad("max_pool2d_backward", grad_output, input, s.out_sizes);
    EMBER_CHECK(indices.defined() && indices.dtype() == DType::Int64 &&
                    std::equal(s.out_sizes.begin(), s.out_sizes.end(), indices.sizes().begin(), indices.sizes().end()),
                Shape, "max_pool2d_backward: expected int64 indices of size ", s.out_sizes.span());
    autograd::Recorder rec("MaxPool2DWithIndicesBackwardBackward0", &max_pool2d_backward_fn, {&grad_output, &input});
    if (rec) rec.node().saved.emplace_back(indices, false);
    remember_input(rec, input);
    Tensor out = empty(input.sizes(), input.dtype(), input.device());
    run(PoolOp::MaxBackward, s, q, contiguous_as(grad_output, input.dtype()), out, {},
        contiguous_as(indices, DType::Int64));
    rec.finish({&out});
    return out;
}

Tensor avg_pool2d(const Tensor &input, const Pool2dParams &q) {
    const Planes s = check_pool2d(input, q, false);
    check_floating(input, "avg_pool2d");
    autograd::Recorder rec("AvgPool2DBackward0", &avg_pool2d_fn, {&input});
    if (rec) {
        rec.node().ints = pack(q);
        rec.save(input);
    }
    Tensor out = empty(s.out_sizes, input.dtype(), input.device());
    run(PoolOp::AvgForward, s, q, contiguous_as(input, input.dtype()), out);
    rec.finish({&out});
    return out;
}

Tensor avg_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Pool2dParams &q) {
    const Planes s = check_pool2d(input, q, false);
    check_backward_grad("avg_pool2d_backward", grad_output, input, s.out_sizes);
    autograd::Recorder rec("AvgPool2DBackwardBackward0", &avg_pool2d_backward_fn, {&grad_output, &input});
    if (rec) rec.node().ints = pack(q);
    remember_input(rec, input);
    Tensor out = empty(input.sizes(), input.dtype(), input.device());
    run(PoolOp::AvgBackward, s, q, contiguous_as(grad_output, input.dtype()), out);
    rec.finish({&out});
    return out;
}

Tensor adaptive_avg_pool2d(const Tensor &input, IntArrayRef output_size) {
    EMBER_CHECK(input.defined(), InvalidArgument, "adaptive_avg_pool2d: input is NULL");
    int64_t o[2];
    adaptive_sizes("adaptive_avg_pool2d", output_size, o);
    EMBER_CHECK(o[0] >= 0 && o[1] >= 0, InvalidArgument,
                "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {", o[0],
                ", ", o[1], "}");
    EMBER_CHECK(input.dim() == 3 || input.dim() == 4, Shape, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ",
                input.sizes());
    check_nonempty("adaptive_avg_pool2d", input, input.dim() - 2);
    check_floating(input, "adaptive_avg_pool2d");
    const Planes s = planes_of(input, o[0], o[1]);
    autograd::Recorder rec("AdaptiveAvgPool2DBackward0", &adaptive_avg_fn, {&input});
    rec.save(input);
    Tensor out = empty(s.out_sizes, input.dtype(), input.device());
    run(PoolOp::AdaptiveAvgForward, s, {}, contiguous_as(input, input.dtype()), out);
    rec.finish({&out});
    return out;
}

Tensor adaptive_avg_pool2d_backward(const Tensor &grad_output, const Tensor &input) {
    EMBER_CHECK(grad_output.defined() && input.defined() && grad_output.dim() == input.dim() && input.dim() >= 3,
                Shape, "adaptive_avg_pool2d_backward: grad_output and input must have the same rank (3 or 4)");
    const Planes s = planes_of(input, grad_output.size(-2 + grad_output.dim()), grad_output.size(grad_output.dim() - 1));
    check_backward_grad("adaptive_avg_pool2d_backward", grad_output, input, s.out_sizes);
    autograd::Recorder rec("AdaptiveAvgPool2DBackwardBackward0", &adaptive_avg_backward_fn, {&grad_output, &input});
    if (rec) rec.node().ints = DimVector{s.oh, s.ow};
    remember_input(rec, input);
    Tensor out = empty(input.sizes(), input.dtype(), input.device());
    if (s.oh * s.ow == 0) fill_(out, Scalar::from_int(0));
    else run(PoolOp::AdaptiveAvgBackward, s, {}, contiguous_as(grad_output, input.dtype()), out);
    rec.finish({&out});
    return out;
}

std::pair<Tensor, Tensor> adaptive_max_pool2d(const Tensor &input, IntArrayRef output_size) {
    EMBER_CHECK(input.defined(), InvalidArgument, "adaptive_max_pool2d: input is NULL");
    EMBER_CHECK(input.dim() == 3 || input.dim() == 4, Shape, "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: ",
                input.sizes());
    check_nonempty("adaptive_max_pool2d", input, 1);
    EMBER_CHECK(output_size.size() == 1 || output_size.size() == 2, InvalidArgument,
                "adaptive_max_pool2d(): internal error: output_size.size() must be 2");
    int64_t o[2];
    adaptive_sizes("adaptive_max_pool2d", output_size, o);
    const Planes s = planes_of(input, o[0], o[1]);
    EMBER_CHECK(o[0] >= 0 && o[1] >= 0, InvalidArgument, "Trying to create tensor with negative dimension ",
                std::min(o[0], o[1]), ": ", s.out_sizes.span());
    check_floating(input, "adaptive_max_pool2d");
    autograd::Recorder rec("AdaptiveMaxPool2DBackward0", &adaptive_max_fn, {&input});
    rec.save(input);
    Tensor out = empty(s.out_sizes, input.dtype(), input.device());
    Tensor idx = empty(s.out_sizes, DType::Int64, input.device());
    run(PoolOp::AdaptiveMaxForward, s, {}, contiguous_as(input, input.dtype()), out, idx);
    rec.finish({&out});  // (as max_pool2d)
    if (rec) rec.node().saved.emplace_back(idx, false);
    return {out, idx};
}

Tensor adaptive_max_pool2d_backward(const Tensor &grad_output, const Tensor &input, const Tensor &indices) {
    EMBER_CHECK(grad_output.defined() && input.defined() && indices.defined() && grad_output.dim() == input.dim() &&
                    input.dim() >= 3,
                Shape, "adaptive_max_pool2d_backward: grad_output and input must have the same rank (3 or 4)");
    const Planes s = planes_of(input, grad_output.size(-2 + grad_output.dim()), grad_output.size(grad_output.dim() - 1));
    check_backward_grad("adaptive_max_pool2d_backward", grad_output, input, s.out_sizes);
    EMBER_CHECK(indices.dtype() == DType::Int64 &&
                    std::equal(s.out_sizes.begin(), s.out_sizes.end(), indices.sizes().begin(), indices.sizes().end()),
                Shape, "adaptive_max_pool2d_backward: expected int64 indices of size ", s.out_sizes.span());
    autograd::Recorder rec("AdaptiveMaxPool2DBackwardBackward0", &adaptive_max_backward_fn, {&grad_output, &input});
    if (rec) rec.node().saved.emplace_back(indices, false);
    remember_input(rec, input);
    Tensor out = empty(input.sizes(), input.dtype(), input.device());
    if (s.oh * s.ow == 0) fill_(out, Scalar::from_int(0));
    else run(PoolOp::MaxBackward, s, {}, contiguous_as(grad_output, input.dtype()), out, {},
             contiguous_as(indices, DType::Int64));
    rec.finish({&out});
    return out;
}

namespace {

// PyTorch's check1d: a 1-d pooling parameter list holds one value (stride may be empty).
void check1d(const char *op, const char *arg, IntArrayRef v, bool may_be_empty) {
    EMBER_CHECK(v.size() == 1 || (may_be_empty && v.empty()), InvalidArgument, op, "() argument '", arg,
                "' should contain one int (got ", v.size(), ")");
}

const int64_t kHeightDim[1] = {-2};

}  // namespace

std::pair<Tensor, Tensor> max_pool1d(const Tensor &input, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding,
                                     IntArrayRef dilation, bool ceil_mode, bool want_indices) {
    EMBER_CHECK(input.defined(), InvalidArgument, "max_pool1d: input is NULL");
    EMBER_CHECK(input.dim() == 2 || input.dim() == 3, Shape,
                "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:",
                input.sizes());
    check1d("max_pool1d", "kernel_size", kernel, false);
    check1d("max_pool1d", "stride", stride, true);
    check1d("max_pool1d", "padding", padding, true);
    check1d("max_pool1d", "dilation", dilation, true);
    Pool2dParams q;
    q.kernel[1] = kernel[0];
    q.stride[1] = stride.empty() ? kernel[0] : stride[0];
    q.pad[1] = padding.empty() ? 0 : padding[0];
    q.dilation[1] = dilation.empty() ? 1 : dilation[0];
    q.ceil_mode = ceil_mode;
    auto [out, idx] = max_pool2d(unsqueeze(input, -2), q, want_indices);
    const IntArrayRef h(kHeightDim, 1);
    return {squeeze(out, h), idx.defined() ? squeeze(idx, h) : Tensor()};
}

Tensor avg_pool1d(const Tensor &input, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad) {
    EMBER_CHECK(input.defined(), InvalidArgument, "avg_pool1d: input is NULL");
    EMBER_CHECK(input.dim() == 2 || input.dim() == 3, Shape, "Expected 2 to 3 dimensions, but got ", input.dim(),
                "-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)");
    check1d("avg_pool1d", "kernel_size", kernel, false);
    check1d("avg_pool1d", "stride", stride, true);
    check1d("avg_pool1d", "padding", padding, true);
    Pool2dParams q;
    q.kernel[1] = kernel[0];
    q.stride[1] = stride.empty() ? kernel[0] : stride[0];
    q.pad[1] = padding.empty() ? 0 : padding[0];
    q.ceil_mode = ceil_mode;
    q.count_include_pad = count_include_pad;
    return squeeze(avg_pool2d(unsqueeze(input, -2), q), IntArrayRef(kHeightDim, 1));
}

}  // namespace ember
