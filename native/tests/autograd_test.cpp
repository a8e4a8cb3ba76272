// The autograd engine through the C ABI: recording, backward/grad, accumulation, hooks, errors,
// higher-order derivatives, custom functions and memory release.
#include <cmath>
#include <thread>

#include "gradcheck.h"

using namespace ember_test;

namespace {

Tensor leaf(std::vector<int64_t> sizes, const std::vector<double> &values, ember_dtype d = EMBER_DTYPE_FLOAT64) {
    Tensor t = make(d, std::move(sizes), values);
    EXPECT_EMBER_OK(ember_set_requires_grad(t, true));
    return t;
}

Tensor un(ember_unary_op op, ember_tensor x) { return unary_op(op, x); }
Tensor bin(ember_binary_op op, ember_tensor a, ember_tensor b) { return binary_op(op, a, b); }
Tensor bins(ember_binary_op op, ember_tensor a, double s) { return binary_scalar_op(op, a, s); }
Tensor grad_of(ember_tensor t) {
    Tensor g;
    EXPECT_EMBER_OK(ember_get_grad(t, g.put()));
    return g;
}
void backward(ember_tensor y, ember_tensor g = nullptr, bool retain = false, bool create = false) {
    ember_tensor gs[1] = {g};
    ASSERT_EMBER_OK(ember_backward(&y, 1, g ? gs : nullptr, retain, create, nullptr, 0));
}
std::string grad_fn_name(ember_tensor t) {
    const char *n = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &n));
    return n ? n : "";
}
void expect_near(const std::vector<double> &got, const std::vector<double> &want, double tol = 1e-12) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
}

}  // namespace

TEST(Autograd, RecordsAndBackpropagatesAProduct) {
    Tensor x = leaf({3}, {1, 2, 3});
    Tensor e = un(EMBER_UNARY_EXP, x);
    Tensor y = bin(EMBER_BINARY_MUL, e, x);
    EXPECT_EQ(grad_fn_name(y), "MulBackward0");
    EXPECT_EQ(grad_fn_name(e), "ExpBackward0");
    EXPECT_EQ(grad_fn_name(x), "");
    bool leaf_flag = false;
    ASSERT_EMBER_OK(ember_is_leaf(y, &leaf_flag));
    EXPECT_FALSE(leaf_flag);
    Tensor ones = make_f32({3}, {1, 1, 1});
    Tensor g = make(EMBER_DTYPE_FLOAT64, {3}, {1, 1, 1});
    backward(y, g);
    std::vector<double> want;
    for (double v : {1.0, 2.0, 3.0}) want.push_back(std::exp(v) * (v + 1));
    expect_near(values_of(grad_of(x)), want, 1e-9);
}

TEST(Autograd, GradientsAccumulateAcrossBackwardCalls) {
    Tensor x = leaf({2}, {1, 2});
    for (int i = 0; i < 3; ++i) {
        Tensor y = bin(EMBER_BINARY_MUL, x, x);
        backward(y, make(EMBER_DTYPE_FLOAT64, {2}, {1, 1}));
    }
    expect_near(values_of(grad_of(x)), {6, 12});
}

TEST(Autograd, BroadcastGradientsAreReducedToTheInputShape) {
    Tensor a = leaf({2, 3}, {1, 2, 3, 4, 5, 6});
    Tensor b = leaf({3}, {10, 20, 30});
    Tensor y = bin(EMBER_BINARY_MUL, a, b);
    backward(y, make(EMBER_DTYPE_FLOAT64, {2, 3}, {1, 1, 1, 1, 1, 1}));
    expect_near(values_of(grad_of(b)), {5, 7, 9});
    expect_near(values_of(grad_of(a)), {10, 20, 30, 10, 20, 30});
}

TEST(Autograd, NoGradModeRecordsNothing) {
    Tensor x = leaf({2}, {1, 2});
    ember_set_grad_enabled(false);
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    ember_set_grad_enabled(true);
    bool rg = true;
    ASSERT_EMBER_OK(ember_requires_grad(y, &rg));
    EXPECT_FALSE(rg);
    EXPECT_EQ(grad_fn_name(y), "");
}

TEST(Autograd, IntegerTensorsCannotRequireGrad) {
    Tensor i = make(EMBER_DTYPE_INT64, {2}, {1, 2});
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_set_requires_grad(i, true));
}

TEST(Autograd, BackwardTwiceWithoutRetainGraphFails) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    backward(y, g);
    ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()};
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_backward(ys, 1, gs, false, false, nullptr, 0));
    EXPECT_NE(std::string(ember_last_error_message()).find("second time"), std::string::npos);
}

TEST(Autograd, RetainGraphAllowsASecondPass) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    backward(y, g, /*retain=*/true);
    backward(y, g);
    expect_near(values_of(grad_of(x)), {4, 8});
}

