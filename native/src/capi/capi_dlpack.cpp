// DLPack import and export (io/dlpack.cpp).
#include "capi/guard.h"
#include "io/dlpack.h"

using namespace ember;
using ember::capi::guard;

namespace {

ember_status import_dlpack(void *managed, ember_tensor *out, DLPackKind kind) {
    return guard([&] {
        capi::require(out, "out");
        *out = from_dlpack(managed, kind).release_to_c();
    });
}

ember_status export_dlpack(ember_tensor t, void **out, DLPackKind kind) {
    return guard([&] {
        capi::require(out, "out_managed_tensor");
        *out = to_dlpack(Tensor::borrow(t), kind);
    });
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_from_dlpack(void *managed_tensor, ember_tensor *out) {
    return import_dlpack(managed_tensor, out, DLPackKind::Unversioned);
}

EMBER_API ember_status ember_from_dlpack_versioned(void *managed_tensor, ember_tensor *out) {
    return import_dlpack(managed_tensor, out, DLPackKind::Versioned);
}

EMBER_API ember_status ember_to_dlpack(ember_tensor t, void **out_managed_tensor) {
    return export_dlpack(t, out_managed_tensor, DLPackKind::Unversioned);
}

EMBER_API ember_status ember_to_dlpack_versioned(ember_tensor t, void **out_managed_tensor) {
    return export_dlpack(t, out_managed_tensor, DLPackKind::Versioned);
}

}  // extern "C"
