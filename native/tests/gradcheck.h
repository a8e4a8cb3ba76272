// Numerical gradient checks for the native tests, through the C ABI only: the analytic gradient
// (ember_grad) of a function of float64 tensors is compared with central finite differences, and
// gradgradcheck does the same for the gradient itself (second order, via create_graph).
#pragma once
#include <functional>
#include <random>
#include <sstream>

#include "test_util.h"

namespace ember_test {

using TensorFn = std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;

// A float64 leaf that requires grad, with values uniform in [lo, hi).
inline Tensor rand_leaf(std::vector<int64_t> sizes, uint32_t seed, double lo = -1, double hi = 1) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> dist(lo, hi);
    std::vector<double> v(static_cast<size_t>(numel_of(sizes)));
    for (double &x : v) x = dist(gen);
    Tensor t = make(EMBER_DTYPE_FLOAT64, std::move(sizes), v);
    EXPECT_EQ(ember_set_requires_grad(t, true), EMBER_OK);
    return t;
}

// Calls whose failure fails the test: the building blocks of most autograd tests.
inline Tensor unary_op(ember_unary_op op, ember_tensor x) {
    Tensor r;
    EXPECT_EMBER_OK(ember_unary(op, x, nullptr, r.put()));
    return r;
}
inline Tensor binary_op(ember_binary_op op, ember_tensor a, ember_tensor b) {
    Tensor r;
    EXPECT_EMBER_OK(ember_binary(op, a, b, nullptr, r.put()));
    return r;
}
inline Tensor binary_scalar_op(ember_binary_op op, ember_tensor a, double s) {
    Tensor r;
    EXPECT_EMBER_OK(ember_binary_scalar(op, a, sfloat(s), false, nullptr, r.put()));
    return r;
}

namespace detail {

inline double *f64_data(ember_tensor t) { return static_cast<double *>(info_of(t).data); }

// Sum over outputs of <out_k, v_k> as a double (the scalar whose gradient is checked).
inline double project(const std::vector<Tensor> &outs, const std::vector<std::vector<double>> &v) {
    double s = 0;
    for (size_t k = 0; k < outs.size(); ++k) {
        if (!outs[k]) continue;
        std::vector<double> o = values_of(outs[k]);
        for (size_t i = 0; i < o.size(); ++i) s += o[i] * v[k][i];
    }
    return s;
}

inline bool is_float(ember_tensor t) { return t && is_floating(dtype_of(t)); }

}  // namespace detail

