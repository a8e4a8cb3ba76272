// Shape helpers shared by the engine and the derivative formulas.
#pragma once
#include "core/tensor.h"

namespace ember::autograd {

// Whether a tensor of sizes `from` broadcasts to `to`.
bool is_expandable_to(IntArrayRef from, IntArrayRef to);
// Sums g (of a broadcast shape) down to sizes: the gradient of broadcasting, recorded when grad
// mode is on.
Tensor sum_to(const Tensor &g, IntArrayRef sizes);

}  // namespace ember::autograd
