// Fused optimizer steps and gradient clipping (ember.h section "Optimizers") through the C ABI:
// the formulas on hand-computed values (the PyTorch trajectories run in the managed fixture
// tests), state created and handed back, versions bumped, and validation before any write.
#include <cmath>

#include "test_util.h"

using namespace ember_test;

namespace {

uint32_t version_of(ember_tensor t) {
    uint32_t v = 0;
    EXPECT_EMBER_OK(ember_tensor_version(t, &v));
    return v;
}

}  // namespace

TEST(Optim, SgdMomentumCreatesTheBufferAndFollowsTorch) {
    Tensor p = make(EMBER_DTYPE_FLOAT64, {3}, {1, 2, 3});
    Tensor g = make(EMBER_DTYPE_FLOAT64, {3}, {0.5, -1, 2});
    ember_tensor params[] = {p}, grads[] = {g};
    ember_tensor bufs[] = {nullptr};
    const uint32_t v0 = version_of(p);
    // Step 1: buf = g + wd*p; p -= lr*buf.
    ASSERT_EMBER_OK(ember_sgd_step(params, grads, bufs, 1, 0.1, 0.9, 0.0, 0.01, false, false));
    ASSERT_NE(bufs[0], nullptr);
    Tensor buf(bufs[0]);
    EXPECT_GT(version_of(p), v0);
    const double b1[] = {0.5 + 0.01, -1 + 0.02, 2 + 0.03};
    std::vector<double> pv = values_of(p), bv = values_of(buf);
    for (int i = 0; i < 3; ++i) {
        EXPECT_DOUBLE_EQ(bv[i], b1[i]);
        EXPECT_DOUBLE_EQ(pv[i], (i + 1) - 0.1 * b1[i]);
    }
    // Step 2 reuses the buffer: buf = 0.9*buf + (g + wd*p).
    std::vector<double> p1 = pv;
    ASSERT_EMBER_OK(ember_sgd_step(params, grads, bufs, 1, 0.1, 0.9, 0.0, 0.01, false, false));
    EXPECT_EQ(bufs[0], buf.get()) << "a given state entry is updated in place, not replaced";
    std::vector<double> gv = {0.5, -1, 2};
    bv = values_of(buf);
    pv = values_of(p);
    for (int i = 0; i < 3; ++i) {
        const double b2 = 0.9 * b1[i] + (gv[i] + 0.01 * p1[i]);
        EXPECT_NEAR(bv[i], b2, 1e-15);
        EXPECT_NEAR(pv[i], p1[i] - 0.1 * b2, 1e-15);
    }
}

TEST(Optim, AdamFirstStepMovesByTheLearningRate) {
    // At step 1 the bias-corrected moment ratio is sign(g) (up to eps): each weight moves by lr.
    Tensor p = make_f32({2, 2}, {1, 1, 1, 1});
    Tensor g = make_f32({2, 2}, {3, -0.25, 100, -7});
    ember_tensor params[] = {p}, grads[] = {g}, m[] = {nullptr}, v[] = {nullptr};
    int64_t steps[] = {0};
    ASSERT_EMBER_OK(ember_adam_step(params, grads, m, v, nullptr, steps, 1, 0.01, 0.9, 0.999, 1e-8, 0, false, false,
                                    false));
    Tensor tm(m[0]), tv(v[0]);
    EXPECT_EQ(steps[0], 1);
    std::vector<double> pv = values_of(p);
    const double expect[] = {0.99, 1.01, 0.99, 1.01};
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(pv[i], expect[i], 1e-6);
    EXPECT_NEAR(values_of(tm)[0], 0.3, 1e-6);
    EXPECT_NEAR(values_of(tv)[0], 0.009, 1e-6);
}

TEST(Optim, AdamWDecaysTheWeightsDirectly) {
    Tensor p = make(EMBER_DTYPE_FLOAT64, {1}, {2});
    Tensor g = make(EMBER_DTYPE_FLOAT64, {1}, {0});
    ember_tensor params[] = {p}, grads[] = {g}, m[] = {nullptr}, v[] = {nullptr};
    int64_t steps[] = {0};
    ASSERT_EMBER_OK(ember_adam_step(params, grads, m, v, nullptr, steps, 1, 0.1, 0.9, 0.999, 1e-8, 0.5, false, false,
                                    true));
    Tensor tm(m[0]), tv(v[0]);
    EXPECT_DOUBLE_EQ(values_of(p)[0], 2 * (1 - 0.1 * 0.5));
}

