// TensorIterator: the one strided, broadcasting iteration helper behind every elementwise kernel
// on every backend. Building one does the shared "meta" work of an op (broadcast shape, PyTorch's
// type promotion, output allocation or checks, casting of inputs, aliasing); the kernel only
// supplies an inner loop over a 1-D run of elements, which for_each hands it in parallel chunks.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>

#include "core/parallel.h"
#include "core/tensor.h"

namespace ember {

struct ElementwiseOptions {
    // Integer and bool inputs compute in the default float dtype (exp, sqrt, true division...).
    bool promote_int_to_float = false;
    // The output dtype when it is not the common dtype (Bool for comparisons).
    DType result_dtype = DType::Undefined;
    // Forces the dtype inputs are converted to (Undefined: the promoted common dtype).
    DType compute_dtype = DType::Undefined;
    // Bit i set: input i keeps its own dtype and takes no part in promotion (a where condition,
    // a mask).
    unsigned keep_dtype_inputs = 0;
    // result_type() of the inputs, when the op has already computed it (saves doing it twice).
    DType inputs_result_type = DType::Undefined;
};

// An input of elementwise(): a reference, so building the input list copies no Tensor (and
// touches no reference count). The iterator refers to the caller's inputs without owning them,
// so they must outlive it: temporaries are refused at compile time.
class TensorRef {
public:
    TensorRef(const Tensor &t) : t_(&t) {}  // NOLINT: implicit, so call sites write {a, b}
    TensorRef(const Tensor &&) = delete;
    const Tensor &get() const { return *t_; }

private:
    const Tensor *t_;
};

class TensorIterator {
public:
    static constexpr int kMaxOperands = 6;

    // out = f(inputs...): out may be undefined (a new tensor is allocated), the same tensor as an
    // input (in place), or any other tensor the result can be cast to. The iterator owns the
    // output and converted inputs; the caller's inputs (and copy's or nullary's tensors) must
    // outlive it, which they do in the op that builds and runs it.
    static TensorIterator elementwise(const char *op, const Tensor &out, std::initializer_list<TensorRef> inputs,
                                      const ElementwiseOptions &options = {});
    // dst = src, src broadcast to dst's shape, converting dtype: operands keep their own dtypes.
    static TensorIterator copy(const Tensor &dst, const Tensor &src);
    // A single operand (in place fills, random fills).
    static TensorIterator nullary(const Tensor &out);

    int ntensors() const { return ntensors_; }
    DType dtype(int k) const { return dtypes_[k]; }
    // The dtype the inputs were converted to.
    DType common_dtype() const { return common_dtype_; }
    int64_t numel() const { return numel_; }
    int ndim() const { return static_cast<int>(shape_.size()); }
    // The tensor the op returns: the caller's out, or the new tensor. Copies a temporary output
    // back into the caller's out first (when dtypes differ or out overlapped an input). Call it
    // once, last: it moves the new tensor out of the iterator.
    Tensor result();

    // Calls loop(char **data, const int64_t *strides, int64_t n) over runs of the innermost
    // dimension, where data[k] points at operand k (output first) and strides[k] is its byte
    // stride; in parallel when numel >= grain. loop must not throw.
    template <typename Loop>
    void for_each(const Loop &loop, int64_t grain = kGrainSize) const {
        if (numel_ == 0) return;
        if (shape_.size() == 1) {  // the common coalesced case: no index arithmetic
            parallel_for(0, numel_, grain, [&](int64_t b, int64_t e) {
                std::array<char *, kMaxOperands> ptrs;
                std::array<int64_t, kMaxOperands> s;
                for (int k = 0; k < ntensors_; ++k) {
                    s[k] = strides_[k];  // dim 0
                    ptrs[k] = data_[k] + b * s[k];
                }
                loop(ptrs.data(), s.data(), e - b);
            });
            return;
        }
        parallel_for(0, numel_, grain, [&](int64_t b, int64_t e) { serial_for_each(loop, b, e); });
    }