// Checks d<f(inputs), v>/d inputs for a random v. Inputs must be contiguous float64 leaves (use
// rand_leaf); non-contiguity and broadcasting are for f to create. Inputs that do not require
// grad are held constant.
inline ::testing::AssertionResult gradcheck(const TensorFn &f, const std::vector<Tensor> &inputs, double eps = 1e-6,
                                            double atol = 1e-5, double rtol = 1e-3, uint32_t seed = 7) {
    std::vector<Tensor> outs = f(inputs);
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> dist(-1, 1);
    std::vector<std::vector<double>> v(outs.size());
    std::vector<Tensor> v_t;
    std::vector<ember_tensor> out_h, v_h, in_h;
    for (size_t k = 0; k < outs.size(); ++k) {
        if (!detail::is_float(outs[k])) continue;
        ember_tensor_info info = info_of(outs[k]);
        v[k].resize(static_cast<size_t>(info.numel));
        for (double &x : v[k]) x = dist(gen);
        // An output that does not require grad has a zero analytic gradient (a function linear
        // in its inputs has a constant first derivative); the numeric side must agree.
        bool rg = false;
        ember_requires_grad(outs[k], &rg);
        if (!rg) continue;
        v_t.push_back(make(info.dtype, sizes_of(outs[k]), v[k]));
        out_h.push_back(outs[k]);
        v_h.push_back(v_t.back());
    }
    std::vector<size_t> diff_inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
        bool rg = false;
        ember_requires_grad(inputs[i], &rg);
        if (rg) {
            diff_inputs.push_back(i);
            in_h.push_back(inputs[i]);
        }
    }
    std::vector<ember_tensor> grads(in_h.size(), nullptr);
    if (!out_h.empty()) {
        ember_status st = ember_grad(out_h.data(), out_h.size(), v_h.data(), in_h.data(), in_h.size(), false, false,
                                     /*allow_unused=*/true, grads.data());
        if (st != EMBER_OK) return ::testing::AssertionFailure() << "ember_grad failed: " << ember_last_error_message();
    }
    std::vector<Tensor> owned;
    for (ember_tensor g : grads) owned.emplace_back(g);

    // Projections of the (output, v) pairs that took part.
    std::vector<std::vector<double>> vv;
    for (size_t k = 0; k < outs.size(); ++k) vv.push_back(v[k]);
    ember_set_grad_enabled(false);
    for (size_t j = 0; j < diff_inputs.size(); ++j) {
        ember_tensor x = inputs[diff_inputs[j]];
        double *data = detail::f64_data(x);
        int64_t n = info_of(x).numel;
        std::vector<double> analytic = owned[j] ? values_of(owned[j]) : std::vector<double>(static_cast<size_t>(n), 0);
        for (int64_t e = 0; e < n; ++e) {
            double keep = data[e];
            data[e] = keep + eps;
            double fp = detail::project(f(inputs), vv);
            data[e] = keep - eps;
            double fm = detail::project(f(inputs), vv);
            data[e] = keep;
            double numeric = (fp - fm) / (2 * eps);
            double a = analytic[static_cast<size_t>(e)];
            if (!(std::abs(a - numeric) <= atol + rtol * std::abs(numeric))) {
                ember_set_grad_enabled(true);
                return ::testing::AssertionFailure() << "input " << diff_inputs[j] << " element " << e
                                                     << ": analytic " << a << " vs numeric " << numeric;
            }
        }
    }
    ember_set_grad_enabled(true);
    return ::testing::AssertionSuccess();
}

// Second order: checks the gradient of x -> d<f(x), v>/dx (computed with create_graph).
inline ::testing::AssertionResult gradgradcheck(const TensorFn &f, const std::vector<Tensor> &inputs,
                                                double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3) {
    TensorFn first = [&](const std::vector<Tensor> &xs) {
        std::vector<Tensor> outs = f(xs);
        std::vector<ember_tensor> out_h, v_h, in_h;
        std::vector<Tensor> v_t;
        uint32_t k = 0;
        for (const Tensor &o : outs) {
            bool rg = false;
            if (!detail::is_float(o) || ember_requires_grad(o, &rg) != EMBER_OK || !rg) continue;
            ember_tensor_info info = info_of(o);
            std::vector<double> v(static_cast<size_t>(info.numel));
            for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(1.0 + static_cast<double>(i) + 7.0 * k);
            v_t.push_back(make(info.dtype, sizes_of(o), v));
            out_h.push_back(o);
            v_h.push_back(v_t.back());
            ++k;
        }
        std::vector<Tensor> result;
        for (const Tensor &x : xs) {
            bool rg = false;
            ember_requires_grad(x, &rg);
            if (rg) in_h.push_back(x);
        }
        if (out_h.empty()) return result;
        std::vector<ember_tensor> g(in_h.size(), nullptr);
        bool grad_on = ember_is_grad_enabled();
        ember_status st = ember_grad(out_h.data(), out_h.size(), v_h.data(), in_h.data(), in_h.size(), grad_on,
                                     grad_on, true, g.data());
        EXPECT_EQ(st, EMBER_OK) << ember_last_error_message();
        for (ember_tensor t : g) result.emplace_back(t);
        return result;
    };
    // Under the finite-difference loop grad mode is off, so f must still record for ember_grad:
    // gradcheck turns it off only around its own evaluations of `first`, which re-enable it.
    TensorFn first_recording = [&](const std::vector<Tensor> &xs) {
        bool was = ember_is_grad_enabled();
        ember_set_grad_enabled(true);
        std::vector<Tensor> r = first(xs);
        ember_set_grad_enabled(was);
        return r;
    };
    return gradcheck(first_recording, inputs, eps, atol, rtol);
}

}  // namespace ember_test
