// CPU softmax / log_softmax over [outer, dim_size, inner] contiguous data, numerically stable:
// exp(x - max) never overflows. float32, float16 and bfloat16 compute in float with the exp of
// vecmath.h (exp_inline in the rows' fused pass, SLEEF's elsewhere); float64 in double. Each
// output row depends only on its own input row, so results never depend on the number of threads.
//  - inner == 1 (the dim is the last one: attention, classification): one row at a time in three
//    contiguous vectorised passes (max; exp and sum; scale).
//  - inner > 1: blocks of up to kWidth adjacent columns walk the dim together, one lane per column.
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <new>

#include "core/parallel.h"
#include "cpu/kernels/float_convert.h"
#include "cpu/kernels/register.h"
#include "cpu/kernels/vecmath.h"
#include "ops/softmax.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

constexpr int64_t kWidth = 256;   // columns per block (inner > 1)
constexpr int64_t kChunk = 1024;  // elements per partial sum of a row
constexpr int64_t kPrefetchRow = 4096;  // rows up to 16 KiB (float) prefetch the next row

// out[i] = exp(in[i]); in and out may be the same array.
inline void exp_array(const float *in, float *out, int64_t n) { vec::exp(in, out, n); }
inline void exp_array(const double *in, double *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::exp(in[i]);
}

// max that propagates NaN (as PyTorch: one NaN makes the whole row NaN).
template <typename M>
inline M nan_max(M a, M x) { return (x > a || x != x) ? x : a; }

template <typename M>
M row_max(const M *x, int64_t n) {
    constexpr int L = 32;
    M acc[L];
    for (int j = 0; j < L; ++j) acc[j] = -std::numeric_limits<M>::infinity();
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int j = 0; j < L; ++j) acc[j] = nan_max(acc[j], x[i + j]);
    for (int j = 0; i + j < n; ++j) acc[j] = nan_max(acc[j], x[i + j]);
    for (int w = L / 2; w > 0; w /= 2)
        for (int j = 0; j < w; ++j) acc[j] = nan_max(acc[j], acc[j + w]);
    return acc[0];
}

#ifdef EMBER_VEC
// float rows: plain vector max, which may drop a NaN. That cannot change the result: a NaN in
// the row makes the sum of exponentials NaN, and with it every output of the row.
template <>
float row_max<float>(const float *x, int64_t n) {
    using namespace vec;
    const vf lowest = splat(-std::numeric_limits<float>::infinity());
    vf a0 = lowest, a1 = lowest, a2 = lowest, a3 = lowest;
    int64_t i = 0;
    for (; i + 4 * kLanes <= n; i += 4 * kLanes) {
        a0 = max(a0, load(x + i));
        a1 = max(a1, load(x + i + kLanes));
        a2 = max(a2, load(x + i + 2 * kLanes));
        a3 = max(a3, load(x + i + 3 * kLanes));
    }
    for (; i + kLanes <= n; i += kLanes) a0 = max(a0, load(x + i));
    float lanes[kLanes];
    store(lanes, max(max(a0, a1), max(a2, a3)));
    float m = lanes[0];
    for (int j = 1; j < kLanes; ++j) m = std::max(m, lanes[j]);
    for (; i < n; ++i) m = nan_max(m, x[i]);
    return m;
}
#endif

template <typename M>
M lane_sum(const M *x, int64_t n) {
    constexpr int L = 32;
    M acc[L] = {};
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int j = 0; j < L; ++j) acc[j] += x[i + j];
    for (int j = 0; i + j < n; ++j) acc[j] += x[i + j];
    for (int w = L / 2; w > 0; w /= 2)
        for (int j = 0; j < w; ++j) acc[j] += acc[j + w];
    return acc[0];
}

// e[0..k) = exp(x[0..k) - max); returns their sum. next_x/next_e: see the float version.
template <typename M>
double exp_shifted_sum(const M *x, M *e, int64_t k, M max, const M *, M *) {
    for (int64_t i = 0; i < k; ++i) e[i] = x[i] - max;
    exp_array(e, e, k);
    return static_cast<double>(lane_sum(e, k));
}

