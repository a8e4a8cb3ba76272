// oneDNN's matmul primitive behind Ember's GEMM problem (ops/linalg.h). A generic translation
// unit (not compiled per ISA): oneDNN picks its own kernels for the CPU at run time.
#pragma once
#include "ops/linalg.h"

namespace ember::cpu {

// Whether this oneDNN can multiply matrices of dtype on this CPU (float32 and bfloat16; float16
// only where oneDNN has a kernel for it).
bool onednn_supports(DType dtype);

// Runs p (k > 0, no empty dims) with oneDNN and returns true, or returns false having done
// nothing when oneDNN has no fast implementation for p's dtype and layout (only its slow
// reference kernel): the caller then uses another path. Primitives are cached per shape,
// strides, dtype, alpha and beta.
bool onednn_matmul(const GemmProblem &p);

}  // namespace ember::cpu
