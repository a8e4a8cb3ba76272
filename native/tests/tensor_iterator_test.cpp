// TensorIterator behaviour as ops show it: broadcasting, promotion, non-contiguous operands,
// in-place aliasing, out= checks and casting, empty and 0-dim tensors, threading.
#include <cmath>
#include <numeric>
#include <vector>

#include "test_util.h"

using namespace ember_test;

namespace {

std::vector<double> iota(size_t n, double start = 0.0) {
    std::vector<double> v(n);
    std::iota(v.begin(), v.end(), start);
    return v;
}

// A non-contiguous float32 view over caller memory (from_blob with strides).
Tensor strided_blob(std::vector<float> &memory, std::vector<int64_t> sizes, std::vector<int64_t> strides) {
    Tensor t;
    EXPECT_EQ(ember_from_blob(memory.data(), sizes.data(), strides.data(), sizes.size(), EMBER_DTYPE_FLOAT32, kCpu,
                              nullptr, nullptr, t.put()),
              EMBER_OK)
        << ember_last_error_message();
    return t;
}

}  // namespace

TEST(TensorIterator, BroadcastShapes) {
    struct Case {
        std::vector<int64_t> a, b, out;
    } cases[] = {{{3, 1}, {1, 4}, {3, 4}}, {{4}, {3, 4}, {3, 4}},     {{2, 1, 3}, {4, 1}, {2, 4, 3}},
                 {{}, {2, 2}, {2, 2}},     {{1}, {}, {1}},            {{0, 3}, {3}, {0, 3}},
                 {{2, 0, 1}, {5}, {2, 0, 5}}, {{1, 1, 1}, {2}, {1, 1, 2}}};
    for (const Case &c : cases) {
        Tensor a = make_f32(c.a, std::vector<double>(static_cast<size_t>(numel_of(c.a)), 1.0));
        Tensor b = make_f32(c.b, std::vector<double>(static_cast<size_t>(numel_of(c.b)), 2.0));
        Tensor r;
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, a, b, nullptr, r.put()));
        EXPECT_EQ(sizes_of(r), c.out);
        EXPECT_EQ(values_of(r), std::vector<double>(static_cast<size_t>(numel_of(c.out)), 3.0));
    }
    Tensor a = make_f32({2, 3}, iota(6)), b = make_f32({2}, {1, 2}), r;
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_binary(EMBER_BINARY_ADD, a, b, nullptr, r.put()));
}

TEST(TensorIterator, BroadcastValues) {
    Tensor a = make(EMBER_DTYPE_INT64, {3, 1}, {1, 2, 3});
    Tensor b = make(EMBER_DTYPE_INT64, {1, 4}, {10, 20, 30, 40});
    Tensor r;
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r.put()));
    EXPECT_EQ(values_of(r), (std::vector<double>{10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120}));
}

TEST(TensorIterator, NonContiguousInputsFromBlob) {
    // a: the transpose of a 3x4 row-major buffer; b: every other column of a 4x6 buffer
    std::vector<float> ma(12), mb(24);
    for (int i = 0; i < 12; ++i) ma[static_cast<size_t>(i)] = static_cast<float>(i);
    for (int i = 0; i < 24; ++i) mb[static_cast<size_t>(i)] = static_cast<float>(100 + i);
    Tensor a = strided_blob(ma, {4, 3}, {1, 4});
    Tensor b = strided_blob(mb, {4, 3}, {6, 2});
    Tensor r;
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_SUB, b, a, nullptr, r.put()));
    std::vector<double> expect;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j) expect.push_back((100 + i * 6 + j * 2) - (j * 4 + i));
    EXPECT_EQ(values_of(r), expect);
    EXPECT_TRUE(info_of(r).is_contiguous);
    // a broadcast (stride 0) operand from a blob
    std::vector<float> mc = {7.0f};
    Tensor c = strided_blob(mc, {4, 3}, {0, 0});
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, c, nullptr, r.put()));
    EXPECT_EQ(values_of(r)[1], 4 * 7.0);
}

