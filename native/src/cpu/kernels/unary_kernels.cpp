// CPU kernels for ember_unary_op. Floating ops compute in opmath (float for float16/bfloat16);
// float32 contiguous runs go to the SLEEF array functions of vecmath.h.
#include <cmath>
#include <cstdlib>

#include "cpu/kernels/loops.h"
#include "cpu/kernels/register.h"
#include "cpu/kernels/vecmath.h"
#include "ops/elementwise.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

// A floating-point op: scalar expression in opmath type M on x, and the float32 array function.
#define EMBER_FLOAT_UNARY(NAME, EXPR, VEC)                                                  \
    void NAME##_kernel(const TensorIterator &it, const OpArgs &) {                          \
        visit_dtype<kFloating>(it.common_dtype(), #NAME, [&]<typename T>() {                \
            using M = opmath_t<T>;                                                          \
            auto f = [](T v) -> T { M x = static_cast<M>(v); return static_cast<T>(EXPR); }; \
            if constexpr (std::is_same_v<T, float>) unary_loop_vec<float>(it, f, VEC);      \
            else unary_loop<T, T>(it, f);                                                   \
        });                                                                                 \
    }

EMBER_FLOAT_UNARY(exp, std::exp(x), vec::exp)
EMBER_FLOAT_UNARY(expm1, std::expm1(x), vec::expm1)
EMBER_FLOAT_UNARY(log, std::log(x), vec::log)
EMBER_FLOAT_UNARY(log1p, std::log1p(x), vec::log1p)
EMBER_FLOAT_UNARY(log2, std::log2(x), vec::log2)
EMBER_FLOAT_UNARY(log10, std::log10(x), vec::log10)
EMBER_FLOAT_UNARY(exp2, std::exp2(x), vec::exp2)
EMBER_FLOAT_UNARY(sin, std::sin(x), vec::sin)
EMBER_FLOAT_UNARY(cos, std::cos(x), vec::cos)
EMBER_FLOAT_UNARY(tan, std::tan(x), vec::tan)
EMBER_FLOAT_UNARY(tanh, std::tanh(x), vec::tanh)
EMBER_FLOAT_UNARY(asin, std::asin(x), vec::asin)
EMBER_FLOAT_UNARY(acos, std::acos(x), vec::acos)
EMBER_FLOAT_UNARY(atan, std::atan(x), vec::atan)
EMBER_FLOAT_UNARY(sinh, std::sinh(x), vec::sinh)
EMBER_FLOAT_UNARY(cosh, std::cosh(x), vec::cosh)
EMBER_FLOAT_UNARY(erf, std::erf(x), vec::erf)
EMBER_FLOAT_UNARY(erfc, std::erfc(x), vec::erfc)
EMBER_FLOAT_UNARY(sigmoid, M(1) / (M(1) + std::exp(-x)), vec::sigmoid)
EMBER_FLOAT_UNARY(silu, x / (M(1) + std::exp(-x)), vec::silu)
EMBER_FLOAT_UNARY(gelu, M(0.5) * x * (M(1) + std::erf(x * M(0.70710678118654752440))), vec::gelu)
EMBER_FLOAT_UNARY(gelu_tanh,
                  M(0.5) * x * (M(1) + std::tanh(M(0.79788456080286535588) * (x + M(0.044715) * x * x * x))),
                  vec::gelu_tanh)
EMBER_FLOAT_UNARY(sqrt, std::sqrt(x), [](const float *in, float *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::sqrt(in[i]);
})
EMBER_FLOAT_UNARY(rsqrt, M(1) / std::sqrt(x), [](const float *in, float *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = 1.0f / std::sqrt(in[i]);
})
EMBER_FLOAT_UNARY(reciprocal, M(1) / x, [](const float *in, float *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = 1.0f / in[i];
})
#undef EMBER_FLOAT_UNARY

// An op defined for every dtype it accepts by one expression over x (of type T or opmath M).
template <unsigned Groups, typename F>
void same_type_kernel(const TensorIterator &it, const char *name, F f) {
    visit_dtype<Groups>(it.common_dtype(), name, [&]<typename T>() { unary_loop<T, T>(it, [&](T v) -> T { return f(v); }); });
}

void neg_kernel(const TensorIterator &it, const OpArgs &) {
    same_type_kernel<kNumeric>(it, "neg", []<typename T>(T v) -> T { return static_cast<T>(-static_cast<opmath_t<T>>(v)); });
}
void abs_kernel(const TensorIterator &it, const OpArgs &) {
    same_type_kernel<kNumeric>(it, "abs", []<typename T>(T v) -> T {
        using M = opmath_t<T>;
        M x = static_cast<M>(v);
        if constexpr (std::is_unsigned_v<M>) return v;
        else return static_cast<T>(x < M(0) ? -x : x == M(0) ? M(0) : x);
    });
}
void sign_kernel(const TensorIterator &it, const OpArgs &) {
    same_type_kernel<kAll>(it, "sign", []<typename T>(T v) -> T {
        if constexpr (std::is_same_v<T, bool>) return v;
        else {
            using M = opmath_t<T>;
            M x = static_cast<M>(v);
            return static_cast<T>(static_cast<M>((M(0) < x) - (x < M(0))));  // NaN gives 0, as in PyTorch
        }
    });
}
void relu_kernel(const TensorIterator &it, const OpArgs &) {
    same_type_kernel<kNumeric>(it, "relu", []<typename T>(T v) -> T {
        using M = opmath_t<T>;
        M x = static_cast<M>(v);
        return x > M(0) || x != x ? v : T(M(0));
    });
}
void square_kernel(const TensorIterator &it, const OpArgs &) {
    same_type_kernel<kNumeric>(it, "square", []<typename T>(T v) -> T {
        using M = opmath_t<T>;
        return static_cast<T>(static_cast<M>(v) * static_cast<M>(v));
    });
}