TEST(Optim, ValidatesEverythingBeforeWriting) {
    Tensor p0 = make_f32({2}, {1, 2}), p1 = make_f32({3}, {1, 2, 3});
    Tensor g0 = make_f32({2}, {1, 1}), bad = make_f32({2}, {1, 1});
    ember_tensor params[] = {p0, p1}, grads[] = {g0, bad};
    ember_tensor bufs[] = {nullptr, nullptr};
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_sgd_step(params, grads, bufs, 2, 0.1, 0.9, 0, 0, false, false));
    EXPECT_NE(std::string(ember_last_error_message()).find("grads[1]"), std::string::npos) << ember_last_error_message();
    EXPECT_EQ(values_of(p0), (std::vector<double>{1, 2})) << "params[0] must not be written when params[1] is bad";
    EXPECT_EQ(bufs[0], nullptr);

    Tensor g64 = make(EMBER_DTYPE_FLOAT64, {3}, {1, 1, 1});
    ember_tensor grads64[] = {g0, g64};
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_sgd_step(params, grads64, bufs, 2, 0.1, 0, 0, 0, false, false));
    Tensor ip = make(EMBER_DTYPE_INT64, {2}, {1, 2}), ig = make(EMBER_DTYPE_INT64, {2}, {1, 2});
    ember_tensor iparams[] = {ip}, igrads[] = {ig};
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_sgd_step(iparams, igrads, nullptr, 1, 0.1, 0, 0, 0, false, false));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_sgd_step(params, nullptr, nullptr, 2, 0.1, 0, 0, 0, false, false));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_sgd_step(params, grads, bufs, 2, 0.1, 0.0, 0, 0, /*nesterov=*/true, false));
    ember_tensor m[] = {nullptr}, v[] = {nullptr};
    ember_tensor one_p[] = {p0}, one_g[] = {g0};
    int64_t negative[] = {-1};
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_adam_step(one_p, one_g, m, v, nullptr, negative, 1, 0.1, 0.9, 0.99, 1e-8, 0, false, false, false));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_adam_step(one_p, one_g, m, v, nullptr, nullptr, 1, 0.1, 0.9, 0.99, 1e-8, 0, false, false, false));
}

TEST(Optim, StridedGradientsAreRead) {
    Tensor p = make_f32({2, 3}, {0, 0, 0, 0, 0, 0});
    Tensor g = make_f32({3, 2}, {1, 2, 3, 4, 5, 6});
    Tensor gt;
    ASSERT_EMBER_OK(ember_transpose(g, 0, 1, gt.put()));
    ember_tensor params[] = {p}, grads[] = {gt};
    ASSERT_EMBER_OK(ember_sgd_step(params, grads, nullptr, 1, 1.0, 0, 0, 0, false, false));
    EXPECT_EQ(values_of(p), (std::vector<double>{-1, -3, -5, -2, -4, -6}));
}

TEST(Optim, ClipGradNormScalesAllGradientsTogether) {
    Tensor a = make_f32({2}, {3, 0}), b = make_f32({1}, {4});
    ember_tensor grads[] = {a, b};
    Tensor total;
    ASSERT_EMBER_OK(ember_clip_grad_norm(grads, 2, 1.0, 2.0, false, total.put()));
    EXPECT_NEAR(values_of(total)[0], 5.0, 1e-6);
    EXPECT_NEAR(values_of(a)[0], 0.6, 1e-6);
    EXPECT_NEAR(values_of(b)[0], 0.8, 1e-6);
    Tensor inf;
    ASSERT_EMBER_OK(ember_clip_grad_norm(grads, 2, 10.0, INFINITY, false, inf.put()));
    EXPECT_NEAR(values_of(inf)[0], 0.8, 1e-6);
    EXPECT_NEAR(values_of(b)[0], 0.8, 1e-6) << "a norm below max_norm leaves the gradients alone";

    Tensor nan = make_f32({1}, {NAN});
    ember_tensor with_nan[] = {nan, b};
    Tensor t2;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_clip_grad_norm(with_nan, 2, 1.0, 2.0, true, t2.put()));
    EXPECT_NEAR(values_of(b)[0], 0.8, 1e-6) << "nothing is scaled when the norm is rejected";

    ASSERT_EMBER_OK(ember_clip_grad_value(grads, 2, 0.7));
    EXPECT_NEAR(values_of(a)[0], 0.6, 1e-6);
    EXPECT_NEAR(values_of(b)[0], 0.7, 1e-6);
}
