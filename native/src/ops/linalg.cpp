#include "ops/linalg.h"

#include <numeric>

#include "autograd/function.h"
#include "core/tensor_iterator.h"
#include "ops/autocast.h"
#include "ops/elementwise.h"
#include "ops/views.h"
#ifdef EMBER_WITH_DNNL
#include "cpu/onednn_matmul.h"
#endif

namespace ember {

DispatchTable<GemmKernel> &gemm_dispatch() {
    static DispatchTable<GemmKernel> t;
    return t;
}

DispatchTable<DotKernel> &dot_dispatch() {
    static DispatchTable<DotKernel> t;
    return t;
}

namespace {

// PyTorch's C++ type names, which its dtype-mismatch messages print ("float != double").
const char *cpp_type_name(DType d) {
    switch (d) {
        case DType::Float32: return "float";
        case DType::Float64: return "double";
        case DType::Float16: return "c10::Half";
        case DType::BFloat16: return "c10::BFloat16";
        case DType::Int8: return "signed char";
        case DType::UInt8: return "unsigned char";
        case DType::Int16: return "short int";
        case DType::Int32: return "int";
        case DType::Int64: return "long int";
        case DType::Bool: return "bool";
        default: return "undefined";
    }
}

// PyTorch's ScalarType names ("Float", "Double"...), which other messages print.
const char *scalar_type_name(DType d) {
    switch (d) {
        case DType::Float32: return "Float";
        case DType::Float64: return "Double";
        case DType::Float16: return "Half";
        case DType::BFloat16: return "BFloat16";
        case DType::Int8: return "Char";
        case DType::UInt8: return "Byte";
        case DType::Int16: return "Short";
        case DType::Int32: return "Int";
        case DType::Int64: return "Long";
        case DType::Bool: return "Bool";
        default: return "Undefined";
    }
}

void check_inputs(const Tensor &a, const Tensor &b, const char *op) {
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, op, ": input is NULL");
    EMBER_CHECK(a.device() == b.device(), Device,
                "Expected all tensors to be on the same device, but found at least two devices, ",
                a.device().type_name(), " and ", b.device().type_name(), "!");
}

void check_same_dtype(const Tensor &a, const Tensor &b) {
    EMBER_CHECK(a.dtype() == b.dtype(), DType, "expected m1 and m2 to have the same dtype, but got: ",
                cpp_type_name(a.dtype()), " != ", cpp_type_name(b.dtype()));
}

void check_numeric(DType d, const char *op) {
    EMBER_CHECK(d != DType::Bool, DType, op, ": not implemented for 'Bool'");
}

bool is_zero(const Scalar &s, DType d) {
    return is_floating(d) ? s.to<double>() == 0.0 : s.to<int64_t>() == 0;  // integer GEMMs truncate beta
}

int64_t product(IntArrayRef sizes) {
    return std::accumulate(sizes.begin(), sizes.end(), int64_t(1), std::multiplies<>());
}

// The GEMM problem of 3-D views c = a @ b: (batch, m, k) @ (batch, k, n) -> (batch, m, n).
GemmProblem problem(const Tensor &c, const Tensor &a, const Tensor &b, const Scalar &alpha, const Scalar &beta) {
    GemmProblem p;
    p.dtype = c.dtype();
    p.batch = c.size(0);
    p.m = c.size(1);
    p.n = c.size(2);
    p.k = a.size(2);
    p.a = a.data_ptr();
    p.a_bs = a.stride(0), p.a_rs = a.stride(1), p.a_cs = a.stride(2);
    p.b = b.data_ptr();
    p.b_bs = b.stride(0), p.b_rs = b.stride(1), p.b_cs = b.stride(2);
    p.c = c.data_ptr();
    p.c_bs = c.stride(0), p.c_rs = c.stride(1), p.c_cs = c.stride(2);
    p.alpha = alpha;
    p.beta = beta;
    return p;
}

// A 3-D view (batch, rows, cols) of t's storage with the given strides, starting where t starts.
Tensor view3(const Tensor &t, int64_t batch, int64_t rows, int64_t cols, int64_t bs, int64_t rs, int64_t cs) {
    return make_view(t, DimVector{batch, rows, cols}, DimVector{bs, rs, cs}, t.storage_offset());
}

// A matrix as a batch of one.
Tensor as_batch_of_one(const Tensor &t) { return view3(t, 1, t.size(0), t.size(1), 0, t.stride(0), t.stride(1)); }

// v followed by two more values.
DimVector append2(DimVector v, int64_t x, int64_t y) {
    v.push_back(x);
    v.push_back(y);
    return v;
}

// Collapses dims of (sizes, strides) into one dim of stride *stride when the memory layout
// allows it (size-1 dims are ignored; all-zero strides collapse to a broadcast).
bool collapse(IntArrayRef sizes, IntArrayRef strides, int64_t *stride) {
    bool have = false;
    int64_t inner = 0, expected = 0;
    for (size_t d = sizes.size(); d-- > 0;) {
        if (sizes[d] == 1) continue;
        if (!have) {
            inner = strides[d];
            have = true;
        } else if (strides[d] != expected) {
            return false;
        }
        expected = strides[d] * sizes[d];
    }
    *stride = have ? inner : 0;
    return true;
}

// PyTorch's message for inner dimensions that differ, which depends on how it folded the operands.
[[noreturn]] void matmul_shape_error(const Tensor &a, const Tensor &b, IntArrayRef batch) {
    const int64_t da = a.dim(), db = b.dim();
    const int64_t m = da == 1 ? 1 : a.size(da - 2), k = a.size(da - 1);
    const int64_t k2 = db == 1 ? b.size(0) : b.size(db - 2), n = db == 1 ? 1 : b.size(db - 1);
    const int64_t a_rows = product(a.sizes().first(static_cast<size_t>(da - 1)));  // a folded to (rows, k)
    int64_t b_cols = 1;                                                            // b folded to (cols, k2)
    for (int64_t d = 0; d < db; ++d)
        if (d != db - 2) b_cols *= b.size(d);
    if (da == 1 && db == 2)
        fail(Status::Shape, "mat1 and mat2 shapes cannot be multiplied (1x", k, " and ", k2, "x", n, ")");
    if (db == 1) fail(Status::Shape, "size mismatch, got ", a_rows, ", ", a_rows, "x", k, ",", k2);
    if (da == 1) fail(Status::Shape, "size mismatch, got ", b_cols, ", ", b_cols, "x", k2, ",", k);
    if (db == 2)
        fail(Status::Shape, "mat1 and mat2 shapes cannot be multiplied (", a_rows, "x", k, " and ", k2, "x", n, ")");
    if (da == 2)
        fail(Status::Shape, "mat1 and mat2 shapes cannot be multiplied (", b_cols, "x", k2, " and ", k, "x", m, ")");
    fail(Status::Shape, "Expected size for first two dimensions of batch2 tensor to be: [", product(batch), ", ", k,
         "] but got: [", product(batch), ", ", k2, "].");
}

#ifdef EMBER_WITH_DNNL
// Multiply-adds below which the built-in kernel beats oneDNN's per-call overhead.
constexpr int64_t kTinyGemm = 8192;

// True when the matrices of a 3-D view have one unit stride and a leading dimension that keeps
// rows (or columns) apart: the layouts BLAS-like libraries run at full speed.
bool blas_friendly(const Tensor &x) {
    const int64_t r = x.size(1), c = x.size(2), rs = x.stride(1), cs = x.stride(2);
    if (r == 1 || c == 1) return r * c <= 1 || (r == 1 ? cs : rs) == 1;
    return (cs == 1 && rs >= c) || (rs == 1 && cs >= r);
}

// A copy of x (3-D) in dtype with row-major matrices. A broadcast batch stays broadcast: its one
// matrix is copied, not the batch.
Tensor dense_copy(const Tensor &x, DType dtype) {
    if (x.size(0) == 1 || x.stride(0) != 0) return cast(x, dtype);
    Tensor one = cast(view3(x, 1, x.size(1), x.size(2), 0, x.stride(1), x.stride(2)), dtype);
    return view3(one, x.size(0), x.size(1), x.size(2), 0, x.size(2), 1);
}

// oneDNN when it has a fast kernel: operands in layouts it only runs with its reference kernel
// are copied to row-major first; float16, for which this oneDNN may have no kernel, goes through
// float32 (accumulating in float32 and rounding once, like a native float16 GEMM).
bool try_onednn(const Tensor &c, const Tensor &a, const Tensor &b, const Scalar &alpha, const Scalar &beta) {
    if (!c.device().is_cpu() || a.size(2) == 0) return false;
    // Tiny products: a oneDNN call costs a few microseconds, more than the built-in kernel.
    if (c.numel() * a.size(2) <= kTinyGemm) return false;
    if (cpu::onednn_supports(c.dtype())) {
        if (cpu::onednn_matmul(problem(c, a, b, alpha, beta))) return true;
        if (blas_friendly(a) && blas_friendly(b)) return false;
        Tensor pa = blas_friendly(a) ? a : dense_copy(a, a.dtype());
        Tensor pb = blas_friendly(b) ? b : dense_copy(b, b.dtype());
        return cpu::onednn_matmul(problem(c, pa, pb, alpha, beta));
    }
    if (c.dtype() != DType::Float16 || !cpu::onednn_supports(DType::Float32)) return false;
    Tensor c32 = is_zero(beta, c.dtype()) ? empty(c.sizes(), DType::Float32, c.device()) : cast(c, DType::Float32);
    GemmProblem p = problem(c32, dense_copy(a, DType::Float32), dense_copy(b, DType::Float32), alpha, beta);
    if (!cpu::onednn_matmul(p)) gemm_dispatch().get(c.device(), "matmul")(p);
    copy_(c, c32);
    return true;
}
#endif

// c = alpha * a @ b + beta * c over 3-D views (batch strides may be 0); c is contiguous.
void gemm(const Tensor &c, const Tensor &a, const Tensor &b, const Scalar &alpha, const Scalar &beta) {
    if (c.numel() == 0) return;
#ifdef EMBER_WITH_DNNL
    if (try_onednn(c, a, b, alpha, beta)) return;
#endif
    gemm_dispatch().get(c.device(), "matmul")(problem(c, a, b, alpha, beta));
}

// Derivative formulas (PyTorch's derivatives.yaml), with recording ops for higher derivatives.
// Saved: {a, b} (addmm: the two matrices); addmm's node.scalars are {beta, alpha}.
using autograd::BackwardContext;

Tensor t2(const Tensor &m) { return transpose(m, 0, 1); }
Tensor t3(const Tensor &m) { return transpose(m, 1, 2); }
Tensor scaled(const Tensor &g, const Scalar &s) {
    return s.to<double>() == 1.0 ? g : binary_scalar(EMBER_BINARY_MUL, g, s, false);
}

void mm_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    if (c.needs(0)) c.set(0, mm(g, t2(c.saved(1))));
    if (c.needs(1)) c.set(1, mm(t2(c.saved(0)), g));
}

