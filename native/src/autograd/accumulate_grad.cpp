#include "autograd/accumulate_grad.h"

#include <limits>

#include "autograd/autograd_meta.h"
#include "autograd/grad_mode.h"
#include "core/error.h"
#include "ops/elementwise.h"

namespace ember::autograd {

AccumulateGrad::AccumulateGrad(Tensor leaf) : leaf_(std::move(leaf)) {
    // Accumulators run as soon as they are ready, so .grad is complete (and post-accumulate
    // hooks fire) while the rest of the backward pass goes on.
    sequence_nr = std::numeric_limits<uint64_t>::max();
    add_slot(leaf_);
    allow_weak_references();  // the leaf's grad_accumulator pointer
}

AccumulateGrad::~AccumulateGrad() {
    AutogradMeta &m = meta_of(leaf_);
    std::lock_guard lock(m.mutex);
    if (m.grad_accumulator == this) m.grad_accumulator = nullptr;
}

Ref<Node> grad_accumulator(const Tensor &leaf) {
    AutogradMeta &m = meta_of(leaf);
    std::lock_guard lock(m.mutex);
    // The leaf does not own its accumulator (that would be a cycle): graphs do. The pointer is
    // weak: the destructor clears it under the same lock, but may be waiting for that lock with
    // the count already at zero, which try_retain refuses.
    if (m.grad_accumulator && m.grad_accumulator->try_retain()) return Ref<Node>::adopt(m.grad_accumulator);
    auto acc = Ref<Node>::adopt(new AccumulateGrad(leaf));
    m.grad_accumulator = acc.get();
    return acc;
}

TensorList AccumulateGrad::apply(TensorList &&grads) {
    Tensor g = std::move(grads[0]);
    if (!g.defined()) return {};
    AutogradMeta &m = meta_of(leaf_);
    std::vector<GradHook> hooks, post;
    {
        std::lock_guard lock(m.mutex);
        hooks = m.hooks;
        post = m.post_accumulate_hooks;
    }
    for (const GradHook &h : hooks) g = h.call(g, slots[0]);
    {
        std::lock_guard lock(m.mutex);
        if (!m.grad.defined()) {
            // Keep the incoming buffer when nothing else holds it (the common case); otherwise a
            // later in-place accumulation would write into a tensor someone else can see.
            bool sole_owner = g.impl()->use_count() == 1 && g.impl()->storage()->use_count() == 1 && g.is_contiguous();
            m.grad = GradMode::enabled() ? g : (sole_owner ? g : clone(g));
        } else if (GradMode::enabled()) {
            m.grad = binary(EMBER_BINARY_ADD, m.grad, g);  // create_graph: keep the sum differentiable
        } else {
            binary(EMBER_BINARY_ADD, m.grad, g, m.grad);
        }
    }
    for (const GradHook &h : post) {
        ember_status st = h.post_fn(reinterpret_cast<ember_tensor>(leaf_.impl()), h.user_data);
        EMBER_CHECK(st == EMBER_OK, Autograd, "a post-accumulate-grad hook failed (status ", static_cast<int>(st), ")");
    }
    return {};
}

}  // namespace ember::autograd
