// Element types, their C++ representations, and PyTorch's promotion and casting rules.
#pragma once
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "core/error.h"
#include "core/half.h"
#include "ember/ember.h"

namespace ember {

enum class DType : int8_t {
    Undefined = EMBER_DTYPE_UNDEFINED,
    Float32 = EMBER_DTYPE_FLOAT32,
    Float64 = EMBER_DTYPE_FLOAT64,
    Float16 = EMBER_DTYPE_FLOAT16,
    BFloat16 = EMBER_DTYPE_BFLOAT16,
    Int8 = EMBER_DTYPE_INT8,
    UInt8 = EMBER_DTYPE_UINT8,
    Int16 = EMBER_DTYPE_INT16,
    Int32 = EMBER_DTYPE_INT32,
    Int64 = EMBER_DTYPE_INT64,
    Bool = EMBER_DTYPE_BOOL,
};
inline constexpr int kNumDTypes = 10;

// The default floating dtype (torch.get_default_dtype()).
inline constexpr DType kDefaultFloat = DType::Float32;

[[noreturn]] void fail_undefined_itemsize();
// Inline: every op asks for it several times.
inline size_t itemsize(DType t) {
    // static: a plain constexpr local array is rebuilt on the stack at every call.
    static constexpr unsigned char kSizes[kNumDTypes + 1] = {0, 4, 8, 2, 2, 1, 1, 2, 4, 8, 1};
    auto i = static_cast<unsigned>(static_cast<int>(t) + 1);
    if (i > kNumDTypes || i == 0) fail_undefined_itemsize();
    return kSizes[i];
}
const char *dtype_name(DType t);  // "float32", ...
inline bool is_floating(DType t) {
    return t == DType::Float32 || t == DType::Float64 || t == DType::Float16 || t == DType::BFloat16;
}
inline bool is_integral(DType t, bool include_bool) {
    return (t >= DType::Int8 && t <= DType::Int64) || (include_bool && t == DType::Bool);
}
inline bool is_signed(DType t) { return t != DType::UInt8 && t != DType::Bool; }

// torch.promote_types.
DType promote_types(DType a, DType b);
// torch.can_cast: floating results cannot be written to integer outputs, nor non-bool to bool.
bool can_cast(DType from, DType to);
// Validates a dtype coming through the C ABI.
DType dtype_from_c(ember_dtype d, bool allow_undefined);

template <typename T> struct dtype_of;
template <> struct dtype_of<float> { static constexpr DType value = DType::Float32; };
template <> struct dtype_of<double> { static constexpr DType value = DType::Float64; };
template <> struct dtype_of<Half> { static constexpr DType value = DType::Float16; };
template <> struct dtype_of<BFloat16> { static constexpr DType value = DType::BFloat16; };
template <> struct dtype_of<int8_t> { static constexpr DType value = DType::Int8; };
template <> struct dtype_of<uint8_t> { static constexpr DType value = DType::UInt8; };
template <> struct dtype_of<int16_t> { static constexpr DType value = DType::Int16; };
template <> struct dtype_of<int32_t> { static constexpr DType value = DType::Int32; };
template <> struct dtype_of<int64_t> { static constexpr DType value = DType::Int64; };
template <> struct dtype_of<bool> { static constexpr DType value = DType::Bool; };

// The type arithmetic is done in: float for the 16-bit floats, the type itself otherwise.
template <typename T> struct opmath { using type = T; };
template <> struct opmath<Half> { using type = float; };
template <> struct opmath<BFloat16> { using type = float; };
template <typename T> using opmath_t = typename opmath<T>::type;

template <typename T>
inline constexpr bool is_reduced_float_v = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
template <typename T>
inline constexpr bool is_floating_v = std::is_floating_point_v<T> || is_reduced_float_v<T>;

// Calls f.template operator()<T>() with the C++ type of dtype t: the one place that maps dtypes
// to types. Groups restrict the dtypes an op accepts and name the op in the error.
enum DTypeGroup : unsigned {
    kFloating = 1, kIntegral = 2, kBool = 4,
    kAll = kFloating | kIntegral | kBool,
    kNumeric = kFloating | kIntegral,
};
template <unsigned Groups = kAll, typename F>
decltype(auto) visit_dtype(DType t, const char *op, F &&f) {
#define EMBER_VISIT_CASE(D, T, G) \
    case DType::D:                 \
        if constexpr ((Groups & (G)) != 0) return f.template operator()<T>(); else break;
    switch (t) {
        EMBER_VISIT_CASE(Float32, float, kFloating)
        EMBER_VISIT_CASE(Float64, double, kFloating)
        EMBER_VISIT_CASE(Float16, Half, kFloating)
        EMBER_VISIT_CASE(BFloat16, BFloat16, kFloating)
        EMBER_VISIT_CASE(Int8, int8_t, kIntegral)
        EMBER_VISIT_CASE(UInt8, uint8_t, kIntegral)
        EMBER_VISIT_CASE(Int16, int16_t, kIntegral)
        EMBER_VISIT_CASE(Int32, int32_t, kIntegral)
        EMBER_VISIT_CASE(Int64, int64_t, kIntegral)
        EMBER_VISIT_CASE(Bool, bool, kBool)
        default: break;
    }
#undef EMBER_VISIT_CASE
    fail(Status::DType, op, ": unsupported dtype ", dtype_name(t));
}

}  // namespace ember
