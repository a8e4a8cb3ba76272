#include "ops/shape_ops.h"

#include <algorithm>
#include <functional>

#include "autograd/autograd_meta.h"
#include "autograd/function.h"
#include "core/shape.h"
#include "core/tensor_iterator.h"
#include "ops/creation.h"
#include "ops/elementwise.h"
#include "ops/reduce.h"
#include "ops/views.h"

namespace ember {

DispatchTable<StridedGatherKernel> &strided_gather_dispatch() {
    static DispatchTable<StridedGatherKernel> t;
    return t;
}

DispatchTable<TriangleKernel> &triangle_dispatch() {
    static DispatchTable<TriangleKernel> t;
    return t;
}

// ---- Derivatives ----------------------------------------------------------------------------
// Each formula maps the result's gradient back to the inputs with recording ops (views, cat,
// sum...), so that create_graph gives higher derivatives.

namespace {

using autograd::BackwardContext;
using autograd::OpNode;

// The Recorder of function.h takes a fixed list of inputs; cat and stack take any number. This is
// the same recording for a span of inputs (no out= or in-place forms to handle).
class ListRecorder {
public:
    ListRecorder(const char *name, autograd::BackwardFn fn, std::span<const Tensor> inputs) {
        if (!autograd::recording_enabled()) return;
        bool any = false;
        for (const Tensor &t : inputs) any |= t.defined() && autograd::requires_grad(t);
        if (!any) return;
        node_ = Ref<OpNode>::make(name, fn);
        node_->next_edges.reserve(inputs.size());
        for (const Tensor &t : inputs)
            node_->next_edges.push_back(t.defined() && is_floating(t.dtype()) ? autograd::gradient_edge(t)
                                                                               : autograd::Edge{});
        no_grad_.begin();  // the ops used to compute the result do not record themselves
    }
    explicit operator bool() const { return static_cast<bool>(node_); }
    OpNode &node() { return *node_; }
    void finish(const Tensor &result) {
        if (!node_) return;
        no_grad_.end();
        uint32_t slot = node_->add_slot(result);
        if (is_floating(result.dtype())) autograd::set_history(result, Ref<autograd::Node>::borrow(node_.get()), slot);
    }

private:
    Ref<OpNode> node_;
    autograd::RecordingPause no_grad_;
};

// cat: each input's part of the gradient, cut along dim; inputs skipped by cat (1-D empty) get an
// empty gradient. shapes: the inputs' sizes; ints: {dim, skipped flags...}.
void cat_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const int64_t d = c.node.ints[0];
    int64_t offset = 0;
    for (size_t i = 0; i < c.node.shapes.size(); ++i) {
        if (c.node.ints[i + 1]) {
            c.set(i, zeros(DimVector{0}, g.dtype(), g.device()));
            continue;
        }
        const int64_t n = c.node.shapes[i][d];
        if (c.needs(i)) c.set(i, narrow(g, d, offset, n));
        offset += n;
    }
}

// stack: input i is the gradient's slice i along the new dim.
void stack_backward(BackwardContext &c) {
    const int64_t d = c.node.ints[0];
    for (size_t i = 0; i < c.node.next_edges.size(); ++i)
        if (c.needs(i)) c.set(i, select(c.grad(), d, static_cast<int64_t>(i)));
}

// split / chunk: the pieces' gradients joined again (pieces without one got zeros).
void split_backward(BackwardContext &c) { c.set(0, cat(c.grads, c.node.ints[0])); }

// repeat: the sum of the gradient over every copy. shapes[0]: the input's sizes; ints: repeats.
void repeat_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    IntArrayRef in = c.node.shapes[0], repeats = c.node.ints;
    bool none = g.numel() == 0;
    for (int64_t r : repeats) none |= r <= 0;
    if (none) {
        c.set(0, zeros(in, g.dtype(), g.device()));
        return;
    }
    // The gradient read as [r0, s0, r1, s1, ...] (leading new dims as [r]; repeats of 1 left
    // out), summed over the r dims.
    const size_t lead = repeats.size() - in.size();
    DimVector shape, dims;
    for (size_t i = 0; i < repeats.size(); ++i) {
        if (repeats[i] != 1 || i < lead) {
            dims.push_back(static_cast<int64_t>(shape.size()));
            shape.push_back(repeats[i]);
        }
        if (i >= lead) shape.push_back(in[i - lead]);
    }
    if (dims.empty()) {
        c.set(0, g);
        return;
    }
    c.set(0, sum(reshape(g, shape), dims, /*keepdim=*/false));
}

