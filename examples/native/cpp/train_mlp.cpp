// A two-layer perceptron fitted to sin(x) on [-3, 3] through the C ABI alone (ember/ember.h),
// with small RAII helpers of the example's own: Tensor owns one handle, NoGrad pauses autograd.
// No C++ type crosses the ABI: the helpers only hold and release C handles.
//
// The update is hand-written SGD with momentum, done in place on the parameters while autograd
// is off, the way torch.optim does it. Prints the loss as it falls and exits non-zero unless the
// final loss is below kMaxFinalLoss. A failed call throws EmberError with
// ember_last_error_message(); main prints it and returns 1.
#include <ember/ember.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

constexpr int64_t kSamples = 128;
constexpr int64_t kHidden = 32;
constexpr int kSteps = 2000;
constexpr double kLearningRate = 0.05;
constexpr double kMomentum = 0.9;
constexpr double kMaxFinalLoss = 1e-3;  // predicting 0 gives 0.52 (the mean of sin^2).
constexpr ember_device kCpu = {EMBER_DEVICE_CPU, 0};

class EmberError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void check(ember_status status, const char *call) {
    if (status != EMBER_OK) {
        throw EmberError(std::string(call) + " failed with status " +
                         std::to_string(static_cast<int>(status)) + ": " +
                         ember_last_error_message());
    }
}
#define CHECK(call) check((call), #call)

// Owns one reference to a tensor (move-only); releases it when destroyed.
class Tensor {
public:
    Tensor() = default;
    Tensor(const Tensor &) = delete;
    Tensor &operator=(const Tensor &) = delete;
    Tensor(Tensor &&other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    Tensor &operator=(Tensor &&other) noexcept {
        if (this != &other) {
            ember_tensor_release(handle_);
            handle_ = std::exchange(other.handle_, nullptr);
        }
        return *this;
    }
    ~Tensor() { ember_tensor_release(handle_); }

    ember_tensor get() const noexcept { return handle_; }
    // The slot a C call writes a new reference into (dropping the one held, if any).
    ember_tensor *out() noexcept {
        ember_tensor_release(std::exchange(handle_, nullptr));
        return &handle_;
    }

private:
    ember_tensor handle_ = nullptr;
};

// Turns autograd recording off for its scope and restores the previous setting (torch.no_grad()).
class NoGrad {
public:
    NoGrad() noexcept : previous_(ember_is_grad_enabled()) { ember_set_grad_enabled(false); }
    NoGrad(const NoGrad &) = delete;
    NoGrad &operator=(const NoGrad &) = delete;
    ~NoGrad() { ember_set_grad_enabled(previous_); }

private:
    bool previous_;
};

ember_scalar float_scalar(double value) { return ember_scalar{EMBER_SCALAR_FLOAT, 0, value}; }

Tensor from_vector(const std::vector<float> &values, std::initializer_list<int64_t> shape) {
    Tensor t;
    CHECK(ember_from_data(values.data(), values.size() * sizeof(float), shape.begin(), shape.size(),
                          EMBER_DTYPE_FLOAT32, t.out()));
    return t;
}

Tensor zeros(std::initializer_list<int64_t> shape) {
    Tensor t;
    CHECK(ember_zeros(shape.begin(), shape.size(), EMBER_DTYPE_FLOAT32, kCpu, t.out()));
    return t;
}

// Normal values of the given std, as a leaf that requires gradients.
Tensor parameter_normal(std::initializer_list<int64_t> shape, double std) {
    Tensor t;
    CHECK(ember_normal(0.0, std, shape.begin(), shape.size(), EMBER_DTYPE_FLOAT32, kCpu, nullptr,
                       t.out()));
    CHECK(ember_set_requires_grad(t.get(), true));
    return t;
}

Tensor parameter_zeros(std::initializer_list<int64_t> shape) {
    Tensor t = zeros(shape);
    CHECK(ember_set_requires_grad(t.get(), true));
    return t;
}

Tensor matmul(const Tensor &a, const Tensor &b) {
    Tensor t;
    CHECK(ember_matmul(a.get(), b.get(), t.out()));
    return t;
}

Tensor add(const Tensor &a, const Tensor &b) {
    Tensor t;
    CHECK(ember_binary(EMBER_BINARY_ADD, a.get(), b.get(), nullptr, t.out()));
    return t;
}

Tensor tanh(const Tensor &x) {
    Tensor t;
    CHECK(ember_unary(EMBER_UNARY_TANH, x.get(), nullptr, t.out()));
    return t;
}

Tensor mse_loss(const Tensor &input, const Tensor &target) {
    Tensor t;
    CHECK(ember_mse_loss(input.get(), target.get(), EMBER_REDUCTION_MEAN, t.out()));
    return t;
}

double item(const Tensor &t) {
    ember_scalar s;
    CHECK(ember_item(t.get(), &s));
    return s.kind == EMBER_SCALAR_FLOAT ? s.f : static_cast<double>(s.i);
}

struct Mlp {
    Tensor w1 = parameter_normal({1, kHidden}, 1.0);
    Tensor b1 = parameter_zeros({kHidden});
    Tensor w2 = parameter_normal({kHidden, 1}, 1.0 / std::sqrt(static_cast<double>(kHidden)));
    Tensor b2 = parameter_zeros({1});

