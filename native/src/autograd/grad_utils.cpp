#include "autograd/grad_utils.h"

#include "ops/reduce.h"
#include "ops/views.h"

namespace ember::autograd {

bool is_expandable_to(IntArrayRef from, IntArrayRef to) {
    if (from.size() > to.size()) return false;
    size_t lead = to.size() - from.size();
    for (size_t i = 0; i < from.size(); ++i)
        if (from[i] != 1 && from[i] != to[lead + i]) return false;
    return true;
}

Tensor sum_to(const Tensor &g, IntArrayRef sizes) {
    IntArrayRef gs = g.sizes();
    size_t lead = gs.size() - sizes.size();
    DimVector dims;
    for (size_t i = 0; i < lead; ++i) dims.push_back(static_cast<int64_t>(i));
    for (size_t i = 0; i < sizes.size(); ++i)
        if (sizes[i] == 1 && gs[lead + i] != 1) dims.push_back(static_cast<int64_t>(lead + i));
    if (dims.empty()) return g;
    Tensor r = sum(g, dims, /*keepdim=*/true);
    return lead > 0 ? view(r, sizes) : r;
}

}  // namespace ember::autograd
