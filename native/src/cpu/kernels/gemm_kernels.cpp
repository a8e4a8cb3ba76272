// The built-in GEMM: float64, integers, float16/bfloat16 when oneDNN cannot take them, and every
// dtype in builds without oneDNN. A classic cache-blocked design (Goto & van de Geijn, "Anatomy
// of high-performance matrix multiplication", 2008) in portable C++:
//  - B is packed in KC x NC panels of NR-wide column strips, A in MC x KC blocks of MR-high row
//    strips (packing also converts to the accumulation type and absorbs any strides, so
//    transposed and sliced operands cost nothing extra);
//  - an MR x NR micro-kernel keeps the C tile in vector registers (GCC/Clang vector extensions,
//    two vectors per row, so it vectorises for whichever instruction set this file is built for);
//  - threads split the rows (or the columns, for wide results) of C, or the batch.
// Matrix-vector products and tiny problems take direct loops instead: packing would dominate.
// Accumulation: float for float32/float16/bfloat16, double for float64, and unsigned 32/64-bit
// integers for the integer dtypes (wrapping arithmetic, then truncation: the same result as
// PyTorch's wrapping integer GEMM, without signed-overflow undefined behaviour).
#include <algorithm>
#include <cstring>
#include <memory>

#include "core/convert.h"
#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/linalg.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

#if defined(__AVX512F__)
constexpr int kVecBytes = 64;
#elif defined(__AVX2__)
constexpr int kVecBytes = 32;
#else
constexpr int kVecBytes = 16;
#endif

template <typename A> struct VecOf;
template <> struct VecOf<float> { typedef float type __attribute__((vector_size(kVecBytes))); };
template <> struct VecOf<double> { typedef double type __attribute__((vector_size(kVecBytes))); };
template <> struct VecOf<uint32_t> { typedef uint32_t type __attribute__((vector_size(kVecBytes))); };
template <> struct VecOf<uint64_t> { typedef uint64_t type __attribute__((vector_size(kVecBytes))); };
template <typename A> using Vec = typename VecOf<A>::type;

// The type products are accumulated in.
template <typename T> struct AccOf { using type = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>; };
template <> struct AccOf<float> { using type = float; };
template <> struct AccOf<double> { using type = double; };
template <> struct AccOf<Half> { using type = float; };
template <> struct AccOf<BFloat16> { using type = float; };
template <typename T> using Acc = typename AccOf<T>::type;

template <typename A> inline A to_acc(const Scalar &s) {
    if constexpr (std::is_floating_point_v<A>) return s.to<A>();
    else return static_cast<A>(s.to<int64_t>());  // PyTorch truncates alpha and beta for integer GEMMs
}
template <typename A, typename T> inline A load_acc(const T *p) {
    if constexpr (std::is_floating_point_v<A>) return static_cast<A>(static_cast<opmath_t<T>>(*p));
    else return static_cast<A>(static_cast<int64_t>(*p));  // sign-extends, then wraps
}
// Integers truncate modulo 2^bits (well defined since C++20); floats round to nearest.
template <typename T, typename A> inline T store_as(A v) { return static_cast<T>(v); }

// Register blocking and cache blocking for accumulation type A.
template <typename A> struct Blocking {
    static constexpr int L = kVecBytes / static_cast<int>(sizeof(A));  // lanes per vector
    static constexpr int MR = kVecBytes == 64 ? 8 : 6;  // 2*MR accumulators + 3 registers must fit
    static constexpr int NR = 2 * L;
    // A KC x NR strip of B (about 32 KB) stays in L1 while the row strips of A stream past it.
    static constexpr int64_t KC = std::clamp<int64_t>(32768 / (NR * static_cast<int64_t>(sizeof(A))), 128, 384);
    // An MC x KC block of A (about 256 KB) stays in L2.
    static constexpr int64_t MC = (262144 / (KC * static_cast<int64_t>(sizeof(A)))) / MR * MR;
    static constexpr int64_t NC = 4096;
};

// Per-thread packing memory, reused across calls (GEMMs on one thread never nest).
struct Scratch {
    std::unique_ptr<char[]> raw;
    size_t capacity = 0;
    void *get(size_t bytes) {
        if (bytes + 64 > capacity) {
            capacity = std::max(bytes + 64, capacity * 2);
            raw.reset(new char[capacity]);
        }
        auto p = reinterpret_cast<uintptr_t>(raw.get());
        return reinterpret_cast<void *>((p + 63) & ~uintptr_t(63));
    }
};
thread_local Scratch t_pack;
thread_local Scratch t_acc;

