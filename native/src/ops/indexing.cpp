#include "ops/indexing.h"

#include <algorithm>

#include "autograd/function.h"
#include "core/shape.h"
#include "core/tensor_iterator.h"
#include "ops/creation.h"
#include "ops/elementwise.h"
#include "ops/views.h"

namespace ember {

DispatchTable<IndexOffsetsKernel> &index_offsets_dispatch() {
    static DispatchTable<IndexOffsetsKernel> t;
    return t;
}
DispatchTable<IndexGatherKernel> &index_gather_dispatch() {
    static DispatchTable<IndexGatherKernel> t;
    return t;
}
DispatchTable<IndexPutKernel> &index_put_dispatch() {
    static DispatchTable<IndexPutKernel> t;
    return t;
}
DispatchTable<IndexRangeKernel> &index_range_dispatch() {
    static DispatchTable<IndexRangeKernel> t;
    return t;
}
DispatchTable<GatherKernel> &gather_dispatch() {
    static DispatchTable<GatherKernel> t;
    return t;
}
DispatchTable<ScatterKernel> &scatter_dispatch() {
    static DispatchTable<ScatterKernel> t;
    return t;
}
DispatchTable<NonzeroKernel> &nonzero_dispatch() {
    static DispatchTable<NonzeroKernel> t;
    return t;
}

namespace {

bool same_shape(IntArrayRef a, IntArrayRef b) { return std::ranges::equal(a, b); }

int64_t product(IntArrayRef s) {
    int64_t n = 1;
    for (int64_t v : s) n *= v;
    return n;
}

void check_device(const char *op, const Tensor &x, const Tensor &t) {
    EMBER_CHECK(t.device() == x.device(), Device, op, ": expected all tensors to be on the same device, but found ",
                x.device().type_name(), " and ", t.device().type_name());
}

// gather and scatter treat a 0-dim tensor as one element of one dim (PyTorch's ensure_nonempty).
Tensor as_1d_if_scalar(const Tensor &t) {
    if (t.dim() != 0) return t;
    DimVector one{1};
    return make_view(t, one, one, t.storage_offset());
}

// A broadcast view of t with sizes `shape`; t's shape must be broadcastable to it.
Tensor expand_to(const Tensor &t, IntArrayRef shape) {
    DimVector strides(shape.size(), 0);
    size_t lead = shape.size() - static_cast<size_t>(t.dim());
    for (int64_t d = 0; d < t.dim(); ++d)
        strides[lead + d] = t.size(d) == 1 && shape[lead + d] != 1 ? 0 : t.stride(d);
    return make_view(t, shape, strides, t.storage_offset());
}

// Broadcasts s into acc (PyTorch's rules); false when they do not broadcast.
bool broadcast_into(DimVector &acc, IntArrayRef s) {
    size_t nd = std::max(acc.size(), s.size());
    DimVector out(nd);
    for (size_t i = 0; i < nd; ++i) {
        int64_t a = i < nd - acc.size() ? 1 : acc[i - (nd - acc.size())];
        int64_t b = i < nd - s.size() ? 1 : s[i - (nd - s.size())];
        if (a != b && a != 1 && b != 1) return false;
        out[i] = a == 1 ? b : a;
    }
    acc = std::move(out);
    return true;
}

// t can be expanded (torch.expand) to shape.
bool expandable(IntArrayRef t, IntArrayRef shape) {
    if (t.size() > shape.size()) return false;
    size_t lead = shape.size() - t.size();
    for (size_t d = 0; d < t.size(); ++d)
        if (t[d] != 1 && t[d] != shape[lead + d]) return false;
    return true;
}

void check_no_internal_overlap(const char *op, const Tensor &t) {
    for (int64_t d = 0; d < t.dim(); ++d)
        EMBER_CHECK(t.stride(d) != 0 || t.size(d) <= 1, InvalidArgument, op,
                    ": unsupported operation: more than one element of the written-to tensor refers to a single memory "
                    "location. Please clone() the tensor before performing the operation.");
}

// Checks an out tensor other than x for scatter/index_put: it receives x's values, then the op.
void check_out(const char *op, const Tensor &x, const Tensor &out) {
    check_device(op, x, out);
    EMBER_CHECK(out.dtype() == x.dtype(), DType, op, ": expected out to have dtype ", dtype_name(x.dtype()), ", but got ",
                dtype_name(out.dtype()));
    EMBER_CHECK(same_shape(out.sizes(), x.sizes()), Shape, op, ": expected out to have shape ", x.sizes(), ", but got ",
                out.sizes());
    check_no_internal_overlap(op, out);
}

// An input read while `target` is written: read from a copy when the two share memory.
Tensor unaliased(const Tensor &t, const Tensor &target) {
    return t.defined() && target.defined() && t.shares_storage(target) ? clone(t) : t;
}

// The tensor scatter/index_put write into: a new copy of x, x itself (in place) or out filled with
// x's values. Called after every check, so that a failed op leaves out untouched.
Tensor write_target(const Tensor &x, const Tensor &out) {
    if (!out.defined()) return clone(x);
    if (!out.same(x)) copy_(out, out.shares_storage(x) ? clone(x) : x);
    out.bump_version();
    return out;
}

[[noreturn]] void fail_out_of_bounds(const char *prefix, int64_t value, int64_t dim, int64_t size) {
    fail(Status::Index, prefix, "index ", value, " is out of bounds for dimension ", dim, " with size ", size);
}

// Checks every element of index (int64/int32) against [0, size) along `dim` of a tensor.
void check_range(const char *prefix, const Tensor &index, int64_t size, int64_t dim, bool allow_negative) {
    if (index.numel() == 0) return;
    IndexFault f = index_range_dispatch().get(index.device(), "index")(contiguous(index), size, allow_negative);
    if (!f.ok()) fail_out_of_bounds(prefix, f.value, dim, size);
}

Tensor compute_offsets(const IndexPlan &p, IndexFault &fault) {
    Tensor offsets = empty(DimVector{p.index_numel}, DType::Int64, p.self.device());
    fault = index_offsets_dispatch().get(p.self.device(), "index")(p, offsets);
    return offsets;
}

// out = self at the plan's positions, out being a new [outer, B, inner] tensor of shape
// result_shape. When the result is empty nothing is read, so (as in PyTorch) nothing is checked
// unless validate_empty.
Tensor run_gather_plan(const IndexPlan &p, IntArrayRef result_shape, bool validate_empty, const char *prefix) {
    Tensor out = empty(result_shape, p.self.dtype(), p.self.device());
    if (out.numel() == 0 && !validate_empty) return out;
    IndexFault f;
    Tensor offsets = compute_offsets(p, f);
    if (!f.ok()) fail_out_of_bounds(prefix, f.value, p.dims[f.which], p.dim_sizes[f.which]);
    if (out.numel() != 0) index_gather_dispatch().get(p.self.device(), "index")(p, offsets, out);
    return out;
}

void add_index(IndexPlan &p, const Tensor &self, const Tensor &index, int64_t dim) {
    p.indices.push_back(index);
    p.dims.push_back(dim);
    p.dim_sizes.push_back(self.size(dim));
    p.dim_strides.push_back(self.stride(dim));
}

// The plan of x[entries...] and its result shape (advanced indexing, PyTorch's rules).
struct AdvancedIndex {
    IndexPlan plan;
    DimVector result_shape;
    // PyTorch reads (and checks) nothing for an empty result, except that a non-empty index into a
    // dim of size 0 is always an error.
    bool validate_empty = false;
};

bool is_mask(const Tensor &t) { return t.dtype() == DType::Bool || t.dtype() == DType::UInt8; }

void check_index_dtypes(const Tensor &x, std::span<const Tensor> entries, const char *op) {
    int64_t consumed = 0;
    for (const Tensor &t : entries) {
        if (!t.defined()) { ++consumed; continue; }
        check_device(op, x, t);
        DType d = t.dtype();
        EMBER_CHECK(d == DType::Int64 || d == DType::Int32 || is_mask(t), DType,
                    "tensors used as indices must be long, int, byte or bool tensors, but got ", dtype_name(d));
        consumed += is_mask(t) ? t.dim() : 1;
    }
    EMBER_CHECK(consumed <= x.dim(), Index, "too many indices for tensor of dimension ", x.dim(), " (got ", consumed, ")");
}

// entries must have passed check_index_dtypes against a tensor of self's shape; self supplies the
// strides the plan addresses.
AdvancedIndex plan_advanced_index(const Tensor &self, std::span<const Tensor> entries) {
    const int64_t nd = self.dim();
    std::vector<Tensor> per_dim(static_cast<size_t>(nd));  // the index of each dim; undefined: a full slice
    std::vector<DimVector> shapes;                           // every index's shape, for broadcasting
    int64_t first = nd, last = -1;                           // the span of dims that are indexed
    int64_t pos = 0;
    for (const Tensor &t : entries) {
        if (!t.defined()) { ++pos; continue; }
        first = std::min(first, pos);
        if (is_mask(t)) {
            // A mask selects the positions of its true elements in the dims it covers: one int64
            // index per dim. A 0-dim mask covers no dim and adds a dim of size 1 (true) or 0.
            for (int64_t j = 0; j < t.dim(); ++j)
                EMBER_CHECK(t.size(j) == self.size(pos + j), Index, "The shape of the mask ", t.sizes(), " at index ", j,
                            " does not match the shape of the indexed tensor ", self.sizes(), " at index ", pos + j);
            Tensor nz = nonzero(t);
            int64_t n = nz.size(0), k = t.dim();
            shapes.push_back(DimVector{n});
            for (int64_t j = 0; j < k; ++j)
                per_dim[pos + j] = make_view(nz, DimVector{n}, DimVector{k}, nz.storage_offset() + j);
            last = std::max(last, pos + k - 1);
            pos += k;
        } else {
            shapes.push_back(DimVector(t.sizes()));
            per_dim[pos] = t;
            last = std::max(last, pos);
            ++pos;
        }
    }
    DimVector B;
    for (const DimVector &s : shapes) {
        if (broadcast_into(B, s)) continue;
        std::ostringstream os;
        for (size_t i = 0; i < shapes.size(); ++i) {
            os << (i ? ", " : "");
            detail::append(os, shapes[i].span());
        }
        fail(Status::Shape, "shape mismatch: indexing tensors could not be broadcast together with shapes ", os.str());
    }
    // The indexed dims keep their place when they are adjacent; otherwise B's dims come first.
    bool adjacent = true;
    for (int64_t d = first; d <= last; ++d)
        if (!per_dim[d].defined()) adjacent = false;
    if (shapes.empty()) first = 0;

    AdvancedIndex a;
    IndexPlan &p = a.plan;
    p.self = self;
    p.index_numel = product(B);
    for (int64_t d = 0; d < nd; ++d) {
        if (per_dim[d].defined()) continue;
        bool outer = adjacent && d < first;
        (outer ? p.outer_sizes : p.inner_sizes).push_back(self.size(d));
        (outer ? p.outer_strides : p.inner_strides).push_back(self.stride(d));
    }
    for (int64_t d = 0; d < nd; ++d) {
        if (!per_dim[d].defined()) continue;
        add_index(p, self, contiguous(expand_to(per_dim[d], B)), d);
        if (self.size(d) == 0 && p.index_numel != 0) a.validate_empty = true;
    }
    for (int64_t s : p.outer_sizes) a.result_shape.push_back(s);
    for (int64_t s : B) a.result_shape.push_back(s);
    for (int64_t s : p.inner_sizes) a.result_shape.push_back(s);
    return a;
}

// ---- Derivatives ----------------------------------------------------------------------------
// Selections (index_select, gather, index, masked_select, take) send the gradient back into zeros
// of the input's shape with the matching write (index_put / scatter with accumulation, so that
// repeated indices add up); writes (scatter, index_put) send the selected part of the gradient to
// the values written. Each family's derivative is the other family, so create_graph gives
// derivatives of any order. Index tensors and masks are saved as they are: not differentiable.

using autograd::BackwardContext;
using autograd::Recorder;

// The index entries an op saved (all of its saved tensors).
std::vector<Tensor> saved_entries(BackwardContext &c) {
    std::vector<Tensor> entries;
    for (size_t i = 0; i < c.node.saved.size(); ++i) entries.push_back(c.saved(i));
    return entries;
}

// Keeps a non-differentiable input (index, mask) for the formula.
void save_plain(Recorder &rec, const Tensor &t) {
    if (rec) rec.node().saved.emplace_back(t, false);
}

// Fresh zeros in the gradient's dtype and device.
Tensor zeros_for(const Tensor &g, IntArrayRef sizes) { return zeros(sizes, g.dtype(), g.device()); }

// The gradient of scatter's src, from g gathered at the index (the index's shape). src may be
// larger than the index in any dim: only its leading index-shaped block is read, so the rest of
// it gets zeros (PyTorch 1.13's formula fails with a shape error there).
Tensor src_gradient(Tensor g, IntArrayRef src_sizes) {
    if (same_shape(g.sizes(), src_sizes)) return g;
    if (g.numel() == 0) return zeros_for(g, src_sizes);
    if (g.dim() == 0) g = reshape(g, DimVector{1});
    if (src_sizes.empty()) return g;  // one element for a 0-dim src: the engine reduces [1] to []
    for (int64_t d = 0; d < g.dim(); ++d) {
        if (g.size(d) == src_sizes[d]) continue;
        DimVector sizes(g.sizes());
        sizes[d] = src_sizes[d];
        g = slice_backward(g, sizes, d, 0, g.size(d), 1);
    }
    return g;
}

// index_select: ints {dim}, shapes {input sizes}, saved {index}.
void index_select_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    IntArrayRef sizes = c.node.shapes[0];
    if (sizes.empty()) {  // a 0-dim input: its one element was selected once
        c.set(0, g);
        return;
    }
    const int64_t d = c.node.ints[0];
    std::vector<Tensor> entries(static_cast<size_t>(d) + 1);
    entries[d] = as_1d_if_scalar(c.saved(0));
    Tensor z = zeros_for(g, sizes);
    c.set(0, index_put(z, entries, g, /*accumulate=*/true, z));
}

// gather: ints {dim}, shapes {input sizes}, saved {index}.
void gather_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    Tensor z = zeros_for(g, c.node.shapes[0]);
    c.set(0, scatter(z, c.node.ints[0], c.saved(0), g, EMBER_SCATTER_ADD, z));
}

