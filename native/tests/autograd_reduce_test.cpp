// First- and second-order gradient checks of the reductions, softmax and scans: dims, keepdim,
// negative dims, the dtype argument, non-contiguous and zero-size inputs, plus values PyTorch
// 1.13 gives where the derivative has a rule of its own (ties, zeros, no degrees of freedom).
#include <limits>

#include "gradcheck.h"

using namespace ember_test;

namespace {

constexpr ember_dtype kUndef = EMBER_DTYPE_UNDEFINED;
const double kInf = std::numeric_limits<double>::infinity();

Tensor reduce(ember_reduce_op op, ember_tensor x, std::vector<int64_t> dims, bool keepdim, ember_dtype dt = kUndef) {
    Tensor r;
    EXPECT_EMBER_OK(ember_reduce(op, x, dims.data(), dims.size(), keepdim, dt, r.put()));
    return r;
}
Tensor transposed(ember_tensor x, int64_t a = 0, int64_t b = 1) {
    Tensor r;
    EXPECT_EMBER_OK(ember_transpose(x, a, b, r.put()));
    return r;
}
Tensor cast(ember_tensor x, ember_dtype dt) {
    Tensor r;
    EXPECT_EMBER_OK(ember_cast(x, dt, r.put()));
    return r;
}
Tensor mul(ember_tensor a, ember_tensor b) {
    Tensor r;
    EXPECT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r.put()));
    return r;
}
Tensor var_std(bool take_sqrt, ember_tensor x, std::vector<int64_t> dims, double correction, bool keepdim) {
    Tensor r;
    if (take_sqrt) EXPECT_EMBER_OK(ember_std(x, dims.data(), dims.size(), correction, keepdim, r.put()));
    else EXPECT_EMBER_OK(ember_var(x, dims.data(), dims.size(), correction, keepdim, r.put()));
    return r;
}
Tensor norm(ember_tensor x, double p, std::vector<int64_t> dims, bool keepdim) {
    Tensor r;
    EXPECT_EMBER_OK(ember_norm(x, p, dims.data(), dims.size(), keepdim, r.put()));
    return r;
}
std::pair<Tensor, Tensor> max_min_dim(bool is_max, ember_tensor x, int64_t dim, bool keepdim) {
    Tensor v, i;
    if (is_max) EXPECT_EMBER_OK(ember_max_dim(x, dim, keepdim, v.put(), i.put()));
    else EXPECT_EMBER_OK(ember_min_dim(x, dim, keepdim, v.put(), i.put()));
    return {v, i};
}
Tensor softmax(bool log, ember_tensor x, int64_t dim, ember_dtype dt = kUndef) {
    Tensor r;
    if (log) EXPECT_EMBER_OK(ember_log_softmax(x, dim, dt, r.put()));
    else EXPECT_EMBER_OK(ember_softmax(x, dim, dt, r.put()));
    return r;
}
Tensor scan(bool prod, ember_tensor x, int64_t dim, ember_dtype dt = kUndef) {
    Tensor r;
    if (prod) EXPECT_EMBER_OK(ember_cumprod(x, dim, dt, r.put()));
    else EXPECT_EMBER_OK(ember_cumsum(x, dim, dt, r.put()));
    return r;
}

std::vector<Tensor> one(Tensor t) { return {std::move(t)}; }

// A float64 leaf with the given values.
Tensor leaf(std::vector<int64_t> sizes, const std::vector<double> &values) {
    Tensor t = make(EMBER_DTYPE_FLOAT64, std::move(sizes), values);
    EXPECT_EMBER_OK(ember_set_requires_grad(t, true));
    return t;
}

// d<y, v>/dx (v: ones when empty), as doubles; empty when x got no gradient.
std::vector<double> grad_of(ember_tensor y, ember_tensor x, std::vector<double> v = {}) {
    if (v.empty()) v.assign(static_cast<size_t>(info_of(y).numel), 1.0);
    Tensor gv = make(dtype_of(y), sizes_of(y), v);
    ember_tensor ys[1] = {y}, gs[1] = {gv.get()}, xs[1] = {x}, out[1] = {nullptr};
    EXPECT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, false, false, true, out));
    Tensor g(out[0]);
    return g ? values_of(g) : std::vector<double>{};
}

