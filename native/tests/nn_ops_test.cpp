// Convolutions and pooling through the C ABI.
//
// Reference values come from PyTorch 1.13: native/tests/nn_reference.py writes
// native/tests/data/nn_reference.json (regenerate with
// `/usr/bin/python3 native/tests/nn_reference.py > native/tests/data/nn_reference.json`; the
// environment variable EMBER_NN_REFERENCE overrides the path). Each case is checked
//  - in float64 (Ember's built-in im2col + GEMM kernels) against PyTorch's float64 forward
//    values, indices, first-order gradients and, where the case has them, second-order ones;
//  - in float32 (oneDNN, and the built-in kernels) against the same values with float32
//    tolerances, and in bfloat16 loosely;
// and each error case must give PyTorch's message with the status class the case names.
// Further tests: gradcheck / gradgradcheck (and one third-order check) in float64, oneDNN against
// the built-in kernels in float32 (EMBER_ONEDNN_CONV=0 switches oneDNN off), node names, empty
// and unbatched inputs, integer and float16 convolutions.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gradcheck.h"
#include "json.h"

using namespace ember_test;
using ember_test::json::Value;

namespace {

// ---------------------------------------------------------------------------------------------
// The reference file

std::string reference_path() {
    if (const char *env = std::getenv("EMBER_NN_REFERENCE"); env && *env) return env;
    std::string here = __FILE__;
    return here.substr(0, here.find_last_of("/\\") + 1) + "data/nn_reference.json";
}

const Value &reference() {
    static const Value v = [] {
        std::ifstream in(reference_path());
        if (!in) throw std::runtime_error("cannot open " + reference_path());
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

std::vector<double> doubles(const Value &v) {
    std::vector<double> r;
    for (const Value &x : v.items()) r.push_back(x.as_double());
    return r;
}

Tensor tensor_of(const Value &spec, ember_dtype dtype, bool requires_grad = false) {
    Tensor t = make(dtype, int_list(spec["shape"]), doubles(spec["data"]));
    if (requires_grad) { EXPECT_EMBER_OK(ember_set_requires_grad(t, true)); }
    return t;
}

ember_dtype dtype_named(const std::string &s) {
    if (s == "float32") return EMBER_DTYPE_FLOAT32;
    if (s == "float64") return EMBER_DTYPE_FLOAT64;
    if (s == "int64") return EMBER_DTYPE_INT64;
    ADD_FAILURE() << "unknown dtype " << s;
    return EMBER_DTYPE_FLOAT64;
}

ember_status status_named(const std::string &s) {
    if (s == "SHAPE") return EMBER_ERR_SHAPE;
    if (s == "INVALID_ARGUMENT") return EMBER_ERR_INVALID_ARGUMENT;
    if (s == "DTYPE") return EMBER_ERR_DTYPE;
    ADD_FAILURE() << "unknown status " << s;
    return EMBER_OK;
}

// Compares t with the reference values: same shape, NaN where NaN, |got - want| <= atol + rtol * |want|.
::testing::AssertionResult matches(ember_tensor t, const Value &want, double rtol, double atol) {
    if (!t) return ::testing::AssertionFailure() << "no tensor";
    std::vector<int64_t> shape = int_list(want["shape"]);
    if (sizes_of(t) != shape) return ::testing::AssertionFailure() << "shape differs";
    std::vector<double> got = values_of(t), exp = doubles(want["data"]);
    for (size_t i = 0; i < exp.size(); ++i) {
        const double g = got[i], e = exp[i];
        const bool ok = std::isnan(e) ? std::isnan(g) : std::isinf(e) ? g == e : std::abs(g - e) <= atol + rtol * std::abs(e);
        if (!ok) return ::testing::AssertionFailure() << "element " << i << ": got " << g << ", want " << e;
    }
    return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------------------
// Calling an op by its reference name

struct Call {
    ember_status status = EMBER_OK;
    Tensor out, indices;
};

#define LIST(v) (v).empty() ? nullptr : (v).data(), (v).size()

Call run_op(const std::string &op, const Value &args, ember_tensor x, ember_tensor w = nullptr, ember_tensor b = nullptr,
            bool want_indices = true) {
    auto list = [&](const char *k) { return args.has(k) ? int_list(args[k]) : std::vector<int64_t>{}; };
    const std::vector<int64_t> stride = list("stride"), padding = list("padding"), dilation = list("dilation"),
                               output_padding = list("output_padding"), kernel = list("kernel"),
                               output_size = list("output_size");
    const int64_t groups = args.has("groups") ? args["groups"].as_int() : 1;
    const bool ceil_mode = args.has("ceil_mode") && args["ceil_mode"].as_bool();
    const bool count_include_pad = !args.has("count_include_pad") || args["count_include_pad"].as_bool();
    int64_t divisor = args.has("divisor_override") ? args["divisor_override"].as_int() : 0;
    Call c;
    ember_tensor *idx = want_indices ? c.indices.put() : nullptr;
    if (op == "conv1d")
        c.status = ember_conv1d(x, w, b, LIST(stride), LIST(padding), LIST(dilation), groups, c.out.put());
    else if (op == "conv2d")
        c.status = ember_conv2d(x, w, b, LIST(stride), LIST(padding), LIST(dilation), groups, c.out.put());
    else if (op == "conv_transpose1d")
        c.status = ember_conv_transpose1d(x, w, b, LIST(stride), LIST(padding), LIST(output_padding), groups,
                                          LIST(dilation), c.out.put());
    else if (op == "conv_transpose2d")
        c.status = ember_conv_transpose2d(x, w, b, LIST(stride), LIST(padding), LIST(output_padding), groups,
                                          LIST(dilation), c.out.put());
    else if (op == "max_pool1d")
        c.status = ember_max_pool1d(x, LIST(kernel), LIST(stride), LIST(padding), LIST(dilation), ceil_mode, c.out.put(),
                                    idx);
    else if (op == "max_pool2d")
        c.status = ember_max_pool2d(x, LIST(kernel), LIST(stride), LIST(padding), LIST(dilation), ceil_mode, c.out.put(),
                                    idx);
    else if (op == "avg_pool1d")
        c.status = ember_avg_pool1d(x, LIST(kernel), LIST(stride), LIST(padding), ceil_mode, count_include_pad,
                                    c.out.put());
    else if (op == "avg_pool2d")
        c.status = ember_avg_pool2d(x, LIST(kernel), LIST(stride), LIST(padding), ceil_mode, count_include_pad,
                                    args.has("divisor_override") ? &divisor : nullptr, c.out.put());
    else if (op == "adaptive_avg_pool2d")
        c.status = ember_adaptive_avg_pool2d(x, LIST(output_size), c.out.put());
    else if (op == "adaptive_max_pool2d")
        c.status = ember_adaptive_max_pool2d(x, LIST(output_size), c.out.put(), idx);
    else
        ADD_FAILURE() << "unknown op " << op;
    return c;
}

bool is_conv(const std::string &op) { return op.rfind("conv", 0) == 0; }

// d(outputs)/d(inputs) . grad_outputs through ember_grad (NULL entries: unused).
std::vector<Tensor> grads_of(const std::vector<ember_tensor> &outs, const std::vector<ember_tensor> &gos,
                             const std::vector<ember_tensor> &ins, bool create_graph) {
    std::vector<ember_tensor> g(ins.size(), nullptr);
    EXPECT_EMBER_OK(ember_grad(outs.data(), outs.size(), gos.data(), ins.data(), ins.size(), create_graph, create_graph,
                               true, g.data()));
    std::vector<Tensor> r;
    for (ember_tensor t : g) r.emplace_back(t);
    return r;
}

// Runs one reference case in dtype and checks everything it has; tolerances for dtype.
void check_case(const Value &c, ember_dtype dtype, double rtol, double atol, bool second_order) {
    const std::string op = c["op"].as_string();
    SCOPED_TRACE(c["name"].as_string() + " in " + dtype_name(dtype));
    const bool conv = is_conv(op);
    Tensor x = tensor_of(c["input"], dtype, true);
    Tensor w = conv ? tensor_of(c["weight"], dtype, true) : Tensor();
    Tensor b = conv && !c["bias"].is_null() ? tensor_of(c["bias"], dtype, true) : Tensor();
    Call r = run_op(op, c["args"], x, w, b);
    ASSERT_EMBER_OK(r.status);
    EXPECT_TRUE(matches(r.out, c["output"], rtol, atol)) << "output";
    if (c.has("indices")) { EXPECT_TRUE(matches(r.indices, c["indices"], 0, 0)) << "indices"; }

    Tensor go = tensor_of(c["grad_output"], dtype, second_order);
    std::vector<ember_tensor> ins{x};
    if (w) ins.push_back(w);
    if (b) ins.push_back(b);
    std::vector<Tensor> g = grads_of({r.out}, {go}, ins, second_order);
    if (info_of(x).numel > 0) { EXPECT_TRUE(matches(g[0], c["grad_input"], rtol, atol)) << "grad_input"; }
    if (w) { EXPECT_TRUE(matches(g[1], c["grad_weight"], rtol, atol)) << "grad_weight"; }
    if (b) { EXPECT_TRUE(matches(g[2], c["grad_bias"], rtol, atol)) << "grad_bias"; }
    if (!second_order || !c.has("double")) return;

    // Second order: <g, v> differentiated with respect to the input, the weight and grad_output.
    const Value &d = c["double"];
    std::vector<Tensor> vs;
    std::vector<ember_tensor> outs, gos;
    for (size_t i = 0; i < d["v"].size(); ++i) {
        vs.push_back(tensor_of(d["v"][i], dtype));
        outs.push_back(g[i]);
        gos.push_back(vs.back());
    }
    if (conv) {
        std::vector<Tensor> gg = grads_of(outs, gos, {x, w, go}, false);
        EXPECT_TRUE(matches(gg[0], d["grad_input"], rtol, atol)) << "second order: input";
        EXPECT_TRUE(matches(gg[1], d["grad_weight"], rtol, atol)) << "second order: weight";
        EXPECT_TRUE(matches(gg[2], d["grad_grad_output"], rtol, atol)) << "second order: grad_output";
    } else {
        std::vector<Tensor> gg = grads_of(outs, gos, {go}, false);
        EXPECT_TRUE(matches(gg[0], d["grad_grad_output"], rtol, atol)) << "second order: grad_output";
    }
}

// Restores EMBER_ONEDNN_CONV when a test that switches oneDNN off ends.
class OneDnnOff {
public:
    OneDnnOff() { setenv("EMBER_ONEDNN_CONV", "0", 1); }
    ~OneDnnOff() { unsetenv("EMBER_ONEDNN_CONV"); }
};

Tensor random_tensor(ember_dtype dtype, std::vector<int64_t> sizes, uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> dist(-1, 1);
    std::vector<double> v(static_cast<size_t>(numel_of(sizes)));
    for (double &e : v) e = dist(gen);
    return make(dtype, std::move(sizes), v);
}

std::string grad_fn_of(ember_tensor t) {
    const char *name = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &name));
    return name ? name : "(leaf)";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Against PyTorch

TEST(NnReference, Float64MatchesPyTorch) {
    for (const Value &c : reference()["cases"].items()) check_case(c, EMBER_DTYPE_FLOAT64, 1e-10, 1e-12, true);
}

TEST(NnReference, Float32MatchesPyTorch) {
    for (const Value &c : reference()["cases"].items()) check_case(c, EMBER_DTYPE_FLOAT32, 1e-4, 5e-5, true);
}

TEST(NnReference, Float32BuiltInKernelsMatchPyTorch) {
    OneDnnOff off;
    for (const Value &c : reference()["cases"].items())
        if (is_conv(c["op"].as_string())) check_case(c, EMBER_DTYPE_FLOAT32, 1e-4, 5e-5, false);
}

TEST(NnReference, BFloat16IsClose) {
    for (const Value &c : reference()["cases"].items()) {
        const std::string op = c["op"].as_string(), name = c["name"].as_string();
        SCOPED_TRACE(name);
        // Ties and NaN positions move when the inputs are rounded to bfloat16.
        if (name.find("nan") != std::string::npos || name.find("ties") != std::string::npos) continue;
        Tensor x = tensor_of(c["input"], EMBER_DTYPE_BFLOAT16, true);
        Tensor w = is_conv(op) ? tensor_of(c["weight"], EMBER_DTYPE_BFLOAT16, true) : Tensor();
        Tensor b = is_conv(op) && !c["bias"].is_null() ? tensor_of(c["bias"], EMBER_DTYPE_BFLOAT16, true) : Tensor();
        Call r = run_op(op, c["args"], x, w, b, false);
        ASSERT_EMBER_OK(r.status);
        EXPECT_EQ(dtype_of(r.out), EMBER_DTYPE_BFLOAT16);
        // Inputs rounded to 8 bits of mantissa, sums of up to ~100 products.
        EXPECT_TRUE(matches(r.out, c["output"], 3e-2, 6e-2)) << "output";
        if (info_of(x).numel == 0 || name.find("max_pool") != std::string::npos || name.find("adaptive_max") != std::string::npos)
            continue;  // (a rounded input may move a maximum)
        Tensor go = tensor_of(c["grad_output"], EMBER_DTYPE_BFLOAT16);
        std::vector<ember_tensor> ins{x};
        if (w) ins.push_back(w);
        if (b) ins.push_back(b);
        std::vector<Tensor> g = grads_of({r.out}, {go}, ins, false);
        EXPECT_TRUE(matches(g[0], c["grad_input"], 3e-2, 1e-1)) << "grad_input";
        if (w) {
            EXPECT_TRUE(matches(g[1], c["grad_weight"], 3e-2, 1e-1)) << "grad_weight";
        }
        if (b) {
            EXPECT_TRUE(matches(g[2], c["grad_bias"], 3e-2, 1e-1)) << "grad_bias";
        }
    }
}

TEST(NnReference, ErrorsMatchPyTorch) {
    for (const Value &e : reference()["errors"].items()) {
        SCOPED_TRACE(e["name"].as_string());
        const Value &in = e["inputs"];
        auto input = [&](const char *k) {
            if (!in.has(k) || in[k].is_null()) return Tensor();
            Tensor t;
            std::vector<int64_t> shape = int_list(in[k]["shape"]);
            EXPECT_EMBER_OK(ember_zeros(shape.data(), shape.size(), dtype_named(in[k]["dtype"].as_string()), kCpu, t.put()));
            return t;
        };
        Tensor x = input("input"), w = input("weight"), b = input("bias");
        Call r = run_op(e["op"].as_string(), e["args"], x, w, b, false);
        EXPECT_EQ(r.status, status_named(e["status"].as_string())) << ember_last_error_message();
        const std::string msg = ember_last_error_message();
        if (e.has("message")) { EXPECT_EQ(msg, e["message"].as_string()); }
        else EXPECT_NE(msg.find(e["contains"].as_string()), std::string::npos) << msg;
        EXPECT_FALSE(r.out) << "out-parameters are untouched on failure";
    }
}

// ---------------------------------------------------------------------------------------------
// oneDNN against the built-in kernels (float32)

TEST(NnOps, OneDnnMatchesBuiltInKernels) {
    struct Case {
        const char *op;
        std::vector<int64_t> x, w;
        std::vector<int64_t> stride, padding, dilation, output_padding;
        int64_t groups;
    };
    const Case cases[] = {
        {"conv2d", {4, 16, 15, 13}, {32, 16, 3, 3}, {1}, {1}, {1}, {}, 1},
        {"conv2d", {3, 32, 12, 12}, {32, 1, 3, 3}, {2}, {1}, {1}, {}, 32},          // depthwise
        {"conv2d", {2, 12, 11, 9}, {18, 4, 3, 2}, {2, 1}, {1, 0}, {2, 1}, {}, 3},  // grouped, dilated
        {"conv2d", {2, 3, 17, 16}, {8, 3, 5, 5}, {3}, {2}, {1}, {}, 1},            // stride leaves rows unused
        {"conv2d", {2, 8, 9, 10}, {16, 8, 1, 1}, {1}, {}, {1}, {}, 1},             // pointwise
        {"conv2d", {2, 4, 9, 8}, {6, 4, 2, 3}, {1}, {0, 1, 1, 1}, {1}, {}, 1},     // asymmetric padding
        {"conv1d", {3, 6, 20}, {8, 3, 4}, {2}, {1}, {2}, {}, 2},
        {"conv_transpose2d", {2, 16, 7, 6}, {16, 8, 3, 3}, {2}, {1}, {1}, {1}, 1},
        {"conv_transpose2d", {2, 6, 5, 5}, {6, 2, 3, 2}, {1, 2}, {0}, {3, 1}, {2, 1}, 3},
        {"conv_transpose1d", {2, 4, 9}, {4, 5, 3}, {3}, {1}, {1}, {2}, 1},
    };
    uint32_t seed = 1;
    for (const Case &c : cases) {
        SCOPED_TRACE(std::string(c.op) + " groups " + std::to_string(c.groups));
        Tensor x = random_tensor(EMBER_DTYPE_FLOAT32, c.x, seed++), w = random_tensor(EMBER_DTYPE_FLOAT32, c.w, seed++);
        ember_set_requires_grad(x, true);
        ember_set_requires_grad(w, true);
        auto run = [&](std::vector<Tensor> *out) {
            Tensor y;
            const std::string op = c.op;
            if (op == "conv2d")
                ASSERT_EMBER_OK(ember_conv2d(x, w, nullptr, LIST(c.stride), LIST(c.padding), LIST(c.dilation), c.groups,
                                             y.put()));
            else if (op == "conv1d")
                ASSERT_EMBER_OK(ember_conv1d(x, w, nullptr, LIST(c.stride), LIST(c.padding), LIST(c.dilation), c.groups,
                                             y.put()));
            else if (op == "conv_transpose2d")
                ASSERT_EMBER_OK(ember_conv_transpose2d(x, w, nullptr, LIST(c.stride), LIST(c.padding),
                                                       LIST(c.output_padding), c.groups, LIST(c.dilation), y.put()));
            else
                ASSERT_EMBER_OK(ember_conv_transpose1d(x, w, nullptr, LIST(c.stride), LIST(c.padding),
                                                       LIST(c.output_padding), c.groups, LIST(c.dilation), y.put()));
            Tensor go = random_tensor(EMBER_DTYPE_FLOAT32, sizes_of(y), 99);
            std::vector<Tensor> g = grads_of({y}, {go}, {x, w}, false);
            *out = {y, g[0], g[1]};
        };
        std::vector<Tensor> fast, slow;
        run(&fast);
        {
            OneDnnOff off;
            run(&slow);
        }
        ASSERT_EQ(fast.size(), 3u);
        ASSERT_EQ(slow.size(), 3u);
        const char *what[] = {"forward", "backward data", "backward weights"};
        for (size_t i = 0; i < 3; ++i) {
            std::vector<double> a = values_of(fast[i]), e = values_of(slow[i]);
            ASSERT_EQ(a.size(), e.size());
            double scale = 0;
            for (double v : e) scale = std::max(scale, std::abs(v));
            for (size_t k = 0; k < a.size(); ++k)
                ASSERT_NEAR(a[k], e[k], 2e-5 * (1 + scale)) << what[i] << " element " << k;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Numerical gradients (float64)

namespace {

using ConvFn = std::function<Tensor(ember_tensor, ember_tensor, ember_tensor)>;

// The first-order gradients of f(x, w, b) for grad_output go, computed with create_graph: a
// function of (x, w, b, go) whose own gradient exercises the double-backward formulas.
TensorFn first_order(const ConvFn &f, bool with_bias) {
    return [f, with_bias](const std::vector<Tensor> &in) {
        bool was = ember_is_grad_enabled();
        ember_set_grad_enabled(true);
        Tensor y = f(in[0], in[1], with_bias ? in[2].get() : nullptr);
        std::vector<ember_tensor> ins{in[0], in[1]};
        if (with_bias) ins.push_back(in[2]);
        std::vector<Tensor> g = grads_of({y}, {in.back()}, ins, true);
        ember_set_grad_enabled(was);
        return g;
    };
}

Tensor transposed_hw(ember_tensor x) {  // a non-contiguous view: the last two dims swapped
    Tensor t;
    int64_t n = static_cast<int64_t>(sizes_of(x).size());
    EXPECT_EMBER_OK(ember_transpose(x, n - 2, n - 1, t.put()));
    return t;
}

}  // namespace

TEST(NnGradcheck, Convolutions) {
    struct Case {
        const char *name;
        std::vector<int64_t> x, w;
        ConvFn f;
    };
    const std::vector<int64_t> s2{2}, p1{1}, d2{2}, asym{1, 0, 0, 2}, op1{1};
    const Case cases[] = {
        {"conv2d stride 2 pad 1", {2, 2, 5, 6}, {3, 2, 3, 2},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv2d(x, w, b, LIST(s2), LIST(p1), nullptr, 0, 1, y.put()));
             return y;
         }},
        {"conv2d groups dilation, non-contiguous input", {1, 4, 6, 7}, {4, 2, 2, 3},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y, xt = transposed_hw(x);
             EXPECT_EMBER_OK(ember_conv2d(xt, w, b, nullptr, 0, LIST(p1), LIST(d2), 2, y.put()));
             return y;
         }},
        {"conv2d depthwise asymmetric padding", {2, 3, 4, 5}, {6, 1, 2, 2},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv2d(x, w, b, nullptr, 0, LIST(asym), nullptr, 0, 3, y.put()));
             return y;
         }},
        {"conv1d stride dilation", {2, 2, 9}, {3, 2, 3},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv1d(x, w, b, LIST(s2), LIST(p1), LIST(d2), 1, y.put()));
             return y;
         }},
        {"conv_transpose2d stride output_padding groups", {1, 4, 3, 4}, {4, 1, 3, 2},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv_transpose2d(x, w, b, LIST(s2), LIST(p1), LIST(op1), 2, nullptr, 0, y.put()));
             return y;
         }},
        {"conv_transpose1d dilation", {2, 3, 5}, {3, 2, 3},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv_transpose1d(x, w, b, LIST(s2), nullptr, 0, LIST(op1), 1, LIST(d2), y.put()));
             return y;
         }},
        {"conv2d unbatched", {2, 4, 4}, {3, 2, 2, 2},
         [&](ember_tensor x, ember_tensor w, ember_tensor b) {
             Tensor y;
             EXPECT_EMBER_OK(ember_conv2d(x, w, b, nullptr, 0, nullptr, 0, nullptr, 0, 1, y.put()));
             return y;
         }},
    };
    uint32_t seed = 10;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        const bool transposed = std::string(c.name).find("transpose") != std::string::npos;
        const int64_t groups = std::string(c.name).find("groups") != std::string::npos ? 2 : 1;
        const int64_t channels = transposed ? c.w[1] * groups : c.w[0];
        Tensor x = rand_leaf(c.x, seed++), w = rand_leaf(c.w, seed++), b = rand_leaf({channels}, seed++);
        TensorFn f = [&](const std::vector<Tensor> &in) { return std::vector<Tensor>{c.f(in[0], in[1], in[2])}; };
        EXPECT_TRUE(gradcheck(f, {x, w, b}));
        EXPECT_TRUE(gradgradcheck(f, {x, w, b}));
        // The double backward with respect to grad_output as well.
        Tensor y = c.f(x, w, b);
        Tensor go = rand_leaf(sizes_of(y), seed++);
        EXPECT_TRUE(gradcheck(first_order(c.f, true), {x, w, b, go}));
    }
}

