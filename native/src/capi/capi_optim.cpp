// Optimizer steps and gradient clipping: borrow the handle arrays, run the op, hand back the state
// tensors that were created (only after the whole step succeeded).
#include <vector>

#include "capi/guard.h"
#include "ops/optim.h"

using namespace ember;
using ember::capi::guard;

namespace {

std::vector<Tensor> borrow_all(const ember_tensor *handles, size_t count, const char *op, const char *what) {
    EMBER_CHECK(handles != nullptr || count == 0, InvalidArgument, op, ": ", what, " is NULL");
    std::vector<Tensor> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        EMBER_CHECK(handles[i] != nullptr, InvalidArgument, op, ": ", what, "[", i, "] is NULL");
        out.push_back(Tensor::borrow(handles[i]));
    }
    return out;
}

// An in/out state array: NULL entries stay undefined (to be created by the op). A NULL array
// when the state is not used gives undefined entries.
std::vector<Tensor> borrow_state(const ember_tensor *handles, size_t count, bool required, const char *op,
                                 const char *what) {
    EMBER_CHECK(handles != nullptr || !required || count == 0, InvalidArgument, op, ": ", what, " is NULL");
    std::vector<Tensor> out(count);
    if (handles)
        for (size_t i = 0; i < count; ++i)
            if (handles[i]) out[i] = Tensor::borrow(handles[i]);
    return out;
}

// Hands each state tensor the op created to the caller's array entry.
void give_created(ember_tensor *handles, std::vector<Tensor> &state) {
    if (!handles) return;
    for (size_t i = 0; i < state.size(); ++i)
        if (!handles[i] && state[i].defined()) handles[i] = state[i].release_to_c();
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_sgd_step(const ember_tensor *params, const ember_tensor *grads,
                                      ember_tensor *momentum_buffers, size_t count, double lr, double momentum,
                                      double dampening, double weight_decay, bool nesterov, bool maximize) {
    return guard([&] {
        const char *op = "ember_sgd_step";
        auto p = borrow_all(params, count, op, "params");
        auto g = borrow_all(grads, count, op, "grads");
        auto b = borrow_state(momentum_buffers, count, momentum != 0, op, "momentum_buffers");
        sgd_step(p, g, b, SgdOptions{lr, momentum, dampening, weight_decay, nesterov, maximize});
        give_created(momentum_buffers, b);
    });
}

EMBER_API ember_status ember_adam_step(const ember_tensor *params, const ember_tensor *grads, ember_tensor *exp_avgs,
                                       ember_tensor *exp_avg_sqs, ember_tensor *max_exp_avg_sqs, int64_t *steps,
                                       size_t count, double lr, double beta1, double beta2, double eps,
                                       double weight_decay, bool amsgrad, bool maximize,
                                       bool decoupled_weight_decay) {
    return guard([&] {
        const char *op = "ember_adam_step";
        auto p = borrow_all(params, count, op, "params");
        auto g = borrow_all(grads, count, op, "grads");
        auto m = borrow_state(exp_avgs, count, true, op, "exp_avgs");
        auto v = borrow_state(exp_avg_sqs, count, true, op, "exp_avg_sqs");
        auto vm = borrow_state(max_exp_avg_sqs, count, amsgrad, op, "max_exp_avg_sqs");
        adam_step(p, g, m, v, vm, steps,
                  AdamOptions{lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled_weight_decay});
        give_created(exp_avgs, m);
        give_created(exp_avg_sqs, v);
        if (amsgrad) give_created(max_exp_avg_sqs, vm);
    });
}

EMBER_API ember_status ember_rmsprop_step(const ember_tensor *params, const ember_tensor *grads,
                                          ember_tensor *square_avgs, ember_tensor *momentum_buffers,
                                          ember_tensor *grad_avgs, size_t count, double lr, double alpha, double eps,
                                          double weight_decay, double momentum, bool centered, bool maximize) {
    return guard([&] {
        const char *op = "ember_rmsprop_step";
        auto p = borrow_all(params, count, op, "params");
        auto g = borrow_all(grads, count, op, "grads");
        auto sq = borrow_state(square_avgs, count, true, op, "square_avgs");
        auto b = borrow_state(momentum_buffers, count, momentum > 0, op, "momentum_buffers");
        auto ga = borrow_state(grad_avgs, count, centered, op, "grad_avgs");
        rmsprop_step(p, g, sq, b, ga, RmspropOptions{lr, alpha, eps, weight_decay, momentum, centered, maximize});
        give_created(square_avgs, sq);
        if (momentum > 0) give_created(momentum_buffers, b);
        if (centered) give_created(grad_avgs, ga);
    });
}

EMBER_API ember_status ember_adagrad_step(const ember_tensor *params, const ember_tensor *grads,
                                          ember_tensor *state_sums, int64_t *steps, size_t count, double lr,
                                          double lr_decay, double weight_decay, double initial_accumulator_value,
                                          double eps, bool maximize) {
    return guard([&] {
        const char *op = "ember_adagrad_step";
        auto p = borrow_all(params, count, op, "params");
        auto g = borrow_all(grads, count, op, "grads");
        auto s = borrow_state(state_sums, count, true, op, "state_sums");
        adagrad_step(p, g, s, steps,
                     AdagradOptions{lr, lr_decay, weight_decay, initial_accumulator_value, eps, maximize});
        give_created(state_sums, s);
    });
}

EMBER_API ember_status ember_clip_grad_norm(const ember_tensor *grads, size_t count, double max_norm,
                                            double norm_type, bool error_if_nonfinite, ember_tensor *total_norm) {
    return guard([&] {
        capi::require(total_norm, "total_norm");
        auto g = borrow_all(grads, count, "ember_clip_grad_norm", "grads");
        *total_norm = clip_grad_norm(g, max_norm, norm_type, error_if_nonfinite).release_to_c();
    });
}

EMBER_API ember_status ember_clip_grad_value(const ember_tensor *grads, size_t count, double clip_value) {
    return guard([&] {
        auto g = borrow_all(grads, count, "ember_clip_grad_value", "grads");
        clip_grad_value(g, clip_value);
    });
}

}  // extern "C"
