#include "ops/reduce.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/shape.h"
#include "ops/autocast.h"
#include "ops/elementwise.h"
#include "ops/views.h"

namespace ember {

DispatchTable<ReduceKernel, static_cast<int>(ReduceKernelOp::Count)> &reduce_dispatch() {
    static DispatchTable<ReduceKernel, static_cast<int>(ReduceKernelOp::Count)> t;
    return t;
}

namespace {

// One name per ember_reduce_op, in enum order.
constexpr const char *kReduceNames[] = {"sum", "mean", "prod", "amax", "amin", "all", "any", "logsumexp", "count_nonzero"};
static_assert(std::size(kReduceNames) == EMBER_REDUCE_OP_COUNT, "every ember_reduce_op needs a name");

// The reduced dims as a bit set; an empty list means every dim (PyTorch's dim=None or dim=()).
uint64_t reduce_mask(const Tensor &x, IntArrayRef dims, const char *name) {
    if (!dims.empty()) return dim_mask(dims, x.dim(), name);
    EMBER_CHECK(x.dim() <= 64, InvalidArgument, name, ": tensors with more than 64 dims are not supported");
    return x.dim() == 64 ? ~uint64_t(0) : (uint64_t(1) << x.dim()) - 1;
}

struct Dim {
    int64_t size, in_stride;
    int64_t out_stride[ReduceGeometry::kMaxOutputs];
};
using DimList = SmallVector<Dim, 6>;

// Insertion sort by input stride, innermost first; stable, so equal strides keep their order.
void sort_by_stride(DimList &dims) {
    for (size_t i = 1; i < dims.size(); ++i)
        for (size_t j = i; j > 0 && dims[j].in_stride < dims[j - 1].in_stride; --j) std::swap(dims[j], dims[j - 1]);
}

// Merges each dim into its inner neighbour when, for every operand, stepping over the inner dim
// lands exactly on the next position of the outer one.
void coalesce(DimList &dims, int noutputs) {
    if (dims.empty()) return;
    size_t prev = 0;
    for (size_t d = 1; d < dims.size(); ++d) {
        const Dim &in = dims[prev], &out = dims[d];
        bool can = out.in_stride == in.in_stride * in.size;
        for (int k = 0; k < noutputs && can; ++k) can = out.out_stride[k] == in.out_stride[k] * in.size;
        if (can) {
            dims[prev].size *= out.size;
        } else {
            dims[++prev] = out;
        }
    }
    dims.resize(prev + 1);
}

struct Reduction {
    ReduceGeometry g;
    Tensor outputs[ReduceGeometry::kMaxOutputs];
};

// The meta step shared by every reduction: output allocation and iteration geometry. `in` is
// read by the kernel as is (callers convert it to the compute dtype first); an output whose dtype
// is Undefined is not produced. keep_order leaves the reduced dims in logical order (for indices).
Reduction make_reduction(const Tensor &in, uint64_t mask, bool keepdim, DType out0, DType out1, bool keep_order) {
    Reduction r;
    ReduceGeometry &g = r.g;
    const int64_t nd = in.dim();
    DimVector out_shape;
    for (int64_t d = 0; d < nd; ++d) {
        if (!((mask >> d) & 1)) out_shape.push_back(in.size(d));
        else if (keepdim) out_shape.push_back(1);
    }
    const DType dtypes[2] = {out0, out1};
    DimVector out_strides[2];
    int noutputs = 0;
    for (int k = 0; k < 2; ++k) {
        g.out_dtype[k] = dtypes[k];
        if (dtypes[k] == DType::Undefined) {
            out_strides[k] = DimVector(out_shape.size(), 0);
            continue;
        }
        r.outputs[k] = empty(out_shape, dtypes[k], in.device());
        g.out[k] = static_cast<char *>(r.outputs[k].data_ptr());
        out_strides[k] = contiguous_strides(out_shape);
        for (int64_t &s : out_strides[k]) s *= static_cast<int64_t>(itemsize(dtypes[k]));
        noutputs = k + 1;
    }
    g.in = static_cast<const char *>(in.data_ptr());
    g.in_dtype = in.dtype();

    // Split the dims, innermost (last) first; size-1 dims take no part in the iteration.
    const int64_t es = static_cast<int64_t>(itemsize(in.dtype()));
    DimList kept, red;
    int64_t num_outputs = 1, reduce_size = 1;
    int64_t od = static_cast<int64_t>(out_shape.size());
    for (int64_t d = nd - 1; d >= 0; --d) {
        const bool reduced = (mask >> d) & 1;
        const int64_t size = in.size(d);
        if (!reduced || keepdim) --od;
        if (reduced) {
            reduce_size *= size;
            if (size != 1) red.push_back(Dim{size, in.stride(d) * es, {0, 0}});
        } else {
            num_outputs *= size;
            if (size != 1) kept.push_back(Dim{size, in.stride(d) * es, {out_strides[0][od], out_strides[1][od]}});
        }
    }
    sort_by_stride(kept);
    coalesce(kept, noutputs);
    if (!keep_order) sort_by_stride(red);
    coalesce(red, 0);
    if (reduce_size == 0) red.clear();
    if (kept.empty()) kept.push_back(Dim{1, 0, {0, 0}});
    if (red.empty()) red.push_back(Dim{1, 0, {0, 0}});
    for (const Dim &d : kept) {
        g.kept_sizes.push_back(d.size);
        g.kept_in_strides.push_back(d.in_stride);
        for (int k = 0; k < 2; ++k) g.kept_out_strides[k].push_back(d.out_stride[k]);
    }
    for (const Dim &d : red) {
        g.red_sizes.push_back(d.size);
        g.red_strides.push_back(d.in_stride);
    }
    g.num_outputs = num_outputs;
    g.reduce_size = reduce_size;
    return r;
}

Reduction run(ReduceKernelOp op, const char *name, const Tensor &in, uint64_t mask, bool keepdim, DType out0,
              DType out1 = DType::Undefined, bool keep_order = false, const ReduceArgs &args = {}) {
    ReduceKernel kernel = reduce_dispatch().get(in.device(), static_cast<int>(op), name);
    Reduction r = make_reduction(in, mask, keepdim, out0, out1, keep_order);
    if (r.g.num_outputs > 0) kernel(r.g, args);
    return r;
}

Tensor run_values(ReduceKernelOp op, const char *name, const Tensor &in, uint64_t mask, bool keepdim, DType out,
                  const ReduceArgs &args = {}) {
    return run(op, name, in, mask, keepdim, out, DType::Undefined, false, args).outputs[0];
}

Tensor to_dtype(const Tensor &x, DType dtype) { return x.dtype() == dtype ? x : cast(x, dtype); }
Tensor result_as(const Tensor &r, DType dtype) {
    return dtype == DType::Undefined || dtype == r.dtype() ? r : cast(r, dtype);
}

// Reductions without an identity (max, min and their indices) reject empty reductions with
// PyTorch's messages. `dims` are the caller's (unwrapped) dims; none means all.
void check_nonempty(const Tensor &x, IntArrayRef dims, const char *fn, const char *suffix) {
    if (x.numel() != 0) return;
    EMBER_CHECK(!dims.empty(), Index, fn, ": Expected reduction dim to be specified for input.numel() == 0.", suffix);
    for (int64_t d : dims) {
        int64_t w = wrap_dim(d, x.dim());
        EMBER_CHECK(x.size(w) != 0, Index, fn, ": Expected reduction dim ", w, " to have non-zero size.");
    }
}

}  // namespace

const char *reduce_op_name(ember_reduce_op op) {
    EMBER_CHECK(op >= 0 && op < EMBER_REDUCE_OP_COUNT, InvalidArgument, "invalid reduce op ", static_cast<int>(op));
    return kReduceNames[op];
}

namespace {

#include "ops/reduce_grad.inc"

// The reduction itself, with mask the reduced dims (already checked).
Tensor reduce_values(ember_reduce_op op, const char *name, const Tensor &x, uint64_t mask, IntArrayRef dims,
                     bool keepdim, DType dtype) {
    const DType xt = x.dtype();
    switch (op) {
        case EMBER_REDUCE_SUM:
        case EMBER_REDUCE_PROD: {
            // Integers and bool accumulate in int64 by default; the input is converted to the
            // result dtype first, as PyTorch's CPU reductions do.
            DType out = dtype != DType::Undefined ? dtype : is_integral(xt, true) ? DType::Int64 : xt;
            return run_values(op == EMBER_REDUCE_SUM ? ReduceKernelOp::Sum : ReduceKernelOp::Prod, name,
                              to_dtype(x, out), mask, keepdim, out);
        }
        case EMBER_REDUCE_MEAN: {
            if (dtype != DType::Undefined)
                EMBER_CHECK(is_floating(dtype), DType,
                            "mean(): could not infer output dtype. Optional dtype must be either a floating point or "
                            "complex dtype. Got: ", dtype_name(dtype));
            else
                EMBER_CHECK(is_floating(xt), DType,
                            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
                            "complex dtype. Got: ", dtype_name(xt));
            DType out = dtype != DType::Undefined ? dtype : xt;
            return run_values(ReduceKernelOp::Mean, name, to_dtype(x, out), mask, keepdim, out);
        }
        case EMBER_REDUCE_AMAX:
        case EMBER_REDUCE_AMIN: {
            const bool is_max = op == EMBER_REDUCE_AMAX;
            check_nonempty(x, dims, is_max ? "amax()" : "amin()",
                           " Specify the reduction dim with the 'dim' argument.");
            return result_as(run_values(is_max ? ReduceKernelOp::Max : ReduceKernelOp::Min, name, x, mask, keepdim, xt),
                             dtype);
        }
        case EMBER_REDUCE_ALL:
        case EMBER_REDUCE_ANY: {
            // PyTorch keeps uint8 for uint8 inputs (a legacy of masks stored as bytes).
            DType out = xt == DType::UInt8 ? DType::UInt8 : DType::Bool;
            return result_as(run_values(op == EMBER_REDUCE_ALL ? ReduceKernelOp::All : ReduceKernelOp::Any, name, x,
                                        mask, keepdim, out),
                             dtype);
        }
        case EMBER_REDUCE_LOGSUMEXP: {
            DType c = dtype != DType::Undefined ? dtype : is_floating(xt) ? xt : kDefaultFloat;
            EMBER_CHECK(is_floating(c), DType, "logsumexp(): expected a floating point dtype, but got ", dtype_name(c));
            return run_values(ReduceKernelOp::LogSumExp, name, to_dtype(x, c), mask, keepdim, c);
        }
        case EMBER_REDUCE_COUNT_NONZERO:
            return result_as(run_values(ReduceKernelOp::CountNonzero, name, x, mask, keepdim, DType::Int64), dtype);
        default: break;
    }
    fail(Status::InvalidArgument, "invalid reduce op ", static_cast<int>(op));
}

// How each ember_reduce_op records itself: PyTorch's node names (over all dims / over some
// dims), the formula, and whether it needs the input and the result. Null: not differentiable.
struct ReduceGrad {
    const char *all_dims, *some_dims;
    autograd::BackwardFn fn;
    bool save_input, save_result;
};
const ReduceGrad kReduceGrads[] = {
    {"SumBackward0", "SumBackward1", &sum_backward, false, false},
    {"MeanBackward0", "MeanBackward1", &mean_backward, false, false},
    {"ProdBackward0", "ProdBackward1", &prod_backward, true, true},
    {"AmaxBackward0", "AmaxBackward0", &amax_amin_backward, true, true},
    {"AminBackward0", "AminBackward0", &amax_amin_backward, true, true},
    {nullptr, nullptr, nullptr, false, false},  // all
    {nullptr, nullptr, nullptr, false, false},  // any
    {"LogsumexpBackward0", "LogsumexpBackward0", &logsumexp_backward, true, true},
    {nullptr, nullptr, nullptr, false, false},  // count_nonzero
};
static_assert(std::size(kReduceGrads) == EMBER_REDUCE_OP_COUNT, "every ember_reduce_op needs a derivative row");

}  // namespace

Tensor reduce(ember_reduce_op op, const Tensor &x, IntArrayRef dims, bool keepdim, DType dtype) {
    if (autocast::Float32 f32; f32.active()) return reduce(op, f32(x), dims, keepdim, dtype);
    const char *name = reduce_op_name(op);
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": input is NULL");
    const uint64_t mask = reduce_mask(x, dims, name);
    const ReduceGrad &d = kReduceGrads[op];
    if (!d.fn) {
        // all/any/count_nonzero have no derivative, even when dtype makes their result floating.
        autograd::NoGradGuard no_grad;
        return reduce_values(op, name, x, mask, dims, keepdim, dtype);
    }
    // dims = () reduces everything too, but only keepdim tells it from dim=None here.
    autograd::Recorder rec(dims.empty() && !keepdim ? d.all_dims : d.some_dims, d.fn, {&x});
    if (rec) {
        record_dims(rec.node(), x, mask);
        if (op == EMBER_REDUCE_MEAN) {
            int64_t n = 1;
            for (int64_t dim : rec.node().ints) n *= x.size(dim);
            rec.node().reals[0] = static_cast<double>(n);
        }
        if (d.save_input) rec.save(x);
    }
    Tensor r = reduce_values(op, name, x, mask, dims, keepdim, dtype);
    rec.finish({&r});
    if (rec && d.save_result) rec.save_output(r);
    return r;
}

