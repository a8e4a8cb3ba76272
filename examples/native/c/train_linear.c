/*
 * Linear regression through the C ABI alone (ember/ember.h): fits y = X w + b to data drawn from
 * known weights, with autograd for the gradients and the fused ember_sgd_step for the update.
 * Prints the loss as it falls and exits non-zero unless the final loss is below MAX_FINAL_LOSS.
 *
 * Every ember_status is checked: on failure CHECK prints the call, its status and
 * ember_last_error_message(), and jumps to the cleanup that releases every handle.
 */
#include <ember/ember.h>

#include <stdio.h>
#include <stdlib.h>

enum { SAMPLES = 256, FEATURES = 3, STEPS = 100 };
static const double LEARNING_RATE = 0.1;
static const double NOISE_STD = 0.01;
/* The noise alone gives a mean squared error of NOISE_STD^2 = 1e-4 at the optimum. */
static const double MAX_FINAL_LOSS = 1e-3;

static int check(ember_status status, const char *call, int line) {
    if (status == EMBER_OK) return 1;
    fprintf(stderr, "train_linear.c:%d: %s failed with status %d: %s\n", line, call, (int)status,
            ember_last_error_message());
    return 0;
}
#define CHECK(call)                                                                          \
    do {                                                                                     \
        if (!check((call), #call, __LINE__)) goto cleanup;                                   \
    } while (0)

/* Drops the reference *t holds and forgets it. */
static void release(ember_tensor *t) {
    ember_tensor_release(*t);
    *t = NULL;
}

static ember_scalar float_scalar(double value) {
    ember_scalar s = {EMBER_SCALAR_FLOAT, 0, value};
    return s;
}

static int scalar_value(ember_tensor t, double *out, int line) {
    ember_scalar s;
    if (!check(ember_item(t, &s), "ember_item(t, &s)", line)) return 0;
    *out = s.kind == EMBER_SCALAR_FLOAT ? s.f : (double)s.i;
    return 1;
}

int main(void) {
    const ember_device cpu = {EMBER_DEVICE_CPU, 0};
    const float true_w[FEATURES] = {2.0f, -3.4f, 1.5f};
    const float true_b = 4.2f;
    const int64_t x_shape[2] = {SAMPLES, FEATURES};
    const int64_t y_shape[2] = {SAMPLES, 1};
    const int64_t w_shape[2] = {FEATURES, 1};
    const int64_t b_shape[1] = {1};
    int exit_code = EXIT_FAILURE;
    double loss_value = 0.0;
    float learned_w[FEATURES];
    float learned_b;

    /* Every handle starts NULL, so the cleanup can release them all (release(NULL) is a no-op). */
    ember_tensor x = NULL, w_star = NULL, y = NULL, noise = NULL, w = NULL, b = NULL;
    ember_tensor xw = NULL, pred = NULL, loss = NULL, grad_w = NULL, grad_b = NULL;

    printf("ember ABI %u, CPU kernels: %s\n", (unsigned)ember_version(), ember_cpu_isa());
    CHECK(ember_manual_seed(0));

    /* Data: y = X true_w + true_b + noise. */
    CHECK(ember_randn(x_shape, 2, EMBER_DTYPE_FLOAT32, cpu, NULL, &x));
    CHECK(ember_from_data(true_w, sizeof true_w, w_shape, 2, EMBER_DTYPE_FLOAT32, &w_star));
    CHECK(ember_matmul(x, w_star, &y));
    CHECK(ember_binary_scalar(EMBER_BINARY_ADD, y, float_scalar(true_b), false, y, NULL));
    CHECK(ember_normal(0.0, NOISE_STD, y_shape, 2, EMBER_DTYPE_FLOAT32, cpu, NULL, &noise));
    CHECK(ember_binary(EMBER_BINARY_ADD, y, noise, y, NULL));

    /* Parameters: leaves that require gradients. */
    CHECK(ember_zeros(w_shape, 2, EMBER_DTYPE_FLOAT32, cpu, &w));
    CHECK(ember_zeros(b_shape, 1, EMBER_DTYPE_FLOAT32, cpu, &b));
    CHECK(ember_set_requires_grad(w, true));
    CHECK(ember_set_requires_grad(b, true));

    for (int step = 1; step <= STEPS; ++step) {
        /* Forward: pred = X w + b, loss = mean((pred - y)^2). */
        CHECK(ember_matmul(x, w, &xw));
        CHECK(ember_binary(EMBER_BINARY_ADD, xw, b, NULL, &pred));
        CHECK(ember_mse_loss(pred, y, EMBER_REDUCTION_MEAN, &loss));

        /* Backward: accumulates d loss / d w and d loss / d b into the leaves' gradients. */
        CHECK(ember_backward(&loss, 1, NULL, false, false, NULL, 0));
        CHECK(ember_get_grad(w, &grad_w));
        CHECK(ember_get_grad(b, &grad_b));

        /* Update both parameters in place with one fused call, then clear the gradients. */
        {
            const ember_tensor params[2] = {w, b};
            const ember_tensor grads[2] = {grad_w, grad_b};
            CHECK(ember_sgd_step(params, grads, NULL, 2, LEARNING_RATE, 0.0, 0.0, 0.0, false,
                                 false));
        }
        CHECK(ember_set_grad(w, NULL));
        CHECK(ember_set_grad(b, NULL));

        if (!scalar_value(loss, &loss_value, __LINE__)) goto cleanup;
        if (step == 1 || step % 20 == 0) printf("step %4d  loss %.6f\n", step, loss_value);

        release(&xw);
        release(&pred);
        release(&loss);
        release(&grad_w);
        release(&grad_b);
    }

    CHECK(ember_copy_to_buffer(w, learned_w, sizeof learned_w));
    CHECK(ember_copy_to_buffer(b, &learned_b, sizeof learned_b));
    printf("learned w = [%.3f, %.3f, %.3f] (true [%.3f, %.3f, %.3f]), b = %.3f (true %.3f)\n",
           learned_w[0], learned_w[1], learned_w[2], true_w[0], true_w[1], true_w[2], learned_b,
           true_b);
    printf("final loss: %.6f\n", loss_value);
    if (loss_value < MAX_FINAL_LOSS) {
        exit_code = EXIT_SUCCESS;
    } else {
        fprintf(stderr, "the final loss %.6f is not below %g\n", loss_value, MAX_FINAL_LOSS);
    }

cleanup:
    ember_tensor_release(x);
    ember_tensor_release(w_star);
    ember_tensor_release(y);
    ember_tensor_release(noise);
    ember_tensor_release(w);
    ember_tensor_release(b);
    ember_tensor_release(xw);
    ember_tensor_release(pred);
    ember_tensor_release(loss);
    ember_tensor_release(grad_w);
    ember_tensor_release(grad_b);
    return exit_code;
}