TEST(NnGradcheck, ConvolutionThirdOrder) {
    ConvFn f = [](ember_tensor x, ember_tensor w, ember_tensor b) {
        const int64_t s[1] = {2}, p[1] = {1};
        Tensor y;
        EXPECT_EMBER_OK(ember_conv2d(x, w, b, s, 1, p, 1, nullptr, 0, 1, y.put()));
        return y;
    };
    Tensor x = rand_leaf({1, 2, 4, 3}, 1), w = rand_leaf({2, 2, 2, 2}, 2), go = rand_leaf({1, 2, 3, 2}, 3);
    EXPECT_TRUE(gradgradcheck(first_order(f, false), {x, w, go}));
}

TEST(NnGradcheck, Pooling) {
    using PoolFn = std::function<Tensor(ember_tensor)>;
    struct Case {
        const char *name;
        std::vector<int64_t> x;
        PoolFn f;
    };
    const std::vector<int64_t> k2{2}, k3{3}, s1{1}, s2{2}, p1{1}, d2{2}, o23{2, 3};
    const int64_t divisor = 5;
    const Case cases[] = {
        {"max_pool2d k3 s2 p1 dilation ceil", {2, 2, 7, 6},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_max_pool2d(x, LIST(k3), LIST(s2), LIST(p1), LIST(d2), true, y.put(), nullptr));
             return y;
         }},
        {"max_pool2d non-contiguous input", {1, 3, 5, 6},
         [&](ember_tensor x) {
             Tensor y, xt = transposed_hw(x);
             EXPECT_EMBER_OK(ember_max_pool2d(xt, LIST(k2), LIST(s1), nullptr, 0, nullptr, 0, false, y.put(), nullptr));
             return y;
         }},
        {"max_pool1d", {2, 7},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_max_pool1d(x, LIST(k3), LIST(s2), LIST(p1), nullptr, 0, true, y.put(), nullptr));
             return y;
         }},
        {"avg_pool2d ceil include pad", {2, 2, 5, 7},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_avg_pool2d(x, LIST(k3), LIST(s2), LIST(p1), true, true, nullptr, y.put()));
             return y;
         }},
        {"avg_pool2d exclude pad divisor", {1, 2, 6, 5},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_avg_pool2d(x, LIST(k2), LIST(s1), LIST(p1), false, false, &divisor, y.put()));
             return y;
         }},
        {"avg_pool1d", {2, 3, 8},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_avg_pool1d(x, LIST(k3), LIST(s2), LIST(p1), true, false, y.put()));
             return y;
         }},
        {"adaptive_avg_pool2d", {2, 2, 5, 7},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_adaptive_avg_pool2d(x, LIST(o23), y.put()));
             return y;
         }},
        {"adaptive_max_pool2d", {2, 6, 7},
         [&](ember_tensor x) {
             Tensor y;
             EXPECT_EMBER_OK(ember_adaptive_max_pool2d(x, LIST(o23), y.put(), nullptr));
             return y;
         }},
    };
    uint32_t seed = 40;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        Tensor x = rand_leaf(c.x, seed++);
        TensorFn f = [&](const std::vector<Tensor> &in) { return std::vector<Tensor>{c.f(in[0])}; };
        EXPECT_TRUE(gradcheck(f, {x}));
        EXPECT_TRUE(gradgradcheck(f, {x}));
        // Second order through grad_output: the backward op's own derivative (a gather by the
        // indices for max pooling, the pooling itself for average pooling).
        Tensor y = c.f(x);
        Tensor go = rand_leaf(sizes_of(y), seed++);
        TensorFn first = [&](const std::vector<Tensor> &in) {
            bool was = ember_is_grad_enabled();
            ember_set_grad_enabled(true);
            Tensor out = c.f(in[0]);
            std::vector<Tensor> g = grads_of({out}, {in[1]}, {in[0]}, true);
            ember_set_grad_enabled(was);
            return g;
        };
        EXPECT_TRUE(gradcheck(first, {x, go}));
    }
}

