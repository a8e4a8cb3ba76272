#include "ops/softmax.h"

#include "autograd/formula.h"
#include "autograd/function.h"
#include "core/shape.h"
#include "core/tensor_iterator.h"
#include "ops/autocast.h"
#include "ops/reduce.h"

namespace ember {

DispatchTable<SoftmaxKernel> &softmax_dispatch() {
    static DispatchTable<SoftmaxKernel> t;
    return t;
}

namespace {

using namespace fx;

// y: the saved result, ints {dim}. As PyTorch's _softmax_backward_data and
// _log_softmax_backward_data, written with recording ops (differentiable again). With a dtype
// argument the gradient comes out in that dtype; the engine converts it to the input's.
void softmax_backward(autograd::BackwardContext &c) {
    const Tensor &g = c.grad();
    Tensor y = c.saved(0);
    c.set(0, y * (g - sum(g * y, c.node.ints, true)));
}

void log_softmax_backward(autograd::BackwardContext &c) {
    const Tensor &g = c.grad();
    Tensor y = c.saved(0);
    c.set(0, g - exp(y) * sum(g, c.node.ints, true));
}

Tensor compute_softmax(const Tensor &x, int64_t dim, DType dtype, bool log) {
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

Tensor run_softmax(const Tensor &x, int64_t dim, DType dtype, bool log) {
    autograd::Recorder rec(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0",
                           log ? &log_softmax_backward : &softmax_backward, {&x});
    Tensor out = compute_softmax(x, dim, dtype, log);
    rec.finish({&out});
    if (rec) {
        rec.node().ints = {wrap_dim(dim, x.dim())};
        rec.save_output(out);
    }
    return out;
}

}  // namespace

Tensor softmax(const Tensor &x, int64_t dim, DType dtype) {
    if (autocast::Float32 f32; f32.active()) return softmax(f32(x), dim, dtype);
    return run_softmax(x, dim, dtype, false);
}
Tensor log_softmax(const Tensor &x, int64_t dim, DType dtype) {
    if (autocast::Float32 f32; f32.active()) return log_softmax(f32(x), dim, dtype);
    return run_softmax(x, dim, dtype, true);
}

}  // namespace ember
