#include "ops/conv.h"

#include <sstream>

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/tensor_iterator.h"
#include "ops/autocast.h"
#include "ops/reduce.h"
#include "ops/views.h"
#ifdef EMBER_WITH_DNNL
#include "cpu/onednn_conv.h"
#endif

namespace ember {

DispatchTable<ConvForwardKernel> &conv_forward_dispatch() {
    static DispatchTable<ConvForwardKernel> t;
    return t;
}
DispatchTable<ConvBackwardDataKernel> &conv_backward_data_dispatch() {
    static DispatchTable<ConvBackwardDataKernel> t;
    return t;
}
DispatchTable<ConvBackwardWeightsKernel> &conv_backward_weights_dispatch() {
    static DispatchTable<ConvBackwardWeightsKernel> t;
    return t;
}

namespace {

using autograd::BackwardContext;

// PyTorch's legacy tensor type names, which its convolution dtype message prints.
const char *tensor_type_name(DType d) {
    switch (d) {
        case DType::Float32: return "torch.FloatTensor";
        case DType::Float64: return "torch.DoubleTensor";
        case DType::Float16: return "torch.HalfTensor";
        case DType::BFloat16: return "torch.BFloat16Tensor";
        case DType::Int8: return "torch.CharTensor";
        case DType::UInt8: return "torch.ByteTensor";
        case DType::Int16: return "torch.ShortTensor";
        case DType::Int32: return "torch.IntTensor";
        case DType::Int64: return "torch.LongTensor";
        case DType::Bool: return "torch.BoolTensor";
        default: return "undefined";
    }
}

// PyTorch's C++ type names ("float", "double"), which its bias dtype message prints.
const char *cpp_type_name(DType d) {
    switch (d) {
        case DType::Float32: return "float";
        case DType::Float64: return "double";
        case DType::Float16: return "c10::Half";
        case DType::BFloat16: return "c10::BFloat16";
        case DType::Int8: return "signed char";
        case DType::UInt8: return "unsigned char";
        case DType::Int16: return "short int";
        case DType::Int32: return "int";
        case DType::Int64: return "long int";
        case DType::Bool: return "bool";
        default: return "undefined";
    }
}

// "a x b" (PyTorch's way of printing spatial sizes in convolution messages).
std::string by(const int64_t *v, int64_t n) {
    std::ostringstream os;
    for (int64_t i = 0; i < n; ++i) os << (i ? " x " : "") << v[i];
    return os.str();
}

// Fills out[0..d) from a parameter list of 1 or d values (PyTorch's expand_param_if_needed).
void expand_param(IntArrayRef v, const char *name, int64_t d, int64_t fallback, int64_t *out, bool allow_sides = false) {
    const int64_t n = static_cast<int64_t>(v.size());
    if (n == 0) {
        for (int64_t i = 0; i < d; ++i) out[i] = fallback;
        return;
    }
    EMBER_CHECK(n == 1 || n == d || (allow_sides && n == 2 * d), InvalidArgument, "expected ", name,
                " to be a single integer value or a list of ", d, " values to match the convolution dimensions",
                allow_sides ? std::string(" (or ") + std::to_string(2 * d) + " values: the begins, then the ends)" : "",
                ", but got ", name, "=", v);
    for (int64_t i = 0; i < d; ++i) out[i] = v[n == 1 ? 0 : static_cast<size_t>(i)];
}

// Node storage of ConvParams: [dims, transposed, groups, stride x2, pad_begin x2, pad_end x2,
// dilation x2, output_padding x2].
void store(autograd::OpNode &node, const ConvParams &p) {
    node.ints = DimVector{p.dims,           p.transposed ? 1 : 0, p.groups,
                          p.stride[0],      p.stride[1],          p.pad_begin[0],
                          p.pad_begin[1],   p.pad_end[0],         p.pad_end[1],
                          p.dilation[0],    p.dilation[1],        p.output_padding[0],
                          p.output_padding[1]};
}
ConvParams load(const autograd::OpNode &node) {
    const DimVector &v = node.ints;
    ConvParams p;
    p.dims = v[0];
    p.transposed = v[1] != 0;
    p.groups = v[2];
    for (size_t i = 0; i < 2; ++i) {
        p.stride[i] = v[3 + i];
        p.pad_begin[i] = v[5 + i];
        p.pad_end[i] = v[7 + i];
        p.dilation[i] = v[9 + i];
        p.output_padding[i] = v[11 + i];
    }
    return p;
}

// The spatial output size of (possibly transposed) convolution p along dim i.
int64_t output_size(const ConvParams &p, int64_t i, int64_t in, int64_t kernel) {
    const int64_t extent = p.dilation[i] * (kernel - 1) + 1;
    if (p.transposed) return (in - 1) * p.stride[i] - p.pad_begin[i] - p.pad_end[i] + extent + p.output_padding[i];
    return (in + p.pad_begin[i] + p.pad_end[i] - extent) / p.stride[i] + 1;
}

// PyTorch's checks of convolution arguments (check_shape_forward and friends), in its order;
// returns the output's sizes.
DimVector check_forward(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &p) {
    EMBER_CHECK(input.defined() && weight.defined(), InvalidArgument, "convolution: input is NULL");
    EMBER_CHECK(input.device() == weight.device() && (!bias.defined() || bias.device() == input.device()), Device,
                "Expected all tensors to be on the same device, but found at least two devices, ",
                input.device().type_name(), " and ", weight.device().type_name(), "!");
    const int64_t d = p.dims;
    EMBER_CHECK(d == 1 || d == 2, InvalidArgument, "convolution: only 1-d and 2-d convolutions are supported, got ", d);
    EMBER_CHECK(p.groups > 0, InvalidArgument, "non-positive groups is not supported");
    for (int64_t i = 0; i < d; ++i) {
        EMBER_CHECK(p.pad_begin[i] >= 0 && p.pad_end[i] >= 0, InvalidArgument, "negative padding is not supported");
        EMBER_CHECK(p.output_padding[i] >= 0, InvalidArgument, "negative output_padding is not supported");
        EMBER_CHECK(p.stride[i] > 0, InvalidArgument, "non-positive stride is not supported");
        EMBER_CHECK(p.dilation[i] > 0, InvalidArgument, "non-positive dilation is not supported");
    }
    EMBER_CHECK(weight.dim() == d + 2, Shape, "conv", d, "d: expected a ", d + 2, "-dimensional weight, but got weight of size ",
                weight.sizes());
    EMBER_CHECK(input.dim() == weight.dim(), Shape, "Expected ", weight.dim(), "-dimensional input for ", weight.dim(),
                "-dimensional weight ", weight.sizes(), ", but got ", input.dim(), "-dimensional input of size ",
                input.sizes(), " instead");
    EMBER_CHECK(weight.size(0) >= p.groups, Shape, "Given groups=", p.groups, ", expected weight to be at least ",
                p.groups, " at dimension 0, but got weight of size ", weight.sizes(), " instead");
    EMBER_CHECK(weight.size(0) % p.groups == 0, Shape, "Given groups=", p.groups, ", expected weight to be divisible by ",
                p.groups, " at dimension 0, but got weight of size [", weight.sizes(), "] instead");
    EMBER_CHECK(input.dtype() == weight.dtype(), DType, "Input type (", tensor_type_name(input.dtype()),
                ") and weight type (", tensor_type_name(weight.dtype()), ") should be the same");
    EMBER_CHECK(!bias.defined() || bias.dtype() == input.dtype(), DType, "Input type (", cpp_type_name(input.dtype()),
                ") and bias type (", cpp_type_name(bias.dtype()), ") should be the same");
    EMBER_CHECK(input.dtype() != DType::Bool, DType, "convolution: not implemented for 'Bool'");

    const int64_t *ks = weight.sizes().data() + 2, *is = input.sizes().data() + 2;
    DimVector out{input.size(0), 0};
    if (!p.transposed) {
        const int64_t channels = weight.size(1) * p.groups;
        EMBER_CHECK(input.size(1) == channels, Shape, "Given groups=", p.groups, ", weight of size ", weight.sizes(),
                    ", expected input", input.sizes(), " to have ", channels, " channels, but got ", input.size(1),
                    " channels instead");
        EMBER_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(0)), Shape, "Given weight of size ",
                    weight.sizes(), ", expected bias to be 1-dimensional with ", weight.size(0),
                    " elements, but got bias of size ", bias.sizes(), " instead");
        int64_t padded[2], extent[2];
        bool fits = true;
        for (int64_t i = 0; i < d; ++i) {
            padded[i] = is[i] + p.pad_begin[i] + p.pad_end[i];
            extent[i] = p.dilation[i] * (ks[i] - 1) + 1;
            fits = fits && padded[i] >= extent[i];
        }
        EMBER_CHECK(fits, Shape, "Calculated padded input size per channel: (", by(padded, d), "). Kernel size: (",
                    by(extent, d), "). Kernel size can't be greater than actual input size");
        out[1] = weight.size(0);
    } else {
        EMBER_CHECK(input.size(1) == weight.size(0), Shape, "Given transposed=1, weight of size ", weight.sizes(),
                    ", expected input", input.sizes(), " to have ", weight.size(0), " channels, but got ", input.size(1),
                    " channels instead");
        const int64_t channels = weight.size(1) * p.groups;
        EMBER_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == channels), Shape,
                    "Given transposed=1, weight of size ", weight.sizes(), ", expected bias to be 1-dimensional with ",
                    channels, " elements, but got bias of size ", bias.sizes(), " instead");
        bool ok = true;
        for (int64_t i = 0; i < d; ++i) ok = ok && (p.output_padding[i] < p.stride[i] || p.output_padding[i] < p.dilation[i]);
        if (!ok) {
            // PyTorch reports this as a 2-d problem (its 1-d transposed convolution is a 2-d one of height 1).
            const int64_t o = d == 1 ? 1 : 0;
            auto at = [&](const int64_t *v, int64_t i, int64_t one) { return i < o ? one : v[i - o]; };
            fail(Status::InvalidArgument,
                 "output padding must be smaller than either stride or dilation, but got output_padding_height: ",
                 at(p.output_padding, 0, 0), " output_padding_width: ", at(p.output_padding, 1, 0),
                 " stride_height: ", at(p.stride, 0, 1), " stride_width: ", at(p.stride, 1, 1),
                 " dilation_height: ", at(p.dilation, 0, 1), " dilation_width: ", at(p.dilation, 1, 1));
        }
        out[1] = channels;
    }
    bool kernel_ok = true;
    for (int64_t i = 0; i < d; ++i) kernel_ok = kernel_ok && ks[i] > 0;
    if (!kernel_ok) {
        std::ostringstream os;
        for (int64_t i = 0; i < d; ++i) os << (i ? " " : "") << (d == 2 && i == 0 ? "kernel_height: " : "kernel_width: ") << ks[i];
        fail(Status::Shape, "kernel size should be greater than zero, but got ", os.str());
    }
    int64_t sizes[2];
    bool positive = true;
    for (int64_t i = 0; i < d; ++i) {
        sizes[i] = output_size(p, i, is[i], ks[i]);
        positive = positive && sizes[i] > 0;
        out.push_back(sizes[i]);
    }
    EMBER_CHECK(positive, Shape, "Given input size per channel: (", by(is, d), "). Calculated output size per channel: (",
                by(sizes, d), "). Output size is too small");
    return out;
}

