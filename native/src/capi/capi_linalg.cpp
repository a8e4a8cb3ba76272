// Linear algebra.
#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/linalg.h"

using namespace ember;
using ember::capi::guard;

extern "C" {

EMBER_API ember_status ember_matmul(ember_tensor a, ember_tensor b, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = matmul(Tensor::borrow(a, "a"), Tensor::borrow(b, "b")).release_to_c();
    });
}

EMBER_API ember_status ember_mm(ember_tensor a, ember_tensor b, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = mm(Tensor::borrow(a, "a"), Tensor::borrow(b, "b")).release_to_c();
    });
}

EMBER_API ember_status ember_bmm(ember_tensor a, ember_tensor b, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = bmm(Tensor::borrow(a, "a"), Tensor::borrow(b, "b")).release_to_c();
    });
}

EMBER_API ember_status ember_addmm(ember_tensor input, ember_tensor a, ember_tensor b, ember_scalar beta,
                                   ember_scalar alpha, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = addmm(Tensor::borrow(input, "input"), Tensor::borrow(a, "a"), Tensor::borrow(b, "b"),
                     capi::scalar_arg(beta, "ember_addmm", "beta"), capi::scalar_arg(alpha, "ember_addmm", "alpha"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_outer(ember_tensor a, ember_tensor b, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = outer(Tensor::borrow(a, "a"), Tensor::borrow(b, "b")).release_to_c();
    });
}

EMBER_API ember_status ember_dot(ember_tensor a, ember_tensor b, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = dot(Tensor::borrow(a, "a"), Tensor::borrow(b, "b")).release_to_c();
    });
}

}  // extern "C"
