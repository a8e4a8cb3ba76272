// CPU kernels for RandomOp. Element i of a fill uses the Philox block of counter offset + i and
// nothing else, so chunks can be generated on any thread in any order with identical results.
//
// How a block's four 32-bit words w0..w3 become values:
//  - uniform: the top `digits` bits of w0 (24 for float32, 11 for float16, 8 for bfloat16) or of
//    w0:w1 (53 for float64) give k * 2^-digits in [0, 1), then low + x * (high - low) in float
//    (double for float64), as PyTorch's uniform_real does;
//  - normal: Box-Muller, cosine branch only: u1 in (0, 1] and u2 in [0, 1) from w0 and w1 (24 bits
//    each, computed in float; float64 takes 53 bits from w0:w1 and w2:w3 and computes in double),
//    z = sqrt(-2 ln u1) cos(2 pi u2). The sine branch is dropped so that every element stays a
//    function of its own counter. 24-bit u1 bounds |z| by 5.8 (float32, float16, bfloat16), 53-bit
//    by 8.6 (float64); log and cos are SLEEF's vector functions;
//  - random_(from, to): from + floor(x * range / 2^64) for the 64-bit x = w0:w1 (a 64-bit
//    multiply-high; the bias is below range / 2^64);
//  - bernoulli: 1 when the 53-bit uniform from w0:w1 is below p.
// Results are bit-identical for any thread count. Across instruction sets, float normals and
// uniform_(low, high) may differ in the last bit (FMA contraction and SLEEF's SSE versions).
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/convert.h"
#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "cpu/kernels/vecmath.h"
#include "ops/random.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

// A Philox block costs about 40 integer operations: worth a thread from this many elements.
constexpr int64_t kRandomGrain = 8192;

// out[i] = f(block of counter offset + i).
template <typename T, typename F>
void fill_blocks(const Tensor &out, const PhiloxStream &s, F f) {
    T *p = out.data<T>();
    parallel_for(0, out.numel(), kRandomGrain, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) p[i] = f(philox_at(s.seed, s.offset + static_cast<uint64_t>(i)));
    });
}

inline uint64_t word64(const PhiloxBlock &r, int first) {
    return (static_cast<uint64_t>(r.w[first]) << 32) | r.w[first + 1];
}
// Uniform on [0, 1) with 53 random bits.
inline double uniform53(const PhiloxBlock &r, int first) {
    return static_cast<double>(word64(r, first) >> 11) * 0x1p-53;
}

template <typename T> constexpr int kDigits = 24;
template <> constexpr int kDigits<double> = 53;
template <> constexpr int kDigits<Half> = 11;
template <> constexpr int kDigits<BFloat16> = 8;

void uniform_kernel(const Tensor &out, const Tensor &, const RandomArgs &a) {
    visit_dtype<kFloating>(out.dtype(), "uniform_", [&]<typename T>() {
        using M = opmath_t<T>;
        // Bounds are rounded to the dtype first, as PyTorch does.
        const M low = static_cast<M>(convert<T>(a.a)), span = static_cast<M>(convert<T>(a.b)) - low;
        if constexpr (std::is_same_v<T, double>) {
            fill_blocks<T>(out, a.stream, [=](const PhiloxBlock &r) { return low + uniform53(r, 0) * span; });
        } else {
            constexpr int d = kDigits<T>;
            fill_blocks<T>(out, a.stream, [=](const PhiloxBlock &r) {
                float x = static_cast<float>(r.w[0] >> (32 - d)) * (1.0f / static_cast<float>(1u << d));
                return static_cast<T>(low + x * span);
            });
        }
    });
}

constexpr double kTwoPi = 6.283185307179586476925286766559;

