// Enum arguments through the C ABI. A C caller can put any int where ember.h declares an enum; every
// entry point must answer an out-of-range value with EMBER_ERR_INVALID_ARGUMENT and a message naming
// the function, the argument and the value, leave its out-pointer alone, and never misbehave.
#include <climits>
#include <cstring>
#include <string>

#include "test_util.h"

using namespace ember_test;

namespace {

// An enum holding an arbitrary int, made the way a C caller's bits arrive (a C++ static_cast to an
// out-of-range value would itself be undefined behaviour in this test).
template <typename E>
E bogus(int v) {
    static_assert(sizeof(E) == sizeof(int), "C enums are int-sized");
    E e;
    std::memcpy(&e, &v, sizeof e);
    return e;
}

// Values outside every enum of ember.h (-1 is EMBER_DTYPE_UNDEFINED and is tested separately).
constexpr int kBogusValues[] = {-2, 10, 38, 99, 1000, INT_MIN, INT_MAX};

// A sentinel handle: a failing call must not overwrite its out-pointer.
ember_tensor sentinel() { return reinterpret_cast<ember_tensor>(static_cast<uintptr_t>(0x1)); }

// The call failed with INVALID_ARGUMENT, and the message names fn, the argument and the value.
::testing::AssertionResult RejectsValue(ember_status st, const char *fn, const char *arg, int value) {
    if (st != EMBER_ERR_INVALID_ARGUMENT)
        return ::testing::AssertionFailure() << fn << " with " << arg << " = " << value << " returned "
                                             << status_name(st) << " (" << ember_last_error_message() << ")";
    const std::string msg = ember_last_error_message();
    // Built with append: GCC 12 reports a false -Wrestrict for `"literal" + std::string`.
    std::string fn_part(fn), arg_part("'"), value_part("value ");
    fn_part.append(":");
    arg_part.append(arg).append("'");
    value_part.append(std::to_string(value)).append(" ");
    const std::string parts[] = {fn_part, arg_part, value_part};
    for (const std::string &part : parts)
        if (msg.find(part) == std::string::npos)
            return ::testing::AssertionFailure() << "message \"" << msg << "\" does not contain \"" << part << "\"";
    return ::testing::AssertionSuccess();
}

ember_device bogus_device(int type) {
    ember_device d = kCpu;
    d.type = bogus<ember_device_type>(type);
    return d;
}

ember_scalar bogus_scalar(int kind) {
    ember_scalar s = sint(1);
    s.kind = bogus<ember_scalar_kind>(kind);
    return s;
}

}  // namespace

TEST(EnumArgs, OpEnums) {
    Tensor x = make_f32({3}, {1, 2, 3});
    for (int v : kBogusValues) {
        if (v >= 0 && v < EMBER_UNARY_OP_COUNT) continue;
        ember_tensor r = sentinel();
        EXPECT_TRUE(RejectsValue(ember_unary(bogus<ember_unary_op>(v), x, nullptr, &r), "ember_unary", "op", v));
        EXPECT_EQ(r, sentinel());
    }
    for (int v : kBogusValues) {
        if (v >= 0 && v < EMBER_BINARY_OP_COUNT) continue;
        ember_tensor r = sentinel();
        EXPECT_TRUE(RejectsValue(ember_binary(bogus<ember_binary_op>(v), x, x, nullptr, &r), "ember_binary", "op", v));
        EXPECT_TRUE(RejectsValue(ember_binary_scalar(bogus<ember_binary_op>(v), x, sint(2), false, nullptr, &r),
                                 "ember_binary_scalar", "op", v));
        EXPECT_EQ(r, sentinel());
    }
    // The last value of each enum still works; the in-place form is checked too.
    Tensor r, i = make(EMBER_DTYPE_INT32, {2}, {6, 3});
    EXPECT_EMBER_OK(ember_unary(static_cast<ember_unary_op>(EMBER_UNARY_OP_COUNT - 1), x, nullptr, r.put()));
    EXPECT_EMBER_OK(ember_binary(static_cast<ember_binary_op>(EMBER_BINARY_OP_COUNT - 1), i, i, nullptr, r.put()));
    EXPECT_TRUE(RejectsValue(ember_unary(bogus<ember_unary_op>(-5), x, x, nullptr), "ember_unary", "op", -5));
    EXPECT_EQ(values_of(x), (std::vector<double>{1, 2, 3}));
}