// A strided matrix view: element (i, j) at p[i * rs + j * cs].
template <typename T> struct Mat {
    const T *p;
    int64_t rs, cs;
    const T &at(int64_t i, int64_t j) const { return p[i * rs + j * cs]; }
};

// Packs rows [i0, i0 + mc) x cols [p0, p0 + kc) of A into MR-high strips: strip s holds, for each
// p, the MR values of rows s*MR.. (zero beyond mc).
template <typename A, typename T>
void pack_a(const Mat<T> &a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, A *out) {
    constexpr int MR = Blocking<A>::MR;
    for (int64_t s = 0; s < mc; s += MR) {
        const int64_t rows = std::min<int64_t>(MR, mc - s);
        A *dst = out + s * kc;
        if (rows < MR) std::fill(dst, dst + kc * MR, A(0));
        if (a.cs == 1) {  // rows are contiguous: read along them
            for (int64_t i = 0; i < rows; ++i) {
                const T *src = &a.at(i0 + s + i, p0);
                for (int64_t p = 0; p < kc; ++p) dst[p * MR + i] = load_acc<A>(src + p);
            }
        } else {
            for (int64_t p = 0; p < kc; ++p)
                for (int64_t i = 0; i < rows; ++i) dst[p * MR + i] = load_acc<A>(&a.at(i0 + s + i, p0 + p));
        }
    }
}

// Packs rows [p0, p0 + kc) x cols [j0, j0 + nc) of B into NR-wide strips.
template <typename A, typename T>
void pack_b(const Mat<T> &b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, A *out) {
    constexpr int NR = Blocking<A>::NR;
    for (int64_t s = 0; s < nc; s += NR) {
        const int64_t cols = std::min<int64_t>(NR, nc - s);
        A *dst = out + s * kc;
        if (cols < NR) std::fill(dst, dst + kc * NR, A(0));
        if (b.cs == 1 || b.rs != 1) {
            for (int64_t p = 0; p < kc; ++p) {
                const T *src = &b.at(p0 + p, j0 + s);
                for (int64_t j = 0; j < cols; ++j) dst[p * NR + j] = load_acc<A>(src + j * b.cs);
            }
        } else {  // columns are contiguous: read along them
            for (int64_t j = 0; j < cols; ++j) {
                const T *src = &b.at(p0, j0 + s + j);
                for (int64_t p = 0; p < kc; ++p) dst[p * NR + j] = load_acc<A>(src + p);
            }
        }
    }
}

// tile (MR x NR, row-major) = packed A strip (kc x MR) times packed B strip (kc x NR).
template <typename A>
[[gnu::always_inline]] inline void micro_kernel(int64_t kc, const A *pa, const A *pb, A *tile) {
    using V = Vec<A>;
    constexpr int L = Blocking<A>::L, MR = Blocking<A>::MR, NR = Blocking<A>::NR;
    V c[MR][2];
    for (int i = 0; i < MR; ++i) c[i][0] = c[i][1] = V{};
    for (int64_t p = 0; p < kc; ++p) {
        V b0, b1;
        std::memcpy(&b0, pb, sizeof(V));
        std::memcpy(&b1, pb + L, sizeof(V));
#pragma GCC unroll 8
        for (int i = 0; i < MR; ++i) {
            V ai = pa[i] - V{};  // a broadcast (x - 0 folds to x; x + 0 would not, for x = -0)
            c[i][0] += ai * b0;
            c[i][1] += ai * b1;
        }
        pa += MR;
        pb += NR;
    }
    for (int i = 0; i < MR; ++i) {
        std::memcpy(tile + i * NR, &c[i][0], sizeof(V));
        std::memcpy(tile + i * NR + L, &c[i][1], sizeof(V));
    }
}

// How results land in C: C = alpha * AB + beta * C, or alpha * AB when beta is zero (C is then
// never read, so NaN there does not propagate).
template <typename A> struct Epilogue {
    A alpha, beta;
    bool beta_zero;
};