TEST(TensorIterator, NonContiguousThroughViews) {
    EMBER_REQUIRE(ember_transpose);
    EMBER_REQUIRE(ember_as_strided);
    EMBER_REQUIRE(ember_slice);
    Tensor x = make_f32({5, 7}, iota(35));
    Tensor t, s, a, r;
    ASSERT_EMBER_OK(ember_transpose(x, 0, 1, t.put()));                   // 7x5, strides (1, 7)
    ASSERT_EMBER_OK(ember_slice(x, 1, 1, 7, 2, s.put()));                 // 5x3, strides (7, 2)
    ASSERT_EMBER_OK(ember_as_strided(x, std::vector<int64_t>{3, 5}.data(), std::vector<int64_t>{1, 7}.data(), 2, 2,
                                     a.put()));                           // 3x5 starting at element 2
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_NEG, t, nullptr, r.put()));
    std::vector<double> v = values_of(r);
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 5; ++j) EXPECT_EQ(v[static_cast<size_t>(i * 5 + j)], -(j * 7 + i));
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_binary(EMBER_BINARY_ADD, s, a, nullptr, r.put()));
    // as_strided view: element (i, j) is x.flat[2 + i + 7 j]; sliced view: x[i][1 + 2 j]
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_ABS, a, nullptr, r.put()));
    v = values_of(r);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 5; ++j) EXPECT_EQ(v[static_cast<size_t>(i * 5 + j)], 2 + i + 7 * j);
    Tensor ones = make_f32({3}, {1, 1, 1});
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, s, ones, nullptr, r.put()));
    v = values_of(r);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 3; ++j) EXPECT_EQ(v[static_cast<size_t>(i * 3 + j)], i * 7 + 1 + 2 * j + 1);
}

TEST(TensorIterator, SlicedAndTransposedOperandsMix) {
    EMBER_REQUIRE(ember_transpose);
    EMBER_REQUIRE(ember_slice);
    Tensor x = make_f32({6, 6}, iota(36));
    Tensor t, s, r;
    ASSERT_EMBER_OK(ember_transpose(x, 0, 1, t.put()));
    ASSERT_EMBER_OK(ember_slice(t, 0, 0, 6, 2, s.put()));  // rows 0, 2, 4 of the transpose: 3x6
    Tensor y = make_f32({6}, iota(6, 100));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, s, y, nullptr, r.put()));
    std::vector<double> v = values_of(r);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 6; ++j) EXPECT_EQ(v[static_cast<size_t>(i * 6 + j)], (j * 6 + 2 * i) + 100 + j);
}

TEST(TensorIterator, InPlaceAliasing) {
    // x *= x
    Tensor x = make_f32({2, 3}, {1, 2, 3, 4, 5, 6});
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, x, x, x, nullptr));
    EXPECT_EQ(values_of(x), (std::vector<double>{1, 4, 9, 16, 25, 36}));
    // in place into a transposed (non-contiguous) out
    std::vector<float> m = {1, 2, 3, 4, 5, 6};
    Tensor t = strided_blob(m, {3, 2}, {1, 3});
    Tensor ten = make_f32({2}, {10, 20});
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, t, ten, t, nullptr));
    EXPECT_EQ(m, (std::vector<float>{11, 12, 13, 24, 25, 26}));
    // an in-place op on a view changes the base
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_NEG, t, t, nullptr));
    EXPECT_EQ(m[0], -11.0f);
}

TEST(TensorIterator, PartialOverlapIsRefusedOrCorrect) {
    // out is x; the other input is a transposed view of x. PyTorch refuses this (partial overlap);
    // a library may also compute it through a temporary. Either way the result must never be a
    // half-updated mixture.
    EMBER_REQUIRE(ember_transpose);
    Tensor x = make_f32({2, 2}, {1, 2, 3, 4}), xt;
    ASSERT_EMBER_OK(ember_transpose(x, 0, 1, xt.put()));
    ember_status s = ember_binary(EMBER_BINARY_ADD, x, xt, x, nullptr);
    if (s == EMBER_OK) {
        EXPECT_EQ(values_of(x), (std::vector<double>{2, 5, 5, 8})) << "computed through a temporary";
    } else {
        EXPECT_EQ(s, EMBER_ERR_INVALID_ARGUMENT) << ember_last_error_message();
        EXPECT_EQ(values_of(x), (std::vector<double>{1, 2, 3, 4})) << "a refused call writes nothing";
    }
    // The same through two handles over one external buffer (two storages aliasing one memory):
    // PyTorch does not see that either; it is the caller's responsibility, so only the
    // same-storage case above is checked.
}

TEST(TensorIterator, OutputWithInternalOverlapIsRefused) {
    std::vector<float> m = {0, 0, 0};
    Tensor out = strided_blob(m, {2, 3}, {0, 1});  // an expanded tensor: rows share memory
    Tensor a = make_f32({2, 3}, iota(6));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_unary(EMBER_UNARY_NEG, a, out, nullptr));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_fill_(out, sint(1)));
}

