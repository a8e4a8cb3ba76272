// Autocast (ops/autocast.h): the per-thread mixed-precision setting.
#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/autocast.h"

using namespace ember;
using ember::capi::guard;

namespace {

void require_cpu(ember_device_type device, const char *fn) {
    const ember_device_type d = capi::enum_arg(device, EMBER_DEVICE_CPU, kNumDeviceTypes - 1, fn, "device");
    EMBER_CHECK(d == EMBER_DEVICE_CPU, Unsupported, fn, ": autocast is available for the CPU only in this build");
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_set_autocast(ember_device_type device, bool enabled, ember_dtype dtype) {
    return guard([&] {
        require_cpu(device, "ember_set_autocast");
        autocast::set(enabled, capi::dtype_arg(dtype, false, "ember_set_autocast"));
    });
}

EMBER_API ember_status ember_get_autocast(ember_device_type device, bool *enabled, ember_dtype *dtype) {
    return guard([&] {
        require_cpu(device, "ember_get_autocast");
        capi::require(enabled, "enabled");
        capi::require(dtype, "dtype");
        *enabled = autocast::enabled();
        *dtype = static_cast<ember_dtype>(autocast::dtype());
    });
}

}  // extern "C"
