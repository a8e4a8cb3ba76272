// CPU kernels of the fused optimizer steps and gradient clipping (ops/optim.h). Each step is one
// sweep over a parameter's elements that updates the parameter and its state together, following
// torch.optim's single-tensor formulas term by term (the same roundings in float64). Elements are
// independent, so the results never depend on the thread count; the flag branches are loop
// invariant, which the compiler unswitches before vectorising.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/optim.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <typename F>
void for_dtype(DType t, F &&f) {
    if (t == DType::Float64) f.template operator()<double>();
    else f.template operator()<float>();
}

void sgd_kernel(const Tensor &param, const Tensor &grad, const Tensor &buf, bool init_buf, const SgdOptions &o) {
    for_dtype(param.dtype(), [&]<typename T>() {
        T *p = param.data<T>();
        const T *g = grad.data<T>();
        T *b = buf.defined() ? buf.data<T>() : nullptr;
        const T lr = static_cast<T>(o.lr), wd = static_cast<T>(o.weight_decay), mom = static_cast<T>(o.momentum),
                damp = static_cast<T>(1 - o.dampening);
        const bool decay = o.weight_decay != 0, maximize = o.maximize, nesterov = o.nesterov;
        parallel_for(0, param.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) {
                T d = maximize ? -g[i] : g[i];
                if (decay) d = d + wd * p[i];
                if (b) {
                    const T bi = init_buf ? d : b[i] * mom + damp * d;
                    b[i] = bi;
                    d = nesterov ? d + mom * bi : bi;
                }
                p[i] = p[i] - lr * d;
            }
        });
    });
}

void adam_kernel(const Tensor &param, const Tensor &grad, const Tensor &m, const Tensor &v, const Tensor &vmax,
                 int64_t step, const AdamOptions &o) {
    // Scalars in double as torch computes them in Python, then used in the tensor's dtype.
    const double bc1 = 1 - std::pow(o.beta1, static_cast<double>(step));
    const double bc2 = 1 - std::pow(o.beta2, static_cast<double>(step));
    const double step_size = o.lr / bc1, bc2_sqrt = std::sqrt(bc2);
    for_dtype(param.dtype(), [&]<typename T>() {
        T *p = param.data<T>(), *pm = m.data<T>(), *pv = v.data<T>();
        T *pvm = vmax.defined() ? vmax.data<T>() : nullptr;
        const T *g = grad.data<T>();
        const T b1 = static_cast<T>(o.beta1), b2 = static_cast<T>(o.beta2), omb1 = static_cast<T>(1 - o.beta1),
                omb2 = static_cast<T>(1 - o.beta2), wd = static_cast<T>(o.weight_decay),
                shrink = static_cast<T>(1 - o.lr * o.weight_decay), ss = static_cast<T>(step_size),
                bcs = static_cast<T>(bc2_sqrt), eps = static_cast<T>(o.eps);
        const bool maximize = o.maximize, decoupled = o.decoupled_weight_decay,
                   coupled = !decoupled && o.weight_decay != 0;
        parallel_for(0, param.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) {
                T gi = maximize ? -g[i] : g[i];
                T pi = p[i];
                if (decoupled) pi = pi * shrink;
                if (coupled) gi = gi + wd * pi;
                const T mi = pm[i] * b1 + omb1 * gi;
                const T vi = pv[i] * b2 + omb2 * (gi * gi);
                pm[i] = mi;
                pv[i] = vi;
                T vm = vi;
                if (pvm) {
                    vm = std::max(pvm[i], vi);
                    pvm[i] = vm;
                }
                const T denom = std::sqrt(vm) / bcs + eps;
                p[i] = pi - ss * (mi / denom);
            }
        });
    });
}

void rmsprop_kernel(const Tensor &param, const Tensor &grad, const Tensor &square_avg, const Tensor &buf,
                    const Tensor &grad_avg, const RmspropOptions &o) {
    for_dtype(param.dtype(), [&]<typename T>() {
        T *p = param.data<T>(), *sq = square_avg.data<T>();
        T *b = buf.defined() ? buf.data<T>() : nullptr;
        T *ga = grad_avg.defined() ? grad_avg.data<T>() : nullptr;
        const T *g = grad.data<T>();
        const T alpha = static_cast<T>(o.alpha), oma = static_cast<T>(1 - o.alpha), eps = static_cast<T>(o.eps),
                wd = static_cast<T>(o.weight_decay), mom = static_cast<T>(o.momentum), lr = static_cast<T>(o.lr);
        const bool maximize = o.maximize, decay = o.weight_decay != 0;
        parallel_for(0, param.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) {
                T gi = maximize ? -g[i] : g[i];
                if (decay) gi = gi + wd * p[i];
                const T si = sq[i] * alpha + oma * (gi * gi);
                sq[i] = si;
                T avg;
                if (ga) {
                    const T gai = ga[i] * alpha + oma * gi;
                    ga[i] = gai;
                    avg = std::sqrt(si - gai * gai);
                } else {
                    avg = std::sqrt(si);
                }
                avg = avg + eps;
                if (b) {
                    const T bi = b[i] * mom + gi / avg;
                    b[i] = bi;
                    p[i] = p[i] - lr * bi;
                } else {
                    p[i] = p[i] - lr * (gi / avg);
                }
            }
        });
    });
}

