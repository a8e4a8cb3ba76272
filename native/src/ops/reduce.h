// Reductions over a set of dims: sum, mean, prod, amax, amin, all, any, logsumexp,
// count_nonzero, max/min with indices, argmax/argmin, var/std and vector norms.
//
// One "meta" step serves them all (make_reduction in reduce.cpp): it checks the dims, computes
// the output shape and dtype, allocates the outputs, and describes the work as a ReduceGeometry:
// the input's dims split into kept dims (one output element per position) and reduced dims, each
// ordered innermost first by stride and coalesced. Kernels never look at shapes themselves; the
// CPU driver (cpu/kernels/reduce_loops.h) turns a geometry into vectorised inner loops.
#pragma once
#include <optional>
#include <utility>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

struct ReduceGeometry {
    static constexpr int kMaxOutputs = 2;
    const char *in = nullptr;
    DType in_dtype = DType::Undefined;
    // out[0]: the values; out[1]: the indices of max/min. An argmax has no values (out[0] null).
    char *out[kMaxOutputs] = {};
    DType out_dtype[kMaxOutputs] = {DType::Undefined, DType::Undefined};
    // Kept dims, innermost first: sizes, the input's byte strides, each output's byte strides.
    // Never empty: a full reduction has one kept dim of size 1.
    DimVector kept_sizes, kept_in_strides;
    DimVector kept_out_strides[kMaxOutputs];
    // Reduced dims, innermost first: sizes and the input's byte strides. Never empty (a size-1
    // dim of stride 0 when nothing is reduced). Index-returning reductions keep them in logical
    // order, so the linear position in this space is the index PyTorch returns.
    DimVector red_sizes, red_strides;
    int64_t num_outputs = 1;  // product of kept_sizes
    int64_t reduce_size = 1;  // product of red_sizes; 0 for an empty reduction
};

// What a kernel computes. Internal: one slot per kernel in reduce_dispatch().
enum class ReduceKernelOp : int {
    Sum,
    Mean,
    Prod,
    Max,           // amax: values only
    Min,           // amin
    All,           // out dtype bool or uint8
    Any,
    LogSumExp,
    CountNonzero,  // out dtype int64
    ArgMax,        // out[1]: int64 index of the first maximum; out[0] (may be null): the value
    ArgMin,
    Var,           // args.correction, args.take_sqrt (std)
    Norm,          // args.p
    Count
};

struct ReduceArgs {
    double p = 2;            // Norm: the order
    double correction = 1;   // Var: the divisor is max(0, N - correction)
    bool take_sqrt = false;  // Var: std instead of var
};

using ReduceKernel = void (*)(const ReduceGeometry &, const ReduceArgs &);
DispatchTable<ReduceKernel, static_cast<int>(ReduceKernelOp::Count)> &reduce_dispatch();

const char *reduce_op_name(ember_reduce_op op);

// ember_reduce: op over dims (empty: all dims). dtype Undefined gives PyTorch's default result
// dtype; otherwise sum/prod/mean/logsumexp compute in dtype and the others convert their result.
Tensor reduce(ember_reduce_op op, const Tensor &x, IntArrayRef dims, bool keepdim, DType dtype = DType::Undefined);
inline Tensor sum(const Tensor &x, IntArrayRef dims, bool keepdim, DType dtype = DType::Undefined) {
    return reduce(EMBER_REDUCE_SUM, x, dims, keepdim, dtype);
}
inline Tensor mean(const Tensor &x, IntArrayRef dims, bool keepdim, DType dtype = DType::Undefined) {
    return reduce(EMBER_REDUCE_MEAN, x, dims, keepdim, dtype);
}
inline Tensor prod(const Tensor &x, IntArrayRef dims, bool keepdim, DType dtype = DType::Undefined) {
    return reduce(EMBER_REDUCE_PROD, x, dims, keepdim, dtype);
}
inline Tensor amax(const Tensor &x, IntArrayRef dims, bool keepdim) { return reduce(EMBER_REDUCE_AMAX, x, dims, keepdim); }
inline Tensor amin(const Tensor &x, IntArrayRef dims, bool keepdim) { return reduce(EMBER_REDUCE_AMIN, x, dims, keepdim); }

// torch.max(x, dim) / torch.min(x, dim): (values, int64 indices of the first occurrence; NaN wins).
std::pair<Tensor, Tensor> max_dim(const Tensor &x, int64_t dim, bool keepdim);
std::pair<Tensor, Tensor> min_dim(const Tensor &x, int64_t dim, bool keepdim);
// Index of the first maximum/minimum along dim, or into the flattened tensor without a dim.
Tensor argmax(const Tensor &x, std::optional<int64_t> dim, bool keepdim);
Tensor argmin(const Tensor &x, std::optional<int64_t> dim, bool keepdim);

// Variance / standard deviation over dims (empty: all) with divisor max(0, N - correction).
Tensor var(const Tensor &x, IntArrayRef dims, double correction, bool keepdim);
Tensor stddev(const Tensor &x, IntArrayRef dims, double correction, bool keepdim);

// torch.norm(x, p, dims, keepdim) for floating x: p may be inf, -inf, 0 or any other number.
Tensor norm(const Tensor &x, double p, IntArrayRef dims, bool keepdim);

}  // namespace ember
