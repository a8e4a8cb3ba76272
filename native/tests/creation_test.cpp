// Factories: shapes, dtype defaults and inference, values, errors.
#include <cmath>
#include <vector>

#include "test_util.h"

using namespace ember_test;

TEST(Creation, ZerosOnesEveryDtype) {
    int64_t sizes[] = {2, 3};
    for (ember_dtype d : kAllDtypes) {
        Tensor z, o;
        ASSERT_EMBER_OK(ember_zeros(sizes, 2, d, kCpu, z.put()));
        ASSERT_EMBER_OK(ember_ones(sizes, 2, d, kCpu, o.put()));
        EXPECT_EQ(dtype_of(z), d);
        EXPECT_EQ(sizes_of(o), (std::vector<int64_t>{2, 3}));
        EXPECT_EQ(values_of(z), std::vector<double>(6, 0.0)) << dtype_name(d);
        EXPECT_EQ(values_of(o), std::vector<double>(6, 1.0)) << dtype_name(d);
    }
    Tensor def;
    ASSERT_EMBER_OK(ember_ones(sizes, 2, EMBER_DTYPE_UNDEFINED, kCpu, def.put()));
    EXPECT_EQ(dtype_of(def), EMBER_DTYPE_FLOAT32);
}

TEST(Creation, ZeroDimAndEmptyShapes) {
    Tensor s;
    ASSERT_EMBER_OK(ember_zeros(nullptr, 0, EMBER_DTYPE_INT32, kCpu, s.put()));
    EXPECT_EQ(info_of(s).ndim, 0);
    EXPECT_EQ(info_of(s).numel, 1);
    int64_t sizes[] = {4, 0};
    Tensor e;
    ASSERT_EMBER_OK(ember_full(sizes, 2, sint(3), EMBER_DTYPE_UNDEFINED, kCpu, e.put()));
    EXPECT_EQ(info_of(e).numel, 0);
    EXPECT_EQ(dtype_of(e), EMBER_DTYPE_INT64);
}

TEST(Creation, NegativeSizesAreRefused) {
    int64_t sizes[] = {2, -1};
    Tensor t;
    EXPECT_NE(ember_zeros(sizes, 2, EMBER_DTYPE_FLOAT32, kCpu, t.put()), EMBER_OK);
    EXPECT_NE(ember_empty(sizes, 2, EMBER_DTYPE_FLOAT32, kCpu, t.put()), EMBER_OK);
    EXPECT_FALSE(t);
}

