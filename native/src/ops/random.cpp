#include "ops/random.h"

#include <cfloat>
#include <cstdint>

#include "core/log.h"
#include "ops/elementwise.h"

namespace ember {

DispatchTable<RandomKernel, static_cast<int>(RandomOp::Count)> &random_dispatch() {
    static DispatchTable<RandomKernel, static_cast<int>(RandomOp::Count)> t;
    return t;
}

namespace {

RandomKernel kernel(const Tensor &t, RandomOp op, const char *name) {
    return random_dispatch().get(t.device(), static_cast<int>(op), name);
}

// Runs one fill of t. Non-contiguous tensors are filled through a contiguous temporary, so that
// element i in row-major order always gets counter offset + i whatever t's strides are.
void fill(const Tensor &t, RandomOp op, RandomArgs args, Generator &gen, const char *name, const Tensor &p = {}) {
    RandomKernel k = kernel(t, op, name);
    if (t.numel() > 0) {
        Tensor target = t.is_contiguous() ? t : empty(t.sizes(), t.dtype(), t.device());
        args.stream = gen.take(static_cast<uint64_t>(t.numel()));
        k(target, p, args);
        if (!target.same(t)) copy_(t, target);
    }
    t.bump_version();
}

void require_floating(DType d, const char *name) {
    EMBER_CHECK(is_floating(d), DType, name, ": expected a floating point dtype, but got ", dtype_name(d));
}

// Largest finite value and mantissa digits of a floating dtype (std::numeric_limits<T>::max()
// and ::digits, which PyTorch's bound checks use).
double float_max(DType d) {
    switch (d) {
        case DType::Float64: return DBL_MAX;
        case DType::Float16: return 65504.0;
        case DType::BFloat16: return 3.38953138925153547590e38;
        default: return FLT_MAX;
    }
}
int float_digits(DType d) {
    switch (d) {
        case DType::Float64: return 53;
        case DType::Float16: return 11;
        case DType::BFloat16: return 8;
        default: return 24;
    }
}

void check_in_range(double v, const char *what, double lo, double hi, DType d) {
    EMBER_CHECK(v >= lo && v <= hi, InvalidArgument, what, " is out of bounds for ", dtype_name(d));
}

// PyTorch's check_from_to_in_range: from and to - 1 must be representable in the dtype; floats
// beyond 2^digits cannot represent every integer, which is worth a warning.
void check_from_to(int64_t from, int64_t to_inc, DType d) {
    if (is_floating(d)) {
        double m = float_max(d);
        check_in_range(static_cast<double>(from), "from", -m, m, d);
        check_in_range(static_cast<double>(to_inc), "to - 1", -m, m, d);
        int digits = float_digits(d);
        int64_t limit = int64_t(1) << digits;
        auto warn = [&](int64_t v, const char *what) {
            if (v < -limit || v > limit)
                log_message(EMBER_LOG_WARNING, "random_: ", what, " is out of bounds [-(2^", digits, "), 2^", digits,
                            "]. Due to precision limitations ", dtype_name(d),
                            " can support discrete uniform distribution only within this range.");
        };
        warn(from, "from");
        warn(to_inc, "to - 1");
        return;
    }
    int64_t lo = 0, hi = 0;
    switch (d) {
        case DType::Bool: lo = 0; hi = 1; break;
        case DType::UInt8: lo = 0; hi = 255; break;
        case DType::Int8: lo = -128; hi = 127; break;
        case DType::Int16: lo = INT16_MIN; hi = INT16_MAX; break;
        case DType::Int32: lo = INT32_MIN; hi = INT32_MAX; break;
        default: lo = INT64_MIN; hi = INT64_MAX; break;
    }
    EMBER_CHECK(from >= lo && from <= hi, InvalidArgument, "from is out of bounds for ", dtype_name(d));
    EMBER_CHECK(to_inc >= lo && to_inc <= hi, InvalidArgument, "to - 1 is out of bounds for ", dtype_name(d));
}

void check_std(double std) {
    EMBER_CHECK(std >= 0.0, InvalidArgument, "normal expects std >= 0.0, but found std ", std);
}

Tensor allocate(IntArrayRef sizes, DType dtype, DType fallback, Device device) {
    return empty(sizes, dtype == DType::Undefined ? fallback : dtype, device);
}

}  // namespace

void uniform_(const Tensor &t, double low, double high, Generator &gen) {
    EMBER_CHECK(t.defined(), InvalidArgument, "uniform_: tensor is NULL");
    require_floating(t.dtype(), "uniform_");
    double m = float_max(t.dtype());
    check_in_range(low, "from", -m, m, t.dtype());
    check_in_range(high, "to", -m, m, t.dtype());
    EMBER_CHECK(low <= high, InvalidArgument, "uniform_ expects to return a [from, to) range, but found from=", low,
                " > to=", high);
    EMBER_CHECK(high - low <= m, InvalidArgument, "uniform_ expects to-from <= std::numeric_limits<",
                dtype_name(t.dtype()), ">::max(), but found to=", high, " and from=", low,
                " which result in to-from to exceed the limit");
    RandomArgs args;
    args.a = low;
    args.b = high;
    fill(t, RandomOp::Uniform, args, gen, "uniform_");
}

void normal_(const Tensor &t, double mean, double std, Generator &gen) {
    EMBER_CHECK(t.defined(), InvalidArgument, "normal_: tensor is NULL");
    require_floating(t.dtype(), "normal_");
    check_std(std);
    RandomArgs args;
    args.a = mean;
    args.b = std;
    fill(t, RandomOp::Normal, args, gen, "normal_");
}

void random_(const Tensor &t, int64_t from, int64_t to, Generator &gen) {
    EMBER_CHECK(t.defined(), InvalidArgument, "random_: tensor is NULL");
    EMBER_CHECK(from < to, InvalidArgument, "random_ expects 'from' to be less than 'to', but got from=", from,
                " >= to=", to);
    check_from_to(from, to - 1, t.dtype());
    RandomArgs args;
    args.from = from;
    // to - from as an unsigned count; the full int64 range [INT64_MIN, INT64_MAX) fits as well.
    args.range = static_cast<uint64_t>(to) - static_cast<uint64_t>(from);
    fill(t, RandomOp::RandomFromTo, args, gen, "random_");
}

void bernoulli_(const Tensor &t, double p, Generator &gen) {
    EMBER_CHECK(t.defined(), InvalidArgument, "bernoulli_: tensor is NULL");
    EMBER_CHECK(p >= 0 && p <= 1, InvalidArgument, "bernoulli_ expects p to be in [0, 1], but got p=", p);
    RandomArgs args;
    args.a = p;
    fill(t, RandomOp::Bernoulli, args, gen, "bernoulli_");
}

Tensor rand(IntArrayRef sizes, DType dtype, Device device, Generator &gen) {
    if (dtype != DType::Undefined) require_floating(dtype, "rand");
    Tensor t = allocate(sizes, dtype, kDefaultFloat, device);
    uniform_(t, 0.0, 1.0, gen);
    return t;
}

Tensor randn(IntArrayRef sizes, DType dtype, Device device, Generator &gen) {
    if (dtype != DType::Undefined) require_floating(dtype, "randn");
    Tensor t = allocate(sizes, dtype, kDefaultFloat, device);
    normal_(t, 0.0, 1.0, gen);
    return t;
}

Tensor randint(int64_t low, int64_t high, IntArrayRef sizes, DType dtype, Device device, Generator &gen) {
    EMBER_CHECK(low < high, InvalidArgument, "random_ expects 'from' to be less than 'to', but got from=", low,
                " >= to=", high);
    Tensor t = allocate(sizes, dtype, DType::Int64, device);
    random_(t, low, high, gen);
    return t;
}

Tensor normal(double mean, double std, IntArrayRef sizes, DType dtype, Device device, Generator &gen) {
    check_std(std);
    if (dtype != DType::Undefined) require_floating(dtype, "normal");
    Tensor t = allocate(sizes, dtype, kDefaultFloat, device);
    normal_(t, mean, std, gen);
    return t;
}

Tensor bernoulli(const Tensor &p, Generator &gen) {
    EMBER_CHECK(p.defined(), InvalidArgument, "bernoulli: p is NULL");
    EMBER_CHECK(is_floating(p.dtype()), DType, "bernoulli: expected a floating point tensor of probabilities, but got ",
                dtype_name(p.dtype()));
    Tensor probs = contiguous(p);
    Tensor out = empty(p.sizes(), p.dtype(), p.device());
    if (probs.numel() > 0) kernel(probs, RandomOp::CheckProbability, "bernoulli")(out, probs, RandomArgs{});
    fill(out, RandomOp::BernoulliTensor, RandomArgs{}, gen, "bernoulli", probs);
    return out;
}

}  // namespace ember
