// First- and second-order gradient checks of the linear algebra ops: every matmul case (vectors,
// matrices, batches, broadcast batches, zero sizes, transposed operands), mm, bmm, addmm with
// beta/alpha and a broadcast input, outer and dot; node names as PyTorch 1.13 records them.
#include "gradcheck.h"

using namespace ember_test;

namespace {

Tensor matmul(ember_tensor a, ember_tensor b) {
    Tensor r;
    EXPECT_EMBER_OK(ember_matmul(a, b, r.put()));
    return r;
}
// The last two dims swapped (a vector stays as it is).
Tensor mT(ember_tensor x) {
    int64_t nd = info_of(x).ndim;
    if (nd < 2) {
        EXPECT_EMBER_OK(ember_tensor_retain(x));
        return Tensor(x);
    }
    Tensor r;
    EXPECT_EMBER_OK(ember_transpose(x, -1, -2, r.put()));
    return r;
}

std::vector<Tensor> one(Tensor t) { return {std::move(t)}; }

std::string grad_fn(ember_tensor t) {
    const char *n = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &n));
    return n ? n : "";
}

std::vector<int64_t> swapped(std::vector<int64_t> s) {
    if (s.size() >= 2) std::swap(s[s.size() - 1], s[s.size() - 2]);
    return s;
}

void check_both(const TensorFn &f, const std::vector<Tensor> &in, const std::string &what) {
    EXPECT_TRUE(gradcheck(f, in)) << what;
    EXPECT_TRUE(gradgradcheck(f, in)) << what;
}

std::string shape_str(const std::vector<int64_t> &s) {
    std::string r = "[";
    for (int64_t v : s) r += std::to_string(v) + ",";
    return r + "]";
}

struct MatmulCase {
    std::vector<int64_t> a, b, out;
    const char *node;  // the result's grad_fn
};

}  // namespace

TEST(AutogradLinalg, MatmulEveryCase) {
    const MatmulCase cases[] = {
        {{3}, {3}, {}, "DotBackward0"},
        {{2, 3}, {3}, {2}, "MvBackward0"},
        {{3}, {3, 4}, {4}, "SqueezeBackward1"},
        {{2, 3}, {3, 4}, {2, 4}, "MmBackward0"},
        {{2, 2, 3}, {3, 4}, {2, 2, 4}, nullptr},  // batch folded into one mm
        {{2, 2, 3}, {3}, {2, 2}, nullptr},
        {{2, 2, 2, 3}, {3}, {2, 2, 2}, nullptr},
        {{3}, {2, 3, 4}, {2, 4}, nullptr},
        {{2, 3}, {2, 3, 4}, {2, 2, 4}, "CloneBackward0"},
        {{3}, {2, 2, 3, 4}, {2, 2, 4}, nullptr},
        {{2, 2, 3}, {2, 3, 4}, {2, 2, 4}, nullptr},
        {{2, 1, 2, 3}, {3, 3, 4}, {2, 3, 2, 4}, nullptr},  // broadcast batches
        {{1, 2, 3}, {4, 3, 2}, {4, 2, 2}, nullptr},
        {{2, 2, 3}, {1, 3, 4}, {2, 2, 4}, nullptr},
        {{2, 1, 3}, {3, 2}, {2, 1, 2}, nullptr},
        {{0, 3}, {3, 4}, {0, 4}, "MmBackward0"},  // zero sizes
        {{2, 0, 3}, {3, 2}, {2, 0, 2}, nullptr},
        {{2, 3, 0}, {0, 4}, {2, 3, 4}, nullptr},
        {{0, 2, 3}, {0, 3, 4}, {0, 2, 4}, nullptr},
        {{0}, {0}, {}, "DotBackward0"},
    };
    for (const MatmulCase &c : cases) {
        const std::string what = shape_str(c.a) + " @ " + shape_str(c.b);
        // Contiguous operands, then transposed ones (the leaves hold the swapped shapes).
        for (bool transpose : {false, true}) {
            Tensor a = rand_leaf(transpose ? swapped(c.a) : c.a, 3), b = rand_leaf(transpose ? swapped(c.b) : c.b, 5);
            TensorFn f = [&](const std::vector<Tensor> &in) {
                return one(transpose ? matmul(mT(in[0]), mT(in[1])) : matmul(in[0], in[1]));
            };
            Tensor y = f({a, b})[0];
            EXPECT_EQ(sizes_of(y), c.out) << what;
            if (c.node && !transpose) {
                EXPECT_EQ(grad_fn(y), c.node) << what;
            }
            check_both(f, {a, b}, what + (transpose ? " transposed" : ""));
        }
        // Only one operand requiring grad.
        Tensor a = rand_leaf(c.a, 7), b = make(EMBER_DTYPE_FLOAT64, c.b, std::vector<double>(numel_of(c.b), 0.5));
        check_both([&](const std::vector<Tensor> &in) { return one(matmul(in[0], in[1])); }, {a, b}, what + " a only");
    }
}