TEST(Creation, FullInfersDtypeFromScalarKind) {
    int64_t sizes[] = {3};
    struct Case {
        ember_scalar value;
        ember_dtype expected;
        double read;
    } cases[] = {{sint(-4), EMBER_DTYPE_INT64, -4},
                 {sfloat(2.5), EMBER_DTYPE_FLOAT32, 2.5},
                 {sbool(true), EMBER_DTYPE_BOOL, 1}};
    for (const Case &c : cases) {
        Tensor t;
        ASSERT_EMBER_OK(ember_full(sizes, 1, c.value, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
        EXPECT_EQ(dtype_of(t), c.expected);
        EXPECT_EQ(values_of(t), std::vector<double>(3, c.read));
    }
    Tensor t;
    ASSERT_EMBER_OK(ember_full(sizes, 1, sfloat(-2.75), EMBER_DTYPE_INT16, kCpu, t.put()));
    EXPECT_EQ(values_of(t), std::vector<double>(3, -2.0)) << "float to int truncates toward zero";
    ASSERT_EMBER_OK(ember_full(sizes, 1, sfloat(NAN), EMBER_DTYPE_FLOAT16, kCpu, t.put()));
    EXPECT_TRUE(std::isnan(values_of(t)[0]));
    // PyTorch: "value cannot be converted to type at::Half without overflow"
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_full(sizes, 1, sfloat(1e6), EMBER_DTYPE_FLOAT16, kCpu, t.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_full(sizes, 1, sint(1000), EMBER_DTYPE_INT8, kCpu, t.put()));
    ASSERT_EMBER_OK(ember_full(sizes, 1, sfloat(INFINITY), EMBER_DTYPE_FLOAT16, kCpu, t.put()));
    EXPECT_TRUE(std::isinf(values_of(t)[0])) << "inf itself converts";
}

TEST(Creation, LikeFunctions) {
    Tensor x = make(EMBER_DTYPE_INT8, {2, 2}, {1, 2, 3, 4});
    Tensor a, b;
    ASSERT_EMBER_OK(ember_full_like(x, sfloat(1.5), EMBER_DTYPE_UNDEFINED, a.put()));
    EXPECT_EQ(dtype_of(a), EMBER_DTYPE_INT8);
    EXPECT_EQ(values_of(a), std::vector<double>(4, 1.0));
    ASSERT_EMBER_OK(ember_empty_like(x, EMBER_DTYPE_FLOAT64, b.put()));
    EXPECT_EQ(dtype_of(b), EMBER_DTYPE_FLOAT64);
    EXPECT_EQ(sizes_of(b), (std::vector<int64_t>{2, 2}));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_empty_like(nullptr, EMBER_DTYPE_FLOAT64, b.put()));
}

TEST(Creation, Arange) {
    Tensor t;
    ASSERT_EMBER_OK(ember_arange(sint(0), sint(10), sint(3), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_INT64);
    EXPECT_EQ(values_of(t), (std::vector<double>{0, 3, 6, 9}));
    ASSERT_EMBER_OK(ember_arange(sint(5), sint(0), sint(-2), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(values_of(t), (std::vector<double>{5, 3, 1}));
    ASSERT_EMBER_OK(ember_arange(sint(0), sint(1), sfloat(0.25), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(values_of(t), (std::vector<double>{0, 0.25, 0.5, 0.75}));
    ASSERT_EMBER_OK(ember_arange(sint(3), sint(3), sint(1), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(info_of(t).numel, 0);
    // torch.arange(0, 1, 0.1) has 10 elements (the length is computed in double precision)
    ASSERT_EMBER_OK(ember_arange(sint(0), sint(1), sfloat(0.1), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(info_of(t).numel, 10);
    int64_t big = int64_t{1} << 60;
    ASSERT_EMBER_OK(ember_arange(sint(big), sint(big + 3), sint(1), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    std::vector<int64_t> v = int64s_of(t);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[2], big + 2) << "int64 arange is exact beyond 2^53";
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_arange(sint(0), sint(1), sint(0), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_arange(sint(0), sint(1), sint(-1), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_arange(sint(0), sfloat(INFINITY), sint(1), EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
}

TEST(Creation, LinspaceAndEye) {
    Tensor t;
    ASSERT_EMBER_OK(ember_linspace(-1.0, 1.0, 5, EMBER_DTYPE_FLOAT64, kCpu, t.put()));
    EXPECT_EQ(values_of(t), (std::vector<double>{-1, -0.5, 0, 0.5, 1}));
    ASSERT_EMBER_OK(ember_linspace(3.0, 7.0, 1, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(values_of(t), (std::vector<double>{3}));
    ASSERT_EMBER_OK(ember_linspace(0.0, 1.0, 0, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(info_of(t).numel, 0);
    // The last value is exactly `end`, also for long float32 ranges.
    ASSERT_EMBER_OK(ember_linspace(0.0, 0.3, 1001, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
    EXPECT_EQ(values_of(t).back(), static_cast<double>(0.3f));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_linspace(0.0, 1.0, -2, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));

    ASSERT_EMBER_OK(ember_eye(3, -1, EMBER_DTYPE_INT32, kCpu, t.put()));
    EXPECT_EQ(values_of(t), (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
    ASSERT_EMBER_OK(ember_eye(2, 3, EMBER_DTYPE_BOOL, kCpu, t.put()));
    EXPECT_EQ(sizes_of(t), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(values_of(t), (std::vector<double>{1, 0, 0, 0, 1, 0}));
    ASSERT_EMBER_OK(ember_eye(0, -1, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
    EXPECT_EQ(info_of(t).numel, 0);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_eye(-1, -1, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
}

TEST(Creation, ScalarTensorWrappedNumbers) {
    // dtype UNDEFINED: a wrapped number stored as int64 / float64 / bool
    struct Case {
        ember_scalar v;
        ember_dtype d;
    } cases[] = {{sint(3), EMBER_DTYPE_INT64}, {sfloat(0.1), EMBER_DTYPE_FLOAT64}, {sbool(false), EMBER_DTYPE_BOOL}};
    for (const Case &c : cases) {
        Tensor t;
        ASSERT_EMBER_OK(ember_scalar_tensor(c.v, EMBER_DTYPE_UNDEFINED, kCpu, t.put()));
        EXPECT_EQ(dtype_of(t), c.d);
        EXPECT_EQ(info_of(t).ndim, 0);
    }
    // A wrapped float does not widen a float16 tensor; a typed 0-dim float64 does not either
    // (0-dim tensors rank below dimensioned ones), but a wrapped float makes an int tensor float32.
    Tensor h = make(EMBER_DTYPE_FLOAT16, {2}, {1, 2});
    Tensor i = make(EMBER_DTYPE_INT32, {2}, {1, 2});
    Tensor w, z, r;
    ASSERT_EMBER_OK(ember_scalar_tensor(sfloat(0.5), EMBER_DTYPE_UNDEFINED, kCpu, w.put()));
    ASSERT_EMBER_OK(ember_scalar_tensor(sfloat(0.5), EMBER_DTYPE_FLOAT64, kCpu, z.put()));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, h, w, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT16);
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, h, z, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT16);
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, i, w, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT32);
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, i, z, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT64) << "a typed 0-dim float64 keeps its dtype over ints";
}

TEST(Creation, RandomFactoriesShapesAndDtypes) {
    EMBER_REQUIRE(ember_rand);
    EMBER_REQUIRE(ember_randn);
    EMBER_REQUIRE(ember_randint);
    int64_t sizes[] = {3, 5};
    Tensor t;
    ASSERT_EMBER_OK(ember_rand(sizes, 2, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, t.put()));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_FLOAT32);
    for (double v : values_of(t)) {
        EXPECT_GE(v, 0.0);
        EXPECT_LT(v, 1.0);
    }
    ASSERT_EMBER_OK(ember_randn(sizes, 2, EMBER_DTYPE_FLOAT64, kCpu, nullptr, t.put()));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_FLOAT64);
    ASSERT_EMBER_OK(ember_randint(-3, 4, sizes, 2, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, t.put()));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_INT64);
    for (double v : values_of(t)) {
        EXPECT_GE(v, -3);
        EXPECT_LT(v, 4);
    }
    EXPECT_NE(ember_randint(4, 4, sizes, 2, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, t.put()), EMBER_OK);
}
