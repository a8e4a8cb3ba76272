#include "autograd/view_tracking.h"

#include "autograd/autograd_meta.h"
#include "autograd/function.h"
#include "autograd/grad_mode.h"
#include "core/error.h"
#include "ops/elementwise.h"
#include "ops/views.h"

namespace ember::autograd {

namespace {

// Where a view lies inside its base, in the base's storage units.
struct ViewGeometry {
    DimVector sizes, strides;
    int64_t offset = 0;
    explicit ViewGeometry(const Tensor &t) : sizes(t.sizes()), strides(t.strides()), offset(t.storage_offset()) {}
};

Ref<Node> as_strided_node(const Tensor &view, const Tensor &base) {
    auto n = Ref<OpNode>::make("AsStridedBackward0", &as_strided_view_backward);
    n->shapes = {DimVector(base.sizes()), DimVector(base.strides()), DimVector(view.sizes()), DimVector(view.strides())};
    n->ints = {base.storage_offset(), view.storage_offset()};
    n->next_edges.push_back(gradient_edge(base));
    n->add_slot(view);
    return Ref<Node>::borrow(n.get());
}

// The base's new history after an in-place op fn wrote into one of its views: the gradient of the
// base flows unchanged outside the view and through fn inside it.
class CopySlices final : public Node {
public:
    CopySlices(const Tensor &base, const Tensor &view, Ref<Node> fn)
        : base_offset_(base.storage_offset()), view_(view), fn_(std::move(fn)) {
        add_slot(base);
    }
    const char *name() const override { return "CopySlices"; }

    TensorList apply(TensorList &&grads) override {
        TensorList out(next_edges.size());
        if (!grads[0].defined()) return out;
        Tensor result = clone(grads[0]);  // row-major, like the (contiguous) base
        Tensor slice = as_strided(result, view_.sizes, view_.strides, view_.offset - base_offset_);
        TensorList fn_grads{clone(slice)};
        TensorList res = fn_->apply(std::move(fn_grads));
        if (!res.empty() && res[0].defined())
            copy_(slice, res[0]);
        else
            fill_(slice, Scalar::from_int(0));
        out[0] = result;
        for (size_t i = 1; i < res.size() && i < out.size(); ++i) out[i] = std::move(res[i]);
        return out;
    }
    void release_saved() override { fn_->release_saved(); }

private:
    int64_t base_offset_;
    ViewGeometry view_;
    Ref<Node> fn_;
};

}  // namespace

void track_view(const Tensor &input, const Tensor &view) {
    if (InferenceMode::enabled()) return;
    Tensor base = view_base_of(input);
    AutogradMeta &m = meta_of(view);
    m.view_base = base.defined() ? base : input;
    m.view_version = view.impl()->storage()->version();
}

Tensor view_base_of(const Tensor &t) {
    AutogradMeta *m = find_meta(t);
    return m ? m->view_base : Tensor();
}

void refresh_view_history(const Tensor &view) {
    AutogradMeta *m = find_meta(view);
    uint32_t now = view.impl()->storage()->version();
    if (m->view_version == now) return;
    m->view_version = now;
    if (!requires_grad(m->view_base)) return;
    set_history(view, as_strided_node(view, m->view_base), 0);
}

void rebase_view_history(const Tensor &view, const Ref<Node> &fn) {
    Tensor base = view_base_of(view);
    EMBER_CHECK(base.is_contiguous(), Unsupported,
                "an in-place operation on a view of a non-contiguous tensor cannot be differentiated; call "
                ".contiguous() on the base first");
    auto cs = Ref<CopySlices>::make(base, view, fn);
    cs->next_edges.push_back(gradient_edge(base));
    for (size_t i = 1; i < fn->next_edges.size(); ++i) cs->next_edges.push_back(fn->next_edges[i]);
    set_history(base, Ref<Node>::borrow(cs.get()), 0);
    set_history(view, as_strided_node(view, base), 0);
    meta_of(view).view_version = view.impl()->storage()->version();
}

}  // namespace ember::autograd
