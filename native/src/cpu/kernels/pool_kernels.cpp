// CPU pooling kernels over contiguous planes (ops/pooling.h). Threads split the planes; each
// output reads its window directly (pooling is memory-bound: a window is a few cache lines).
// float16/bfloat16 compute in float; their backward passes accumulate a plane in float and round
// once. Semantics follow PyTorch's CPU kernels: NaN wins a max window (the last NaN's index), an
// all -inf window reports its first in-bounds position, averages divide by the padded window size
// clipped to the padded input (count_include_pad), by the in-bounds size, or by divisor_override;
// adaptive windows are [floor(o * in / out), ceil((o + 1) * in / out)).
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <new>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/pooling.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

// The taps of a max window along one dim: begin, begin + dilation, ... < end, all in [0, size).
inline void max_window(int64_t o, int64_t k, int64_t s, int64_t p, int64_t d, int64_t size, int64_t *b, int64_t *e) {
    int64_t start = o * s - p;
    *e = std::min(start + (k - 1) * d + 1, size);
    while (start < 0) start += d;
    *b = start;
}

// An average window along one dim: in-bounds [b, e) and the extent counted with padding.
inline void avg_window(int64_t o, int64_t k, int64_t s, int64_t p, int64_t size, int64_t *b, int64_t *e,
                       int64_t *padded) {
    const int64_t start = o * s - p, end = std::min(start + k, size + p);
    *padded = end - start;
    *b = std::max<int64_t>(start, 0);
    *e = std::min(end, size);
}

inline void adaptive_window(int64_t o, int64_t out, int64_t size, int64_t *b, int64_t *e) {
    *b = (o * size) / out;
    *e = ((o + 1) * size + out - 1) / out;
}

int64_t grain_for(int64_t work_per_plane) { return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work_per_plane, 1)); }

// The output columns [lo, hi) of a row whose tap at column offset off (tap position j * s + off)
// lies inside [0, size).
inline void tap_columns(int64_t off, int64_t s, int64_t size, int64_t n, int64_t *lo, int64_t *hi) {
    *lo = off >= 0 ? 0 : (-off + s - 1) / s;
    const int64_t last = size - 1 - off;  // j * s <= last
    *hi = last < 0 ? 0 : std::min(n, last / s + 1);
    if (*lo > *hi) *lo = *hi;
}

// Fixed windows: a chunk of one output row at a time, tap by tap, so that the running maxima of
// neighbouring outputs are independent (no dependency chain through one window, no branches:
// on real data the comparison is a coin toss) and the loop over columns vectorises.
template <typename T>
void max_forward_fixed(const PoolProblem &P) {
    using M = opmath_t<T>;
    constexpr int64_t kChunk = 64;
    const Pool2dParams &q = P.params;
    const int64_t in_plane = P.ih * P.iw, out_plane = P.oh * P.ow;
    const int64_t kh = q.kernel[0], kw = q.kernel[1], sw = q.stride[1], dw = q.dilation[1], pw = q.pad[1];
    parallel_for(0, P.planes, grain_for(out_plane * kh * kw), [&](int64_t p0, int64_t p1) {
        M best[kChunk];
        int64_t at[kChunk];
        for (int64_t p = p0; p < p1; ++p) {
            const T *in = static_cast<const T *>(P.in) + p * in_plane;
            T *out = static_cast<T *>(P.out) + p * out_plane;
            int64_t *idx = P.indices ? P.indices + p * out_plane : nullptr;
            for (int64_t i = 0; i < P.oh; ++i) {
                int64_t hb, he;
                max_window(i, kh, q.stride[0], q.pad[0], q.dilation[0], P.ih, &hb, &he);
                for (int64_t j0 = 0; j0 < P.ow; j0 += kChunk) {
                    const int64_t n = std::min(kChunk, P.ow - j0);
                    // An all -inf window reports its first in-bounds tap.
                    for (int64_t j = 0; j < n; ++j) {
                        int64_t wb, we;
                        max_window(j0 + j, kw, sw, pw, dw, P.iw, &wb, &we);
                        best[j] = -std::numeric_limits<M>::infinity();
                        at[j] = hb * P.iw + wb;
                    }
                    for (int64_t h = hb; h < he; h += q.dilation[0]) {
                        const T *row = in + h * P.iw;
                        for (int64_t b = 0; b < kw; ++b) {
                            const int64_t off = j0 * sw - pw + b * dw;  // tap column of output j0
                            int64_t lo, hi;
                            tap_columns(off, sw, P.iw, n, &lo, &hi);
                            for (int64_t j = lo; j < hi; ++j) {
                                const int64_t w = j * sw + off;
                                const M v = static_cast<M>(row[w]);
                                const bool take = (v > best[j]) | (v != v);
                                best[j] = take ? v : best[j];
                                at[j] = take ? h * P.iw + w : at[j];
                            }
                        }
                    }
                    for (int64_t j = 0; j < n; ++j) out[i * P.ow + j0 + j] = static_cast<T>(best[j]);
                    if (idx) std::copy(at, at + n, idx + i * P.ow + j0);
                }
            }
        }
    });
}