// scatter / scatter_add: ints {dim}, code the reduction, shapes {src sizes}, saved {index}.
void scatter_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const int64_t d = c.node.ints[0];
    Tensor index = c.saved(0);
    if (c.needs(0)) {
        // Assigned positions no longer depend on self; added ones do, with slope 1.
        c.set(0, c.node.code == EMBER_SCATTER_ADD
                     ? g
                     : scatter(g, d, index, zeros_for(g, index.sizes()), EMBER_SCATTER_ASSIGN));
    }
    if (c.needs(1)) c.set(1, src_gradient(gather(g, d, index), c.node.shapes[0]));
}

// PyTorch has no derivative for scatter with reduce='multiply': the result records a node that
// refuses to run, so a backward pass through it fails instead of silently giving no gradient.
void scatter_multiply_backward(BackwardContext &) {
    fail(Status::Unsupported, "derivative for aten::scatter is not implemented");
}

// index: shapes {input sizes}, saved {the index entries (undefined: full slices)}.
void index_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    Tensor z = zeros_for(g, c.node.shapes[0]);
    c.set(0, index_put(z, saved_entries(c), g, /*accumulate=*/true, z));
}

// index_put: flag accumulate, saved {the index entries}. As in PyTorch, values written more than
// once (repeated indices without accumulate) all get the gradient of the position.
void index_put_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    std::vector<Tensor> entries = saved_entries(c);
    if (c.needs(0))
        c.set(0, c.node.flag ? g : index_put(g, entries, zeros_for(g, {}), /*accumulate=*/false));
    if (c.needs(1)) c.set(1, index(g, entries));  // the engine sums a broadcast values' gradient
}

