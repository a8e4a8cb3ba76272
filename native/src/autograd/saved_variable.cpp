#include "autograd/saved_variable.h"

#include "autograd/autograd_meta.h"
#include "core/error.h"

namespace ember::autograd {

SavedVariable::SavedVariable(const Tensor &t, bool is_output) {
    if (!t.defined()) return;
    version_ = t.impl()->storage()->version();
    is_output_ = is_output;
    if (is_output) {
        AutogradMeta *m = find_meta(t);
        output_nr_ = m ? m->output_nr : 0;
        requires_grad_ = requires_grad(t);
        data_ = alias_without_history(t);
    } else {
        data_ = t;
    }
}

Tensor SavedVariable::unpack(Node *owner) const {
    if (released_)
        fail(Status::Autograd,
             "Trying to backward through the graph a second time (or directly access saved tensors after they have "
             "already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
             "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or "
             "if you need to access saved tensors after calling backward.");
    if (!data_.defined()) return {};
    uint32_t now = data_.impl()->storage()->version();
    if (now != version_)
        fail(Status::Autograd,
             "one of the variables needed for gradient computation has been modified by an inplace operation: [",
             dtype_name(data_.dtype()), " ", data_.sizes(), "], which is ",
             is_output_ ? "an output" : "an input", " of ", owner ? owner->name() : "a node", ", is at version ", now,
             "; expected version ", version_,
             " instead. Hint: the operation that modified it in place ran after this tensor was saved for backward; "
             "use an out-of-place op or .clone() before it.");
    if (!is_output_ || !requires_grad_ || !owner) return data_;
    // Give the output its history back, so a formula run under create_graph differentiates
    // through it. The alias lives only as long as the formula uses it: no cycle remains.
    Tensor t = alias_without_history(data_);
    set_history(t, Ref<Node>::borrow(owner), output_nr_);
    return t;
}

}  // namespace ember::autograd