std::string grad_fn(ember_tensor t) {
    const char *n = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &n));
    return n ? n : "";
}

bool requires_grad(ember_tensor t) {
    bool rg = false;
    EXPECT_EMBER_OK(ember_requires_grad(t, &rg));
    return rg;
}

// Equal up to rounding; NaNs equal, infinities equal by sign.
void expect_values(const std::vector<double> &got, const std::vector<double> &want, const char *what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (size_t i = 0; i < got.size(); ++i) {
        if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(got[i])) << what << " [" << i << "]: " << got[i];
        else if (std::isinf(want[i])) EXPECT_EQ(got[i], want[i]) << what << " [" << i << "]";
        else EXPECT_NEAR(got[i], want[i], 1e-12 + 1e-9 * std::abs(want[i])) << what << " [" << i << "]";
    }
}

void check_both(const TensorFn &f, const std::vector<Tensor> &in, const std::string &what) {
    EXPECT_TRUE(gradcheck(f, in)) << what;
    EXPECT_TRUE(gradgradcheck(f, in)) << what;
}

struct DimCase {
    std::vector<int64_t> dims;
    bool keepdim;
};
const DimCase kDimCases[] = {{{}, false}, {{}, true}, {{1}, false}, {{-1}, true}, {{0, 2}, false}, {{-3, 1}, true}};

}  // namespace

TEST(AutogradReduce, SumMeanProdLogsumexpOverDims) {
    const ember_reduce_op ops[] = {EMBER_REDUCE_SUM, EMBER_REDUCE_MEAN, EMBER_REDUCE_PROD, EMBER_REDUCE_LOGSUMEXP};
    for (ember_reduce_op op : ops)
        for (const DimCase &c : kDimCases) {
            Tensor x = rand_leaf({4, 2, 3}, 5, 0.5, 1.5);
            // The transpose makes the reduced input non-contiguous.
            TensorFn f = [&](const std::vector<Tensor> &in) {
                return one(reduce(op, transposed(in[0], 0, 2), c.dims, c.keepdim));
            };
            check_both(f, {x}, "op " + std::to_string(op) + " dims " + std::to_string(c.dims.size()));
        }
}

TEST(AutogradReduce, DtypeArgumentComputesInThatDtype) {
    Tensor x = rand_leaf({3, 4}, 2, 0.5, 1.5);
    for (ember_reduce_op op : {EMBER_REDUCE_SUM, EMBER_REDUCE_MEAN, EMBER_REDUCE_PROD, EMBER_REDUCE_LOGSUMEXP}) {
        // float64 -> float32 -> reduced in float64: the gradient comes back as float32, then float64.
        TensorFn f = [&](const std::vector<Tensor> &in) {
            return one(reduce(op, cast(in[0], EMBER_DTYPE_FLOAT32), {1}, false, EMBER_DTYPE_FLOAT64));
        };
        EXPECT_TRUE(gradcheck(f, {x}, 1e-3, 1e-3, 1e-3)) << "op " << op;
        Tensor y = f({x})[0];
        EXPECT_EQ(dtype_of(y), EMBER_DTYPE_FLOAT64);
    }
    Tensor y = reduce(EMBER_REDUCE_SUM, x, {}, false, EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(grad_fn(y), "SumBackward0");
    expect_values(grad_of(y, x), std::vector<double>(12, 1.0), "sum dtype");
}

TEST(AutogradReduce, NodeNamesFollowPyTorch) {
    Tensor x = rand_leaf({2, 3}, 1);
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_SUM, x, {}, false)), "SumBackward0");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_SUM, x, {0}, false)), "SumBackward1");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_MEAN, x, {}, false)), "MeanBackward0");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_MEAN, x, {1}, true)), "MeanBackward1");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_PROD, x, {}, false)), "ProdBackward0");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_PROD, x, {1}, false)), "ProdBackward1");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_AMAX, x, {}, false)), "AmaxBackward0");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_AMIN, x, {0}, false)), "AminBackward0");
    EXPECT_EQ(grad_fn(reduce(EMBER_REDUCE_LOGSUMEXP, x, {0}, false)), "LogsumexpBackward0");
    EXPECT_EQ(grad_fn(max_min_dim(true, x, 0, false).first), "MaxBackward0");
    EXPECT_EQ(grad_fn(max_min_dim(false, x, 0, false).first), "MinBackward0");
    EXPECT_EQ(grad_fn(var_std(false, x, {}, 1, false)), "VarBackward0");
    EXPECT_EQ(grad_fn(var_std(true, x, {1}, 1, false)), "StdBackward0");
    EXPECT_EQ(grad_fn(norm(x, 2, {}, false)), "NormBackward1");
    EXPECT_EQ(grad_fn(softmax(false, x, 1)), "SoftmaxBackward0");
    EXPECT_EQ(grad_fn(softmax(true, x, 1, EMBER_DTYPE_FLOAT32)), "LogSoftmaxBackward0");
    EXPECT_EQ(grad_fn(scan(false, x, 1)), "CumsumBackward0");
    EXPECT_EQ(grad_fn(scan(true, x, 0)), "CumprodBackward0");
}

