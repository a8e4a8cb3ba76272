// CPU kernels for ember_binary_op. Inputs arrive converted to the common dtype; comparisons and
// logical ops write bool.
#include <cmath>

#include "cpu/kernels/loops.h"
#include "cpu/kernels/register.h"
#include "ops/elementwise.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <unsigned Groups, typename F>
void same_type(const TensorIterator &it, const char *name, F f) {
    visit_dtype<Groups>(it.common_dtype(), name, [&]<typename T>() {
        using M = opmath_t<T>;
        binary_loop<T, T>(it, [&](T a, T b) -> T { return static_cast<T>(f(static_cast<M>(a), static_cast<M>(b))); });
    });
}
template <typename F>
void to_bool(const TensorIterator &it, const char *name, F f) {
    visit_dtype(it.common_dtype(), name, [&]<typename T>() {
        using M = opmath_t<T>;
        binary_loop<bool, T>(it, [&](T a, T b) -> bool { return f(static_cast<M>(a), static_cast<M>(b)); });
    });
}

template <typename M> bool isnan_(M x) { if constexpr (std::is_floating_point_v<M>) return std::isnan(x); else return false; }

void add_kernel(const TensorIterator &it, const OpArgs &) {
    if (it.common_dtype() == DType::Bool) return binary_loop<bool, bool>(it, [](bool a, bool b) { return a || b; });
    same_type<kNumeric>(it, "add", []<typename M>(M a, M b) { return a + b; });
}
void sub_kernel(const TensorIterator &it, const OpArgs &) {
    same_type<kNumeric>(it, "sub", []<typename M>(M a, M b) { return a - b; });
}
void mul_kernel(const TensorIterator &it, const OpArgs &) {
    if (it.common_dtype() == DType::Bool) return binary_loop<bool, bool>(it, [](bool a, bool b) { return a && b; });
    same_type<kNumeric>(it, "mul", []<typename M>(M a, M b) { return a * b; });
}
void div_kernel(const TensorIterator &it, const OpArgs &) {
    same_type<kFloating>(it, "div", []<typename M>(M a, M b) { return a / b; });
}

// Integer division ops report division by zero through the iterator instead of trapping.
template <typename Fi, typename Ff>
void int_or_float(const TensorIterator &it, const char *name, Fi fi, Ff ff) {
    visit_dtype<kNumeric>(it.common_dtype(), name, [&]<typename T>() {
        using M = opmath_t<T>;
        if constexpr (std::is_integral_v<M>) {
            binary_loop<T, T>(it, [&](T a, T b) -> T {
                if (b == 0) [[unlikely]] { it.report(TensorIterator::KernelError::ZeroDivision); return T(0); }
                return static_cast<T>(fi(static_cast<M>(a), static_cast<M>(b)));
            });
        } else {
            binary_loop<T, T>(it, [&](T a, T b) -> T { return static_cast<T>(ff(static_cast<M>(a), static_cast<M>(b))); });
        }
    });
}

// x86 traps on INT_MIN / -1, which would kill the host: dividing by -1 is a (wrapping) negation
// and leaves no remainder, so those cases never reach the hardware divide.
template <typename M> bool is_minus_one(M b) {
    if constexpr (std::is_signed_v<M>) return b == M(-1);
    else return false;
}
template <typename M> M wrapping_neg(M a) {
    return static_cast<M>(static_cast<std::make_unsigned_t<M>>(0) - static_cast<std::make_unsigned_t<M>>(a));
}

template <typename M> M floor_div_float(M a, M b) {
    if (b == M(0)) return a / b;
    M mod = std::fmod(a, b);
    M div = (a - mod) / b;
    if (mod != M(0) && (b < M(0)) != (mod < M(0))) div -= M(1);
    if (div == M(0)) return std::copysign(M(0), a / b);
    M fl = std::floor(div);
    if (div - fl > M(0.5)) fl += M(1);
    return fl;
}

void div_floor_kernel(const TensorIterator &it, const OpArgs &) {
    int_or_float(it, "div_floor",
        []<typename M>(M a, M b) {
            if (is_minus_one(b)) return wrapping_neg(a);
            M q = static_cast<M>(a / b);
            if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
            return q;
        },
        []<typename M>(M a, M b) { return floor_div_float(a, b); });
}
void div_trunc_kernel(const TensorIterator &it, const OpArgs &) {
    int_or_float(it, "div_trunc", []<typename M>(M a, M b) { return is_minus_one(b) ? wrapping_neg(a) : static_cast<M>(a / b); },
                 []<typename M>(M a, M b) { return std::trunc(a / b); });
}
void remainder_kernel(const TensorIterator &it, const OpArgs &) {
    int_or_float(it, "remainder",
        []<typename M>(M a, M b) {
            if (is_minus_one(b)) return M(0);
            M r = static_cast<M>(a % b);
            if (r != 0 && ((r < 0) != (b < 0))) r += b;
            return r;
        },
        []<typename M>(M a, M b) {
            M r = std::fmod(a, b);
            if (r != M(0) && ((b < M(0)) != (r < M(0)))) r += b;
            return r;
        });
}
void fmod_kernel(const TensorIterator &it, const OpArgs &) {
    int_or_float(it, "fmod", []<typename M>(M a, M b) { return is_minus_one(b) ? M(0) : static_cast<M>(a % b); },
                 []<typename M>(M a, M b) { return std::fmod(a, b); });
}

template <typename M> M int_pow(M base, M exp) {
    M result = 1;
    while (exp) {
        if (exp & 1) result = static_cast<M>(result * base);
        exp = static_cast<M>(exp >> 1);
        base = static_cast<M>(base * base);
    }
    return result;
}

