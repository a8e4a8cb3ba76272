// Autograd: grad mode, leaf flags and gradients, backward / grad, hooks, custom functions.
#include "autograd/autograd_meta.h"
#include "autograd/custom_function.h"
#include "autograd/engine.h"
#include "autograd/grad_mode.h"
#include "capi/guard.h"

using namespace ember;
using ember::capi::guard;
namespace ag = ember::autograd;
using ag::TensorList;

namespace {

TensorList handles(const ember_tensor *hs, size_t n, const char *what, bool allow_null) {
    EMBER_CHECK(hs != nullptr || n == 0, InvalidArgument, what, " is NULL");
    TensorList ts;
    ts.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        EMBER_CHECK(allow_null || hs[i] != nullptr, InvalidArgument, what, "[", i, "] is NULL");
        ts.push_back(hs[i] ? Tensor::borrow(hs[i]) : Tensor());
    }
    return ts;
}

}  // namespace

extern "C" {

EMBER_API bool ember_is_grad_enabled(void) { return ag::GradMode::enabled() && !ag::InferenceMode::enabled(); }
EMBER_API void ember_set_grad_enabled(bool enabled) { ag::GradMode::set_enabled(enabled); }
EMBER_API bool ember_is_inference_mode_enabled(void) { return ag::InferenceMode::enabled(); }
EMBER_API void ember_set_inference_mode(bool enabled) { ag::InferenceMode::set_enabled(enabled); }

EMBER_API ember_status ember_set_requires_grad(ember_tensor t, bool requires_grad) {
    return guard([&] { ag::set_requires_grad(Tensor::borrow(t, "t"), requires_grad); });
}

EMBER_API ember_status ember_requires_grad(ember_tensor t, bool *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = ag::requires_grad(Tensor::borrow(t, "t"));
    });
}

EMBER_API ember_status ember_is_leaf(ember_tensor t, bool *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = ag::is_leaf(Tensor::borrow(t, "t"));
    });
}

EMBER_API ember_status ember_get_grad(ember_tensor t, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Tensor g = ag::get_grad(Tensor::borrow(t, "t"));
        *out = g.defined() ? g.release_to_c() : nullptr;
    });
}

EMBER_API ember_status ember_set_grad(ember_tensor t, ember_tensor grad) {
    return guard([&] { ag::set_grad(Tensor::borrow(t, "t"), capi::optional(grad)); });
}

EMBER_API ember_status ember_grad_fn_name(ember_tensor t, const char **out) {
    return guard([&] {
        capi::require(out, "out");
        const Ref<ag::Node> &fn = ag::grad_fn(Tensor::borrow(t, "t"));
        *out = fn ? fn->name() : nullptr;
    });
}

EMBER_API ember_status ember_retain_grad(ember_tensor t) {
    return guard([&] { ag::retain_grad(Tensor::borrow(t, "t")); });
}

EMBER_API ember_status ember_retains_grad(ember_tensor t, bool *out) {
    return guard([&] {
        capi::require(out, "out");
        ag::AutogradMeta *m = ag::find_meta(Tensor::borrow(t, "t"));
        *out = m && m->retains_grad;
    });
}

EMBER_API ember_status ember_detach(ember_tensor t, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = ag::alias_without_history(Tensor::borrow(t, "t")).release_to_c();
    });
}

EMBER_API ember_status ember_detach_(ember_tensor t) {
    return guard([&] { ag::detach_(Tensor::borrow(t, "t")); });
}

EMBER_API ember_status ember_tensor_version(ember_tensor t, uint32_t *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = Tensor::borrow(t, "t")->impl()->storage()->version();
    });
}

EMBER_API ember_status ember_backward(const ember_tensor *outputs, size_t noutputs, const ember_tensor *grad_outputs,
                                      bool retain_graph, bool create_graph, const ember_tensor *inputs,
                                      size_t ninputs) {
    return guard([&] {
        TensorList outs = handles(outputs, noutputs, "outputs", false);
        TensorList grads = grad_outputs ? handles(grad_outputs, noutputs, "grad_outputs", true) : TensorList();
        TensorList ins = handles(inputs, ninputs, "inputs", false);
        ag::run_backward(outs, grads, ins, ag::BackwardOptions{retain_graph, create_graph, false, false});
    });
}