TEST(AutogradReduce, NonDifferentiableResultsHaveNoHistory) {
    Tensor x = rand_leaf({2, 3}, 1);
    EXPECT_FALSE(requires_grad(reduce(EMBER_REDUCE_ALL, x, {}, false)));
    EXPECT_FALSE(requires_grad(reduce(EMBER_REDUCE_ANY, x, {1}, false)));
    EXPECT_FALSE(requires_grad(reduce(EMBER_REDUCE_COUNT_NONZERO, x, {1}, false)));
    // Even converted to a floating dtype.
    EXPECT_FALSE(requires_grad(reduce(EMBER_REDUCE_COUNT_NONZERO, x, {1}, false, EMBER_DTYPE_FLOAT64)));
    int64_t d = 1;
    Tensor am;
    ASSERT_EMBER_OK(ember_argmax(x, &d, false, am.put()));
    EXPECT_FALSE(requires_grad(am));
    auto [v, i] = max_min_dim(true, x, 1, false);
    EXPECT_TRUE(requires_grad(v));
    EXPECT_FALSE(requires_grad(i));
}

TEST(AutogradReduce, ProdWithZeros) {
    // PyTorch 1.13: one zero gets the product of the others; two zeros give zeros.
    Tensor x = leaf({3, 3}, {2, 0, 3, 0, 0, 4, 1, 2, 3});
    expect_values(grad_of(reduce(EMBER_REDUCE_PROD, x, {1}, false), x), {0, 6, 0, 0, 0, 0, 6, 3, 2}, "prod dim");
    Tensor v = leaf({4}, {2, 0, 3, 4});
    expect_values(grad_of(reduce(EMBER_REDUCE_PROD, v, {}, false), v), {0, 24, 0, 0}, "prod all");
    // Second order with one, two and three zeros per slice, over one dim and over several.
    Tensor z = leaf({3, 4}, {0.5, 0, 1.5, -0.7, 0, 0.8, 0, 1.2, 0, 0, 0.9, 0});
    for (const DimCase &c : {DimCase{{1}, false}, DimCase{{}, false}, DimCase{{0, 1}, true}}) {
        TensorFn f = [&](const std::vector<Tensor> &in) { return one(reduce(EMBER_REDUCE_PROD, in[0], c.dims, c.keepdim)); };
        check_both(f, {z}, "prod with zeros");
    }
    TensorFn cols = [&](const std::vector<Tensor> &in) { return one(reduce(EMBER_REDUCE_PROD, in[0], {0}, false)); };
    check_both(cols, {z}, "prod with zeros over dim 0");
    Tensor two = leaf({4}, {0, 1.5, 0, 0.5});
    check_both([&](const std::vector<Tensor> &in) { return one(reduce(EMBER_REDUCE_PROD, in[0], {}, false)); }, {two},
               "prod with two zeros");
}

