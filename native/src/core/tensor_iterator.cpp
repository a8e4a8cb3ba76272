#include "core/tensor_iterator.h"

#include <algorithm>

#include "ops/copy.h"

namespace ember {

DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b) {
    size_t nd = std::max(a.size(), b.size());
    DimVector out(nd);
    for (size_t i = 0; i < nd; ++i) {
        int64_t da = i < nd - a.size() ? 1 : a[i - (nd - a.size())];
        int64_t db = i < nd - b.size() ? 1 : b[i - (nd - b.size())];
        EMBER_CHECK(da == db || da == 1 || db == 1, Shape, "The size of tensor a (", da,
                    ") must match the size of tensor b (", db, ") at non-singleton dimension ", i);
        out[i] = da == 1 ? db : da;
    }
    return out;
}

namespace {
DType combine_categories(DType higher, DType lower) {
    if (higher == DType::Undefined) return lower;
    if (is_floating(higher)) return higher;
    if (higher == DType::Bool || is_floating(lower)) return promote_types(higher, lower);
    return higher;
}
}  // namespace

DType result_type(std::initializer_list<const Tensor *> tensors) {
    // The common case, a binary op on two tensors of one dtype: that dtype, whatever their ranks.
    if (tensors.size() == 2) {
        const Tensor &a = **tensors.begin(), &b = *tensors.begin()[1];
        if (a.dtype() == b.dtype() && !a.is_wrapped_number() && !b.is_wrapped_number()) return a.dtype();
    }
    DType dim_r = DType::Undefined, zero_r = DType::Undefined, wrapped_r = DType::Undefined;
    for (const Tensor *t : tensors) {
        if (t->is_wrapped_number()) {
            DType cur = is_floating(t->dtype()) ? kDefaultFloat : t->dtype();
            wrapped_r = promote_types(wrapped_r, cur);
        } else if (t->dim() == 0) {
            zero_r = promote_types(zero_r, t->dtype());
        } else {
            dim_r = promote_types(dim_r, t->dtype());
        }
    }
    return combine_categories(dim_r, combine_categories(zero_r, wrapped_r));
}

namespace {

void check_no_internal_overlap(const Tensor &out, const char *op) {
    for (int64_t d = 0; d < out.dim(); ++d)
        EMBER_CHECK(out.stride(d) != 0 || out.size(d) <= 1, InvalidArgument, op,
                    ": unsupported operation: more than one element of the written-to tensor refers to a "
                    "single memory location. Please clone() the tensor before performing the operation.");
}

bool same_geometry(const Tensor &a, const Tensor &b);

// The bytes a tensor can touch (Ember has no negative strides).
std::pair<const char *, const char *> byte_range(const Tensor &t) {
    const char *p = static_cast<const char *>(t.data_ptr());
    int64_t extent = 0;
    for (int64_t d = 0; d < t.dim(); ++d) extent += (t.size(d) - 1) * t.stride(d);
    return {p, p + (extent + 1) * static_cast<int64_t>(t.element_size())};
}

// PyTorch refuses writes where an input and the output share some, but not all, memory: the
// result would depend on the order elements are visited in.
void check_no_partial_overlap(const Tensor &out, const Tensor &in, const char *op) {
    if (out.numel() == 0 || in.numel() == 0 || !in.shares_storage(out) || same_geometry(in, out)) return;
    auto [a0, a1] = byte_range(out);
    auto [b0, b1] = byte_range(in);
    EMBER_CHECK(a1 <= b0 || b1 <= a0, InvalidArgument, op,
                ": unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
                "single memory location. Please clone() the tensor before performing the operation.");
}

bool same_geometry(const Tensor &a, const Tensor &b) {
    return a.data_ptr() == b.data_ptr() && std::ranges::equal(a.sizes(), b.sizes()) &&
           std::ranges::equal(a.strides(), b.strides());
}

// PyTorch resizes an empty out= tensor to the result's shape.
void resize_empty_output(const Tensor &out, IntArrayRef shape) {
    int64_t numel = 1;
    for (int64_t s : shape) numel *= s;
    out.impl()->set_storage(Storage::allocate(static_cast<size_t>(numel) * out.element_size(), out.device()));
    out.impl()->set_geometry(shape, contiguous_strides(shape), 0);
}

}  // namespace

