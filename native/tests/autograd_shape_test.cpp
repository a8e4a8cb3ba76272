// First- and second-order gradient checks of the joining, splitting and rearranging ops (cat,
// stack, split, chunk, repeat, tile, flip, roll, tril, triu): negative dims, non-contiguous and
// zero-size inputs, node names and a few values checked against PyTorch 1.13.
#include "gradcheck.h"

using namespace ember_test;

namespace {

Tensor mul(ember_tensor a, ember_tensor b) {
    Tensor r;
    EXPECT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r.put()));
    return r;
}
// x * x: makes f nonlinear, so that the second-order check sees the formula's own derivative.
Tensor sq(ember_tensor x) { return mul(x, x); }
Tensor transposed(ember_tensor x, int64_t a = 0, int64_t b = 1) {
    Tensor r;
    EXPECT_EMBER_OK(ember_transpose(x, a, b, r.put()));
    return r;
}
std::vector<Tensor> one(Tensor t) { return std::vector<Tensor>{std::move(t)}; }

std::string grad_fn_name(ember_tensor t) {
    const char *name = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &name));
    return name ? name : "(leaf)";
}

// The gradient of sum(y * w) with respect to x, w given row-major (ones when empty).
std::vector<double> grad_of(ember_tensor y, ember_tensor x, std::vector<double> w = {}) {
    if (w.empty()) w.assign(static_cast<size_t>(info_of(y).numel), 1.0);
    Tensor g = make(EMBER_DTYPE_FLOAT64, sizes_of(y), w);
    ember_tensor ys[1] = {y}, gs[1] = {g.get()}, xs[1] = {x}, out[1] = {nullptr};
    EXPECT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, false, false, true, out));
    Tensor dx(out[0]);
    return dx ? values_of(dx) : std::vector<double>{};
}

// Checks f(x) = op(x)^2 to first and second order.
void check_unary(const char *what, const Tensor &x, const std::function<Tensor(ember_tensor)> &op) {
    TensorFn f = [&](const std::vector<Tensor> &in) { return one(sq(op(in[0]))); };
    EXPECT_TRUE(gradcheck(f, {x})) << what;
    EXPECT_TRUE(gradgradcheck(f, {x})) << what;
}

std::vector<Tensor> pieces_of(ember_status (*fn)(ember_tensor, int64_t, int64_t, ember_tensor *, size_t, size_t *),
                              ember_tensor x, int64_t arg, int64_t dim) {
    size_t count = 0;
    EXPECT_EMBER_OK(fn(x, arg, dim, nullptr, 0, &count));
    std::vector<ember_tensor> raw(count, nullptr);
    EXPECT_EMBER_OK(fn(x, arg, dim, raw.data(), raw.size(), &count));
    std::vector<Tensor> out;
    for (ember_tensor t : raw) out.emplace_back(t);
    return out;
}

}  // namespace

TEST(AutogradShape, NodeNamesFollowPyTorch) {
    Tensor x = rand_leaf({4, 3}, 1), y = rand_leaf({4, 3}, 2);
    ember_tensor xy[2] = {x.get(), y.get()};
    Tensor r;
    ASSERT_EMBER_OK(ember_cat(xy, 2, 0, r.put()));
    EXPECT_EQ(grad_fn_name(r), "CatBackward0");
    ASSERT_EMBER_OK(ember_stack(xy, 2, 0, r.put()));
    EXPECT_EQ(grad_fn_name(r), "StackBackward0");
    for (const Tensor &p : pieces_of(ember_split, x, 3, 0)) EXPECT_EQ(grad_fn_name(p), "SplitBackward0");
    for (const Tensor &p : pieces_of(ember_chunk, x, 2, 1)) EXPECT_EQ(grad_fn_name(p), "SplitBackward0");
    ember_tensor ws[2] = {nullptr, nullptr};
    int64_t sizes[2] = {1, 3};
    ASSERT_EMBER_OK(ember_split_with_sizes(x, sizes, 2, 0, ws));
    Tensor w0(ws[0]), w1(ws[1]);
    EXPECT_EQ(grad_fn_name(w0), "SplitWithSizesBackward0");
    int64_t reps[3] = {2, 1, 2};
    ASSERT_EMBER_OK(ember_repeat(x, reps, 3, r.put()));
    EXPECT_EQ(grad_fn_name(r), "RepeatBackward0");
    ASSERT_EMBER_OK(ember_tile(x, reps, 1, r.put()));
    EXPECT_EQ(grad_fn_name(r), "RepeatBackward0");
    int64_t dims[1] = {0};
    ASSERT_EMBER_OK(ember_flip(x, dims, 1, r.put()));
    EXPECT_EQ(grad_fn_name(r), "FlipBackward0");
    ASSERT_EMBER_OK(ember_roll(x, reps, 1, nullptr, 0, r.put()));
    EXPECT_EQ(grad_fn_name(r), "RollBackward0");
    ASSERT_EMBER_OK(ember_tril(x, 0, r.put()));
    EXPECT_EQ(grad_fn_name(r), "TrilBackward0");
    ASSERT_EMBER_OK(ember_triu(x, 0, r.put()));
    EXPECT_EQ(grad_fn_name(r), "TriuBackward0");
    // An empty dim chunks into pieces of given (zero) sizes, as in PyTorch.
    Tensor e = rand_leaf({0, 3}, 3);
    for (const Tensor &p : pieces_of(ember_chunk, e, 2, 0)) EXPECT_EQ(grad_fn_name(p), "SplitWithSizesBackward0");
}