TEST(EnumArgs, ReduceAndScatterEnums) {
    EMBER_REQUIRE(ember_reduce);
    EMBER_REQUIRE(ember_scatter);
    Tensor x = make_f32({2, 2}, {1, 2, 3, 4});
    Tensor index = make(EMBER_DTYPE_INT64, {1, 2}, {1, 0});
    for (int v : kBogusValues) {
        ember_tensor r = sentinel();
        if (v < 0 || v >= EMBER_REDUCE_OP_COUNT) {
            EXPECT_TRUE(
                RejectsValue(ember_reduce(bogus<ember_reduce_op>(v), x, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, &r),
                             "ember_reduce", "op", v));
        }
        EXPECT_TRUE(RejectsValue(ember_scatter(x, 0, index, x, bogus<ember_scatter_reduce>(v), nullptr, &r),
                                 "ember_scatter", "reduce", v));
        EXPECT_TRUE(RejectsValue(ember_scatter(x, 0, index, x, bogus<ember_scatter_reduce>(v), x, nullptr),
                                 "ember_scatter", "reduce", v));
        EXPECT_EQ(r, sentinel());
    }
    EXPECT_EQ(values_of(x), (std::vector<double>{1, 2, 3, 4}));  // the in-place attempts wrote nothing
    Tensor r;
    EXPECT_EMBER_OK(ember_reduce(static_cast<ember_reduce_op>(EMBER_REDUCE_OP_COUNT - 1), x, nullptr, 0, false,
                                 EMBER_DTYPE_UNDEFINED, r.put()));
    EXPECT_EMBER_OK(ember_scatter(x, 0, index, x, EMBER_SCATTER_MULTIPLY, nullptr, r.put()));
}

TEST(EnumArgs, DTypes) {
    const int64_t sizes[] = {2};
    Tensor x = make_f32({2}, {1, 2});
    const float data[2] = {1, 2};
    for (int v : kBogusValues) {
        if (v >= 0 && v <= EMBER_DTYPE_BOOL) continue;
        ember_dtype d = bogus<ember_dtype>(v);
        ember_tensor r = sentinel();
        EXPECT_TRUE(RejectsValue(ember_zeros(sizes, 1, d, kCpu, &r), "ember_zeros", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_empty(sizes, 1, d, kCpu, &r), "ember_empty", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_full(sizes, 1, sint(1), d, kCpu, &r), "ember_full", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_empty_like(x, d, &r), "ember_empty_like", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_full_like(x, sint(1), d, &r), "ember_full_like", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_arange(sint(0), sint(2), sint(1), d, kCpu, &r), "ember_arange", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_linspace(0, 1, 2, d, kCpu, &r), "ember_linspace", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_eye(2, -1, d, kCpu, &r), "ember_eye", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_scalar_tensor(sint(1), d, kCpu, &r), "ember_scalar_tensor", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_from_data(data, sizeof data, sizes, 1, d, &r), "ember_from_data", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_cast(x, d, &r), "ember_cast", "dtype", v));
        EXPECT_EQ(r, sentinel());
    }
    // EMBER_DTYPE_UNDEFINED is a default where the op has one, an invalid value where it has none.
    ember_tensor r = sentinel();
    const ember_dtype undefined = EMBER_DTYPE_UNDEFINED;
    EXPECT_TRUE(
        RejectsValue(ember_from_data(data, sizeof data, sizes, 1, undefined, &r), "ember_from_data", "dtype", -1));
    EXPECT_TRUE(RejectsValue(ember_cast(x, undefined, &r), "ember_cast", "dtype", -1));
    float blob[2] = {1, 2};
    EXPECT_TRUE(RejectsValue(ember_from_blob(blob, sizes, nullptr, 1, undefined, kCpu, nullptr, nullptr, &r),
                             "ember_from_blob", "dtype", -1));
    EXPECT_EQ(r, sentinel());
    Tensor ok;
    EXPECT_EMBER_OK(ember_zeros(sizes, 1, undefined, kCpu, ok.put()));
    EXPECT_EQ(dtype_of(ok), EMBER_DTYPE_FLOAT32);
}

TEST(EnumArgs, DTypesOfReductionsAndRandom) {
    EMBER_REQUIRE(ember_reduce);
    EMBER_REQUIRE(ember_softmax);
    EMBER_REQUIRE(ember_log_softmax);
    EMBER_REQUIRE(ember_cumsum);
    EMBER_REQUIRE(ember_cumprod);
    EMBER_REQUIRE(ember_rand);
    EMBER_REQUIRE(ember_randn);
    EMBER_REQUIRE(ember_randint);
    EMBER_REQUIRE(ember_normal);
    const int64_t sizes[] = {2};
    Tensor x = make_f32({2}, {1, 2});
    for (int v : {-2, 10, 1000, INT_MIN}) {
        ember_dtype d = bogus<ember_dtype>(v);
        ember_tensor r = sentinel();
        EXPECT_TRUE(
            RejectsValue(ember_reduce(EMBER_REDUCE_SUM, x, nullptr, 0, false, d, &r), "ember_reduce", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_softmax(x, 0, d, &r), "ember_softmax", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_log_softmax(x, 0, d, &r), "ember_log_softmax", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_cumsum(x, 0, d, &r), "ember_cumsum", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_cumprod(x, 0, d, &r), "ember_cumprod", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_rand(sizes, 1, d, kCpu, nullptr, &r), "ember_rand", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_randn(sizes, 1, d, kCpu, nullptr, &r), "ember_randn", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_randint(0, 5, sizes, 1, d, kCpu, nullptr, &r), "ember_randint", "dtype", v));
        EXPECT_TRUE(RejectsValue(ember_normal(0, 1, sizes, 1, d, kCpu, nullptr, &r), "ember_normal", "dtype", v));
        EXPECT_EQ(r, sentinel());
    }
}