TensorIterator TensorIterator::elementwise(const char *op, const Tensor &out, std::initializer_list<TensorRef> inputs,
                                           const ElementwiseOptions &options) {
    TensorIterator it;
    EMBER_CHECK(inputs.size() + 1 <= static_cast<size_t>(kMaxOperands), Internal, op, ": too many operands");
    if (!out.defined() && it.build_dense(inputs, options)) return it;
    DimVector shape;
    Device device = Device::cpu();
    bool have_device = false;
    const Tensor *ptrs[kMaxOperands];
    size_t n = 0;
    for (const TensorRef &ref : inputs) {
        const Tensor &t = ref.get();
        EMBER_CHECK(t.defined(), InvalidArgument, op, ": input ", n, " is undefined");
        if (n == 0) shape = DimVector(t.sizes());
        else if (!same_shape(shape.span(), t.sizes())) shape = broadcast_shapes(shape, t.sizes());
        // 0-dim CPU tensors (scalars) may accompany tensors of any device, as in PyTorch.
        bool scalar_like = t.dim() == 0 && t.device().is_cpu();
        if (!scalar_like) {
            if (!have_device) { device = t.device(); have_device = true; }
            EMBER_CHECK(t.device() == device, Device, op, ": expected all tensors to be on the same device, but found ",
                        device.type_name(), " and ", t.device().type_name());
        }
        ptrs[n++] = &t;
    }
    const Tensor *promoted[kMaxOperands];
    size_t np = 0;
    for (size_t i = 0; i < n; ++i)
        if (!(options.keep_dtype_inputs & (1u << i))) promoted[np++] = ptrs[i];
    DType common = options.keep_dtype_inputs == 0 ? options.inputs_result_type : DType::Undefined;
    if (common == DType::Undefined) switch (np) {  // result_type takes an initializer_list
        case 0: break;
        case 1: common = result_type({promoted[0]}); break;
        case 2: common = result_type({promoted[0], promoted[1]}); break;
        case 3: common = result_type({promoted[0], promoted[1], promoted[2]}); break;
        default: common = result_type({promoted[0], promoted[1], promoted[2], promoted[3]}); break;
    }
    if (options.promote_int_to_float && is_integral(common, true)) common = kDefaultFloat;
    DType compute = options.compute_dtype != DType::Undefined ? options.compute_dtype : common;
    DType result_dtype = options.result_dtype != DType::Undefined ? options.result_dtype : compute;
    it.common_dtype_ = compute;

    Tensor out_op;
    if (out.defined()) {
        if (have_device)
            EMBER_CHECK(out.device() == device, Device, op, ": the output is on ", out.device().type_name(),
                        " but the inputs are on ", device.type_name());
        EMBER_CHECK(can_cast(result_dtype, out.dtype()), DType, op, ": result type ", dtype_name(result_dtype),
                    " can't be cast to the desired output type ", dtype_name(out.dtype()));
        if (!same_shape(out.sizes(), shape.span())) {
            EMBER_CHECK(out.numel() == 0, Shape, op, ": output with shape ", out.sizes(),
                        " doesn't match the broadcast shape ", shape.span());
            resize_empty_output(out, shape);
        }
        check_no_internal_overlap(out, op);
        for (const TensorRef &t : inputs) check_no_partial_overlap(out, t.get(), op);
        if (out.dtype() != result_dtype) {  // compute in the result dtype, then convert into out
            out_op = empty(shape, result_dtype, out.device());
            it.user_out_ = out;
        } else {
            out_op = out;
        }
        out.bump_version();
    } else {
        out_op = empty(shape, result_dtype, device);
    }
    const DType out_dtype = out_op.dtype();
    it.add_owned(std::move(out_op), out_dtype);
    unsigned i = 0;
    for (const TensorRef &ref : inputs) {
        const Tensor &t = ref.get();
        bool keep = options.keep_dtype_inputs & (1u << i++);
        if (keep || t.dtype() == compute) it.add_operand(t, t.dtype());
        else it.add_owned(contiguous_as(t, compute), compute);
    }
    it.build_geometry(shape);
    return it;
}

