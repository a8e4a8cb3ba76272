#include "ops/scan.h"

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/shape.h"
#include "core/tensor_iterator.h"
#include "ops/reduce.h"
#include "ops/shape_ops.h"

namespace ember {

DispatchTable<ScanKernel, static_cast<int>(ScanOp::Count)> &scan_dispatch() {
    static DispatchTable<ScanKernel, static_cast<int>(ScanOp::Count)> t;
    return t;
}

namespace {

using namespace fx;
using autograd::BackwardContext;

// sum_{j >= i} w_j along dim: the adjoint of cumsum (PyTorch's reversed_cumsum).
Tensor reversed_cumsum(const Tensor &w, int64_t dim) {
    const IntArrayRef dims(&dim, 1);
    return flip(cumsum(flip(w, dims), dim), dims);
}

// ints {dim} (wrapped). A dim of at most one element is the identity.
void cumsum_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const int64_t dim = c.node.ints[0];
    c.set(0, g.dim() == 0 || g.size(dim) <= 1 ? g : reversed_cumsum(g, dim));
}

// cumprod, ints {dim}, saved {x, y}. dy_j/dx_k = prod_{i <= j, i != k} x_i for j >= k.
// - Around x_k != 0 this is y_j / x_k, exact to every order (y is the saved result, itself
//   differentiable), so non-zero positions take reversed_cumsum(g * y) / x_k, PyTorch's formula.
// - At a zero x_k it is non-zero only when k is the slice's first zero and j comes before the
//   second: then it is cumprod(x with zeros as ones)_j.
// - For second order, d2/dx_a dx_b of sum_j g_j y_j is also non-zero at the first two zeros f, s
//   (sum of g_j cumprod(x with zeros as ones)_j from s to the third zero), so the entries of f
//   and s carry a term worth zero (the other one's value) with that derivative. Every other
//   second derivative at a zero position is 0.
// O(n) everywhere, where PyTorch falls back to an O(n^2) loop when it builds a graph.
void cumprod_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const int64_t dim = c.node.ints[0];
    Tensor y = c.saved(1);
    if (g.dim() == 0 || g.size(dim) <= 1) {
        c.set(0, g);
        return;
    }
    Tensor x = c.saved(0);
    if (x.dtype() != y.dtype()) x = cast(x, y.dtype());
    const DimVector dims{dim};
    const Tensor one = full(DimVector{}, Scalar::from_int(1), x.dtype());
    const Tensor zero = zeros(DimVector{}, x.dtype());
    Tensor z = eq(x, 0.0);
    Tensor x_nz = where(z, one, x);
    Tensor at_nonzero = reversed_cumsum(g * y, dim) / x_nz;
    Tensor zeros_so_far = cumsum(z, dim);  // int64
    Tensor after_first = eq(zeros_so_far, 1.0), after_second = eq(zeros_so_far, 2.0);
    Tensor first = binary(EMBER_BINARY_LOGICAL_AND, z, after_first);
    Tensor gy = g * cumprod(x_nz, dim);
    Tensor h1 = sum(where(after_first, gy, zero), dims, true);
    Tensor at_zero;
    if (autograd::GradMode::enabled()) {
        Tensor second = binary(EMBER_BINARY_LOGICAL_AND, z, after_second);
        Tensor h2 = sum(where(after_second, gy, zero), dims, true);
        Tensor xf = sum(where(first, x, zero), dims, true), xs = sum(where(second, x, zero), dims, true);
        at_zero = where(first, h1 + xs * h2, where(second, xf * h2, zero));
    } else {
        at_zero = where(first, h1, zero);
    }
    c.set(0, where(z, at_zero, at_nonzero));
}

Tensor run_scan(ScanOp op, const Tensor &x, int64_t dim, DType dtype) {
    const char *name = op == ScanOp::CumSum ? "cumsum" : "cumprod";
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": input is NULL");
    const DType c = dtype != DType::Undefined ? dtype : is_integral(x.dtype(), true) ? DType::Int64 : x.dtype();
    // PyTorch has no bool scan kernel (it would not be a sum).
    EMBER_CHECK(c != DType::Bool, DType, name, ": unsupported dtype bool");
    const int64_t d = wrap_dim(dim, x.dim());
    ScanKernel kernel = scan_dispatch().get(x.device(), static_cast<int>(op), name);
    Tensor out = empty(x.sizes(), c, x.device());
    if (out.numel() == 0) return out;
    ScanShape shape{1, 1, 1};
    for (int64_t i = 0; i < x.dim(); ++i) {
        if (i < d) shape.outer *= x.size(i);
        else if (i == d) shape.dim_size = x.size(i);
        else shape.inner *= x.size(i);
    }
    kernel(contiguous_as(x, c), out, shape);
    return out;
}

}  // namespace

Tensor cumsum(const Tensor &x, int64_t dim, DType dtype) {
    autograd::Recorder rec("CumsumBackward0", &cumsum_backward, {&x});
    Tensor r = run_scan(ScanOp::CumSum, x, dim, dtype);
    rec.finish({&r});
    if (rec) rec.node().ints = {wrap_dim(dim, x.dim())};
    return r;
}

Tensor cumprod(const Tensor &x, int64_t dim, DType dtype) {
    autograd::Recorder rec("CumprodBackward0", &cumprod_backward, {&x});
    rec.save(x);
    Tensor r = run_scan(ScanOp::CumProd, x, dim, dtype);
    rec.finish({&r});
    if (rec) {
        rec.node().ints = {wrap_dim(dim, x.dim())};
        rec.save_output(r);
    }
    return r;
}

}  // namespace ember
