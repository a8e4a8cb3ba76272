// The built-in convolution kernels: im2col + GEMM (Chellapilla et al., "High performance
// convolutional neural networks for document processing", 2006). They run float64 (oneDNN has no
// float64 convolution), integers, and the float32 shapes oneDNN has only a reference kernel for;
// being simple, they are also the reference that the gradient checks and the oneDNN comparison
// tests run against.
//
// For one sample, im2col lays the receptive fields out as a (c * kh * kw) x (oh * ow) matrix
// (row (ci, a, b) holds the input pixel tap (a, b) of each output position sees, zero where it
// falls into the padding); then, group by group (one batched GEMM),
//   forward:           y[g]  = w[g] @ cols[g]                  (k/G x c/G*kh*kw) @ (c/G*kh*kw x oh*ow)
//   backward data:     cols[g] = w[g]^T @ gy[g], then col2im adds every column back onto its pixels
//   backward weights:  gw[g] += gy[g] @ cols[g]^T, summed over the samples in order.
// A 1x1 convolution without stride or padding needs no im2col: the input is its own matrix.
// Work splits across samples when there are enough of them (each thread with its own column
// buffer, the GEMMs then single-threaded), otherwise inside im2col/col2im and the GEMM. The
// weight gradient adds the samples in a fixed order, so no result depends on the thread count.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <new>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/conv.h"
#include "ops/linalg.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

int64_t taps(const ConvGeometry &g) { return (g.c / g.groups) * g.kh * g.kw; }  // rows of one group's cols
int64_t pixels(const ConvGeometry &g) { return g.oh * g.ow; }

// Whether the input of a sample is already its column matrix (1x1 kernel, stride 1, no padding).
bool is_pointwise(const ConvGeometry &g) {
    return g.kh == 1 && g.kw == 1 && g.stride[0] == 1 && g.stride[1] == 1 && g.pad[0] == 0 && g.pad[1] == 0 &&
           g.oh == g.h && g.ow == g.w;
}

// The range [lo, hi) of output columns j whose tap lands inside the input: 0 <= j * s - p + off < w.
inline void valid_range(int64_t off, int64_t s, int64_t p, int64_t w, int64_t ow, int64_t *lo, int64_t *hi) {
    const int64_t first = p - off;  // j * s >= first
    *lo = first <= 0 ? 0 : (first + s - 1) / s;
    const int64_t last = w - 1 + p - off;  // j * s <= last
    *hi = last < 0 ? 0 : std::min(ow, last / s + 1);
    if (*lo > *hi) *lo = *hi;
}

// cols rows [r0, r1) of one sample: row r = (ci * kh + a) * kw + b over all c channels.
template <typename T>
void im2col_rows(const ConvGeometry &g, const T *x, T *cols, int64_t r0, int64_t r1) {
    const int64_t khw = g.kh * g.kw, np = pixels(g);
    for (int64_t r = r0; r < r1; ++r) {
        const int64_t ci = r / khw, a = (r % khw) / g.kw, b = r % g.kw;
        const T *plane = x + ci * g.h * g.w;
        T *row = cols + r * np;
        int64_t lo, hi;
        valid_range(b * g.dilation[1], g.stride[1], g.pad[1], g.w, g.ow, &lo, &hi);
        for (int64_t i = 0; i < g.oh; ++i) {
            T *out = row + i * g.ow;
            const int64_t ih = i * g.stride[0] - g.pad[0] + a * g.dilation[0];
            if (ih < 0 || ih >= g.h) {
                std::fill(out, out + g.ow, T(0));
                continue;
            }
            const T *in = plane + ih * g.w;
            const int64_t off = b * g.dilation[1] - g.pad[1];  // input column of output column 0
            std::fill(out, out + lo, T(0));
            if (g.stride[1] == 1) std::copy(in + lo + off, in + hi + off, out + lo);
            else
                for (int64_t j = lo; j < hi; ++j) out[j] = in[j * g.stride[1] + off];
            std::fill(out + hi, out + g.ow, T(0));
        }
    }
}

