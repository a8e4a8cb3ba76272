// Inner loops for CPU elementwise kernels. Everything here is compiled once per instruction set
// (see native/CMakeLists.txt), so it lives in the ISA's own namespace: templates instantiated in
// different ISA builds must never share a symbol name.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

#include "core/tensor_iterator.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

// Outputs of at least this many bytes are written with non-temporal (streaming) stores: they
// cannot stay in the caches anyway, and a plain store first reads each output line from memory
// (read for ownership), a quarter of the traffic of out = a + b.
inline constexpr int64_t kStreamBytes = int64_t{32} << 20;

// dst[0..bytes) = src[0..bytes) with streaming stores for dst's 64-byte-aligned middle.
// Callers issue _mm_sfence (stream_fence) before the data is read by another thread.
inline void stream_copy(char *dst, const char *src, int64_t bytes) {
#if defined(__AVX512F__) || defined(__AVX2__)
    const int64_t head = std::min<int64_t>(bytes, (64 - reinterpret_cast<uintptr_t>(dst) % 64) % 64);
    std::memcpy(dst, src, static_cast<size_t>(head));
    int64_t i = head;
    for (; i + 64 <= bytes; i += 64) {
#if defined(__AVX512F__)
        _mm512_stream_si512(reinterpret_cast<__m512i *>(dst + i), _mm512_loadu_si512(src + i));
#else
        _mm256_stream_si256(reinterpret_cast<__m256i *>(dst + i), _mm256_loadu_si256(reinterpret_cast<const __m256i *>(src + i)));
        _mm256_stream_si256(reinterpret_cast<__m256i *>(dst + i + 32), _mm256_loadu_si256(reinterpret_cast<const __m256i *>(src + i + 32)));
#endif
    }
    std::memcpy(dst + i, src + i, static_cast<size_t>(bytes - i));
#else
    std::memcpy(dst, src, static_cast<size_t>(bytes));
#endif
}
inline void stream_fence() {
#if defined(__AVX512F__) || defined(__AVX2__)
    _mm_sfence();
#endif
}

// out[i] = f(a[i]) with contiguous fast paths the compiler vectorises. Out and In may differ
// (comparisons write bool).
template <typename Out, typename In, typename F>
void unary_loop(const TensorIterator &it, F f) {
    it.for_each([&](char **data, const int64_t *s, int64_t n) {
        if (s[0] == sizeof(Out) && s[1] == sizeof(In)) {
            Out *o = reinterpret_cast<Out *>(data[0]);
            const In *a = reinterpret_cast<const In *>(data[1]);
            for (int64_t i = 0; i < n; ++i) o[i] = f(a[i]);
        } else {
            for (int64_t i = 0; i < n; ++i)
                *reinterpret_cast<Out *>(data[0] + i * s[0]) = f(*reinterpret_cast<const In *>(data[1] + i * s[1]));
        }
    });
}

// Like unary_loop, but contiguous runs go to vec(in, out, n), an array function.
template <typename T, typename F, typename V>
void unary_loop_vec(const TensorIterator &it, F f, V vec) {
    it.for_each([&](char **data, const int64_t *s, int64_t n) {
        if (s[0] == sizeof(T) && s[1] == sizeof(T)) {
            vec(reinterpret_cast<const T *>(data[1]), reinterpret_cast<T *>(data[0]), n);
        } else {
            for (int64_t i = 0; i < n; ++i)
                *reinterpret_cast<T *>(data[0] + i * s[0]) = f(*reinterpret_cast<const T *>(data[1] + i * s[1]));
        }
    });
}

// out[i] = f(a[i], b[i]), with fast paths for contiguous operands and a broadcast scalar.
template <typename Out, typename In, typename F>
void binary_loop(const TensorIterator &it, F f) {
    it.for_each([&](char **data, const int64_t *s, int64_t n) {
        Out *o = reinterpret_cast<Out *>(data[0]);
        const In *a = reinterpret_cast<const In *>(data[1]);
        const In *b = reinterpret_cast<const In *>(data[2]);
        constexpr int64_t so = sizeof(Out), si = sizeof(In);
        if (s[0] == so && s[1] == si && s[2] == si) {
            if (it.numel() * so >= kStreamBytes) {  // through an L1 buffer, then streamed out
                constexpr int64_t kBuf = 1024 / so;
                Out buf[kBuf];
                for (int64_t i0 = 0; i0 < n; i0 += kBuf) {
                    const int64_t k = std::min(kBuf, n - i0);
                    for (int64_t i = 0; i < k; ++i) buf[i] = f(a[i0 + i], b[i0 + i]);
                    stream_copy(reinterpret_cast<char *>(o + i0), reinterpret_cast<const char *>(buf), k * so);
                }
                stream_fence();
            } else {
                for (int64_t i = 0; i < n; ++i) o[i] = f(a[i], b[i]);
            }
        } else if (s[0] == so && s[1] == si && s[2] == 0) {
            const In bv = *b;
            for (int64_t i = 0; i < n; ++i) o[i] = f(a[i], bv);
        } else if (s[0] == so && s[1] == 0 && s[2] == si) {
            const In av = *a;
            for (int64_t i = 0; i < n; ++i) o[i] = f(av, b[i]);
        } else {
            for (int64_t i = 0; i < n; ++i)
                *reinterpret_cast<Out *>(data[0] + i * s[0]) = f(*reinterpret_cast<const In *>(data[1] + i * s[1]),
                                                                  *reinterpret_cast<const In *>(data[2] + i * s[2]));
        }
    });
}

// out[i] = f(a[i], b[i], c[i]); C may differ from In (a where condition).
template <typename Out, typename In, typename C, typename F>
void ternary_loop(const TensorIterator &it, F f) {
    it.for_each([&](char **data, const int64_t *s, int64_t n) {
        for (int64_t i = 0; i < n; ++i)
            *reinterpret_cast<Out *>(data[0] + i * s[0]) = f(*reinterpret_cast<const In *>(data[1] + i * s[1]),
                                                              *reinterpret_cast<const In *>(data[2] + i * s[2]),
                                                              *reinterpret_cast<const C *>(data[3] + i * s[3]));
    });
}

// out[i] = f() for each element (fills).
template <typename Out, typename F>
void nullary_loop(const TensorIterator &it, F f) {
    it.for_each([&](char **data, const int64_t *s, int64_t n) {
        if (s[0] == sizeof(Out)) {
            Out *o = reinterpret_cast<Out *>(data[0]);
            for (int64_t i = 0; i < n; ++i) o[i] = f();
        } else {
            for (int64_t i = 0; i < n; ++i) *reinterpret_cast<Out *>(data[0] + i * s[0]) = f();
        }
    });
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