EMBER_API ember_status ember_grad(const ember_tensor *outputs, size_t noutputs, const ember_tensor *grad_outputs,
                                  const ember_tensor *inputs, size_t ninputs, bool retain_graph, bool create_graph,
                                  bool allow_unused, ember_tensor *grads) {
    return guard([&] {
        capi::require(grads, "grads");
        TensorList outs = handles(outputs, noutputs, "outputs", false);
        TensorList gouts = grad_outputs ? handles(grad_outputs, noutputs, "grad_outputs", true) : TensorList();
        TensorList ins = handles(inputs, ninputs, "inputs", false);
        EMBER_CHECK(ninputs > 0, InvalidArgument, "grad requires at least one input");
        TensorList r = ag::run_backward(outs, gouts, ins, ag::BackwardOptions{retain_graph, create_graph, true, allow_unused});
        for (size_t i = 0; i < ninputs; ++i) grads[i] = r[i].defined() ? r[i].release_to_c() : nullptr;
    });
}

EMBER_API ember_status ember_register_hook(ember_tensor t, ember_grad_hook_fn fn, void *user_data,
                                           ember_destroy_fn destroy, int64_t *handle) {
    return guard([&] {
        capi::require(handle, "handle");
        EMBER_CHECK(fn != nullptr, InvalidArgument, "hook is NULL");
        ag::GradHook h;
        h.fn = fn;
        h.user_data = user_data;
        h.destroy = destroy;
        *handle = ag::register_hook(Tensor::borrow(t, "t"), h);
    });
}

EMBER_API ember_status ember_register_post_accumulate_grad_hook(ember_tensor t, ember_post_accumulate_hook_fn fn,
                                                                void *user_data, ember_destroy_fn destroy,
                                                                int64_t *handle) {
    return guard([&] {
        capi::require(handle, "handle");
        EMBER_CHECK(fn != nullptr, InvalidArgument, "hook is NULL");
        ag::GradHook h;
        h.post_fn = fn;
        h.user_data = user_data;
        h.destroy = destroy;
        *handle = ag::register_post_accumulate_hook(Tensor::borrow(t, "t"), h);
    });
}

EMBER_API ember_status ember_remove_hook(ember_tensor t, int64_t handle) {
    return guard([&] { ag::remove_hook(Tensor::borrow(t, "t"), handle); });
}

EMBER_API ember_status ember_custom_function_apply(const char *name, const ember_tensor *inputs, size_t ninputs,
                                                   const ember_tensor *outputs, size_t noutputs,
                                                   const bool *non_differentiable, const ember_tensor *saved,
                                                   size_t nsaved, ember_custom_backward_fn backward,
                                                   void *user_data, ember_destroy_fn destroy,
                                                   ember_tensor *results) {
    // destroy(user_data) must run exactly once whatever happens, so it is owned from the start.
    bool handed_over = false;
    ember_status st = guard([&] {
        capi::require(results, "results");
        EMBER_CHECK(backward != nullptr, InvalidArgument, "backward is NULL");
        TensorList ins = handles(inputs, ninputs, "inputs", false);
        TensorList outs = handles(outputs, noutputs, "outputs", false);
        TensorList keep = handles(saved, nsaved, "saved", false);
        std::vector<bool> nd(noutputs, false);
        if (non_differentiable)
            for (size_t i = 0; i < noutputs; ++i) nd[i] = non_differentiable[i];
        ag::CustomFunctionSpec spec{name && *name ? name : "CustomFunctionBackward", backward, user_data, destroy};
        handed_over = true;
        TensorList r = ag::apply_custom_function(std::move(spec), ins, outs, nd, keep);
        for (size_t i = 0; i < r.size(); ++i) results[i] = r[i].release_to_c();
    });
    if (!handed_over && destroy) destroy(user_data);
    return st;
}

}  // extern "C"