TEST(TensorIterator, OutDtypeCastingRules) {
    Tensor f = make_f32({3}, {1.5, 2.5, -1});
    Tensor i = make(EMBER_DTYPE_INT32, {3}, {1, 2, 3});
    Tensor b = make(EMBER_DTYPE_BOOL, {3}, {1, 0, 1});
    struct Case {
        ember_binary_op op;
        ember_tensor a, b;
        ember_dtype out;
        ember_status expected;
    } cases[] = {
        {EMBER_BINARY_ADD, f, f, EMBER_DTYPE_FLOAT64, EMBER_OK},        // Float -> Double
        {EMBER_BINARY_ADD, f, f, EMBER_DTYPE_FLOAT16, EMBER_OK},        // Float -> Half (same kind)
        {EMBER_BINARY_ADD, f, f, EMBER_DTYPE_INT64, EMBER_ERR_DTYPE},   // Float -> Long
        {EMBER_BINARY_ADD, i, i, EMBER_DTYPE_FLOAT32, EMBER_OK},        // Int -> Float
        {EMBER_BINARY_ADD, i, i, EMBER_DTYPE_INT8, EMBER_OK},           // Int -> Char (same kind)
        {EMBER_BINARY_ADD, i, i, EMBER_DTYPE_BOOL, EMBER_ERR_DTYPE},    // Int -> Bool
        {EMBER_BINARY_DIV, i, i, EMBER_DTYPE_INT32, EMBER_ERR_DTYPE},   // true division is Float
        {EMBER_BINARY_LT, f, f, EMBER_DTYPE_FLOAT32, EMBER_OK},         // Bool -> anything
        {EMBER_BINARY_LOGICAL_AND, b, b, EMBER_DTYPE_UINT8, EMBER_OK},
        {EMBER_BINARY_MUL, b, b, EMBER_DTYPE_BOOL, EMBER_OK},
        {EMBER_BINARY_ADD, i, f, EMBER_DTYPE_INT32, EMBER_ERR_DTYPE},   // promoted Float -> Int
    };
    for (const Case &c : cases) {
        Tensor out;
        int64_t n = 3;
        ASSERT_EMBER_OK(ember_zeros(&n, 1, c.out, kCpu, out.put()));
        ember_status s = ember_binary(c.op, c.a, c.b, out, nullptr);
        EXPECT_EQ(s, c.expected) << "op " << c.op << " " << dtype_name(dtype_of(c.a)) << " into "
                                 << dtype_name(c.out) << ": " << ember_last_error_message();
        if (s == EMBER_ERR_DTYPE) {
            EXPECT_NE(std::string(ember_last_error_message()).find("can't be cast to the desired output type"),
                      std::string::npos)
                << ember_last_error_message();
        }
    }
    // The value is computed in the result dtype, then converted: 1.5 + 1.5 = 3 into float16
    Tensor h;
    int64_t n = 3;
    ASSERT_EMBER_OK(ember_zeros(&n, 1, EMBER_DTYPE_FLOAT16, kCpu, h.put()));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, f, f, h, nullptr));
    EXPECT_EQ(values_of(h), (std::vector<double>{3, 5, -2}));
    // Unary: exp of an int tensor is Float and may not go into a Long out
    Tensor l;
    ASSERT_EMBER_OK(ember_zeros(&n, 1, EMBER_DTYPE_INT64, kCpu, l.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_unary(EMBER_UNARY_EXP, i, l, nullptr));
    EXPECT_EQ(values_of(l), (std::vector<double>{0, 0, 0})) << "a refused out= is not written";
    // In place: int32 += float32 is refused (result Float into Int)
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_binary(EMBER_BINARY_ADD, i, f, i, nullptr));
    EXPECT_EQ(values_of(i), (std::vector<double>{1, 2, 3}));
}

TEST(TensorIterator, OutShapeRules) {
    Tensor a = make_f32({2, 3}, iota(6));
    Tensor b = make_f32({3}, {1, 1, 1});
    // an empty out is resized to the result's shape
    Tensor e;
    int64_t zero = 0;
    ASSERT_EMBER_OK(ember_empty(&zero, 1, EMBER_DTYPE_FLOAT32, kCpu, e.put()));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, a, b, e, nullptr));
    EXPECT_EQ(sizes_of(e), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(values_of(e), (std::vector<double>{1, 2, 3, 4, 5, 6}));
    // a non-empty out of another shape is refused
    Tensor w;
    int64_t sizes[] = {3, 2};
    ASSERT_EMBER_OK(ember_zeros(sizes, 2, EMBER_DTYPE_FLOAT32, kCpu, w.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_binary(EMBER_BINARY_ADD, a, b, w, nullptr));
    // in place may not grow: [1,3] += [2,3]
    Tensor one = make_f32({1, 3}, {0, 0, 0});
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_binary(EMBER_BINARY_ADD, one, a, one, nullptr));
    // the result handle of an out= call is the out tensor
    Tensor o, r;
    int64_t s2[] = {2, 3};
    ASSERT_EMBER_OK(ember_zeros(s2, 2, EMBER_DTYPE_FLOAT64, kCpu, o.put()));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, a, b, o, r.put()));
    bool shares = false;
    ASSERT_EMBER_OK(ember_tensor_shares_storage(o, r, &shares));
    EXPECT_TRUE(shares);
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT64);
}

