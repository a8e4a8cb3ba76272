#include "ops/sort.h"

#include "autograd/function.h"
#include "core/shape.h"
#include "ops/creation.h"
#include "ops/elementwise.h"
#include "ops/indexing.h"

namespace ember {

DispatchTable<SortKernel> &sort_dispatch() {
    static DispatchTable<SortKernel> t;
    return t;
}
DispatchTable<TopkKernel> &topk_dispatch() {
    static DispatchTable<TopkKernel> t;
    return t;
}

namespace {

// sort and topk: each value's gradient goes back to the position it came from (indices). The
// scatter is recorded, so create_graph differentiates it again (its derivative is a gather).
// ints {dim}, shapes {input sizes}, saved {indices}.
void values_backward(autograd::BackwardContext &c) {
    const Tensor &g = c.grad(0);
    Tensor z = zeros(c.node.shapes[0], g.dtype(), g.device());
    c.set(0, scatter(z, c.node.ints[0], c.saved(0), g, EMBER_SCATTER_ASSIGN, z));
}

// Connects (values, indices) to rec's node; indices are saved for the formula.
void finish_selection(autograd::Recorder &rec, const Tensor &x, int64_t dim, Tensor &values, Tensor &indices) {
    rec.finish({&values, &indices});
    if (!rec) return;
    rec.node().ints = {dim};
    rec.node().shapes = {DimVector(x.sizes())};
    rec.node().saved.emplace_back(indices, false);
}

}  // namespace

std::pair<Tensor, Tensor> sort(const Tensor &x, int64_t dim, bool descending, bool stable) {
    EMBER_CHECK(x.defined(), InvalidArgument, "sort: input is NULL");
    dim = wrap_dim(dim, x.dim());
    autograd::Recorder rec("SortBackward0", &values_backward, {&x});
    Tensor values = clone(x);
    Tensor indices = empty(x.sizes(), DType::Int64, x.device());
    if (x.numel() != 0) sort_dispatch().get(x.device(), "sort")(values, indices, dim, descending, stable);
    finish_selection(rec, x, dim, values, indices);
    return {values, indices};
}

Tensor argsort(const Tensor &x, int64_t dim, bool descending) {
    autograd::NoGradGuard no_grad;  // only the indices are wanted: nothing to differentiate
    return sort(x, dim, descending, true).second;
}

std::pair<Tensor, Tensor> topk(const Tensor &x, int64_t k, int64_t dim, bool largest, bool sorted) {
    EMBER_CHECK(x.defined(), InvalidArgument, "topk: input is NULL");
    dim = wrap_dim(dim, x.dim());
    const int64_t n = x.dim() == 0 ? 1 : x.size(dim);
    EMBER_CHECK(k >= 0 && k <= n, Index, "selected index k out of range");
    DimVector shape(x.sizes());
    if (x.dim() != 0) shape[dim] = k;
    autograd::Recorder rec("TopkBackward0", &values_backward, {&x});
    Tensor values = empty(shape, x.dtype(), x.device());
    Tensor indices = empty(shape, DType::Int64, x.device());
    if (x.dim() == 0) {
        // PyTorch returns the (only) element of a 0-dim tensor even for k = 0.
        copy_(values, x);
        fill_(indices, Scalar::from_int(0));
    } else if (values.numel() != 0) {
        topk_dispatch().get(x.device(), "topk")(contiguous(x), dim, k, largest, sorted, values, indices);
    }
    finish_selection(rec, x, dim, values, indices);
    return {values, indices};
}

}  // namespace ember
