// Helpers for the native tests. Every test goes through the C ABI of ember.h only: these helpers
// own handles, build tensors from doubles in any dtype and read them back.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "ember/ember.h"

// Op families that are still being written may be missing from a build. Their functions are
// referenced weakly, so a test binary links either way; EMBER_REQUIRE skips a test whose function
// the loaded library does not export (ELF only: elsewhere every function must exist).
#if defined(__ELF__)
#define EMBER_WEAK_API 1
#pragma weak ember_manual_seed
#pragma weak ember_generator_create
#pragma weak ember_generator_release
#pragma weak ember_generator_get_state
#pragma weak ember_generator_set_state
#pragma weak ember_uniform_
#pragma weak ember_normal_
#pragma weak ember_random_
#pragma weak ember_bernoulli_
#pragma weak ember_rand
#pragma weak ember_randn
#pragma weak ember_randint
#pragma weak ember_normal
#pragma weak ember_bernoulli
#pragma weak ember_reduce
#pragma weak ember_max_dim
#pragma weak ember_min_dim
#pragma weak ember_argmax
#pragma weak ember_argmin
#pragma weak ember_var
#pragma weak ember_std
#pragma weak ember_norm
#pragma weak ember_softmax
#pragma weak ember_log_softmax
#pragma weak ember_cumsum
#pragma weak ember_cumprod
#pragma weak ember_matmul
#pragma weak ember_mm
#pragma weak ember_bmm
#pragma weak ember_addmm
#pragma weak ember_outer
#pragma weak ember_dot
#pragma weak ember_view
#pragma weak ember_reshape
#pragma weak ember_permute
#pragma weak ember_transpose
#pragma weak ember_slice
#pragma weak ember_narrow
#pragma weak ember_select
#pragma weak ember_expand
#pragma weak ember_squeeze
#pragma weak ember_unsqueeze
#pragma weak ember_flatten
#pragma weak ember_unflatten
#pragma weak ember_as_strided
#pragma weak ember_cat
#pragma weak ember_stack
#pragma weak ember_split
#pragma weak ember_split_with_sizes
#pragma weak ember_chunk
#pragma weak ember_index_select
#pragma weak ember_gather
#pragma weak ember_scatter
#pragma weak ember_index
#pragma weak ember_index_put
#pragma weak ember_masked_select
#pragma weak ember_nonzero
#pragma weak ember_take
#pragma weak ember_repeat
#pragma weak ember_tile
#pragma weak ember_flip
#pragma weak ember_roll
#pragma weak ember_tril
#pragma weak ember_triu
#pragma weak ember_sort
#pragma weak ember_argsort
#pragma weak ember_topk
#endif

namespace ember_test {

template <typename F>
bool available(F *fn) {
#ifdef EMBER_WEAK_API
    return reinterpret_cast<void *>(fn) != nullptr;
#else
    (void)fn;
    return true;
#endif
}

}  // namespace ember_test

#define EMBER_REQUIRE(fn)                                                          \
    do {                                                                           \
        if (!::ember_test::available(&fn)) GTEST_SKIP() << #fn " is not in this build"; \
    } while (0)

