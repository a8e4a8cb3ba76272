#include "ops/softmax.h"

#include "core/shape.h"
#include "core/tensor_iterator.h"

namespace ember {

DispatchTable<SoftmaxKernel> &softmax_dispatch() {
    static DispatchTable<SoftmaxKernel> t;
    return t;
}

namespace {

Tensor run_softmax(const Tensor &x, int64_t dim, DType dtype, bool log) {
    const char *name = log ? "log_softmax" : "softmax";
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": input is NULL");
    // As PyTorch: x.to(dtype) first, then the op in that dtype; there is no integer softmax.
    const DType c = dtype == DType::Undefined ? x.dtype() : dtype;
    EMBER_CHECK(is_floating(c), DType, name, ": expected a floating point dtype, but got ", dtype_name(c));
    const int64_t d = wrap_dim(dim, x.dim());
    SoftmaxKernel kernel = softmax_dispatch().get(x.device(), name);
    Tensor out = empty(x.sizes(), c, x.device());
    if (out.numel() == 0) return out;
    SoftmaxShape shape{1, 1, 1};
    for (int64_t i = 0; i < x.dim(); ++i) {
        if (i < d) shape.outer *= x.size(i);
        else if (i == d) shape.dim_size = x.size(i);
        else shape.inner *= x.size(i);
    }
    kernel(contiguous_as(x, c), out, shape, log);
    return out;
}

}  // namespace

Tensor softmax(const Tensor &x, int64_t dim, DType dtype) { return run_softmax(x, dim, dtype, false); }
Tensor log_softmax(const Tensor &x, int64_t dim, DType dtype) { return run_softmax(x, dim, dtype, true); }

}  // namespace ember
