// Enum arguments at the boundary. ember.h declares enum parameters, but a C caller (or a P/Invoke
// signature, or a cast in C) can pass any int there. In C++, holding a value outside an unscoped
// enum's range is undefined, and the optimiser may assume it never happens (a range check written
// on the enum itself can legally be folded away). So every enum argument of a C entry point is read
// here, once, as the int it really is, checked against the header's range, and only then converted:
// everything past the C ABI works with values that are known to be valid.
#pragma once
#include <cstring>
#include <type_traits>

#include "core/device.h"
#include "core/dtype.h"
#include "core/error.h"
#include "core/scalar.h"
#include "ember/ember.h"

namespace ember::capi {

// The int a caller passed for an enum parameter, read without ever using it as an enum value.
template <typename E>
int enum_bits(const E &e) noexcept {
    static_assert(std::is_enum_v<E> && sizeof(E) == sizeof(int), "C enums are int-sized");
    int v = 0;
    std::memcpy(&v, &e, sizeof v);
    return v;
}

// Checks the value v of the enum argument `arg` (a field of it when `field` is not empty) of entry
// point `fn` against [first, last]; the message names the function, the argument and the value.
inline void check_enum_value(int v, int first, int last, const char *fn, const char *arg, const char *field = "") {
    EMBER_CHECK(v >= first && v <= last, InvalidArgument, fn, ": invalid value ", v, " for argument '", arg, field,
                "' (expected ", first, " to ", last, ")");
}

// The enum argument `arg` of entry point `fn`, checked to lie in [first, last].
template <typename E>
E enum_arg(const E &e, int first, int last, const char *fn, const char *arg) {
    const int v = enum_bits(e);
    check_enum_value(v, first, last, fn, arg);
    return static_cast<E>(v);
}

// A dtype argument; EMBER_DTYPE_UNDEFINED is accepted only where the op has a default.
inline DType dtype_arg(const ember_dtype &d, bool allow_undefined, const char *fn, const char *arg = "dtype") {
    const int first = allow_undefined ? EMBER_DTYPE_UNDEFINED : 0;
    return static_cast<DType>(enum_arg(d, first, kNumDTypes - 1, fn, arg));
}

// A device argument: its type is checked here; Device::from_c applies the index rules.
inline Device device_arg(const ember_device &d, const char *fn, const char *arg = "device") {
    check_enum_value(enum_bits(d.type), EMBER_DEVICE_CPU, kNumDeviceTypes - 1, fn, arg, ".type");
    return Device::from_c(d);
}

// A scalar argument: its kind is checked before Scalar::from_c switches on it.
inline Scalar scalar_arg(const ember_scalar &s, const char *fn, const char *arg) {
    check_enum_value(enum_bits(s.kind), EMBER_SCALAR_BOOL, EMBER_SCALAR_FLOAT, fn, arg, ".kind");
    return Scalar::from_c(s);
}

}  // namespace ember::capi
