// Fused optimizer steps and gradient clipping (torch.optim / torch.nn.utils): each call validates
// every parameter of a group, creates the state that is missing, then runs one CPU kernel per
// parameter that updates the parameter and its state in a single sweep. Nothing is recorded by
// autograd (the writes go to the storage directly); every tensor written gets bump_version().
#pragma once
#include <cstdint>
#include <vector>

#include "core/dispatch.h"
#include "core/tensor.h"

namespace ember {

struct SgdOptions {
    double lr, momentum, dampening, weight_decay;
    bool nesterov, maximize;
};
struct AdamOptions {
    double lr, beta1, beta2, eps, weight_decay;
    bool amsgrad, maximize, decoupled_weight_decay;
};
struct RmspropOptions {
    double lr, alpha, eps, weight_decay, momentum;
    bool centered, maximize;
};
struct AdagradOptions {
    double lr, lr_decay, weight_decay, initial_accumulator_value, eps;
    bool maximize;
};

// All tensors of one call are contiguous, of one shape, dtype (float32/float64) and device.
// buf is undefined when momentum == 0; init_buf: buf is new and is set to the step's direction.
using SgdKernel = void (*)(const Tensor &param, const Tensor &grad, const Tensor &buf, bool init_buf,
                           const SgdOptions &o);
// step: the parameter's step count after this step's increment. vmax undefined unless amsgrad.
using AdamKernel = void (*)(const Tensor &param, const Tensor &grad, const Tensor &m, const Tensor &v,
                            const Tensor &vmax, int64_t step, const AdamOptions &o);
// buf undefined unless momentum > 0, grad_avg undefined unless centered.
using RmspropKernel = void (*)(const Tensor &param, const Tensor &grad, const Tensor &square_avg, const Tensor &buf,
                               const Tensor &grad_avg, const RmspropOptions &o);
using AdagradKernel = void (*)(const Tensor &param, const Tensor &grad, const Tensor &sum, int64_t step,
                               const AdagradOptions &o);
// The "power sum" of x for a p-norm: sum |x|^p, max |x| for p = inf, the count of non-zeros for
// p = 0, in double. Fixed blocks summed in order: the result does not depend on the thread count.
using NormPowerSumKernel = double (*)(const Tensor &x, double p);
// x = x * scale, and x = clamp(x, lo, hi), in place.
using ScaleKernel = void (*)(const Tensor &x, double scale);
using ClampKernel = void (*)(const Tensor &x, double lo, double hi);

DispatchTable<SgdKernel> &sgd_dispatch();
DispatchTable<AdamKernel> &adam_dispatch();
DispatchTable<RmspropKernel> &rmsprop_dispatch();
DispatchTable<AdagradKernel> &adagrad_dispatch();
DispatchTable<NormPowerSumKernel> &norm_power_sum_dispatch();
DispatchTable<ScaleKernel> &scale_dispatch();
DispatchTable<ClampKernel> &clamp_inplace_dispatch();

// State vectors have one entry per parameter; an undefined entry is created (and left in the
// vector for the caller to hand back).
void sgd_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads, std::vector<Tensor> &bufs,
              const SgdOptions &o);
void adam_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads, std::vector<Tensor> &m,
               std::vector<Tensor> &v, std::vector<Tensor> &vmax, int64_t *steps, const AdamOptions &o);
void rmsprop_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads, std::vector<Tensor> &square_avg,
                  std::vector<Tensor> &bufs, std::vector<Tensor> &grad_avg, const RmspropOptions &o);
void adagrad_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads, std::vector<Tensor> &sums,
                  int64_t *steps, const AdagradOptions &o);
Tensor clip_grad_norm(const std::vector<Tensor> &grads, double max_norm, double norm_type, bool error_if_nonfinite);
void clip_grad_value(const std::vector<Tensor> &grads, double clip_value);

}  // namespace ember