// The plain convolution problem behind p: x is the non-transposed convolution's input side (the
// input of a convolution, the output of a transposed one), y the other side.
ConvGeometry geometry(DType dtype, IntArrayRef x, IntArrayRef w, IntArrayRef y, const ConvParams &p) {
    ConvGeometry g;
    g.dtype = dtype;
    g.n = x[0], g.c = x[1], g.k = y[1];
    g.groups = p.groups;
    g.h = g.oh = g.kh = 1;
    const int64_t o = p.dims == 1 ? 1 : 0;  // a 1-d convolution is a 2-d one of height 1
    int64_t *gx[2] = {&g.h, &g.w}, *gy[2] = {&g.oh, &g.ow}, *gk[2] = {&g.kh, &g.kw};
    for (int64_t i = 0; i < 2; ++i) {
        if (i < o) continue;
        const int64_t j = i - o;
        *gx[i] = x[2 + j], *gy[i] = y[2 + j], *gk[i] = w[2 + j];
        g.stride[i] = p.stride[j];
        g.dilation[i] = p.dilation[j];
        g.pad[i] = p.pad_begin[j];
    }
    for (int64_t i = 0; i < 2; ++i)
        g.pad_end[i] = (*gy[i] - 1) * g.stride[i] + (*gk[i] - 1) * g.dilation[i] + 1 - *gx[i] - g.pad[i];
    return g;
}