// The common small op without the general machinery (broadcasting, promotion, conversions,
// out= checks, dim sorting): no out tensor, the op's result type already known, every input of
// that dtype and either contiguous with the one shape or a 0-dim CPU scalar, all on one device.
// It builds exactly what the general path would; false (nothing changed) when any of that fails.
bool TensorIterator::build_dense(std::initializer_list<TensorRef> inputs, const ElementwiseOptions &options) {
    const DType common = options.inputs_result_type;
    if (common == DType::Undefined || options.keep_dtype_inputs != 0 || options.compute_dtype != DType::Undefined ||
        (options.promote_int_to_float && is_integral(common, true)))
        return false;
    const TensorImpl *shaped = nullptr;
    for (const TensorRef &ref : inputs) {
        const Tensor &t = ref.get();
        if (!t.defined() || t.dtype() != common) return false;
        if (t.dim() == 0 && t.device().is_cpu()) continue;
        if (!t.is_contiguous()) return false;
        if (!shaped) shaped = t.impl();
        else if (!same_shape(shaped->sizes(), t.sizes()) || shaped->device() != t.device()) return false;
    }
    if (!shaped) return false;  // only scalars: the general path
    const DType result = options.result_dtype != DType::Undefined ? options.result_dtype : common;
    common_dtype_ = common;
    add_owned(empty(shaped->sizes(), result, shaped->device()), result);
    for (const TensorRef &ref : inputs) add_operand(ref.get(), common);
    numel_ = shaped->numel();
    set_dense_geometry();
    return true;
}

void TensorIterator::set_dense_geometry() {
    shape_.resize_for_overwrite(1);
    shape_[0] = numel_;
    strides_.resize_for_overwrite(kMaxOperands);
    for (int k = 0; k < ntensors_; ++k)
        stride_of(k, 0) = impls_[k]->dim() == 0 ? 0 : static_cast<int64_t>(itemsize(dtypes_[k]));
}

TensorIterator TensorIterator::copy(const Tensor &dst, const Tensor &src) {
    EMBER_CHECK(dst.defined() && src.defined(), InvalidArgument, "copy_: tensors must not be NULL");
    DimVector b = broadcast_shapes(dst.sizes(), src.sizes());
    EMBER_CHECK(std::ranges::equal(b.span(), dst.sizes()), Shape, "copy_: the source of shape ", src.sizes(),
                " cannot be broadcast to the destination shape ", dst.sizes());
    check_no_internal_overlap(dst, "copy_");
    check_no_partial_overlap(dst, src, "copy_");
    TensorIterator it;
    it.add_operand(dst, dst.dtype());
    it.add_operand(src, src.dtype());
    it.common_dtype_ = dst.dtype();
    it.build_geometry(dst.sizes());
    dst.bump_version();
    return it;
}

TensorIterator TensorIterator::nullary(const Tensor &out) {
    EMBER_CHECK(out.defined(), InvalidArgument, "tensor is NULL");
    check_no_internal_overlap(out, "fill");
    TensorIterator it;
    it.add_owned(Tensor(out), out.dtype());  // result() returns it
    it.common_dtype_ = out.dtype();
    it.build_geometry(out.sizes());
    out.bump_version();
    return it;
}

