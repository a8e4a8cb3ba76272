// CPU kernel of the fused cross-entropy backward (ops/nn_functional.h): one sweep over the
// log-probabilities writes scale[i] * (softmax - one_hot(target)) for each row. float32 uses the
// SLEEF exp of vecmath.h; rows are independent, so results never depend on the thread count.
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "cpu/kernels/vecmath.h"
#include "ops/nn_functional.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

inline void exp_row(const float *in, float *out, int64_t n) { vec::exp(in, out, n); }
inline void exp_row(const double *in, double *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::exp(in[i]);
}

template <typename T>
void xent_backward(const Tensor &logp, const Tensor &target, const Tensor &scale, const Tensor &gx) {
    const int64_t n = logp.size(0), c = logp.size(1);
    const T *lp = logp.data<T>(), *ps = scale.data<T>();
    const int64_t *pt = target.data<int64_t>();
    T *out = gx.data<T>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(c, 1));
    parallel_for(0, n, grain, [&](int64_t rb, int64_t re) {
        for (int64_t r = rb; r < re; ++r) {
            T *row = out + r * c;
            const T s = ps[r];
            if (s == 0) {
                for (int64_t j = 0; j < c; ++j) row[j] = 0;
                continue;
            }
            exp_row(lp + r * c, row, c);
#pragma omp simd
            for (int64_t j = 0; j < c; ++j) row[j] *= s;
            row[pt[r]] -= s;
        }
    });
}

void xent_backward_kernel(const Tensor &logp, const Tensor &target, const Tensor &scale, const Tensor &gx) {
    if (logp.dtype() == DType::Float64) xent_backward<double>(logp, target, scale, gx);
    else xent_backward<float>(logp, target, scale, gx);
}

}  // namespace

void register_loss_kernels() { cross_entropy_backward_dispatch().set(DeviceType::CPU, xent_backward_kernel); }

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