TEST(AutogradReduce, AmaxAminSplitTiesEvenly) {
    Tensor x = leaf({2, 3}, {1, 3, 3, 2, 2, 0});
    expect_values(grad_of(reduce(EMBER_REDUCE_AMAX, x, {1}, false), x), {0, 0.5, 0.5, 0.5, 0.5, 0}, "amax dim");
    expect_values(grad_of(reduce(EMBER_REDUCE_AMAX, x, {}, false), x), {0, 0.5, 0.5, 0, 0, 0}, "amax all");
    Tensor y = leaf({2, 3}, {1, 3, 3, 1, 2, 0});
    expect_values(grad_of(reduce(EMBER_REDUCE_AMIN, y, {-2}, false), y), {0.5, 0, 0, 0.5, 1, 1}, "amin dim");
    Tensor n = leaf({3}, {1, std::nan(""), 3});
    std::vector<double> g = grad_of(reduce(EMBER_REDUCE_AMAX, n, {}, false), n);
    for (double e : g) EXPECT_TRUE(std::isnan(e));  // as PyTorch: nothing matches a NaN result
    for (ember_reduce_op op : {EMBER_REDUCE_AMAX, EMBER_REDUCE_AMIN})
        for (const DimCase &c : kDimCases) {
            Tensor r = rand_leaf({4, 2, 3}, 9);
            check_both([&](const std::vector<Tensor> &in) { return one(reduce(op, transposed(in[0], 0, 2), c.dims, c.keepdim)); },
                       {r}, "amax/amin");
        }
}

TEST(AutogradReduce, MaxMinDimRouteTheGradientToTheIndex) {
    Tensor x = leaf({2, 3}, {1, 3, 3, 5, 2, 0});
    expect_values(grad_of(max_min_dim(true, x, 1, false).first, x), {0, 1, 0, 1, 0, 0}, "max dim");
    Tensor y = leaf({2, 3}, {1, 3, 3, 1, 2, 0});
    expect_values(grad_of(max_min_dim(false, y, 0, true).first, y), {1, 0, 0, 0, 1, 1}, "min dim");
    for (bool is_max : {true, false})
        for (bool keepdim : {false, true})
            for (int64_t dim : {0, -1, 1}) {
                Tensor r = rand_leaf({4, 3, 2}, 13);
                check_both([&](const std::vector<Tensor> &in) {
                    return one(max_min_dim(is_max, transposed(in[0], 0, 1), dim, keepdim).first);
                }, {r}, "max/min dim");
            }
    Tensor s = rand_leaf({}, 3);
    check_both([&](const std::vector<Tensor> &in) { return one(max_min_dim(true, in[0], 0, false).first); }, {s},
               "max of a 0-dim tensor");
}

TEST(AutogradReduce, VarStdWithCorrection) {
    for (bool take_sqrt : {false, true})
        for (double correction : {0.0, 1.0, 1.5})
            for (const DimCase &c : kDimCases) {
                Tensor x = rand_leaf({4, 2, 3}, 21);
                check_both([&](const std::vector<Tensor> &in) {
                    return one(var_std(take_sqrt, transposed(in[0], 0, 2), c.dims, correction, c.keepdim));
                }, {x}, std::string(take_sqrt ? "std" : "var") + " correction " + std::to_string(correction));
            }
    // PyTorch's values where the variance has no degrees of freedom left, and std of constants.
    Tensor x = leaf({2, 3}, {1, 2, 3, 4, 4, 4});
    const double nan = std::nan("");
    expect_values(grad_of(var_std(false, x, {1}, 3, false), x), {-kInf, nan, kInf, nan, nan, nan}, "var dof 0");
    expect_values(grad_of(var_std(false, x, {1}, 5, false), x), {1, 0, -1, 0, 0, 0}, "var dof < 0");
    expect_values(grad_of(var_std(false, x, {0, 1}, 8, false), x), {2, 1, 0, -1, -1, -1}, "var dims dof < 0");
    // (PyTorch 1.13 means this, but its var_backward returns a gradient of the wrong shape here.)
    expect_values(grad_of(var_std(false, x, {}, 6, false), x), {kInf, kInf, nan, kInf, kInf, kInf}, "var all dof 0");
    Tensor s = leaf({2, 3}, {1, 1, 1, 3, 4, 0});
    expect_values(grad_of(var_std(true, s, {1}, 1, false), s),
                  {0, 0, 0, 0.1601281538050871, 0.40032038451271784, -0.5604485383178051}, "std");
}