// ---------------------------------------------------------------------------------------------
// Behaviour

TEST(NnOps, NodeNamesFollowPyTorch) {
    Tensor x = rand_leaf({1, 2, 6, 6}, 1), w = rand_leaf({4, 2, 3, 3}, 2), b = rand_leaf({4}, 3);
    Tensor y;
    ASSERT_EMBER_OK(ember_conv2d(x, w, b, nullptr, 0, nullptr, 0, nullptr, 0, 1, y.put()));
    EXPECT_EQ(grad_fn_of(y), "ConvolutionBackward0");
    Tensor go = rand_leaf(sizes_of(y), 4);
    std::vector<Tensor> g = grads_of({y}, {go}, {x, w, b}, true);
    for (const Tensor &t : g) EXPECT_EQ(grad_fn_of(t), "ConvolutionBackwardBackward0");

    Tensor x3 = rand_leaf({2, 6, 6}, 5), y3;
    ASSERT_EMBER_OK(ember_conv2d(x3, w, nullptr, nullptr, 0, nullptr, 0, nullptr, 0, 1, y3.put()));
    EXPECT_EQ(grad_fn_of(y3), "SqueezeBackward1");

    const int64_t k[1] = {2}, o[1] = {3};
    Tensor m, idx, a, aa, am;
    ASSERT_EMBER_OK(ember_max_pool2d(x, k, 1, nullptr, 0, nullptr, 0, nullptr, 0, false, m.put(), idx.put()));
    EXPECT_EQ(grad_fn_of(m), "MaxPool2DWithIndicesBackward0");
    EXPECT_EQ(grad_fn_of(idx), "(leaf)");
    ASSERT_EMBER_OK(ember_avg_pool2d(x, k, 1, nullptr, 0, nullptr, 0, false, true, nullptr, a.put()));
    EXPECT_EQ(grad_fn_of(a), "AvgPool2DBackward0");
    ASSERT_EMBER_OK(ember_adaptive_avg_pool2d(x, o, 1, aa.put()));
    EXPECT_EQ(grad_fn_of(aa), "AdaptiveAvgPool2DBackward0");
    ASSERT_EMBER_OK(ember_adaptive_max_pool2d(x, o, 1, am.put(), nullptr));
    EXPECT_EQ(grad_fn_of(am), "AdaptiveMaxPool2DBackward0");
    const char *second[] = {"MaxPool2DWithIndicesBackwardBackward0", "AvgPool2DBackwardBackward0",
                            "AdaptiveAvgPool2DBackwardBackward0", "AdaptiveMaxPool2DBackwardBackward0"};
    ember_tensor outs[] = {m, a, aa, am};
    for (size_t i = 0; i < 4; ++i) {
        Tensor gi = rand_leaf(sizes_of(outs[i]), 9);
        std::vector<Tensor> gx = grads_of({outs[i]}, {gi}, {x}, true);
        EXPECT_EQ(grad_fn_of(gx[0]), second[i]);
    }
}