#ifdef EMBER_VEC
// float: one pass that subtracts, exponentiates, stores and adds while the values are in
// registers (the row is in L1 either way; this saves three of its passes).
// next_x/next_e (or null): the next row's same stretch, fetched into cache meanwhile. Without it the
// next row's max pass would wait on memory while this row's arithmetic left the memory bus idle.
template <>
double exp_shifted_sum<float>(const float *x, float *e, int64_t k, float max, const float *next_x, float *next_e) {
    using namespace vec;
    static_assert(2 * kLanes * sizeof(float) <= 128, "the two prefetched lines cover a step");
    const vf m = splat(max);
    vf acc0{}, acc1{};
    int64_t i = 0;
    for (; i + 2 * kLanes <= k; i += 2 * kLanes) {
        if (next_x) {
            __builtin_prefetch(next_x + i, 0, 3);
            __builtin_prefetch(next_x + i + 16, 0, 3);
            __builtin_prefetch(next_e + i, 1, 3);
            __builtin_prefetch(next_e + i + 16, 1, 3);
        }
        const vf e0 = exp_inline(load(x + i) - m);
        const vf e1 = exp_inline(load(x + i + kLanes) - m);
        store(e + i, e0);
        store(e + i + kLanes, e1);
        acc0 += e0;
        acc1 += e1;
    }
    for (; i + kLanes <= k; i += kLanes) {
        const vf e0 = exp_inline(load(x + i) - m);
        store(e + i, e0);
        acc0 += e0;
    }
    // The lanes and the tail add up in double: the row's largest term is 1 (exp(max - max)),
    // and float additions at that magnitude would round away the small terms' low bits.
    float lanes[kLanes];
    store(lanes, acc0 + acc1);
    double sum = 0;
    for (float v : lanes) sum += v;
    for (; i < k; ++i) sum += e[i] = std::exp(x[i] - max);
    return sum;
}
#endif

// One row of n elements in the compute type M. y may be x (in place). Softmax stores
// exp(x - max) in y and scales it by 1/sum; log_softmax only needs the sum, so the exponentials
// go through a small buffer and y = (x - max) - log(sum), as PyTorch computes it.
// Rows of up to kPrefetchRow elements prefetch the next row (x + n, y + n) when `more` says
// there is one; longer rows are streamed well enough by the hardware prefetcher.
template <typename M>
void softmax_row(const M *x, M *y, int64_t n, bool log, bool more) {
    const M max = row_max(x, n);
    const bool prefetch = more && n <= kPrefetchRow;
    double sum = 0;  // partial sums of kChunk elements, added in double: accurate for long rows
    M buf[kChunk];
    for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t k = std::min(kChunk, n - i);
        sum += exp_shifted_sum<M>(x + i, log ? buf : y + i, k, max, prefetch ? x + n + i : nullptr, y + n + i);
    }
    if (log) {
        const M log_sum = static_cast<M>(std::log(sum));
        for (int64_t i = 0; i < n; ++i) y[i] = (x[i] - max) - log_sum;
    } else {
        const M scale = static_cast<M>(1.0 / sum);
        for (int64_t i = 0; i < n; ++i) y[i] *= scale;
    }
}

template <typename T>
using compute_t = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <typename T>
void rows_kernel(const T *in, T *out, int64_t rows, int64_t n, bool log, std::atomic<bool> &oom) {
    using M = compute_t<T>;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1));
    parallel_for(0, rows, grain, [&](int64_t b, int64_t e) {
        if constexpr (std::is_same_v<T, M>) {
            for (int64_t r = b; r < e; ++r) softmax_row<M>(in + r * n, out + r * n, n, log, r + 1 < e);
        } else {
            std::unique_ptr<float[]> buf(new (std::nothrow) float[static_cast<size_t>(n)]);
            if (!buf) {
                oom.store(true);
                return;
            }
            for (int64_t r = b; r < e; ++r) {
                to_float(in + r * n, buf.get(), n);
                softmax_row<float>(buf.get(), buf.get(), n, log, false);
                from_float(buf.get(), out + r * n, n);
            }
        }
    });
}