void flip_backward(BackwardContext &c) { c.set(0, flip(c.grad(), c.node.ints)); }

// roll: rolled back. flag: over the flattened tensor, ints {shift}; otherwise ints {shifts...,
// dims...} with code shifts (none: nothing moved).
void roll_backward(BackwardContext &c) {
    IntArrayRef all = c.node.ints;
    if (c.node.flag) {
        c.set(0, roll(c.grad(), all, {}));
        return;
    }
    const size_t n = static_cast<size_t>(c.node.code);
    c.set(0, n == 0 ? c.grad() : roll(c.grad(), all.subspan(0, n), all.subspan(n)));
}

void tril_backward(BackwardContext &c) { c.set(0, tril(c.grad(), c.node.ints[0])); }
void triu_backward(BackwardContext &c) { c.set(0, triu(c.grad(), c.node.ints[0])); }

}  // namespace

// ---- joining ------------------------------------------------------------------------------

Tensor cat(std::span<const Tensor> tensors, int64_t dim) {
    EMBER_CHECK(!tensors.empty(), InvalidArgument, "torch.cat(): expected a non-empty list of Tensors");
    // Legacy PyTorch lets a 1-D empty tensor join tensors of any shape; it only takes part in
    // type promotion.
    auto skipped = [](const Tensor &t) { return t.dim() == 1 && t.size(0) == 0; };
    DType dtype = DType::Undefined;
    const Tensor *ref = nullptr;  // the first tensor that is not skipped sets the shape
    for (size_t i = 0; i < tensors.size(); ++i) {
        const Tensor &t = tensors[i];
        EMBER_CHECK(t.defined(), InvalidArgument, "cat: tensor ", i, " is NULL");
        EMBER_CHECK(t.dim() > 0, Shape, "zero-dimensional tensor (at position ", i, ") cannot be concatenated");
        EMBER_CHECK(t.device() == tensors[0].device(), Device,
                    "Expected all tensors to be on the same device, but found at least two devices, ",
                    tensors[0].device().type_name(), " and ", t.device().type_name(), "!");
        // No 0-dim tensor gets here, so torch.result_type reduces to promoting all dtypes.
        dtype = promote_types(dtype, t.dtype());
        if (!ref && !skipped(t)) ref = &t;
    }
    const Device device = tensors[0].device();
    const int64_t d = ref ? wrap_dim(dim, ref->dim()) : 0;
    ListRecorder rec("CatBackward0", &cat_backward, tensors);
    if (rec) {
        rec.node().ints.push_back(d);
        for (const Tensor &t : tensors) {
            rec.node().shapes.emplace_back(t.sizes());
            rec.node().ints.push_back(skipped(t) ? 1 : 0);
        }
    }
    if (!ref) {
        Tensor out = empty(DimVector{0}, dtype, device);
        rec.finish(out);
        return out;
    }

    DimVector sizes(ref->sizes());
    sizes[d] = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const Tensor &t = tensors[i];
        if (skipped(t)) continue;
        EMBER_CHECK(t.dim() == ref->dim(), Shape, "Tensors must have same number of dimensions: got ", ref->dim(),
                    " and ", t.dim());
        for (int64_t j = 0; j < t.dim(); ++j)
            EMBER_CHECK(j == d || t.size(j) == ref->size(j), Shape, "Sizes of tensors must match except in dimension ",
                        d, ". Expected size ", ref->size(j), " but got size ", t.size(j), " for tensor number ", i,
                        " in the list.");
        EMBER_CHECK(!__builtin_add_overflow(sizes[d], t.size(d), &sizes[d]), Shape, "cat: the result is too large");
    }
    // Each input is copied into its slice of the result: copy_ converts the dtype and brings the
    // iteration helper's coalescing and threads.
    Tensor out = empty(sizes, dtype, device);
    int64_t offset = 0;
    for (const Tensor &t : tensors) {
        if (skipped(t)) continue;
        if (t.numel() > 0) copy_into(narrow(out, d, offset, t.size(d)), t);
        offset += t.size(d);
    }
    rec.finish(out);
    return out;
}

