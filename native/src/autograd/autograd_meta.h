// Per-tensor autograd state, created only for tensors that take part in differentiation (the
// TensorImpl holds a null pointer otherwise, so plain tensors pay nothing).
#pragma once
#include <mutex>
#include <vector>

#include "autograd/node.h"

namespace ember {

struct AutogradMeta {
    Tensor grad;
    Ref<autograd::Node> grad_fn;               // set for non-leaves
    uint32_t output_nr = 0;          // which output of grad_fn this tensor is
    autograd::Node *grad_accumulator = nullptr;  // leaves: non-owning; the accumulator clears it when it dies
    bool requires_grad = false;      // leaves only; non-leaves require grad through grad_fn
    bool retains_grad = false;
    std::vector<autograd::GradHook> hooks;                  // leaves' gradient hooks
    std::vector<autograd::GradHook> post_accumulate_hooks;  // leaves only
    // Views (results of view ops, sharing storage with their base): the base that owns the
    // memory (never itself a view) and the storage version when grad_fn was last made right. An
    // in-place op on the view, or on anything sharing the storage, makes grad_fn stale; it is
    // then rebuilt as an as_strided of the base's current history (view_tracking.cpp).
    Tensor view_base;
    uint32_t view_version = 0;
    std::mutex mutex;                // guards grad_accumulator and grad across threads
    TensorImpl *owner = nullptr;

    ~AutogradMeta();
    EMBER_SMALL_ALLOC_OPERATORS
};

}  // namespace ember

namespace ember::autograd {

// The tensor's meta, creating it on first use.
AutogradMeta &meta_of(const Tensor &t);
inline AutogradMeta *find_meta(const Tensor &t) { return t.defined() ? t.impl()->autograd_meta() : nullptr; }

bool requires_grad(const Tensor &t);
bool is_leaf(const Tensor &t);
const Ref<Node> &grad_fn(const Tensor &t);
void set_requires_grad(const Tensor &t, bool on);
// Where t's gradient goes: (grad_fn, output_nr) for a non-leaf, the accumulator for a leaf that
// requires grad, an invalid edge otherwise.
Edge gradient_edge(const Tensor &t);
// Makes t the output_nr-th output of fn (a new or rebased history).
void set_history(const Tensor &t, const Ref<Node> &fn, uint32_t output_nr);
// A new tensor sharing t's storage and geometry, without autograd state.
Tensor alias_without_history(const Tensor &t);
void retain_grad(const Tensor &t);
Tensor get_grad(const Tensor &t);
void set_grad(const Tensor &t, const Tensor &grad);
void detach_(const Tensor &t);
int64_t register_hook(const Tensor &t, GradHook hook);
int64_t register_post_accumulate_hook(const Tensor &t, GradHook hook);
void remove_hook(const Tensor &t, int64_t id);

}  // namespace ember::autograd