TEST(AutogradShape, CatAndStack) {
    Tensor a = rand_leaf({2, 3}, 1), b = rand_leaf({3, 2}, 2), c = rand_leaf({1, 3}, 3), empty = rand_leaf({0}, 4);
    // b is transposed inside f (non-contiguous), dim is negative, a 1-D empty tensor is skipped.
    TensorFn cat = [&](const std::vector<Tensor> &in) {
        Tensor bt = transposed(in[1]);
        ember_tensor list[4] = {in[0].get(), in[3].get(), bt.get(), in[2].get()};
        Tensor r;
        EXPECT_EMBER_OK(ember_cat(list, 4, -2, r.put()));
        return one(sq(r));
    };
    EXPECT_TRUE(gradcheck(cat, {a, b, c, empty}));
    EXPECT_TRUE(gradgradcheck(cat, {a, b, c, empty}));

    Tensor s1 = rand_leaf({2, 3}, 5), s2 = rand_leaf({3, 2}, 6);
    for (int64_t dim : {0, 1, -1}) {
        TensorFn stack = [&](const std::vector<Tensor> &in) {
            Tensor t = transposed(in[1]);
            ember_tensor list[3] = {in[0].get(), t.get(), in[0].get()};  // one input twice
            Tensor r;
            EXPECT_EMBER_OK(ember_stack(list, 3, dim, r.put()));
            return one(sq(r));
        };
        EXPECT_TRUE(gradcheck(stack, {s1, s2})) << "dim " << dim;
        EXPECT_TRUE(gradgradcheck(stack, {s1, s2})) << "dim " << dim;
    }
}

TEST(AutogradShape, CatGivesEachInputItsDtypeAndSkipsIntegers) {
    Tensor f32 = make(EMBER_DTYPE_FLOAT32, {2}, {1, 2}), i64 = make(EMBER_DTYPE_INT64, {2}, {3, 4});
    Tensor f64 = rand_leaf({1}, 7);
    ASSERT_EMBER_OK(ember_set_requires_grad(f32, true));
    ember_tensor list[3] = {f32.get(), i64.get(), f64.get()};
    Tensor r;
    ASSERT_EMBER_OK(ember_cat(list, 3, 0, r.put()));
    EXPECT_EQ(dtype_of(r), EMBER_DTYPE_FLOAT64);
    Tensor g = make(EMBER_DTYPE_FLOAT64, {5}, {10, 20, 30, 40, 50});
    ember_tensor ys[1] = {r.get()}, gs[1] = {g.get()}, xs[2] = {f32.get(), f64.get()}, out[2] = {nullptr, nullptr};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 2, false, false, false, out));
    Tensor d32(out[0]), d64(out[1]);
    EXPECT_EQ(dtype_of(d32), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(values_of(d32), (std::vector<double>{10, 20}));
    EXPECT_EQ(values_of(d64), (std::vector<double>{50}));
}

