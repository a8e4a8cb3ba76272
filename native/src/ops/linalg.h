// Linear algebra: matmul (all of torch.matmul's cases), mm, bmm, addmm, outer, dot. Every matrix
// product funnels into one batched GEMM problem; float32/bfloat16 go to oneDNN when the build has
// it (cpu/onednn_matmul.h), everything else to the blocked GEMM of cpu/kernels/gemm_kernels.cpp.
#pragma once
#include "core/dispatch.h"
#include "core/scalar.h"
#include "core/tensor.h"

namespace ember {

// c[p] = alpha * a[p] @ b[p] + beta * c[p] for p < batch, with a[p] of m x k, b[p] of k x n and
// c[p] of m x n. Strides are in elements, any value (0 broadcasts a batch). beta == 0 means c is
// not read, so NaN in it does not propagate (BLAS semantics, as PyTorch's addmm with beta=0).
// alpha and beta are converted to the accumulation type (integers truncate, as in PyTorch).
struct GemmProblem {
    DType dtype = DType::Float32;
    int64_t batch = 1, m = 0, n = 0, k = 0;
    const void *a = nullptr;
    int64_t a_bs = 0, a_rs = 0, a_cs = 0;
    const void *b = nullptr;
    int64_t b_bs = 0, b_rs = 0, b_cs = 0;
    void *c = nullptr;
    int64_t c_bs = 0, c_rs = 0, c_cs = 0;
    Scalar alpha = Scalar::from_int(1), beta = Scalar::from_int(0);
};
using GemmKernel = void (*)(const GemmProblem &);
DispatchTable<GemmKernel> &gemm_dispatch();

// *out = sum_i a[i * sa] * b[i * sb] for i < n, in dtype (out points at one element).
using DotKernel = void (*)(DType dtype, int64_t n, const void *a, int64_t sa, const void *b, int64_t sb, void *out);
DispatchTable<DotKernel> &dot_dispatch();

Tensor matmul(const Tensor &a, const Tensor &b);
Tensor mm(const Tensor &a, const Tensor &b);
Tensor bmm(const Tensor &a, const Tensor &b);
Tensor addmm(const Tensor &input, const Tensor &a, const Tensor &b, const Scalar &beta, const Scalar &alpha);
Tensor outer(const Tensor &a, const Tensor &b);
// Matrix @ vector (torch.mv); matmul's 2-D @ 1-D case, recorded as PyTorch's MvBackward0.
Tensor mv(const Tensor &a, const Tensor &b);
Tensor dot(const Tensor &a, const Tensor &b);

}  // namespace ember