// Adds the cols rows of channels [c0, c1) of one sample onto gx (which col2im does not clear).
template <typename T>
void col2im_channels(const ConvGeometry &g, const T *cols, T *gx, int64_t c0, int64_t c1) {
    const int64_t khw = g.kh * g.kw, np = pixels(g);
    for (int64_t ci = c0; ci < c1; ++ci) {
        T *plane = gx + ci * g.h * g.w;
        for (int64_t t = 0; t < khw; ++t) {
            const int64_t a = t / g.kw, b = t % g.kw;
            const T *row = cols + (ci * khw + t) * np;
            int64_t lo, hi;
            valid_range(b * g.dilation[1], g.stride[1], g.pad[1], g.w, g.ow, &lo, &hi);
            for (int64_t i = 0; i < g.oh; ++i) {
                const int64_t ih = i * g.stride[0] - g.pad[0] + a * g.dilation[0];
                if (ih < 0 || ih >= g.h) continue;
                T *out = plane + ih * g.w;
                const int64_t off = b * g.dilation[1] - g.pad[1];
                const T *in = row + i * g.ow;
                for (int64_t j = lo; j < hi; ++j) out[j * g.stride[1] + off] += in[j];
            }
        }
    }
}

GemmKernel gemm() { return gemm_dispatch().get(Device::cpu(), "matmul"); }

// One batched GEMM over the groups: c[q] = a[q] @ b[q] (+ beta * c[q]); matrices given by their
// sizes, strides and the batch strides of a, b and c.
struct Operand {
    const void *p;
    int64_t bs, rs, cs;
};
void grouped_gemm(const ConvGeometry &g, int64_t m, int64_t n, int64_t k, Operand a, Operand b, void *c, int64_t c_bs,
                  bool accumulate) {
    GemmProblem p;
    p.dtype = g.dtype;
    p.batch = g.groups;
    p.m = m, p.n = n, p.k = k;
    p.a = a.p, p.a_bs = a.bs, p.a_rs = a.rs, p.a_cs = a.cs;
    p.b = b.p, p.b_bs = b.bs, p.b_rs = b.rs, p.b_cs = b.cs;
    p.c = c, p.c_bs = c_bs, p.c_rs = n, p.c_cs = 1;
    p.beta = Scalar::from_int(accumulate ? 1 : 0);
    gemm()(p);
}

// Column buffers: one per thread chunk, from the heap (a failure is reported after the loop).
template <typename T>
std::unique_ptr<T[]> column_buffer(const ConvGeometry &g, std::atomic<bool> &oom) {
    std::unique_ptr<T[]> p(new (std::nothrow) T[static_cast<size_t>(g.c * g.kh * g.kw * pixels(g))]);
    if (!p) oom.store(true);
    return p;
}

// Runs body(sample, cols) for every sample: across threads when there are enough samples (the
// body then runs single-threaded), otherwise one after another with `inner_parallel` set.
template <typename T, typename F>
void for_samples(const ConvGeometry &g, bool need_cols, const F &body) {
    std::atomic<bool> oom{false};
    if (g.n >= 2 && g.n >= num_threads()) {
        parallel_for(0, g.n, 1, [&](int64_t n0, int64_t n1) {
            std::unique_ptr<T[]> cols = need_cols ? column_buffer<T>(g, oom) : nullptr;
            if (need_cols && !cols) return;
            for (int64_t s = n0; s < n1; ++s) body(s, cols.get(), false);
        });
    } else {
        std::unique_ptr<T[]> cols = need_cols ? column_buffer<T>(g, oom) : nullptr;
        if (need_cols && !cols) throw std::bad_alloc();
        for (int64_t s = 0; s < g.n; ++s) body(s, cols.get(), true);
    }
    if (oom.load()) throw std::bad_alloc();
}

// im2col of one sample into cols, split across threads when `parallel`.
template <typename T>
void im2col(const ConvGeometry &g, const T *x, T *cols, bool parallel) {
    const int64_t rows = g.c * g.kh * g.kw;
    const int64_t grain = parallel ? std::max<int64_t>(1, kGrainSize / std::max<int64_t>(pixels(g), 1)) : rows;
    parallel_for(0, rows, grain, [&](int64_t r0, int64_t r1) { im2col_rows(g, x, cols, r0, r1); });
}

