#include "ops/views.h"

#include <algorithm>
#include <string>

#include "autograd/function.h"
#include "autograd/grad_utils.h"
#include "autograd/view_tracking.h"
#include "ops/creation.h"
#include "ops/elementwise.h"
#include "ops/indexing.h"

namespace ember {

namespace {

// The element count of sizes; a view whose count does not fit in int64 is a Shape error (the
// sizes came from the caller: expand and as_strided can describe huge tensors over tiny storage).
int64_t checked_numel(IntArrayRef sizes, const char *op) {
    int64_t n = 1;
    bool overflow = false;
    for (int64_t s : sizes) {
        if (s == 0) return 0;
        overflow |= __builtin_mul_overflow(n, s, &n);
    }
    EMBER_CHECK(!overflow, Shape, op, ": the shape ", sizes, " has too many elements");
    return n;
}

Tensor alias(const Tensor &x, IntArrayRef sizes, IntArrayRef strides) {
    return make_view(x, sizes, strides, x.storage_offset());
}

// ---- Derivatives. Each view op's gradient maps the view-shaped gradient back to the input. ----
using autograd::BackwardContext;
using autograd::Recorder;

void reshape_backward(BackwardContext &c) { c.set(0, reshape(c.grad(), c.node.shapes[0])); }
void permute_backward(BackwardContext &c) {
    DimVector inverse(c.node.ints.size());
    for (size_t i = 0; i < inverse.size(); ++i) inverse[static_cast<size_t>(c.node.ints[i])] = static_cast<int64_t>(i);
    c.set(0, permute(c.grad(), inverse));
}
void transpose_backward(BackwardContext &c) { c.set(0, transpose(c.grad(), c.node.ints[0], c.node.ints[1])); }
void slice_grad(BackwardContext &c) {
    const DimVector &i = c.node.ints;
    c.set(0, slice_backward(c.grad(), c.node.shapes[0], i[0], i[1], i[2], i[3]));
}
void select_grad(BackwardContext &c) {
    c.set(0, select_backward(c.grad(), c.node.shapes[0], c.node.ints[0], c.node.ints[1]));
}
void expand_backward(BackwardContext &c) { c.set(0, autograd::sum_to(c.grad(), c.node.shapes[0])); }
// The gradients of slice_backward / select_backward are the forward ops again.
void slice_backward_backward(BackwardContext &c) {
    const DimVector &i = c.node.ints;
    c.set(0, slice(c.grad(), i[0], i[1], i[2], i[3]));
}
void select_backward_backward(BackwardContext &c) { c.set(0, select(c.grad(), c.node.ints[0], c.node.ints[1])); }

// A recorded view op's result: tracked as a view of x (for in-place ops on it later) and
// connected to the op's node.
Tensor finish_view(Recorder &rec, const Tensor &x, Tensor r) {
    autograd::track_view(x, r);
    rec.finish({&r});
    return r;
}

// The storage positions of every element of a strided geometry, as an int64 tensor of its shape.
Tensor storage_positions(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
    Tensor pos = empty(sizes, DType::Int64);
    int64_t *p = pos.data<int64_t>();
    const int64_t n = pos.numel(), nd = static_cast<int64_t>(sizes.size());
    DimVector idx(sizes.size(), 0);
    int64_t at = offset;
    for (int64_t k = 0; k < n; ++k) {
        p[k] = at;
        for (int64_t d = nd - 1; d >= 0; --d) {
            if (++idx[d] < sizes[d]) {
                at += strides[d];
                break;
            }
            at -= (sizes[d] - 1) * strides[d];
            idx[d] = 0;
        }
    }
    return pos;
}

int64_t extent_of(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
    int64_t end = offset + 1;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (sizes[i] == 0) return 0;
        end += (sizes[i] - 1) * strides[i];
    }
    return end;
}

}  // namespace