Tensor stack(std::span<const Tensor> tensors, int64_t dim) {
    EMBER_CHECK(!tensors.empty(), InvalidArgument, "stack expects a non-empty TensorList");
    for (size_t i = 0; i < tensors.size(); ++i)
        EMBER_CHECK(tensors[i].defined(), InvalidArgument, "stack: tensor ", i, " is NULL");
    const int64_t d = wrap_dim(dim, tensors[0].dim() + 1);
    ListRecorder rec("StackBackward0", &stack_backward, tensors);
    if (rec) rec.node().ints.push_back(d);
    std::vector<Tensor> parts;
    parts.reserve(tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i) {
        EMBER_CHECK(std::ranges::equal(tensors[i].sizes(), tensors[0].sizes()), Shape,
                    "stack expects each tensor to be equal size, but got ", tensors[0].sizes(), " at entry 0 and ",
                    tensors[i].sizes(), " at entry ", i);
        parts.push_back(unsqueeze(tensors[i], d));
    }
    Tensor out = cat(parts, d);
    rec.finish(out);
    return out;
}

// ---- splitting ----------------------------------------------------------------------------

SplitPlan plan_split(const Tensor &x, int64_t split_size, int64_t dim) {
    EMBER_CHECK(x.dim() > 0, Shape, "split expects at least a 1-dimensional tensor");
    const int64_t d = wrap_dim(dim, x.dim());
    EMBER_CHECK(split_size >= 0, InvalidArgument, "split expects split_size be non-negative, but got split_size=",
                split_size);
    const int64_t n = x.size(d);
    EMBER_CHECK(split_size > 0 || n == 0, InvalidArgument,
                "split_size can only be 0 if dimension size is 0, but got dimension size of ", n);
    // At least one piece, even for an empty dim or a split_size beyond the dim's size.
    int64_t count = n == 0 ? 1 : (n - 1) / split_size + 1;
    return SplitPlan{d, count, split_size, n - split_size * (count - 1)};
}

SplitPlan plan_chunk(const Tensor &x, int64_t chunks, int64_t dim) {
    EMBER_CHECK(x.dim() > 0, Shape, "chunk expects at least a 1-dimensional tensor");
    EMBER_CHECK(chunks > 0, InvalidArgument, "chunk expects `chunks` to be greater than 0, got: ", chunks);
    const int64_t d = wrap_dim(dim, x.dim());
    const int64_t n = x.size(d);
    // An empty dim yields `chunks` empty pieces; otherwise pieces of ceil(n / chunks), which may
    // be fewer than `chunks` (torch.chunk's rule: 6 in 4 chunks is 2 + 2 + 2).
    if (n == 0) return SplitPlan{d, chunks, 0, 0, /*with_sizes=*/true};
    return plan_split(x, (n - 1) / chunks + 1, d);
}

namespace {

// The pieces (views of x) as the outputs of one node, as in PyTorch.
std::vector<Tensor> record_pieces(const char *name, const Tensor &x, int64_t dim,
                                  const std::function<std::vector<Tensor>()> &make) {
    autograd::Recorder rec(name, &split_backward, {&x});
    if (rec) rec.node().ints = {dim};
    std::vector<Tensor> pieces = make();  // narrow tracks each piece as a view of x
    rec.finish({});
    if (rec) {
        Ref<autograd::Node> fn = Ref<autograd::Node>::borrow(&rec.node());
        for (const Tensor &p : pieces) autograd::set_history(p, fn, rec.node().add_slot(p));
    }
    return pieces;
}

}  // namespace