// Stores one computed row of n values at dst (stride cs). `first` is false for the later K
// blocks of a blocked product, which add to what the first block stored.
template <typename A>
inline void store_row(const A *v, int64_t n, A *dst, int64_t cs, bool first, const Epilogue<A> &e) {
    if (cs == 1) {
        if (!first) for (int64_t j = 0; j < n; ++j) dst[j] += e.alpha * v[j];
        else if (e.beta_zero) for (int64_t j = 0; j < n; ++j) dst[j] = e.alpha * v[j];
        else for (int64_t j = 0; j < n; ++j) dst[j] = e.alpha * v[j] + e.beta * dst[j];
        return;
    }
    for (int64_t j = 0; j < n; ++j) {
        A &d = dst[j * cs];
        d = !first ? d + e.alpha * v[j] : e.beta_zero ? e.alpha * v[j] : e.alpha * v[j] + e.beta * d;
    }
}

// C (m x n, type A) = alpha * A @ B + beta * C on the calling thread.
template <typename A, typename T>
void gemm_blocked(int64_t m, int64_t n, int64_t k, const Mat<T> &a, const Mat<T> &b, A *c, int64_t c_rs,
                  int64_t c_cs, const Epilogue<A> &e) {
    using B = Blocking<A>;
    constexpr int MR = B::MR, NR = B::NR;
    const int64_t nc_max = std::min<int64_t>(B::NC, (n + NR - 1) / NR * NR);
    const int64_t mc_max = std::min<int64_t>(B::MC, (m + MR - 1) / MR * MR);
    const int64_t kc_max = std::min<int64_t>(B::KC, k);
    A *pb = static_cast<A *>(t_pack.get(sizeof(A) * static_cast<size_t>(kc_max * (nc_max + mc_max) + MR * NR)));
    A *pa = pb + kc_max * nc_max;
    A *tile = pa + kc_max * mc_max;
    for (int64_t jc = 0; jc < n; jc += B::NC) {
        const int64_t nc = std::min<int64_t>(B::NC, n - jc);
        for (int64_t pc = 0; pc < k; pc += B::KC) {
            const int64_t kc = std::min<int64_t>(B::KC, k - pc);
            pack_b(b, pc, kc, jc, nc, pb);
            for (int64_t ic = 0; ic < m; ic += B::MC) {
                const int64_t mc = std::min<int64_t>(B::MC, m - ic);
                pack_a(a, ic, mc, pc, kc, pa);
                for (int64_t jr = 0; jr < nc; jr += NR) {
                    const int64_t cols = std::min<int64_t>(NR, nc - jr);
                    for (int64_t ir = 0; ir < mc; ir += MR) {
                        micro_kernel(kc, pa + ir * kc, pb + jr * kc, tile);
                        A *dst = c + (ic + ir) * c_rs + (jc + jr) * c_cs;
                        for (int64_t i = 0, rows = std::min<int64_t>(MR, mc - ir); i < rows; ++i)
                            store_row(tile + i * NR, cols, dst + i * c_rs, c_cs, pc == 0, e);
                    }
                }
            }
        }
    }
}

// Sum of a[i] * b[i] over contiguous arrays, with several vector accumulators.
template <typename A>
A dot_contiguous(const A *a, const A *b, int64_t n) {
    using V = Vec<A>;
    constexpr int L = Blocking<A>::L;
    V s0{}, s1{}, s2{}, s3{};
    auto ld = [](const A *p) { V v; std::memcpy(&v, p, sizeof(V)); return v; };
    int64_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
        s0 += ld(a + i) * ld(b + i);
        s1 += ld(a + i + L) * ld(b + i + L);
        s2 += ld(a + i + 2 * L) * ld(b + i + 2 * L);
        s3 += ld(a + i + 3 * L) * ld(b + i + 3 * L);
    }
    for (; i + L <= n; i += L) s0 += ld(a + i) * ld(b + i);
    V s = (s0 + s1) + (s2 + s3);
    A r = 0;
    for (int l = 0; l < L; ++l) r += s[l];
    for (; i < n; ++i) r += a[i] * b[i];
    return r;
}