// masked_select: shapes {the broadcast shape of input and mask}, saved {mask}.
void masked_select_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    IntArrayRef shape = c.node.shapes[0];
    Tensor z = zeros_for(g, shape);
    Tensor entries[1] = {expand_to(c.saved(0), shape)};
    c.set(0, index_put(z, entries, g, /*accumulate=*/false, z));  // the engine sums to the input's shape
}

// take: shapes {input sizes}, saved {index}; positions of the flattened input, negatives wrapping.
void take_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    IntArrayRef sizes = c.node.shapes[0];
    Tensor z = zeros_for(g, DimVector{product(sizes)});
    Tensor entries[1] = {c.saved(0)};
    index_put(z, entries, g, /*accumulate=*/true, z);
    c.set(0, view(z, sizes));
}

}  // namespace

Tensor index_select(const Tensor &x, int64_t dim, const Tensor &index) {
    EMBER_CHECK(x.defined() && index.defined(), InvalidArgument, "index_select: input is NULL");
    dim = wrap_dim(dim, x.dim());
    EMBER_CHECK(index.dim() <= 1, Index, "index_select(): Index is supposed to be a vector");
    EMBER_CHECK(index.dtype() == DType::Int64 || index.dtype() == DType::Int32, DType,
                "index_select(): Expected dtype int32 or int64 for index");
    check_device("index_select", x, index);
    Recorder rec("IndexSelectBackward0", &index_select_backward, {&x});
    if (rec) {
        rec.node().ints = {dim};
        rec.node().shapes = {DimVector(x.sizes())};
    }
    save_plain(rec, index);
    if (x.dim() == 0) {
        EMBER_CHECK(index.numel() >= 1, Index, "index_select(): Index to scalar can have only 1 value, got 0 value(s)");
        check_range("index_select(): ", index, 1, 0, false);
        Tensor r = clone(x);
        rec.finish({&r});
        return r;
    }
    IndexPlan p;
    p.self = x;
    p.wrap_negative = false;  // PyTorch's index_select does not wrap negative indices
    p.index_numel = index.numel();
    for (int64_t d = 0; d < x.dim(); ++d) {
        if (d == dim) continue;
        (d < dim ? p.outer_sizes : p.inner_sizes).push_back(x.size(d));
        (d < dim ? p.outer_strides : p.inner_strides).push_back(x.stride(d));
    }
    add_index(p, x, contiguous(as_1d_if_scalar(index)), dim);
    DimVector shape(x.sizes());
    shape[dim] = index.numel();
    Tensor r = run_gather_plan(p, shape, /*validate_empty=*/true, "index_select(): ");
    rec.finish({&r});
    return r;
}

