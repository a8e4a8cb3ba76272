// Vectorised float32 math over arrays, from SLEEF's per-ISA entry points (no runtime dispatch
// inside: this header is compiled once per ISA build). Each function maps in[0..n) to out[0..n);
// in and out may be the same array.
#pragma once
#include <cmath>
#include <cstdint>

#if defined(__AVX512F__) || defined(__AVX2__) || defined(__SSE4_1__)
#include <immintrin.h>
#include <sleef.h>
#define EMBER_VEC 1
#endif

namespace ember::cpu::EMBER_ISA_NAMESPACE::vec {

#if defined(__AVX512F__)
using vf = __m512;
inline constexpr int kLanes = 16;
inline vf load(const float *p) { return _mm512_loadu_ps(p); }
inline void store(float *p, vf v) { _mm512_storeu_ps(p, v); }
// The masked form with a full mask: the plain one starts from an "undefined" register that
// GCC 12 reports as maybe-uninitialized once inlined.
inline vf max(vf a, vf b) { return _mm512_mask_max_ps(b, 0xFFFF, a, b); }
#define EMBER_SLEEF(fn, acc) Sleef_##fn##f16_##acc##avx512f
#elif defined(__AVX2__)
using vf = __m256;
inline constexpr int kLanes = 8;
inline vf load(const float *p) { return _mm256_loadu_ps(p); }
inline void store(float *p, vf v) { _mm256_storeu_ps(p, v); }
inline vf max(vf a, vf b) { return _mm256_max_ps(a, b); }
#define EMBER_SLEEF(fn, acc) Sleef_##fn##f8_##acc##avx2
#elif defined(__SSE4_1__)
using vf = __m128;
inline constexpr int kLanes = 4;
inline vf load(const float *p) { return _mm_loadu_ps(p); }
inline void store(float *p, vf v) { _mm_storeu_ps(p, v); }
inline vf max(vf a, vf b) { return _mm_max_ps(a, b); }
#define EMBER_SLEEF(fn, acc) Sleef_##fn##f4_##acc##sse4
#endif

#ifdef EMBER_VEC
inline vf splat(float x) { return vf{} + x; }

// Applies vector function v to full vectors and scalar function s to the tail.
template <typename V, typename S>
inline void map(const float *in, float *out, int64_t n, V v, S s) {
    int64_t i = 0;
    for (; i + kLanes <= n; i += kLanes) store(out + i, v(load(in + i)));
    for (; i < n; ++i) out[i] = s(in[i]);
}
#endif

#if defined(__AVX512F__)
// exp for inner loops where a library call's register spills cost more than the arithmetic (the
// softmax rows): Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, Cephes' degree-7 polynomial
// for e^r, and scalef for 2^n, which rounds denormal results and gives 0 / inf past the range.
// Within 2 ulp of exp everywhere (isa_test checks it); exp(-inf) = 0, exp(inf) = inf, NaN stays.
inline vf exp_inline(vf x) {
    // The intrinsics' masked forms with a full mask: the plain ones start from an "undefined"
    // register that GCC 12 reports as maybe-uninitialized.
    constexpr __mmask16 all = 0xFFFF;
    // Clamping keeps n finite; past these bounds the result is 0 or inf anyway. The constant goes
    // first: max/min return their second operand when either is NaN, so a NaN x survives.
    x = _mm512_mask_min_ps(x, all, splat(89.0f), x);
    x = _mm512_mask_max_ps(x, all, splat(-150.0f), x);
    const vf n = _mm512_mask_roundscale_ps(x, all, x * splat(1.44269504088896341f),
                                           _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    vf r = _mm512_fnmadd_ps(n, splat(0.693359375f), x);  // ln2 in two parts: n * hi is exact
    r = _mm512_fnmadd_ps(n, splat(-2.12194440e-4f), r);
    vf p = _mm512_fmadd_ps(splat(1.9875691500e-4f), r, splat(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, splat(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, splat(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, splat(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, splat(5.0000001201e-1f));
    p = _mm512_fmadd_ps(p, r * r, r) + splat(1.0f);
    return _mm512_mask_scalef_ps(p, all, p, n);
}
#elif defined(EMBER_VEC)
inline vf exp_inline(vf x) { return EMBER_SLEEF(exp, u10)(x); }
#endif

// Scalar reference versions (used for tails, odd layouts, other dtypes).
inline float sigmoid1(float x) { return 1.0f / (1.0f + std::exp(-x)); }
inline float gelu1(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }
inline float gelu_tanh1(float x) {
    return 0.5f * x * (1.0f + std::tanh(0.79788456080286536f * (x + 0.044715f * x * x * x)));
}

#ifdef EMBER_VEC
#define EMBER_SLEEF_MAP(name, fn, acc, scalar) \
    inline void name(const float *in, float *out, int64_t n) { map(in, out, n, [](vf x) { return EMBER_SLEEF(fn, acc)(x); }, scalar); }
#else
#define EMBER_SLEEF_MAP(name, fn, acc, scalar) \
    inline void name(const float *in, float *out, int64_t n) { for (int64_t i = 0; i < n; ++i) out[i] = scalar(in[i]); }
#endif

EMBER_SLEEF_MAP(exp, exp, u10, [](float x) { return std::exp(x); })
EMBER_SLEEF_MAP(expm1, expm1, u10, [](float x) { return std::expm1(x); })
EMBER_SLEEF_MAP(log, log, u10, [](float x) { return std::log(x); })
EMBER_SLEEF_MAP(log1p, log1p, u10, [](float x) { return std::log1p(x); })
EMBER_SLEEF_MAP(log2, log2, u10, [](float x) { return std::log2(x); })
EMBER_SLEEF_MAP(log10, log10, u10, [](float x) { return std::log10(x); })
EMBER_SLEEF_MAP(exp2, exp2, u10, [](float x) { return std::exp2(x); })
EMBER_SLEEF_MAP(sin, sin, u10, [](float x) { return std::sin(x); })
EMBER_SLEEF_MAP(cos, cos, u10, [](float x) { return std::cos(x); })
EMBER_SLEEF_MAP(tan, tan, u10, [](float x) { return std::tan(x); })
EMBER_SLEEF_MAP(tanh, tanh, u10, [](float x) { return std::tanh(x); })
EMBER_SLEEF_MAP(asin, asin, u10, [](float x) { return std::asin(x); })
EMBER_SLEEF_MAP(acos, acos, u10, [](float x) { return std::acos(x); })
EMBER_SLEEF_MAP(atan, atan, u10, [](float x) { return std::atan(x); })
EMBER_SLEEF_MAP(sinh, sinh, u10, [](float x) { return std::sinh(x); })
EMBER_SLEEF_MAP(cosh, cosh, u10, [](float x) { return std::cosh(x); })
EMBER_SLEEF_MAP(erf, erf, u10, [](float x) { return std::erf(x); })
EMBER_SLEEF_MAP(erfc, erfc, u15, [](float x) { return std::erfc(x); })

#ifdef EMBER_VEC
inline void sigmoid(const float *in, float *out, int64_t n) {
    map(in, out, n, [](vf x) { return splat(1.0f) / (splat(1.0f) + EMBER_SLEEF(exp, u10)(-x)); }, sigmoid1);
}
inline void silu(const float *in, float *out, int64_t n) {
    map(in, out, n, [](vf x) { return x / (splat(1.0f) + EMBER_SLEEF(exp, u10)(-x)); },
        [](float x) { return x * sigmoid1(x); });
}
inline void gelu(const float *in, float *out, int64_t n) {
    map(in, out, n, [](vf x) { return splat(0.5f) * x * (splat(1.0f) + EMBER_SLEEF(erf, u10)(x * 0.70710678118654752f)); },
        gelu1);
}
inline void gelu_tanh(const float *in, float *out, int64_t n) {
    map(in, out, n, [](vf x) {
            vf inner = splat(0.79788456080286536f) * (x + splat(0.044715f) * x * x * x);
            return splat(0.5f) * x * (splat(1.0f) + EMBER_SLEEF(tanh, u10)(inner));
        }, gelu_tanh1);
}
#else
inline void sigmoid(const float *in, float *out, int64_t n) { for (int64_t i = 0; i < n; ++i) out[i] = sigmoid1(in[i]); }
inline void silu(const float *in, float *out, int64_t n) { for (int64_t i = 0; i < n; ++i) out[i] = in[i] * sigmoid1(in[i]); }
inline void gelu(const float *in, float *out, int64_t n) { for (int64_t i = 0; i < n; ++i) out[i] = gelu1(in[i]); }
inline void gelu_tanh(const float *in, float *out, int64_t n) { for (int64_t i = 0; i < n; ++i) out[i] = gelu_tanh1(in[i]); }
#endif

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE::vec
