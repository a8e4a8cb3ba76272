// CPU kernels of the normalisation ops (ops/nn_functional.h), float32 and float64 (the op widens
// 16-bit floats to float32 first). Rows (layer/RMS norm) and channels (batch norm) are independent,
// so the threads split them and results never depend on the thread count.
//  - Row norm: a row is read three times while it sits in cache (mean, centred sum of squares,
//    output): the two-pass variance is exact where E[x^2] - E[x]^2 cancels catastrophically.
//  - Channel stats: per channel, the same two passes over its (n, s) slab, accumulated in double:
//    a channel of a large batch holds far more values than float's 24 bits can sum exactly.
//  - Backward (first order, when no graph is recorded): one sweep per row (or two per channel)
//    computes the input gradient from the saved statistics; weight and bias gradients are
//    column sums over fixed row blocks, added in block order (deterministic).
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/nn_functional.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <typename T>
void row_norm(const Tensor &x, const Tensor &w, const Tensor &b, const Tensor &y, const Tensor &mean,
              const Tensor &rstd, double eps, bool rms) {
    const int64_t n = x.dim() == 0 ? 1 : x.size(x.dim() - 1);
    const int64_t rows = n == 0 ? 0 : x.numel() / n;
    const T *px = x.data<T>();
    T *py = y.data<T>();
    const T *pw = w.defined() ? w.data<T>() : nullptr;
    const T *pb = b.defined() ? b.data<T>() : nullptr;
    T *pm = mean.defined() ? mean.data<T>() : nullptr;
    T *pr = rstd.data<T>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1));
    parallel_for(0, rows, grain, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) {
            const T *xr = px + r * n;
            T *yr = py + r * n;
            T mu = 0;
            if (!rms) {
                T s = 0;
#pragma omp simd reduction(+ : s)
                for (int64_t i = 0; i < n; ++i) s += xr[i];
                mu = s / static_cast<T>(n);
            }
            T q = 0;
#pragma omp simd reduction(+ : q)
            for (int64_t i = 0; i < n; ++i) q += (xr[i] - mu) * (xr[i] - mu);
            const T inv = static_cast<T>(1) / std::sqrt(q / static_cast<T>(n) + static_cast<T>(eps));
            if (pm) pm[r] = mu;
            pr[r] = inv;
            if (pw && pb) {
#pragma omp simd
                for (int64_t i = 0; i < n; ++i) yr[i] = (xr[i] - mu) * inv * pw[i] + pb[i];
            } else if (pw) {
#pragma omp simd
                for (int64_t i = 0; i < n; ++i) yr[i] = (xr[i] - mu) * inv * pw[i];
            } else if (pb) {
#pragma omp simd
                for (int64_t i = 0; i < n; ++i) yr[i] = (xr[i] - mu) * inv + pb[i];
            } else {
#pragma omp simd
                for (int64_t i = 0; i < n; ++i) yr[i] = (xr[i] - mu) * inv;
            }
        }
    });
}

template <typename T>
void channel_stats(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &mean, const Tensor &var) {
    const T *px = x.data<T>();
    T *pm = mean.data<T>(), *pv = var.data<T>();
    const double count = static_cast<double>(n * s);
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n * s, 1));
    parallel_for(0, c, grain, [&](int64_t cb, int64_t ce) {
        for (int64_t ch = cb; ch < ce; ++ch) {
            double sum = 0;
            for (int64_t i = 0; i < n; ++i) {
                const T *row = px + (i * c + ch) * s;
#pragma omp simd reduction(+ : sum)
                for (int64_t k = 0; k < s; ++k) sum += static_cast<double>(row[k]);
            }
            const double mu = sum / count;
            double q = 0;
            for (int64_t i = 0; i < n; ++i) {
                const T *row = px + (i * c + ch) * s;
#pragma omp simd reduction(+ : q)
                for (int64_t k = 0; k < s; ++k) {
                    const double d = static_cast<double>(row[k]) - mu;
                    q += d * d;
                }
            }
            pm[ch] = static_cast<T>(mu);
            pv[ch] = static_cast<T>(q / count);
        }
    });
}

