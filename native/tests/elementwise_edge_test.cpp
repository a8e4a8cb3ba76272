// Elementwise edge cases that must never take the host process down, and integer semantics that
// differ from C (floor division, Python remainder, division by zero).
#include <climits>
#include <cstdlib>
#include <vector>

#include "test_util.h"

using namespace ember_test;

namespace {

// Runs op(a, b) on one-dtype tensors and exits the (death-test) child with 0 when the call returns.
void divide_and_exit(ember_binary_op op, ember_dtype d, int64_t a, int64_t b) {
    Tensor ta = make(d, {3}, {static_cast<double>(a), 7, -7});
    Tensor tb = make(d, {3}, {static_cast<double>(b), -1, -1});
    if (d == EMBER_DTYPE_INT64) {  // doubles cannot hold INT64_MIN exactly as an int64 round trip
        int64_t av[3] = {a, 7, -7}, bv[3] = {b, -1, -1}, n = 3;
        ember_from_data(av, sizeof av, &n, 1, d, ta.put());
        ember_from_data(bv, sizeof bv, &n, 1, d, tb.put());
    }
    Tensor r;
    ember_binary(op, ta, tb, nullptr, r.put());
    std::exit(0);
}

}  // namespace

TEST(ElementwiseEdge, IntegerMinDividedByMinusOneDoesNotCrash) {
    // x86 raises SIGFPE for INT_MIN / -1 in idiv; a library must not pass that to its host.
    // "threadsafe" re-executes the test binary for each death test. Under qemu-user (the cross
    // builds' CTest sets EMBER_TEST_EMULATOR) that exec fails: the emulated /proc/self/exe is an
    // aarch64 binary the host cannot run without a binfmt_misc handler. There the child is forked
    // instead ("fast"), which is sound here: each CTest test is its own process, and nothing before
    // these death tests starts a thread (one-element tensors stay below the parallel grain size).
    GTEST_FLAG_SET(death_test_style, std::getenv("EMBER_TEST_EMULATOR") ? "fast" : "threadsafe");
    struct Case {
        ember_binary_op op;
        const char *name;
    } ops[] = {{EMBER_BINARY_DIV_TRUNC, "div_trunc"},
               {EMBER_BINARY_DIV_FLOOR, "div_floor"},
               {EMBER_BINARY_REMAINDER, "remainder"},
               {EMBER_BINARY_FMOD, "fmod"}};
    for (const Case &c : ops) {
        EXPECT_EXIT(divide_and_exit(c.op, EMBER_DTYPE_INT32, INT32_MIN, -1), ::testing::ExitedWithCode(0), "")
            << c.name << " int32: INT32_MIN / -1 crashed the process";
        EXPECT_EXIT(divide_and_exit(c.op, EMBER_DTYPE_INT64, INT64_MIN, -1), ::testing::ExitedWithCode(0), "")
            << c.name << " int64: INT64_MIN / -1 crashed the process";
    }
}

TEST(ElementwiseEdge, IntegerDivisionByZeroIsAnError) {
    for (ember_dtype d : {EMBER_DTYPE_INT8, EMBER_DTYPE_UINT8, EMBER_DTYPE_INT16, EMBER_DTYPE_INT32, EMBER_DTYPE_INT64}) {
        Tensor a = make(d, {40}, std::vector<double>(40, 5));
        std::vector<double> bv(40, 1);
        bv[37] = 0;  // in a vector tail
        Tensor b = make(d, {40}, bv);
        for (ember_binary_op op : {EMBER_BINARY_DIV_FLOOR, EMBER_BINARY_DIV_TRUNC, EMBER_BINARY_REMAINDER, EMBER_BINARY_FMOD}) {
            Tensor r;
            EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_binary(op, a, b, nullptr, r.put()))
                << dtype_name(d) << " op " << op;
            EXPECT_NE(std::string(ember_last_error_message()).find("ZeroDivisionError"), std::string::npos);
        }
        // true division of integers is float division: x / 0 is inf
        Tensor r;
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_DIV, a, b, nullptr, r.put()));
        EXPECT_TRUE(std::isinf(values_of(r)[37]));
        // an in-place division by zero leaves the tensor unchanged or fails cleanly
        ember_status s = ember_binary(EMBER_BINARY_DIV_FLOOR, a, b, a, nullptr);
        EXPECT_EQ(s, EMBER_ERR_INVALID_ARGUMENT);
    }
}

TEST(ElementwiseEdge, FloorDivisionAndRemainderSigns) {
    // Python semantics: floor division rounds toward -inf; remainder takes the divisor's sign.
    std::vector<double> a = {-7, -7, 7, 7, -1, 0, 6}, b = {2, -2, 2, -2, 3, -3, -4};
    for (ember_dtype d : {EMBER_DTYPE_INT8, EMBER_DTYPE_INT32, EMBER_DTYPE_INT64, EMBER_DTYPE_FLOAT32, EMBER_DTYPE_FLOAT64}) {
        Tensor ta = make(d, {7}, a), tb = make(d, {7}, b), r;
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_DIV_FLOOR, ta, tb, nullptr, r.put()));
        EXPECT_EQ(values_of(r), (std::vector<double>{-4, 3, 3, -4, -1, 0, -2})) << dtype_name(d);
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_DIV_TRUNC, ta, tb, nullptr, r.put()));
        EXPECT_EQ(values_of(r), (std::vector<double>{-3, 3, 3, -3, 0, 0, -1})) << dtype_name(d);
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_REMAINDER, ta, tb, nullptr, r.put()));
        EXPECT_EQ(values_of(r), (std::vector<double>{1, -1, 1, -1, 2, 0, -2})) << dtype_name(d);
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_FMOD, ta, tb, nullptr, r.put()));
        EXPECT_EQ(values_of(r), (std::vector<double>{-1, -1, 1, 1, -1, 0, 2})) << dtype_name(d);
    }
}

TEST(ElementwiseEdge, NanPropagation) {
    Tensor a = make_f32({4}, {NAN, 1, NAN, -INFINITY});
    Tensor b = make_f32({4}, {1, NAN, NAN, NAN});
    for (ember_binary_op op : {EMBER_BINARY_MAXIMUM, EMBER_BINARY_MINIMUM, EMBER_BINARY_ADD, EMBER_BINARY_ATAN2}) {
        Tensor r;
        ASSERT_EMBER_OK(ember_binary(op, a, b, nullptr, r.put()));
        for (double v : values_of(r)) EXPECT_TRUE(std::isnan(v)) << "op " << op;
    }
    Tensor r;
    ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_NE, a, a, nullptr, r.put()));
    EXPECT_EQ(values_of(r), (std::vector<double>{1, 0, 1, 0}));
    ember_scalar lo = sfloat(0), hi = sfloat(1);
    ASSERT_EMBER_OK(ember_clamp_scalar(a, &lo, &hi, nullptr, r.put()));
    EXPECT_TRUE(std::isnan(values_of(r)[0])) << "clamp keeps NaN";
}
