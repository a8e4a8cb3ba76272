// CPU softmax / log_softmax over [outer, dim_size, inner] contiguous data, numerically stable:
// exp(x - max) never overflows. float32, float16 and bfloat16 compute in float with the SLEEF exp
// of vecmath.h; float64 in double. Each output row depends only on its own input row, so
// results never depend on the number of threads.
//  - inner == 1 (the dim is the last one: attention, classification): one row at a time, each
//    pass a contiguous vectorised loop.
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

// One row of n elements in the compute type M. y may be x (in place). Softmax stores
// exp(x - max) in y and scales it by 1/sum; log_softmax only needs the sum, so the exponentials
// go through a small buffer and y = (x - max) - log(sum), as PyTorch computes it.
template <typename M>
void softmax_row(const M *x, M *y, int64_t n, bool log) {
    const M max = row_max(x, n);
    double sum = 0;  // partial sums of kChunk elements, added in double: accurate for long rows
    M buf[kChunk];
    for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t k = std::min(kChunk, n - i);
        M *e = log ? buf : y + i;
        for (int64_t c = 0; c < k; ++c) e[c] = x[i + c] - max;
        exp_array(e, e, k);
        sum += static_cast<double>(lane_sum(e, k));
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
            for (int64_t r = b; r < e; ++r) softmax_row<M>(in + r * n, out + r * n, n, log);
        } else {
            std::unique_ptr<float[]> buf(new (std::nothrow) float[static_cast<size_t>(n)]);
            if (!buf) {
                oom.store(true);
                return;
            }
            for (int64_t r = b; r < e; ++r) {
                to_float(in + r * n, buf.get(), n);
                softmax_row<float>(buf.get(), buf.get(), n, log);
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