// Adaptive windows differ in size from output to output: one window at a time.
template <typename T>
void max_forward_adaptive(const PoolProblem &P) {
    using M = opmath_t<T>;
    const int64_t in_plane = P.ih * P.iw, out_plane = P.oh * P.ow;
    parallel_for(0, P.planes, grain_for(in_plane + out_plane), [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
            const T *in = static_cast<const T *>(P.in) + p * in_plane;
            T *out = static_cast<T *>(P.out) + p * out_plane;
            int64_t *idx = P.indices ? P.indices + p * out_plane : nullptr;
            for (int64_t i = 0; i < P.oh; ++i) {
                int64_t hb, he;
                adaptive_window(i, P.oh, P.ih, &hb, &he);
                for (int64_t j = 0; j < P.ow; ++j) {
                    int64_t wb, we;
                    adaptive_window(j, P.ow, P.iw, &wb, &we);
                    M best = -std::numeric_limits<M>::infinity();
                    int64_t at = hb * P.iw + wb;
                    for (int64_t h = hb; h < he; ++h)
                        for (int64_t w = wb; w < we; ++w) {
                            const M v = static_cast<M>(in[h * P.iw + w]);
                            const bool take = (v > best) | (v != v);
                            best = take ? v : best;
                            at = take ? h * P.iw + w : at;
                        }
                    out[i * P.ow + j] = static_cast<T>(best);
                    if (idx) idx[i * P.ow + j] = at;
                }
            }
        }
    });
}

// Runs body(plane, acc) for every plane, acc being that plane of the (input-shaped) output,
// zeroed; 16-bit outputs accumulate in a float plane that is rounded into out afterwards.
template <typename T, typename F>
void accumulate_planes(const PoolProblem &P, int64_t work, const F &body) {
    using M = opmath_t<T>;
    const int64_t in_plane = P.ih * P.iw;
    std::atomic<bool> oom{false};
    parallel_for(0, P.planes, grain_for(work), [&](int64_t p0, int64_t p1) {
        std::unique_ptr<M[]> buffer;
        if constexpr (!std::is_same_v<T, M>) {
            buffer.reset(new (std::nothrow) M[static_cast<size_t>(in_plane)]);
            if (!buffer) {
                oom.store(true);
                return;
            }
        }
        for (int64_t p = p0; p < p1; ++p) {
            T *out = static_cast<T *>(P.out) + p * in_plane;
            M *acc;
            if constexpr (std::is_same_v<T, M>) acc = out;
            else acc = buffer.get();
            std::fill(acc, acc + in_plane, M(0));
            body(p, acc);
            if constexpr (!std::is_same_v<T, M>)
                for (int64_t e = 0; e < in_plane; ++e) out[e] = static_cast<T>(acc[e]);
        }
    });
    if (oom.load()) throw std::bad_alloc();
}