std::vector<Tensor> split(const Tensor &x, const SplitPlan &plan) {
    return record_pieces(plan.with_sizes ? "SplitWithSizesBackward0" : "SplitBackward0", x, plan.dim, [&] {
        std::vector<Tensor> pieces;
        pieces.reserve(static_cast<size_t>(plan.count));
        for (int64_t i = 0; i < plan.count; ++i)
            pieces.push_back(narrow(x, plan.dim, i * plan.size, i + 1 < plan.count ? plan.size : plan.last));
        return pieces;
    });
}

std::vector<Tensor> split(const Tensor &x, int64_t split_size, int64_t dim) {
    return split(x, plan_split(x, split_size, dim));
}

std::vector<Tensor> chunk(const Tensor &x, int64_t chunks, int64_t dim) {
    return split(x, plan_chunk(x, chunks, dim));
}

std::vector<Tensor> split_with_sizes(const Tensor &x, IntArrayRef sizes, int64_t dim) {
    EMBER_CHECK(x.dim() > 0, Shape, "split expects at least a 1-dimensional tensor");
    const int64_t d = wrap_dim(dim, x.dim());
    int64_t sum = 0;
    bool overflow = false;
    for (int64_t s : sizes) {
        EMBER_CHECK(s >= 0, InvalidArgument,
                    "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=", sizes);
        overflow |= __builtin_add_overflow(sum, s, &sum);
    }
    EMBER_CHECK(!overflow && sum == x.size(d), Shape, "split_with_sizes expects split_sizes to sum exactly to ",
                x.size(d), " (input tensor's size at dimension ", d, "), but got split_sizes=", sizes);
    return record_pieces("SplitWithSizesBackward0", x, d, [&] {
        std::vector<Tensor> pieces;
        pieces.reserve(sizes.size());
        int64_t start = 0;
        for (int64_t s : sizes) {
            pieces.push_back(narrow(x, d, start, s));
            start += s;
        }
        return pieces;
    });
}

// ---- rearranging --------------------------------------------------------------------------