TEST(AutogradShape, SplitAndChunkAreOneNodeWithSeveralOutputs) {
    Tensor x = rand_leaf({5, 4}, 8);
    // Every piece used.
    TensorFn split = [&](const std::vector<Tensor> &in) {
        std::vector<Tensor> out;
        for (const Tensor &p : pieces_of(ember_split, in[0], 2, 0)) out.push_back(sq(p));
        return out;
    };
    EXPECT_TRUE(gradcheck(split, {x}));
    EXPECT_TRUE(gradgradcheck(split, {x}));
    // Only the middle piece of a chunk of a transposed input, along a negative dim: the other
    // pieces' gradients are zeros.
    TensorFn chunk = [&](const std::vector<Tensor> &in) {
        Tensor t = transposed(in[0]);
        std::vector<Tensor> p = pieces_of(ember_chunk, t, 3, -1);
        EXPECT_EQ(p.size(), 3u);
        return one(sq(p[1]));
    };
    EXPECT_TRUE(gradcheck(chunk, {x}));
    EXPECT_TRUE(gradgradcheck(chunk, {x}));
    TensorFn with_sizes = [&](const std::vector<Tensor> &in) {
        ember_tensor raw[3] = {nullptr, nullptr, nullptr};
        int64_t sizes[3] = {1, 0, 3};
        EXPECT_EMBER_OK(ember_split_with_sizes(in[0], sizes, 3, 1, raw));
        Tensor a(raw[0]), b(raw[1]), c(raw[2]);
        return std::vector<Tensor>{sq(a), sq(b), sq(c)};
    };
    EXPECT_TRUE(gradcheck(with_sizes, {x}));
    EXPECT_TRUE(gradgradcheck(with_sizes, {x}));

    // Values: d/dx of 1*piece0 + 2*piece2, as PyTorch gives.
    Tensor v = rand_leaf({5}, 9);
    std::vector<Tensor> p = pieces_of(ember_split, v, 2, 0);
    ASSERT_EQ(p.size(), 3u);
    Tensor g0 = make(EMBER_DTYPE_FLOAT64, {2}, {1, 1}), g2 = make(EMBER_DTYPE_FLOAT64, {1}, {2});
    ember_tensor ys[2] = {p[0].get(), p[2].get()}, gs[2] = {g0.get(), g2.get()}, xs[1] = {v.get()}, out[1] = {nullptr};
    ASSERT_EMBER_OK(ember_grad(ys, 2, gs, xs, 1, false, false, false, out));
    Tensor dv(out[0]);
    EXPECT_EQ(values_of(dv), (std::vector<double>{1, 1, 0, 0, 2}));
}

TEST(AutogradShape, InPlaceWriteIntoAPieceReachesTheBase) {
    Tensor x = rand_leaf({4}, 10);
    TensorFn f = [&](const std::vector<Tensor> &in) {
        Tensor y;
        EXPECT_EMBER_OK(ember_clone(in[0], y.put()));
        std::vector<Tensor> p = pieces_of(ember_split, y, 2, 0);
        Tensor e;
        EXPECT_EMBER_OK(ember_unary(EMBER_UNARY_EXP, p[1], nullptr, e.put()));
        EXPECT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, p[0], e, p[0], nullptr));  // p0 += exp(p1)
        return std::vector<Tensor>{sq(y), sq(p[1])};  // p1 is stale now: rebuilt from y
    };
    EXPECT_TRUE(gradcheck(f, {x}));
    EXPECT_TRUE(gradgradcheck(f, {x}));
}

TEST(AutogradShape, RepeatAndTile) {
    Tensor x = rand_leaf({2, 3}, 11);
    auto repeat = [](std::vector<int64_t> reps) {
        return [reps](ember_tensor t) {
            Tensor r;
            EXPECT_EMBER_OK(ember_repeat(t, reps.data(), reps.size(), r.put()));
            return r;
        };
    };
    check_unary("repeat 2x3", x, repeat({2, 3}));
    check_unary("repeat with new leading dims", x, repeat({2, 1, 1, 2}));
    check_unary("repeat of ones", x, repeat({1, 1}));
    check_unary("repeat of a transpose", x, [&](ember_tensor t) { return repeat({3, 2})(transposed(t)); });
    check_unary("repeat by zero", x, repeat({2, 0}));
    check_unary("tile", x, [](ember_tensor t) {
        int64_t reps[1] = {2};
        Tensor r;
        EXPECT_EMBER_OK(ember_tile(t, reps, 1, r.put()));
        return r;
    });
    Tensor s = rand_leaf({}, 12);
    check_unary("repeat of a 0-dim tensor", s, repeat({3, 2}));
    Tensor e = rand_leaf({0, 2}, 13);
    check_unary("repeat of an empty tensor", e, repeat({2, 2}));

    // Values: torch.arange(2.).repeat(3, 2) weighted by arange(12) gives [30, 36].
    Tensor v = rand_leaf({2}, 14);
    Tensor r = repeat({3, 2})(v);
    std::vector<double> w(12);
    for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<double>(i);
    EXPECT_EQ(grad_of(r, v, w), (std::vector<double>{30, 36}));
}

