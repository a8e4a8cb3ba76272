// NN functional ops: normalisation, dropout, embedding, losses, attention, linear.
#include <cmath>

#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/nn_functional.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;
using ember::capi::optional;

namespace {

Reduction reduction_arg(const ember_reduction &r, const char *fn) {
    return static_cast<Reduction>(
        capi::enum_arg(r, EMBER_REDUCTION_NONE, EMBER_REDUCTION_COUNT - 1, fn, "reduction"));
}

// NaN stands for "not given" where PyTorch's argument is None.
std::optional<double> nan_is_none(double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); }

template <typename F>
ember_status give_out(ember_tensor *out, F &&body) {
    return guard([&] {
        capi::require(out, "out");
        *out = body().release_to_c();
    });
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_batch_norm(ember_tensor input, ember_tensor running_mean, ember_tensor running_var,
                                        ember_tensor weight, ember_tensor bias, bool training, double momentum,
                                        double eps, ember_tensor *out) {
    return give_out(out, [&] {
        return batch_norm(Tensor::borrow(input, "input"), optional(running_mean), optional(running_var),
                          optional(weight), optional(bias), training, momentum, eps);
    });
}

EMBER_API ember_status ember_layer_norm(ember_tensor input, const int64_t *normalized_shape, size_t nnormalized_shape,
                                        ember_tensor weight, ember_tensor bias, double eps, ember_tensor *out) {
    return give_out(out, [&] {
        return layer_norm(Tensor::borrow(input, "input"), ints(normalized_shape, nnormalized_shape, "normalized_shape"),
                          optional(weight), optional(bias), eps);
    });
}

EMBER_API ember_status ember_group_norm(ember_tensor input, int64_t num_groups, ember_tensor weight, ember_tensor bias,
                                        double eps, ember_tensor *out) {
    return give_out(out, [&] {
        return group_norm(Tensor::borrow(input, "input"), num_groups, optional(weight), optional(bias), eps);
    });
}

EMBER_API ember_status ember_rms_norm(ember_tensor input, const int64_t *normalized_shape, size_t nnormalized_shape,
                                      ember_tensor weight, double eps, ember_tensor *out) {
    return give_out(out, [&] {
        return rms_norm(Tensor::borrow(input, "input"), ints(normalized_shape, nnormalized_shape, "normalized_shape"),
                        optional(weight), nan_is_none(eps));
    });
}

EMBER_API ember_status ember_dropout(ember_tensor input, double p, bool training, ember_generator gen,
                                     ember_tensor *out) {
    return give_out(out, [&] { return dropout(Tensor::borrow(input, "input"), p, training, Generator::from_c(gen)); });
}

EMBER_API ember_status ember_embedding(ember_tensor weight, ember_tensor indices, bool has_padding_idx,
                                       int64_t padding_idx, ember_tensor *out) {
    return give_out(out, [&] {
        return embedding(Tensor::borrow(weight, "weight"), Tensor::borrow(indices, "indices"),
                         has_padding_idx ? std::optional<int64_t>(padding_idx) : std::nullopt);
    });
}

EMBER_API ember_status ember_cross_entropy(ember_tensor input, ember_tensor target, ember_tensor weight,
                                           ember_reduction reduction, int64_t ignore_index, double label_smoothing,
                                           ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_cross_entropy");
        return cross_entropy(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), optional(weight), r,
                             ignore_index, label_smoothing);
    });
}

EMBER_API ember_status ember_nll_loss(ember_tensor input, ember_tensor target, ember_tensor weight,
                                      ember_reduction reduction, int64_t ignore_index, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_nll_loss");
        return nll_loss(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), optional(weight), r,
                        ignore_index);
    });
}

EMBER_API ember_status ember_mse_loss(ember_tensor input, ember_tensor target, ember_reduction reduction,
                                      ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_mse_loss");
        return mse_loss(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), r);
    });
}

EMBER_API ember_status ember_l1_loss(ember_tensor input, ember_tensor target, ember_reduction reduction,
                                     ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_l1_loss");
        return l1_loss(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), r);
    });
}

EMBER_API ember_status ember_smooth_l1_loss(ember_tensor input, ember_tensor target, ember_reduction reduction,
                                            double beta, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_smooth_l1_loss");
        return smooth_l1_loss(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), r, beta);
    });
}

EMBER_API ember_status ember_huber_loss(ember_tensor input, ember_tensor target, ember_reduction reduction,
                                        double delta, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_huber_loss");
        return huber_loss(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), r, delta);
    });
}

EMBER_API ember_status ember_binary_cross_entropy(ember_tensor input, ember_tensor target, ember_tensor weight,
                                                  ember_reduction reduction, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_binary_cross_entropy");
        return binary_cross_entropy(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"),
                                    optional(weight), r);
    });
}

EMBER_API ember_status ember_binary_cross_entropy_with_logits(ember_tensor input, ember_tensor target,
                                                              ember_tensor weight, ember_tensor pos_weight,
                                                              ember_reduction reduction, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_binary_cross_entropy_with_logits");
        return binary_cross_entropy_with_logits(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"),
                                                optional(weight), optional(pos_weight), r);
    });
}

EMBER_API ember_status ember_kl_div(ember_tensor input, ember_tensor target, ember_reduction reduction,
                                    bool log_target, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_kl_div");
        return kl_div(Tensor::borrow(input, "input"), Tensor::borrow(target, "target"), r, log_target);
    });
}

EMBER_API ember_status ember_cosine_embedding_loss(ember_tensor input1, ember_tensor input2, ember_tensor target,
                                                   double margin, ember_reduction reduction, ember_tensor *out) {
    return give_out(out, [&] {
        const Reduction r = reduction_arg(reduction, "ember_cosine_embedding_loss");
        return cosine_embedding_loss(Tensor::borrow(input1, "input1"), Tensor::borrow(input2, "input2"),
                                     Tensor::borrow(target, "target"), margin, r);
    });
}

EMBER_API ember_status ember_scaled_dot_product_attention(ember_tensor query, ember_tensor key, ember_tensor value,
                                                          ember_tensor attn_mask, double dropout_p, bool is_causal,
                                                          double scale, ember_generator gen, ember_tensor *out) {
    return give_out(out, [&] {
        return scaled_dot_product_attention(Tensor::borrow(query, "query"), Tensor::borrow(key, "key"),
                                            Tensor::borrow(value, "value"), optional(attn_mask), dropout_p, is_causal,
                                            nan_is_none(scale), Generator::from_c(gen));
    });
}

EMBER_API ember_status ember_linear(ember_tensor input, ember_tensor weight, ember_tensor bias, ember_tensor *out) {
    return give_out(out, [&] {
        return linear(Tensor::borrow(input, "input"), Tensor::borrow(weight, "weight"), optional(bias));
    });
}

}  // extern "C"