void bmm_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    if (c.needs(0)) c.set(0, bmm(g, t3(c.saved(1))));
    if (c.needs(1)) c.set(1, bmm(t3(c.saved(0)), g));
}

void addmm_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    const Scalar &beta = c.node.scalars[0], &alpha = c.node.scalars[1];
    if (c.needs(0)) c.set(0, scaled(g, beta));  // the engine sums it down to input's shape
    if (c.needs(1)) c.set(1, scaled(mm(g, t2(c.saved(1))), alpha));
    if (c.needs(2)) c.set(2, scaled(mm(t2(c.saved(0)), g), alpha));
}

void dot_backward(BackwardContext &c) {
    const Tensor &g = c.grad();  // 0-dim
    if (c.needs(0)) c.set(0, binary(EMBER_BINARY_MUL, g, c.saved(1)));
    if (c.needs(1)) c.set(1, binary(EMBER_BINARY_MUL, g, c.saved(0)));
}

void mv_backward(BackwardContext &c) {
    const Tensor &g = c.grad();
    if (c.needs(0)) c.set(0, outer(g, c.saved(1)));
    if (c.needs(1)) c.set(1, mv(t2(c.saved(0)), g));
}

// matmul when autograd records: PyTorch's composite of dot/mv/mm/bmm and views, so the graph
// (and every derivative) is theirs. Shapes are already checked; a and b are not both <= 2-D
// except for matrix-vector products.
Tensor matmul_recorded(const Tensor &a, const Tensor &b, const DimVector &batch) {
    const int64_t da = a.dim(), db = b.dim();
    if (da == 2 && db == 1) return mv(a, b);
    if (da == 1 && db == 2) return squeeze(mm(unsqueeze(a, 0), b), DimVector{0});
    if (da >= 3 && db <= 2) {
        // a's batch folded into its rows: one mm (or mv) for every matrix of the batch.
        DimVector out_shape(a.sizes().first(static_cast<size_t>(da - 1)));
        const int64_t rows = product(out_shape);
        Tensor folded = reshape(a, DimVector{rows, a.size(da - 1)});
        if (db == 2) out_shape.push_back(b.size(1));
        return reshape(db == 2 ? mm(folded, b) : mv(folded, b), out_shape);
    }
    if (db >= 3 && da <= 2) {
        // The same with the roles swapped: (b^T @ a^T)^T, b's batch folded into the rows of b^T.
        Tensor bt = transpose(b, -1, -2);
        DimVector out_shape(bt.sizes().first(static_cast<size_t>(db - 1)));
        Tensor folded = reshape(bt, DimVector{product(out_shape), bt.size(db - 1)});
        if (da == 1) return reshape(mv(folded, a), out_shape);
        out_shape.push_back(a.size(0));
        return contiguous(transpose(reshape(mm(folded, t2(a)), out_shape), -1, -2));
    }
    // Both batched: each operand expanded to the common batch and flattened into one bmm.
    const int64_t m = da > 1 ? a.size(da - 2) : 1, k = a.size(da - 1);
    const int64_t n = db > 1 ? b.size(db - 1) : 1;
    const int64_t nbatch = product(batch);
    Tensor a3 = reshape(expand(a, append2(batch, m, k)), DimVector{nbatch, m, k});
    Tensor b3;
    if (db == 1) {
        DimVector bsizes = batch;
        bsizes.push_back(k);
        b3 = unsqueeze(reshape(expand(b, bsizes), DimVector{nbatch, k}), 2);
    } else {
        b3 = reshape(expand(b, append2(batch, k, n)), DimVector{nbatch, k, n});
    }
    DimVector out_shape = batch;
    if (da > 1) out_shape.push_back(m);
    if (db > 1) out_shape.push_back(n);
    Tensor c = bmm(a3, b3);
    return reshape(db == 1 ? squeeze(c, DimVector{-1}) : c, out_shape);
}

}  // namespace