TEST(AutogradLinalg, MmBmmAddmmOuterDot) {
    Tensor a = rand_leaf({2, 3}, 1), b = rand_leaf({3, 4}, 2);
    TensorFn mm = [](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_mm(in[0], mT(in[1]), r.put()));
        return one(r);
    };
    Tensor bt = rand_leaf({4, 3}, 2);
    check_both(mm, {a, bt}, "mm");
    EXPECT_EQ(grad_fn(mm({a, bt})[0]), "MmBackward0");

    Tensor p = rand_leaf({2, 3, 2}, 3), q = rand_leaf({2, 4, 2}, 4);
    TensorFn bmm = [](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_bmm(in[0], mT(in[1]), r.put()));
        return one(r);
    };
    check_both(bmm, {p, q}, "bmm");
    EXPECT_EQ(grad_fn(bmm({p, q})[0]), "BmmBackward0");

    for (std::vector<int64_t> input_shape : {std::vector<int64_t>{2, 4}, {4}, {2, 1}, {}}) {
        for (double beta : {1.0, 0.5, 0.0}) {
            Tensor in = rand_leaf(input_shape, 5);
            TensorFn addmm = [&](const std::vector<Tensor> &x) {
                Tensor r;
                EXPECT_EMBER_OK(ember_addmm(x[0], x[1], x[2], sfloat(beta), sfloat(-1.5), r.put()));
                return one(r);
            };
            check_both(addmm, {in, a, b}, "addmm input " + shape_str(input_shape) + " beta " + std::to_string(beta));
            EXPECT_EQ(grad_fn(addmm({in, a, b})[0]), "AddmmBackward0");
        }
    }
    // Integer beta/alpha and PyTorch's values.
    Tensor i2 = make(EMBER_DTYPE_FLOAT64, {2}, {1, 2}), a2 = make(EMBER_DTYPE_FLOAT64, {2, 3}, {1, 2, 3, 4, 5, 6}),
           b2 = make(EMBER_DTYPE_FLOAT64, {3, 2}, {1, -1, 2, 0.5, 0, 3});
    for (ember_tensor t : {i2.get(), a2.get(), b2.get()}) ASSERT_EMBER_OK(ember_set_requires_grad(t, true));
    Tensor y;
    ASSERT_EMBER_OK(ember_addmm(i2, a2, b2, sfloat(0.5), sint(2), y.put()));
    Tensor gy = make(EMBER_DTYPE_FLOAT64, {2, 2}, {1, 2, 3, 4});
    ember_tensor ys[1] = {y.get()}, gs[1] = {gy.get()}, xs[3] = {i2.get(), a2.get(), b2.get()}, out[3] = {};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 3, false, false, false, out));
    Tensor gi(out[0]), ga(out[1]), gb(out[2]);
    EXPECT_EQ(values_of(gi), (std::vector<double>{2, 3}));
    EXPECT_EQ(values_of(ga), (std::vector<double>{-2, 6, 12, -2, 16, 24}));
    EXPECT_EQ(values_of(gb), (std::vector<double>{26, 36, 34, 48, 42, 60}));

    Tensor u = rand_leaf({3}, 8), v = rand_leaf({4}, 9);
    TensorFn outer = [](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_outer(in[0], in[1], r.put()));
        return one(r);
    };
    check_both(outer, {u, v}, "outer");
    EXPECT_EQ(grad_fn(outer({u, v})[0]), "MulBackward0");

    Tensor w = rand_leaf({3}, 10);
    TensorFn dot = [](const std::vector<Tensor> &in) {
        Tensor r;
        EXPECT_EMBER_OK(ember_dot(in[0], in[1], r.put()));
        return one(r);
    };
    check_both(dot, {u, w}, "dot");
    EXPECT_EQ(grad_fn(dot({u, w})[0]), "DotBackward0");
}

TEST(AutogradLinalg, ErrorsAreTheSameWhenRecording) {
    Tensor a = rand_leaf({2, 2, 3}, 1), b = rand_leaf({4, 2}, 2);
    Tensor r;
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_matmul(a, b, r.put()));
    Tensor c = make(EMBER_DTYPE_FLOAT32, {3, 2}, std::vector<double>(6, 1));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_matmul(a, c, r.put()));
}
