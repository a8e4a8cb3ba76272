// Value conversion between element types, as PyTorch's c10::convert: through float for the
// 16-bit floats, != 0 for bool.
#pragma once
#include <type_traits>

#include "core/dtype.h"

namespace ember {

template <typename To, typename From>
inline To convert(From v) {
    if constexpr (std::is_same_v<To, From>) {
        return v;
    } else if constexpr (std::is_same_v<To, bool>) {
        return static_cast<opmath_t<From>>(v) != opmath_t<From>(0);
    } else if constexpr (is_reduced_float_v<To>) {
        return To(static_cast<float>(static_cast<opmath_t<From>>(v)));
    } else {
        return static_cast<To>(static_cast<opmath_t<From>>(v));
    }
}

}  // namespace ember