TEST(NnOps, EmptyBatchesAndChannels) {
    // An empty batch gives an empty result and empty / zero gradients.
    Tensor x = rand_leaf({0, 3, 5, 5}, 1), w = rand_leaf({2, 3, 3, 3}, 2), b = rand_leaf({2}, 3), y;
    ASSERT_EMBER_OK(ember_conv2d(x, w, b, nullptr, 0, nullptr, 0, nullptr, 0, 1, y.put()));
    EXPECT_EQ(sizes_of(y), (std::vector<int64_t>{0, 2, 3, 3}));
    Tensor go = make(EMBER_DTYPE_FLOAT64, {0, 2, 3, 3}, {});
    std::vector<Tensor> g = grads_of({y}, {go}, {x, w, b}, false);
    EXPECT_EQ(sizes_of(g[0]), (std::vector<int64_t>{0, 3, 5, 5}));
    EXPECT_EQ(values_of(g[1]), std::vector<double>(54, 0.0));
    EXPECT_EQ(values_of(g[2]), std::vector<double>(2, 0.0));
    // No input channels: every output is the bias (PyTorch returns an empty channel dim here).
    Tensor x0 = make(EMBER_DTYPE_FLOAT64, {2, 0, 4, 4}, {}), w0 = make(EMBER_DTYPE_FLOAT64, {3, 0, 2, 2}, {});
    Tensor b0 = make(EMBER_DTYPE_FLOAT64, {3}, {1, 2, 3}), y0;
    ASSERT_EMBER_OK(ember_conv2d(x0, w0, b0, nullptr, 0, nullptr, 0, nullptr, 0, 1, y0.put()));
    EXPECT_EQ(sizes_of(y0), (std::vector<int64_t>{2, 3, 3, 3}));
    EXPECT_EQ(values_of(y0)[9 * 2], 3.0);
    // Pooling of an empty batch.
    const int64_t k[1] = {2};
    Tensor p, idx, px = make(EMBER_DTYPE_FLOAT32, {0, 2, 4, 4}, {});
    ASSERT_EMBER_OK(ember_max_pool2d(px, k, 1, nullptr, 0, nullptr, 0, nullptr, 0, false, p.put(), idx.put()));
    EXPECT_EQ(sizes_of(p), (std::vector<int64_t>{0, 2, 2, 2}));
    EXPECT_EQ(sizes_of(idx), (std::vector<int64_t>{0, 2, 2, 2}));
    // Adaptive pooling to an empty size.
    const int64_t zero[1] = {0};
    Tensor a;
    ASSERT_EMBER_OK(ember_adaptive_avg_pool2d(rand_leaf({1, 2, 3, 3}, 4), zero, 1, a.put()));
    EXPECT_EQ(sizes_of(a), (std::vector<int64_t>{1, 2, 0, 0}));
}

