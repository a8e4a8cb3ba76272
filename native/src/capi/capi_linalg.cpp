// Linear algebra.
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
                     Scalar::from_c(beta), Scalar::from_c(alpha))
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