template <typename T>
void channel_affine(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &scale, const Tensor &shift,
                    const Tensor &y) {
    const T *px = x.data<T>(), *pa = scale.data<T>(), *pb = shift.data<T>();
    T *py = y.data<T>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(s, 1));
    parallel_for(0, n * c, grain, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) {
            const T a = pa[r % c], b = pb[r % c];
            const T *xr = px + r * s;
            T *yr = py + r * s;
#pragma omp simd
            for (int64_t k = 0; k < s; ++k) yr[k] = xr[k] * a + b;
        }
    });
}

template <typename T>
void row_norm_backward(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean, const Tensor &rstd,
                       const Tensor &gx, const Tensor &gw, const Tensor &gb, bool rms) {
    constexpr int64_t kBlock = 32;  // rows per partial column sum
    const int64_t n = x.size(x.dim() - 1), rows = n == 0 ? 0 : x.numel() / n;
    const T *px = x.data<T>(), *pg = g.data<T>();
    const T *pw = w.defined() ? w.data<T>() : nullptr;
    const T *pm = mean.defined() ? mean.data<T>() : nullptr;
    const T *pr = rstd.data<T>();
    T *pgx = gx.defined() ? gx.data<T>() : nullptr;
    const bool cols = gw.defined() || gb.defined();
    const int64_t blocks = (rows + kBlock - 1) / kBlock;
    std::vector<T> part_w(cols ? static_cast<size_t>(blocks * n) : 0),
        part_b(cols ? static_cast<size_t>(blocks * n) : 0);
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n * kBlock, 1));
    parallel_for(0, blocks, grain, [&](int64_t bb, int64_t be) {
        for (int64_t blk = bb; blk < be; ++blk) {
            T *sw = cols ? part_w.data() + blk * n : nullptr;
            T *sb = cols ? part_b.data() + blk * n : nullptr;
            for (int64_t r = blk * kBlock; r < std::min(rows, (blk + 1) * kBlock); ++r) {
                const T *xr = px + r * n, *gr = pg + r * n;
                const T mu = pm ? pm[r] : static_cast<T>(0), inv = pr[r];
                if (cols) {
#pragma omp simd
                    for (int64_t i = 0; i < n; ++i) {
                        sw[i] += gr[i] * (xr[i] - mu) * inv;
                        sb[i] += gr[i];
                    }
                }
                if (!pgx) continue;
                T a = 0, q = 0;
#pragma omp simd reduction(+ : a, q)
                for (int64_t i = 0; i < n; ++i) {
                    const T gh = pw ? gr[i] * pw[i] : gr[i];
                    a += gh;
                    q += gh * (xr[i] - mu) * inv;
                }
                a = rms ? static_cast<T>(0) : a / static_cast<T>(n);
                q /= static_cast<T>(n);
                T *out = pgx + r * n;
#pragma omp simd
                for (int64_t i = 0; i < n; ++i) {
                    const T gh = pw ? gr[i] * pw[i] : gr[i];
                    out[i] = inv * (gh - a - (xr[i] - mu) * inv * q);
                }
            }
        }
    });
    if (!cols) return;
    T *pgw = gw.defined() ? gw.data<T>() : nullptr;
    T *pgb = gb.defined() ? gb.data<T>() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
        T a = 0, b = 0;
        for (int64_t blk = 0; blk < blocks; ++blk) {
            a += part_w[static_cast<size_t>(blk * n + i)];
            b += part_b[static_cast<size_t>(blk * n + i)];
        }
        if (pgw) pgw[i] = a;
        if (pgb) pgb[i] = b;
    }
}