Tensor repeat(const Tensor &x, IntArrayRef repeats) {
    const int64_t nd = static_cast<int64_t>(repeats.size()), xd = x.dim();
    EMBER_CHECK(nd >= xd, Shape,
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
    // x (with leading 1s up to nd dims) read as [r0, s0, r1, s1, ...] with stride 0 along each
    // repeat dim is exactly the result laid out row-major: one broadcasting copy does it all.
    DimVector out_sizes(repeats.size()), src_sizes(2 * repeats.size()), src_strides(2 * repeats.size());
    bool overflow = false;
    for (int64_t i = 0; i < nd; ++i) {
        int64_t j = i - (nd - xd);
        int64_t s = j >= 0 ? x.size(j) : 1;
        overflow |= __builtin_mul_overflow(repeats[i], s, &out_sizes[i]);
        src_sizes[2 * i] = repeats[i];
        src_strides[2 * i] = 0;
        src_sizes[2 * i + 1] = s;
        src_strides[2 * i + 1] = j >= 0 ? x.stride(j) : 0;
    }
    EMBER_CHECK(!overflow, Shape, "repeat: the result of repeating ", x.sizes(), " by ", repeats, " is too large");
    // Like PyTorch, only the result's sizes are checked: a negative repeat of an empty dim is 0.
    for (int64_t s : out_sizes)
        EMBER_CHECK(s >= 0, Shape, "Trying to create tensor with negative dimension ", s, ": ", out_sizes.span());
    autograd::Recorder rec("RepeatBackward0", &repeat_backward, {&x});
    if (rec) {
        rec.node().shapes = {DimVector(x.sizes())};
        rec.node().ints = DimVector(repeats);
    }
    Tensor out = empty(out_sizes, x.dtype(), x.device());
    if (out.numel() != 0)
        copy_into(make_view(out, src_sizes, contiguous_strides(src_sizes), 0),
                  make_view(x, src_sizes, src_strides, x.storage_offset()));
    rec.finish({&out});
    return out;
}

Tensor tile(const Tensor &x, IntArrayRef repeats) {
    if (static_cast<int64_t>(repeats.size()) >= x.dim()) return repeat(x, repeats);
    DimVector padded(static_cast<size_t>(x.dim()) - repeats.size(), 1);
    for (int64_t r : repeats) padded.push_back(r);
    return repeat(x, padded);
}

namespace {

void flip_into(const Tensor &out, const Tensor &x, uint64_t mask) {
    if (out.numel() == 0) return;
    // Reading x backwards along a dim = starting at its last element with the stride negated.
    // Such a layout cannot be a tensor (strides are never negative), so it goes straight to a
    // gather kernel, after dropping size-1 dims and merging dims that are contiguous with each
    // other (a flip of a contiguous matrix along both dims becomes one reversed run).
    DimVector sizes, strides;
    int64_t offset = x.storage_offset();
    bool reversed = false;
    for (int64_t d = 0; d < x.dim(); ++d) {
        int64_t n = x.size(d), st = x.stride(d);
        if (n == 1) continue;
        if (mask >> d & 1) {
            offset += (n - 1) * st;
            st = -st;
            reversed = true;
        }
        if (!sizes.empty() && strides.back() == st * n) {
            sizes.back() *= n;
            strides.back() = st;
        } else {
            sizes.push_back(n);
            strides.push_back(st);
        }
    }
    if (!reversed) {
        copy_into(out, x);
        return;
    }
    const char *src = static_cast<const char *>(x.impl()->storage()->data()) + offset * static_cast<int64_t>(x.element_size());
    strided_gather_dispatch().get(x.device(), "flip")(out, src, sizes, strides);
}

}  // namespace

Tensor flip(const Tensor &x, IntArrayRef dims) {
    const uint64_t mask = dim_mask(dims, x.dim(), "flip");
    autograd::Recorder rec("FlipBackward0", &flip_backward, {&x});
    if (rec) rec.node().ints = DimVector(dims);
    Tensor out = empty_like(x);
    flip_into(out, x, mask);
    rec.finish({&out});
    return out;
}

namespace {


// out = x rolled by shifts[j] (0 < shift < size) along dims[j], in one pass: every combination of
// "wrapped part" and "shifted part" along the dims is one block copy, 2^dims.size() in all.
void roll_blocks(const Tensor &out, const Tensor &x, IntArrayRef dims, IntArrayRef shifts) {
    const size_t k = dims.size();
    for (uint64_t m = 0; m < (uint64_t(1) << k); ++m) {
        Tensor dst = out, src = x;
        for (size_t j = 0; j < k; ++j) {
            const int64_t d = dims[j], n = x.size(d), s = shifts[j];
            if (m >> j & 1) {
                dst = narrow(dst, d, 0, s);
                src = narrow(src, d, n - s, s);
            } else {
                dst = narrow(dst, d, s, n - s);
                src = narrow(src, d, 0, n - s);
            }
        }
        copy_into(dst, src);
    }
}

// s modulo n, in [0, n); 0 when n is 0.
int64_t wrap_shift(int64_t s, int64_t n) {
    if (n == 0) return 0;
    s %= n;
    return s < 0 ? s + n : s;
}

// Checks roll's dims against x and returns the total shift of every dim of x, in [0, size).
DimVector roll_amounts(const Tensor &x, IntArrayRef shifts, IntArrayRef dims) {
    EMBER_CHECK(shifts.size() == dims.size(), InvalidArgument, "shifts and dimensions must align. shifts: ",
                shifts.size(), ", dims:", dims.size());
    EMBER_CHECK(x.dim() > 0, Index, "Dimension specified as ", dims[0], " but tensor has no dimensions");
    // A dim named twice rolls twice, as PyTorch's one-dim-at-a-time definition does.
    DimVector total(static_cast<size_t>(x.dim()), 0);
    for (size_t i = 0; i < dims.size(); ++i) {
        int64_t d = wrap_dim(dims[i], x.dim()), n = x.size(d);
        total[d] = wrap_shift(total[d] + wrap_shift(shifts[i], n), n);
    }
    return total;
}

Tensor roll_impl(const Tensor &x, IntArrayRef shifts, IntArrayRef dims) {
    if (dims.empty()) {
        EMBER_CHECK(!shifts.empty(), InvalidArgument, "`shifts` required");
        EMBER_CHECK(shifts.size() == 1, InvalidArgument, "shifts and dimensions must align. shifts: ", shifts.size(),
                    ", dims:", dims.size());
        // Over the flattened tensor, as PyTorch: roll the 1-D view, then restore the shape.
        const int64_t zero = 0;
        Tensor flat = roll_impl(reshape(x, DimVector{-1}), shifts, IntArrayRef(&zero, 1));
        return view(flat, x.sizes());
    }
    DimVector total = roll_amounts(x, shifts, dims);
    Tensor out = empty_like(x);
    if (out.numel() == 0) return out;
    DimVector active, amount;
    for (int64_t d = 0; d < x.dim(); ++d)
        if (total[d] != 0) {
            active.push_back(d);
            amount.push_back(total[d]);
        }
    if (active.empty()) {
        copy_into(out, x);
        return out;
    }
    // Up to 4 dims at once (16 block copies); more dims roll in further passes over the result.
    constexpr size_t kDimsPerPass = 4;
    Tensor src = x;
    for (size_t b = 0; b < active.size(); b += kDimsPerPass) {
        size_t k = std::min(kDimsPerPass, active.size() - b);
        Tensor dst = b == 0 ? out : empty_like(x);
        roll_blocks(dst, src, active.span().subspan(b, k), amount.span().subspan(b, k));
        src = dst;
    }
    return src;
}

}  // namespace

Tensor roll(const Tensor &x, IntArrayRef shifts, IntArrayRef dims) {
    autograd::Recorder rec("RollBackward0", &roll_backward, {&x});
    Tensor out = roll_impl(x, shifts, dims);
    if (rec) {
        // The inverse roll: each rolled dim by size - shift (dims empty: the flattened tensor).
        OpNode &n = rec.node();
        n.flag = dims.empty();
        if (n.flag) {
            n.ints = {x.numel() - wrap_shift(shifts[0], x.numel())};
        } else {
            DimVector total = roll_amounts(x, shifts, dims), back, at;
            for (int64_t d = 0; d < x.dim(); ++d)
                if (total[d] != 0) {
                    back.push_back(x.size(d) - total[d]);
                    at.push_back(d);
                }
            n.ints = back;
            for (int64_t d : at) n.ints.push_back(d);
            n.code = static_cast<int>(back.size());
        }
    }
    rec.finish({&out});
    return out;
}

namespace {

Tensor triangle(const Tensor &x, int64_t k, bool upper) {
    const char *name = upper ? "triu" : "tril";
    EMBER_CHECK(x.defined(), InvalidArgument, name, ": tensor is NULL");
    EMBER_CHECK(x.dim() >= 2, Shape, name, ": input tensor must have at least 2 dimensions");
    autograd::Recorder rec(upper ? "TriuBackward0" : "TrilBackward0", upper ? &triu_backward : &tril_backward, {&x});
    if (rec) rec.node().ints = {k};
    Tensor out = clone(x);  // contiguous
    if (out.numel() != 0) {
        // Beyond these bounds the result no longer changes; clamping keeps row + k from overflowing.
        const int64_t rows = x.size(x.dim() - 2), cols = x.size(x.dim() - 1);
        triangle_dispatch().get(x.device(), name)(out, std::clamp<int64_t>(k, -rows, cols), upper);
    }
    rec.finish({&out});
    return out;
}

}  // namespace

Tensor tril(const Tensor &x, int64_t k) { return triangle(x, k, false); }
Tensor triu(const Tensor &x, int64_t k) { return triangle(x, k, true); }

}  // namespace ember
