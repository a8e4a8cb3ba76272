// How ops record themselves. An op that has a derivative creates a Recorder before it computes:
//
//     autograd::Recorder rec("ExpBackward0", exp_backward, {&x}, out);
//     Tensor r = ...compute...;
//     rec.finish({&r});
//     if (rec) rec.save_output(r);
//
// The Recorder decides whether anything is recorded (grad mode on and some floating input requires
// grad), enforces the in-place and out= rules before any work is done, turns grad mode off while
// the op computes (ops used inside another op do not record themselves), and connects the
// results to one OpNode. The backward formula is a plain function of a BackwardContext, written
// with Ember's own (recording) ops so that create_graph gives higher derivatives; it lives next
// to the op's definition.
#pragma once
#include <initializer_list>

#include "autograd/grad_mode.h"
#include "autograd/node.h"
#include "autograd/saved_variable.h"
#include "core/scalar.h"

namespace ember::autograd {

struct BackwardContext;
using BackwardFn = void (*)(BackwardContext &);

// The node of one recorded built-in op: its formula plus whatever the formula needs.
class OpNode final : public Node {
public:
    OpNode(const char *name, BackwardFn fn) : name_(name), fn_(fn) {}
    const char *name() const override { return name_; }
    TensorList apply(TensorList &&grads) override;
    void release_saved() override;

    std::vector<SavedVariable, small_alloc::Allocator<SavedVariable>> saved;
    DimVector ints;                  // integer attributes: dims, sizes, indices
    std::vector<DimVector> shapes;   // shapes of several inputs (cat, stack)
    Scalar scalars[2];               // scalar attributes: alpha, bounds, exponent
    double reals[2] = {0, 0};
    int code = 0;                    // an op code inside a family (unary op...)
    bool flag = false;               // a boolean attribute (keepdim...)
    DType dtype = DType::Undefined;  // an input's dtype when the formula needs it

private:
    const char *name_;
    BackwardFn fn_;
};

struct BackwardContext {
    OpNode &node;
    TensorList &grads;  // one per forward output; undefined entries were filled with zeros
    TensorList result;  // one per forward input: set the ones you compute

    const Tensor &grad(size_t i = 0) const { return grads[i]; }
    Tensor saved(size_t i) const { return node.saved[i].unpack(&node); }
    // Whether forward input i wants a gradient (skip work for the others).
    bool needs(size_t i) const { return i < node.next_edges.size() && node.next_edges[i].valid(); }
    void set(size_t i, Tensor g) {
        if (needs(i)) result[i] = std::move(g);
    }
};

// Whether t takes part in differentiation: it requires grad (leaf or recorded result).
bool any_requires_grad(std::initializer_list<const Tensor *> ts);

class Recorder {
public:
    // inputs: the op's differentiable tensor inputs, in the order of the formula's results
    // (null entries allowed); out: the op's out= tensor, possibly one of the inputs (in place).
    // Decided inline for the common case: nothing records when grad mode is off, or when there
    // is no out tensor and no input has autograd metadata (none requires grad or has history).
    Recorder(const char *name, BackwardFn fn, std::initializer_list<const Tensor *> inputs, const Tensor &out = {}) {
        if (recording_enabled() && (out.defined() || any_has_autograd_meta(inputs))) start(name, fn, inputs, out);
    }
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    explicit operator bool() const { return static_cast<bool>(node_); }
    OpNode &node() { return *node_; }

    // Saves a forward input for backward. Call before computing: an input the op is about to
    // overwrite (in place) is saved as a copy of its old value.
    void save(const Tensor &input);
    // Saves a result for backward. Call after finish().
    void save_output(const Tensor &result);
    // Connects results to the node (floating results only) and ends the no-grad scope.
    void finish(std::initializer_list<const Tensor *> results);

private:
    static bool any_has_autograd_meta(std::initializer_list<const Tensor *> inputs) {
        for (const Tensor *t : inputs)
            if (t && t->defined() && t->impl()->autograd_meta()) return true;
        return false;
    }
    void start(const char *name, BackwardFn fn, std::initializer_list<const Tensor *> inputs, const Tensor &out);

    Ref<OpNode> node_;
    Tensor out_;
    SmallVector<TensorImpl *, 4> inputs_;  // to recognise an input returned unchanged
    bool in_place_ = false;
    RecordingPause no_grad_;
};

// Refuses, with PyTorch's message, to write into out= when autograd would need to record.
void check_out_allowed(const char *op, std::initializer_list<const Tensor *> inputs, const Tensor &out);

}  // namespace ember::autograd