bool degenerate(const ConvGeometry &g) {
    return g.n == 0 || g.c == 0 || g.k == 0 || g.h == 0 || g.w == 0 || g.oh == 0 || g.ow == 0;
}

// bias (k) added to every position of channel dim 1 of out, in place.
void add_bias_(const Tensor &out, const Tensor &bias) {
    DimVector shape(out.dim(), 1);
    shape[1] = bias.numel();
    binary(EMBER_BINARY_ADD, out, view(bias, shape), out);
}

enum class Pass { Forward, BackwardData, BackwardWeights };

// Runs pass of g into out: forward (a = x, b = w, bias optional), backward data (a = gy, b = w),
// backward weights (a = x, b = gy). Every tensor is contiguous with g's dtype; out is written
// entirely.
void run_pass(Pass pass, const ConvGeometry &g, const Tensor &a, const Tensor &b, const Tensor &bias, const Tensor &out) {
    if (degenerate(g)) {  // an empty sum: zeros (plus the bias)
        fill_(out, Scalar::from_int(0));
        if (bias.defined()) add_bias_(out, bias);
        return;
    }
    const bool narrow = g.dtype == DType::Float16 || g.dtype == DType::BFloat16;
#ifdef EMBER_WITH_DNNL
    if (cpu::onednn_conv_enabled(g.dtype)) {
        const void *pb = bias.defined() ? bias.data_ptr() : nullptr;
        bool done = false;
        switch (pass) {
            case Pass::Forward: done = cpu::onednn_conv_forward(g, a.data_ptr(), b.data_ptr(), pb, out.data_ptr()); break;
            case Pass::BackwardData: done = cpu::onednn_conv_backward_data(g, a.data_ptr(), b.data_ptr(), out.data_ptr()); break;
            case Pass::BackwardWeights:
                done = cpu::onednn_conv_backward_weights(g, a.data_ptr(), b.data_ptr(), out.data_ptr());
                break;
        }
        if (done) return;
    }
#endif
    if (narrow) {  // 16-bit floats compute in float32 and round once
        ConvGeometry g32 = g;
        g32.dtype = DType::Float32;
        Tensor out32 = empty(out.sizes(), DType::Float32, out.device());
        run_pass(pass, g32, contiguous_as(a, DType::Float32), contiguous_as(b, DType::Float32),
                 bias.defined() ? contiguous_as(bias, DType::Float32) : Tensor(), out32);
        copy_into(out, out32);
        return;
    }
    const Device dev = out.device();
    switch (pass) {
        case Pass::Forward:
            conv_forward_dispatch().get(dev, "convolution")(g, a.data_ptr(), b.data_ptr(),
                                                            bias.defined() ? bias.data_ptr() : nullptr, out.data_ptr());
            break;
        case Pass::BackwardData:
            conv_backward_data_dispatch().get(dev, "convolution_backward")(g, a.data_ptr(), b.data_ptr(), out.data_ptr());
            break;
        case Pass::BackwardWeights:
            conv_backward_weights_dispatch().get(dev, "convolution_backward")(g, a.data_ptr(), b.data_ptr(),
                                                                              out.data_ptr());
            break;
    }
}

