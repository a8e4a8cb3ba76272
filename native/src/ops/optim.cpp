// Fused optimizer steps and gradient clipping: validation and state creation here, the per-element
// update in cpu/kernels/optim_kernels.cpp. See ops/optim.h.
#include "ops/optim.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/creation.h"
#include "ops/elementwise.h"

namespace ember {

DispatchTable<SgdKernel> &sgd_dispatch() {
    static DispatchTable<SgdKernel> t;
    return t;
}
DispatchTable<AdamKernel> &adam_dispatch() {
    static DispatchTable<AdamKernel> t;
    return t;
}
DispatchTable<RmspropKernel> &rmsprop_dispatch() {
    static DispatchTable<RmspropKernel> t;
    return t;
}
DispatchTable<AdagradKernel> &adagrad_dispatch() {
    static DispatchTable<AdagradKernel> t;
    return t;
}
DispatchTable<NormPowerSumKernel> &norm_power_sum_dispatch() {
    static DispatchTable<NormPowerSumKernel> t;
    return t;
}
DispatchTable<ScaleKernel> &scale_dispatch() {
    static DispatchTable<ScaleKernel> t;
    return t;
}
DispatchTable<ClampKernel> &clamp_inplace_dispatch() {
    static DispatchTable<ClampKernel> t;
    return t;
}

namespace {

bool optim_dtype(DType t) { return t == DType::Float32 || t == DType::Float64; }

void check_contiguous(const Tensor &t, const char *op, const char *what, size_t i) {
    EMBER_CHECK(t.is_contiguous(), InvalidArgument, op, ": ", what, "[", i, "] must be contiguous");
}

// One parameter's tensor `what`[i] (a grad or a state) must match the parameter; states must
// also be contiguous (they are written), grads are read and may be strided.
void check_like(const Tensor &t, const Tensor &p, const char *op, const char *what, size_t i,
                bool need_contiguous = true) {
    EMBER_CHECK(t.dtype() == p.dtype(), DType, op, ": ", what, "[", i, "] has dtype ", dtype_name(t.dtype()),
                " but params[", i, "] has dtype ", dtype_name(p.dtype()));
    EMBER_CHECK(t.device() == p.device(), Device, op, ": ", what, "[", i, "] is on ", t.device().type_name(),
                " but params[", i, "] is on ", p.device().type_name());
    EMBER_CHECK(std::ranges::equal(t.sizes(), p.sizes()), Shape, op, ": ", what, "[", i, "] has shape ", t.sizes(),
                " but params[", i, "] has shape ", p.sizes());
    if (need_contiguous) check_contiguous(t, op, what, i);
}

// Checks params, grads and the given (defined) state entries of every parameter.
void check_group(const std::vector<Tensor> &params, const std::vector<Tensor> &grads,
                 std::initializer_list<std::pair<const std::vector<Tensor> *, const char *>> states, const char *op) {
    EMBER_CHECK(params.size() == grads.size(), InvalidArgument, op, ": ", params.size(), " params but ", grads.size(),
                " grads");
    for (size_t i = 0; i < params.size(); ++i) {
        const Tensor &p = params[i];
        EMBER_CHECK(optim_dtype(p.dtype()), DType, op, ": params[", i, "] has dtype ", dtype_name(p.dtype()),
                    "; optimizers update float32 or float64 parameters");
        check_contiguous(p, op, "params", i);
        check_like(grads[i], p, op, "grads", i, /*need_contiguous=*/false);
        EMBER_CHECK(!grads[i].same(p), InvalidArgument, op, ": grads[", i, "] is params[", i, "] itself");
        for (const auto &[state, name] : states) {
            if (!state) continue;
            EMBER_CHECK(state->size() == params.size(), InvalidArgument, op, ": ", state->size(), " ", name, " for ",
                        params.size(), " params");
            if ((*state)[i].defined()) check_like((*state)[i], p, op, name, i);
        }
    }
}

// The kernels sweep flat buffers: strided grads are read through a contiguous copy.
std::vector<Tensor> dense(const std::vector<Tensor> &grads) {
    std::vector<Tensor> out;
    out.reserve(grads.size());
    for (const Tensor &g : grads) out.push_back(g.is_contiguous() ? g : contiguous(g));
    return out;
}

Tensor &created_zeros(Tensor &state, const Tensor &p) {
    if (!state.defined()) state = zeros(p.sizes(), p.dtype(), p.device());
    return state;
}

}  // namespace

void sgd_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads_in, std::vector<Tensor> &bufs,
              const SgdOptions &o) {
    const char *op = "ember_sgd_step";
    const bool use_buf = o.momentum != 0;
    EMBER_CHECK(!o.nesterov || (o.momentum > 0 && o.dampening == 0), InvalidArgument, op,
                ": Nesterov momentum requires a momentum and zero dampening");
    check_group(params, grads_in, {{use_buf ? &bufs : nullptr, "momentum_buffers"}}, op);
    const std::vector<Tensor> grads = dense(grads_in);
    std::vector<bool> fresh(params.size(), false);
    for (size_t i = 0; use_buf && i < params.size(); ++i) {
        if (!bufs[i].defined()) {
            bufs[i] = empty(params[i].sizes(), params[i].dtype(), params[i].device());
            fresh[i] = true;
        }
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const Tensor &buf = use_buf ? bufs[i] : Tensor();
        sgd_dispatch().get(params[i].device(), op)(params[i], grads[i], buf, fresh[i], o);
        params[i].bump_version();
        if (use_buf) buf.bump_version();
    }
}

