// Random numbers: generators and sampling.
#include <new>

#include "capi/enum_args.h"
#include "capi/guard.h"
#include "ops/random.h"

using namespace ember;
using ember::capi::guard;
using ember::capi::ints;

extern "C" {

EMBER_API ember_status ember_manual_seed(uint64_t seed) {
    return guard([&] { Generator::default_generator().set_state(seed, 0); });
}

EMBER_API ember_status ember_generator_create(uint64_t seed, ember_generator *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = (new Generator(seed))->to_c();
    });
}

EMBER_API void ember_generator_release(ember_generator gen) { delete reinterpret_cast<Generator *>(gen); }

EMBER_API ember_status ember_generator_get_state(ember_generator gen, uint64_t *seed, uint64_t *offset) {
    return guard([&] { Generator::from_c(gen).get_state(seed, offset); });
}

EMBER_API ember_status ember_generator_set_state(ember_generator gen, uint64_t seed, uint64_t offset) {
    return guard([&] { Generator::from_c(gen).set_state(seed, offset); });
}

EMBER_API ember_status ember_uniform_(ember_tensor t, double low, double high, ember_generator gen) {
    return guard([&] { uniform_(Tensor::borrow(t, "t"), low, high, Generator::from_c(gen)); });
}

EMBER_API ember_status ember_normal_(ember_tensor t, double mean, double std, ember_generator gen) {
    return guard([&] { normal_(Tensor::borrow(t, "t"), mean, std, Generator::from_c(gen)); });
}

EMBER_API ember_status ember_random_(ember_tensor t, int64_t low, int64_t high, ember_generator gen) {
    return guard([&] { random_(Tensor::borrow(t, "t"), low, high, Generator::from_c(gen)); });
}

EMBER_API ember_status ember_bernoulli_(ember_tensor t, double p, ember_generator gen) {
    return guard([&] { bernoulli_(Tensor::borrow(t, "t"), p, Generator::from_c(gen)); });
}

EMBER_API ember_status ember_rand(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                  ember_generator gen, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = rand(ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_rand"),
                    capi::device_arg(device, "ember_rand"), Generator::from_c(gen))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_randn(const int64_t *sizes, size_t ndim, ember_dtype dtype, ember_device device,
                                   ember_generator gen, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = randn(ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_randn"),
                     capi::device_arg(device, "ember_randn"), Generator::from_c(gen))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_randint(int64_t low, int64_t high, const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                     ember_device device, ember_generator gen, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = randint(low, high, ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_randint"),
                       capi::device_arg(device, "ember_randint"), Generator::from_c(gen))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_normal(double mean, double std, const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                    ember_device device, ember_generator gen, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = normal(mean, std, ints(sizes, ndim, "sizes"), capi::dtype_arg(dtype, true, "ember_normal"),
                      capi::device_arg(device, "ember_normal"), Generator::from_c(gen))
                   .release_to_c();
    });
}

EMBER_API ember_status ember_bernoulli(ember_tensor p, ember_generator gen, ember_tensor *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = bernoulli(Tensor::borrow(p, "p"), Generator::from_c(gen)).release_to_c();
    });
}

}  // extern "C"