Tensor slice_backward(const Tensor &g, IntArrayRef input_sizes, int64_t dim, int64_t start, int64_t end, int64_t step) {
    Recorder rec("SliceBackwardBackward0", &slice_backward_backward, {&g});
    if (rec) rec.node().ints = {dim, start, end, step};
    Tensor r = zeros(input_sizes, g.dtype(), g.device());
    copy_into(slice(r, dim, start, end, step), g);
    rec.finish({&r});
    return r;
}

Tensor select_backward(const Tensor &g, IntArrayRef input_sizes, int64_t dim, int64_t index) {
    Recorder rec("SelectBackwardBackward0", &select_backward_backward, {&g});
    if (rec) rec.node().ints = {dim, index};
    Tensor r = zeros(input_sizes, g.dtype(), g.device());
    copy_into(select(r, dim, index), g);
    rec.finish({&r});
    return r;
}

Tensor as_strided_backward(const Tensor &g, IntArrayRef in_sizes, IntArrayRef in_strides, int64_t in_offset,
                           IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
    // Scatter-add the view's gradient into a flat copy of the storage span, then read the input's
    // elements from it: correct for overlapping views (stride 0) too. Both steps are recorded ops.
    int64_t span = std::max(extent_of(in_sizes, in_strides, in_offset), extent_of(sizes, strides, offset));
    Tensor flat = zeros(DimVector{span}, g.dtype(), g.device());
    Tensor at_view = storage_positions(sizes, strides, offset);
    Tensor values = reshape(g, DimVector{-1});
    Tensor index_list[1] = {reshape(at_view, DimVector{-1})};
    flat = index_put(flat, index_list, values, /*accumulate=*/true);
    return take(flat, storage_positions(in_sizes, in_strides, in_offset));
}

void as_strided_view_backward(autograd::BackwardContext &c) {
    const auto &s = c.node.shapes;
    c.set(0, as_strided_backward(c.grad(), s[0], s[1], c.node.ints[0], s[2], s[3], c.node.ints[1]));
}

DimVector infer_size(IntArrayRef shape, int64_t numel) {
    int64_t product = 1;
    bool zero = false, overflow = false;
    int64_t infer = -1;
    for (size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == -1) {
            EMBER_CHECK(infer < 0, Shape, "only one dimension can be inferred");
            infer = static_cast<int64_t>(d);
        } else {
            EMBER_CHECK(shape[d] >= 0, Shape, "invalid shape dimension ", shape[d]);
            zero |= shape[d] == 0;
            overflow |= __builtin_mul_overflow(product, shape[d], &product);
        }
    }
    if (zero) product = 0;
    else if (overflow) fail(Status::Shape, "shape '", shape, "' is invalid for input of size ", numel);
    DimVector res(shape);
    if (numel == product || (infer >= 0 && product > 0 && numel % product == 0)) {
        if (infer >= 0) {
            // Any size would do for 0 elements: NumPy refuses to guess, and so does PyTorch.
            EMBER_CHECK(product != 0, Shape, "cannot reshape tensor of 0 elements into shape ", shape,
                        " because the unspecified dimension size -1 can be any value and is ambiguous");
            res[infer] = numel / product;
        }
        return res;
    }
    fail(Status::Shape, "shape '", shape, "' is invalid for input of size ", numel);
}

