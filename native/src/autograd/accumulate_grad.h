// The node at the end of every path to a leaf: adds the incoming gradient into the leaf's .grad,
// running the leaf's gradient hooks before and its post-accumulate hooks after.
#pragma once
#include "autograd/node.h"

namespace ember::autograd {

class AccumulateGrad final : public Node {
public:
    explicit AccumulateGrad(Tensor leaf);
    ~AccumulateGrad() override;
    const char *name() const override { return "AccumulateGrad"; }
    TensorList apply(TensorList &&grads) override;
    const Tensor &leaf() const { return leaf_; }

private:
    Tensor leaf_;
};

// The leaf's accumulator, created on first use (one per leaf while any graph uses it).
Ref<Node> grad_accumulator(const Tensor &leaf);

}  // namespace ember::autograd