Tensor mv(const Tensor &a, const Tensor &b) {
    check_inputs(a, b, "mv");
    EMBER_CHECK(a.dim() == 2 && b.dim() == 1, Shape, "vector + matrix @ vector expected, got ", a.dim(), ", ",
                a.dim(), ", ", b.dim());
    EMBER_CHECK(a.size(1) == b.size(0), Shape, "size mismatch, got ", a.size(0), ", ", a.size(0), "x", a.size(1),
                ",", b.size(0));
    autograd::Recorder rec("MvBackward0", &mv_backward, {&a, &b});
    rec.save(a);
    rec.save(b);
    Tensor out = matmul(a, b);  // grad mode is off here: the plain product
    rec.finish({&out});
    return out;
}

Tensor mm(const Tensor &a, const Tensor &b) {
    if (autocast::LowerPrecision lp; lp.active()) return mm(lp(a), lp(b));
    check_inputs(a, b, "mm");
    EMBER_CHECK(a.dim() == 2, Shape, "self must be a matrix");
    EMBER_CHECK(b.dim() == 2, Shape, "mat2 must be a matrix");
    EMBER_CHECK(a.size(1) == b.size(0), Shape, "mat1 and mat2 shapes cannot be multiplied (", a.size(0), "x", a.size(1),
                " and ", b.size(0), "x", b.size(1), ")");
    check_same_dtype(a, b);
    check_numeric(a.dtype(), "mm");
    autograd::Recorder rec("MmBackward0", &mm_backward, {&a, &b});
    rec.save(a);
    rec.save(b);
    Tensor out = empty(DimVector{a.size(0), b.size(1)}, a.dtype(), a.device());
    gemm(as_batch_of_one(out), as_batch_of_one(a), as_batch_of_one(b), Scalar::from_int(1), Scalar::from_int(0));
    rec.finish({&out});
    return out;
}