Tensor gather(const Tensor &x, int64_t dim, const Tensor &index) {
    EMBER_CHECK(x.defined() && index.defined(), InvalidArgument, "gather: input is NULL");
    dim = wrap_dim(dim, x.dim());
    check_device("gather", x, index);
    Recorder rec("GatherBackward0", &gather_backward, {&x});
    if (rec) {
        rec.node().ints = {dim};
        rec.node().shapes = {DimVector(x.sizes())};
    }
    save_plain(rec, index);
    Tensor out = empty(index.sizes(), x.dtype(), x.device());
    if (index.numel() == 0) {
        rec.finish({&out});
        return out;
    }
    EMBER_CHECK(index.dtype() == DType::Int64, DType, "gather(): Expected dtype int64 for index");
    Tensor x1 = as_1d_if_scalar(x), i1 = as_1d_if_scalar(index);
    EMBER_CHECK(x1.dim() == i1.dim(), Shape, "Index tensor must have the same number of dimensions as input tensor");
    for (int64_t d = 0; d < x1.dim(); ++d)
        EMBER_CHECK(d == dim || i1.size(d) <= x1.size(d), Shape, "Size does not match at dimension ", d, " expected index ",
                    index.sizes(), " to be smaller than self ", x.sizes(), " apart from dimension ", dim);
    if (!gather_dispatch().get(x.device(), "gather")(as_1d_if_scalar(out), x1, dim, i1)) {
        check_range("", index, x1.size(dim), dim, false);  // throws, naming the first bad index
        fail(Status::Internal, "gather: the kernel reported a bad index that check_range did not find");
    }
    rec.finish({&out});
    return out;
}

