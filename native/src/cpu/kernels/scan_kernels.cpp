// CPU cumsum / cumprod over [outer, dim_size, inner] contiguous data. As PyTorch's CPU kernels,
// the running value is kept in its CPU accumulation type — double for float32 and float64, float
// for the 16-bit floats, 64-bit for integers (wrapping, then truncated to the result dtype) —
// and rounded on each store. inner == 1 scans each row sequentially; inner > 1 scans blocks of adjacent columns
// together, one vector lane per column.
#include <cstdint>
#include <type_traits>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/scan.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

constexpr int64_t kWidth = 64;  // columns per block (inner > 1)

template <typename T>
using scan_acc_t = std::conditional_t<is_reduced_float_v<T>, float, std::conditional_t<is_floating_v<T>, double, uint64_t>>;

template <typename T, typename A>
inline T narrow(A a) {
    if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<int64_t>(a));
    else return static_cast<T>(a);
}

template <bool Prod, typename A>
inline A apply(A acc, A x) {
    if constexpr (Prod) return acc * x;
    else return acc + x;
}

template <typename T, bool Prod>
void scan_typed(const T *in, T *out, const ScanShape &s) {
    using A = scan_acc_t<T>;
    const int64_t D = s.dim_size, inner = s.inner;
    const A init = Prod ? A(1) : A(0);
    if (inner == 1) {
        const int64_t grain = std::max<int64_t>(1, kGrainSize / D);
        parallel_for(0, s.outer, grain, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r) {
                const T *x = in + r * D;
                T *y = out + r * D;
                A acc = init;
                for (int64_t i = 0; i < D; ++i) {
                    acc = apply<Prod>(acc, static_cast<A>(static_cast<opmath_t<T>>(x[i])));
                    y[i] = narrow<T>(acc);
                }
            }
        });
        return;
    }
    const int64_t blocks = (inner + kWidth - 1) / kWidth;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / (D * std::min(kWidth, inner)));
    parallel_for(0, s.outer * blocks, grain, [&](int64_t b, int64_t e) {
        A acc[kWidth];
        for (int64_t u = b; u < e; ++u) {
            const int64_t o = u / blocks, c0 = (u % blocks) * kWidth, w = std::min(kWidth, inner - c0);
            const T *x = in + o * D * inner + c0;
            T *y = out + o * D * inner + c0;
            for (int64_t j = 0; j < w; ++j) acc[j] = init;
            for (int64_t d = 0; d < D; ++d) {
                const T *xr = x + d * inner;
                T *yr = y + d * inner;
                for (int64_t j = 0; j < w; ++j) {
                    acc[j] = apply<Prod>(acc[j], static_cast<A>(static_cast<opmath_t<T>>(xr[j])));
                    yr[j] = narrow<T>(acc[j]);
                }
            }
        }
    });
}

template <bool Prod>
void scan_kernel(const Tensor &in, const Tensor &out, const ScanShape &s) {
    visit_dtype<kNumeric>(in.dtype(), Prod ? "cumprod" : "cumsum",
                          [&]<typename T>() { scan_typed<T, Prod>(in.data<T>(), out.data<T>(), s); });
}

}  // namespace

void register_scan_kernels() {
    scan_dispatch().set(DeviceType::CPU, static_cast<int>(ScanOp::CumSum), scan_kernel<false>);
    scan_dispatch().set(DeviceType::CPU, static_cast<int>(ScanOp::CumProd), scan_kernel<true>);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