Tensor bmm(const Tensor &a, const Tensor &b) {
    if (autocast::LowerPrecision lp; lp.active()) return bmm(lp(a), lp(b));
    check_inputs(a, b, "bmm");
    EMBER_CHECK(a.dim() == 3, Shape, "batch1 must be a 3D tensor");
    EMBER_CHECK(b.dim() == 3, Shape, "batch2 must be a 3D tensor");
    EMBER_CHECK(b.size(0) == a.size(0) && b.size(1) == a.size(2), Shape,
                "Expected size for first two dimensions of batch2 tensor to be: [", a.size(0), ", ", a.size(2),
                "] but got: [", b.size(0), ", ", b.size(1), "].");
    check_same_dtype(a, b);
    check_numeric(a.dtype(), "bmm");
    autograd::Recorder rec("BmmBackward0", &bmm_backward, {&a, &b});
    rec.save(a);
    rec.save(b);
    Tensor out = empty(DimVector{a.size(0), a.size(1), b.size(2)}, a.dtype(), a.device());
    gemm(out, a, b, Scalar::from_int(1), Scalar::from_int(0));
    rec.finish({&out});
    return out;
}

Tensor addmm(const Tensor &input, const Tensor &a, const Tensor &b, const Scalar &beta, const Scalar &alpha) {
    if (autocast::LowerPrecision lp; lp.active()) return addmm(lp(input), lp(a), lp(b), beta, alpha);
    check_inputs(a, b, "addmm");
    check_inputs(input, b, "addmm");
    EMBER_CHECK(a.dim() == 2, Shape, "mat1 must be a matrix, got ", a.dim(), "-D tensor");
    EMBER_CHECK(b.dim() == 2, Shape, "mat2 must be a matrix, got ", b.dim(), "-D tensor");
    EMBER_CHECK(a.size(1) == b.size(0), Shape, "mat1 and mat2 shapes cannot be multiplied (", a.size(0), "x", a.size(1),
                " and ", b.size(0), "x", b.size(1), ")");
    EMBER_CHECK(input.dtype() == b.dtype(), DType, "self and mat2 must have the same dtype, but got ",
                scalar_type_name(input.dtype()), " and ", scalar_type_name(b.dtype()));
    EMBER_CHECK(a.dtype() == b.dtype(), DType, "mat1 and mat2 must have the same dtype, but got ",
                scalar_type_name(a.dtype()), " and ", scalar_type_name(b.dtype()));
    check_numeric(a.dtype(), "addmm");
    const int64_t m = a.size(0), n = b.size(1);
    // input broadcasts to (m, n) as Tensor.expand does.
    EMBER_CHECK(input.dim() <= 2, Shape, "addmm: the number of sizes provided (2) must be greater or equal to the "
                "number of dimensions in the tensor (", input.dim(), ")");
    const int64_t target[2] = {m, n};
    for (int64_t d = input.dim() - 1; d >= 0; --d) {  // trailing dims first, as expand reports them
        int64_t td = 2 - input.dim() + d;
        EMBER_CHECK(input.size(d) == target[td] || input.size(d) == 1, Shape, "The expanded size of the tensor (",
                    target[td], ") must match the existing size (", input.size(d), ") at non-singleton dimension ", td,
                    ".  Target sizes: [", m, ", ", n, "].  Tensor sizes: ", input.sizes());
    }
    autograd::Recorder rec("AddmmBackward0", &addmm_backward, {&input, &a, &b});
    if (rec) {
        rec.node().scalars[0] = beta;
        rec.node().scalars[1] = alpha;
    }
    rec.save(a);
    rec.save(b);
    Tensor out = empty(DimVector{m, n}, a.dtype(), a.device());
    // beta == 0 ignores input entirely (NaN included), as PyTorch does.
    if (!is_zero(beta, out.dtype())) copy_(out, input);
    gemm(as_batch_of_one(out), as_batch_of_one(a), as_batch_of_one(b), alpha, beta);
    rec.finish({&out});
    return out;
}

