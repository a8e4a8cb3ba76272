// Autograd for views. Every view op records which base tensor owns the memory. When an op writes
// in place into a view, the base's history must change too (its values changed): the base gets a
// CopySlices node that routes the base's gradient through the in-place op for the viewed part,
// and every view of that base rebuilds its own grad_fn (an as_strided of the base) the next time
// it is used. This is PyTorch's scheme; it keeps `y = zeros(n); y[i] = f(x)` differentiable.
#pragma once
#include "autograd/node.h"

namespace ember::autograd {

// Marks view (just made from input by a view op) as a view of input's base. No-op in inference mode.
void track_view(const Tensor &input, const Tensor &view);
// The base of a tracked view, or undefined.
Tensor view_base_of(const Tensor &t);
// Rebuilds a stale view's grad_fn from its base's current history (called from gradient_edge).
void refresh_view_history(const Tensor &view);
// After fn was recorded for an in-place op on a tracked view: gives the base a CopySlices
// history and makes the view an as_strided of it.
void rebase_view_history(const Tensor &view, const Ref<Node> &fn);

}  // namespace ember::autograd