// Sum of a[i * sa] * b[i * sb] in type A, for any element type and strides: chunks are first
// converted to contiguous A arrays so the vector loop does the arithmetic.
template <typename A, typename T, typename U>
A dot_any(const T *a, int64_t sa, const U *b, int64_t sb, int64_t n) {
    if constexpr (std::is_same_v<A, T> && std::is_same_v<A, U>)
        if (sa == 1 && sb == 1) return dot_contiguous(a, b, n);
    constexpr int64_t kChunk = 512;
    alignas(64) A ba[kChunk], bb[kChunk];
    A r = 0;
    for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t len = std::min(kChunk, n - i);
        for (int64_t j = 0; j < len; ++j) ba[j] = load_acc<A>(a + (i + j) * sa);
        for (int64_t j = 0; j < len; ++j) bb[j] = load_acc<A>(b + (i + j) * sb);
        r += dot_contiguous(ba, bb, len);
    }
    return r;
}

// y (m values, stride ys) = alpha * M x + beta * y, for an m x k matrix M and a k-vector x.
template <typename A, typename T>
void gemv(int64_t m, int64_t k, const Mat<T> &a, const T *x, int64_t xs, A *y, int64_t ys, const Epilogue<A> &e) {
    A *xa = static_cast<A *>(t_pack.get(sizeof(A) * static_cast<size_t>(k + m)));
    A *acc = xa + k;
    for (int64_t p = 0; p < k; ++p) xa[p] = load_acc<A>(x + p * xs);
    if (a.rs == 1 && a.cs != 1 && std::is_same_v<A, T>) {
        // Column-major M: add scaled columns (contiguous, vectorises) instead of strided dots.
        std::fill(acc, acc + m, A(0));
        for (int64_t p = 0; p < k; ++p) {
            const A xp = xa[p];
            const T *col = &a.at(0, p);
            for (int64_t i = 0; i < m; ++i) acc[i] += load_acc<A>(col + i) * xp;
        }
    } else {
        for (int64_t i = 0; i < m; ++i) acc[i] = dot_any<A>(&a.at(i, 0), a.cs, xa, 1, k);
    }
    store_row(acc, m, y, ys, true, e);
}

// Direct loops for small problems: row i of C accumulates rows of B scaled by A[i, p].
template <typename A, typename T>
void gemm_small(int64_t m, int64_t n, int64_t k, const Mat<T> &a, const Mat<T> &b, A *c, int64_t c_rs,
                int64_t c_cs, const Epilogue<A> &e) {
    A *acc = static_cast<A *>(t_pack.get(sizeof(A) * static_cast<size_t>(2 * n)));
    A *brow = acc + n;
    for (int64_t i = 0; i < m; ++i) {
        std::fill(acc, acc + n, A(0));
        for (int64_t p = 0; p < k; ++p) {
            const A aip = load_acc<A>(&a.at(i, p));
            const T *src = &b.at(p, 0);
            if (std::is_same_v<A, T> && b.cs == 1) {
                for (int64_t j = 0; j < n; ++j) acc[j] += aip * load_acc<A>(src + j);
            } else {
                for (int64_t j = 0; j < n; ++j) brow[j] = load_acc<A>(src + j * b.cs);
                for (int64_t j = 0; j < n; ++j) acc[j] += aip * brow[j];
            }
        }
        store_row(acc, n, c + i * c_rs, c_cs, true, e);
    }
}

// Below this many multiply-adds, packing costs more than it saves.
constexpr int64_t kSmallGemm = 16 * 16 * 16;
// From this many multiply-adds a product is split across threads.
constexpr int64_t kParallelGemm = 64 * 64 * 64;

// One product into C of type A, on the calling thread.
template <typename A, typename T>
void gemm_into(int64_t m, int64_t n, int64_t k, const Mat<T> &a, const Mat<T> &b, A *c, int64_t c_rs, int64_t c_cs,
               const Epilogue<A> &e) {
    if (n == 1) return gemv(m, k, a, b.p, b.rs, c, c_rs, e);
    if (m == 1) return gemv(n, k, Mat<T>{b.p, b.cs, b.rs}, a.p, a.cs, c, c_cs, e);
    if (m * n * k <= kSmallGemm) return gemm_small(m, n, k, a, b, c, c_rs, c_cs, e);
    gemm_blocked(m, n, k, a, b, c, c_rs, c_cs, e);
}