void adagrad_kernel(const Tensor &param, const Tensor &grad, const Tensor &sum, int64_t step,
                    const AdagradOptions &o) {
    const double clr = o.lr / (1 + static_cast<double>(step - 1) * o.lr_decay);
    for_dtype(param.dtype(), [&]<typename T>() {
        T *p = param.data<T>(), *s = sum.data<T>();
        const T *g = grad.data<T>();
        const T c = static_cast<T>(clr), wd = static_cast<T>(o.weight_decay), eps = static_cast<T>(o.eps);
        const bool maximize = o.maximize, decay = o.weight_decay != 0;
        parallel_for(0, param.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) {
                T gi = maximize ? -g[i] : g[i];
                if (decay) gi = gi + wd * p[i];
                const T si = s[i] + gi * gi;
                s[i] = si;
                p[i] = p[i] - c * (gi / (std::sqrt(si) + eps));
            }
        });
    });
}

double norm_power_sum_kernel(const Tensor &x, double ord) {
    double result = 0;
    for_dtype(x.dtype(), [&]<typename T>() {
        const T *px = x.data<T>();
        const int64_t n = x.numel();
        const int64_t blocks = (n + kGrainSize - 1) / kGrainSize;
        std::vector<double> partial(static_cast<size_t>(blocks), 0.0);
        const bool inf = std::isinf(ord);
        parallel_for(0, blocks, 1, [&](int64_t bb, int64_t be) {
            for (int64_t blk = bb; blk < be; ++blk) {
                const int64_t lo = blk * kGrainSize, hi = std::min(n, lo + kGrainSize);
                double acc = 0;
                if (inf) {
                    for (int64_t i = lo; i < hi; ++i) {
                        const double a = std::abs(static_cast<double>(px[i]));
                        acc = (a > acc || std::isnan(a)) ? a : acc;  // NaN propagates, as max does
                    }
                } else if (ord == 2) {
                    for (int64_t i = lo; i < hi; ++i) acc += static_cast<double>(px[i]) * static_cast<double>(px[i]);
                } else if (ord == 1) {
                    for (int64_t i = lo; i < hi; ++i) acc += std::abs(static_cast<double>(px[i]));
                } else if (ord == 0) {
                    for (int64_t i = lo; i < hi; ++i) acc += px[i] != 0;
                } else {
                    for (int64_t i = lo; i < hi; ++i) acc += std::pow(std::abs(static_cast<double>(px[i])), ord);
                }
                partial[static_cast<size_t>(blk)] = acc;
            }
        });
        for (double v : partial) {
            if (inf) result = (v > result || std::isnan(v)) ? v : result;
            else result += v;
        }
    });
    return result;
}

void scale_kernel(const Tensor &x, double scale) {
    for_dtype(x.dtype(), [&]<typename T>() {
        T *px = x.data<T>();
        const T s = static_cast<T>(scale);
        parallel_for(0, x.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) px[i] = px[i] * s;
        });
    });
}

void clamp_kernel(const Tensor &x, double lo_v, double hi_v) {
    for_dtype(x.dtype(), [&]<typename T>() {
        T *px = x.data<T>();
        const T lo_t = static_cast<T>(lo_v), hi_t = static_cast<T>(hi_v);
        parallel_for(0, x.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) {
                const T v = px[i];
                // NaN stays NaN, as torch.clamp keeps it.
                px[i] = v < lo_t ? lo_t : (v > hi_t ? hi_t : v);
            }
        });
    });
}

}  // namespace

void register_optim_kernels() {
    sgd_dispatch().set(DeviceType::CPU, sgd_kernel);
    adam_dispatch().set(DeviceType::CPU, adam_kernel);
    rmsprop_dispatch().set(DeviceType::CPU, rmsprop_kernel);
    adagrad_dispatch().set(DeviceType::CPU, adagrad_kernel);
    norm_power_sum_dispatch().set(DeviceType::CPU, norm_power_sum_kernel);
    scale_dispatch().set(DeviceType::CPU, scale_kernel);
    clamp_inplace_dispatch().set(DeviceType::CPU, clamp_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