// Indices come from the forward pass, but they live in a tensor the caller could have written:
// an index outside the plane is skipped and reported after the loop, never written through.
template <typename T>
void max_backward(const PoolProblem &P) {
    using M = opmath_t<T>;
    const int64_t out_plane = P.oh * P.ow, in_plane = P.ih * P.iw;
    std::atomic<bool> bad{false};
    accumulate_planes<T>(P, out_plane + in_plane, [&](int64_t p, M *acc) {
        const T *g = static_cast<const T *>(P.in) + p * out_plane;
        const int64_t *idx = P.saved_indices + p * out_plane;
        for (int64_t o = 0; o < out_plane; ++o) {
            const int64_t at = idx[o];
            if (at < 0 || at >= in_plane) {
                bad.store(true, std::memory_order_relaxed);
                continue;
            }
            acc[at] += static_cast<M>(g[o]);
        }
    });
    EMBER_CHECK(!bad.load(), Index, "max_pool2d_backward: an index is out of range for the input plane of ", in_plane,
                " elements (were the indices modified?)");
}

// The divisor of average window (i, j), and its in-bounds extent.
struct AvgWindow {
    int64_t hb, he, wb, we, divisor;
};
inline AvgWindow avg_at(const PoolProblem &P, int64_t i, int64_t j) {
    const Pool2dParams &q = P.params;
    AvgWindow a;
    int64_t ph, pw;
    avg_window(i, q.kernel[0], q.stride[0], q.pad[0], P.ih, &a.hb, &a.he, &ph);
    avg_window(j, q.kernel[1], q.stride[1], q.pad[1], P.iw, &a.wb, &a.we, &pw);
    a.divisor = q.divisor ? q.divisor : q.count_include_pad ? ph * pw : (a.he - a.hb) * (a.we - a.wb);
    return a;
}

template <typename T>
void avg_forward(const PoolProblem &P) {
    using M = opmath_t<T>;
    const Pool2dParams &q = P.params;
    const int64_t in_plane = P.ih * P.iw, out_plane = P.oh * P.ow;
    parallel_for(0, P.planes, grain_for(out_plane * q.kernel[0] * q.kernel[1]), [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
            const T *in = static_cast<const T *>(P.in) + p * in_plane;
            T *out = static_cast<T *>(P.out) + p * out_plane;
            for (int64_t i = 0; i < P.oh; ++i)
                for (int64_t j = 0; j < P.ow; ++j) {
                    const AvgWindow a = avg_at(P, i, j);
                    M sum = 0;
                    for (int64_t h = a.hb; h < a.he; ++h)
                        for (int64_t w = a.wb; w < a.we; ++w) sum += static_cast<M>(in[h * P.iw + w]);
                    const bool empty = a.hb >= a.he || a.wb >= a.we;
                    out[i * P.ow + j] = static_cast<T>(empty ? M(0) : sum / static_cast<M>(a.divisor));
                }
        }
    });
}

template <typename T>
void avg_backward(const PoolProblem &P) {
    using M = opmath_t<T>;
    const Pool2dParams &q = P.params;
    const int64_t out_plane = P.oh * P.ow;
    accumulate_planes<T>(P, out_plane * q.kernel[0] * q.kernel[1], [&](int64_t p, M *acc) {
        const T *g = static_cast<const T *>(P.in) + p * out_plane;
        for (int64_t i = 0; i < P.oh; ++i)
            for (int64_t j = 0; j < P.ow; ++j) {
                const AvgWindow a = avg_at(P, i, j);
                const M delta = static_cast<M>(g[i * P.ow + j]) / static_cast<M>(a.divisor);
                for (int64_t h = a.hb; h < a.he; ++h)
                    for (int64_t w = a.wb; w < a.we; ++w) acc[h * P.iw + w] += delta;
            }
    });
}