// In-place u1 = log(u1), u2 = cos(u2) over n values with SLEEF's vector functions of this ISA.
// A partial last vector is padded rather than finished with scalar code, so every element goes
// through the same function whichever chunk (thread) it falls in.
#if defined(__AVX512F__)
struct VecF64 {
    static constexpr int kLanes = 8;
    static void log_cos(double *a, double *b) {
        _mm512_storeu_pd(a, Sleef_logd8_u10avx512f(_mm512_loadu_pd(a)));
        _mm512_storeu_pd(b, Sleef_cosd8_u10avx512f(_mm512_loadu_pd(b)));
    }
};
#elif defined(__AVX2__)
struct VecF64 {
    static constexpr int kLanes = 4;
    static void log_cos(double *a, double *b) {
        _mm256_storeu_pd(a, Sleef_logd4_u10avx2(_mm256_loadu_pd(a)));
        _mm256_storeu_pd(b, Sleef_cosd4_u10avx2(_mm256_loadu_pd(b)));
    }
};
#elif defined(__SSE4_1__)
struct VecF64 {
    static constexpr int kLanes = 2;
    static void log_cos(double *a, double *b) {
        _mm_storeu_pd(a, Sleef_logd2_u10sse4(_mm_loadu_pd(a)));
        _mm_storeu_pd(b, Sleef_cosd2_u10sse4(_mm_loadu_pd(b)));
    }
};
#else
struct VecF64 {
    static constexpr int kLanes = 1;
    static void log_cos(double *a, double *b) { *a = std::log(*a); *b = std::cos(*b); }
};
#endif
#ifdef EMBER_VEC
struct VecF32 {
    static constexpr int kLanes = vec::kLanes;
    static void log_cos(float *a, float *b) {
        vec::store(a, EMBER_SLEEF(log, u10)(vec::load(a)));
        vec::store(b, EMBER_SLEEF(cos, u10)(vec::load(b)));
    }
};
#else
struct VecF32 {
    static constexpr int kLanes = 1;
    static void log_cos(float *a, float *b) { *a = std::log(*a); *b = std::cos(*b); }
};
#endif

template <typename V, typename M>
void log_cos(M *u1, M *u2, int64_t n) {
    constexpr int L = V::kLanes;
    int64_t i = 0;
    for (; i + L <= n; i += L) V::log_cos(u1 + i, u2 + i);
    if (i < n) {
        M a[L], b[L];
        for (int l = 0; l < L; ++l) a[l] = b[l] = M(1);
        std::copy(u1 + i, u1 + n, a);
        std::copy(u2 + i, u2 + n, b);
        V::log_cos(a, b);
        std::copy(a, a + (n - i), u1 + i);
        std::copy(b, b + (n - i), u2 + i);
    }
}

// Box-Muller over chunks: uniforms first, then vector log and cos, then the combination.
// float32, float16 and bfloat16 compute in float (24-bit uniforms), float64 in double (53-bit).
template <typename T>
void normal_typed(const Tensor &out, const RandomArgs &a) {
    using M = std::conditional_t<std::is_same_v<T, double>, double, float>;
    T *p = out.data<T>();
    const M mean = static_cast<M>(a.a), std = static_cast<M>(a.b);
    const PhiloxStream s = a.stream;
    parallel_for(0, out.numel(), kRandomGrain, [&](int64_t b, int64_t e) {
        constexpr int64_t kChunk = 256;
        alignas(64) M u1[kChunk], u2[kChunk];
        for (int64_t c = b; c < e; c += kChunk) {
            const int64_t m = std::min(kChunk, e - c);
            for (int64_t j = 0; j < m; ++j) {
                PhiloxBlock r = philox_at(s.seed, s.offset + static_cast<uint64_t>(c + j));
                if constexpr (std::is_same_v<M, double>) {
                    u1[j] = 1.0 - uniform53(r, 0);  // (0, 1]: the log stays finite
                    u2[j] = uniform53(r, 2) * kTwoPi;
                } else {
                    u1[j] = static_cast<float>((r.w[0] >> 8) + 1) * 0x1p-24f;
                    u2[j] = static_cast<float>(r.w[1] >> 8) * static_cast<float>(kTwoPi * 0x1p-24);
                }
            }
            log_cos<std::conditional_t<std::is_same_v<M, double>, VecF64, VecF32>>(u1, u2, m);
            for (int64_t j = 0; j < m; ++j) p[c + j] = static_cast<T>(mean + std * (std::sqrt(M(-2) * u1[j]) * u2[j]));
        }
    });
}

