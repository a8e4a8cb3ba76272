// dst = src with dtype conversion, for any pair of dtypes.
#include <cstring>

#include "core/convert.h"
#include "cpu/kernels/loops.h"
#include "cpu/kernels/register.h"
#include "ops/copy.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {
void copy_kernel(const TensorIterator &it) {
    visit_dtype(it.dtype(0), "copy_", [&]<typename D>() {
        visit_dtype(it.dtype(1), "copy_", [&]<typename S>() {
            if constexpr (std::is_same_v<D, S>) {
                it.for_each([](char **data, const int64_t *s, int64_t n) {
                    if (s[0] == sizeof(D) && s[1] == sizeof(D)) std::memcpy(data[0], data[1], n * sizeof(D));
                    else if (s[1] == 0) {
                        D v = *reinterpret_cast<const D *>(data[1]);
                        for (int64_t i = 0; i < n; ++i) *reinterpret_cast<D *>(data[0] + i * s[0]) = v;
                    } else {
                        for (int64_t i = 0; i < n; ++i)
                            *reinterpret_cast<D *>(data[0] + i * s[0]) = *reinterpret_cast<const D *>(data[1] + i * s[1]);
                    }
                });
            } else {
                unary_loop<D, S>(it, [](S v) { return convert<D>(v); });
            }
        });
    });
}
}  // namespace

void register_copy_kernels() { copy_dispatch().set(DeviceType::CPU, copy_kernel); }

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