namespace {

std::pair<Tensor, Tensor> arg_reduce(const Tensor &x, std::optional<int64_t> dim, bool keepdim, bool is_max,
                                     bool want_values) {
    const char *fn = want_values ? (is_max ? "max()" : "min()") : (is_max ? "argmax()" : "argmin()");
    const char *name = want_values ? (is_max ? "max" : "min") : (is_max ? "argmax" : "argmin");
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": input is NULL");
    // PyTorch has max/min over bool but no argmax/argmin.
    EMBER_CHECK(want_values || x.dtype() != DType::Bool, DType, name, ": unsupported dtype bool");
    uint64_t mask;
    if (dim) {
        int64_t d = wrap_dim(*dim, x.dim());
        mask = x.dim() == 0 ? 0 : uint64_t(1) << d;
        check_nonempty(x, IntArrayRef(&*dim, 1), fn, "");
    } else {
        mask = reduce_mask(x, {}, name);
        check_nonempty(x, {}, fn, "");
    }
    // Only the values of max/min are differentiable; the indices never are.
    autograd::Recorder rec(is_max ? "MaxBackward0" : "MinBackward0", &max_min_dim_backward,
                           {want_values ? &x : nullptr});
    Reduction r = run(is_max ? ReduceKernelOp::ArgMax : ReduceKernelOp::ArgMin, name, x, mask, keepdim,
                      want_values ? x.dtype() : DType::Undefined, DType::Int64, /*keep_order=*/true);
    rec.finish({&r.outputs[0], &r.outputs[1]});
    if (rec) {
        autograd::OpNode &n = rec.node();
        n.shapes = {DimVector(x.sizes())};
        n.ints = {x.dim() == 0 || !dim ? 0 : wrap_dim(*dim, x.dim())};
        n.flag = keepdim;
        n.saved.emplace_back(r.outputs[1], false);
    }
    return {r.outputs[0], r.outputs[1]};
}

