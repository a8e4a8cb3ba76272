// A tensor kept by a node for its backward formula, with the storage version it had when saved:
// unpacking after an in-place write to it fails with an error naming the node, as in PyTorch.
#pragma once
#include "autograd/node.h"

namespace ember::autograd {

class SavedVariable {
public:
    SavedVariable() = default;
    // is_output: t is an output of the node that saves it. Such a tensor is kept without its
    // autograd state (which points back at the node: a reference cycle) and gets it back on
    // unpack.
    SavedVariable(const Tensor &t, bool is_output);

    bool defined() const { return data_.defined() || released_; }
    // The saved tensor; owner is the node that saved it (for outputs' history and messages).
    Tensor unpack(Node *owner) const;
    void release() {
        if (data_.defined()) released_ = true;
        data_ = Tensor();
    }

private:
    Tensor data_;
    uint32_t version_ = 0;
    uint32_t output_nr_ = 0;
    bool is_output_ = false;
    bool requires_grad_ = false;
    bool released_ = false;
};

}  // namespace ember::autograd
