// Autocast (torch.autocast for the CPU): inside an enabled scope, the matmul family and
// convolutions run in a lower-precision dtype (bfloat16 by default, which oneDNN runs with AMX or
// AVX512-BF16 where the CPU has them), while losses, reductions, softmax and normalisations run in float32. The casts
// are ordinary recorded ops, so gradients flow back to float32 parameters in float32.
//
// The state is per thread, like grad mode. Only the outermost listed op casts: an op's own
// internal calls (an fp32 loss that calls mm, say) see autocast as off, as PyTorch's dispatcher
// excludes the autocast key below the first autocast kernel. Backward passes run with it off.
#pragma once
#include "core/tensor.h"

namespace ember::autocast {

bool enabled();
DType dtype();  // the lower-precision dtype (BFloat16 or Float16)
// Throws for a dtype other than BFloat16/Float16.
void set(bool enabled, DType dtype);

// Turns casting off for a scope (the body of a listed op, a backward pass) and back on after.
// Not engaged, it does nothing: a listed op pays for it only when autocast is on.
class Suspend {
public:
    explicit Suspend(bool engage = true);
    ~Suspend();
    Suspend(const Suspend &) = delete;
    Suspend &operator=(const Suspend &) = delete;

private:
    bool engaged_;
    bool prev_;
};

// For a lower-precision op: float32 CPU tensors become dtype(); anything else is returned as is.
// Construct one at the top of the op, cast its inputs through it, and it suspends autocast for
// the rest of the op.
class LowerPrecision {
public:
    LowerPrecision();
    Tensor operator()(const Tensor &t) const;
    bool active() const { return active_; }

private:
    bool active_;
    Suspend suspend_;
};

// For an op that must run in float32: bfloat16/float16 CPU tensors become float32.
class Float32 {
public:
    Float32();
    Tensor operator()(const Tensor &t) const;
    bool active() const { return active_; }

private:
    bool active_;
    Suspend suspend_;
};

}  // namespace ember::autocast