    template <typename Loop>
    void serial_for_each(const Loop &loop, int64_t begin, int64_t end) const {
        const int nd = ndim();
        DimVector counter(static_cast<size_t>(nd));
        int64_t idx = begin;
        for (int d = 0; d < nd; ++d) {
            counter[d] = idx % shape_[d];
            idx /= shape_[d];
        }
        std::array<char *, kMaxOperands> ptrs;
        std::array<int64_t, kMaxOperands> inner;
        for (int k = 0; k < ntensors_; ++k) inner[k] = stride_of(k, 0);
        int64_t pos = begin;
        while (pos < end) {
            for (int k = 0; k < ntensors_; ++k) {
                char *p = data_[k];
                for (int d = 0; d < nd; ++d) p += counter[d] * stride_of(k, d);
                ptrs[k] = p;
            }
            int64_t n = std::min(shape_[0] - counter[0], end - pos);
            loop(ptrs.data(), inner.data(), n);
            pos += n;
            counter[0] += n;
            for (int d = 0; d < nd - 1 && counter[d] == shape_[d]; ++d) {
                counter[d] = 0;
                ++counter[d + 1];
            }
        }
    }

    // Kernels report data-dependent errors (integer division by zero, an index out of range)
    // here instead of throwing inside a parallel region; the op turns them into an exception.
    enum class KernelError : int { None = 0, ZeroDivision = 1, NegativeIntegerPower = 2, IndexOutOfRange = 3 };
    void report(KernelError e) const { std::atomic_ref<int>(kernel_error_).store(static_cast<int>(e), std::memory_order_relaxed); }
    KernelError kernel_error() const { return static_cast<KernelError>(std::atomic_ref<int>(kernel_error_).load()); }
    // Throws the error a kernel reported, if any, naming op.
    void check_kernel_error(const char *op) const;

private:
    mutable int kernel_error_ = 0;
    // A borrowed operand: t must outlive the iterator (the caller's inputs and out).
    void add_operand(const Tensor &t, DType dtype) {
        impls_[ntensors_] = t.impl();
        dtypes_[ntensors_] = dtype;
        data_[ntensors_] = static_cast<char *>(t.data_ptr());
        ++ntensors_;
    }
    // An operand the iterator keeps alive (the new output, a converted input).
    void add_owned(Tensor &&t, DType dtype) {
        owned_[ntensors_] = std::move(t);
        add_operand(owned_[ntensors_], dtype);
    }
    void build_geometry(IntArrayRef shape);
    bool build_dense(std::initializer_list<TensorRef> inputs, const ElementwiseOptions &options);
    // One coalesced dim of numel_ elements: each operand contiguous (or a 0-dim scalar, stride 0).
    void set_dense_geometry();

    int ntensors_ = 0;
    // The operands' geometry (TensorImpls do not move, so neither does this when the iterator
    // is moved) and the references the iterator holds; no reference counting for borrowed inputs.
    std::array<const TensorImpl *, kMaxOperands> impls_{};
    std::array<Tensor, kMaxOperands> owned_;
    std::array<char *, kMaxOperands> data_{};
    std::array<DType, kMaxOperands> dtypes_{};
    // Byte strides of every operand, dim-major (stride_of(k, d)), innermost dim first, 0 along
    // broadcast dims. One vector for all operands, inline up to 6 dims: building and destroying an
    // iterator touches one buffer, not one per operand.
    SmallVector<int64_t, kMaxOperands * 6> strides_;
    int64_t &stride_of(int k, int d) { return strides_[static_cast<size_t>(d) * kMaxOperands + k]; }
    int64_t stride_of(int k, int d) const { return strides_[static_cast<size_t>(d) * kMaxOperands + k]; }
    DimVector shape_;                                // innermost dim first, coalesced
    int64_t numel_ = 0;
    DType common_dtype_ = DType::Undefined;
    Tensor user_out_;  // the caller's out when operand 0 is a temporary
};

// Broadcast shape of two shapes (PyTorch's rules), with PyTorch's error message.
DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b);
// torch.result_type over tensors: dimensioned tensors over 0-dim tensors over wrapped numbers.
DType result_type(std::initializer_list<const Tensor *> tensors);
// Copies src into dst (broadcasting src, converting dtype).
void copy_into(const Tensor &dst, const Tensor &src);
// A contiguous copy of t in dtype (t itself when it is already contiguous and of that dtype).
Tensor contiguous_as(const Tensor &t, DType dtype);

}  // namespace ember
