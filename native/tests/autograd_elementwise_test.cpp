// First- and second-order gradient checks of the elementwise ops' derivative formulas, including
// broadcasting, non-contiguous and zero-size inputs.
#include "gradcheck.h"

using namespace ember_test;

namespace {

Tensor transposed(ember_tensor x) {
    Tensor r;
    EXPECT_EMBER_OK(ember_transpose(x, 0, 1, r.put()));
    return r;
}

struct UnaryCase {
    ember_unary_op op;
    double lo, hi;  // a domain where the function is smooth
};

}  // namespace

TEST(AutogradElementwise, UnaryOpsFirstAndSecondOrder) {
    const UnaryCase cases[] = {
        {EMBER_UNARY_NEG, -2, 2},      {EMBER_UNARY_ABS, 0.5, 2},      {EMBER_UNARY_EXP, -1, 1},
        {EMBER_UNARY_EXPM1, -1, 1},    {EMBER_UNARY_LOG, 0.5, 2},      {EMBER_UNARY_LOG1P, 0, 2},
        {EMBER_UNARY_LOG2, 0.5, 2},    {EMBER_UNARY_SQRT, 0.5, 2},     {EMBER_UNARY_RSQRT, 0.5, 2},
        {EMBER_UNARY_RECIPROCAL, 0.5, 2}, {EMBER_UNARY_SIN, -2, 2},    {EMBER_UNARY_COS, -2, 2},
        {EMBER_UNARY_TAN, -1, 1},      {EMBER_UNARY_TANH, -2, 2},      {EMBER_UNARY_SIGMOID, -2, 2},
        {EMBER_UNARY_RELU, 0.2, 2},    {EMBER_UNARY_GELU, -2, 2},      {EMBER_UNARY_GELU_TANH, -2, 2},
        {EMBER_UNARY_SILU, -2, 2},     {EMBER_UNARY_ERF, -2, 2},       {EMBER_UNARY_LOG10, 0.5, 2},
        {EMBER_UNARY_EXP2, -1, 1},     {EMBER_UNARY_ASIN, -0.8, 0.8},  {EMBER_UNARY_ACOS, -0.8, 0.8},
        {EMBER_UNARY_ATAN, -2, 2},     {EMBER_UNARY_SINH, -1, 1},      {EMBER_UNARY_COSH, -1, 1},
        {EMBER_UNARY_ERFC, -1, 1},     {EMBER_UNARY_SQUARE, -2, 2},
    };
    for (const UnaryCase &c : cases) {
        Tensor x = rand_leaf({3, 4}, 11, c.lo, c.hi);
        TensorFn f = [&](const std::vector<Tensor> &in) { return std::vector<Tensor>{unary_op(c.op, transposed(in[0]))}; };
        EXPECT_TRUE(gradcheck(f, {x})) << "unary op " << c.op;
        EXPECT_TRUE(gradgradcheck(f, {x})) << "unary op " << c.op;
    }
}

TEST(AutogradElementwise, BinaryOpsWithBroadcasting) {
    const ember_binary_op ops[] = {EMBER_BINARY_ADD,     EMBER_BINARY_SUB,     EMBER_BINARY_MUL,
                                   EMBER_BINARY_DIV,     EMBER_BINARY_POW,     EMBER_BINARY_MAXIMUM,
                                   EMBER_BINARY_MINIMUM, EMBER_BINARY_ATAN2,   EMBER_BINARY_REMAINDER,
                                   EMBER_BINARY_FMOD};
    for (ember_binary_op op : ops) {
        Tensor a = rand_leaf({2, 3}, 3, 0.5, 2);
        Tensor b = rand_leaf({3}, 5, 0.6, 1.9);
        TensorFn f = [&](const std::vector<Tensor> &in) { return std::vector<Tensor>{binary_op(op, in[0], in[1])}; };
        EXPECT_TRUE(gradcheck(f, {a, b})) << "binary op " << op;
        EXPECT_TRUE(gradgradcheck(f, {a, b})) << "binary op " << op;
    }
}

TEST(AutogradElementwise, ZeroSizeInputsGiveZeroSizeGradients) {
    Tensor x = rand_leaf({0, 3}, 1);
    Tensor y = unary_op(EMBER_UNARY_EXP, x);
    ember_tensor ys[1] = {y.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
    Tensor g = make(EMBER_DTYPE_FLOAT64, {0, 3}, {});
    ember_tensor gs[1] = {g.get()};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, false, false, false, out));
    Tensor dx(out[0]);
    EXPECT_EQ(sizes_of(dx), (std::vector<int64_t>{0, 3}));
}

TEST(AutogradElementwise, PointwiseOpsWithParameters) {
    Tensor x = rand_leaf({4, 3}, 2, -2, 2), lo = rand_leaf({3}, 4, -1.5, -0.5), hi = rand_leaf({3}, 6, 0.5, 1.5);
    Tensor w = rand_leaf({4, 3}, 8, 0, 1), e = rand_leaf({4, 3}, 9, -1, 1);
    auto one = [](Tensor t) { return std::vector<Tensor>{std::move(t)}; };
    EXPECT_TRUE(gradcheck([&](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_clamp(in[0], in[1], in[2], nullptr, r.put()));
        return one(r);
    }, {x, lo, hi}));
    EXPECT_TRUE(gradgradcheck([&](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_lerp(in[0], in[1], in[2], nullptr, r.put()));
        return one(r);
    }, {x, e, w}));
    EXPECT_TRUE(gradgradcheck([&](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_softplus(in[0], 2.0, 3.0, nullptr, r.put()));
        return one(r);
    }, {x}));
    EXPECT_TRUE(gradcheck([&](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_leaky_relu(in[0], 0.1, nullptr, r.put()));
        return one(r);
    }, {x}));
    EXPECT_TRUE(gradgradcheck([&](const std::vector<Tensor> &in) {
        Tensor mask = make(EMBER_DTYPE_BOOL, {3}, {1, 0, 1}), r, m;
        EXPECT_EMBER_OK(ember_masked_fill(in[0], mask, sfloat(0.5), nullptr, m.put()));
        EXPECT_EMBER_OK(ember_where(mask, m, in[1], nullptr, r.put()));
        return one(binary_op(EMBER_BINARY_MUL, r, in[1]));
    }, {x, e}));
    EXPECT_TRUE(gradcheck([&](const std::vector<Tensor> &in) {
        Tensor r, s;
        EXPECT_EMBER_OK(ember_add_scaled(in[0], in[1], sfloat(-2.5), nullptr, r.put()));
        EXPECT_EMBER_OK(ember_cast(r, EMBER_DTYPE_FLOAT32, s.put()));
        Tensor back;
        EXPECT_EMBER_OK(ember_cast(s, EMBER_DTYPE_FLOAT64, back.put()));
        return one(back);
    }, {x, e}, 1e-3, 1e-3, 1e-3));
}

TEST(AutogradElementwise, CopyIntoANonLeafRoutesTheGradientToTheSource) {
    Tensor x = rand_leaf({3}, 1), src = rand_leaf({1}, 2);
    EXPECT_TRUE(gradcheck([&](const std::vector<Tensor> &in) {
        Tensor y = binary_op(EMBER_BINARY_MUL, in[0], in[0]);
        EXPECT_EMBER_OK(ember_copy_(y, in[1]));  // broadcast copy: y's old value gets no gradient
        return std::vector<Tensor>{binary_op(EMBER_BINARY_MUL, y, in[0])};
    }, {x, src}));
}