void pow_kernel(const TensorIterator &it, const OpArgs &) {
    visit_dtype<kNumeric>(it.common_dtype(), "pow", [&]<typename T>() {
        using M = opmath_t<T>;
        if constexpr (std::is_integral_v<M>) {
            binary_loop<T, T>(it, [&](T a, T b) -> T {
                if constexpr (std::is_signed_v<M>) {
                    // 1 / a^|b| truncated: only 1 and -1 survive. (A negative *scalar* exponent
                    // is rejected before the kernel runs, as in PyTorch.)
                    if (b < 0) return a == 1 ? T(1) : a == -1 ? T((b & 1) ? -1 : 1) : T(0);
                }
                return int_pow<M>(a, b);
            });
        } else {
            binary_loop<T, T>(it, [](T a, T b) -> T { return static_cast<T>(std::pow(static_cast<M>(a), static_cast<M>(b))); });
        }
    });
}

void maximum_kernel(const TensorIterator &it, const OpArgs &) {
    if (it.common_dtype() == DType::Bool) return binary_loop<bool, bool>(it, [](bool a, bool b) { return a || b; });
    // Ties (including 0.0 vs -0.0) return the first operand, as PyTorch's kernel does.
    same_type<kNumeric>(it, "maximum", []<typename M>(M a, M b) { return isnan_(a) ? a : isnan_(b) ? b : (a < b ? b : a); });
}
void minimum_kernel(const TensorIterator &it, const OpArgs &) {
    if (it.common_dtype() == DType::Bool) return binary_loop<bool, bool>(it, [](bool a, bool b) { return a && b; });
    same_type<kNumeric>(it, "minimum", []<typename M>(M a, M b) { return isnan_(a) ? a : isnan_(b) ? b : (b < a ? b : a); });
}
void atan2_kernel(const TensorIterator &it, const OpArgs &) {
    same_type<kFloating>(it, "atan2", []<typename M>(M a, M b) { return std::atan2(a, b); });
}

#define EMBER_COMPARE(NAME, OP) \
    void NAME##_kernel(const TensorIterator &it, const OpArgs &) { to_bool(it, #NAME, []<typename M>(M a, M b) { return a OP b; }); }
EMBER_COMPARE(eq, ==)
EMBER_COMPARE(ne, !=)
EMBER_COMPARE(lt, <)
EMBER_COMPARE(le, <=)
EMBER_COMPARE(gt, >)
EMBER_COMPARE(ge, >=)
#undef EMBER_COMPARE

#define EMBER_LOGICAL(NAME, OP)                                                   \
    void NAME##_kernel(const TensorIterator &it, const OpArgs &) {                \
        to_bool(it, #NAME, []<typename M>(M a, M b) { return (a != M(0)) OP (b != M(0)); }); \
    }
EMBER_LOGICAL(logical_and, &&)
EMBER_LOGICAL(logical_or, ||)
EMBER_LOGICAL(logical_xor, !=)
#undef EMBER_LOGICAL

#define EMBER_BITWISE(NAME, OP)                                                                   \
    void NAME##_kernel(const TensorIterator &it, const OpArgs &) {                                \
        visit_dtype<kIntegral | kBool>(it.common_dtype(), #NAME, [&]<typename T>() {             \
            binary_loop<T, T>(it, [](T a, T b) -> T { return static_cast<T>(a OP b); });         \
        });                                                                                       \
    }
EMBER_BITWISE(bitwise_and, &)
EMBER_BITWISE(bitwise_or, |)
EMBER_BITWISE(bitwise_xor, ^)
#undef EMBER_BITWISE

}  // namespace

void register_binary_kernels() {
    auto &t = binary_dispatch();
    auto set = [&](ember_binary_op op, ElementwiseKernel k) { t.set(DeviceType::CPU, op, k); };
    set(EMBER_BINARY_ADD, add_kernel);
    set(EMBER_BINARY_SUB, sub_kernel);
    set(EMBER_BINARY_MUL, mul_kernel);
    set(EMBER_BINARY_DIV, div_kernel);
    set(EMBER_BINARY_DIV_FLOOR, div_floor_kernel);
    set(EMBER_BINARY_DIV_TRUNC, div_trunc_kernel);
    set(EMBER_BINARY_REMAINDER, remainder_kernel);
    set(EMBER_BINARY_POW, pow_kernel);
    set(EMBER_BINARY_MAXIMUM, maximum_kernel);
    set(EMBER_BINARY_MINIMUM, minimum_kernel);
    set(EMBER_BINARY_EQ, eq_kernel);
    set(EMBER_BINARY_NE, ne_kernel);
    set(EMBER_BINARY_LT, lt_kernel);
    set(EMBER_BINARY_LE, le_kernel);
    set(EMBER_BINARY_GT, gt_kernel);
    set(EMBER_BINARY_GE, ge_kernel);
    set(EMBER_BINARY_LOGICAL_AND, logical_and_kernel);
    set(EMBER_BINARY_LOGICAL_OR, logical_or_kernel);
    set(EMBER_BINARY_LOGICAL_XOR, logical_xor_kernel);
    set(EMBER_BINARY_FMOD, fmod_kernel);
    set(EMBER_BINARY_ATAN2, atan2_kernel);
    set(EMBER_BINARY_BITWISE_AND, bitwise_and_kernel);
    set(EMBER_BINARY_BITWISE_OR, bitwise_or_kernel);
    set(EMBER_BINARY_BITWISE_XOR, bitwise_xor_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
