// User-defined autograd functions: the forward ran in the caller's code (C, C#, F#), the backward
// is a C callback the engine calls with the saved tensors and the outputs' gradients.
#pragma once
#include <string>

#include "autograd/node.h"
#include "autograd/saved_variable.h"

namespace ember::autograd {

struct CustomFunctionSpec {
    std::string name;
    ember_custom_backward_fn backward = nullptr;
    void *user_data = nullptr;
    ember_destroy_fn destroy = nullptr;
};

// Returns one result per output: aliases of the outputs, connected to a new node when recording.
// spec.destroy runs exactly once: when the node goes, or before returning when none was made.
TensorList apply_custom_function(CustomFunctionSpec spec, const TensorList &inputs, const TensorList &outputs,
                                 const std::vector<bool> &non_differentiable, const TensorList &saved);

}  // namespace ember::autograd