void normal_kernel(const Tensor &out, const Tensor &, const RandomArgs &a) {
    visit_dtype<kFloating>(out.dtype(), "normal_", [&]<typename T>() { normal_typed<T>(out, a); });
}

void random_from_to_kernel(const Tensor &out, const Tensor &, const RandomArgs &a) {
    visit_dtype(out.dtype(), "random_", [&]<typename T>() {
        const uint64_t from = static_cast<uint64_t>(a.from), range = a.range;
        fill_blocks<T>(out, a.stream, [=](const PhiloxBlock &r) {
            uint64_t x = word64(r, 0);
            uint64_t v = range == 0 ? x : static_cast<uint64_t>((static_cast<unsigned __int128>(x) * range) >> 64);
            return convert<T>(static_cast<int64_t>(from + v));  // wraps modulo 2^64, never overflows
        });
    });
}

void bernoulli_kernel(const Tensor &out, const Tensor &, const RandomArgs &a) {
    visit_dtype(out.dtype(), "bernoulli_", [&]<typename T>() {
        const double p = a.a;
        fill_blocks<T>(out, a.stream, [=](const PhiloxBlock &r) { return convert<T>(uniform53(r, 0) < p); });
    });
}

void bernoulli_tensor_kernel(const Tensor &out, const Tensor &probs, const RandomArgs &a) {
    visit_dtype<kFloating>(out.dtype(), "bernoulli", [&]<typename T>() {
        const T *p = probs.data<T>();
        T *o = out.data<T>();
        const PhiloxStream s = a.stream;
        parallel_for(0, out.numel(), kRandomGrain, [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) {
                double u = uniform53(philox_at(s.seed, s.offset + static_cast<uint64_t>(i)), 0);
                o[i] = static_cast<T>(u < static_cast<double>(static_cast<opmath_t<T>>(p[i])) ? 1.0f : 0.0f);
            }
        });
    });
}

// Validates probabilities before anything is drawn (a failed call leaves the generator as it was).
void check_probability_kernel(const Tensor &, const Tensor &probs, const RandomArgs &) {
    visit_dtype<kFloating>(probs.dtype(), "bernoulli", [&]<typename T>() {
        const T *p = probs.data<T>();
        std::atomic<bool> bad{false};
        parallel_for(0, probs.numel(), kGrainSize, [&](int64_t b, int64_t e) {
            bool local = false;
            for (int64_t i = b; i < e; ++i) {
                auto v = static_cast<opmath_t<T>>(p[i]);
                local |= !(v >= 0 && v <= 1);  // NaN fails too
            }
            if (local) bad.store(true, std::memory_order_relaxed);
        });
        EMBER_CHECK(!bad.load(), InvalidArgument,
                    "bernoulli: Expected p_in >= 0 && p_in <= 1 to be true, but got false (every probability must be "
                    "in [0, 1])");
    });
}

}  // namespace

void register_random_kernels() {
    auto &t = random_dispatch();
    auto set = [&](RandomOp op, RandomKernel k) { t.set(DeviceType::CPU, static_cast<int>(op), k); };
    set(RandomOp::Uniform, uniform_kernel);
    set(RandomOp::Normal, normal_kernel);
    set(RandomOp::RandomFromTo, random_from_to_kernel);
    set(RandomOp::Bernoulli, bernoulli_kernel);
    set(RandomOp::BernoulliTensor, bernoulli_tensor_kernel);
    set(RandomOp::CheckProbability, check_probability_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
