#pragma once
#include "core/dispatch.h"
#include "core/tensor_iterator.h"

namespace ember {

// dst = src with dtype conversion; operand 0 is dst, operand 1 src (each with its own dtype).
using CopyKernel = void (*)(const TensorIterator &);
DispatchTable<CopyKernel> &copy_dispatch();

}  // namespace ember
