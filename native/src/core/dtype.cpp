#include "core/dtype.h"

namespace ember {

void fail_undefined_itemsize() { fail(Status::DType, "undefined dtype has no size"); }

const char *dtype_name(DType t) {
    switch (t) {
        case DType::Float32: return "float32";
        case DType::Float64: return "float64";
        case DType::Float16: return "float16";
        case DType::BFloat16: return "bfloat16";
        case DType::Int8: return "int8";
        case DType::UInt8: return "uint8";
        case DType::Int16: return "int16";
        case DType::Int32: return "int32";
        case DType::Int64: return "int64";
        case DType::Bool: return "bool";
        default: return "undefined";
    }
}

namespace {
int int_rank(DType t) {  // signed ints by width
    switch (t) {
        case DType::Int8: return 1;
        case DType::Int16: return 2;
        case DType::Int32: return 3;
        case DType::Int64: return 4;
        default: return 0;
    }
}
int float_rank(DType t) {
    switch (t) {
        case DType::Float16: case DType::BFloat16: return 1;
        case DType::Float32: return 2;
        case DType::Float64: return 3;
        default: return 0;
    }
}
}  // namespace

DType promote_types(DType a, DType b) {
    if (a == b) return a;
    if (a == DType::Undefined) return b;
    if (b == DType::Undefined) return a;
    if (a == DType::Bool) return b;
    if (b == DType::Bool) return a;
    bool fa = is_floating(a), fb = is_floating(b);
    if (fa && fb) {
        // float16 and bfloat16 have no common 16-bit type: they meet at float32.
        if (float_rank(a) == 1 && float_rank(b) == 1) return DType::Float32;
        return float_rank(a) >= float_rank(b) ? a : b;
    }
    if (fa) return a;
    if (fb) return b;
    // Both integral. uint8 with a signed int needs the next wider signed type (at least int16).
    if (a == DType::UInt8 || b == DType::UInt8) {
        DType s = a == DType::UInt8 ? b : a;
        return int_rank(s) >= 2 ? s : DType::Int16;
    }
    return int_rank(a) >= int_rank(b) ? a : b;
}

bool can_cast(DType from, DType to) {
    if (is_floating(from) && is_integral(to, true)) return false;
    if (from != DType::Bool && to == DType::Bool) return false;
    return true;
}

DType dtype_from_c(ember_dtype d, bool allow_undefined) {
    int v = static_cast<int>(d);
    if (v == EMBER_DTYPE_UNDEFINED && allow_undefined) return DType::Undefined;
    EMBER_CHECK(v >= 0 && v < kNumDTypes, InvalidArgument, "invalid dtype value ", v);
    return static_cast<DType>(v);
}

}  // namespace ember
