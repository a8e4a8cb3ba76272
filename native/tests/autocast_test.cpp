// Autocast through the C ABI: which ops run in bfloat16, which in float32, gradients, threads.
#include <cmath>
#include <optional>
#include <thread>
#include <vector>

#include "test_util.h"

using namespace ember_test;

namespace {

// Enables CPU autocast for a scope and restores the previous setting after.
class AutocastScope {
public:
    explicit AutocastScope(ember_dtype dtype = EMBER_DTYPE_BFLOAT16) {
        EXPECT_EQ(ember_get_autocast(EMBER_DEVICE_CPU, &prev_enabled_, &prev_dtype_), EMBER_OK);
        EXPECT_EQ(ember_set_autocast(EMBER_DEVICE_CPU, true, dtype), EMBER_OK) << ember_last_error_message();
    }
    ~AutocastScope() { ember_set_autocast(EMBER_DEVICE_CPU, prev_enabled_, prev_dtype_); }

private:
    bool prev_enabled_ = false;
    ember_dtype prev_dtype_ = EMBER_DTYPE_BFLOAT16;
};

std::vector<double> ramp(int64_t n, double scale) {
    std::vector<double> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = scale * static_cast<double>((i * 7) % 11 - 5);
    return v;
}

}  // namespace

TEST(Autocast, IsOffByDefaultAndValidatesItsArguments) {
    bool enabled = true;
    ember_dtype dtype = EMBER_DTYPE_UNDEFINED;
    ASSERT_EMBER_OK(ember_get_autocast(EMBER_DEVICE_CPU, &enabled, &dtype));
    EXPECT_FALSE(enabled);
    EXPECT_EQ(dtype, EMBER_DTYPE_BFLOAT16);
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_set_autocast(EMBER_DEVICE_CPU, true, EMBER_DTYPE_INT32));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_set_autocast(EMBER_DEVICE_CPU, true, EMBER_DTYPE_FLOAT64));
    EXPECT_EMBER_STATUS(EMBER_ERR_UNSUPPORTED, ember_set_autocast(EMBER_DEVICE_CUDA, true, EMBER_DTYPE_BFLOAT16));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_set_autocast(static_cast<ember_device_type>(42), true, EMBER_DTYPE_BFLOAT16));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_get_autocast(EMBER_DEVICE_CPU, nullptr, &dtype));
    ASSERT_EMBER_OK(ember_get_autocast(EMBER_DEVICE_CPU, &enabled, &dtype));
    EXPECT_FALSE(enabled) << "a refused call changes nothing";
}

TEST(Autocast, MatmulFamilyRunsInBFloat16AndMatchesFloat32) {
    Tensor x = make_f32({8, 16}, ramp(128, 0.25)), w = make_f32({4, 16}, ramp(64, 0.5));
    Tensor bias = make_f32({4}, ramp(4, 0.1));
    Tensor reference, mm_out, linear_out, wt;
    ASSERT_EMBER_OK(ember_linear(x, w, bias, reference.put()));
    ASSERT_EMBER_OK(ember_transpose(w, 0, 1, wt.put()));
    {
        AutocastScope scope;
        ASSERT_EMBER_OK(ember_mm(x, wt, mm_out.put()));
        ASSERT_EMBER_OK(ember_linear(x, w, bias, linear_out.put()));
    }
    EXPECT_EQ(dtype_of(mm_out), EMBER_DTYPE_BFLOAT16);
    EXPECT_EQ(dtype_of(linear_out), EMBER_DTYPE_BFLOAT16);
    std::vector<double> got = values_of(linear_out), want = values_of(reference);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.02 * (1 + std::fabs(want[i]))) << i;

    // Outside the scope, and for float64 inside it, nothing is cast.
    Tensor after, f64x, f64w, f64_out;
    ASSERT_EMBER_OK(ember_mm(x, wt, after.put()));
    EXPECT_EQ(dtype_of(after), EMBER_DTYPE_FLOAT32);
    ASSERT_EMBER_OK(ember_cast(x, EMBER_DTYPE_FLOAT64, f64x.put()));
    ASSERT_EMBER_OK(ember_cast(wt, EMBER_DTYPE_FLOAT64, f64w.put()));
    {
        AutocastScope scope;
        ASSERT_EMBER_OK(ember_mm(f64x, f64w, f64_out.put()));
    }
    EXPECT_EQ(dtype_of(f64_out), EMBER_DTYPE_FLOAT64);
}