    // pred = tanh(x w1 + b1) w2 + b2
    Tensor forward(const Tensor &x) const {
        const Tensor hidden = tanh(add(matmul(x, w1), b1));
        return add(matmul(hidden, w2), b2);
    }
    std::array<ember_tensor, 4> parameters() const {
        return {w1.get(), b1.get(), w2.get(), b2.get()};
    }
};

// One step of SGD with momentum on every parameter (torch.optim.SGD's formula with
// dampening 0): v = momentum * v + grad; p -= lr * v. Clears the gradients afterwards.
void sgd_momentum_step(Mlp &model, std::vector<Tensor> &velocity) {
    const NoGrad no_grad;
    const std::array<ember_tensor, 4> params = model.parameters();
    for (size_t i = 0; i < params.size(); ++i) {
        ember_tensor p = params[i];
        Tensor grad;
        CHECK(ember_get_grad(p, grad.out()));
        if (grad.get() == nullptr) throw EmberError("a parameter received no gradient");
        Tensor &v = velocity[i];
        if (v.get() == nullptr) {
            CHECK(ember_clone(grad.get(), v.out()));
        } else {
            CHECK(ember_binary_scalar(EMBER_BINARY_MUL, v.get(), float_scalar(kMomentum), false,
                                      v.get(), nullptr));
            CHECK(ember_binary(EMBER_BINARY_ADD, v.get(), grad.get(), v.get(), nullptr));
        }
        CHECK(ember_add_scaled(p, v.get(), float_scalar(-kLearningRate), p, nullptr));
        CHECK(ember_set_grad(p, nullptr));
    }
}

int run() {
    std::printf("ember ABI %u, CPU kernels: %s\n", static_cast<unsigned>(ember_version()),
                ember_cpu_isa());
    CHECK(ember_manual_seed(0));

    std::vector<float> xs(kSamples), ys(kSamples);
    for (int64_t i = 0; i < kSamples; ++i) {
        xs[i] = static_cast<float>(-3.0 + 6.0 * static_cast<double>(i) / static_cast<double>(kSamples - 1));
        ys[i] = std::sin(xs[i]);
    }
    const Tensor x = from_vector(xs, {kSamples, 1});
    const Tensor y = from_vector(ys, {kSamples, 1});

    Mlp model;
    std::vector<Tensor> velocity(model.parameters().size());
    double loss_value = 0.0;
    for (int step = 1; step <= kSteps; ++step) {
        Tensor loss = mse_loss(model.forward(x), y);
        ember_tensor outputs[] = {loss.get()};
        CHECK(ember_backward(outputs, 1, nullptr, false, false, nullptr, 0));
        sgd_momentum_step(model, velocity);
        loss_value = item(loss);
        if (step == 1 || step % 250 == 0) std::printf("step %4d  loss %.6f\n", step, loss_value);
    }

    std::printf("final loss: %.6f\n", loss_value);
    if (!(loss_value < kMaxFinalLoss)) {
        std::fprintf(stderr, "the final loss %.6f is not below %g\n", loss_value, kMaxFinalLoss);
        return 1;
    }
    return 0;
}

}  // namespace

int main() {
    try {
        return run();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "train_mlp: %s\n", e.what());
        return 1;
    }
}
