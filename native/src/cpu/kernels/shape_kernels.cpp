// Kernels of the rearranging ops (ops/shape_ops.h). They move bytes and never compute, so they
// dispatch on the element size rather than the dtype: one instantiation serves every dtype of
// that size, and zero bytes are the zero of every dtype (float +0, bfloat16 +0, false).
#include <algorithm>
#include <cstring>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/shape_ops.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <typename F>
void visit_element_size(size_t size, const char *op, F &&f) {
    switch (size) {
        case 1: f.template operator()<uint8_t>(); return;
        case 2: f.template operator()<uint16_t>(); return;
        case 4: f.template operator()<uint32_t>(); return;
        case 8: f.template operator()<uint64_t>(); return;
        default: fail(Status::Internal, op, ": unsupported element size ", size);
    }
}

void strided_gather(const Tensor &out, const void *src, IntArrayRef sizes, IntArrayRef strides) {
    const int64_t numel = out.numel();
    const int nd = static_cast<int>(sizes.size());
    const int64_t inner = sizes[nd - 1], inner_stride = strides[nd - 1];
    visit_element_size(out.element_size(), "flip", [&]<typename T>() {
        T *dst = out.data<T>();
        const T *base = static_cast<const T *>(src);
        parallel_for(0, numel, kGrainSize, [&](int64_t begin, int64_t end) {
            // The row-major index of `begin`, then runs along the innermost dim.
            DimVector idx(static_cast<size_t>(nd), 0);
            for (int64_t d = nd - 1, rem = begin; d >= 0; --d) {
                idx[d] = rem % sizes[d];
                rem /= sizes[d];
            }
            for (int64_t pos = begin; pos < end;) {
                const T *p = base;
                for (int d = 0; d < nd; ++d) p += idx[d] * strides[d];
                const int64_t n = std::min(inner - idx[nd - 1], end - pos);
                T *o = dst + pos;
                if (inner_stride == 1) std::memcpy(o, p, static_cast<size_t>(n) * sizeof(T));
                else if (inner_stride == -1) for (int64_t i = 0; i < n; ++i) o[i] = p[-i];
                else for (int64_t i = 0; i < n; ++i) o[i] = p[i * inner_stride];
                pos += n;
                idx[nd - 1] += n;
                for (int d = nd - 1; d > 0 && idx[d] == sizes[d]; --d) {
                    idx[d] = 0;
                    ++idx[d - 1];
                }
            }
        });
    });
}

void triangle(const Tensor &t, int64_t k, bool upper) {
    const int64_t cols = t.size(t.dim() - 1), rows = t.size(t.dim() - 2);
    const int64_t nrows = t.numel() / cols;  // every row of every matrix; numel > 0 here
    const size_t item = t.element_size();
    char *base = static_cast<char *>(t.data_ptr());
    // k is clamped to [-rows, cols] by the op, so row + k cannot overflow.
    parallel_for(0, nrows, std::max<int64_t>(1, kGrainSize / cols), [&](int64_t b, int64_t e) {
        for (int64_t r = b; r < e; ++r) {
            const int64_t i = r % rows;
            char *row = base + static_cast<size_t>(r * cols) * item;
            if (upper) {  // keeps col >= i + k
                int64_t to = std::clamp<int64_t>(i + k, 0, cols);
                std::memset(row, 0, static_cast<size_t>(to) * item);
            } else {  // keeps col <= i + k
                int64_t from = std::clamp<int64_t>(i + k + 1, 0, cols);
                std::memset(row + static_cast<size_t>(from) * item, 0, static_cast<size_t>(cols - from) * item);
            }
        }
    });
}

}  // namespace

void register_shape_kernels() {
    strided_gather_dispatch().set(DeviceType::CPU, strided_gather);
    triangle_dispatch().set(DeviceType::CPU, triangle);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
