// Gradients of the view ops, and in-place ops on views (the base's history follows the write).
#include "gradcheck.h"

using namespace ember_test;

namespace {

std::vector<Tensor> one(Tensor t) { return std::vector<Tensor>{std::move(t)}; }
Tensor mul(ember_tensor a, ember_tensor b) { return binary_op(EMBER_BINARY_MUL, a, b); }
Tensor slice(ember_tensor x, int64_t dim, int64_t start, int64_t end, int64_t step = 1) {
    Tensor r;
    EXPECT_EMBER_OK(ember_slice(x, dim, start, end, step, r.put()));
    return r;
}
Tensor clone(ember_tensor x) {
    Tensor r;
    EXPECT_EMBER_OK(ember_clone(x, r.put()));
    return r;
}
std::vector<double> grad_after_backward(ember_tensor y, ember_tensor x) {
    std::vector<double> ones(static_cast<size_t>(info_of(y).numel), 1.0);
    Tensor g = make(EMBER_DTYPE_FLOAT64, sizes_of(y), ones);
    ember_tensor ys[1] = {y}, gs[1] = {g.get()};
    EXPECT_EMBER_OK(ember_backward(ys, 1, gs, false, false, nullptr, 0));
    Tensor dx;
    EXPECT_EMBER_OK(ember_get_grad(x, dx.put()));
    return dx ? values_of(dx) : std::vector<double>{};
}

}  // namespace

TEST(AutogradViews, ViewOpsFirstAndSecondOrder) {
    Tensor x = rand_leaf({2, 3, 4}, 3);
    auto check = [&](const char *what, std::function<Tensor(ember_tensor)> view) {
        TensorFn f = [&](const std::vector<Tensor> &in) {
            Tensor v = view(in[0]);
            return one(mul(v, v));  // nonlinear, so the second order is not trivially zero
        };
        EXPECT_TRUE(gradcheck(f, {x})) << what;
        EXPECT_TRUE(gradgradcheck(f, {x})) << what;
    };
    check("transpose", [](ember_tensor t) { Tensor r; EXPECT_EMBER_OK(ember_transpose(t, 0, -1, r.put())); return r; });
    check("permute", [](ember_tensor t) {
        int64_t dims[3] = {2, 0, 1};
        Tensor r;
        EXPECT_EMBER_OK(ember_permute(t, dims, 3, r.put()));
        return r;
    });
    check("view", [](ember_tensor t) {
        int64_t s[2] = {6, -1};
        Tensor r;
        EXPECT_EMBER_OK(ember_view(t, s, 2, r.put()));
        return r;
    });
    check("reshape of a transpose (copy)", [](ember_tensor t) {
        Tensor tr, r;
        EXPECT_EMBER_OK(ember_transpose(t, 1, 2, tr.put()));
        int64_t s[1] = {-1};
        EXPECT_EMBER_OK(ember_reshape(tr, s, 1, r.put()));
        return r;
    });
    check("slice with step", [](ember_tensor t) { return slice(t, 2, 1, 4, 2); });
    check("negative-dim narrow", [](ember_tensor t) { Tensor r; EXPECT_EMBER_OK(ember_narrow(t, -2, 1, 2, r.put())); return r; });
    check("select", [](ember_tensor t) { Tensor r; EXPECT_EMBER_OK(ember_select(t, 1, -1, r.put())); return r; });
    check("unsqueeze+squeeze", [](ember_tensor t) {
        Tensor u, r;
        EXPECT_EMBER_OK(ember_unsqueeze(t, 1, u.put()));
        EXPECT_EMBER_OK(ember_squeeze(u, nullptr, 0, r.put()));
        return r;
    });
    check("flatten", [](ember_tensor t) { Tensor r; EXPECT_EMBER_OK(ember_flatten(t, 1, 2, r.put())); return r; });
}

TEST(AutogradViews, ExpandAndAsStridedAccumulateOverlaps) {
    Tensor x = rand_leaf({3, 1}, 5);
    TensorFn expand = [&](const std::vector<Tensor> &in) {
        int64_t s[3] = {2, 3, 4};
        Tensor r;
        EXPECT_EMBER_OK(ember_expand(in[0], s, 3, r.put()));
        return one(mul(r, r));
    };
    EXPECT_TRUE(gradcheck(expand, {x}));
    EXPECT_TRUE(gradgradcheck(expand, {x}));
    Tensor y = rand_leaf({6}, 6);
    TensorFn strided = [&](const std::vector<Tensor> &in) {
        int64_t sizes[2] = {3, 3}, strides[2] = {1, 1};  // overlapping windows
        Tensor r;
        EXPECT_EMBER_OK(ember_as_strided(in[0], sizes, strides, 2, 1, r.put()));
        return one(mul(r, r));
    };
    EXPECT_TRUE(gradcheck(strided, {y}));
    EXPECT_TRUE(gradgradcheck(strided, {y}));
}

TEST(AutogradViews, CopyIntoASliceOfAPlainTensorMakesItDifferentiable) {
    // y = zeros(3); y[0:2] = x; backward of y * w gives x.grad = w[0:2].
    Tensor x = rand_leaf({2}, 1);
    Tensor y = make(EMBER_DTYPE_FLOAT64, {3}, {0, 0, 0});
    Tensor w = make(EMBER_DTYPE_FLOAT64, {3}, {5, 6, 7});
    Tensor part = slice(y, 0, 0, 2);
    ASSERT_EMBER_OK(ember_copy_(part, x));
    const char *name = nullptr;
    ASSERT_EMBER_OK(ember_grad_fn_name(y, &name));
    ASSERT_NE(name, nullptr);
    EXPECT_STREQ(name, "CopySlices");
    EXPECT_EQ(grad_after_backward(mul(y, w), x), (std::vector<double>{5, 6}));
}

TEST(AutogradViews, InPlaceOpOnAViewUpdatesTheBase) {
    Tensor x = rand_leaf({3}, 2);
    Tensor y = clone(x);
    Tensor first;
    ASSERT_EMBER_OK(ember_select(y, 0, 0, first.put()));
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_MUL, first, sfloat(2), false, first, nullptr));
    EXPECT_EQ(grad_after_backward(y, x), (std::vector<double>{2, 1, 1}));
}

TEST(AutogradViews, OlderViewsSeeInPlaceChangesOfTheBase) {
    Tensor x = rand_leaf({3}, 4);
    Tensor y = clone(x);
    Tensor tail = slice(y, 0, 1, 3);
    ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_MUL, y, sfloat(3), false, y, nullptr));
    EXPECT_EQ(grad_after_backward(tail, x), (std::vector<double>{0, 3, 3}));
}

TEST(AutogradViews, InPlaceOnAViewOfALeafIsRefused) {
    Tensor x = rand_leaf({3}, 4);
    Tensor v = slice(x, 0, 0, 2);
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_unary(EMBER_UNARY_EXP, v, v, nullptr));
    EXPECT_NE(std::string(ember_last_error_message()).find("view of a leaf"), std::string::npos);
}

TEST(AutogradViews, SecondOrderThroughAnInPlaceWriteIntoAView) {
    Tensor x = rand_leaf({2}, 8);
    TensorFn f = [&](const std::vector<Tensor> &in) {
        Tensor y = make(EMBER_DTYPE_FLOAT64, {4}, {1, 2, 3, 4});
        Tensor part = slice(y, 0, 1, 3);
        EXPECT_EMBER_OK(ember_copy_(part, mul(in[0], in[0])));
        return one(mul(y, y));
    };
    EXPECT_TRUE(gradcheck(f, {x}));
    EXPECT_TRUE(gradgradcheck(f, {x}));
}
