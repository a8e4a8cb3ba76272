#include "autograd/node.h"

#include <atomic>

#include "autograd/autograd_meta.h"
#include "core/error.h"
#include "ops/elementwise.h"

namespace ember::autograd {

namespace {
// Creation order across threads; only the relative order within one graph matters.
std::atomic<uint64_t> g_sequence{0};
std::atomic<int64_t> g_hook_id{0};
}  // namespace

Node::Node() : sequence_nr(g_sequence.fetch_add(1, std::memory_order_relaxed)) {}

Node::~Node() {
    destroy_hooks(pre_hooks);
    for (auto &[slot, meta] : retained) meta->retains_grad = false;
    // Long chains (an RNN unrolled over thousands of steps) would recurse once per node when the
    // last reference goes; unlink the chain iteratively instead.
    std::vector<Ref<Node>> stack;
    for (Edge &e : next_edges)
        if (e.fn) stack.push_back(std::move(e.fn));
    while (!stack.empty()) {
        Ref<Node> n = std::move(stack.back());
        stack.pop_back();
        if (n->use_count() == 1)
            for (Edge &e : n->next_edges)
                if (e.fn) stack.push_back(std::move(e.fn));
    }
}

GradSlotMeta slot_meta_of(const Tensor &t) { return GradSlotMeta{DimVector(t.sizes()), t.dtype(), t.device()}; }

uint32_t Node::add_slot(const Tensor &t) {
    slots.push_back(slot_meta_of(t));
    return static_cast<uint32_t>(slots.size() - 1);
}

Tensor GradHook::call(const Tensor &grad, const GradSlotMeta &expect) const {
    ember_tensor replacement = nullptr;
    ember_status st = fn(reinterpret_cast<ember_tensor>(grad.impl()), user_data, &replacement);
    if (st != EMBER_OK) {
        if (replacement) ember_tensor_release(replacement);
        fail(static_cast<Status>(st), "a gradient hook failed (status ", static_cast<int>(st), ")");
    }
    if (!replacement) return grad;
    Tensor r(Ref<TensorImpl>::adopt(reinterpret_cast<TensorImpl *>(replacement)));
    EMBER_CHECK(IntArrayRef(r.sizes()).size() == expect.sizes.size() &&
                    std::equal(r.sizes().begin(), r.sizes().end(), expect.sizes.begin()),
                Shape, "hook returned a gradient of shape ", r.sizes(), " but the tensor has shape ",
                IntArrayRef(expect.sizes));
    EMBER_CHECK(r.device() == expect.device, Device, "hook returned a gradient on another device");
    return r.dtype() == expect.dtype ? r : cast(r, expect.dtype);
}

void destroy_hooks(std::vector<GradHook> &hooks) {
    for (GradHook &h : hooks)
        if (h.destroy) h.destroy(h.user_data);
    hooks.clear();
}

int64_t next_hook_id() { return g_hook_id.fetch_add(1, std::memory_order_relaxed) + 1; }

}  // namespace ember::autograd