Tensor scatter(const Tensor &x, int64_t dim, const Tensor &index, const Tensor &src, ember_scatter_reduce reduce,
               const Tensor &out) {
    EMBER_CHECK(x.defined() && index.defined() && src.defined(), InvalidArgument, "scatter: input is NULL");
    EMBER_CHECK(reduce >= EMBER_SCATTER_ASSIGN && reduce <= EMBER_SCATTER_MULTIPLY, InvalidArgument,
                "scatter: invalid reduce value ", static_cast<int>(reduce));
    dim = wrap_dim(dim, x.dim());
    check_device("scatter", x, index);
    check_device("scatter", x, src);
    bool work = index.numel() != 0;
    if (work) EMBER_CHECK(index.dtype() == DType::Int64, DType, "scatter(): Expected dtype int64 for index");
    EMBER_CHECK(x.dtype() == src.dtype(), DType, "scatter(): Expected self.dtype to be equal to src.dtype");
    Tensor x1 = as_1d_if_scalar(x), i1 = as_1d_if_scalar(index), s1 = as_1d_if_scalar(src);
    if (work) {
        EMBER_CHECK(x1.dim() == i1.dim(), Shape, "Index tensor must have the same number of dimensions as self tensor");
        EMBER_CHECK(s1.dim() == i1.dim(), Shape, "Index tensor must have the same number of dimensions as src tensor");
        for (int64_t d = 0; d < i1.dim(); ++d)
            EMBER_CHECK((d == dim || i1.size(d) <= x1.size(d)) && i1.size(d) <= s1.size(d), Shape, "Expected index ",
                        index.sizes(), " to be smaller than self ", x.sizes(), " apart from dimension ", dim,
                        " and to be smaller size than src ", src.sizes());
        check_range("", index, x1.size(dim), dim, false);
    }
    if (out.defined() && !out.same(x)) check_out("scatter", x, out);
    if (out.defined()) check_no_internal_overlap("scatter", out);
    autograd::check_out_allowed(reduce == EMBER_SCATTER_ADD ? "scatter_add" : "scatter", {&x, &src}, out);
    Recorder rec(reduce == EMBER_SCATTER_ASSIGN ? "ScatterBackward0"
                 : reduce == EMBER_SCATTER_ADD  ? "ScatterAddBackward0"
                                                : "NotImplemented",
                 reduce == EMBER_SCATTER_MULTIPLY ? &scatter_multiply_backward : &scatter_backward, {&x, &src}, out);
    if (rec) {
        rec.node().ints = {dim};
        rec.node().code = reduce;
        rec.node().shapes = {DimVector(src.sizes())};
    }
    save_plain(rec, index);
    Tensor target_hint = out.defined() ? out : Tensor();
    i1 = unaliased(i1, target_hint);
    s1 = unaliased(s1, target_hint);
    Tensor target = write_target(x, out);
    if (work) scatter_dispatch().get(x.device(), "scatter")(as_1d_if_scalar(target), dim, i1, s1, reduce);
    rec.finish({&target});
    return target;
}