TEST(Autograd, NonScalarOutputNeedsAGradient) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    ember_tensor ys[1] = {y.get()};
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_backward(ys, 1, nullptr, false, false, nullptr, 0));
    EXPECT_NE(std::string(ember_last_error_message()).find("scalar outputs"), std::string::npos);
}

TEST(Autograd, GradientShapeMismatchIsAnErrorAndOtherDtypesAreConverted) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    ember_tensor ys[1] = {y.get()};
    Tensor wrong_shape = make(EMBER_DTYPE_FLOAT64, {3}, {1, 1, 1});
    ember_tensor gs[1] = {wrong_shape.get()};
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_backward(ys, 1, gs, true, false, nullptr, 0));
    // Another dtype is converted, as PyTorch does.
    Tensor other_dtype = make_f32({2}, {1, 1});
    gs[0] = other_dtype.get();
    EXPECT_EMBER_OK(ember_backward(ys, 1, gs, true, false, nullptr, 0));
}

TEST(Autograd, BackwardOfATensorThatDoesNotRequireGradFails) {
    Tensor x = make(EMBER_DTYPE_FLOAT64, {1}, {1});
    ember_tensor ys[1] = {x.get()};
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_backward(ys, 1, nullptr, false, false, nullptr, 0));
}

TEST(Autograd, InPlaceChangeOfASavedTensorIsDetected) {
    Tensor x = leaf({2}, {1, 2});
    Tensor a = bins(EMBER_BINARY_MUL, x, 2.0);
    Tensor y = bin(EMBER_BINARY_MUL, a, a);  // saves a
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_ADD, a, sfloat(1), false, a, nullptr));
    ember_tensor ys[1] = {y.get()};
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    ember_tensor gs[1] = {g.get()};
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_backward(ys, 1, gs, false, false, nullptr, 0));
    std::string msg = ember_last_error_message();
    EXPECT_NE(msg.find("modified by an inplace operation"), std::string::npos) << msg;
    EXPECT_NE(msg.find("MulBackward0"), std::string::npos) << msg;
}

TEST(Autograd, InPlaceOpOnALeafThatRequiresGradFails) {
    Tensor x = leaf({2}, {1, 2});
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_unary(EMBER_UNARY_EXP, x, x, nullptr));
    ember_set_grad_enabled(false);
    EXPECT_EMBER_OK(ember_unary(EMBER_UNARY_EXP, x, x, nullptr));  // allowed under no_grad
    ember_set_grad_enabled(true);
}

TEST(Autograd, InPlaceOpRebasesHistory) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bins(EMBER_BINARY_MUL, x, 3.0);
    ASSERT_EMBER_OK(ember_unary(EMBER_UNARY_EXP, y, y, nullptr));  // y = exp(3x)
    EXPECT_EQ(grad_fn_name(y), "ExpBackward0");
    backward(y, make(EMBER_DTYPE_FLOAT64, {2}, {1, 1}));
    expect_near(values_of(grad_of(x)), {3 * std::exp(3.0), 3 * std::exp(6.0)}, 1e-9);
}

TEST(Autograd, OutArgumentWithGradIsRefused) {
    Tensor x = leaf({2}, {1, 2});
    Tensor out = make(EMBER_DTYPE_FLOAT64, {2}, {0, 0});
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_unary(EMBER_UNARY_EXP, x, out, nullptr));
}

TEST(Autograd, GradReturnsGradientsWithoutTouchingDotGrad) {
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, false, false, false, out));
    Tensor dx(out[0]);
    expect_near(values_of(dx), {2, 4});
    EXPECT_FALSE(grad_of(x));
}

TEST(Autograd, GradOfAnUnusedInputNeedsAllowUnused) {
    Tensor x = leaf({2}, {1, 2});
    Tensor z = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()}, xs[2] = {x.get(), z.get()}, out[2] = {nullptr, nullptr};
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_grad(ys, 1, gs, xs, 2, true, false, false, out));
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 2, false, false, true, out));
    Tensor dx(out[0]);
    EXPECT_EQ(out[1], nullptr);
}

TEST(Autograd, SecondDerivativeThroughCreateGraph) {
    // y = x^3: dy/dx = 3x^2, d2y/dx2 = 6x.
    Tensor x = leaf({2}, {1, 2});
    Tensor y = bin(EMBER_BINARY_MUL, bin(EMBER_BINARY_MUL, x, x), x);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
    ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, true, true, false, out));
    Tensor dx(out[0]);
    expect_near(values_of(dx), {3, 12});
    bool rg = false;
    ASSERT_EMBER_OK(ember_requires_grad(dx, &rg));
    ASSERT_TRUE(rg);
    ember_tensor ds[1] = {dx.get()};
    ASSERT_EMBER_OK(ember_grad(ds, 1, gs, xs, 1, false, false, false, out));
    Tensor d2x(out[0]);
    expect_near(values_of(d2x), {6, 12});
}