// One product into C of type T: directly when T accumulates in itself, otherwise through an
// A-typed buffer so the result is rounded once.
template <typename T>
void gemm_sub(int64_t m, int64_t n, int64_t k, const Mat<T> &a, const Mat<T> &b, T *c, int64_t c_rs, int64_t c_cs,
              const Epilogue<Acc<T>> &e) {
    using A = Acc<T>;
    if constexpr (std::is_same_v<A, T>) {
        gemm_into(m, n, k, a, b, c, c_rs, c_cs, e);
    } else {
        A *tmp = static_cast<A *>(t_acc.get(sizeof(A) * static_cast<size_t>(m * n)));
        gemm_into(m, n, k, a, b, tmp, n, int64_t(1), Epilogue<A>{A(1), A(0), true});
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) {
                T &d = c[i * c_rs + j * c_cs];
                A v = e.alpha * tmp[i * n + j];
                d = store_as<T>(e.beta_zero ? v : v + e.beta * load_acc<A>(&d));
            }
    }
}

// One matrix of the batch; splits it across threads when `parallel` and it is large enough.
template <typename T>
void gemm_one(const GemmProblem &p, int64_t q, bool parallel) {
    using A = Acc<T>;
    const Epilogue<A> e{to_acc<A>(p.alpha), to_acc<A>(p.beta), to_acc<A>(p.beta) == A(0)};
    const Mat<T> a{static_cast<const T *>(p.a) + q * p.a_bs, p.a_rs, p.a_cs};
    const Mat<T> b{static_cast<const T *>(p.b) + q * p.b_bs, p.b_rs, p.b_cs};
    T *c = static_cast<T *>(p.c) + q * p.c_bs;
    const int64_t m = p.m, n = p.n, k = p.k;
    if (k == 0) {  // an empty sum: C = beta * C
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) {
                T &d = c[i * p.c_rs + j * p.c_cs];
                d = store_as<T>(e.beta_zero ? A(0) : e.beta * load_acc<A>(&d));
            }
        return;
    }
    if (!parallel || num_threads() < 2 || m * n * k < kParallelGemm)
        return gemm_sub(m, n, k, a, b, c, p.c_rs, p.c_cs, e);
    // Split C into row bands (or column bands for wide results); each thread packs its own blocks.
    constexpr int64_t MR = Blocking<A>::MR, NR = Blocking<A>::NR;
    const bool by_rows = m >= n || n == 1;
    const int64_t unit = by_rows ? (n == 1 ? 64 : MR) : (m == 1 ? 64 : NR);
    const int64_t extent = by_rows ? m : n;
    parallel_for(0, (extent + unit - 1) / unit, 1, [&](int64_t u0, int64_t u1) {
        const int64_t lo = u0 * unit, hi = std::min(extent, u1 * unit);
        if (by_rows)
            gemm_sub(hi - lo, n, k, Mat<T>{a.p + lo * a.rs, a.rs, a.cs}, b, c + lo * p.c_rs, p.c_rs, p.c_cs, e);
        else
            gemm_sub(m, hi - lo, k, a, Mat<T>{b.p + lo * b.cs, b.rs, b.cs}, c + lo * p.c_cs, p.c_rs, p.c_cs, e);
    });
}

void gemm_kernel(const GemmProblem &p) {
    if (p.batch == 0 || p.m == 0 || p.n == 0) return;
    visit_dtype<kNumeric>(p.dtype, "matmul", [&]<typename T>() {
        // Many matrices: one per thread. Few: each one split across the threads.
        if (p.batch > 1 && p.batch >= num_threads()) {
            parallel_for(0, p.batch, 1, [&](int64_t q0, int64_t q1) {
                for (int64_t q = q0; q < q1; ++q) gemm_one<T>(p, q, false);
            });
        } else {
            for (int64_t q = 0; q < p.batch; ++q) gemm_one<T>(p, q, true);
        }
    });
}

void dot_kernel(DType dtype, int64_t n, const void *a, int64_t sa, const void *b, int64_t sb, void *out) {
    visit_dtype<kNumeric>(dtype, "dot", [&]<typename T>() {
        using A = Acc<T>;
        const A r = dot_any<A>(static_cast<const T *>(a), sa, static_cast<const T *>(b), sb, n);
        *static_cast<T *>(out) = store_as<T>(r);
    });
}

}  // namespace

void register_gemm_kernels() {
    gemm_dispatch().set(DeviceType::CPU, gemm_kernel);
    dot_dispatch().set(DeviceType::CPU, dot_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