TEST(AutogradShape, FlipRollTriangles) {
    Tensor x = rand_leaf({3, 4}, 15);
    auto flip = [](std::vector<int64_t> dims) {
        return [dims](ember_tensor t) {
            Tensor r;
            EXPECT_EMBER_OK(ember_flip(t, dims.data(), dims.size(), r.put()));
            return r;
        };
    };
    check_unary("flip 0", x, flip({0}));
    check_unary("flip both, negative dims, transposed", x, [&](ember_tensor t) { return flip({-1, -2})(transposed(t)); });
    check_unary("flip nothing", x, flip({}));

    auto roll = [](std::vector<int64_t> shifts, std::vector<int64_t> dims) {
        return [shifts, dims](ember_tensor t) {
            Tensor r;
            EXPECT_EMBER_OK(ember_roll(t, shifts.data(), shifts.size(), dims.data(), dims.size(), r.put()));
            return r;
        };
    };
    check_unary("roll flattened", x, roll({5}, {}));
    check_unary("roll flattened, negative", x, roll({-7}, {}));
    check_unary("roll two dims", x, roll({1, -3}, {0, -1}));
    check_unary("roll one dim twice", x, roll({2, 2}, {1, 1}));
    check_unary("roll by a multiple of the size", x, roll({3}, {0}));
    check_unary("roll of a transpose", x, [&](ember_tensor t) { return roll({1, 2}, {0, 1})(transposed(t)); });

    Tensor b = rand_leaf({2, 3, 4}, 16);
    for (int64_t k : {-2, 0, 1, 5}) {
        check_unary("tril", b, [k](ember_tensor t) {
            Tensor r;
            EXPECT_EMBER_OK(ember_tril(t, k, r.put()));
            return r;
        });
        check_unary("triu of a transpose", b, [k](ember_tensor t) {
            Tensor r;
            EXPECT_EMBER_OK(ember_triu(transposed(t, 1, 2), k, r.put()));
            return r;
        });
    }

    // Values: torch.arange(6.).reshape(2, 3) rolled by 1 over the flattened tensor, weighted by
    // arange(6), gives the weights rolled back: [1, 2, 3, 4, 5, 0].
    Tensor v = rand_leaf({2, 3}, 17);
    Tensor r = roll({1}, {})(v);
    EXPECT_EQ(grad_of(r, v, {0, 1, 2, 3, 4, 5}), (std::vector<double>{1, 2, 3, 4, 5, 0}));
    Tensor t;
    ASSERT_EMBER_OK(ember_triu(v, 1, t.put()));
    EXPECT_EQ(grad_of(t, v), (std::vector<double>{0, 1, 1, 0, 0, 1}));
}

TEST(AutogradShape, ZeroSizeInputs) {
    Tensor e = rand_leaf({0, 3}, 18);
    check_unary("flip", e, [](ember_tensor t) {
        int64_t d[1] = {1};
        Tensor r;
        EXPECT_EMBER_OK(ember_flip(t, d, 1, r.put()));
        return r;
    });
    check_unary("roll", e, [](ember_tensor t) {
        int64_t s[1] = {2};
        Tensor r;
        EXPECT_EMBER_OK(ember_roll(t, s, 1, nullptr, 0, r.put()));
        return r;
    });
    check_unary("tril", e, [](ember_tensor t) {
        Tensor r;
        EXPECT_EMBER_OK(ember_tril(t, 0, r.put()));
        return r;
    });
    check_unary("cat", e, [](ember_tensor t) {
        ember_tensor list[2] = {t, t};
        Tensor r;
        EXPECT_EMBER_OK(ember_cat(list, 2, 0, r.put()));
        return r;
    });
    Tensor y = sq(e);
    std::vector<double> g = grad_of(y, e);
    EXPECT_TRUE(g.empty());
    // Chunks of an empty dim.
    TensorFn chunk = [&](const std::vector<Tensor> &in) {
        std::vector<Tensor> out;
        for (const Tensor &p : pieces_of(ember_chunk, in[0], 2, 0)) out.push_back(sq(p));
        return out;
    };
    EXPECT_TRUE(gradcheck(chunk, {e}));
}