TEST(AutogradReduce, NormOrders) {
    for (double p : {1.0, 2.0, kInf, -kInf, 3.0, 0.5, 1.5, -1.0})
        for (const DimCase &c : kDimCases) {
            Tensor x = rand_leaf({4, 2, 3}, 17, 0.2, 1.5);
            TensorFn f = [&](const std::vector<Tensor> &in) {
                return one(norm(transposed(in[0], 0, 2), p, c.dims, c.keepdim));
            };
            check_both(f, {x}, "norm p " + std::to_string(p));
        }
    // Signs, ties and zero vectors, as PyTorch.
    Tensor t = leaf({2, 3}, {-3, 1, 3, 2, -1, 1});
    expect_values(grad_of(norm(t, kInf, {}, false), t), {-0.5, 0, 0.5, 0, 0, 0}, "inf all");
    expect_values(grad_of(norm(t, -kInf, {1}, false), t), {0, 1, 0, 0, -0.5, 0.5}, "-inf dim");
    Tensor z = leaf({2, 3}, {0, 0, 0, 3, -4, 0});
    expect_values(grad_of(norm(z, 2, {1}, false), z), {0, 0, 0, 0.6, -0.8, 0}, "p 2");
    expect_values(grad_of(norm(z, 3, {1}, false), z), {0, 0, 0, 0.4448513517305356, -0.7908468475209521, 0}, "p 3");
    expect_values(grad_of(norm(z, 0.5, {1}, false), z), {0, 0, 0, 2.154700538379252, -1.8660254037844386, 0}, "p 0.5");
    expect_values(grad_of(norm(z, 1.5, {1}, false), z), {0, 0, 0, 0.7329564758289748, -0.8463452372482761, 0}, "p 1.5");
    expect_values(grad_of(norm(z, 1, {1}, false), z), {0, 0, 0, 1, -1, 0}, "p 1");
    EXPECT_TRUE(grad_of(norm(z, 0, {1}, false), z).empty());  // p = 0: no gradient (None in PyTorch)
}

TEST(AutogradReduce, LogsumexpValues) {
    Tensor x = leaf({2, 3}, {1, 2, 3, 4, 4, 4});
    expect_values(grad_of(reduce(EMBER_REDUCE_LOGSUMEXP, x, {1}, false), x),
                  {0.09003057317038043, 0.24472847105479759, 0.6652409557748217, 1.0 / 3, 1.0 / 3, 1.0 / 3}, "lse");
}

TEST(AutogradReduce, ZeroSizeInputs) {
    Tensor x = rand_leaf({0, 3}, 1);
    auto all_ops = [&](const std::vector<Tensor> &in) {
        std::vector<Tensor> r;
        for (ember_reduce_op op : {EMBER_REDUCE_SUM, EMBER_REDUCE_MEAN, EMBER_REDUCE_PROD, EMBER_REDUCE_LOGSUMEXP}) {
            r.push_back(reduce(op, in[0], {0}, false));
            r.push_back(reduce(op, in[0], {1}, true));
        }
        r.push_back(reduce(EMBER_REDUCE_AMAX, in[0], {1}, false));
        r.push_back(max_min_dim(false, in[0], 1, false).first);
        r.push_back(var_std(true, in[0], {1}, 1, false));
        r.push_back(norm(in[0], 3, {1}, false));
        r.push_back(softmax(false, in[0], 0));
        r.push_back(softmax(true, in[0], 1));
        r.push_back(scan(false, in[0], 0));
        r.push_back(scan(true, in[0], 1));
        return r;
    };
    for (const Tensor &y : all_ops({x})) EXPECT_TRUE(requires_grad(y));
    check_both(all_ops, {x}, "zero-size");
    // Reductions over the empty dim: the gradient is empty, of the input's shape.
    Tensor s = reduce(EMBER_REDUCE_SUM, x, {0}, false);
    Tensor gv = make(EMBER_DTYPE_FLOAT64, {3}, {1, 1, 1});
    ember_tensor ys[1] = {s.get()}, gs[1] = {gv.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
    ASSERT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, false, false, false, out));
    Tensor g(out[0]);
    EXPECT_EQ(sizes_of(g), (std::vector<int64_t>{0, 3}));
}