// Every dim but the channel dim (1).
DimVector non_channel_dims(int64_t ndim) {
    DimVector dims{0};
    for (int64_t i = 2; i < ndim; ++i) dims.push_back(i);
    return dims;
}

void convolution_backward_fn(BackwardContext &c) {
    const ConvParams p = load(c.node);
    std::array<Tensor, 3> r =
        convolution_backward(c.grad(), c.saved(0), c.saved(1), p, {c.needs(0), c.needs(1), c.needs(2) && c.node.flag});
    for (size_t i = 0; i < 3; ++i) c.set(i, r[i]);
}

// The derivative of (gI, gW, gb) = convolution_backward(gO, x, w). The convolution B(x, w) is
// bilinear and gI, gW are its adjoints in x and w, so with ggI, ggW, ggb the gradients reaching
// the three results:
//   d/dgO = B(ggI, w) + B(x, ggW) + ggb (broadcast)
//   d/dx  = <ggW, gW(gO, x)> differentiated in x = gI of B(., ggW) at gO
//   d/dw  = <ggI, gI(gO, w)> differentiated in w = gW of B(ggI, .) at gO
// Written with convolution and convolution_backward (both recorded), so every order exists.
void convolution_double_backward(BackwardContext &c) {
    const ConvParams p = load(c.node);
    const int mask = c.node.code;
    Tensor gO = c.saved(0), x = c.saved(1), w = c.saved(2);
    size_t slot = 0;
    Tensor ggI = mask & 1 ? c.grad(slot++) : Tensor();
    Tensor ggW = mask & 2 ? c.grad(slot++) : Tensor();
    Tensor ggb = mask & 4 ? c.grad(slot++) : Tensor();
    using fx::operator+;
    if (c.needs(0)) {
        Tensor ggO;
        auto add = [&](const Tensor &t) { ggO = ggO.defined() ? ggO + t : t; };
        if (ggI.defined()) add(convolution(ggI, w, Tensor(), p));
        if (ggW.defined()) add(convolution(x, ggW, Tensor(), p));
        if (ggb.defined()) {
            DimVector shape(gO.dim(), 1);
            shape[1] = ggb.numel();
            add(expand(view(ggb, shape), gO.sizes()));
        }
        c.set(0, ggO);
    }
    if (c.needs(1) && ggW.defined()) c.set(1, convolution_backward(gO, x, ggW, p, {true, false, false})[0]);
    if (c.needs(2) && ggI.defined()) c.set(2, convolution_backward(gO, ggI, w, p, {false, true, false})[1]);
}

}  // namespace

