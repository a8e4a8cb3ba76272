// Tensor factories.
#pragma once
#include "core/tensor.h"

namespace ember {

Tensor zeros(IntArrayRef sizes, DType dtype, Device device = Device::cpu());
Tensor ones(IntArrayRef sizes, DType dtype, Device device = Device::cpu());
Tensor full(IntArrayRef sizes, const Scalar &value, DType dtype, Device device = Device::cpu());
Tensor arange(const Scalar &start, const Scalar &end, const Scalar &step, DType dtype, Device device = Device::cpu());
Tensor linspace(double start, double end, int64_t steps, DType dtype, Device device = Device::cpu());
Tensor eye(int64_t n, int64_t m, DType dtype, Device device = Device::cpu());
// Copies a caller's row-major buffer.
Tensor from_data(const void *data, size_t nbytes, IntArrayRef sizes, DType dtype);
// Wraps external memory; deleter runs with the last reference.
Tensor from_blob(void *data, IntArrayRef sizes, const int64_t *strides, DType dtype, Device device,
                 ember_deleter_fn deleter, void *user_data);

}  // namespace ember