void adam_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads_in, std::vector<Tensor> &m,
               std::vector<Tensor> &v, std::vector<Tensor> &vmax, int64_t *steps, const AdamOptions &o) {
    const char *op = "ember_adam_step";
    check_group(params, grads_in, {{&m, "exp_avgs"}, {&v, "exp_avg_sqs"}, {o.amsgrad ? &vmax : nullptr, "max_exp_avg_sqs"}},
                op);
    const std::vector<Tensor> grads = dense(grads_in);
    EMBER_CHECK(steps != nullptr || params.empty(), InvalidArgument, op, ": steps is NULL");
    for (size_t i = 0; i < params.size(); ++i) {
        EMBER_CHECK(steps[i] >= 0, InvalidArgument, op, ": steps[", i, "] is negative (", steps[i], ")");
        created_zeros(m[i], params[i]);
        created_zeros(v[i], params[i]);
        if (o.amsgrad) created_zeros(vmax[i], params[i]);
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const Tensor &vm = o.amsgrad ? vmax[i] : Tensor();
        adam_dispatch().get(params[i].device(), op)(params[i], grads[i], m[i], v[i], vm, steps[i] + 1, o);
        ++steps[i];
        params[i].bump_version();
        m[i].bump_version();
        v[i].bump_version();
        if (o.amsgrad) vm.bump_version();
    }
}

void rmsprop_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads_in,
                  std::vector<Tensor> &square_avg,
                  std::vector<Tensor> &bufs, std::vector<Tensor> &grad_avg, const RmspropOptions &o) {
    const char *op = "ember_rmsprop_step";
    const bool use_buf = o.momentum > 0;
    check_group(params, grads_in,
                {{&square_avg, "square_avgs"},
                 {use_buf ? &bufs : nullptr, "momentum_buffers"},
                 {o.centered ? &grad_avg : nullptr, "grad_avgs"}},
                op);
    const std::vector<Tensor> grads = dense(grads_in);
    for (size_t i = 0; i < params.size(); ++i) {
        created_zeros(square_avg[i], params[i]);
        if (use_buf) created_zeros(bufs[i], params[i]);
        if (o.centered) created_zeros(grad_avg[i], params[i]);
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const Tensor &buf = use_buf ? bufs[i] : Tensor();
        const Tensor &ga = o.centered ? grad_avg[i] : Tensor();
        rmsprop_dispatch().get(params[i].device(), op)(params[i], grads[i], square_avg[i], buf, ga, o);
        params[i].bump_version();
        square_avg[i].bump_version();
        if (use_buf) buf.bump_version();
        if (o.centered) ga.bump_version();
    }
}