namespace ember_test {

inline constexpr ember_device kCpu{EMBER_DEVICE_CPU, 0};

// ---------------------------------------------------------------------------------------------
// Status assertions: print the status and the thread's last error message.

inline const char *status_name(ember_status s) {
    switch (s) {
        case EMBER_OK: return "EMBER_OK";
        case EMBER_ERR_INVALID_ARGUMENT: return "EMBER_ERR_INVALID_ARGUMENT";
        case EMBER_ERR_SHAPE: return "EMBER_ERR_SHAPE";
        case EMBER_ERR_DTYPE: return "EMBER_ERR_DTYPE";
        case EMBER_ERR_DEVICE: return "EMBER_ERR_DEVICE";
        case EMBER_ERR_INDEX: return "EMBER_ERR_INDEX";
        case EMBER_ERR_OUT_OF_MEMORY: return "EMBER_ERR_OUT_OF_MEMORY";
        case EMBER_ERR_IO: return "EMBER_ERR_IO";
        case EMBER_ERR_UNSUPPORTED: return "EMBER_ERR_UNSUPPORTED";
        case EMBER_ERR_AUTOGRAD: return "EMBER_ERR_AUTOGRAD";
        case EMBER_ERR_INTERNAL: return "EMBER_ERR_INTERNAL";
    }
    return "(unknown status)";
}

inline ::testing::AssertionResult IsOk(const char *expr, ember_status s) {
    if (s == EMBER_OK) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << expr << " returned " << status_name(s) << ": "
                                         << ember_last_error_message();
}

inline ::testing::AssertionResult HasStatus(const char *, const char *expr, ember_status expected, ember_status s) {
    if (s == expected) return ::testing::AssertionSuccess();
    auto r = ::testing::AssertionFailure();
    r << expr << " returned " << status_name(s) << ", expected " << status_name(expected);
    if (s != EMBER_OK) r << " (" << ember_last_error_message() << ")";
    return r;
}

#define ASSERT_EMBER_OK(call) ASSERT_PRED_FORMAT1(::ember_test::IsOk, call)
#define EXPECT_EMBER_OK(call) EXPECT_PRED_FORMAT1(::ember_test::IsOk, call)
#define EXPECT_EMBER_STATUS(expected, call) EXPECT_PRED_FORMAT2(::ember_test::HasStatus, expected, call)
#define ASSERT_EMBER_STATUS(expected, call) ASSERT_PRED_FORMAT2(::ember_test::HasStatus, expected, call)

// ---------------------------------------------------------------------------------------------
// Handles

// Owns one reference to a tensor.
class Tensor {
public:
    Tensor() = default;
    explicit Tensor(ember_tensor t) : t_(t) {}
    Tensor(const Tensor &o) : t_(o.t_) {
        if (t_) ember_tensor_retain(t_);
    }
    Tensor(Tensor &&o) noexcept : t_(std::exchange(o.t_, nullptr)) {}
    Tensor &operator=(Tensor o) noexcept {
        std::swap(t_, o.t_);
        return *this;
    }
    ~Tensor() { ember_tensor_release(t_); }

