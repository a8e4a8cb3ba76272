// The backward engine: runs a graph's nodes in dependency order (later-created nodes first among
// the ready ones), summing the gradients that meet at a node, on the calling thread.
#pragma once
#include "autograd/node.h"

namespace ember::autograd {

struct BackwardOptions {
    bool retain_graph = false;
    bool create_graph = false;
    // true: torch.autograd.grad — return the inputs' gradients and leave every .grad alone.
    bool capture = false;
    bool allow_unused = false;
};

// outputs: the roots; grad_outputs: same length, undefined entries mean "ones" for one-element
// outputs. inputs: with capture, the tensors whose gradients are returned; without, the leaves to
// accumulate into (empty: all). Returns the captured gradients (capture only).
TensorList run_backward(const TensorList &outputs, const TensorList &grad_outputs, const TensorList &inputs,
                        const BackwardOptions &options);

}  // namespace ember::autograd