void adagrad_step(const std::vector<Tensor> &params, const std::vector<Tensor> &grads_in, std::vector<Tensor> &sums,
                  int64_t *steps, const AdagradOptions &o) {
    const char *op = "ember_adagrad_step";
    check_group(params, grads_in, {{&sums, "state_sums"}}, op);
    const std::vector<Tensor> grads = dense(grads_in);
    EMBER_CHECK(steps != nullptr || params.empty(), InvalidArgument, op, ": steps is NULL");
    for (size_t i = 0; i < params.size(); ++i) {
        EMBER_CHECK(steps[i] >= 0, InvalidArgument, op, ": steps[", i, "] is negative (", steps[i], ")");
        if (!sums[i].defined())
            sums[i] = full(params[i].sizes(), Scalar::from_double(o.initial_accumulator_value), params[i].dtype(),
                           params[i].device());
    }
    for (size_t i = 0; i < params.size(); ++i) {
        adagrad_dispatch().get(params[i].device(), op)(params[i], grads[i], sums[i], steps[i] + 1, o);
        ++steps[i];
        params[i].bump_version();
        sums[i].bump_version();
    }
}

namespace {

void check_grads(const std::vector<Tensor> &grads, const char *op) {
    for (size_t i = 0; i < grads.size(); ++i) {
        EMBER_CHECK(optim_dtype(grads[i].dtype()), DType, op, ": grads[", i, "] has dtype ",
                    dtype_name(grads[i].dtype()), "; float32 or float64 gradients are supported");
        EMBER_CHECK(grads[i].device() == grads[0].device(), Device, op, ": grads[", i, "] is on ",
                    grads[i].device().type_name(), " but grads[0] is on ", grads[0].device().type_name());
        check_contiguous(grads[i], op, "grads", i);
    }
}

}  // namespace

Tensor clip_grad_norm(const std::vector<Tensor> &grads, double max_norm, double norm_type, bool error_if_nonfinite) {
    const char *op = "ember_clip_grad_norm";
    EMBER_CHECK(!std::isnan(norm_type) && norm_type != -std::numeric_limits<double>::infinity(), InvalidArgument, op,
                ": unsupported norm_type ", norm_type);
    if (grads.empty()) return zeros({}, DType::Float32);
    check_grads(grads, op);
    DType dtype = DType::Float32;
    for (const Tensor &g : grads)
        if (g.dtype() == DType::Float64) dtype = DType::Float64;
    const bool inf = std::isinf(norm_type);
    // Each grad's norm is rounded to the result dtype before the norms are combined, as the
    // norm of torch.stack([norm(g) for g in grads]) is.
    auto round = [&](double x) { return dtype == DType::Float32 ? static_cast<double>(static_cast<float>(x)) : x; };
    double acc = 0;
    for (const Tensor &g : grads) {
        double s = norm_power_sum_dispatch().get(g.device(), op)(g, norm_type);
        double n = inf || norm_type == 0 ? s : norm_type == 1 ? s : std::pow(s, 1.0 / norm_type);
        n = round(n);
        if (inf) acc = std::max(acc, n);
        else if (norm_type == 0) acc += n != 0;
        else if (norm_type == 1) acc += n;
        else acc += std::pow(n, norm_type);
    }
    double total = inf || norm_type == 0 || norm_type == 1 ? acc : std::pow(acc, 1.0 / norm_type);
    total = round(total);
    EMBER_CHECK(!error_if_nonfinite || std::isfinite(total), InvalidArgument, "The total norm of order ", norm_type,
                " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and "
                "scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
    double coef = round(round(max_norm) / round(total + 1e-6));
    coef = std::isnan(coef) ? coef : std::min(coef, 1.0);
    for (const Tensor &g : grads) {
        scale_dispatch().get(g.device(), op)(g, coef);
        g.bump_version();
    }
    return full({}, Scalar::from_double(total), dtype, grads[0].device());
}

void clip_grad_value(const std::vector<Tensor> &grads, double clip_value) {
    const char *op = "ember_clip_grad_value";
    EMBER_CHECK(!std::isnan(clip_value), InvalidArgument, op, ": clip_value is NaN");
    check_grads(grads, op);
    for (const Tensor &g : grads) {
        clamp_inplace_dispatch().get(g.device(), op)(g, -clip_value, clip_value);
        g.bump_version();
    }
}

}  // namespace ember