TEST(NnOps, IntegerAndHalfConvolutions) {
    // Integer convolutions (as PyTorch's slow path) are exact.
    std::vector<double> xv(2 * 3 * 5 * 4), wv(4 * 3 * 2 * 2);
    for (size_t i = 0; i < xv.size(); ++i) xv[i] = static_cast<double>(static_cast<int>(i * 7 % 11) - 5);
    for (size_t i = 0; i < wv.size(); ++i) wv[i] = static_cast<double>(static_cast<int>(i * 5 % 7) - 3);
    const int64_t pad[1] = {1};
    Tensor yi, yd;
    ASSERT_EMBER_OK(ember_conv2d(make(EMBER_DTYPE_INT64, {2, 3, 5, 4}, xv), make(EMBER_DTYPE_INT64, {4, 3, 2, 2}, wv),
                                 make(EMBER_DTYPE_INT64, {4}, {1, -2, 3, 0}), nullptr, 0, pad, 1, nullptr, 0, 1, yi.put()));
    ASSERT_EMBER_OK(ember_conv2d(make(EMBER_DTYPE_FLOAT64, {2, 3, 5, 4}, xv), make(EMBER_DTYPE_FLOAT64, {4, 3, 2, 2}, wv),
                                 make(EMBER_DTYPE_FLOAT64, {4}, {1, -2, 3, 0}), nullptr, 0, pad, 1, nullptr, 0, 1, yd.put()));
    EXPECT_EQ(dtype_of(yi), EMBER_DTYPE_INT64);
    EXPECT_EQ(values_of(yi), values_of(yd));
    // float16 computes in float32 and rounds once.
    Tensor x = random_tensor(EMBER_DTYPE_FLOAT32, {2, 3, 6, 6}, 1), w = random_tensor(EMBER_DTYPE_FLOAT32, {4, 3, 3, 3}, 2);
    Tensor xh, wh, yh, yf;
    ASSERT_EMBER_OK(ember_cast(x, EMBER_DTYPE_FLOAT16, xh.put()));
    ASSERT_EMBER_OK(ember_cast(w, EMBER_DTYPE_FLOAT16, wh.put()));
    ASSERT_EMBER_OK(ember_conv2d(xh, wh, nullptr, nullptr, 0, pad, 1, nullptr, 0, 1, yh.put()));
    ASSERT_EMBER_OK(ember_conv2d(x, w, nullptr, nullptr, 0, pad, 1, nullptr, 0, 1, yf.put()));
    EXPECT_EQ(dtype_of(yh), EMBER_DTYPE_FLOAT16);
    std::vector<double> a = values_of(yh), e = values_of(yf);
    for (size_t i = 0; i < a.size(); ++i) ASSERT_NEAR(a[i], e[i], 2e-2 + 2e-3 * std::abs(e[i])) << i;
}

