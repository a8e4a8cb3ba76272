// CPU kernels for PointwiseOp: elementwise ops with parameters or three operands.
#include <cmath>

#include "core/convert.h"
#include "cpu/kernels/loops.h"
#include "cpu/kernels/register.h"
#include "ops/elementwise.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <typename M> bool isnan_(M x) { if constexpr (std::is_floating_point_v<M>) return std::isnan(x); else return false; }
template <typename M> M max_nan(M a, M b) { return isnan_(a) ? a : isnan_(b) ? b : (a > b ? a : b); }
template <typename M> M min_nan(M a, M b) { return isnan_(a) ? a : isnan_(b) ? b : (a < b ? a : b); }

void add_scaled_kernel(const TensorIterator &it, const OpArgs &args) {
    if (it.common_dtype() == DType::Bool) {
        bool alpha = args.s[0].to<bool>();
        return binary_loop<bool, bool>(it, [alpha](bool a, bool b) { return a || (alpha && b); });
    }
    visit_dtype<kNumeric>(it.common_dtype(), "add", [&]<typename T>() {
        using M = opmath_t<T>;
        M alpha = args.s[0].to<M>();
        binary_loop<T, T>(it, [alpha](T a, T b) -> T { return static_cast<T>(static_cast<M>(a) + alpha * static_cast<M>(b)); });
    });
}

void where_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype(it.common_dtype(), "where", [&]<typename T>() {
        ternary_loop<T, T, bool>(it, [](T a, T b, bool c) { return c ? a : b; });
    });
}

void clamp_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype<kNumeric>(it.common_dtype(), "clamp", [&]<typename T>() {
        using M = opmath_t<T>;
        ternary_loop<T, T, T>(it, [](T x, T lo, T hi) -> T {
            return static_cast<T>(min_nan(max_nan(static_cast<M>(x), static_cast<M>(lo)), static_cast<M>(hi)));
        });
    });
}
void clamp_min_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype<kNumeric>(it.common_dtype(), "clamp", [&]<typename T>() {
        using M = opmath_t<T>;
        binary_loop<T, T>(it, [](T x, T lo) -> T { return static_cast<T>(max_nan(static_cast<M>(x), static_cast<M>(lo))); });
    });
}
void clamp_max_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype<kNumeric>(it.common_dtype(), "clamp", [&]<typename T>() {
        using M = opmath_t<T>;
        binary_loop<T, T>(it, [](T x, T hi) -> T { return static_cast<T>(min_nan(static_cast<M>(x), static_cast<M>(hi))); });
    });
}

void lerp_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype<kFloating>(it.common_dtype(), "lerp", [&]<typename T>() {
        using M = opmath_t<T>;
        ternary_loop<T, T, T>(it, [](T s, T e, T w) -> T {
            M a = static_cast<M>(s), b = static_cast<M>(e), x = static_cast<M>(w);
            // PyTorch's two-sided form keeps lerp exact at both ends.
            return static_cast<T>(std::abs(x) < M(0.5) ? a + x * (b - a) : b - (b - a) * (M(1) - x));
        });
    });
}

void softplus_kernel(const TensorIterator &it, const OpArgs &args) {
    visit_dtype<kFloating>(it.common_dtype(), "softplus", [&]<typename T>() {
        using M = opmath_t<T>;
        M beta = args.s[0].to<M>(), threshold = args.s[1].to<M>();
        unary_loop<T, T>(it, [=](T v) -> T {
            M x = static_cast<M>(v);
            return static_cast<T>(x * beta > threshold ? x : std::log1p(std::exp(x * beta)) / beta);
        });
    });
}

void leaky_relu_kernel(const TensorIterator &it, const OpArgs &args) {
    visit_dtype<kFloating>(it.common_dtype(), "leaky_relu", [&]<typename T>() {
        using M = opmath_t<T>;
        M slope = args.s[0].to<M>();
        unary_loop<T, T>(it, [=](T v) -> T {
            M x = static_cast<M>(v);
            return static_cast<T>(x > M(0) ? x : x * slope);
        });
    });
}

void fill_kernel(const TensorIterator &it, const OpArgs &args) {
    visit_dtype(it.dtype(0), "fill_", [&]<typename T>() {
        const Scalar &s = args.s[0];
        T v = s.is_floating() ? convert<T>(s.d) : s.is_bool() ? convert<T>(s.i != 0) : convert<T>(s.i);
        nullary_loop<T>(it, [v]() { return v; });
    });
}

}  // namespace

void register_pointwise_kernels() {
    auto &t = pointwise_dispatch();
    auto set = [&](PointwiseOp op, ElementwiseKernel k) { t.set(DeviceType::CPU, static_cast<int>(op), k); };
    set(PointwiseOp::AddScaled, add_scaled_kernel);
    set(PointwiseOp::Where, where_kernel);
    set(PointwiseOp::Clamp, clamp_kernel);
    set(PointwiseOp::ClampMin, clamp_min_kernel);
    set(PointwiseOp::ClampMax, clamp_max_kernel);
    set(PointwiseOp::Lerp, lerp_kernel);
    set(PointwiseOp::Softplus, softplus_kernel);
    set(PointwiseOp::LeakyRelu, leaky_relu_kernel);
    set(PointwiseOp::Fill, fill_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
