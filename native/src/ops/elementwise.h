// Elementwise ops. Each op is declared once, in the tables of elementwise.cpp (name, accepted
// dtypes, result dtype rule; later its derivative); kernels are registered per device.
#pragma once
#include "core/dispatch.h"
#include "core/scalar.h"
#include "core/tensor_iterator.h"

namespace ember {

// Scalar parameters of an elementwise kernel (alpha, bounds, slopes...), by position.
struct OpArgs {
    Scalar s[3];
};
using ElementwiseKernel = void (*)(const TensorIterator &, const OpArgs &);

// Elementwise ops that are not in the C ABI's unary/binary enums (they take parameters or
// more than two operands). Append only is not required: this enum is internal.
enum class PointwiseOp : int {
    AddScaled,    // out = a + s0 * b
    Where,        // out = c ? a : b: operands a, b, c (c bool)
    Clamp,        // out = min(max(x, lo), hi): operands x, lo, hi
    ClampMin,     // out = max(x, lo)
    ClampMax,     // out = min(x, hi)
    Lerp,         // out = a + w * (b - a)
    Softplus,     // s0 = beta, s1 = threshold
    LeakyRelu,    // s0 = negative_slope
    Fill,         // out = s0 (nullary)
    Count
};

DispatchTable<ElementwiseKernel, EMBER_UNARY_OP_COUNT> &unary_dispatch();
DispatchTable<ElementwiseKernel, EMBER_BINARY_OP_COUNT> &binary_dispatch();
DispatchTable<ElementwiseKernel, static_cast<int>(PointwiseOp::Count)> &pointwise_dispatch();

const char *unary_op_name(ember_unary_op op);
const char *binary_op_name(ember_binary_op op);

// out may be undefined (new tensor), an input (in place), or another tensor (out=).
Tensor unary(ember_unary_op op, const Tensor &x, const Tensor &out = {});
Tensor binary(ember_binary_op op, const Tensor &a, const Tensor &b, const Tensor &out = {});
Tensor binary_scalar(ember_binary_op op, const Tensor &a, const Scalar &s, bool scalar_first, const Tensor &out = {});
Tensor add_scaled(const Tensor &a, const Tensor &b, const Scalar &alpha, const Tensor &out = {});
Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b, const Tensor &out = {});
Tensor clamp(const Tensor &x, const Tensor &lo, const Tensor &hi, const Tensor &out = {});
Tensor clamp_scalar(const Tensor &x, const Scalar *lo, const Scalar *hi, const Tensor &out = {});
Tensor lerp(const Tensor &start, const Tensor &end, const Tensor &weight, const Tensor &out = {});
Tensor softplus(const Tensor &x, double beta, double threshold, const Tensor &out = {});
Tensor leaky_relu(const Tensor &x, double negative_slope, const Tensor &out = {});
Tensor masked_fill(const Tensor &x, const Tensor &mask, const Scalar &value, const Tensor &out = {});
void fill_(const Tensor &t, const Scalar &value);
// Throws when value does not fit dtype's range (PyTorch's "cannot be converted ... without overflow").
void check_fits(const Scalar &value, DType dtype, const char *op);
void copy_(const Tensor &dst, const Tensor &src);
Tensor cast(const Tensor &x, DType dtype);
Tensor clone(const Tensor &x);
Tensor contiguous(const Tensor &x);

}  // namespace ember