Tensor index(const Tensor &x, std::span<const Tensor> indices) {
    EMBER_CHECK(x.defined(), InvalidArgument, "index: input is NULL");
    check_index_dtypes(x, indices, "index");
    Recorder rec("IndexBackward0", &index_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    for (const Tensor &t : indices) save_plain(rec, t);
    AdvancedIndex a = plan_advanced_index(x, indices);
    Tensor r = run_gather_plan(a.plan, a.result_shape, a.validate_empty, "");
    rec.finish({&r});
    return r;
}

Tensor index_put(const Tensor &x, std::span<const Tensor> indices, const Tensor &values, bool accumulate,
                 const Tensor &out) {
    EMBER_CHECK(x.defined() && values.defined(), InvalidArgument, "index_put: input is NULL");
    check_device("index_put", x, values);
    EMBER_CHECK(values.dtype() == x.dtype(), DType, "Index put requires the source and destination dtypes match, got ",
                dtype_name(x.dtype()), " for the destination and ", dtype_name(values.dtype()), " for the source.");
    check_index_dtypes(x, indices, "index_put");
    if (out.defined() && !out.same(x)) check_out("index_put", x, out);
    if (out.defined()) check_no_internal_overlap("index_put", out);
    autograd::check_out_allowed("index_put", {&x, &values}, out);
    Recorder rec("IndexPutBackward0", &index_put_backward, {&x, &values}, out);
    if (rec) rec.node().flag = accumulate;
    for (const Tensor &t : indices) save_plain(rec, t);
    // Inputs sharing memory with out are read from copies; the offsets are computed before
    // anything is written, so that a bad index leaves out untouched.
    std::vector<Tensor> entries(indices.begin(), indices.end());
    Tensor vals = values, src = x;
    if (out.defined() && !out.same(x)) {
        for (Tensor &t : entries) t = unaliased(t, out);
        vals = unaliased(vals, out);
        src = unaliased(src, out);
    }
    Tensor target = out.defined() ? out : clone(x);
    AdvancedIndex a = plan_advanced_index(target, entries);
    EMBER_CHECK(expandable(values.sizes(), a.result_shape), Shape, "shape mismatch: value tensor of shape ", values.sizes(),
                " cannot be broadcast to indexing result of shape ", a.result_shape.span());
    bool work = product(a.result_shape) != 0;
    Tensor offsets;
    if (work || a.validate_empty) {
        IndexFault f;
        offsets = compute_offsets(a.plan, f);
        if (!f.ok()) fail_out_of_bounds("", f.value, a.plan.dims[f.which], a.plan.dim_sizes[f.which]);
    }
    if (out.defined()) write_target(src, out);
    if (work) {
        Tensor v = contiguous(expand_to(vals, a.result_shape));
        if (v.shares_storage(target)) v = clone(v);
        index_put_dispatch().get(x.device(), "index_put")(a.plan, offsets, v, accumulate);
    }
    rec.finish({&target});
    return target;
}

Tensor masked_select(const Tensor &x, const Tensor &mask) {
    EMBER_CHECK(x.defined() && mask.defined(), InvalidArgument, "masked_select: input is NULL");
    check_device("masked_select", x, mask);
    EMBER_CHECK(is_mask(mask), DType, "masked_select: expected BoolTensor or ByteTensor for mask, but got ",
                dtype_name(mask.dtype()));
    DimVector shape = broadcast_shapes(mask.sizes(), x.sizes());  // PyTorch names the mask "a"
    Recorder rec("MaskedSelectBackward0", &masked_select_backward, {&x});
    if (rec) rec.node().shapes = {shape};
    save_plain(rec, mask);
    Tensor xb = expand_to(x, shape);
    Tensor nz = nonzero(expand_to(mask, shape));
    int64_t n = nz.size(0), k = nz.size(1);
    IndexPlan p;
    p.self = xb;
    p.index_numel = n;
    for (int64_t d = 0; d < k; ++d)
        add_index(p, xb, contiguous(make_view(nz, DimVector{n}, DimVector{k}, nz.storage_offset() + d)), d);
    Tensor r = run_gather_plan(p, DimVector{n}, false, "");
    rec.finish({&r});
    return r;
}

Tensor nonzero(const Tensor &x) {
    EMBER_CHECK(x.defined(), InvalidArgument, "nonzero: input is NULL");
    return nonzero_dispatch().get(x.device(), "nonzero")(contiguous(x));
}

Tensor take(const Tensor &x, const Tensor &index) {
    EMBER_CHECK(x.defined() && index.defined(), InvalidArgument, "take: input is NULL");
    check_device("take", x, index);
    EMBER_CHECK(index.dtype() == DType::Int64, DType, "take(): Expected a long tensor for index, but got ",
                dtype_name(index.dtype()));
    EMBER_CHECK(x.numel() != 0 || index.numel() == 0, Index, "take(): tried to take from an empty tensor");
    Recorder rec("TakeBackward0", &take_backward, {&x});
    if (rec) rec.node().shapes = {DimVector(x.sizes())};
    save_plain(rec, index);
    Tensor xc = contiguous(x);
    IndexPlan p;
    p.self = make_view(xc, DimVector{xc.numel()}, DimVector{1}, xc.storage_offset());
    p.index_numel = index.numel();
    add_index(p, p.self, contiguous(index), 0);
    Tensor out = empty(index.sizes(), x.dtype(), x.device());
    if (out.numel() != 0) {
        IndexFault f;
        Tensor offsets = compute_offsets(p, f);
        EMBER_CHECK(f.ok(), Index, "out of range: tried to access index ", f.value, " on a tensor of ", x.numel(),
                    " elements.");
        index_gather_dispatch().get(x.device(), "take")(p, offsets, out);
    }
    rec.finish({&out});
    return out;
}

}  // namespace ember