TEST(NnOps, ResultsDoNotDependOnThreadCount) {
    const int32_t threads = ember_get_num_threads();
    Tensor x = rand_leaf({3, 4, 9, 9}, 1), w = rand_leaf({6, 2, 3, 3}, 2);
    const int64_t s[1] = {2}, p[1] = {1};
    auto run = [&] {
        Tensor y;
        EXPECT_EMBER_OK(ember_conv2d(x, w, nullptr, s, 1, p, 1, nullptr, 0, 2, y.put()));
        Tensor go = rand_leaf(sizes_of(y), 3);
        std::vector<Tensor> g = grads_of({y}, {go}, {x, w}, false);
        return std::vector<std::vector<double>>{values_of(y), values_of(g[0]), values_of(g[1])};
    };
    ASSERT_EMBER_OK(ember_set_num_threads(1));
    auto one = run();
    ASSERT_EMBER_OK(ember_set_num_threads(2));
    auto two = run();
    ASSERT_EMBER_OK(ember_set_num_threads(threads));
    EXPECT_EQ(one, two);
}

TEST(NnOps, ModifiedIndicesAreRejectedNotWrittenThrough) {
    Tensor x = rand_leaf({1, 1, 4, 4}, 1), y, idx;
    const int64_t k[1] = {2};
    ASSERT_EMBER_OK(ember_max_pool2d(x, k, 1, nullptr, 0, nullptr, 0, nullptr, 0, false, y.put(), idx.put()));
    static_cast<int64_t *>(info_of(idx).data)[0] = 1000;  // behind autograd's back
    Tensor go = rand_leaf({1, 1, 2, 2}, 2);
    ember_tensor outs[1] = {y}, gos[1] = {go}, ins[1] = {x}, g[1] = {nullptr};
    EXPECT_EMBER_STATUS(EMBER_ERR_INDEX, ember_grad(outs, 1, gos, ins, 1, false, false, false, g));
}