TEST(Autograd, SecondDerivativeOfTranscendentals) {
    // d2/dx2 tanh(x) = -2 tanh(x) (1 - tanh(x)^2); d2/dx2 exp(x) = exp(x).
    for (auto [op, f2] : std::vector<std::pair<ember_unary_op, double (*)(double)>>{
             {EMBER_UNARY_TANH, [](double v) { return -2 * std::tanh(v) * (1 - std::tanh(v) * std::tanh(v)); }},
             {EMBER_UNARY_EXP, [](double v) { return std::exp(v); }},
             {EMBER_UNARY_SIGMOID, [](double v) {
                  double s = 1 / (1 + std::exp(-v));
                  return s * (1 - s) * (1 - 2 * s);
              }}}) {
        Tensor x = leaf({2}, {0.3, -1.2});
        Tensor y = un(op, x);
        Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1});
        ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
        ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, true, true, false, out));
        Tensor dx(out[0]);
        ember_tensor ds[1] = {dx.get()};
        ASSERT_EMBER_OK(ember_grad(ds, 1, gs, xs, 1, false, false, false, out));
        Tensor d2x(out[0]);
        expect_near(values_of(d2x), {f2(0.3), f2(-1.2)}, 1e-12);
    }
}

namespace {
ember_status double_it(ember_tensor grad, void *user_data, ember_tensor *replacement) {
    ++*static_cast<int *>(user_data);
    return ember_binary_scalar(EMBER_BINARY_MUL, grad, sfloat(2), false, nullptr, replacement);
}
void count_destroy(void *user_data) { *static_cast<int *>(user_data) += 100; }
ember_status note_post(ember_tensor t, void *user_data) {
    Tensor g;
    ember_status s = ember_get_grad(t, g.put());
    if (s == EMBER_OK && g) *static_cast<double *>(user_data) = values_of(g)[0];
    return s;
}
}  // namespace

TEST(Autograd, TensorHooksCanReplaceTheGradient) {
    int calls = 0;
    Tensor x = leaf({1}, {3});
    Tensor a = bins(EMBER_BINARY_MUL, x, 1.0);
    int64_t h1 = 0, h2 = 0;
    ASSERT_EMBER_OK(ember_register_hook(a, double_it, &calls, count_destroy, &h1));  // non-leaf
    ASSERT_EMBER_OK(ember_register_hook(x, double_it, &calls, nullptr, &h2));        // leaf
    Tensor y = bin(EMBER_BINARY_MUL, a, a);
    backward(y);
    expect_near(values_of(grad_of(x)), {24});  // 2*3, doubled twice
    EXPECT_EQ(calls, 2);
    ASSERT_EMBER_OK(ember_remove_hook(a, h1));
    EXPECT_EQ(calls, 102);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_remove_hook(a, h1));
}

TEST(Autograd, PostAccumulateHookSeesTheUpdatedGrad) {
    double seen = 0;
    Tensor x = leaf({1}, {3});
    int64_t h = 0;
    ASSERT_EMBER_OK(ember_register_post_accumulate_grad_hook(x, note_post, &seen, nullptr, &h));
    Tensor y = bin(EMBER_BINARY_MUL, x, x);
    backward(y);
    EXPECT_EQ(seen, 6);
    Tensor a = bins(EMBER_BINARY_MUL, x, 1.0);
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_register_post_accumulate_grad_hook(a, note_post, &seen, nullptr, &h));
}

TEST(Autograd, RetainGradKeepsANonLeafGradient) {
    Tensor x = leaf({2}, {1, 2});
    Tensor a = bins(EMBER_BINARY_MUL, x, 2.0);
    ASSERT_EMBER_OK(ember_retain_grad(a));
    Tensor y = bin(EMBER_BINARY_MUL, a, a);
    backward(y, make(EMBER_DTYPE_FLOAT64, {2}, {1, 1}));
    expect_near(values_of(grad_of(a)), {4, 8});
    expect_near(values_of(grad_of(x)), {8, 16});
}

TEST(Autograd, DetachCutsTheGraph) {
    Tensor x = leaf({2}, {1, 2});
    Tensor a = bins(EMBER_BINARY_MUL, x, 2.0);
    Tensor d;
    ASSERT_EMBER_OK(ember_detach(a, d.put()));
    bool rg = true, shares = false;
    ASSERT_EMBER_OK(ember_requires_grad(d, &rg));
    EXPECT_FALSE(rg);
    ASSERT_EMBER_OK(ember_tensor_shares_storage(a, d, &shares));
    EXPECT_TRUE(shares);
}

