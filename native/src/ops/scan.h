// Cumulative sum and product along one dim. The op converts the input to the result dtype and
// makes it contiguous; the kernel sees it as [outer, dim_size, inner] and writes a contiguous
// output of the same shape.
#pragma once
#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

enum class ScanOp : int { CumSum, CumProd, Count };

struct ScanShape {
    int64_t outer, dim_size, inner;
};
// in and out: contiguous, same shape and dtype.
using ScanKernel = void (*)(const Tensor &in, const Tensor &out, const ScanShape &shape);
DispatchTable<ScanKernel, static_cast<int>(ScanOp::Count)> &scan_dispatch();

// dtype Undefined: x's dtype, int64 for integers and bool (as PyTorch).
Tensor cumsum(const Tensor &x, int64_t dim, DType dtype = DType::Undefined);
Tensor cumprod(const Tensor &x, int64_t dim, DType dtype = DType::Undefined);

}  // namespace ember
