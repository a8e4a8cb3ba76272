#include "ops/creation.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/convert.h"
#include "ops/elementwise.h"

namespace ember {

namespace {
DType or_default(DType d) { return d == DType::Undefined ? kDefaultFloat : d; }

// Values computed on the CPU by f(i), written to a tensor on device.
template <typename F>
Tensor generate(IntArrayRef sizes, DType dtype, Device device, const char *name, F f) {
    Tensor t = empty(sizes, dtype, Device::cpu());
    visit_dtype(dtype, name, [&]<typename T>() {
        T *p = t.data<T>();
        for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = f.template operator()<T>(i);
    });
    if (device.is_cpu()) return t;
    Tensor d = empty(sizes, dtype, device);
    copy_(d, t);
    return d;
}
}  // namespace

Tensor zeros(IntArrayRef sizes, DType dtype, Device device) {
    return full(sizes, Scalar::from_int(0), or_default(dtype), device);
}

Tensor ones(IntArrayRef sizes, DType dtype, Device device) {
    return full(sizes, Scalar::from_int(1), or_default(dtype), device);
}

Tensor full(IntArrayRef sizes, const Scalar &value, DType dtype, Device device) {
    if (dtype == DType::Undefined) dtype = value.wrapped_dtype();
    Tensor t = empty(sizes, dtype, device);
    fill_(t, value);
    return t;
}

Tensor arange(const Scalar &start, const Scalar &end, const Scalar &step, DType dtype, Device device) {
    bool floating = start.is_floating() || end.is_floating() || step.is_floating();
    if (dtype == DType::Undefined) dtype = floating ? kDefaultFloat : DType::Int64;
    double s = start.to<double>(), e = end.to<double>(), st = step.to<double>();
    EMBER_CHECK(std::isfinite(s) && std::isfinite(e), InvalidArgument, "arange: unsupported range: ", s, " -> ", e);
    EMBER_CHECK(st != 0, InvalidArgument, "arange: step must be nonzero");
    EMBER_CHECK((st > 0 && e >= s) || (st < 0 && e <= s), InvalidArgument,
                "arange: upper bound and larger bound inconsistent with step sign");
    // The element count as PyTorch computes it: int64 results from the integer difference, every
    // other dtype in double (so huge float64 ranges can collapse, exactly as in PyTorch).
    double len;
    if (dtype == DType::Int64 && !floating) len = std::ceil(static_cast<double>(end.i - start.i) / static_cast<double>(step.i));
    else len = std::ceil((e - s) / st);
    EMBER_CHECK(len >= 0 && len < static_cast<double>(std::numeric_limits<int64_t>::max()), InvalidArgument,
                "arange: invalid size, possible overflow");
    int64_t n = static_cast<int64_t>(len);
    int64_t n1[1] = {n};
    if (!floating && is_integral(dtype, true))
        return generate(n1, dtype, device, "arange",
                        [&]<typename T>(int64_t i) { return convert<T>(start.i + i * step.i); });
    return generate(n1, dtype, device, "arange", [&]<typename T>(int64_t i) { return convert<T>(s + static_cast<double>(i) * st); });
}

Tensor linspace(double start, double end, int64_t steps, DType dtype, Device device) {
    EMBER_CHECK(steps >= 0, InvalidArgument, "linspace: number of steps must be non-negative");
    dtype = or_default(dtype);
    int64_t n1[1] = {steps};
    return generate(n1, dtype, device, "linspace", [&]<typename T>(int64_t i) -> T {
        using M = std::conditional_t<is_floating_v<T>, opmath_t<T>, double>;
        if (steps == 1) return convert<T>(static_cast<M>(start));
        M a = static_cast<M>(start), b = static_cast<M>(end);
        M step = (b - a) / static_cast<M>(steps - 1);
        // Fill from both ends so the last value is exactly `end`, as PyTorch does.
        if (i < steps / 2) return convert<T>(a + step * static_cast<M>(i));
        return convert<T>(b - step * static_cast<M>(steps - 1 - i));
    });
}

Tensor eye(int64_t n, int64_t m, DType dtype, Device device) {
    if (m < 0) m = n;
    EMBER_CHECK(n >= 0, InvalidArgument, "eye: n must be greater or equal to 0, got ", n);
    int64_t sizes[2] = {n, m};
    return generate(sizes, or_default(dtype), device, "eye",
                    [&]<typename T>(int64_t i) { return convert<T>(i / m == i % m); });
}

Tensor from_data(const void *data, size_t nbytes, IntArrayRef sizes, DType dtype) {
    Tensor t = empty(sizes, dtype, Device::cpu());
    EMBER_CHECK(nbytes == t.nbytes(), InvalidArgument, "from_data: the buffer has ", nbytes, " bytes but shape ", sizes,
                " of ", dtype_name(dtype), " needs ", t.nbytes());
    EMBER_CHECK(data != nullptr || nbytes == 0, InvalidArgument, "from_data: data is NULL");
    if (nbytes) std::memcpy(t.data_ptr(), data, nbytes);
    return t;
}

Tensor from_blob(void *data, IntArrayRef sizes, const int64_t *strides, DType dtype, Device device,
                 ember_deleter_fn deleter, void *user_data) {
    EMBER_CHECK(dtype != DType::Undefined, DType, "from_blob: dtype must be given");
    DimVector st = strides ? DimVector(strides, sizes.size()) : contiguous_strides(sizes);
    // The extent of memory the view can reach, so the storage knows its size.
    int64_t max_offset = 0;
    bool empty_tensor = false;
    for (size_t d = 0; d < sizes.size(); ++d) {
        EMBER_CHECK(sizes[d] >= 0, Shape, "from_blob: negative dimension ", sizes[d]);
        EMBER_CHECK(st[d] >= 0, InvalidArgument, "from_blob: negative strides are not supported");
        if (sizes[d] == 0) empty_tensor = true;
        else max_offset += (sizes[d] - 1) * st[d];
    }
    EMBER_CHECK(data != nullptr || empty_tensor, InvalidArgument, "from_blob: data is NULL");
    size_t nbytes = empty_tensor ? 0 : static_cast<size_t>(max_offset + 1) * itemsize(dtype);
    auto storage = Ref<Storage>::make(data, nbytes, device, deleter, user_data);
    return Tensor(Ref<TensorImpl>::make(std::move(storage), dtype, sizes, st.span(), 0));
}

}  // namespace ember