TEST(TensorIterator, ZeroDimAndEmpty) {
    Tensor s = make_f32({}, {2.0});
    Tensor t = make_f32({}, {3.0});
    Tensor r;
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_POW, s, t, nullptr, r.put()));
    EXPECT_EQ(info_of(r).ndim, 0);
    EXPECT_EQ(values_of(r), (std::vector<double>{8}));
    Tensor e = make_f32({0, 4}, {});
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_EXP, e, nullptr, r.put()));
    EXPECT_EQ(sizes_of(r), (std::vector<int64_t>{0, 4}));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, e, s, nullptr, r.put()));
    EXPECT_EQ(sizes_of(r), (std::vector<int64_t>{0, 4}));
    // empty out= with empty inputs
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_NEG, e, e, nullptr));
}

TEST(TensorIterator, MixedDtypeInputsComputeInCommonDtype) {
    // uint8 200 vs int8 -1: common int16, so 200 > -1 (a uint8 compare would say 200 < 255)
    Tensor u = make(EMBER_DTYPE_UINT8, {2}, {200, 5});
    Tensor s = make(EMBER_DTYPE_INT8, {2}, {-1, 6});
    Tensor r;
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_GT, u, s, nullptr, r.put()));
    EXPECT_EQ(values_of(r), (std::vector<double>{1, 0}));
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, u, s, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_INT16);
    EXPECT_EQ(values_of(r), (std::vector<double>{199, 11}));
    // float16 + bfloat16 meet at float32
    Tensor h = make(EMBER_DTYPE_FLOAT16, {1}, {1.0009765625});
    Tensor bf = make(EMBER_DTYPE_BFLOAT16, {1}, {256});
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, h, bf, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(values_of(r), (std::vector<double>{257.0009765625}));
    // int8 tensor + 1000 stays int8 (the scalar wraps)
    Tensor i8 = make(EMBER_DTYPE_INT8, {1}, {1});
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_ADD, i8, sint(1000), false, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_INT8);
    EXPECT_EQ(values_of(r), (std::vector<double>{-23}));
    // bool + int scalar is int64; bool + bool scalar stays bool
    Tensor bl = make(EMBER_DTYPE_BOOL, {2}, {1, 0});
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_ADD, bl, sint(2), false, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_INT64);
    EXPECT_EQ(values_of(r), (std::vector<double>{3, 2}));
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_ADD, bl, sbool(true), false, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_BOOL);
    // float16 + float scalar stays float16
    Tensor f16 = make(EMBER_DTYPE_FLOAT16, {1}, {1});
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_MUL, f16, sfloat(1e5), false, nullptr, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT16);
    EXPECT_TRUE(std::isinf(values_of(r)[0]));
}

TEST(TensorIterator, LargeTensorsAreThreadCountIndependent) {
    const int64_t n = 1 << 20;
    std::vector<double> v(static_cast<size_t>(n));
    for (int64_t k = 0; k < n; ++k) v[static_cast<size_t>(k)] = std::sin(static_cast<double>(k)) * 3.0;
    Tensor x = make_f32({n}, v);
    Tensor y = make_f32({1024, 1024}, v);
    int32_t saved = ember_get_num_threads();
    std::vector<std::vector<unsigned char>> results;
    for (int32_t threads : {1, 2, 3}) {
        ASSERT_EMBER_OK(ember_set_num_threads(threads));
        Tensor a, b, yt;
        ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_TANH, x, nullptr, a.put()));
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ATAN2, a, x, nullptr, b.put()));
        std::vector<unsigned char> bytes = bytes_of(b);
        results.push_back(bytes);
    }
    ASSERT_EMBER_OK(ember_set_num_threads(saved));
    EXPECT_EQ(results[0], results[1]);
    EXPECT_EQ(results[0], results[2]);
}
