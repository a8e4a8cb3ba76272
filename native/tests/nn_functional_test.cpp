// NN functional ops (ember.h section "NN functional ops") through the C ABI.
//
// References come from PyTorch 1.13: tests/fixtures/generate_nn_functional.py writes
// tests/fixtures/nn_functional.json (float64 outputs, gradients of sum(out * grad_output),
// updated running statistics, error classes; rms_norm and attention references are written out
// from explicit PyTorch ops because 1.13 lacks them). Every case runs here in float64; the norms
// also run in float32 against the same values with float32 tolerances.
// Further tests: gradcheck and gradgradcheck of every op, dropout statistics and identities,
// embedding padding rows, node names, bad enum values, NULL arguments.
#include <cmath>
#include <cstring>
#include <functional>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gradcheck.h"
#include "json.h"

using namespace ember_test;
using ember_test::json::Value;

namespace {

const Value &fixtures() {
    static const Value v = [] {
        const std::string path = std::string(EMBER_FIXTURES_DIR) + "/nn_functional.json";
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot open " + path);
        std::stringstream ss;
        ss << in.rdbuf();
        return Value::parse(ss.str());
    }();
    return v;
}

std::vector<int64_t> int_list(const Value &v) {
    std::vector<int64_t> r;
    for (const Value &x : v.items()) r.push_back(x.as_int());
    return r;
}

double number(const Value &x) {
    if (x.is_string()) {
        const std::string &s = x.as_string();
        if (s == "nan") return std::nan("");
        return s[0] == '-' ? -INFINITY : INFINITY;
    }
    return x.as_double();
}

// A fixture tensor; floating ones become `dtype`.
Tensor decode(const Value &spec, ember_dtype floating = EMBER_DTYPE_FLOAT64) {
    std::vector<double> data;
    for (const Value &x : spec["data"].items()) data.push_back(number(x));
    const std::string &d = spec["dtype"].as_string();
    const ember_dtype dt = d == "int64" ? EMBER_DTYPE_INT64 : d == "int32" ? EMBER_DTYPE_INT32
                           : d == "bool" ? EMBER_DTYPE_BOOL : floating;
    return make(dt, int_list(spec["shape"]), data);
}

::testing::AssertionResult matches(ember_tensor t, const Value &want, double rtol, double atol) {
    if (!t) return ::testing::AssertionFailure() << "no tensor";
    if (sizes_of(t) != int_list(want["shape"])) return ::testing::AssertionFailure() << "shape differs";
    std::vector<double> got = values_of(t);
    const auto &exp = want["data"].items();
    for (size_t i = 0; i < exp.size(); ++i) {
        const double g = got[i], e = number(exp[i]);
        const bool ok = std::isnan(e)   ? std::isnan(g)
                        : std::isinf(e) ? g == e
                                        : std::abs(g - e) <= atol + rtol * std::abs(e);
        if (!ok) return ::testing::AssertionFailure() << "element " << i << ": got " << g << ", want " << e;
    }
    return ::testing::AssertionSuccess();
}

ember_reduction reduction_named(const std::string &s) {
    return s == "none" ? EMBER_REDUCTION_NONE : s == "sum" ? EMBER_REDUCTION_SUM : EMBER_REDUCTION_MEAN;
}

ember_status status_named(const std::string &s) {
    if (s == "SHAPE") return EMBER_ERR_SHAPE;
    if (s == "INDEX") return EMBER_ERR_INDEX;
    if (s == "DTYPE") return EMBER_ERR_DTYPE;
    return EMBER_ERR_INVALID_ARGUMENT;
}

double opt_double(const Value &attrs, const char *key, double fallback) {
    return attrs.has(key) && !attrs[key].is_null() ? attrs[key].as_double() : fallback;
}

// Calls the op named by a fixture case with inputs in[0..] and the case's attributes.
ember_status call(const std::string &op, const Value &a, const std::vector<Tensor> &in, Tensor &out) {
    auto t = [&](size_t i) -> ember_tensor { return i < in.size() ? in[i].get() : nullptr; };
    auto r = [&] { return reduction_named(a["reduction"].as_string()); };
    if (op == "batch_norm")
        return ember_batch_norm(t(0), t(1), t(2), t(3), t(4), a["training"].as_bool(), a["momentum"].as_double(),
                                a["eps"].as_double(), out.put());
    if (op == "layer_norm" || op == "rms_norm") {
        const std::vector<int64_t> ns = int_list(a["normalized_shape"]);
        if (op == "layer_norm")
            return ember_layer_norm(t(0), ns.data(), ns.size(), t(1), t(2), a["eps"].as_double(), out.put());
        return ember_rms_norm(t(0), ns.data(), ns.size(), t(1), opt_double(a, "eps", NAN), out.put());
    }
    if (op == "group_norm")
        return ember_group_norm(t(0), a["num_groups"].as_int(), t(1), t(2), a["eps"].as_double(), out.put());
    if (op == "embedding") {
        const bool has = !a["padding_idx"].is_null();
        return ember_embedding(t(0), t(1), has, has ? a["padding_idx"].as_int() : 0, out.put());
    }
    if (op == "cross_entropy")
        return ember_cross_entropy(t(0), t(1), t(2), r(), a["ignore_index"].as_int(), a["label_smoothing"].as_double(),
                                   out.put());
    if (op == "nll_loss") return ember_nll_loss(t(0), t(1), t(2), r(), a["ignore_index"].as_int(), out.put());
    if (op == "mse_loss") return ember_mse_loss(t(0), t(1), r(), out.put());
    if (op == "l1_loss") return ember_l1_loss(t(0), t(1), r(), out.put());
    if (op == "smooth_l1_loss") return ember_smooth_l1_loss(t(0), t(1), r(), a["beta"].as_double(), out.put());
    if (op == "huber_loss") return ember_huber_loss(t(0), t(1), r(), a["delta"].as_double(), out.put());
    if (op == "binary_cross_entropy") return ember_binary_cross_entropy(t(0), t(1), t(2), r(), out.put());
    if (op == "binary_cross_entropy_with_logits")
        return ember_binary_cross_entropy_with_logits(t(0), t(1), t(2), t(3), r(), out.put());
    if (op == "kl_div") return ember_kl_div(t(0), t(1), r(), a["log_target"].as_bool(), out.put());
    if (op == "cosine_embedding_loss")
        return ember_cosine_embedding_loss(t(0), t(1), t(2), a["margin"].as_double(), r(), out.put());
    if (op == "scaled_dot_product_attention")
        return ember_scaled_dot_product_attention(t(0), t(1), t(2), t(3), a["dropout_p"].as_double(),
                                                  a["is_causal"].as_bool(), opt_double(a, "scale", NAN), nullptr,
                                                  out.put());
    if (op == "linear") return ember_linear(t(0), t(1), t(2), out.put());
    ADD_FAILURE() << "unknown op " << op;
    return EMBER_ERR_INTERNAL;
}

// Runs one fixture case in `dtype` with tolerances (rtol, atol).
void run_case(const Value &c, ember_dtype dtype, double rtol, double atol) {
    SCOPED_TRACE(c["name"].as_string());
    std::vector<Tensor> in;
    for (const Value &spec : c["inputs"].items()) in.push_back(spec.is_null() ? Tensor() : decode(spec, dtype));
    std::map<size_t, size_t> grad_slot;  // input index -> position among the differentiated inputs
    std::vector<ember_tensor> diff;
    if (c.has("grads"))
        for (const auto &[k, v] : c["grads"].members()) {
            const size_t i = static_cast<size_t>(std::stoul(k));
            ASSERT_EMBER_OK(ember_set_requires_grad(in[i], true));
            grad_slot[i] = diff.size();
            diff.push_back(in[i]);
        }
    Tensor out;
    const ember_status st = call(c["op"].as_string(), c["attrs"], in, out);
    if (c.has("error")) {
        EXPECT_EQ(st, status_named(c["error"]["class"].as_string())) << c["error"]["torch"].as_string();
        return;
    }
    ASSERT_EMBER_OK(st);
    const auto &expected = c["expected"].items();
    EXPECT_TRUE(matches(out, expected[0], rtol, atol));
    // batch_norm's extra outputs: the running statistics after the call (inputs 1 and 2).
    for (size_t k = 1; k < expected.size(); ++k) EXPECT_TRUE(matches(in[k], expected[k], rtol, atol)) << "output " << k;
    if (diff.empty()) return;
    Tensor cot = decode(c["grad_output"], dtype);
    std::vector<ember_tensor> g(diff.size(), nullptr);
    ember_tensor o = out, v = cot;
    ASSERT_EMBER_OK(ember_grad(&o, 1, &v, diff.data(), diff.size(), false, false, true, g.data()));
    std::vector<Tensor> owned;
    for (ember_tensor h : g) owned.emplace_back(h);
    for (const auto &[k, want] : c["grads"].members()) {
        const size_t i = static_cast<size_t>(std::stoul(k));
        Tensor got = owned[grad_slot[i]];
        if (!got)
            got = make(dtype, int_list(want["shape"]),
                       std::vector<double>(static_cast<size_t>(numel_of(int_list(want["shape"]))), 0));
        EXPECT_TRUE(matches(got, want, rtol, atol)) << "gradient of input " << k;
    }
}

TEST(NNFunctional, FixtureFormat) {
    const Value &f = fixtures();
    EXPECT_EQ(f["format"].as_string(), "ember-fixtures");
    EXPECT_EQ(f["version"].as_int(), 1);
    EXPECT_EQ(static_cast<size_t>(f["count"].as_int()), f["cases"].size());
}

TEST(NNFunctional, FixturesFloat64) {
    for (const Value &c : fixtures()["cases"].items()) run_case(c, EMBER_DTYPE_FLOAT64, 1e-9, 1e-10);
}

// The fused norm kernels also run in float32 (and the losses through the same composite ops).
TEST(NNFunctional, FixturesFloat32) {
    for (const Value &c : fixtures()["cases"].items()) {
        const std::string &name = c["name"].as_string();
        // BCE's clamped logs at exactly 0 and 1 give gradients of 1e12: float32 rounding of the
        // inputs moves them; they are covered in float64.
        if (c.has("error") || name.rfind("binary_cross_entropy/", 0) == 0) continue;
        run_case(c, EMBER_DTYPE_FLOAT32, 2e-4, 2e-5);
    }
}

// ---------------------------------------------------------------------------------------------
// Gradient checks (float64), first and second order

Tensor leaf(std::vector<int64_t> sizes, uint32_t seed, double lo = -1, double hi = 1) {
    return rand_leaf(std::move(sizes), seed, lo, hi);
}

Tensor constant(ember_dtype d, std::vector<int64_t> sizes, const std::vector<double> &v) {
    return make(d, std::move(sizes), v);
}

#define CHECK_BOTH(f, inputs)                         \
    do {                                              \
        EXPECT_TRUE(gradcheck(f, inputs));            \
        EXPECT_TRUE(gradgradcheck(f, inputs));        \
    } while (0)

TEST(NNFunctional, GradcheckLayerAndRmsNorm) {
    const int64_t ns[] = {4};
    auto ln = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_layer_norm(x[0], ns, 1, x[1], x[2], 1e-5, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(ln, (std::vector<Tensor>{leaf({3, 4}, 1, -2, 2), leaf({4}, 2, 0.5, 1.5), leaf({4}, 3)}));
    auto rms = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_rms_norm(x[0], ns, 1, x[1], 1e-6, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(rms, (std::vector<Tensor>{leaf({2, 3, 4}, 4, -2, 2), leaf({4}, 5, 0.5, 1.5)}));
}

TEST(NNFunctional, GradcheckBatchAndGroupNorm) {
    auto bn = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_batch_norm(x[0], nullptr, nullptr, x[1], x[2], true, 0.1, 1e-5, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(bn, (std::vector<Tensor>{leaf({4, 3, 2}, 6, -2, 2), leaf({3}, 7, 0.5, 1.5), leaf({3}, 8)}));
    Tensor rm = constant(EMBER_DTYPE_FLOAT64, {3}, {0.1, -0.2, 0.3}),
           rv = constant(EMBER_DTYPE_FLOAT64, {3}, {1, 2, 0.5});
    auto bn_eval = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_batch_norm(x[0], rm, rv, x[1], x[2], false, 0.1, 1e-5, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(bn_eval, (std::vector<Tensor>{leaf({2, 3, 2}, 9), leaf({3}, 10), leaf({3}, 11)}));
    auto gn = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_group_norm(x[0], 2, x[1], x[2], 1e-5, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(gn, (std::vector<Tensor>{leaf({2, 4, 3}, 12, -2, 2), leaf({4}, 13), leaf({4}, 14)}));
}

TEST(NNFunctional, GradcheckEmbeddingAndLinear) {
    Tensor idx = constant(EMBER_DTYPE_INT64, {2, 3}, {1, 0, 4, 4, 2, 1});
    auto emb = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_embedding(x[0], idx, false, 0, r.put()));  // a padding row would have no gradient
        Tensor sq = unary_op(EMBER_UNARY_SQUARE, r);  // nonlinear, so the second order is not trivial
        return std::vector<Tensor>{sq};
    };
    CHECK_BOTH(emb, (std::vector<Tensor>{leaf({5, 2}, 15)}));
    auto lin = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_linear(x[0], x[1], x[2], r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(lin, (std::vector<Tensor>{leaf({2, 3, 4}, 16), leaf({5, 4}, 17), leaf({5}, 18)}));
}

TEST(NNFunctional, GradcheckLosses) {
    Tensor cls = constant(EMBER_DTYPE_INT64, {4}, {0, 2, -100, 1});
    Tensor w = constant(EMBER_DTYPE_FLOAT64, {3}, {0.5, 1.0, 2.0});
    auto ce = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_cross_entropy(x[0], cls, w, EMBER_REDUCTION_MEAN, -100, 0.1, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(ce, (std::vector<Tensor>{leaf({4, 3}, 19, -2, 2)}));
    // (N, C) logits without label smoothing take the fused op (CrossEntropyLossBackward0).
    for (ember_reduction red : {EMBER_REDUCTION_NONE, EMBER_REDUCTION_MEAN, EMBER_REDUCTION_SUM}) {
        auto fused = [&](const std::vector<Tensor> &x) {
            Tensor r;
            EXPECT_EMBER_OK(ember_cross_entropy(x[0], cls, w, red, -100, 0.0, r.put()));
            return std::vector<Tensor>{r};
        };
        CHECK_BOTH(fused, (std::vector<Tensor>{leaf({4, 3}, 42, -2, 2)}));
    }
    auto ce_prob = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_cross_entropy(x[0], x[1], w, EMBER_REDUCTION_SUM, -100, 0.2, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(ce_prob, (std::vector<Tensor>{leaf({2, 3, 2}, 20), leaf({2, 3, 2}, 21, 0, 1)}));
    auto nll = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_nll_loss(x[0], cls, x[1], EMBER_REDUCTION_MEAN, -100, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(nll, (std::vector<Tensor>{leaf({4, 3}, 22), leaf({3}, 23, 0.5, 1.5)}));
    using Pair = ember_status (*)(ember_tensor, ember_tensor, ember_reduction, ember_tensor *);
    for (Pair fn : {Pair(ember_mse_loss), Pair(ember_l1_loss)}) {
        auto f = [&](const std::vector<Tensor> &x) {
            Tensor r;
            EXPECT_EMBER_OK(fn(x[0], x[1], EMBER_REDUCTION_MEAN, r.put()));
            return std::vector<Tensor>{r};
        };
        EXPECT_TRUE(gradcheck(f, {leaf({3, 4}, 24), leaf({3, 4}, 25)}));
        EXPECT_TRUE(gradgradcheck(f, {leaf({3, 4}, 24), leaf({3, 4}, 25)}));
    }
    auto smooth = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_smooth_l1_loss(x[0], x[1], EMBER_REDUCTION_SUM, 0.7, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(smooth, (std::vector<Tensor>{leaf({3, 4}, 26), leaf({3, 4}, 27)}));
    auto huber = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_huber_loss(x[0], x[1], EMBER_REDUCTION_NONE, 0.4, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(huber, (std::vector<Tensor>{leaf({3, 4}, 28), leaf({3, 4}, 29)}));
    auto bce = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_binary_cross_entropy(x[0], x[1], w, EMBER_REDUCTION_MEAN, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(bce, (std::vector<Tensor>{leaf({2, 3}, 30, 0.1, 0.9), leaf({2, 3}, 31, 0, 1)}));
    auto bcel = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_binary_cross_entropy_with_logits(x[0], x[1], w, x[2], EMBER_REDUCTION_SUM, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(bcel, (std::vector<Tensor>{leaf({2, 3}, 32, -3, 3), leaf({2, 3}, 33, 0, 1), leaf({3}, 34, 0.5, 2)}));
    for (bool log_target : {false, true}) {
        auto kl = [&](const std::vector<Tensor> &x) {
            Tensor r;
            EXPECT_EMBER_OK(ember_kl_div(x[0], x[1], EMBER_REDUCTION_SUM, log_target, r.put()));
            return std::vector<Tensor>{r};
        };
        CHECK_BOTH(kl, (std::vector<Tensor>{leaf({2, 3}, 35), leaf({2, 3}, 36, 0.1, 1)}));
    }
    Tensor y = constant(EMBER_DTYPE_INT64, {3}, {1, -1, -1});
    auto cos = [&](const std::vector<Tensor> &x) {
        Tensor r;
        EXPECT_EMBER_OK(ember_cosine_embedding_loss(x[0], x[1], y, -0.5, EMBER_REDUCTION_MEAN, r.put()));
        return std::vector<Tensor>{r};
    };
    CHECK_BOTH(cos, (std::vector<Tensor>{leaf({3, 4}, 37), leaf({3, 4}, 38)}));
}

TEST(NNFunctional, GradcheckAttention) {
    Tensor mask = constant(EMBER_DTYPE_BOOL, {3, 4}, {1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1});
    for (int mode = 0; mode < 3; ++mode) {
        auto f = [&](const std::vector<Tensor> &x) {
            Tensor r;
            EXPECT_EMBER_OK(ember_scaled_dot_product_attention(x[0], x[1], x[2], mode == 1 ? mask.get() : nullptr, 0.0,
                                                               mode == 2, mode == 2 ? 0.6 : NAN, nullptr, r.put()));
            return std::vector<Tensor>{r};
        };
        CHECK_BOTH(f, (std::vector<Tensor>{leaf({2, 3, 2}, 39), leaf({2, 4, 2}, 40), leaf({2, 4, 3}, 41)}));
    }
}

// ---------------------------------------------------------------------------------------------
// Dropout, embedding padding, node names, argument errors

TEST(NNFunctional, DropoutIdentitiesAndScaling) {
    Tensor x = make_f32({4, 5}, std::vector<double>(20, 2.0));
    Tensor r;
    ASSERT_EMBER_OK(ember_dropout(x, 0.5, false, nullptr, r.put()));
    EXPECT_EQ(r.get(), x.get());  // not training: the input itself
    ASSERT_EMBER_OK(ember_dropout(x, 0.0, true, nullptr, r.put()));
    EXPECT_EQ(r.get(), x.get());
    ASSERT_EMBER_OK(ember_dropout(x, 1.0, true, nullptr, r.put()));
    for (double v : values_of(r)) EXPECT_EQ(v, 0.0);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_dropout(x, 1.5, true, nullptr, r.put()));

    // Kept elements are scaled by 1 / (1 - p); about p of them are dropped.
    Tensor big = make_f32({100000}, std::vector<double>(100000, 1.0));
    ember_generator gen = nullptr;
    ASSERT_EMBER_OK(ember_generator_create(123, &gen));
    ASSERT_EMBER_OK(ember_dropout(big, 0.25, true, gen, r.put()));
    int64_t zeros = 0;
    for (double v : values_of(r)) {
        if (v == 0) ++zeros;
        else EXPECT_NEAR(v, 1 / 0.75, 1e-6);
    }
    EXPECT_NEAR(static_cast<double>(zeros) / 100000, 0.25, 0.01);
    // The same generator state gives the same mask.
    Tensor again;
    ASSERT_EMBER_OK(ember_generator_set_state(gen, 123, 0));
    ASSERT_EMBER_OK(ember_dropout(big, 0.25, true, gen, again.put()));
    EXPECT_EQ(values_of(again), values_of(r));
    ember_generator_release(gen);

    // The gradient is the mask itself.
    Tensor leafx = rand_leaf({50}, 3);
    ASSERT_EMBER_OK(ember_dropout(leafx, 0.4, true, nullptr, r.put()));
    Tensor ones = make(EMBER_DTYPE_FLOAT64, {50}, std::vector<double>(50, 1.0));
    ember_tensor o = r, v = ones, in = leafx, g = nullptr;
    ASSERT_EMBER_OK(ember_grad(&o, 1, &v, &in, 1, false, false, false, &g));
    Tensor grad(g);
    std::vector<double> y = values_of(r), xv = values_of(leafx), gv = values_of(grad);
    for (size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(gv[i], y[i] == 0 ? 0 : 1 / 0.6, 1e-12);
    (void)xv;
}

TEST(NNFunctional, EmbeddingPaddingRowGetsNoGradient) {
    Tensor w = rand_leaf({4, 3}, 5);
    Tensor idx = make(EMBER_DTYPE_INT32, {5}, {0, 3, 3, 1, 0});
    Tensor r;
    ASSERT_EMBER_OK(ember_embedding(w, idx, true, 3, r.put()));
    Tensor ones = make(EMBER_DTYPE_FLOAT64, {5, 3}, std::vector<double>(15, 1.0));
    ember_tensor o = r, v = ones, in = w, g = nullptr;
    ASSERT_EMBER_OK(ember_grad(&o, 1, &v, &in, 1, false, false, false, &g));
    Tensor grad(g);
    const std::vector<double> want = {2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(values_of(grad), want);
    EXPECT_EMBER_STATUS(EMBER_ERR_INDEX, ember_embedding(w, make(EMBER_DTYPE_INT64, {1}, {-1}), false, 0, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_embedding(w, make_f32({1}, {0}), false, 0, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_embedding(w, idx, true, 4, r.put()));
}

TEST(NNFunctional, NodeNames) {
    Tensor x = rand_leaf({2, 3}, 6);
    const int64_t ns[] = {3};
    Tensor r;
    ASSERT_EMBER_OK(ember_layer_norm(x, ns, 1, nullptr, nullptr, 1e-5, r.put()));
    const char *name = nullptr;
    ASSERT_EMBER_OK(ember_grad_fn_name(r, &name));
    EXPECT_STREQ(name, "NativeLayerNormBackward0");
    ASSERT_EMBER_OK(ember_batch_norm(x, nullptr, nullptr, nullptr, nullptr, true, 0.1, 1e-5, r.put()));
    ASSERT_EMBER_OK(ember_grad_fn_name(r, &name));
    EXPECT_STREQ(name, "NativeBatchNormBackward0");
}

TEST(NNFunctional, ArgumentErrors) {
    Tensor x = make_f32({2, 3}, {0, 1, 2, 0, 1, 2});
    Tensor t = make(EMBER_DTYPE_INT64, {2}, {0, 1});
    Tensor r;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_cross_entropy(x, t, nullptr, static_cast<ember_reduction>(7), -100, 0, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_mse_loss(nullptr, x, EMBER_REDUCTION_MEAN, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_linear(x, x, nullptr, nullptr));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_scaled_dot_product_attention(x, x, x, make(EMBER_DTYPE_BOOL, {2, 2}, {1, 1, 1, 1}), 0,
                                                           true, NAN, nullptr, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_batch_norm(x, nullptr, nullptr, nullptr, nullptr, false, 0.1, 1e-5, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_nll_loss(x, make_f32({2}, {0, 1}), nullptr, EMBER_REDUCTION_MEAN, -100,
                                                        r.put()));
}

// Every loss reads its reduction through the enum check: a bogus value is INVALID_ARGUMENT
// naming the function and the argument, and the out-pointer stays untouched.
TEST(NNFunctional, BogusReductionIsRejectedEverywhere) {
    Tensor x = make_f32({2, 3}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6});
    Tensor t = make(EMBER_DTYPE_INT64, {2}, {0, 1});
    Tensor y = make(EMBER_DTYPE_INT64, {2}, {1, -1});
    int raw = 5;
    ember_reduction bad;
    std::memcpy(&bad, &raw, sizeof bad);
    const std::vector<std::pair<const char *, std::function<ember_status(ember_tensor *)>>> calls = {
        {"ember_cross_entropy", [&](ember_tensor *o) { return ember_cross_entropy(x, t, nullptr, bad, -100, 0, o); }},
        {"ember_nll_loss", [&](ember_tensor *o) { return ember_nll_loss(x, t, nullptr, bad, -100, o); }},
        {"ember_mse_loss", [&](ember_tensor *o) { return ember_mse_loss(x, x, bad, o); }},
        {"ember_l1_loss", [&](ember_tensor *o) { return ember_l1_loss(x, x, bad, o); }},
        {"ember_smooth_l1_loss", [&](ember_tensor *o) { return ember_smooth_l1_loss(x, x, bad, 1, o); }},
        {"ember_huber_loss", [&](ember_tensor *o) { return ember_huber_loss(x, x, bad, 1, o); }},
        {"ember_binary_cross_entropy",
         [&](ember_tensor *o) { return ember_binary_cross_entropy(x, x, nullptr, bad, o); }},
        {"ember_binary_cross_entropy_with_logits",
         [&](ember_tensor *o) { return ember_binary_cross_entropy_with_logits(x, x, nullptr, nullptr, bad, o); }},
        {"ember_kl_div", [&](ember_tensor *o) { return ember_kl_div(x, x, bad, false, o); }},
        {"ember_cosine_embedding_loss",
         [&](ember_tensor *o) { return ember_cosine_embedding_loss(x, x, y, 0, bad, o); }},
    };
    for (const auto &[fn, call] : calls) {
        ember_tensor out = reinterpret_cast<ember_tensor>(static_cast<uintptr_t>(0x1));
        EXPECT_EQ(call(&out), EMBER_ERR_INVALID_ARGUMENT) << fn;
        const std::string msg = ember_last_error_message();
        EXPECT_NE(msg.find(fn), std::string::npos) << msg;
        EXPECT_NE(msg.find("'reduction'"), std::string::npos) << msg;
        EXPECT_EQ(out, reinterpret_cast<ember_tensor>(static_cast<uintptr_t>(0x1))) << fn;
    }
}

// 16-bit inputs compute in float32; strided inputs give what their contiguous copy gives.
TEST(NNFunctional, NormsOfHalfAndStridedInputs) {
    std::vector<double> v(24);
    for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.7 * static_cast<double>(i)) * 3;
    const int64_t ns[] = {4};
    Tensor x32 = make_f32({6, 4}, v), x16 = make(EMBER_DTYPE_FLOAT16, {6, 4}, v);
    Tensor r32, r16;
    ASSERT_EMBER_OK(ember_layer_norm(x32, ns, 1, nullptr, nullptr, 1e-5, r32.put()));
    ASSERT_EMBER_OK(ember_layer_norm(x16, ns, 1, nullptr, nullptr, 1e-5, r16.put()));
    EXPECT_EQ(dtype_of(r16), EMBER_DTYPE_FLOAT16);
    std::vector<double> a = values_of(r32), b = values_of(r16);
    for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 5e-3);

    Tensor base = make_f32({4, 6}, v), xt, xc, rt, rc;
    ASSERT_EMBER_OK(ember_transpose(base, 0, 1, xt.put()));
    ASSERT_EMBER_OK(ember_contiguous(xt, xc.put()));
    ASSERT_EMBER_OK(ember_layer_norm(xt, ns, 1, nullptr, nullptr, 1e-5, rt.put()));
    ASSERT_EMBER_OK(ember_layer_norm(xc, ns, 1, nullptr, nullptr, 1e-5, rc.put()));
    EXPECT_EQ(values_of(rt), values_of(rc));

    // An empty batch normalises nothing and still has (zero) parameter gradients.
    Tensor e = rand_leaf({0, 4}, 9), w = rand_leaf({4}, 10), re;
    ASSERT_EMBER_OK(ember_layer_norm(e, ns, 1, w, nullptr, 1e-5, re.put()));
    EXPECT_EQ(sizes_of(re), (std::vector<int64_t>{0, 4}));
    Tensor gout = make(EMBER_DTYPE_FLOAT64, {0, 4}, {});
    ember_tensor o = re, gv = gout, in = w, g = nullptr;
    ASSERT_EMBER_OK(ember_grad(&o, 1, &gv, &in, 1, false, false, false, &g));
    Tensor grad(g);
    EXPECT_EQ(values_of(grad), (std::vector<double>{0, 0, 0, 0}));
}

// The mean over nothing but ignored targets is 0 / 0, as PyTorch.
TEST(NNFunctional, AllIgnoredMeanIsNaN) {
    Tensor x = make_f32({2, 3}, {0, 1, 2, 0, 1, 2});
    Tensor t = make(EMBER_DTYPE_INT64, {2}, {-100, -100});
    Tensor r;
    ASSERT_EMBER_OK(ember_cross_entropy(x, t, nullptr, EMBER_REDUCTION_MEAN, -100, 0, r.put()));
    EXPECT_TRUE(std::isnan(values_of(r)[0]));
    // ... while the gradient stays zero (ignored rows get none), as PyTorch.
    Tensor leafx = rand_leaf({2, 3}, 11);
    ASSERT_EMBER_OK(ember_cross_entropy(leafx, t, nullptr, EMBER_REDUCTION_MEAN, -100, 0, r.put()));
    const char *name = nullptr;
    ASSERT_EMBER_OK(ember_grad_fn_name(r, &name));
    EXPECT_STREQ(name, "CrossEntropyLossBackward0");
    ember_tensor o = r, in = leafx, g = nullptr;
    ASSERT_EMBER_OK(ember_grad(&o, 1, nullptr, &in, 1, false, false, false, &g));
    Tensor grad(g);
    EXPECT_EQ(values_of(grad), std::vector<double>(6, 0.0));
}

}  // namespace