ConvParams make_conv_params(int64_t dims, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                            IntArrayRef output_padding, bool transposed, int64_t groups) {
    EMBER_CHECK(dims == 1 || dims == 2, InvalidArgument, "convolution: only 1-d and 2-d convolutions are supported");
    ConvParams p;
    p.dims = dims;
    p.transposed = transposed;
    p.groups = groups;
    expand_param(stride, "stride", dims, 1, p.stride);
    expand_param(dilation, "dilation", dims, 1, p.dilation);
    expand_param(output_padding, "output_padding", dims, 0, p.output_padding);
    if (static_cast<int64_t>(padding.size()) == 2 * dims && dims > 1) {  // begins, then ends
        for (int64_t i = 0; i < dims; ++i) {
            p.pad_begin[i] = padding[static_cast<size_t>(i)];
            p.pad_end[i] = padding[static_cast<size_t>(dims + i)];
        }
    } else if (static_cast<int64_t>(padding.size()) == 2 && dims == 1) {
        p.pad_begin[0] = padding[0];
        p.pad_end[0] = padding[1];
    } else {
        expand_param(padding, "padding", dims, 0, p.pad_begin, true);
        for (int64_t i = 0; i < dims; ++i) p.pad_end[i] = p.pad_begin[i];
    }
    return p;
}

Tensor convolution(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &p) {
    if (autocast::LowerPrecision lp; lp.active()) return convolution(lp(input), lp(weight), lp(bias), p);
    const DimVector out_sizes = check_forward(input, weight, bias, p);
    autograd::Recorder rec("ConvolutionBackward0", &convolution_backward_fn, {&input, &weight, &bias});
    if (rec) {
        store(rec.node(), p);
        rec.node().flag = bias.defined();
        rec.save(input);
        rec.save(weight);
    }
    Tensor out = empty(out_sizes, input.dtype(), input.device());
    if (out.numel() > 0) {
        const DType dt = input.dtype();
        Tensor x = contiguous_as(input, dt), w = contiguous_as(weight, dt);
        Tensor b = bias.defined() ? contiguous_as(bias, dt) : Tensor();
        if (!p.transposed) {
            run_pass(Pass::Forward, geometry(dt, x.sizes(), w.sizes(), out.sizes(), p), x, w, b, out);
        } else {
            run_pass(Pass::BackwardData, geometry(dt, out.sizes(), w.sizes(), x.sizes(), p), x, w, Tensor(), out);
            if (b.defined()) add_bias_(out, b);
        }
    }
    rec.finish({&out});
    return out;
}

