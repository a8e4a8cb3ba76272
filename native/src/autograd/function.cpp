#include "autograd/function.h"

#include "autograd/autograd_meta.h"
#include "autograd/view_tracking.h"
#include "core/error.h"
#include "ops/creation.h"
#include "ops/elementwise.h"

namespace ember::autograd {

TensorList OpNode::apply(TensorList &&grads) {
    bool any = false;
    for (const Tensor &g : grads) any |= g.defined();
    if (!any) return TensorList(next_edges.size());
    // Formulas are simpler when every gradient is there: outputs that received none get zeros.
    for (size_t i = 0; i < grads.size(); ++i)
        if (!grads[i].defined()) grads[i] = zeros(slots[i].sizes, slots[i].dtype, slots[i].device);
    BackwardContext ctx{*this, grads, TensorList(next_edges.size())};
    fn_(ctx);
    return std::move(ctx.result);
}

void OpNode::release_saved() {
    for (SavedVariable &s : saved) s.release();
}

bool any_requires_grad(std::initializer_list<const Tensor *> ts) {
    for (const Tensor *t : ts)
        if (t && t->defined() && requires_grad(*t)) return true;
    return false;
}

void check_out_allowed(const char *op, std::initializer_list<const Tensor *> inputs, const Tensor &out) {
    if (!out.defined() || !recording_enabled()) return;
    for (const Tensor *t : inputs)
        if (t && t->defined() && t->same(out)) return;  // in place: handled by the Recorder
    if (any_requires_grad(inputs) || requires_grad(out))
        fail(Status::Autograd, op,
             "(): functions with out=... arguments don't support automatic differentiation, but one of the "
             "arguments requires grad.");
}

void Recorder::start(const char *name, BackwardFn fn, std::initializer_list<const Tensor *> inputs, const Tensor &out) {
    if (out.defined()) {
        for (const Tensor *t : inputs) in_place_ |= t && t->defined() && t->same(out);
        if (!in_place_) {
            check_out_allowed(name, inputs, out);
            return;
        }
        AutogradMeta *m = find_meta(out);
        if (m && m->requires_grad && !m->grad_fn)
            fail(Status::Autograd, "a leaf Variable that requires grad is being used in an in-place operation (",
                 name, ").");
        if (m && m->view_base.defined()) {
            AutogradMeta *b = find_meta(m->view_base);
            if (b && b->requires_grad && !b->grad_fn)
                fail(Status::Autograd, "a view of a leaf Variable that requires grad is being used in an in-place "
                     "operation (", name, ").");
        }
    }
    if (!any_requires_grad(inputs)) return;
    node_ = Ref<OpNode>::make(name, fn);
    node_->next_edges.reserve(inputs.size());
    for (const Tensor *t : inputs) {
        node_->next_edges.push_back(t && t->defined() && is_floating(t->dtype()) ? gradient_edge(*t) : Edge{});
        if (t && t->defined()) inputs_.push_back(t->impl());
    }
    out_ = out;
    no_grad_.begin();
}

void Recorder::save(const Tensor &input) {
    if (!node_) return;
    if (in_place_ && input.defined() && input.same(out_)) {
        // The copy keeps the old value's history, so create_graph differentiates through it.
        GradModeGuard recording(true);
        node_->saved.emplace_back(clone(input), false);
    }
    else
        node_->saved.emplace_back(input, false);
}

void Recorder::save_output(const Tensor &result) {
    if (node_) node_->saved.emplace_back(result, true);
}

void Recorder::finish(std::initializer_list<const Tensor *> results) {
    if (!node_) return;
    no_grad_.end();
    Ref<Node> fn = Ref<Node>::borrow(node_.get());
    for (const Tensor *r : results) {
        uint32_t slot = node_->add_slot(*r);
        // An op that returned one of its inputs unchanged (contiguous() of a contiguous tensor)
        // must not take over that input's history.
        bool written_in_place = in_place_ && r->same(out_);
        bool returned_input = false;
        if (!written_in_place)
            for (TensorImpl *in : inputs_) returned_input |= in == r->impl();
        if (!is_floating(r->dtype()) || returned_input) continue;
        if (written_in_place && view_base_of(*r).defined())
            rebase_view_history(*r, fn);
        else
            set_history(*r, fn, slot);
    }
}

}  // namespace ember::autograd