Tensor dot(const Tensor &a, const Tensor &b) {
    check_inputs(a, b, "dot");
    EMBER_CHECK(a.dim() == 1 && b.dim() == 1, Shape, "1D tensors expected, but got ", a.dim(), "D and ", b.dim(),
                "D tensors");
    EMBER_CHECK(a.dtype() == b.dtype(), DType, "dot : expected both vectors to have same dtype, but found ",
                scalar_type_name(a.dtype()), " and ", scalar_type_name(b.dtype()));
    EMBER_CHECK(a.numel() == b.numel(), Shape, "inconsistent tensor size, expected tensor [", a.numel(),
                "] and src [", b.numel(), "] to have the same number of elements, but got ", a.numel(), " and ",
                b.numel(), " elements respectively");
    check_numeric(a.dtype(), "dot");
    autograd::Recorder rec("DotBackward0", &dot_backward, {&a, &b});
    rec.save(a);
    rec.save(b);
    Tensor out = empty(DimVector{}, a.dtype(), a.device());
    dot_dispatch().get(a.device(), "dot")(a.dtype(), a.numel(), a.data_ptr(), a.stride(0), b.data_ptr(), b.stride(0),
                                          out.data_ptr());
    rec.finish({&out});
    return out;
}

Tensor outer(const Tensor &a, const Tensor &b) {
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, "outer: input is NULL");
    EMBER_CHECK(a.dim() == 1, Shape, "outer: Expected 1-D argument self, but got ", a.dim(), "-D");
    EMBER_CHECK(b.dim() == 1, Shape, "outer: Expected 1-D argument vec2, but got ", b.dim(), "-D");
    // a as a column times b as a row, with mul's broadcasting and type promotion (and its
    // derivative: the column is a recorded view).
    return binary(EMBER_BINARY_MUL, unsqueeze(a, 1), b);
}

