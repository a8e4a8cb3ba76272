// A number passed to an op by value. Its kind (bool, int, float) matters for type promotion, as a
// Python number's type does in PyTorch.
#pragma once
#include <cmath>
#include <cstdint>

#include "core/dtype.h"
#include "ember/ember.h"

namespace ember {

struct Scalar {
    enum class Kind : uint8_t { Bool, Int, Float };
    Kind kind = Kind::Int;
    int64_t i = 0;
    double d = 0;

    Scalar() = default;
    static Scalar from_bool(bool v) { Scalar s; s.kind = Kind::Bool; s.i = v; s.d = v; return s; }
    static Scalar from_int(int64_t v) { Scalar s; s.kind = Kind::Int; s.i = v; s.d = static_cast<double>(v); return s; }
    static Scalar from_double(double v) { Scalar s; s.kind = Kind::Float; s.d = v; s.i = 0; return s; }
    static Scalar from_c(const ember_scalar &c) {
        switch (c.kind) {
            case EMBER_SCALAR_BOOL: return from_bool(c.i != 0);
            case EMBER_SCALAR_INT: return from_int(c.i);
            case EMBER_SCALAR_FLOAT: return from_double(c.f);
        }
        fail(Status::InvalidArgument, "invalid scalar kind ", static_cast<int>(c.kind));
    }
    ember_scalar to_c() const {
        ember_scalar c{};
        c.kind = kind == Kind::Bool ? EMBER_SCALAR_BOOL : kind == Kind::Int ? EMBER_SCALAR_INT : EMBER_SCALAR_FLOAT;
        c.i = i;
        c.f = d;
        return c;
    }

    bool is_floating() const { return kind == Kind::Float; }
    bool is_bool() const { return kind == Kind::Bool; }
    // The dtype a wrapped number of this kind has for promotion purposes.
    DType wrapped_dtype() const {
        return kind == Kind::Float ? kDefaultFloat : kind == Kind::Int ? DType::Int64 : DType::Bool;
    }
    // The storage dtype of a wrapped number (float64 keeps the full value).
    DType storage_dtype() const {
        return kind == Kind::Float ? DType::Float64 : kind == Kind::Int ? DType::Int64 : DType::Bool;
    }

    template <typename T>
    T to() const {
        if constexpr (std::is_same_v<T, bool>) return kind == Kind::Float ? d != 0 : i != 0;
        else if constexpr (std::is_integral_v<T>) return kind == Kind::Float ? static_cast<T>(static_cast<int64_t>(d)) : static_cast<T>(i);
        else if constexpr (std::is_same_v<T, double>) return d;
        else return T(static_cast<float>(d));
    }
};

}  // namespace ember