Tensor var_std(const Tensor &x, IntArrayRef dims, double correction, bool keepdim, bool take_sqrt) {
    const char *name = take_sqrt ? "std" : "var";
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": input is NULL");
    EMBER_CHECK(is_floating(x.dtype()), DType, "std and var only support floating point and complex dtypes");
    ReduceArgs args;
    args.correction = correction;
    args.take_sqrt = take_sqrt;
    const uint64_t mask = reduce_mask(x, dims, name);
    autograd::Recorder rec(take_sqrt ? "StdBackward0" : "VarBackward0", &var_std_backward, {&x});
    if (rec) {
        autograd::OpNode &n = rec.node();
        record_dims(n, x, mask);
        int64_t count = 1;
        for (int64_t d : n.ints) count *= x.size(d);
        n.reals[0] = correction;
        n.reals[1] = static_cast<double>(count);
        n.flag = dims.empty();
        n.code = take_sqrt ? 1 : 0;
        rec.save(x);
    }
    Tensor r = run_values(ReduceKernelOp::Var, name, x, mask, keepdim, x.dtype(), args);
    rec.finish({&r});
    if (rec && take_sqrt) rec.save_output(r);
    return r;
}

}  // namespace

std::pair<Tensor, Tensor> max_dim(const Tensor &x, int64_t dim, bool keepdim) { return arg_reduce(x, dim, keepdim, true, true); }
std::pair<Tensor, Tensor> min_dim(const Tensor &x, int64_t dim, bool keepdim) { return arg_reduce(x, dim, keepdim, false, true); }
Tensor argmax(const Tensor &x, std::optional<int64_t> dim, bool keepdim) { return arg_reduce(x, dim, keepdim, true, false).second; }
Tensor argmin(const Tensor &x, std::optional<int64_t> dim, bool keepdim) { return arg_reduce(x, dim, keepdim, false, false).second; }