// inner > 1: column blocks. Rows of the dim are `inner` elements apart.
template <typename T>
void columns_kernel(const T *in, T *out, const SoftmaxShape &s, bool log) {
    using M = compute_t<T>;
    const int64_t D = s.dim_size, inner = s.inner;
    const int64_t blocks = (inner + kWidth - 1) / kWidth;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / (D * std::min(kWidth, inner)));
    parallel_for(0, s.outer * blocks, grain, [&](int64_t b, int64_t e) {
        M mx[kWidth], sum[kWidth], buf[kWidth];
        for (int64_t u = b; u < e; ++u) {
            const int64_t o = u / blocks, c0 = (u % blocks) * kWidth, w = std::min(kWidth, inner - c0);
            const T *x = in + o * D * inner + c0;
            T *y = out + o * D * inner + c0;
            auto load = [&](int64_t d) {
                if constexpr (std::is_same_v<T, M>) std::copy_n(x + d * inner, w, buf);
                else to_float(x + d * inner, buf, w);
            };
            for (int64_t j = 0; j < w; ++j) mx[j] = -std::numeric_limits<M>::infinity(), sum[j] = 0;
            for (int64_t d = 0; d < D; ++d) {
                load(d);
                for (int64_t j = 0; j < w; ++j) mx[j] = nan_max(mx[j], buf[j]);
            }
            // Softmax in float32/float64 keeps exp(x - max) in the output and scales it after;
            // 16-bit outputs would round it, so those recompute it in the last pass.
            constexpr bool keep = std::is_same_v<T, M>;
            for (int64_t d = 0; d < D; ++d) {
                load(d);
                for (int64_t j = 0; j < w; ++j) buf[j] -= mx[j];
                exp_array(buf, buf, w);
                for (int64_t j = 0; j < w; ++j) sum[j] += buf[j];
                if constexpr (keep)
                    if (!log) std::copy_n(buf, w, y + d * inner);
            }
            if (log) {
                for (int64_t j = 0; j < w; ++j) sum[j] = std::log(sum[j]);
                for (int64_t d = 0; d < D; ++d) {
                    load(d);
                    for (int64_t j = 0; j < w; ++j) buf[j] = (buf[j] - mx[j]) - sum[j];
                    if constexpr (keep) std::copy_n(buf, w, y + d * inner);
                    else from_float(buf, y + d * inner, w);
                }
            } else {
                for (int64_t j = 0; j < w; ++j) sum[j] = M(1) / sum[j];
                for (int64_t d = 0; d < D; ++d) {
                    if constexpr (keep) {
                        M *yr = y + d * inner;
                        for (int64_t j = 0; j < w; ++j) yr[j] *= sum[j];
                    } else {
                        load(d);
                        for (int64_t j = 0; j < w; ++j) buf[j] -= mx[j];
                        exp_array(buf, buf, w);
                        for (int64_t j = 0; j < w; ++j) buf[j] *= sum[j];
                        from_float(buf, y + d * inner, w);
                    }
                }
            }
        }
    });
}

void softmax_kernel(const Tensor &in, const Tensor &out, const SoftmaxShape &s, bool log) {
    visit_dtype<kFloating>(in.dtype(), log ? "log_softmax" : "softmax", [&]<typename T>() {
        if (s.inner == 1) {
            std::atomic<bool> oom{false};
            rows_kernel<T>(in.data<T>(), out.data<T>(), s.outer, s.dim_size, log, oom);
            if (oom.load()) throw std::bad_alloc();
        } else {
            columns_kernel<T>(in.data<T>(), out.data<T>(), s, log);
        }
    });
}

}  // namespace

void register_softmax_kernels() { softmax_dispatch().set(DeviceType::CPU, softmax_kernel); }

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
