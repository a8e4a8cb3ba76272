#include "ops/scan.h"

#include "core/shape.h"
#include "core/tensor_iterator.h"

namespace ember {

DispatchTable<ScanKernel, static_cast<int>(ScanOp::Count)> &scan_dispatch() {
    static DispatchTable<ScanKernel, static_cast<int>(ScanOp::Count)> t;
    return t;
}

namespace {

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

Tensor cumsum(const Tensor &x, int64_t dim, DType dtype) { return run_scan(ScanOp::CumSum, x, dim, dtype); }
Tensor cumprod(const Tensor &x, int64_t dim, DType dtype) { return run_scan(ScanOp::CumProd, x, dim, dtype); }

}  // namespace ember