Tensor var(const Tensor &x, IntArrayRef dims, double correction, bool keepdim) {
    if (autocast::Float32 f32; f32.active()) return var(f32(x), dims, correction, keepdim);
    return var_std(x, dims, correction, keepdim, false);
}
Tensor stddev(const Tensor &x, IntArrayRef dims, double correction, bool keepdim) {
    if (autocast::Float32 f32; f32.active()) return stddev(f32(x), dims, correction, keepdim);
    return var_std(x, dims, correction, keepdim, true);
}

Tensor norm(const Tensor &x, double p, IntArrayRef dims, bool keepdim) {
    if (autocast::Float32 f32; f32.active()) return norm(f32(x), p, dims, keepdim);
    EMBER_CHECK(x.defined(), InvalidArgument, "norm: input is NULL");
    EMBER_CHECK(is_floating(x.dtype()), DType, "norm(): input dtype should be either floating point or complex. Got ",
                dtype_name(x.dtype()), " instead.");
    ReduceArgs args;
    args.p = p;
    const uint64_t mask = reduce_mask(x, dims, "norm");
    autograd::Recorder rec("NormBackward1", &norm_backward, {&x});
    if (rec) {
        record_dims(rec.node(), x, mask);
        rec.node().reals[0] = p;
        rec.save(x);
    }
    Tensor r = run_values(ReduceKernelOp::Norm, "norm", x, mask, keepdim, x.dtype(), args);
    rec.finish({&r});
    if (rec) rec.save_output(r);
    return r;
}

}  // namespace ember
