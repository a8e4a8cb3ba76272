// softmax / log_softmax along one dim. The op converts the input to the compute dtype and makes
// it contiguous; the kernel sees it as [outer, dim_size, inner] (row-major) and writes a
// contiguous output of the same shape.
#pragma once
#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

struct SoftmaxShape {
    int64_t outer, dim_size, inner;
};
// in and out: contiguous, same shape and (floating) dtype.
using SoftmaxKernel = void (*)(const Tensor &in, const Tensor &out, const SoftmaxShape &shape, bool log);
DispatchTable<SoftmaxKernel> &softmax_dispatch();

// Softmax of x along dim, computed in dtype (Undefined: x's dtype, which must then be floating).
Tensor softmax(const Tensor &x, int64_t dim, DType dtype = DType::Undefined);
Tensor log_softmax(const Tensor &x, int64_t dim, DType dtype = DType::Undefined);

}  // namespace ember