template <typename T>
void adaptive_avg_forward(const PoolProblem &P) {
    using M = opmath_t<T>;
    const int64_t in_plane = P.ih * P.iw, out_plane = P.oh * P.ow;
    parallel_for(0, P.planes, grain_for(in_plane + out_plane), [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
            const T *in = static_cast<const T *>(P.in) + p * in_plane;
            T *out = static_cast<T *>(P.out) + p * out_plane;
            for (int64_t i = 0; i < P.oh; ++i) {
                int64_t hb, he;
                adaptive_window(i, P.oh, P.ih, &hb, &he);
                for (int64_t j = 0; j < P.ow; ++j) {
                    int64_t wb, we;
                    adaptive_window(j, P.ow, P.iw, &wb, &we);
                    M sum = 0;
                    for (int64_t h = hb; h < he; ++h)
                        for (int64_t w = wb; w < we; ++w) sum += static_cast<M>(in[h * P.iw + w]);
                    // Divided by the window's height, then its width, as PyTorch does.
                    out[i * P.ow + j] = static_cast<T>(sum / static_cast<M>(he - hb) / static_cast<M>(we - wb));
                }
            }
        }
    });
}

template <typename T>
void adaptive_avg_backward(const PoolProblem &P) {
    using M = opmath_t<T>;
    const int64_t out_plane = P.oh * P.ow;
    accumulate_planes<T>(P, P.ih * P.iw + out_plane, [&](int64_t p, M *acc) {
        const T *g = static_cast<const T *>(P.in) + p * out_plane;
        for (int64_t i = 0; i < P.oh; ++i) {
            int64_t hb, he;
            adaptive_window(i, P.oh, P.ih, &hb, &he);
            for (int64_t j = 0; j < P.ow; ++j) {
                int64_t wb, we;
                adaptive_window(j, P.ow, P.iw, &wb, &we);
                const M delta = static_cast<M>(g[i * P.ow + j]) / static_cast<M>(he - hb) / static_cast<M>(we - wb);
                for (int64_t h = hb; h < he; ++h)
                    for (int64_t w = wb; w < we; ++w) acc[h * P.iw + w] += delta;
            }
        }
    });
}

template <PoolOp Op>
void pool_kernel(const PoolProblem &P) {
    if (P.planes == 0) return;
    visit_dtype<kFloating>(P.dtype, "pooling", [&]<typename T>() {
        if constexpr (Op == PoolOp::MaxForward) max_forward_fixed<T>(P);
        else if constexpr (Op == PoolOp::AdaptiveMaxForward) max_forward_adaptive<T>(P);
        else if constexpr (Op == PoolOp::MaxBackward) max_backward<T>(P);
        else if constexpr (Op == PoolOp::AvgForward) avg_forward<T>(P);
        else if constexpr (Op == PoolOp::AvgBackward) avg_backward<T>(P);
        else if constexpr (Op == PoolOp::AdaptiveAvgForward) adaptive_avg_forward<T>(P);
        else adaptive_avg_backward<T>(P);
    });
}

}  // namespace

void register_pool_kernels() {
    auto &t = pool_dispatch();
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::MaxForward), pool_kernel<PoolOp::MaxForward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::MaxBackward), pool_kernel<PoolOp::MaxBackward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::AvgForward), pool_kernel<PoolOp::AvgForward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::AvgBackward), pool_kernel<PoolOp::AvgBackward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::AdaptiveAvgForward), pool_kernel<PoolOp::AdaptiveAvgForward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::AdaptiveAvgBackward), pool_kernel<PoolOp::AdaptiveAvgBackward>);
    t.set(DeviceType::CPU, static_cast<int>(PoolOp::AdaptiveMaxForward), pool_kernel<PoolOp::AdaptiveMaxForward>);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
