#include "autograd/custom_function.h"

#include "autograd/autograd_meta.h"
#include "autograd/function.h"
#include "core/error.h"

namespace ember::autograd {

namespace {

class CustomNode final : public Node {
public:
    explicit CustomNode(CustomFunctionSpec spec) : spec_(std::move(spec)) {}
    ~CustomNode() override {
        if (spec_.destroy) spec_.destroy(spec_.user_data);
    }
    const char *name() const override { return spec_.name.c_str(); }

    TensorList apply(TensorList &&grads) override {
        std::vector<Tensor> saved_now;
        for (const SavedVariable &s : saved) saved_now.push_back(s.unpack(this));
        std::vector<ember_tensor> saved_h, grad_h, in_h(next_edges.size(), nullptr);
        for (const Tensor &t : saved_now) saved_h.push_back(reinterpret_cast<ember_tensor>(t.impl()));
        for (const Tensor &g : grads) grad_h.push_back(g.defined() ? reinterpret_cast<ember_tensor>(g.impl()) : nullptr);
        ember_status st = spec_.backward(spec_.user_data, saved_h.data(), saved_h.size(), grad_h.data(), grad_h.size(),
                                         in_h.data(), in_h.size());
        TensorList result(next_edges.size());
        for (size_t i = 0; i < in_h.size(); ++i)
            if (in_h[i]) result[i] = Tensor(Ref<TensorImpl>::adopt(reinterpret_cast<TensorImpl *>(in_h[i])));
        if (st != EMBER_OK) fail(static_cast<Status>(st), "the backward of custom function ", spec_.name, " failed");
        for (size_t i = 0; i < result.size(); ++i)
            if (!next_edges[i].valid()) result[i] = Tensor();  // inputs that want no gradient
        return result;
    }

    void release_saved() override {
        for (SavedVariable &s : saved) s.release();
    }

    std::vector<SavedVariable> saved;

private:
    CustomFunctionSpec spec_;
};

}  // namespace

TensorList apply_custom_function(CustomFunctionSpec spec, const TensorList &inputs, const TensorList &outputs,
                                 const std::vector<bool> &non_differentiable, const TensorList &saved) {
    EMBER_CHECK(spec.backward != nullptr, InvalidArgument, "custom function ", spec.name, ": backward is NULL");
    TensorList results;
    for (const Tensor &o : outputs) results.push_back(alias_without_history(o));
    bool record = recording_enabled();
    if (record) {
        record = false;
        for (const Tensor &t : inputs) record |= requires_grad(t);
    }
    if (!record) {
        if (spec.destroy) spec.destroy(spec.user_data);
        return results;
    }
    std::string name = spec.name;
    auto node = Ref<CustomNode>::make(std::move(spec));
    for (const Tensor &t : inputs) node->next_edges.push_back(is_floating(t.dtype()) ? gradient_edge(t) : Edge{});
    Ref<Node> fn = Ref<Node>::borrow(node.get());
    for (size_t i = 0; i < results.size(); ++i) {
        uint32_t slot = node->add_slot(results[i]);
        bool nd = i < non_differentiable.size() && non_differentiable[i];
        if (!nd && is_floating(results[i].dtype())) set_history(results[i], fn, slot);
    }
    for (const Tensor &s : saved) {
        // A saved output is kept without history (the node would own itself otherwise).
        bool is_output = false;
        for (size_t i = 0; i < outputs.size(); ++i) is_output |= s.same(outputs[i]) || s.same(results[i]);
        node->saved.emplace_back(is_output ? alias_without_history(s) : s, false);
    }
    return results;
}

}  // namespace ember::autograd