// Rounding: integers are already integral, so they pass through.
#define EMBER_ROUNDING(NAME, FN)                                                         \
    void NAME##_kernel(const TensorIterator &it, const OpArgs &) {                       \
        same_type_kernel<kNumeric>(it, #NAME, []<typename T>(T v) -> T {                 \
            if constexpr (is_floating_v<T>) return static_cast<T>(FN(static_cast<opmath_t<T>>(v))); \
            else return v;                                                               \
        });                                                                              \
    }
EMBER_ROUNDING(floor, std::floor)
EMBER_ROUNDING(ceil, std::ceil)
EMBER_ROUNDING(round, std::nearbyint)  // half to even, as torch.round
EMBER_ROUNDING(trunc, std::trunc)
#undef EMBER_ROUNDING

// Predicates: output bool, input in its own dtype.
template <typename P>
void predicate_kernel(const TensorIterator &it, const char *name, P p) {
    visit_dtype(it.dtype(1), name, [&]<typename T>() { unary_loop<bool, T>(it, [&](T v) -> bool { return p(v); }); });
}
void logical_not_kernel(const TensorIterator &it, const OpArgs &) {
    predicate_kernel(it, "logical_not", []<typename T>(T v) { return !(static_cast<opmath_t<T>>(v) != opmath_t<T>(0)); });
}
void isnan_kernel(const TensorIterator &it, const OpArgs &) {
    predicate_kernel(it, "isnan", []<typename T>(T v) {
        if constexpr (is_floating_v<T>) return std::isnan(static_cast<opmath_t<T>>(v));
        else return false;
    });
}
void isinf_kernel(const TensorIterator &it, const OpArgs &) {
    predicate_kernel(it, "isinf", []<typename T>(T v) {
        if constexpr (is_floating_v<T>) return std::isinf(static_cast<opmath_t<T>>(v));
        else return false;
    });
}
void isfinite_kernel(const TensorIterator &it, const OpArgs &) {
    predicate_kernel(it, "isfinite", []<typename T>(T v) {
        if constexpr (is_floating_v<T>) return std::isfinite(static_cast<opmath_t<T>>(v));
        else return true;
    });
}

}  // namespace

void register_unary_kernels() {
    auto &t = unary_dispatch();
    auto set = [&](ember_unary_op op, ElementwiseKernel k) { t.set(DeviceType::CPU, op, k); };
    set(EMBER_UNARY_NEG, neg_kernel);
    set(EMBER_UNARY_ABS, abs_kernel);
    set(EMBER_UNARY_SIGN, sign_kernel);
    set(EMBER_UNARY_EXP, exp_kernel);
    set(EMBER_UNARY_EXPM1, expm1_kernel);
    set(EMBER_UNARY_LOG, log_kernel);
    set(EMBER_UNARY_LOG1P, log1p_kernel);
    set(EMBER_UNARY_LOG2, log2_kernel);
    set(EMBER_UNARY_SQRT, sqrt_kernel);
    set(EMBER_UNARY_RSQRT, rsqrt_kernel);
    set(EMBER_UNARY_RECIPROCAL, reciprocal_kernel);
    set(EMBER_UNARY_SIN, sin_kernel);
    set(EMBER_UNARY_COS, cos_kernel);
    set(EMBER_UNARY_TAN, tan_kernel);
    set(EMBER_UNARY_TANH, tanh_kernel);
    set(EMBER_UNARY_SIGMOID, sigmoid_kernel);
    set(EMBER_UNARY_RELU, relu_kernel);
    set(EMBER_UNARY_GELU, gelu_kernel);
    set(EMBER_UNARY_GELU_TANH, gelu_tanh_kernel);
    set(EMBER_UNARY_SILU, silu_kernel);
    set(EMBER_UNARY_ERF, erf_kernel);
    set(EMBER_UNARY_FLOOR, floor_kernel);
    set(EMBER_UNARY_CEIL, ceil_kernel);
    set(EMBER_UNARY_ROUND, round_kernel);
    set(EMBER_UNARY_TRUNC, trunc_kernel);
    set(EMBER_UNARY_LOGICAL_NOT, logical_not_kernel);
    set(EMBER_UNARY_ISNAN, isnan_kernel);
    set(EMBER_UNARY_ISINF, isinf_kernel);
    set(EMBER_UNARY_ISFINITE, isfinite_kernel);
    set(EMBER_UNARY_LOG10, log10_kernel);
    set(EMBER_UNARY_EXP2, exp2_kernel);
    set(EMBER_UNARY_ASIN, asin_kernel);
    set(EMBER_UNARY_ACOS, acos_kernel);
    set(EMBER_UNARY_ATAN, atan_kernel);
    set(EMBER_UNARY_SINH, sinh_kernel);
    set(EMBER_UNARY_COSH, cosh_kernel);
    set(EMBER_UNARY_ERFC, erfc_kernel);
    set(EMBER_UNARY_SQUARE, square_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