TEST(EnumArgs, DeviceTypes) {
    const int64_t sizes[] = {2};
    for (int v : {-1, 3, 1000, INT_MIN, INT_MAX}) {
        const ember_device d = bogus_device(v);
        ember_tensor r = sentinel();
        EXPECT_TRUE(RejectsValue(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, d, &r), "ember_zeros", "device.type", v));
        EXPECT_TRUE(
            RejectsValue(ember_full(sizes, 1, sint(1), EMBER_DTYPE_UNDEFINED, d, &r), "ember_full", "device.type", v));
        EXPECT_TRUE(RejectsValue(ember_eye(2, 2, EMBER_DTYPE_UNDEFINED, d, &r), "ember_eye", "device.type", v));
        EXPECT_EQ(r, sentinel());
        ember_allocator_stats stats{};
        stats.live_tensors = -7;
        EXPECT_TRUE(RejectsValue(ember_get_allocator_stats(d, &stats), "ember_get_allocator_stats", "device.type", v));
        EXPECT_EQ(stats.live_tensors, -7);
        EXPECT_TRUE(RejectsValue(ember_reset_peak_stats(d), "ember_reset_peak_stats", "device.type", v));
        EXPECT_TRUE(RejectsValue(ember_empty_cache(d), "ember_empty_cache", "device.type", v));
    }
}

TEST(EnumArgs, ScalarKinds) {
    const int64_t sizes[] = {2};
    Tensor x = make_f32({2}, {1, 2});
    Tensor mask = make(EMBER_DTYPE_BOOL, {2}, {1, 0});
    for (int v : {-1, 3, 1000, INT_MIN, INT_MAX}) {
        const ember_scalar s = bogus_scalar(v);
        ember_tensor r = sentinel();
        EXPECT_TRUE(
            RejectsValue(ember_full(sizes, 1, s, EMBER_DTYPE_UNDEFINED, kCpu, &r), "ember_full", "value.kind", v));
        EXPECT_TRUE(RejectsValue(ember_full_like(x, s, EMBER_DTYPE_UNDEFINED, &r), "ember_full_like", "value.kind", v));
        EXPECT_TRUE(RejectsValue(ember_scalar_tensor(s, EMBER_DTYPE_UNDEFINED, kCpu, &r), "ember_scalar_tensor",
                                 "value.kind", v));
        EXPECT_TRUE(RejectsValue(ember_arange(sint(0), s, sint(1), EMBER_DTYPE_UNDEFINED, kCpu, &r), "ember_arange",
                                 "end.kind", v));
        EXPECT_TRUE(RejectsValue(ember_binary_scalar(EMBER_BINARY_ADD, x, s, false, nullptr, &r), "ember_binary_scalar",
                                 "s.kind", v));
        EXPECT_TRUE(RejectsValue(ember_add_scaled(x, x, s, nullptr, &r), "ember_add_scaled", "alpha.kind", v));
        EXPECT_TRUE(RejectsValue(ember_clamp_scalar(x, nullptr, &s, nullptr, &r), "ember_clamp_scalar", "max.kind", v));
        EXPECT_TRUE(RejectsValue(ember_masked_fill(x, mask, s, nullptr, &r), "ember_masked_fill", "value.kind", v));
        EXPECT_TRUE(RejectsValue(ember_fill_(x, s), "ember_fill_", "value.kind", v));
        if (ember_test::available(&ember_addmm)) {
            Tensor m = make_f32({1, 1}, {2});
            EXPECT_TRUE(RejectsValue(ember_addmm(m, m, m, s, sint(1), &r), "ember_addmm", "beta.kind", v));
        }
        EXPECT_EQ(r, sentinel());
    }
    EXPECT_EQ(values_of(x), (std::vector<double>{1, 2}));  // ember_fill_ wrote nothing
}

TEST(EnumArgs, LogLevel) {
    for (int v : {-1, 6, 1000, INT_MIN, INT_MAX})
        EXPECT_TRUE(RejectsValue(ember_set_log_callback(nullptr, nullptr, bogus<ember_log_level>(v)),
                                 "ember_set_log_callback", "min_level", v));
    EXPECT_EMBER_OK(ember_set_log_callback(nullptr, nullptr, EMBER_LOG_NONE));
}
