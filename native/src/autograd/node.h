// Graph nodes. A node is the backward of one recorded op: it receives one gradient per forward
// output and returns one gradient per forward input, which flow along its next edges. Nodes are
// reference counted; a tensor owns its grad_fn, a node owns the nodes it feeds, so a graph lives
// exactly as long as some tensor (or a running backward pass) can reach it.
#pragma once
#include <cstdint>
#include <mutex>
#include <vector>

#include "core/ref.h"
#include "core/small_alloc.h"
#include "core/tensor.h"
#include "ember/ember.h"

namespace ember {
struct AutogradMeta;  // autograd_meta.h; declared in ember:: because TensorImpl points at it
}

namespace ember::autograd {

using ember::AutogradMeta;
class Node;
using TensorList = std::vector<Tensor>;

// Where a gradient goes: input slot input_nr of node fn (a grad_fn or a leaf's accumulator).
struct Edge {
    Ref<Node> fn;
    uint32_t input_nr = 0;
    bool valid() const { return static_cast<bool>(fn); }
};

// What the gradient for one forward output must look like; used to check what backward
// formulas and hooks return, and to make zeros for outputs that received no gradient.
struct GradSlotMeta {
    DimVector sizes;
    DType dtype = DType::Undefined;
    Device device;
};

// A user hook (C ABI) on a gradient: may replace it.
struct GradHook {
    int64_t id = 0;
    ember_grad_hook_fn fn = nullptr;
    ember_post_accumulate_hook_fn post_fn = nullptr;  // post-accumulate hooks use this instead
    void *user_data = nullptr;
    ember_destroy_fn destroy = nullptr;
    uint32_t slot = 0;  // on a node: the forward output it watches
    // Runs the hook; returns the (possibly replaced) gradient. Throws on a failed hook.
    Tensor call(const Tensor &grad, const GradSlotMeta &expect) const;
};
void destroy_hooks(std::vector<GradHook> &hooks);
int64_t next_hook_id();

class Node : public RefCounted {
public:
    Node();
    ~Node() override;
    EMBER_SMALL_ALLOC_OPERATORS

    virtual const char *name() const = 0;
    // grads has one entry per forward output (undefined entries mean zero). Returns one entry per
    // next edge (undefined: no gradient). Runs with grad mode = create_graph.
    virtual TensorList apply(TensorList &&grads) = 0;
    // Frees saved tensors after a backward pass that did not retain the graph.
    virtual void release_saved() {}

    // Pooled: every recorded op fills these (core/small_alloc.h).
    std::vector<Edge, small_alloc::Allocator<Edge>> next_edges;
    std::vector<GradSlotMeta, small_alloc::Allocator<GradSlotMeta>> slots;  // one per forward output
    uint64_t sequence_nr;             // creation order: later nodes run first

    // Hooks registered on non-leaf tensors this node produced, and tensors that retain their grad
    // (raw pointers: an AutogradMeta unregisters itself before it dies).
    std::vector<GradHook> pre_hooks;
    std::vector<std::pair<uint32_t, AutogradMeta *>> retained;
    std::mutex hooks_mutex;

    uint32_t add_slot(const Tensor &t);
};

// Adds the sizes/dtype/device of t as the node's next forward-output slot.
GradSlotMeta slot_meta_of(const Tensor &t);

}  // namespace ember::autograd