namespace {
// Custom function: y = x^2 computed by the caller; backward = 2 x g.
ember_status square_backward(void *, const ember_tensor *saved, size_t nsaved, const ember_tensor *grads, size_t,
                             ember_tensor *grad_inputs, size_t) {
    if (nsaved != 1 || !grads[0]) return EMBER_ERR_INTERNAL;
    Tensor twice;
    ember_status s = ember_binary_scalar(EMBER_BINARY_MUL, saved[0], sfloat(2), false, nullptr, twice.put());
    if (s != EMBER_OK) return s;
    return ember_binary(EMBER_BINARY_MUL, twice, grads[0], nullptr, &grad_inputs[0]);
}
}  // namespace

TEST(Autograd, CustomFunctionBackwardIsCalled) {
    int destroyed = 0;
    Tensor x = leaf({2}, {3, 4});
    Tensor raw;
    {
        ember_set_grad_enabled(false);
        raw = bin(EMBER_BINARY_MUL, x, x);
        ember_set_grad_enabled(true);
    }
    ember_tensor ins[1] = {x.get()}, outs[1] = {raw.get()}, saved[1] = {x.get()}, res[1] = {nullptr};
    ASSERT_EMBER_OK(ember_custom_function_apply("SquareBackward", ins, 1, outs, 1, nullptr, saved, 1, square_backward,
                                                &destroyed, count_destroy, res));
    Tensor y(res[0]);
    EXPECT_EQ(grad_fn_name(y), "SquareBackward");
    backward(y, make(EMBER_DTYPE_FLOAT64, {2}, {1, 1}));
    expect_near(values_of(grad_of(x)), {6, 8});
    y.reset();
    EXPECT_EQ(destroyed, 100);
}

TEST(Autograd, GraphMemoryIsReturnedAfterManyIterations) {
    Tensor x = leaf({64}, std::vector<double>(64, 0.5));
    {  // warm the allocator's caches
        Tensor y = un(EMBER_UNARY_TANH, bin(EMBER_BINARY_MUL, x, x));
        backward(y, make(EMBER_DTYPE_FLOAT64, {64}, std::vector<double>(64, 1)));
    }
    ember_allocator_stats before = cpu_stats();
    for (int i = 0; i < 2000; ++i) {
        Tensor y = un(EMBER_UNARY_TANH, bin(EMBER_BINARY_MUL, un(EMBER_UNARY_EXP, x), x));
        backward(y, make(EMBER_DTYPE_FLOAT64, {64}, std::vector<double>(64, 1)));
    }
    ember_allocator_stats after = cpu_stats();
    EXPECT_EQ(after.live_tensors, before.live_tensors);
    EXPECT_EQ(after.bytes_in_use, before.bytes_in_use);
}

TEST(Autograd, GradModeIsPerThread) {
    ember_set_grad_enabled(false);
    bool other = false;
    std::thread t([&] { other = ember_is_grad_enabled(); });
    t.join();
    EXPECT_TRUE(other);
    EXPECT_FALSE(ember_is_grad_enabled());
    ember_set_grad_enabled(true);
}

TEST(Autograd, SeveralThreadsTrainAtOnce) {
    // Each thread runs its own forward/backward loop; one of them evaluates under no_grad in
    // between. Every thread's gradients must come out exactly as if it ran alone.
    constexpr int kThreads = 4, kIters = 300;
    std::vector<double> results(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &results] {
            Tensor x = make(EMBER_DTYPE_FLOAT64, {2}, {1.0 + t, 2.0});
            ember_set_requires_grad(x, true);
            for (int i = 0; i < kIters; ++i) {
                if (t % 2 == 1) {
                    ember_set_grad_enabled(false);
                    Tensor eval;
                    ember_binary(EMBER_BINARY_MUL, x, x, nullptr, eval.put());
                    bool rg = true;
                    ember_requires_grad(eval, &rg);
                    if (rg) results[t] = -1e9;  // recorded under no_grad: wrong
                    ember_set_grad_enabled(true);
                }
                Tensor y;
                ember_binary(EMBER_BINARY_MUL, x, x, nullptr, y.put());
                Tensor g = make(EMBER_DTYPE_FLOAT64, {2}, {1, 0});
                ember_tensor ys[1] = {y.get()}, gs[1] = {g.get()};
                if (ember_backward(ys, 1, gs, false, false, nullptr, 0) != EMBER_OK) results[t] = -1e9;
            }
            Tensor dx;
            ember_get_grad(x, dx.put());
            results[t] += values_of(dx)[0];
        });
    }
    for (auto &th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(results[t], kIters * 2.0 * (1.0 + t)) << "thread " << t;
}
