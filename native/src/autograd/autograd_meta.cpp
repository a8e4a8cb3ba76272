#include "autograd/autograd_meta.h"

#include <algorithm>

#include "autograd/accumulate_grad.h"
#include "autograd/view_tracking.h"
#include "core/error.h"

namespace ember {

AutogradMeta::~AutogradMeta() {
    using namespace autograd;
    destroy_hooks(hooks);
    destroy_hooks(post_accumulate_hooks);
    if (retains_grad && grad_fn) {
        std::lock_guard lock(grad_fn->hooks_mutex);
        auto &r = grad_fn->retained;
        r.erase(std::remove_if(r.begin(), r.end(), [&](auto &p) { return p.second == this; }), r.end());
    }
}

}  // namespace ember

namespace ember::autograd {

namespace {
void delete_meta(AutogradMeta *m) { delete m; }
}  // namespace

AutogradMeta &meta_of(const Tensor &t) {
    if (AutogradMeta *m = t.impl()->autograd_meta()) return *m;
    auto *m = new AutogradMeta();
    m->owner = t.impl();
    t.impl()->set_autograd_meta(std::unique_ptr<AutogradMeta, void (*)(AutogradMeta *)>(m, &delete_meta));
    return *m;
}

bool requires_grad(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    if (!m) return false;
    if (m->requires_grad || m->grad_fn) return true;
    // A view of a tensor that gained history (an in-place op through another view) needs grad.
    return m->view_base.defined() && requires_grad(m->view_base);
}

bool is_leaf(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    if (m && m->view_base.defined()) refresh_view_history(t);
    return !m || !m->grad_fn;
}

const Ref<Node> &grad_fn(const Tensor &t) {
    static const Ref<Node> none;
    AutogradMeta *m = find_meta(t);
    if (m && m->view_base.defined()) refresh_view_history(t);
    return m ? m->grad_fn : none;
}

void set_requires_grad(const Tensor &t, bool on) {
    AutogradMeta *m = find_meta(t);
    if (m && m->grad_fn) {
        EMBER_CHECK(on, Autograd,
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed "
                    "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        return;
    }
    if (on)
        EMBER_CHECK(is_floating(t.dtype()), DType,
                    "only Tensors of floating point dtype can require gradients (got ", dtype_name(t.dtype()), ")");
    if (!on && !m) return;
    meta_of(t).requires_grad = on;
}

Edge gradient_edge(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    if (!m) return {};
    if (m->view_base.defined()) refresh_view_history(t);
    if (m->grad_fn) return Edge{m->grad_fn, m->output_nr};
    if (m->requires_grad) return Edge{grad_accumulator(t), 0};
    return {};
}

void set_history(const Tensor &t, const Ref<Node> &fn, uint32_t output_nr) {
    AutogradMeta &m = meta_of(t);
    if (m.retains_grad && m.grad_fn && m.grad_fn != fn) {
        // An in-place op rebased t's history: its retained gradient now comes from the new node.
        {
            std::lock_guard lock(m.grad_fn->hooks_mutex);
            auto &r = m.grad_fn->retained;
            r.erase(std::remove_if(r.begin(), r.end(), [&](auto &p) { return p.second == &m; }), r.end());
        }
        std::lock_guard lock(fn->hooks_mutex);
        fn->retained.emplace_back(output_nr, &m);
    }
    m.grad_fn = fn;
    m.output_nr = output_nr;
    m.requires_grad = false;
}

Tensor alias_without_history(const Tensor &t) {
    Tensor a = make_view(t, t.sizes(), t.strides(), t.storage_offset());
    a.impl()->set_wrapped_number(t.is_wrapped_number());
    return a;
}

void retain_grad(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    EMBER_CHECK(m && (m->grad_fn || m->requires_grad), Autograd,
                "can't retain_grad on Tensor that has requires_grad=False");
    if (!m->grad_fn || m->retains_grad) return;  // leaves keep their grad anyway
    m->retains_grad = true;
    std::lock_guard lock(m->grad_fn->hooks_mutex);
    m->grad_fn->retained.emplace_back(m->output_nr, m);
}

Tensor get_grad(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    if (!m) return {};
    std::lock_guard lock(m->mutex);
    return m->grad;
}

void set_grad(const Tensor &t, const Tensor &grad) {
    if (grad.defined()) {
        EMBER_CHECK(!grad.same(t), InvalidArgument, "can't assign Variable as its own grad");
        EMBER_CHECK(grad.dtype() == t.dtype(), DType, "assigned grad has data of a different type (",
                    dtype_name(grad.dtype()), " vs ", dtype_name(t.dtype()), ")");
        EMBER_CHECK(grad.device() == t.device(), Device, "assigned grad has data located on a different device");
        EMBER_CHECK(std::equal(grad.sizes().begin(), grad.sizes().end(), t.sizes().begin(), t.sizes().end()), Shape,
                    "assigned grad has data of a different size (", grad.sizes(), " vs ", t.sizes(), ")");
    } else if (!find_meta(t)) {
        return;
    }
    AutogradMeta &m = meta_of(t);
    std::lock_guard lock(m.mutex);
    m.grad = grad;
}

void detach_(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    if (!m) return;
    if (m->retains_grad && m->grad_fn) {
        std::lock_guard lock(m->grad_fn->hooks_mutex);
        auto &r = m->grad_fn->retained;
        r.erase(std::remove_if(r.begin(), r.end(), [&](auto &p) { return p.second == m; }), r.end());
    }
    m->retains_grad = false;
    m->grad_fn = nullptr;
    m->output_nr = 0;
    m->requires_grad = false;
}

int64_t register_hook(const Tensor &t, GradHook hook) {
    AutogradMeta *m = find_meta(t);
    EMBER_CHECK(m && (m->grad_fn || m->requires_grad), Autograd,
                "cannot register a hook on a tensor that doesn't require gradient");
    hook.id = next_hook_id();
    if (m->grad_fn) {
        hook.slot = m->output_nr;
        std::lock_guard lock(m->grad_fn->hooks_mutex);
        m->grad_fn->pre_hooks.push_back(hook);
    } else {
        std::lock_guard lock(m->mutex);
        m->hooks.push_back(hook);
    }
    return hook.id;
}

int64_t register_post_accumulate_hook(const Tensor &t, GradHook hook) {
    AutogradMeta *m = find_meta(t);
    EMBER_CHECK(m && m->requires_grad && !m->grad_fn, Autograd,
                "post accumulate grad hooks cannot be registered on non-leaf tensors or tensors that don't require "
                "grad");
    hook.id = next_hook_id();
    std::lock_guard lock(m->mutex);
    m->post_accumulate_hooks.push_back(hook);
    return hook.id;
}

namespace {
bool remove_from(std::vector<GradHook> &hooks, int64_t id) {
    auto it = std::find_if(hooks.begin(), hooks.end(), [&](const GradHook &h) { return h.id == id; });
    if (it == hooks.end()) return false;
    if (it->destroy) it->destroy(it->user_data);
    hooks.erase(it);
    return true;
}
}  // namespace

void remove_hook(const Tensor &t, int64_t id) {
    AutogradMeta *m = find_meta(t);
    bool removed = false;
    if (m) {
        {
            std::lock_guard lock(m->mutex);
            removed = remove_from(m->hooks, id) || remove_from(m->post_accumulate_hooks, id);
        }
        if (!removed && m->grad_fn) {
            std::lock_guard lock(m->grad_fn->hooks_mutex);
            removed = remove_from(m->grad_fn->pre_hooks, id);
        }
    }
    EMBER_CHECK(removed, InvalidArgument, "no hook with handle ", id, " is registered on this tensor");
}

}  // namespace ember::autograd
