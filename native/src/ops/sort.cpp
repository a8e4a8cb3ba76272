#include "ops/sort.h"

#include "core/shape.h"
#include "ops/elementwise.h"

namespace ember {

DispatchTable<SortKernel> &sort_dispatch() {
    static DispatchTable<SortKernel> t;
    return t;
}
DispatchTable<TopkKernel> &topk_dispatch() {
    static DispatchTable<TopkKernel> t;
    return t;
}

std::pair<Tensor, Tensor> sort(const Tensor &x, int64_t dim, bool descending, bool stable) {
    EMBER_CHECK(x.defined(), InvalidArgument, "sort: input is NULL");
    dim = wrap_dim(dim, x.dim());
    Tensor values = clone(x);
    Tensor indices = empty(x.sizes(), DType::Int64, x.device());
    if (x.numel() != 0) sort_dispatch().get(x.device(), "sort")(values, indices, dim, descending, stable);
    return {values, indices};
}

Tensor argsort(const Tensor &x, int64_t dim, bool descending) { return sort(x, dim, descending, true).second; }

std::pair<Tensor, Tensor> topk(const Tensor &x, int64_t k, int64_t dim, bool largest, bool sorted) {
    EMBER_CHECK(x.defined(), InvalidArgument, "topk: input is NULL");
    dim = wrap_dim(dim, x.dim());
    const int64_t n = x.dim() == 0 ? 1 : x.size(dim);
    EMBER_CHECK(k >= 0 && k <= n, Index, "selected index k out of range");
    DimVector shape(x.sizes());
    if (x.dim() != 0) shape[dim] = k;
    Tensor values = empty(shape, x.dtype(), x.device());
    Tensor indices = empty(shape, DType::Int64, x.device());
    // PyTorch returns the (only) element of a 0-dim tensor even for k = 0.
    if (x.dim() == 0) {
        copy_(values, x);
        fill_(indices, Scalar::from_int(0));
        return {values, indices};
    }
    if (values.numel() != 0)
        topk_dispatch().get(x.device(), "topk")(contiguous(x), dim, k, largest, sorted, values, indices);
    return {values, indices};
}

}  // namespace ember