template <typename T>
void forward(const ConvGeometry &g, const T *x, const T *w, const T *bias, T *y) {
    const int64_t kg = g.k / g.groups, ckk = taps(g), np = pixels(g), xs = g.c * g.h * g.w, ys = g.k * np;
    const bool direct = is_pointwise(g);
    for_samples<T>(g, !direct, [&](int64_t s, T *cols, bool parallel) {
        const T *b = direct ? x + s * xs : cols;
        if (!direct) im2col(g, x + s * xs, cols, parallel);
        T *out = y + s * ys;
        grouped_gemm(g, kg, np, ckk, {w, kg * ckk, ckk, 1}, {b, ckk * np, np, 1}, out, kg * np, false);
        if (bias)
            for (int64_t o = 0; o < g.k; ++o) {
                T *row = out + o * np;
                const T v = bias[o];
                for (int64_t j = 0; j < np; ++j) row[j] = static_cast<T>(row[j] + v);
            }
    });
}

template <typename T>
void backward_data(const ConvGeometry &g, const T *gy, const T *w, T *gx) {
    const int64_t kg = g.k / g.groups, ckk = taps(g), np = pixels(g), xs = g.c * g.h * g.w, ys = g.k * np;
    const bool direct = is_pointwise(g);
    for_samples<T>(g, !direct, [&](int64_t s, T *cols, bool parallel) {
        // cols[q] (ckk x np) = w[q]^T (ckk x kg) @ gy[q] (kg x np)
        T *dst = direct ? gx + s * xs : cols;
        grouped_gemm(g, ckk, np, kg, {w, kg * ckk, 1, ckk}, {gy + s * ys, kg * np, np, 1}, dst, ckk * np, false);
        if (direct) return;
        T *out = gx + s * xs;
        std::fill(out, out + xs, T(0));
        const int64_t grain = parallel ? std::max<int64_t>(1, kGrainSize / std::max<int64_t>(g.kh * g.kw * np, 1)) : g.c;
        parallel_for(0, g.c, grain, [&](int64_t c0, int64_t c1) { col2im_channels(g, cols, out, c0, c1); });
    });
}

template <typename T>
void backward_weights(const ConvGeometry &g, const T *x, const T *gy, T *gw) {
    const int64_t kg = g.k / g.groups, ckk = taps(g), np = pixels(g), xs = g.c * g.h * g.w, ys = g.k * np;
    if (g.n == 0) {
        std::fill(gw, gw + g.k * ckk, T(0));
        return;
    }
    const bool direct = is_pointwise(g);
    std::atomic<bool> oom{false};
    std::unique_ptr<T[]> cols = direct ? nullptr : column_buffer<T>(g, oom);
    if (oom.load()) throw std::bad_alloc();
    for (int64_t s = 0; s < g.n; ++s) {
        const T *b = direct ? x + s * xs : cols.get();
        if (!direct) im2col(g, x + s * xs, cols.get(), true);
        // gw[q] (kg x ckk) (+)= gy[q] (kg x np) @ cols[q]^T (np x ckk)
        grouped_gemm(g, kg, ckk, np, {gy + s * ys, kg * np, np, 1}, {b, ckk * np, 1, np}, gw, kg * ckk, s > 0);
    }
}

// float16 and bfloat16 never get here: the op computes them in float32.
template <typename F>
void visit(DType d, const char *name, F &&f) {
    visit_dtype<kNumeric>(d, name, [&]<typename T>() {
        if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>)
            fail(Status::Internal, name, ": the built-in kernels take no 16-bit floats");
        else
            f.template operator()<T>();
    });
}

void forward_kernel(const ConvGeometry &g, const void *x, const void *w, const void *bias, void *y) {
    visit(g.dtype, "convolution", [&]<typename T>() {
        forward<T>(g, static_cast<const T *>(x), static_cast<const T *>(w), static_cast<const T *>(bias),
                   static_cast<T *>(y));
    });
}

void backward_data_kernel(const ConvGeometry &g, const void *gy, const void *w, void *gx) {
    visit(g.dtype, "convolution_backward", [&]<typename T>() {
        backward_data<T>(g, static_cast<const T *>(gy), static_cast<const T *>(w), static_cast<T *>(gx));
    });
}

void backward_weights_kernel(const ConvGeometry &g, const void *x, const void *gy, void *gw) {
    visit(g.dtype, "convolution_backward", [&]<typename T>() {
        backward_weights<T>(g, static_cast<const T *>(x), static_cast<const T *>(gy), static_cast<T *>(gw));
    });
}

}  // namespace

void register_conv_kernels() {
    conv_forward_dispatch().set(DeviceType::CPU, forward_kernel);
    conv_backward_data_dispatch().set(DeviceType::CPU, backward_data_kernel);
    conv_backward_weights_dispatch().set(DeviceType::CPU, backward_weights_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