    ember_tensor get() const { return t_; }
    operator ember_tensor() const { return t_; }  // NOLINT: passes straight into C calls
    explicit operator bool() const { return t_ != nullptr; }
    // For out-parameters: drops the current reference and hands out the slot.
    ember_tensor *put() {
        reset();
        return &t_;
    }
    void reset() {
        ember_tensor_release(t_);
        t_ = nullptr;
    }

private:
    ember_tensor t_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Scalars and dtypes

inline ember_scalar sint(int64_t v) { return ember_scalar{EMBER_SCALAR_INT, v, 0.0}; }
inline ember_scalar sfloat(double v) { return ember_scalar{EMBER_SCALAR_FLOAT, 0, v}; }
inline ember_scalar sbool(bool v) { return ember_scalar{EMBER_SCALAR_BOOL, v ? 1 : 0, 0.0}; }

inline constexpr ember_dtype kAllDtypes[] = {
    EMBER_DTYPE_FLOAT32, EMBER_DTYPE_FLOAT64, EMBER_DTYPE_FLOAT16, EMBER_DTYPE_BFLOAT16, EMBER_DTYPE_INT8,
    EMBER_DTYPE_UINT8,   EMBER_DTYPE_INT16,   EMBER_DTYPE_INT32,   EMBER_DTYPE_INT64,   EMBER_DTYPE_BOOL};

inline const char *dtype_name(ember_dtype d) {
    switch (d) {
        case EMBER_DTYPE_FLOAT32: return "float32";
        case EMBER_DTYPE_FLOAT64: return "float64";
        case EMBER_DTYPE_FLOAT16: return "float16";
        case EMBER_DTYPE_BFLOAT16: return "bfloat16";
        case EMBER_DTYPE_INT8: return "int8";
        case EMBER_DTYPE_UINT8: return "uint8";
        case EMBER_DTYPE_INT16: return "int16";
        case EMBER_DTYPE_INT32: return "int32";
        case EMBER_DTYPE_INT64: return "int64";
        case EMBER_DTYPE_BOOL: return "bool";
        default: return "undefined";
    }
}

inline size_t dtype_size(ember_dtype d) {
    switch (d) {
        case EMBER_DTYPE_FLOAT64: case EMBER_DTYPE_INT64: return 8;
        case EMBER_DTYPE_FLOAT32: case EMBER_DTYPE_INT32: return 4;
        case EMBER_DTYPE_FLOAT16: case EMBER_DTYPE_BFLOAT16: case EMBER_DTYPE_INT16: return 2;
        default: return 1;
    }
}

inline bool is_floating(ember_dtype d) { return d >= EMBER_DTYPE_FLOAT32 && d <= EMBER_DTYPE_BFLOAT16; }

// IEEE half and bfloat16 conversions with round-to-nearest-even (test-side, independent of Ember).
inline uint16_t float_to_half(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t mag = x & 0x7fffffffu;
    if (mag > 0x7f800000u) return static_cast<uint16_t>(sign | 0x7e00u);  // NaN
    if (mag >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // rounds to inf
    if (mag < 0x38800000u) {  // subnormal half (or zero)
        float af;
        std::memcpy(&af, &mag, 4);
        // scale so the subnormal step (2^-24) becomes 1, then round to nearest even
        float scaled = af * 16777216.0f;
        uint32_t q = static_cast<uint32_t>(std::nearbyint(scaled));
        return static_cast<uint16_t>(sign | q);
    }
    uint32_t rounded = mag + 0xfffu + ((mag >> 13) & 1u);
    return static_cast<uint16_t>(sign | ((rounded - 0x38000000u) >> 13));
}

inline float half_to_float(uint16_t h) {
    uint32_t sign = (h & 0x8000u) << 16, exp = (h >> 10) & 0x1f, man = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0) {
        float v = std::ldexp(static_cast<float>(man), -24);
        return sign ? -v : v;
    }
    if (exp == 31) bits = sign | 0x7f800000u | (man << 13);
    else bits = sign | ((exp + 112) << 23) | (man << 13);
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

inline uint16_t float_to_bf16(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);
    x += 0x7fffu + ((x >> 16) & 1u);
    return static_cast<uint16_t>(x >> 16);
}

inline float bf16_to_float(uint16_t b) {
    uint32_t x = static_cast<uint32_t>(b) << 16;
    float f;
    std::memcpy(&f, &x, 4);
    return f;
}

// Writes value v (converted as a C cast would, 16-bit floats rounded to nearest even) at dst.
inline void store(ember_dtype d, void *dst, double v) {
    switch (d) {
        case EMBER_DTYPE_FLOAT32: { float x = static_cast<float>(v); std::memcpy(dst, &x, 4); break; }
        case EMBER_DTYPE_FLOAT64: std::memcpy(dst, &v, 8); break;
        case EMBER_DTYPE_FLOAT16: { uint16_t x = float_to_half(static_cast<float>(v)); std::memcpy(dst, &x, 2); break; }
        case EMBER_DTYPE_BFLOAT16: { uint16_t x = float_to_bf16(static_cast<float>(v)); std::memcpy(dst, &x, 2); break; }
        case EMBER_DTYPE_INT8: { int8_t x = static_cast<int8_t>(static_cast<int64_t>(v)); std::memcpy(dst, &x, 1); break; }
        case EMBER_DTYPE_UINT8: { uint8_t x = static_cast<uint8_t>(static_cast<int64_t>(v)); std::memcpy(dst, &x, 1); break; }
        case EMBER_DTYPE_INT16: { int16_t x = static_cast<int16_t>(static_cast<int64_t>(v)); std::memcpy(dst, &x, 2); break; }
        case EMBER_DTYPE_INT32: { int32_t x = static_cast<int32_t>(static_cast<int64_t>(v)); std::memcpy(dst, &x, 4); break; }
        case EMBER_DTYPE_INT64: { int64_t x = static_cast<int64_t>(v); std::memcpy(dst, &x, 8); break; }
        case EMBER_DTYPE_BOOL: { uint8_t x = v != 0.0 ? 1 : 0; std::memcpy(dst, &x, 1); break; }
        default: break;
    }
}

inline double load(ember_dtype d, const void *src) {
    switch (d) {
        case EMBER_DTYPE_FLOAT32: { float x; std::memcpy(&x, src, 4); return x; }
        case EMBER_DTYPE_FLOAT64: { double x; std::memcpy(&x, src, 8); return x; }
        case EMBER_DTYPE_FLOAT16: { uint16_t x; std::memcpy(&x, src, 2); return half_to_float(x); }
        case EMBER_DTYPE_BFLOAT16: { uint16_t x; std::memcpy(&x, src, 2); return bf16_to_float(x); }
        case EMBER_DTYPE_INT8: { int8_t x; std::memcpy(&x, src, 1); return x; }
        case EMBER_DTYPE_UINT8: { uint8_t x; std::memcpy(&x, src, 1); return x; }
        case EMBER_DTYPE_INT16: { int16_t x; std::memcpy(&x, src, 2); return x; }
        case EMBER_DTYPE_INT32: { int32_t x; std::memcpy(&x, src, 4); return x; }
        case EMBER_DTYPE_INT64: { int64_t x; std::memcpy(&x, src, 8); return static_cast<double>(x); }
        case EMBER_DTYPE_BOOL: { uint8_t x; std::memcpy(&x, src, 1); return x ? 1.0 : 0.0; }
        default: return 0.0;
    }
}

// ---------------------------------------------------------------------------------------------
// Building and reading tensors

inline int64_t numel_of(const std::vector<int64_t> &sizes) {
    int64_t n = 1;
    for (int64_t s : sizes) n *= s;
    return n;
}

// A new tensor of dtype d with the given row-major values (converted to d).
inline Tensor make(ember_dtype d, std::vector<int64_t> sizes, const std::vector<double> &values) {
    std::vector<unsigned char> bytes(values.size() * dtype_size(d));
    for (size_t i = 0; i < values.size(); ++i) store(d, bytes.data() + i * dtype_size(d), values[i]);
    Tensor t;
    ember_status s = ember_from_data(bytes.data(), bytes.size(), sizes.data(), sizes.size(), d, t.put());
    EXPECT_EQ(s, EMBER_OK) << ember_last_error_message();
    return t;
}

inline Tensor make_f32(std::vector<int64_t> sizes, const std::vector<double> &values) {
    return make(EMBER_DTYPE_FLOAT32, std::move(sizes), values);
}

inline ember_tensor_info info_of(ember_tensor t) {
    ember_tensor_info info{};
    EXPECT_EQ(ember_tensor_get_info(t, &info), EMBER_OK) << ember_last_error_message();
    return info;
}

inline ember_dtype dtype_of(ember_tensor t) { return info_of(t).dtype; }

inline std::vector<int64_t> sizes_of(ember_tensor t) {
    ember_tensor_info info = info_of(t);
    std::vector<int64_t> s(static_cast<size_t>(info.ndim));
    EXPECT_EQ(ember_tensor_get_shape(t, s.data(), nullptr, s.size()), EMBER_OK);
    return s;
}

inline std::vector<int64_t> strides_of(ember_tensor t) {
    ember_tensor_info info = info_of(t);
    std::vector<int64_t> s(static_cast<size_t>(info.ndim));
    EXPECT_EQ(ember_tensor_get_shape(t, nullptr, s.data(), s.size()), EMBER_OK);
    return s;
}

// Raw row-major bytes of t in its own dtype.
inline std::vector<unsigned char> bytes_of(ember_tensor t) {
    ember_tensor_info info = info_of(t);
    std::vector<unsigned char> b(static_cast<size_t>(info.numel * info.element_size));
    EXPECT_EQ(ember_copy_to_buffer(t, b.data(), b.size()), EMBER_OK) << ember_last_error_message();
    return b;
}

// The values of t, row-major, as doubles.
inline std::vector<double> values_of(ember_tensor t) {
    ember_tensor_info info = info_of(t);
    std::vector<unsigned char> b = bytes_of(t);
    std::vector<double> v(static_cast<size_t>(info.numel));
    for (size_t i = 0; i < v.size(); ++i) v[i] = load(info.dtype, b.data() + i * static_cast<size_t>(info.element_size));
    return v;
}

inline std::vector<int64_t> int64s_of(ember_tensor t) {
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_INT64);
    std::vector<unsigned char> b = bytes_of(t);
    std::vector<int64_t> v(b.size() / 8);
    if (!v.empty()) std::memcpy(v.data(), b.data(), b.size());
    return v;
}

inline ember_allocator_stats cpu_stats() {
    ember_allocator_stats s{};
    EXPECT_EQ(ember_get_allocator_stats(kCpu, &s), EMBER_OK);
    return s;
}

// Unit in the last place of a float32 value (for error bounds).
inline double ulp_f32(double x) {
    float f = static_cast<float>(std::fabs(x));
    if (!std::isfinite(f)) return 0.0;
    return static_cast<double>(std::nextafter(f, INFINITY) - f);
}

}  // namespace ember_test