void TensorIterator::build_geometry(IntArrayRef shape) {
    const int nd = static_cast<int>(shape.size());
    numel_ = 1;
    for (int64_t s : shape) numel_ *= s;
    if (nd == 0) {
        shape_ = DimVector{1};
        strides_.clear();
        strides_.resize(kMaxOperands, 0);
        return;
    }
    // Fast path, the common case of small ops: every operand is either contiguous with the full
    // shape or a 0-dim scalar. That is one coalesced dim, with no sorting or merging to do.
    bool dense = true;
    for (int k = 0; k < ntensors_ && dense; ++k) {
        const TensorImpl &t = *impls_[k];
        dense = t.dim() == 0 || (t.is_contiguous() && same_shape(t.sizes(), shape));
    }
    if (dense) return set_dense_geometry();
    // Byte strides in natural order, 0 along broadcast dims.
    std::array<DimVector, kMaxOperands> natural;
    for (int k = 0; k < ntensors_; ++k) {
        const TensorImpl &t = *impls_[k];
        natural[k] = DimVector(static_cast<size_t>(nd), 0);
        int64_t lead = nd - t.dim();
        int64_t es = static_cast<int64_t>(itemsize(dtypes_[k]));
        for (int i = 0; i < nd; ++i) {
            int64_t j = i - lead;
            if (j >= 0 && !(t.size(j) == 1 && shape[i] != 1)) natural[k][i] = t.stride(j) * es;
        }
    }
    // Order dims innermost first by the operands' strides (output first), so in-place work on a
    // transposed tensor still walks memory in order. Ties and broadcast strides keep the order.
    DimVector perm(static_cast<size_t>(nd));
    for (int i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
    // Insertion sort: perm[j - 1] is inner to perm[j]; swap when the first operand with two
    // non-zero strides has the smaller one on the outer dim.
    for (int i = 1; i < nd; ++i) {
        for (int j = i; j > 0; --j) {
            int64_t inner = perm[j - 1], outer = perm[j];
            bool swap = false;
            for (int k = 0; k < ntensors_; ++k) {
                int64_t si = natural[k][inner], so = natural[k][outer];
                if (si == 0 || so == 0) continue;
                if (si != so) { swap = so < si; break; }
            }
            if (!swap) break;
            std::swap(perm[j - 1], perm[j]);
        }
    }
    shape_ = DimVector(static_cast<size_t>(nd));
    strides_.clear();
    strides_.resize(static_cast<size_t>(nd) * kMaxOperands, 0);
    for (int i = 0; i < nd; ++i) {
        shape_[i] = shape[perm[i]];
        for (int k = 0; k < ntensors_; ++k) stride_of(k, i) = natural[k][perm[i]];
    }
    // Coalesce dims that are contiguous with their inner neighbour for every operand.
    int prev = 0;
    for (int d = 1; d < nd; ++d) {
        bool can = shape_[prev] == 1 || shape_[d] == 1;
        if (!can) {
            can = true;
            for (int k = 0; k < ntensors_ && can; ++k) can = stride_of(k, prev) * shape_[prev] == stride_of(k, d);
        }
        if (can) {
            if (shape_[prev] == 1)
                for (int k = 0; k < ntensors_; ++k) stride_of(k, prev) = stride_of(k, d);
            shape_[prev] *= shape_[d];
        } else {
            ++prev;
            if (prev != d) {
                shape_[prev] = shape_[d];
                for (int k = 0; k < ntensors_; ++k) stride_of(k, prev) = stride_of(k, d);
            }
        }
    }
    shape_.resize(static_cast<size_t>(prev + 1));
    strides_.resize(static_cast<size_t>(prev + 1) * kMaxOperands);
}

void TensorIterator::check_kernel_error(const char *op) const {
    switch (kernel_error()) {
        case KernelError::None: return;
        case KernelError::ZeroDivision: fail(Status::InvalidArgument, op, ": ZeroDivisionError: integer division by zero");
        case KernelError::NegativeIntegerPower: fail(Status::InvalidArgument, op, ": Integers to negative integer powers are not allowed.");
        case KernelError::IndexOutOfRange: fail(Status::Index, op, ": index out of range");
    }
}

Tensor TensorIterator::result() {
    if (user_out_.defined()) {
        copy_into(user_out_, owned_[0]);
        return user_out_;
    }
    return std::move(owned_[0]);
}

void copy_into(const Tensor &dst, const Tensor &src) {
    if (dst.numel() == 0) return;
    TensorIterator it = TensorIterator::copy(dst, src);
    copy_dispatch().get(dst.device(), "copy_")(it);
}

Tensor contiguous_as(const Tensor &t, DType dtype) {
    if (t.dtype() == dtype && t.is_contiguous()) return t;
    if (t.is_wrapped_number() && t.dtype() == DType::Float64 && dtype == DType::Float32)
        // x * 0.5 on float32: the number is rounded to float32 as the copy below would, without
        // building a copy iterator for one element (small ops are dominated by such costs).
        return scalar_tensor(Scalar::from_double(*t.data<double>()), dtype, Device::cpu(), /*wrapped=*/true);
    Tensor out = empty(t.sizes(), dtype, t.device());
    copy_into(out, t);
    if (t.is_wrapped_number()) out.impl()->set_wrapped_number(true);
    return out;
}

}  // namespace ember
