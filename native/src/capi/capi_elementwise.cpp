// Elementwise ops.
#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/elementwise.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::optional;

extern "C" {

EMBER_API ember_status ember_unary(ember_unary_op op, ember_tensor x, ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        const auto o = capi::enum_arg(op, 0, EMBER_UNARY_OP_COUNT - 1, "ember_unary", "op");
        capi::give(unary(o, Tensor::borrow(x, "x"), optional(out)), result);
    });
}

EMBER_API ember_status ember_binary(ember_binary_op op, ember_tensor a, ember_tensor b, ember_tensor out,
                                    ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        const auto o = capi::enum_arg(op, 0, EMBER_BINARY_OP_COUNT - 1, "ember_binary", "op");
        capi::give(binary(o, Tensor::borrow(a, "a"), Tensor::borrow(b, "b"), optional(out)), result);
    });
}

EMBER_API ember_status ember_binary_scalar(ember_binary_op op, ember_tensor a, ember_scalar s, bool scalar_first,
                                           ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        const auto o = capi::enum_arg(op, 0, EMBER_BINARY_OP_COUNT - 1, "ember_binary_scalar", "op");
        capi::give(binary_scalar(o, Tensor::borrow(a, "a"), capi::scalar_arg(s, "ember_binary_scalar", "s"),
                                 scalar_first, optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_add_scaled(ember_tensor a, ember_tensor b, ember_scalar alpha, ember_tensor out,
                                        ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(add_scaled(Tensor::borrow(a, "a"), Tensor::borrow(b, "b"),
                              capi::scalar_arg(alpha, "ember_add_scaled", "alpha"), optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_where(ember_tensor cond, ember_tensor a, ember_tensor b, ember_tensor out,
                                   ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(where(Tensor::borrow(cond, "cond"), Tensor::borrow(a, "a"), Tensor::borrow(b, "b"), optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_clamp(ember_tensor x, ember_tensor min, ember_tensor max, ember_tensor out,
                                   ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(clamp(Tensor::borrow(x, "x"), optional(min), optional(max), optional(out)), result);
    });
}

EMBER_API ember_status ember_clamp_scalar(ember_tensor x, const ember_scalar *min, const ember_scalar *max,
                                          ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        Scalar lo = min ? capi::scalar_arg(*min, "ember_clamp_scalar", "min") : Scalar(),
               hi = max ? capi::scalar_arg(*max, "ember_clamp_scalar", "max") : Scalar();
        capi::give(clamp_scalar(Tensor::borrow(x, "x"), min ? &lo : nullptr, max ? &hi : nullptr, optional(out)), result);
    });
}

EMBER_API ember_status ember_lerp(ember_tensor start, ember_tensor end, ember_tensor weight, ember_tensor out,
                                  ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(lerp(Tensor::borrow(start, "start"), Tensor::borrow(end, "end"), Tensor::borrow(weight, "weight"),
                        optional(out)),
                   result);
    });
}

EMBER_API ember_status ember_softplus(ember_tensor x, double beta, double threshold, ember_tensor out,
                                      ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(softplus(Tensor::borrow(x, "x"), beta, threshold, optional(out)), result);
    });
}

EMBER_API ember_status ember_leaky_relu(ember_tensor x, double negative_slope, ember_tensor out, ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(leaky_relu(Tensor::borrow(x, "x"), negative_slope, optional(out)), result);
    });
}

EMBER_API ember_status ember_fill_(ember_tensor t, ember_scalar value) {
    return guard([&] { fill_(Tensor::borrow(t), capi::scalar_arg(value, "ember_fill_", "value")); });
}

EMBER_API ember_status ember_copy_(ember_tensor dst, ember_tensor src) {
    return guard([&] { copy_(Tensor::borrow(dst, "dst"), Tensor::borrow(src, "src")); });
}

EMBER_API ember_status ember_cast(ember_tensor x, ember_dtype dtype, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = cast(Tensor::borrow(x, "x"), capi::dtype_arg(dtype, false, "ember_cast")).release_to_c();
    });
}

EMBER_API ember_status ember_clone(ember_tensor x, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = clone(Tensor::borrow(x, "x")).release_to_c();
    });
}

EMBER_API ember_status ember_contiguous(ember_tensor x, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = contiguous(Tensor::borrow(x, "x")).release_to_c();
    });
}

EMBER_API ember_status ember_masked_fill(ember_tensor x, ember_tensor mask, ember_scalar value, ember_tensor out,
                                         ember_tensor *result) {
    return guard([&] {
        capi::require_result(out, result);
        capi::give(masked_fill(Tensor::borrow(x, "x"), Tensor::borrow(mask, "mask"),
                               capi::scalar_arg(value, "ember_masked_fill", "value"), optional(out)),
                   result);
    });
}

}  // extern "C"