TEST(NnOps, IndicesAreOptional) {
    const int64_t k[1] = {2};
    Tensor x = random_tensor(EMBER_DTYPE_FLOAT32, {2, 3, 4, 4}, 1), y;
    ASSERT_EMBER_OK(ember_max_pool2d(x, k, 1, nullptr, 0, nullptr, 0, nullptr, 0, false, y.put(), nullptr));
    EXPECT_EQ(sizes_of(y), (std::vector<int64_t>{2, 3, 2, 2}));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_max_pool2d(x, k, 1, nullptr, 0, nullptr, 0, nullptr, 0, false, nullptr, nullptr));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_conv2d(x, nullptr, nullptr, nullptr, 0, nullptr, 0, nullptr, 0, 1, y.put()));
}

TEST(NnOps, AsymmetricPaddingOfTransposedConvolutionCrops) {
    // Padding (top, left, bottom, right) crops the full transposed convolution's output.
    Tensor x = random_tensor(EMBER_DTYPE_FLOAT64, {2, 3, 4, 5}, 1), w = random_tensor(EMBER_DTYPE_FLOAT64, {3, 2, 3, 2}, 2);
    const int64_t stride[1] = {2}, pad[4] = {1, 0, 2, 1};
    Tensor full, cropped, rows, expected;
    ASSERT_EMBER_OK(ember_conv_transpose2d(x, w, nullptr, stride, 1, nullptr, 0, nullptr, 0, 1, nullptr, 0, full.put()));
    ASSERT_EMBER_OK(ember_conv_transpose2d(x, w, nullptr, stride, 1, pad, 4, nullptr, 0, 1, nullptr, 0, cropped.put()));
    const std::vector<int64_t> fs = sizes_of(full);
    ASSERT_EMBER_OK(ember_slice(full, 2, 1, fs[2] - 2, 1, rows.put()));
    ASSERT_EMBER_OK(ember_slice(rows, 3, 0, fs[3] - 1, 1, expected.put()));
    EXPECT_EQ(sizes_of(cropped), sizes_of(expected));
    EXPECT_EQ(values_of(cropped), values_of(expected));
}
