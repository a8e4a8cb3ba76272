// Runtime-wide entry points: version, errors, logging, threads, allocator statistics.
#include <string>

#include "capi/enum_args.h"
#include "capi/guard.h"
#include "core/allocator.h"
#include "core/log.h"
#include "core/parallel.h"
#include "cpu/isa.h"

namespace ember::capi {

namespace {
thread_local std::string t_last_error;
}
void set_last_error(const char *message) { t_last_error = message; }

}  // namespace ember::capi

using namespace ember;
using ember::capi::guard;

extern "C" {

EMBER_API uint32_t ember_version(void) { return EMBER_ABI_VERSION; }

EMBER_API const char *ember_last_error_message(void) { return ember::capi::t_last_error.c_str(); }

EMBER_API ember_status ember_set_log_callback(ember_log_fn callback, void *user_data, ember_log_level min_level) {
    return guard([&] {
        const auto level =
            capi::enum_arg(min_level, EMBER_LOG_TRACE, EMBER_LOG_NONE, "ember_set_log_callback", "min_level");
        set_log_callback(callback, user_data, level);
        if (callback) {
            log_message(EMBER_LOG_INFO, "Ember runtime (ABI ", EMBER_ABI_VERSION, "): CPU kernels ", cpu::active_isa(),
                        ", ", num_threads(), " threads",
#ifdef EMBER_WITH_DNNL
                        ", oneDNN enabled"
#else
                        ", oneDNN disabled"
#endif
            );
            if (*cpu::isa_note()) log_message(EMBER_LOG_WARNING, cpu::isa_note());
        }
    });
}

EMBER_API const char *ember_cpu_isa(void) { return cpu::active_isa(); }

EMBER_API ember_status ember_set_num_threads(int32_t n) {
    return guard([&] {
        EMBER_CHECK(n >= 1, InvalidArgument, "set_num_threads: the number of threads must be at least 1, got ", n);
        set_num_threads(n);
    });
}

EMBER_API int32_t ember_get_num_threads(void) { return num_threads(); }

EMBER_API ember_status ember_get_allocator_stats(ember_device device, ember_allocator_stats *out) {
    return guard([&] {
        capi::require(out, "out");
        const Device d = capi::device_arg(device, "ember_get_allocator_stats");
        AllocatorStats &s = device_stats(d);
        ember_allocator_stats r{};
        r.bytes_in_use = s.bytes_in_use.load();
        r.peak_bytes_in_use = s.peak_bytes.load();
        r.live_tensors = live_tensors::read(d.type);
        r.allocations = s.allocations.load();
        r.cached_bytes = s.cached_bytes.load();
        *out = r;
    });
}

EMBER_API ember_status ember_reset_peak_stats(ember_device device) {
    return guard([&] {
        AllocatorStats &s = device_stats(capi::device_arg(device, "ember_reset_peak_stats"));
        s.peak_bytes.store(s.bytes_in_use.load());
    });
}

EMBER_API ember_status ember_empty_cache(ember_device device) {
    return guard([&] { allocator_for(capi::device_arg(device, "ember_empty_cache")).empty_cache(); });
}

}  // extern "C"

namespace {
// The CPU backend registers its kernels when the library loads.
const bool g_cpu_registered = (ember::cpu::init_cpu_backend(), true);
}  // namespace