std::optional<DimVector> view_strides(IntArrayRef sizes, IntArrayRef strides, IntArrayRef new_sizes) {
    int64_t numel = 1;
    for (int64_t s : sizes) numel *= s;
    if (numel == 0) {
        // Strides are arbitrary without elements: keep them when the shape is unchanged (as NumPy
        // does), otherwise use row-major ones.
        if (std::ranges::equal(sizes, new_sizes)) return DimVector(strides);
        return contiguous_strides(new_sizes);
    }
    // A 0-dim tensor is one element: the same as a [1] tensor for this purpose.
    static constexpr int64_t kOne[1] = {1};
    if (sizes.empty()) sizes = strides = IntArrayRef(kOne);

    // Walk the old dims from the innermost, grouping them into chunks that are contiguous with
    // each other (stride[d-1] == size[d] * stride[d], size-1 dims ignored). Each chunk behaves
    // like one dense dim with base stride `chunk_base`, so the new dims that cover exactly its
    // elements can take strides within it; a new dim that would straddle two chunks cannot.
    DimVector out(new_sizes.size());
    int64_t view_d = static_cast<int64_t>(new_sizes.size()) - 1;
    int64_t chunk_base = strides.back();
    int64_t tensor_numel = 1, view_numel = 1;
    for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
        tensor_numel *= sizes[d];
        bool chunk_ends = d == 0 || (sizes[d - 1] != 1 && strides[d - 1] != tensor_numel * chunk_base);
        if (!chunk_ends) continue;
        while (view_d >= 0 && (view_numel < tensor_numel || new_sizes[view_d] == 1)) {
            out[view_d] = view_numel * chunk_base;
            view_numel *= new_sizes[view_d];
            --view_d;
        }
        if (view_numel != tensor_numel) return std::nullopt;
        if (d > 0) {
            chunk_base = strides[d - 1];
            tensor_numel = 1;
            view_numel = 1;
        }
    }
    if (view_d != -1) return std::nullopt;
    return out;
}