TEST(AutogradSoftmax, SoftmaxAndLogSoftmax) {
    for (bool log : {false, true})
        for (int64_t dim : {0, 1, -1}) {
            Tensor x = rand_leaf({3, 4}, 31, -2, 2);
            check_both([&](const std::vector<Tensor> &in) { return one(softmax(log, transposed(in[0]), dim)); }, {x},
                       std::string(log ? "log_softmax" : "softmax") + " dim " + std::to_string(dim));
            // The dtype argument: computed in float64 from float32, the gradient converted back.
            TensorFn f = [&](const std::vector<Tensor> &in) {
                return one(softmax(log, cast(in[0], EMBER_DTYPE_FLOAT32), dim, EMBER_DTYPE_FLOAT64));
            };
            EXPECT_TRUE(gradcheck(f, {x}, 1e-3, 1e-3, 1e-3));
        }
    Tensor s = rand_leaf({}, 4);
    check_both([&](const std::vector<Tensor> &in) { return one(softmax(true, in[0], 0)); }, {s}, "0-dim log_softmax");
    Tensor x = leaf({2, 3}, {1, 2, 3, 4, 4, 4});
    expect_values(grad_of(softmax(false, x, 1), x, {1, 2, 3, 4, 5, 6}),
                  {-0.1418170936098121, -0.14077035746962996, 0.28258745107944266, -1.0 / 3, 0, 1.0 / 3}, "softmax");
    expect_values(grad_of(softmax(true, x, 0), x, {1, 2, 3, 4, 5, 6}),
                  {0.762870634112166, 1.1655795458451772, 0.5795272076700441, -0.7628706341121663,
                   -1.1655795458451763, -0.5795272076700441},
                  "log_softmax");
}

TEST(AutogradScan, CumsumAndCumprod) {
    for (bool prod : {false, true})
        for (int64_t dim : {0, 1, -1}) {
            Tensor x = rand_leaf({3, 4}, 41, 0.5, 1.5);
            check_both([&](const std::vector<Tensor> &in) { return one(scan(prod, transposed(in[0]), dim)); }, {x},
                       std::string(prod ? "cumprod" : "cumsum") + " dim " + std::to_string(dim));
            TensorFn f = [&](const std::vector<Tensor> &in) {
                return one(scan(prod, cast(in[0], EMBER_DTYPE_FLOAT32), dim, EMBER_DTYPE_FLOAT64));
            };
            EXPECT_TRUE(gradcheck(f, {x}, 1e-3, 1e-3, 1e-3));
        }
    Tensor s = rand_leaf({}, 4);
    check_both([&](const std::vector<Tensor> &in) { return one(scan(true, in[0], 0)); }, {s}, "0-dim cumprod");
    Tensor x = leaf({2, 3}, {1, 2, 3, 4, 4, 4});
    expect_values(grad_of(scan(false, x, 1), x, {1, 2, 3, 4, 5, 6}), {6, 5, 3, 15, 11, 6}, "cumsum");
}

TEST(AutogradScan, CumprodWithZeros) {
    // PyTorch 1.13's values.
    Tensor v = leaf({5}, {2, 0, 3, 0, 5});
    expect_values(grad_of(scan(true, v, 0), v), {1, 8, 0, 0, 0}, "cumprod zeros");
    expect_values(grad_of(scan(true, v, 0), v, {1, 2, 3, 4, 5}), {1, 22, 0, 0, 0}, "cumprod zeros weighted");
    Tensor m = leaf({2, 3}, {0, 2, 3, 1, 2, 0});
    expect_values(grad_of(scan(true, m, 1), m, {1, 2, 3, 4, 5, 6}), {23, 0, 0, 14, 5, 12}, "cumprod rows");
    // First and second order with no, one, two and three zeros per slice, zeros first and last.
    Tensor z = leaf({4, 5}, {0.5, 0, 1.5, -0.7, 1.1,  //
                             0, 0.8, 0, 1.2, 0,      //
                             0, 0, 0.9, 0.6, -1.3,   //
                             0.7, 1.4, -0.6, 0.9, 1.2});
    for (int64_t dim : {0, 1})
        check_both([&](const std::vector<Tensor> &in) { return one(scan(true, in[0], dim)); }, {z},
                   "cumprod with zeros dim " + std::to_string(dim));
    // Through a product with another leaf, so the second derivative mixes inputs.
    Tensor w = rand_leaf({4, 5}, 3);
    check_both([&](const std::vector<Tensor> &in) { return one(scan(true, mul(in[0], in[1]), 1)); }, {z, w},
               "cumprod of a product");
}
