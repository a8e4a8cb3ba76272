// Random sampling: in-place fills (uniform_, normal_, random_, bernoulli_) and the factories built
// on them. Every fill draws from a Generator (core/generator.h): element i of a fill, in row-major
// order, is a pure function of (seed, offset + i), so results never depend on the thread count.
#pragma once
#include "core/dispatch.h"
#include "core/generator.h"
#include "core/tensor.h"

namespace ember {

enum class RandomOp : int {
    Uniform,           // a = low, b = high
    Normal,            // a = mean, b = std
    RandomFromTo,      // from, range (0 means all 2^64 values)
    Bernoulli,         // a = probability
    BernoulliTensor,   // probabilities from the tensor p (same shape, contiguous)
    CheckProbability,  // throws when some element of p is outside [0, 1]; draws nothing
    Count
};

struct RandomArgs {
    PhiloxStream stream;  // counters stream.offset .. stream.offset + numel - 1 belong to this fill
    double a = 0, b = 0;
    int64_t from = 0;
    uint64_t range = 0;
};

// Fills out (contiguous), reading p for the Bernoulli-tensor ops.
using RandomKernel = void (*)(const Tensor &out, const Tensor &p, const RandomArgs &args);
DispatchTable<RandomKernel, static_cast<int>(RandomOp::Count)> &random_dispatch();

void uniform_(const Tensor &t, double low, double high, Generator &gen);
void normal_(const Tensor &t, double mean, double std, Generator &gen);
// Integers uniform on [from, to), for every dtype (bool included), as Tensor.random_(from, to).
void random_(const Tensor &t, int64_t from, int64_t to, Generator &gen);
void bernoulli_(const Tensor &t, double p, Generator &gen);

Tensor rand(IntArrayRef sizes, DType dtype, Device device, Generator &gen);
Tensor randn(IntArrayRef sizes, DType dtype, Device device, Generator &gen);
Tensor randint(int64_t low, int64_t high, IntArrayRef sizes, DType dtype, Device device, Generator &gen);
Tensor normal(double mean, double std, IntArrayRef sizes, DType dtype, Device device, Generator &gen);
// 0 or 1 for each probability in p (floating), in p's dtype and shape: torch.bernoulli(p).
Tensor bernoulli(const Tensor &p, Generator &gen);

}  // namespace ember
