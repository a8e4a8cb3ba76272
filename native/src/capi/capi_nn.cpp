// Neural network ops: convolutions and pooling.
#include "capi/guard.h"
#include "ops/conv.h"
#include "ops/pooling.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;
using ember::capi::optional;

namespace {

Tensor conv(int64_t dims, bool transposed, ember_tensor input, ember_tensor weight, ember_tensor bias,
            IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding, IntArrayRef dilation, int64_t groups) {
    const ConvParams p = make_conv_params(dims, stride, padding, dilation, output_padding, transposed, groups);
    const Tensor x = Tensor::borrow(input, "input"), w = Tensor::borrow(weight, "weight"), b = optional(bias);
    if (transposed) return dims == 1 ? conv_transpose1d(x, w, b, p) : conv_transpose2d(x, w, b, p);
    return dims == 1 ? conv1d(x, w, b, p) : conv2d(x, w, b, p);
}

// Hands back values and (when asked for) indices.
void give_pair(std::pair<Tensor, Tensor> r, ember_tensor *out, ember_tensor *indices) {
    *out = r.first.release_to_c();
    if (indices) *indices = r.second.release_to_c();
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_conv1d(ember_tensor input, ember_tensor weight, ember_tensor bias, const int64_t *stride,
                                    size_t nstride, const int64_t *padding, size_t npadding, const int64_t *dilation,
                                    size_t ndilation, int64_t groups, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = conv(1, false, input, weight, bias, ints(stride, nstride, "stride"), ints(padding, npadding, "padding"), {},
                    ints(dilation, ndilation, "dilation"), groups)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_conv2d(ember_tensor input, ember_tensor weight, ember_tensor bias, const int64_t *stride,
                                    size_t nstride, const int64_t *padding, size_t npadding, const int64_t *dilation,
                                    size_t ndilation, int64_t groups, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = conv(2, false, input, weight, bias, ints(stride, nstride, "stride"), ints(padding, npadding, "padding"), {},
                    ints(dilation, ndilation, "dilation"), groups)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_conv_transpose1d(ember_tensor input, ember_tensor weight, ember_tensor bias,
                                              const int64_t *stride, size_t nstride, const int64_t *padding,
                                              size_t npadding, const int64_t *output_padding, size_t noutput_padding,
                                              int64_t groups, const int64_t *dilation, size_t ndilation,
                                              ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = conv(1, true, input, weight, bias, ints(stride, nstride, "stride"), ints(padding, npadding, "padding"),
                    ints(output_padding, noutput_padding, "output_padding"), ints(dilation, ndilation, "dilation"),
                    groups)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_conv_transpose2d(ember_tensor input, ember_tensor weight, ember_tensor bias,
                                              const int64_t *stride, size_t nstride, const int64_t *padding,
                                              size_t npadding, const int64_t *output_padding, size_t noutput_padding,
                                              int64_t groups, const int64_t *dilation, size_t ndilation,
                                              ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = conv(2, true, input, weight, bias, ints(stride, nstride, "stride"), ints(padding, npadding, "padding"),
                    ints(output_padding, noutput_padding, "output_padding"), ints(dilation, ndilation, "dilation"),
                    groups)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_max_pool1d(ember_tensor input, const int64_t *kernel_size, size_t nkernel,
                                        const int64_t *stride, size_t nstride, const int64_t *padding, size_t npadding,
                                        const int64_t *dilation, size_t ndilation, bool ceil_mode, ember_tensor *out,
                                        ember_tensor *indices) {
    return guard([&] {
        capi::require(out, "out");
        give_pair(max_pool1d(Tensor::borrow(input, "input"), ints(kernel_size, nkernel, "kernel_size"),
                             ints(stride, nstride, "stride"), ints(padding, npadding, "padding"),
                             ints(dilation, ndilation, "dilation"), ceil_mode, indices != nullptr),
                  out, indices);
    });
}

EMBER_API ember_status ember_max_pool2d(ember_tensor input, const int64_t *kernel_size, size_t nkernel,
                                        const int64_t *stride, size_t nstride, const int64_t *padding, size_t npadding,
                                        const int64_t *dilation, size_t ndilation, bool ceil_mode, ember_tensor *out,
                                        ember_tensor *indices) {
    return guard([&] {
        capi::require(out, "out");
        const Pool2dParams q = make_pool2d_params("max_pool2d", ints(kernel_size, nkernel, "kernel_size"),
                                                  ints(stride, nstride, "stride"), ints(padding, npadding, "padding"),
                                                  ints(dilation, ndilation, "dilation"), ceil_mode);
        give_pair(max_pool2d(Tensor::borrow(input, "input"), q, indices != nullptr), out, indices);
    });
}

EMBER_API ember_status ember_avg_pool1d(ember_tensor input, const int64_t *kernel_size, size_t nkernel,
                                        const int64_t *stride, size_t nstride, const int64_t *padding, size_t npadding,
                                        bool ceil_mode, bool count_include_pad, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = avg_pool1d(Tensor::borrow(input, "input"), ints(kernel_size, nkernel, "kernel_size"),
                          ints(stride, nstride, "stride"), ints(padding, npadding, "padding"), ceil_mode,
                          count_include_pad)
                   .release_to_c();
    });
}

EMBER_API ember_status ember_avg_pool2d(ember_tensor input, const int64_t *kernel_size, size_t nkernel,
                                        const int64_t *stride, size_t nstride, const int64_t *padding, size_t npadding,
                                        bool ceil_mode, bool count_include_pad, const int64_t *divisor_override,
                                        ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        Pool2dParams q = make_pool2d_params("avg_pool2d", ints(kernel_size, nkernel, "kernel_size"),
                                            ints(stride, nstride, "stride"), ints(padding, npadding, "padding"), {},
                                            ceil_mode);
        q.count_include_pad = count_include_pad;
        if (divisor_override) {
            EMBER_CHECK(*divisor_override != 0, InvalidArgument, "divisor must be not zero");
            q.divisor = *divisor_override;
        }
        *out = avg_pool2d(Tensor::borrow(input, "input"), q).release_to_c();
    });
}

EMBER_API ember_status ember_adaptive_avg_pool2d(ember_tensor input, const int64_t *output_size, size_t noutput_size,
                                                 ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = adaptive_avg_pool2d(Tensor::borrow(input, "input"), ints(output_size, noutput_size, "output_size"))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_adaptive_max_pool2d(ember_tensor input, const int64_t *output_size, size_t noutput_size,
                                                 ember_tensor *out, ember_tensor *indices) {
    return guard([&] {
        capi::require(out, "out");
        give_pair(adaptive_max_pool2d(Tensor::borrow(input, "input"), ints(output_size, noutput_size, "output_size")),
                  out, indices);
    });
}

}  // extern "C"