std::array<Tensor, 3> convolution_backward(const Tensor &grad_output, const Tensor &input, const Tensor &weight,
                                           const ConvParams &p, std::array<bool, 3> mask) {
    EMBER_CHECK(grad_output.defined(), InvalidArgument, "convolution_backward: grad_output is NULL");
    const DimVector out_sizes = check_forward(input, weight, Tensor(), p);
    EMBER_CHECK(grad_output.sizes().size() == out_sizes.size() &&
                    std::equal(out_sizes.begin(), out_sizes.end(), grad_output.sizes().begin()),
                Shape, "convolution_backward: expected grad_output of size ", out_sizes.span(), ", but got ",
                grad_output.sizes());
    EMBER_CHECK(grad_output.dtype() == input.dtype(), DType, "convolution_backward: expected grad_output of dtype ",
                dtype_name(input.dtype()), ", but got ", dtype_name(grad_output.dtype()));
    autograd::Recorder rec("ConvolutionBackwardBackward0", &convolution_double_backward, {&grad_output, &input, &weight});
    if (rec) {
        store(rec.node(), p);
        rec.node().code = (mask[0] ? 1 : 0) | (mask[1] ? 2 : 0) | (mask[2] ? 4 : 0);
        rec.save(grad_output);
        rec.save(input);
        rec.save(weight);
    }
    const DType dt = input.dtype();
    std::array<Tensor, 3> r;
    Tensor gy = contiguous_as(grad_output, dt);
    if (mask[0]) {
        r[0] = empty(input.sizes(), dt, input.device());
        if (r[0].numel() > 0) {
            Tensor w = contiguous_as(weight, dt);
            if (!p.transposed)
                run_pass(Pass::BackwardData, geometry(dt, input.sizes(), w.sizes(), gy.sizes(), p), gy, w, Tensor(), r[0]);
            else
                run_pass(Pass::Forward, geometry(dt, gy.sizes(), w.sizes(), input.sizes(), p), gy, w, Tensor(), r[0]);
        }
    }
    if (mask[1]) {
        r[1] = empty(weight.sizes(), dt, weight.device());
        if (r[1].numel() > 0) {
            Tensor x = contiguous_as(input, dt);
            if (!p.transposed)
                run_pass(Pass::BackwardWeights, geometry(dt, x.sizes(), weight.sizes(), gy.sizes(), p), x, gy, Tensor(),
                         r[1]);
            else
                run_pass(Pass::BackwardWeights, geometry(dt, gy.sizes(), weight.sizes(), x.sizes(), p), gy, x, Tensor(),
                         r[1]);
        }
    }
    if (mask[2]) r[2] = sum(gy, non_channel_dims(gy.dim()), false);
    // Only the computed gradients are results of the node; the formula finds them by the mask.
    if (r[0].defined() && r[1].defined() && r[2].defined()) rec.finish({&r[0], &r[1], &r[2]});
    else if (r[0].defined() && r[1].defined()) rec.finish({&r[0], &r[1]});
    else if (r[0].defined() && r[2].defined()) rec.finish({&r[0], &r[2]});
    else if (r[1].defined() && r[2].defined()) rec.finish({&r[1], &r[2]});
    else if (r[0].defined()) rec.finish({&r[0]});
    else if (r[1].defined()) rec.finish({&r[1]});
    else if (r[2].defined()) rec.finish({&r[2]});
    else rec.finish({});
    return r;
}

namespace {

// The functional wrappers: an unbatched input (one dim fewer than the weight) runs as a batch of
// one, through recorded views, as PyTorch does.
Tensor batched_or_not(const char *name, int64_t dims, const Tensor &input, const Tensor &weight, const Tensor &bias,
                      const ConvParams &p) {
    EMBER_CHECK(input.defined() && weight.defined(), InvalidArgument, name, ": input is NULL");
    EMBER_CHECK(p.dims == dims, InvalidArgument, name, ": expected parameters for ", dims, " spatial dims");
    EMBER_CHECK(input.dim() == dims + 1 || input.dim() == dims + 2, Shape, "Expected ", dims + 1, "D (unbatched) or ",
                dims + 2, "D (batched) input to ", name, ", but got input of size: ", input.sizes());
    if (input.dim() == dims + 2) return convolution(input, weight, bias, p);
    const int64_t zero[1] = {0};
    return squeeze(convolution(unsqueeze(input, 0), weight, bias, p), IntArrayRef(zero, 1));
}

ConvParams with_transposed(ConvParams p, bool transposed) {
    p.transposed = transposed;
    return p;
}

}  // namespace

Tensor conv1d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params) {
    return batched_or_not("conv1d", 1, input, weight, bias, with_transposed(params, false));
}
Tensor conv2d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params) {
    return batched_or_not("conv2d", 2, input, weight, bias, with_transposed(params, false));
}
Tensor conv_transpose1d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params) {
    return batched_or_not("conv_transpose1d", 1, input, weight, bias, with_transposed(params, true));
}
Tensor conv_transpose2d(const Tensor &input, const Tensor &weight, const Tensor &bias, const ConvParams &params) {
    return batched_or_not("conv_transpose2d", 2, input, weight, bias, with_transposed(params, true));
}

}  // namespace ember