template <typename T>
void channel_norm_backward(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean, const Tensor &rstd,
                           int64_t n, int64_t c, int64_t s, const Tensor &gx, const Tensor &gw, const Tensor &gb) {
    const T *px = x.data<T>(), *pg = g.data<T>(), *pm = mean.data<T>(), *pr = rstd.data<T>();
    const T *pw = w.defined() ? w.data<T>() : nullptr;
    std::vector<double> sum_g(static_cast<size_t>(c)), sum_gx(static_cast<size_t>(c));
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n * s, 1));
    parallel_for(0, c, grain, [&](int64_t cb, int64_t ce) {
        for (int64_t ch = cb; ch < ce; ++ch) {
            double a = 0, q = 0;
            const double mu = static_cast<double>(pm[ch]);
            for (int64_t i = 0; i < n; ++i) {
                const T *xr = px + (i * c + ch) * s, *gr = pg + (i * c + ch) * s;
#pragma omp simd reduction(+ : a, q)
                for (int64_t k = 0; k < s; ++k) {
                    a += static_cast<double>(gr[k]);
                    q += static_cast<double>(gr[k]) * (static_cast<double>(xr[k]) - mu);
                }
            }
            sum_g[static_cast<size_t>(ch)] = a;
            sum_gx[static_cast<size_t>(ch)] = q * static_cast<double>(pr[ch]);  // sum of g * xhat
        }
    });
    if (gw.defined())
        for (int64_t ch = 0; ch < c; ++ch) gw.data<T>()[ch] = static_cast<T>(sum_gx[static_cast<size_t>(ch)]);
    if (gb.defined())
        for (int64_t ch = 0; ch < c; ++ch) gb.data<T>()[ch] = static_cast<T>(sum_g[static_cast<size_t>(ch)]);
    if (!gx.defined()) return;
    T *pgx = gx.data<T>();
    const double count = static_cast<double>(n * s);
    const int64_t row_grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(s, 1));
    parallel_for(0, n * c, row_grain, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) {
            const int64_t ch = r % c;
            const T inv = pr[ch], mu = pm[ch];
            const T scale = pw ? inv * pw[ch] : inv;
            const T mg = static_cast<T>(sum_g[static_cast<size_t>(ch)] / count);
            const T mq = static_cast<T>(sum_gx[static_cast<size_t>(ch)] / count);
            const T *xr = px + r * s, *gr = pg + r * s;
            T *out = pgx + r * s;
#pragma omp simd
            for (int64_t k = 0; k < s; ++k) out[k] = scale * (gr[k] - mg - (xr[k] - mu) * inv * mq);
        }
    });
}

void row_norm_backward_kernel(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean,
                              const Tensor &rstd, const Tensor &gx, const Tensor &gw, const Tensor &gb, bool rms) {
    if (x.dtype() == DType::Float64) row_norm_backward<double>(x, g, w, mean, rstd, gx, gw, gb, rms);
    else row_norm_backward<float>(x, g, w, mean, rstd, gx, gw, gb, rms);
}

void channel_norm_backward_kernel(const Tensor &x, const Tensor &g, const Tensor &w, const Tensor &mean,
                                  const Tensor &rstd, int64_t n, int64_t c, int64_t s, const Tensor &gx,
                                  const Tensor &gw, const Tensor &gb) {
    if (x.dtype() == DType::Float64) channel_norm_backward<double>(x, g, w, mean, rstd, n, c, s, gx, gw, gb);
    else channel_norm_backward<float>(x, g, w, mean, rstd, n, c, s, gx, gw, gb);
}

void row_norm_kernel(const Tensor &x, const Tensor &w, const Tensor &b, const Tensor &y, const Tensor &mean,
                     const Tensor &rstd, double eps, bool rms) {
    if (x.dtype() == DType::Float64) row_norm<double>(x, w, b, y, mean, rstd, eps, rms);
    else row_norm<float>(x, w, b, y, mean, rstd, eps, rms);
}

void channel_stats_kernel(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &mean, const Tensor &var) {
    if (x.dtype() == DType::Float64) channel_stats<double>(x, n, c, s, mean, var);
    else channel_stats<float>(x, n, c, s, mean, var);
}

void channel_affine_kernel(const Tensor &x, int64_t n, int64_t c, int64_t s, const Tensor &scale, const Tensor &shift,
                           const Tensor &y) {
    if (x.dtype() == DType::Float64) channel_affine<double>(x, n, c, s, scale, shift, y);
    else channel_affine<float>(x, n, c, s, scale, shift, y);
}

}  // namespace

void register_norm_kernels() {
    row_norm_dispatch().set(DeviceType::CPU, row_norm_kernel);
    row_norm_backward_dispatch().set(DeviceType::CPU, row_norm_backward_kernel);
    channel_norm_backward_dispatch().set(DeviceType::CPU, channel_norm_backward_kernel);
    channel_stats_dispatch().set(DeviceType::CPU, channel_stats_kernel);
    channel_affine_dispatch().set(DeviceType::CPU, channel_affine_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