TEST(Autocast, ConvolutionRunsInBFloat16) {
    Tensor x = make_f32({1, 2, 5, 5}, ramp(50, 0.2)), w = make_f32({3, 2, 3, 3}, ramp(54, 0.1));
    int64_t one[] = {1, 1}, zero[] = {0, 0};
    Tensor reference, y;
    ASSERT_EMBER_OK(ember_conv2d(x, w, nullptr, one, 2, zero, 2, one, 2, 1, reference.put()));
    {
        AutocastScope scope;
        ASSERT_EMBER_OK(ember_conv2d(x, w, nullptr, one, 2, zero, 2, one, 2, 1, y.put()));
    }
    EXPECT_EQ(dtype_of(y), EMBER_DTYPE_BFLOAT16);
    std::vector<double> got = values_of(y), want = values_of(reference);
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.02 * (1 + std::fabs(want[i]))) << i;
}

TEST(Autocast, LossesReductionsAndSoftmaxRunInFloat32) {
    Tensor logits16, sum, softmax, loss, f32_loss;
    Tensor logits = make_f32({4, 3}, ramp(12, 0.3));
    Tensor target = make(EMBER_DTYPE_INT64, {4}, {0, 2, 1, 2});
    ASSERT_EMBER_OK(ember_cast(logits, EMBER_DTYPE_BFLOAT16, logits16.put()));
    {
        AutocastScope scope;
        ASSERT_EMBER_OK(ember_cross_entropy(logits16, target, nullptr, EMBER_REDUCTION_MEAN, -100, 0.0, loss.put()));
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_SUM, logits16, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, sum.put()));
        ASSERT_EMBER_OK(ember_softmax(logits16, 1, EMBER_DTYPE_UNDEFINED, softmax.put()));
        // float32 inputs stay float32: the loss's own internal ops are not cast down.
        ASSERT_EMBER_OK(ember_mse_loss(logits, logits, EMBER_REDUCTION_MEAN, f32_loss.put()));
    }
    EXPECT_EQ(dtype_of(loss), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(dtype_of(sum), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(dtype_of(softmax), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(dtype_of(f32_loss), EMBER_DTYPE_FLOAT32);
    Tensor plain_sum;
    ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_SUM, logits16, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, plain_sum.put()));
    EXPECT_EQ(dtype_of(plain_sum), EMBER_DTYPE_BFLOAT16) << "without autocast a bfloat16 sum stays bfloat16";
}

TEST(Autocast, GradientsReachFloat32ParametersAsFloat32) {
    Tensor x = make_f32({6, 8}, ramp(48, 0.2)), w = make_f32({3, 8}, ramp(24, 0.3));
    Tensor target = make(EMBER_DTYPE_INT64, {6}, {0, 1, 2, 0, 1, 2});
    ASSERT_EMBER_OK(ember_set_requires_grad(w, true));
    auto grad_of_w = [&](bool autocast) {
        Tensor y, loss, g;
        {
            std::optional<AutocastScope> scope;
            if (autocast) scope.emplace();
            EXPECT_EQ(ember_linear(x, w, nullptr, y.put()), EMBER_OK);
            EXPECT_EQ(ember_cross_entropy(y, target, nullptr, EMBER_REDUCTION_MEAN, -100, 0.0, loss.put()), EMBER_OK);
            EXPECT_EQ(dtype_of(loss), EMBER_DTYPE_FLOAT32);
            // backward inside the scope: the engine turns autocast off for the formulas
            ember_tensor outs[] = {loss.get()};
            EXPECT_EQ(ember_backward(outs, 1, nullptr, false, false, nullptr, 0), EMBER_OK) << ember_last_error_message();
        }
        EXPECT_EQ(ember_get_grad(w, g.put()), EMBER_OK);
        std::vector<double> v = values_of(g);
        EXPECT_EQ(dtype_of(g), EMBER_DTYPE_FLOAT32);
        EXPECT_EQ(ember_set_grad(w, nullptr), EMBER_OK);
        return v;
    };
    std::vector<double> want = grad_of_w(false), got = grad_of_w(true);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.02 + 0.02 * std::fabs(want[i])) << i;
}

TEST(Autocast, IsPerThread) {
    AutocastScope scope;
    bool other_enabled = true;
    std::thread([&] {
        ember_dtype d;
        ember_get_autocast(EMBER_DEVICE_CPU, &other_enabled, &d);
    }).join();
    EXPECT_FALSE(other_enabled);
    bool enabled = false;
    ember_dtype d;
    ASSERT_EMBER_OK(ember_get_autocast(EMBER_DEVICE_CPU, &enabled, &d));
    EXPECT_TRUE(enabled);
}

TEST(Autocast, Float16IsAccepted) {
    Tensor a = make_f32({2, 2}, {1, 2, 3, 4}), y;
    {
        AutocastScope scope(EMBER_DTYPE_FLOAT16);
        ASSERT_EMBER_OK(ember_mm(a, a, y.put()));
    }
    EXPECT_EQ(dtype_of(y), EMBER_DTYPE_FLOAT16);
    EXPECT_EQ(values_of(y), (std::vector<double>{7, 10, 15, 22}));
}