Tensor view(const Tensor &x, IntArrayRef sizes) {
    DimVector shape = infer_size(sizes, x.numel());
    std::optional<DimVector> strides = view_strides(x.sizes(), x.strides(), shape);
    EMBER_CHECK(strides.has_value(), Shape,
                "view size is not compatible with input tensor's size and stride (at least one dimension spans "
                "across two contiguous subspaces). Use .reshape(...) instead.");
    Recorder rec("ViewBackward0", &reshape_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    return finish_view(rec, x, alias(x, shape, *strides));
}

Tensor reshape(const Tensor &x, IntArrayRef sizes) {
    DimVector shape = infer_size(sizes, x.numel());
    std::optional<DimVector> strides = view_strides(x.sizes(), x.strides(), shape);
    Recorder rec(strides ? "ViewBackward0" : "UnsafeViewBackward0", &reshape_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    if (strides) return finish_view(rec, x, alias(x, shape, *strides));
    Tensor c = clone(x);  // a fresh row-major tensor, which every shape of its numel can view
    Tensor r = make_view(c, shape, contiguous_strides(shape), 0);
    rec.finish({&r});
    return r;
}

Tensor permute(const Tensor &x, IntArrayRef dims) {
    const int64_t nd = x.dim();
    EMBER_CHECK(static_cast<int64_t>(dims.size()) == nd, Shape,
                "permute(): number of dimensions in the tensor input does not match the length of the desired "
                "ordering of dimensions i.e. input.dim() = ",
                nd, " is not equal to len(dims) = ", dims.size());
    DimVector sizes(dims.size()), strides(dims.size()), seen(dims.size(), 0);
    for (size_t i = 0; i < dims.size(); ++i) {
        int64_t d = wrap_dim(dims[i], nd);
        EMBER_CHECK(!seen[d], InvalidArgument, "permute(): duplicate dims are not allowed.");
        seen[d] = 1;
        sizes[i] = x.size(d);
        strides[i] = x.stride(d);
    }
    Recorder rec("PermuteBackward0", &permute_backward, {&x});
    if (rec)
        for (size_t i = 0; i < dims.size(); ++i) rec.node().ints.push_back(wrap_dim(dims[i], nd));
    return finish_view(rec, x, alias(x, sizes, strides));
}

Tensor transpose(const Tensor &x, int64_t dim0, int64_t dim1) {
    const int64_t nd = x.dim();
    int64_t a = wrap_dim(dim0, nd), b = wrap_dim(dim1, nd);
    DimVector sizes(x.sizes()), strides(x.strides());
    if (nd > 0) {
        std::swap(sizes[a], sizes[b]);
        std::swap(strides[a], strides[b]);
    }
    Recorder rec("TransposeBackward0", &transpose_backward, {&x});
    if (rec) rec.node().ints = {a, b};
    return finish_view(rec, x, alias(x, sizes, strides));
}

Tensor slice(const Tensor &x, int64_t dim, int64_t start, int64_t end, int64_t step) {
    EMBER_CHECK(x.dim() > 0, Index, "slice() cannot be applied to a 0-dim tensor.");
    int64_t d = wrap_dim(dim, x.dim());
    EMBER_CHECK(step > 0, InvalidArgument, "slice step must be positive");
    const int64_t n = x.size(d);
    // Python's rules: negative bounds count from the end, then both are clamped to [0, n].
    if (start < 0) start += n;
    if (end < 0) end += n;
    start = std::clamp<int64_t>(start, 0, n);
    end = std::clamp<int64_t>(end, start, n);
    const int64_t len = end - start;
    DimVector sizes(x.sizes()), strides(x.strides());
    sizes[d] = len == 0 ? 0 : (len - 1) / step + 1;  // rounds up without overflowing for huge steps
    // stride * step, as PyTorch. A huge step leaves at most one element, whose stride is never
    // used: keep the old one then rather than a stride whose byte offset would overflow.
    int64_t stride, bytes;
    bool overflow = __builtin_mul_overflow(strides[d], step, &stride) ||
                    __builtin_mul_overflow(stride, static_cast<int64_t>(x.element_size()), &bytes);
    if (!overflow) strides[d] = stride;
    else EMBER_CHECK(sizes[d] <= 1, Shape, "slice: the stride ", strides[d], " times step ", step, " overflows");
    Recorder rec("SliceBackward0", &slice_grad, {&x});
    if (rec) {
        rec.node().shapes = {DimVector(x.sizes())};
        rec.node().ints = {d, start, end, step};
    }
    return finish_view(rec, x, make_view(x, sizes, strides, x.storage_offset() + start * x.stride(d)));
}

Tensor narrow(const Tensor &x, int64_t dim, int64_t start, int64_t length) {
    EMBER_CHECK(x.dim() > 0, Index, "narrow() cannot be applied to a 0-dim tensor.");
    int64_t d = wrap_dim(dim, x.dim());
    EMBER_CHECK(length >= 0, InvalidArgument, "narrow(): length must be non-negative.");
    const int64_t n = x.size(d);
    // start == n is allowed (an empty narrow at the end), unlike an index.
    EMBER_CHECK(start >= -n && start <= n, Index, "start out of range (expected to be in range of [", -n, ", ", n,
                "], but got ", start, ")");
    if (start < 0) start += n;
    EMBER_CHECK(start <= n - length, Index, "start (", start, ") + length (", length, ") exceeds dimension size (",
                n, ").");
    DimVector sizes(x.sizes());
    sizes[d] = length;
    Recorder rec("SliceBackward0", &slice_grad, {&x});
    if (rec) {
        rec.node().shapes = {DimVector(x.sizes())};
        rec.node().ints = {d, start, start + length, 1};
    }
    return finish_view(rec, x, make_view(x, sizes, x.strides(), x.storage_offset() + start * x.stride(d)));
}

Tensor select(const Tensor &x, int64_t dim, int64_t index) {
    EMBER_CHECK(x.dim() > 0, Index, "select() cannot be applied to a 0-dim tensor.");
    int64_t d = wrap_dim(dim, x.dim());
    const int64_t n = x.size(d);
    EMBER_CHECK(index >= -n && index < n, Index, "select(): index ", index, " out of range for tensor of size ",
                x.sizes(), " at dimension ", d);
    if (index < 0) index += n;
    DimVector sizes(x.sizes()), strides(x.strides());
    sizes.erase(static_cast<size_t>(d));
    strides.erase(static_cast<size_t>(d));
    Recorder rec("SelectBackward0", &select_grad, {&x});
    if (rec) {
        rec.node().shapes = {DimVector(x.sizes())};
        rec.node().ints = {d, index};
    }
    return finish_view(rec, x, make_view(x, sizes, strides, x.storage_offset() + index * x.stride(d)));
}

Tensor expand(const Tensor &x, IntArrayRef sizes) {
    const int64_t nd = static_cast<int64_t>(sizes.size()), xd = x.dim();
    EMBER_CHECK(nd >= xd, Shape, "expand(", dtype_name(x.dtype()), "{", x.sizes(), "}, size=", sizes,
                "): the number of sizes provided (", nd, ") must be greater or equal to the number of dimensions in "
                "the tensor (", xd, ")");
    DimVector out_sizes(sizes.size()), out_strides(sizes.size());
    for (int64_t i = nd - 1; i >= 0; --i) {
        int64_t d = i - (nd - xd);  // the matching dim of x; negative for new leading dims
        int64_t size = d >= 0 ? x.size(d) : 1;
        // A new leading dim of size 1 gets the stride it would have if it were contiguous with
        // the dim inside it, so expand(1, ...) keeps a tensor contiguous; a 0-dim tensor's dims
        // all get stride 0. Both as in PyTorch.
        int64_t stride = d >= 0 ? x.stride(d) : xd == 0 ? 0 : out_sizes[i + 1] * out_strides[i + 1];
        int64_t target = sizes[i];
        if (target == -1) {
            EMBER_CHECK(d >= 0, Shape, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
                        "dimension ", i);
            target = size;
        }
        if (size != target) {
            EMBER_CHECK(size == 1, Shape, "The expanded size of the tensor (", target,
                        ") must match the existing size (", size, ") at non-singleton dimension ", i,
                        ".  Target sizes: ", sizes, ".  Tensor sizes: ", x.sizes());
            EMBER_CHECK(target >= 0, Shape, "Trying to create tensor with negative dimension ", target, ": ", sizes);
            size = target;
            stride = 0;
        }
        out_sizes[i] = size;
        out_strides[i] = stride;
    }
    checked_numel(out_sizes, "expand");
    Recorder rec("ExpandBackward0", &expand_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    return finish_view(rec, x, alias(x, out_sizes, out_strides));
}

Tensor squeeze(const Tensor &x) {
    DimVector sizes, strides;
    for (int64_t d = 0; d < x.dim(); ++d) {
        if (x.size(d) == 1) continue;
        sizes.push_back(x.size(d));
        strides.push_back(x.stride(d));
    }
    Recorder rec("SqueezeBackward0", &reshape_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    return finish_view(rec, x, alias(x, sizes, strides));
}

Tensor squeeze(const Tensor &x, IntArrayRef dims) {
    uint64_t mask = dim_mask(dims, x.dim(), "squeeze");
    DimVector sizes, strides;
    for (int64_t d = 0; d < x.dim(); ++d) {
        if (x.size(d) == 1 && (mask >> d & 1)) continue;
        sizes.push_back(x.size(d));
        strides.push_back(x.stride(d));
    }
    Recorder rec("SqueezeBackward1", &reshape_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    return finish_view(rec, x, alias(x, sizes, strides));
}

Tensor unsqueeze(const Tensor &x, int64_t dim) {
    int64_t d = wrap_dim(dim, x.dim() + 1);
    DimVector sizes(x.sizes()), strides(x.strides());
    // The stride a contiguous tensor would have there, so unsqueeze keeps contiguity.
    int64_t stride = d < x.dim() ? x.size(d) * x.stride(d) : 1;
    sizes.insert(static_cast<size_t>(d), 1);
    strides.insert(static_cast<size_t>(d), stride);
    Recorder rec("UnsqueezeBackward0", &reshape_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    return finish_view(rec, x, alias(x, sizes, strides));
}

Tensor flatten(const Tensor &x, int64_t start_dim, int64_t end_dim) {
    const int64_t nd = x.dim();
    int64_t s = wrap_dim(start_dim, nd), e = wrap_dim(end_dim, nd);
    EMBER_CHECK(s <= e, InvalidArgument, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (nd == 0) return reshape(x, DimVector{1});
    if (s == e) return x;
    DimVector shape;
    for (int64_t d = 0; d < s; ++d) shape.push_back(x.size(d));
    int64_t merged = 1;
    for (int64_t d = s; d <= e; ++d) merged *= x.size(d);
    shape.push_back(merged);
    for (int64_t d = e + 1; d < nd; ++d) shape.push_back(x.size(d));
    return reshape(x, shape);
}

Tensor unflatten(const Tensor &x, int64_t dim, IntArrayRef sizes) {
    EMBER_CHECK(x.dim() > 0, Index, "unflatten: Dimension specified as ", dim, " but tensor has no dimensions");
    int64_t d = wrap_dim(dim, x.dim());
    EMBER_CHECK(!sizes.empty(), InvalidArgument, "unflatten: sizes must be non-empty");
    if (std::ranges::find(sizes, -1) == sizes.end()) {
        int64_t product = 1;
        bool overflow = false;
        for (int64_t s : sizes) overflow |= __builtin_mul_overflow(product, s, &product);
        EMBER_CHECK(!overflow && product == x.size(d), Shape, "unflatten: Provided sizes ", sizes,
                    " don't multiply up to the size of dim ", d, " (", x.size(d), ") in the input tensor");
    }
    DimVector inner = infer_size(sizes, x.size(d));
    DimVector shape;
    for (int64_t i = 0; i < d; ++i) shape.push_back(x.size(i));
    for (int64_t s : inner) shape.push_back(s);
    for (int64_t i = d + 1; i < x.dim(); ++i) shape.push_back(x.size(i));
    return view(x, shape);  // splitting one dim is always a valid view
}

Tensor as_strided(const Tensor &x, IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset) {
    EMBER_CHECK(sizes.size() == strides.size(), Shape, "as_strided: mismatch in length of strides and shape");
    EMBER_CHECK(storage_offset >= 0, InvalidArgument, "Tensor: invalid storage offset ", storage_offset);
    for (int64_t s : strides)
        EMBER_CHECK(s >= 0, InvalidArgument, "as_strided: Negative strides are not supported at the moment, got strides: ",
                    strides);
    for (int64_t s : sizes)
        EMBER_CHECK(s >= 0, Shape, "Trying to create tensor with negative dimension ", s, ": ", sizes);
    checked_numel(sizes, "as_strided");
    // The view reaches elements [offset, offset + 1 + sum((size - 1) * stride)); none when empty.
    const int64_t item = static_cast<int64_t>(x.element_size());
    int64_t extent = 1;
    bool overflow = false, empty_view = false;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (sizes[i] == 0) empty_view = true;
        int64_t span, bytes;
        overflow |= __builtin_mul_overflow(sizes[i] == 0 ? 0 : sizes[i] - 1, strides[i], &span);
        overflow |= __builtin_mul_overflow(strides[i], item, &bytes);  // kernels step in bytes
        overflow |= __builtin_add_overflow(extent, span, &extent);
    }
    EMBER_CHECK(!overflow, Shape, "Storage size calculation overflowed with sizes=", sizes, " and strides=", strides);
    if (!empty_view) {
        int64_t needed;
        overflow |= __builtin_add_overflow(extent, storage_offset, &needed);
        overflow |= __builtin_mul_overflow(needed, item, &needed);
        const int64_t available = static_cast<int64_t>(x.impl()->storage()->nbytes());
        EMBER_CHECK(!overflow && needed <= available, Index, "as_strided: sizes ", sizes, ", strides ", strides,
                    ", storage offset ", storage_offset, ", and itemsize ", item, " requiring a storage size of ",
                    overflow ? std::string("more than 2^63") : std::to_string(needed),
                    " are out of bounds for storage of size ", available);
    }
    Recorder rec("AsStridedBackward0", &as_strided_view_backward, {&x});
    if (rec) {
        rec.node().shapes = {DimVector(x.sizes()), DimVector(x.strides()), DimVector(sizes), DimVector(strides)};
        rec.node().ints = {x.storage_offset(), storage_offset};
    }
    return finish_view(rec, x, make_view(x, sizes, strides, storage_offset));
}

}  // namespace ember
