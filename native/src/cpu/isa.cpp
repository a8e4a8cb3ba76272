#include "cpu/isa.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/log.h"


namespace ember::cpu {

#define EMBER_DECLARE_ISA(name) namespace isa_##name { void register_cpu_kernels(); }
#ifdef EMBER_HAVE_ISA_BASELINE
EMBER_DECLARE_ISA(baseline)
#endif
#ifdef EMBER_HAVE_ISA_AVX2
EMBER_DECLARE_ISA(avx2)
#endif
#ifdef EMBER_HAVE_ISA_AVX512
EMBER_DECLARE_ISA(avx512)
#endif
#undef EMBER_DECLARE_ISA

namespace {

const char *g_isa = "baseline";
std::string g_note;  // why a requested ISA was not used, logged once a logger is attached

bool cpu_supports(const char *isa) {
#if defined(__x86_64__) || defined(_M_X64)
    __builtin_cpu_init();
    if (std::strcmp(isa, "avx512") == 0)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (std::strcmp(isa, "avx2") == 0)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
    if (std::strcmp(isa, "baseline") == 0)
        return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("popcnt");
    return false;
#else
    return std::strcmp(isa, "baseline") == 0;
#endif
}

bool built(const char *isa) {
#ifdef EMBER_HAVE_ISA_BASELINE
    if (std::strcmp(isa, "baseline") == 0) return true;
#endif
#ifdef EMBER_HAVE_ISA_AVX2
    if (std::strcmp(isa, "avx2") == 0) return true;
#endif
#ifdef EMBER_HAVE_ISA_AVX512
    if (std::strcmp(isa, "avx512") == 0) return true;
#endif
    return false;
}

}  // namespace

const char *active_isa() { return g_isa; }

void init_cpu_backend() {
    const char *order[] = {"avx512", "avx2", "baseline"};
    const char *chosen = nullptr;
    for (const char *isa : order)
        if (built(isa) && cpu_supports(isa)) { chosen = isa; break; }
    if (!chosen) {  // a development build without a kernel set for this CPU
        log_message(EMBER_LOG_ERROR, "no CPU kernel set of this build runs on this CPU");
        return;
    }
    if (const char *req = std::getenv("EMBER_CPU_ISA"); req && *req) {
        const char *match = nullptr;
        for (const char *isa : order)
            if (std::strcmp(isa, req) == 0) match = isa;
        if (match && built(match) && cpu_supports(match)) chosen = match;
        else g_note = std::string("EMBER_CPU_ISA=") + req + " is not available on this CPU or build; using " + chosen;
    }
    g_isa = chosen;
#ifdef EMBER_HAVE_ISA_AVX512
    if (std::strcmp(chosen, "avx512") == 0) { isa_avx512::register_cpu_kernels(); return; }
#endif
#ifdef EMBER_HAVE_ISA_AVX2
    if (std::strcmp(chosen, "avx2") == 0) { isa_avx2::register_cpu_kernels(); return; }
#endif
#ifdef EMBER_HAVE_ISA_BASELINE
    isa_baseline::register_cpu_kernels();
#endif
}

const char *isa_note() { return g_note.c_str(); }

}  // namespace ember::cpu
