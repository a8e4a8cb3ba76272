// Array conversion between float16/bfloat16 and float32 for kernels that compute 16-bit floats in
// float (reductions, softmax): a chunk is widened once, processed by the float32 code, and
// narrowed once. Compiled per ISA; uses the hardware conversions where the ISA has them (F16C is
// part of x86-64-v3 and v4), with results identical to Half/BFloat16's own conversions (except NaN payloads: the hardware keeps
// them, Half(float) makes every NaN 0x7e00; both are quiet NaNs).
#pragma once
#include <cstdint>
#include <cstring>

#include "core/half.h"

#if defined(__AVX512F__) || defined(__F16C__)
#include <immintrin.h>
#endif

namespace ember::cpu::EMBER_ISA_NAMESPACE {

inline void to_float(const float *in, float *out, int64_t n) { std::memcpy(out, in, static_cast<size_t>(n) * sizeof(float)); }

inline void to_float(const BFloat16 *in, float *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = bits_float(static_cast<uint32_t>(in[i].bits) << 16);
}

inline void to_float(const Half *in, float *out, int64_t n) {
    int64_t i = 0;
#if defined(__AVX512F__)
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(out + i, _mm512_maskz_cvtph_ps(0xffff, _mm256_loadu_si256(reinterpret_cast<const __m256i *>(in + i))));
#elif defined(__F16C__)
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i))));
#endif
    for (; i < n; ++i) out[i] = static_cast<float>(in[i]);
}

inline void from_float(const float *in, float *out, int64_t n) { std::memmove(out, in, static_cast<size_t>(n) * sizeof(float)); }

// Round to nearest even; NaN stays a quiet NaN (as BFloat16(float), without the branch).
inline void from_float(const float *in, BFloat16 *out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        uint32_t u = float_bits(in[i]);
        uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
        uint32_t nan = (u >> 16) | 0x40u;
        out[i].bits = static_cast<uint16_t>((u & 0x7fffffffu) > 0x7f800000u ? nan : rounded);
    }
}

inline void from_float(const float *in, Half *out, int64_t n) {
    int64_t i = 0;
#if defined(__AVX512F__)
    for (; i + 16 <= n; i += 16)
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + i),
                            _mm512_maskz_cvtps_ph(0xffff, _mm512_loadu_ps(in + i),
                                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
#elif defined(__F16C__)
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i),
                         _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
#endif
    for (; i < n; ++i) out[i] = Half(in[i]);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