Tensor matmul(const Tensor &a, const Tensor &b) {
    if (autocast::LowerPrecision lp; lp.active()) return matmul(lp(a), lp(b));
    check_inputs(a, b, "matmul");
    const int64_t da = a.dim(), db = b.dim();
    EMBER_CHECK(da >= 1 && db >= 1, Shape, "both arguments to matmul need to be at least 1D, but they are ", da,
                "D and ", db, "D");
    if (da == 1 && db == 1) return dot(a, b);
    if (da == 2 && db == 2) return mm(a, b);

    // Matrix parts: a vector a is a 1 x K row, a vector b a K x 1 column; both leave the result.
    const int64_t m = da == 1 ? 1 : a.size(da - 2), k = a.size(da - 1);
    const int64_t k2 = db == 1 ? b.size(0) : b.size(db - 2), n = db == 1 ? 1 : b.size(db - 1);
    const int64_t a_rs = da == 1 ? k * a.stride(0) : a.stride(da - 2), a_cs = a.stride(da - 1);
    const int64_t b_rs = db == 1 ? b.stride(0) : b.stride(db - 2), b_cs = db == 1 ? 1 : b.stride(db - 1);
    IntArrayRef a_batch = a.sizes().first(static_cast<size_t>(std::max<int64_t>(da - 2, 0)));
    IntArrayRef b_batch = b.sizes().first(static_cast<size_t>(std::max<int64_t>(db - 2, 0)));
    DimVector batch = broadcast_shapes(a_batch, b_batch);

    if (k != k2) matmul_shape_error(a, b, batch);
    check_same_dtype(a, b);
    check_numeric(a.dtype(), "matmul");
    if (autograd::recording_enabled() && autograd::any_requires_grad({&a, &b})) return matmul_recorded(a, b, batch);

    // Batch strides of each operand broadcast to the common batch shape (0 where broadcast).
    const size_t nb = batch.size();
    auto batch_strides = [&](const Tensor &t, IntArrayRef tb) {
        DimVector s(nb);
        for (size_t i = 0; i < nb; ++i) {
            int64_t j = static_cast<int64_t>(i) - static_cast<int64_t>(nb - tb.size());
            s[i] = j < 0 || tb[j] == 1 ? 0 : t.stride(j);
        }
        return s;
    };
    DimVector as = batch_strides(a, a_batch), bs = batch_strides(b, b_batch);
    const int64_t nbatch = product(batch);

    Tensor c = empty(append2(batch, m, n), a.dtype(), a.device());
    DimVector out_sizes = batch;
    if (da > 1) out_sizes.push_back(m);
    if (db > 1) out_sizes.push_back(n);
    Tensor result = make_view(c, out_sizes, contiguous_strides(out_sizes), 0);  // drops the vector dims
    if (c.numel() == 0) return result;
    const Scalar one = Scalar::from_int(1), zero = Scalar::from_int(0);

    // b shared by every batch, and a's batch and row dims one strided dim: one (batch*m x k) GEMM.
    DimVector a_rows = batch, a_rows_strides = as;  // a's batch dims followed by its row dim
    a_rows.push_back(m);
    a_rows_strides.push_back(a_rs);
    int64_t b_stride = 0, a_fold = 0;
    if (collapse(batch, bs, &b_stride) && b_stride == 0 && collapse(a_rows, a_rows_strides, &a_fold)) {
        gemm(view3(c, 1, nbatch * m, n, 0, n, 1), view3(a, 1, nbatch * m, k, 0, a_fold, a_cs),
             view3(b, 1, k, n, 0, b_rs, b_cs), one, zero);
        return result;
    }
    // Otherwise one batched GEMM. An operand whose batch dims do not collapse into one strided dim
    // is first copied into a contiguous tensor of the full batch shape, as PyTorch does.
    auto operand = [&](const Tensor &t, const DimVector &strides, int64_t rows, int64_t cols, int64_t rs, int64_t cs) {
        int64_t stride = 0;
        if (collapse(batch, strides, &stride)) return view3(t, nbatch, rows, cols, stride, rs, cs);
        Tensor full = make_view(t, append2(batch, rows, cols), append2(strides, rs, cs), t.storage_offset());
        Tensor dense = contiguous(full);
        return view3(dense, nbatch, rows, cols, rows * cols, cols, 1);
    };
    gemm(view3(c, nbatch, m, n, m * n, n, 1), operand(a, as, m, k, a_rs, a_cs), operand(b, bs, k, n, b_rs, b_cs), one,
         zero);
    return result;
}

}  // namespace ember
