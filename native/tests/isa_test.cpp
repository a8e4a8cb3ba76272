// ISA-sensitive checks: vector bodies, scalar tails and strided paths of the CPU kernels, compared
// with double-precision references computed here. CTest runs this suite once per kernel set
// (EMBER_CPU_ISA=baseline|avx2|avx512, see CMakeLists.txt); every test name contains "Isa".
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "test_util.h"

using namespace ember_test;

namespace {

// Sizes that cover empty vectors, every tail length of 4-, 8- and 16-lane bodies, and sizes large
// enough to be split across threads (kGrainSize is 32768).
std::vector<int64_t> test_sizes() {
    std::vector<int64_t> s;
    for (int64_t n = 1; n <= 67; ++n) s.push_back(n);
    for (int64_t n : {255, 4099, 40000}) s.push_back(n);
    return s;
}

// Deterministic values in [lo, hi), varied enough to hit every lane with different data.
std::vector<double> inputs(int64_t n, double lo, double hi, uint32_t seed) {
    std::vector<double> v(static_cast<size_t>(n));
    uint64_t x = 0x9E3779B97F4A7C15ull * (seed + 1);
    for (auto &e : v) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        double u = static_cast<double>((x * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
        e = lo + (hi - lo) * u;
    }
    return v;
}

struct UnaryRef {
    ember_unary_op op;
    const char *name;
    double lo, hi;
    std::function<double(double)> f;
    double ulps;    // allowed error in units of the result's last place
    double atol;    // plus this absolute error (composite formulas that cancel near zero)
};

double erf_gelu(double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }
double tanh_gelu(double x) {
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
}
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

const std::vector<UnaryRef> &unary_refs() {
    static const std::vector<UnaryRef> refs = {
        {EMBER_UNARY_NEG, "neg", -5, 5, [](double x) { return -x; }, 0, 0},
        {EMBER_UNARY_ABS, "abs", -5, 5, [](double x) { return std::fabs(x); }, 0, 0},
        {EMBER_UNARY_SIGN, "sign", -5, 5, [](double x) { return (x > 0) - (x < 0); }, 0, 0},
        {EMBER_UNARY_EXP, "exp", -10, 10, [](double x) { return std::exp(x); }, 4, 0},
        {EMBER_UNARY_EXPM1, "expm1", -3, 3, [](double x) { return std::expm1(x); }, 4, 0},
        {EMBER_UNARY_LOG, "log", 0.01, 100, [](double x) { return std::log(x); }, 4, 0},
        {EMBER_UNARY_LOG1P, "log1p", -0.9, 10, [](double x) { return std::log1p(x); }, 4, 0},
        {EMBER_UNARY_LOG2, "log2", 0.01, 100, [](double x) { return std::log2(x); }, 4, 0},
        {EMBER_UNARY_SQRT, "sqrt", 0, 100, [](double x) { return std::sqrt(x); }, 1, 0},
        {EMBER_UNARY_RSQRT, "rsqrt", 0.01, 100, [](double x) { return 1.0 / std::sqrt(x); }, 4, 0},
        {EMBER_UNARY_RECIPROCAL, "reciprocal", 0.1, 10, [](double x) { return 1.0 / x; }, 1, 0},
        {EMBER_UNARY_SIN, "sin", -6, 6, [](double x) { return std::sin(x); }, 4, 1e-7},
        {EMBER_UNARY_COS, "cos", -6, 6, [](double x) { return std::cos(x); }, 4, 1e-7},
        {EMBER_UNARY_TAN, "tan", -1.4, 1.4, [](double x) { return std::tan(x); }, 4, 0},
        {EMBER_UNARY_TANH, "tanh", -6, 6, [](double x) { return std::tanh(x); }, 4, 0},
        {EMBER_UNARY_SIGMOID, "sigmoid", -12, 12, sigmoid, 4, 0},
        {EMBER_UNARY_RELU, "relu", -5, 5, [](double x) { return std::isnan(x) || x > 0 ? x : 0.0; }, 0, 0},
        {EMBER_UNARY_GELU, "gelu", -5, 5, erf_gelu, 4, 4e-7},
        {EMBER_UNARY_GELU_TANH, "gelu_tanh", -5, 5, tanh_gelu, 4, 4e-7},
        {EMBER_UNARY_SILU, "silu", -8, 8, [](double x) { return x * sigmoid(x); }, 4, 1e-7},
        {EMBER_UNARY_ERF, "erf", -3, 3, [](double x) { return std::erf(x); }, 4, 0},
        {EMBER_UNARY_FLOOR, "floor", -50, 50, [](double x) { return std::floor(x); }, 0, 0},
        {EMBER_UNARY_CEIL, "ceil", -50, 50, [](double x) { return std::ceil(x); }, 0, 0},
        {EMBER_UNARY_ROUND, "round", -50, 50, [](double x) { return std::nearbyint(x); }, 0, 0},
        {EMBER_UNARY_TRUNC, "trunc", -50, 50, [](double x) { return std::trunc(x); }, 0, 0},
        {EMBER_UNARY_LOG10, "log10", 0.01, 100, [](double x) { return std::log10(x); }, 4, 0},
        {EMBER_UNARY_EXP2, "exp2", -20, 20, [](double x) { return std::exp2(x); }, 4, 0},
        {EMBER_UNARY_ASIN, "asin", -1, 1, [](double x) { return std::asin(x); }, 4, 0},
        {EMBER_UNARY_ACOS, "acos", -1, 1, [](double x) { return std::acos(x); }, 4, 0},
        {EMBER_UNARY_ATAN, "atan", -20, 20, [](double x) { return std::atan(x); }, 4, 0},
        {EMBER_UNARY_SINH, "sinh", -8, 8, [](double x) { return std::sinh(x); }, 4, 0},
        {EMBER_UNARY_COSH, "cosh", -8, 8, [](double x) { return std::cosh(x); }, 4, 0},
        {EMBER_UNARY_ERFC, "erfc", -3, 3.5, [](double x) { return std::erfc(x); }, 4, 0},
        {EMBER_UNARY_SQUARE, "square", -30, 30, [](double x) { return x * x; }, 0, 0},
    };
    return refs;
}

double ulp_of(double r, ember_dtype d) {
    double a = std::fabs(r);
    switch (d) {
        case EMBER_DTYPE_FLOAT64: return std::nextafter(a, INFINITY) - a;
        case EMBER_DTYPE_FLOAT32: return ulp_f32(a);
        case EMBER_DTYPE_FLOAT16: return std::ldexp(1.0, std::max(std::ilogb(std::max(a, 6.2e-5)), -14) - 10);
        default: return std::ldexp(1.0, std::ilogb(std::max(a, 1e-30)) - 7);  // bfloat16
    }
}

// The value an input has once stored in dtype d.
double as_stored(double v, ember_dtype d) {
    unsigned char buf[8];
    store(d, buf, v);
    return load(d, buf);
}

bool close_enough(double got, double ref, ember_dtype d, double ulps, double atol) {
    if (std::isnan(ref)) return std::isnan(got);
    if (std::isinf(ref)) return got == ref;
    double tol = atol;
    if (d == EMBER_DTYPE_FLOAT64) tol *= 1e-8;  // atol is stated for float32 results
    if (d == EMBER_DTYPE_FLOAT16 || d == EMBER_DTYPE_BFLOAT16) {
        // computed in float32, then rounded: one unit of the 16-bit format plus the float32 error
        return std::fabs(got - ref) <= ulp_of(ref, d) + 8 * ulp_f32(ref) + atol * 8;
    }
    return std::fabs(got - ref) <= ulps * ulp_of(ref, d) + tol;
}

// Runs op on x of dtype d (contiguous, or every `step`-th element of a larger blob) and checks every
// element against the reference. Returns the number of mismatches reported (at most a few).
int check_unary(const UnaryRef &u, ember_dtype d, int64_t n, int64_t step) {
    std::vector<double> xs = inputs(n, u.lo, u.hi, static_cast<uint32_t>(n * 31 + u.op));
    for (auto &x : xs) x = as_stored(x, d);
    Tensor x;
    std::vector<unsigned char> blob;
    if (step == 1) {
        x = make(d, {n}, xs);
    } else {
        size_t es = dtype_size(d);
        blob.assign(static_cast<size_t>(n * step) * es, 0);
        for (int64_t i = 0; i < n; ++i) store(d, blob.data() + static_cast<size_t>(i * step) * es, xs[static_cast<size_t>(i)]);
        int64_t stride = step;
        EXPECT_EQ(ember_from_blob(blob.data(), &n, &stride, 1, d, kCpu, nullptr, nullptr, x.put()), EMBER_OK);
    }
    Tensor r;
    ember_status s = ember_unary(u.op, x, nullptr, r.put());
    EXPECT_EQ(s, EMBER_OK) << u.name << " " << dtype_name(d) << ": " << ember_last_error_message();
    if (s != EMBER_OK) return 1;
    EXPECT_EQ(dtype_of(r), d);
    std::vector<double> got = values_of(r);
    int bad = 0;
    for (int64_t i = 0; i < n && bad < 3; ++i) {
        double ref = as_stored(u.f(xs[static_cast<size_t>(i)]), d == EMBER_DTYPE_FLOAT64 ? d : EMBER_DTYPE_FLOAT32);
        if (d == EMBER_DTYPE_FLOAT64) ref = u.f(xs[static_cast<size_t>(i)]);
        double g = got[static_cast<size_t>(i)];
        bool ok = u.ulps == 0 && d != EMBER_DTYPE_FLOAT16 && d != EMBER_DTYPE_BFLOAT16
                      ? (g == ref || (std::isnan(g) && std::isnan(ref)))
                      : close_enough(g, ref, d, u.ulps, u.atol);
        if (d == EMBER_DTYPE_FLOAT16 || d == EMBER_DTYPE_BFLOAT16) {
            double ref16 = as_stored(ref, d);
            if (u.ulps == 0 || std::isinf(ref16)) ok = g == ref16 || (std::isnan(g) && std::isnan(ref16));
        }
        if (!ok) {
            ++bad;
            ADD_FAILURE() << u.name << " " << dtype_name(d) << " n=" << n << " step=" << step << " i=" << i
                          << ": x=" << xs[static_cast<size_t>(i)] << " got " << g << " expected " << ref << " ("
                          << (g - ref) / ulp_of(ref, d) << " ulp) [isa " << ember_cpu_isa() << "]";
        }
    }
    return bad;
}

}  // namespace

TEST(Isa, ActiveKernelSetMatchesRequest) {
    const char *req = std::getenv("EMBER_CPU_ISA");
    std::string active = ember_cpu_isa();
    if (!req || !*req) GTEST_SKIP() << "EMBER_CPU_ISA not set; active kernel set: " << active;
    if (active == req) return;
    // Not taken: the runtime must say why in a warning once a logger is attached.
    std::string warning;
    auto cb = [](ember_log_level level, const char *m, void *user) {
        if (level == EMBER_LOG_WARNING) *static_cast<std::string *>(user) += m;
    };
    ASSERT_EMBER_OK(ember_set_log_callback(cb, &warning, EMBER_LOG_WARNING));
    ASSERT_EMBER_OK(ember_set_log_callback(nullptr, nullptr, EMBER_LOG_NONE));
    ASSERT_NE(warning.find("EMBER_CPU_ISA"), std::string::npos)
        << "requested " << req << ", got " << active << " without a warning";
    GTEST_SKIP() << warning;
}

TEST(Isa, UnaryFloat32AllSizesContiguous) {
    for (const UnaryRef &u : unary_refs())
        for (int64_t n : test_sizes())
            if (check_unary(u, EMBER_DTYPE_FLOAT32, n, 1) > 0) break;
}

TEST(Isa, UnaryFloat32Strided) {
    for (const UnaryRef &u : unary_refs())
        for (int64_t n : {1, 7, 16, 17, 33, 67, 5000})
            if (check_unary(u, EMBER_DTYPE_FLOAT32, n, 3) > 0) break;
}

TEST(Isa, UnaryFloat64AllSizes) {
    for (const UnaryRef &u : unary_refs())
        for (int64_t n : {1, 2, 3, 5, 8, 9, 15, 16, 17, 31, 33, 67, 4099})
            if (check_unary(u, EMBER_DTYPE_FLOAT64, n, 1) > 0 || check_unary(u, EMBER_DTYPE_FLOAT64, n, 2) > 0) break;
}

TEST(Isa, UnaryHalfAndBFloat16) {
    for (ember_dtype d : {EMBER_DTYPE_FLOAT16, EMBER_DTYPE_BFLOAT16})
        for (const UnaryRef &u : unary_refs())
            for (int64_t n : {1, 7, 8, 9, 16, 17, 31, 33, 67, d == EMBER_DTYPE_FLOAT16 ? 33000 : 300})
                if (check_unary(u, d, n, 1) > 0 || (n < 100 && check_unary(u, d, n, 2) > 0)) break;
}

TEST(Isa, UnarySpecialValues) {
    // NaN, ±inf and ±0 in every lane position of a vector body and in the tail
    const double specials[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, 1.0, -1.0, 88.5, -88.5, 1e-40};
    for (const UnaryRef &u : unary_refs()) {
        for (int64_t n : {5, 21, 37}) {
            std::vector<double> xs(static_cast<size_t>(n));
            for (int64_t i = 0; i < n; ++i) xs[static_cast<size_t>(i)] = specials[i % 10];
            for (auto &x : xs) x = as_stored(x, EMBER_DTYPE_FLOAT32);
            Tensor x = make(EMBER_DTYPE_FLOAT32, {n}, xs), r;
            ASSERT_EMBER_OK(ember_unary(u.op, x, nullptr, r.put()));
            std::vector<double> got = values_of(r);
            for (int64_t i = 0; i < n; ++i) {
                double xi = xs[static_cast<size_t>(i)];
                if (u.op == EMBER_UNARY_SIGN && std::isnan(xi)) continue;  // sign(NaN): see the fixtures
                double ref = as_stored(u.f(xi), EMBER_DTYPE_FLOAT32);
                double g = got[static_cast<size_t>(i)];
                bool ok = (std::isnan(ref) && std::isnan(g)) || (std::isinf(ref) && g == ref) ||
                          (std::isfinite(ref) && close_enough(g, ref, EMBER_DTYPE_FLOAT32, std::max(u.ulps, 4.0), u.atol));
                EXPECT_TRUE(ok) << u.name << "(" << xi << ") = " << g << ", expected " << ref << " at i=" << i
                                << " of " << n << " [isa " << ember_cpu_isa() << "]";
            }
        }
    }
}

namespace {

struct BinaryRef {
    ember_binary_op op;
    const char *name;
    double alo, ahi, blo, bhi;
    std::function<double(double, double)> f;
    double ulps;
};

double py_floor_div(double a, double b) { return std::floor(a / b); }
double py_remainder(double a, double b) {
    double m = std::fmod(a, b);
    if (m != 0 && ((b < 0) != (m < 0))) m += b;
    return m;
}

const std::vector<BinaryRef> &binary_refs() {
    static const std::vector<BinaryRef> refs = {
        {EMBER_BINARY_ADD, "add", -100, 100, -100, 100, [](double a, double b) { return a + b; }, 0},
        {EMBER_BINARY_SUB, "sub", -100, 100, -100, 100, [](double a, double b) { return a - b; }, 0},
        {EMBER_BINARY_MUL, "mul", -100, 100, -100, 100, [](double a, double b) { return a * b; }, 0},
        {EMBER_BINARY_DIV, "div", -100, 100, 0.5, 50, [](double a, double b) { return a / b; }, 0},
        {EMBER_BINARY_POW, "pow", 0.1, 10, -3, 3, [](double a, double b) { return std::pow(a, b); }, 4},
        {EMBER_BINARY_ATAN2, "atan2", -10, 10, -10, 10, [](double a, double b) { return std::atan2(a, b); }, 4},
        {EMBER_BINARY_MAXIMUM, "maximum", -10, 10, -10, 10, [](double a, double b) { return std::max(a, b); }, 0},
        {EMBER_BINARY_MINIMUM, "minimum", -10, 10, -10, 10, [](double a, double b) { return std::min(a, b); }, 0},
        {EMBER_BINARY_FMOD, "fmod", -50, 50, 1, 7, [](double a, double b) { return std::fmod(a, b); }, 0},
        {EMBER_BINARY_REMAINDER, "remainder", -50, 50, -7, -1, py_remainder, 0},
        {EMBER_BINARY_DIV_FLOOR, "div_floor", -50, 50, 1, 7, py_floor_div, 0},
        {EMBER_BINARY_DIV_TRUNC, "div_trunc", -50, 50, -7, -1, [](double a, double b) { return std::trunc(a / b); }, 0},
        {EMBER_BINARY_LT, "lt", -3, 3, -3, 3, [](double a, double b) { return a < b ? 1.0 : 0.0; }, 0},
        {EMBER_BINARY_EQ, "eq", -3, 3, -3, 3, [](double a, double b) { return a == b ? 1.0 : 0.0; }, 0},
    };
    return refs;
}

// b either a full tensor, a broadcast 0-dim tensor (a stride-0 operand) or a wrapped scalar.
enum class BMode { Tensor, ZeroDim, Scalar };

void check_binary(const BinaryRef &op, ember_dtype d, int64_t n, BMode mode) {
    std::vector<double> as = inputs(n, op.alo, op.ahi, static_cast<uint32_t>(n * 7 + op.op));
    std::vector<double> bs = inputs(mode == BMode::Tensor ? n : 1, op.blo, op.bhi, static_cast<uint32_t>(n * 13 + op.op));
    bool integral = !is_floating(d);
    for (auto &v : as) v = integral ? std::trunc(v) : as_stored(v, d);
    for (auto &v : bs) v = integral ? std::trunc(v) : as_stored(v, d);
    for (auto &v : bs)
        if (integral && v == 0) v = 1;
    // equality needs hits: copy some a values into b
    if (op.op == EMBER_BINARY_EQ && mode == BMode::Tensor)
        for (size_t i = 0; i < bs.size(); i += 3) bs[i] = as[i];
    Tensor a = make(d, {n}, as), b, r;
    ember_status s;
    if (mode == BMode::Scalar) {
        ember_scalar sc = integral ? sint(static_cast<int64_t>(bs[0])) : sfloat(bs[0]);
        s = ember_binary_scalar(op.op, a, sc, false, nullptr, r.put());
    } else {
        b = mode == BMode::Tensor ? make(d, {n}, bs) : make(d, {}, bs);
        s = ember_binary(op.op, a, b, nullptr, r.put());
    }
    ASSERT_EQ(s, EMBER_OK) << op.name << " " << dtype_name(d) << ": " << ember_last_error_message();
    ember_dtype rd = dtype_of(r);
    std::vector<double> got = values_of(r);
    int bad = 0;
    for (int64_t i = 0; i < n && bad < 3; ++i) {
        double av = as[static_cast<size_t>(i)], bv = bs[mode == BMode::Tensor ? static_cast<size_t>(i) : 0];
        double ref = op.f(av, bv);
        if (is_floating(rd) && rd != EMBER_DTYPE_FLOAT64) ref = as_stored(ref, rd == EMBER_DTYPE_FLOAT32 ? rd : EMBER_DTYPE_FLOAT32);
        if (integral && op.op == EMBER_BINARY_DIV_TRUNC) ref = std::trunc(av / bv);
        double g = got[static_cast<size_t>(i)];
        bool ok;
        if (rd == EMBER_DTYPE_FLOAT16 || rd == EMBER_DTYPE_BFLOAT16)
            ok = op.ulps == 0 ? g == as_stored(ref, rd) : close_enough(g, ref, rd, op.ulps, 0);
        else if (op.ulps == 0 || !is_floating(rd))
            ok = g == ref;
        else
            ok = close_enough(g, ref, rd, op.ulps, 0);
        if (!ok) {
            ++bad;
            ADD_FAILURE() << op.name << " " << dtype_name(d) << " n=" << n << " mode=" << static_cast<int>(mode)
                          << " i=" << i << ": " << av << ", " << bv << " -> " << g << ", expected " << ref << " [isa "
                          << ember_cpu_isa() << "]";
        }
    }
}

}  // namespace

TEST(Isa, BinaryAllDtypesSizesAndOperandKinds) {
    const ember_dtype dtypes[] = {EMBER_DTYPE_FLOAT32, EMBER_DTYPE_FLOAT64, EMBER_DTYPE_INT32, EMBER_DTYPE_INT64,
                                  EMBER_DTYPE_INT16,   EMBER_DTYPE_INT8,    EMBER_DTYPE_FLOAT16, EMBER_DTYPE_BFLOAT16};
    for (const BinaryRef &op : binary_refs())
        for (ember_dtype d : dtypes) {
            if (!is_floating(d) && (op.op == EMBER_BINARY_POW || op.op == EMBER_BINARY_ATAN2 || op.op == EMBER_BINARY_DIV))
                continue;  // float results from ints are covered by the fixtures
            if ((d == EMBER_DTYPE_INT8 || d == EMBER_DTYPE_INT16) &&
                (op.op == EMBER_BINARY_MUL || op.op == EMBER_BINARY_ADD || op.op == EMBER_BINARY_SUB))
                continue;  // would overflow the dtype; wrapping is covered by the fixtures
            for (int64_t n : {1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 67})
                for (BMode m : {BMode::Tensor, BMode::ZeroDim, BMode::Scalar}) check_binary(op, d, n, m);
            if (d == EMBER_DTYPE_FLOAT32 || d == EMBER_DTYPE_INT32) {
                check_binary(op, d, 40000, BMode::Tensor);  // split across threads
                check_binary(op, d, 40000, BMode::ZeroDim);
            }
        }
}

TEST(Isa, CastEveryPairAllSizes) {
    // Values every dtype holds exactly, so every conversion is defined and exact.
    for (ember_dtype from : kAllDtypes)
        for (ember_dtype to : kAllDtypes)
            for (int64_t n : {1, 5, 8, 15, 16, 17, 33, 64, 67, from == EMBER_DTYPE_FLOAT32 ? 40000 : 100}) {
                std::vector<double> v(static_cast<size_t>(n));
                for (int64_t i = 0; i < n; ++i)
                    v[static_cast<size_t>(i)] = from == EMBER_DTYPE_BOOL || to == EMBER_DTYPE_BOOL
                                                    ? static_cast<double>(i % 3 == 0)
                                                    : static_cast<double>((i * 7) % 100);
                Tensor x = make(from, {n}, v), r;
                ASSERT_EMBER_OK(ember_cast(x, to, r.put()));
                ASSERT_EQ(values_of(r), v) << dtype_name(from) << " -> " << dtype_name(to) << " n=" << n << " [isa "
                                           << ember_cpu_isa() << "]";
            }
}

TEST(Isa, FloatToIntTruncatesAndHalfRounds) {
    for (int64_t n : {3, 16, 17, 35}) {
        std::vector<double> v(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = (i % 2 ? -1.0 : 1.0) * (0.75 + static_cast<double>(i));
        Tensor x = make(EMBER_DTYPE_FLOAT32, {n}, v), r;
        ASSERT_EMBER_OK(ember_cast(x, EMBER_DTYPE_INT32, r.put()));
        std::vector<double> got = values_of(r);
        for (int64_t i = 0; i < n; ++i) EXPECT_EQ(got[static_cast<size_t>(i)], std::trunc(v[static_cast<size_t>(i)]));
        // float32 -> float16 / bfloat16 rounds to nearest even
        std::vector<double> w(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) w[static_cast<size_t>(i)] = 1.0 + (2 * i + 1) * std::ldexp(1.0, -11);
        Tensor y = make(EMBER_DTYPE_FLOAT32, {n}, w), h, b;
        ASSERT_EMBER_OK(ember_cast(y, EMBER_DTYPE_FLOAT16, h.put()));
        ASSERT_EMBER_OK(ember_cast(y, EMBER_DTYPE_BFLOAT16, b.put()));
        std::vector<double> gh = values_of(h), gb = values_of(b);
        for (int64_t i = 0; i < n; ++i) {
            EXPECT_EQ(gh[static_cast<size_t>(i)], as_stored(w[static_cast<size_t>(i)], EMBER_DTYPE_FLOAT16)) << i;
            EXPECT_EQ(gb[static_cast<size_t>(i)], as_stored(w[static_cast<size_t>(i)], EMBER_DTYPE_BFLOAT16)) << i;
        }
    }
}

TEST(Isa, PointwiseOpsAllSizes) {
    for (int64_t n : {1, 7, 16, 17, 33, 67, 40000}) {
        std::vector<double> xs = inputs(n, -30, 30, static_cast<uint32_t>(n));
        for (auto &x : xs) x = as_stored(x, EMBER_DTYPE_FLOAT32);
        Tensor x = make_f32({n}, xs), r;
        ASSERT_EMBER_OK(ember_softplus(x, 1.0, 20.0, nullptr, r.put()));
        std::vector<double> g = values_of(r);
        for (int64_t i = 0; i < n; ++i) {
            double xi = xs[static_cast<size_t>(i)];
            double ref = xi > 20 ? xi : std::log1p(std::exp(xi));
            ASSERT_TRUE(close_enough(g[static_cast<size_t>(i)], as_stored(ref, EMBER_DTYPE_FLOAT32), EMBER_DTYPE_FLOAT32, 8, 1e-7))
                << "softplus(" << xi << ") = " << g[static_cast<size_t>(i)] << " expected " << ref << " n=" << n;
        }
        ASSERT_EMBER_OK(ember_leaky_relu(x, 0.125, nullptr, r.put()));
        g = values_of(r);
        for (int64_t i = 0; i < n; ++i) {
            double xi = xs[static_cast<size_t>(i)];
            ASSERT_EQ(g[static_cast<size_t>(i)], xi > 0 ? xi : xi * 0.125) << "leaky_relu n=" << n;
        }
        ember_scalar lo = sfloat(-2.5), hi = sfloat(3.25);
        ASSERT_EMBER_OK(ember_clamp_scalar(x, &lo, &hi, nullptr, r.put()));
        g = values_of(r);
        for (int64_t i = 0; i < n; ++i)
            ASSERT_EQ(g[static_cast<size_t>(i)], std::min(3.25, std::max(-2.5, xs[static_cast<size_t>(i)])));
        Tensor end = make_f32({n}, std::vector<double>(static_cast<size_t>(n), 10.0)), w;
        ASSERT_EMBER_OK(ember_scalar_tensor(sfloat(0.25), EMBER_DTYPE_UNDEFINED, kCpu, w.put()));
        ASSERT_EMBER_OK(ember_lerp(x, end, w, nullptr, r.put()));
        g = values_of(r);
        for (int64_t i = 0; i < n; ++i) {
            double xi = xs[static_cast<size_t>(i)];
            double ref = xi + 0.25 * (10.0 - xi);
            ASSERT_TRUE(close_enough(g[static_cast<size_t>(i)], ref, EMBER_DTYPE_FLOAT32, 2, 1e-6)) << "lerp " << xi;
        }
        std::vector<double> mv = inputs(n, 0, 2, 5);
        for (auto &v : mv) v = std::floor(v);
        Tensor mask = make(EMBER_DTYPE_BOOL, {n}, mv), fill;
        ASSERT_EMBER_OK(ember_masked_fill(x, mask, sfloat(-7.0), nullptr, fill.put()));
        std::vector<double> m = values_of(mask), gf = values_of(fill);
        for (int64_t i = 0; i < n; ++i)
            ASSERT_EQ(gf[static_cast<size_t>(i)], m[static_cast<size_t>(i)] != 0 ? -7.0 : xs[static_cast<size_t>(i)]);
    }
}

TEST(Isa, ReductionsAllSizes) {
    EMBER_REQUIRE(ember_reduce);
    for (int64_t n : {1, 2, 7, 15, 16, 17, 31, 33, 63, 64, 65, 67, 1000, 70001}) {
        std::vector<double> xs = inputs(n, -2, 2, static_cast<uint32_t>(n * 3));
        for (auto &x : xs) x = as_stored(x, EMBER_DTYPE_FLOAT32);
        Tensor x = make_f32({n}, xs), r;
        double sum = 0, mx = -INFINITY, mn = INFINITY, abssum = 0;
        for (double v : xs) {
            sum += v;
            abssum += std::fabs(v);
            mx = std::max(mx, v);
            mn = std::min(mn, v);
        }
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_SUM, x, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_NEAR(values_of(r)[0], sum, 2e-6 * abssum + 1e-6) << "sum n=" << n << " [isa " << ember_cpu_isa() << "]";
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_MEAN, x, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_NEAR(values_of(r)[0], sum / static_cast<double>(n), 2e-6 * abssum / static_cast<double>(n) + 1e-7)
            << "mean n=" << n;
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_AMAX, x, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_EQ(values_of(r)[0], mx) << "amax n=" << n;
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_AMIN, x, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_EQ(values_of(r)[0], mn) << "amin n=" << n;
        // a NaN anywhere wins amax and sum
        std::vector<double> with_nan = xs;
        with_nan[static_cast<size_t>(n / 2)] = NAN;
        Tensor y = make_f32({n}, with_nan);
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_AMAX, y, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_TRUE(std::isnan(values_of(r)[0])) << "amax with NaN at " << n / 2 << " of " << n;
        ASSERT_EMBER_OK(ember_reduce(EMBER_REDUCE_AMIN, y, nullptr, 0, false, EMBER_DTYPE_UNDEFINED, r.put()));
        EXPECT_TRUE(std::isnan(values_of(r)[0])) << "amin with NaN at " << n / 2 << " of " << n;
    }
}

// Three rows, and 8 MiB of rows split across threads: widths whose rows start at every
// alignment, and widths longer than the kernel's row buffer (1024).
TEST(Isa, SoftmaxRowsAllWidths) {
    EMBER_REQUIRE(ember_softmax);
    const int64_t stream_elements = (int64_t(8) << 20) / 4;
    for (int64_t w : {1, 3, 8, 15, 16, 17, 33, 67, 1000, 1024, 1029, 3000})
    for (int64_t rows : {int64_t{3}, (stream_elements + w - 1) / w}) {
        std::vector<double> xs = inputs(rows * w, -5, 5, static_cast<uint32_t>(w));
        for (auto &x : xs) x = as_stored(x, EMBER_DTYPE_FLOAT32);
        Tensor x = make_f32({rows, w}, xs), r;
        ASSERT_EMBER_OK(ember_softmax(x, 1, EMBER_DTYPE_UNDEFINED, r.put()));
        std::vector<double> g = values_of(r);
        for (int64_t row = 0; row < rows; row += rows > 3 ? 997 : 1) {
            double mx = -INFINITY, z = 0;
            for (int64_t j = 0; j < w; ++j) mx = std::max(mx, xs[static_cast<size_t>(row * w + j)]);
            for (int64_t j = 0; j < w; ++j) z += std::exp(xs[static_cast<size_t>(row * w + j)] - mx);
            for (int64_t j = 0; j < w; ++j) {
                double ref = std::exp(xs[static_cast<size_t>(row * w + j)] - mx) / z;
                ASSERT_NEAR(g[static_cast<size_t>(row * w + j)], ref, 1e-6 * ref + 1e-9)
                    << "softmax width " << w << " rows " << rows << " [isa " << ember_cpu_isa() << "]";
            }
        }
    }
}

// The softmax rows' exponential over its whole range, on the vector path (rows of 64): results
// within a few ulp of the double reference, denormal results included, and 0 past the range.
TEST(Isa, SoftmaxExponentialRangeAndSpecialValues) {
    EMBER_REQUIRE(ember_softmax);
    const int64_t w = 64, rows = 400;
    std::vector<double> xs(static_cast<size_t>(rows * w));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < w; ++j)  // row r spans [-r * 0.4 - 63 * 0.0173, 0]: -160 at the end
            xs[static_cast<size_t>(r * w + j)] = j == 0 ? 0.0 : as_stored(-0.4 * r - 0.0173 * j * (1 + r % 7), EMBER_DTYPE_FLOAT32);
    Tensor x = make_f32({rows, w}, xs), sm, lsm;
    ASSERT_EMBER_OK(ember_softmax(x, 1, EMBER_DTYPE_UNDEFINED, sm.put()));
    ASSERT_EMBER_OK(ember_log_softmax(x, 1, EMBER_DTYPE_UNDEFINED, lsm.put()));
    std::vector<double> g = values_of(sm), lg = values_of(lsm);
    for (int64_t r = 0; r < rows; ++r) {
        double z = 0;
        for (int64_t j = 0; j < w; ++j) z += std::exp(xs[static_cast<size_t>(r * w + j)]);
        for (int64_t j = 0; j < w; ++j) {
            const size_t k = static_cast<size_t>(r * w + j);
            const double ref = static_cast<double>(static_cast<float>(std::exp(xs[k]) / z));
            const double tol = ref >= 1.17549435e-38 ? 6e-7 * ref : 2.9e-45;  // ~5 ulp, or 2 denormal steps
            ASSERT_NEAR(g[k], ref, tol) << "softmax of " << xs[k] << " row " << r << " col " << j << " [isa " << ember_cpu_isa() << "]";
            ASSERT_NEAR(lg[k], xs[k] - std::log(z), 2e-6 * std::max(1.0, std::fabs(lg[k])))
                << "log_softmax of " << xs[k] << " [isa " << ember_cpu_isa() << "]";
        }
    }
    // PyTorch's results for rows with infinities and NaN (the row repeated to 40 elements).
    const double inf = INFINITY, nan = NAN;
    struct Case { double a, b, sa, sb, la, lb; };
    for (Case c : {Case{inf, 1, nan, nan, nan, nan}, Case{-inf, 1, 0, 0.05, -inf, -2.995732307434082},
                   Case{-inf, -inf, nan, nan, nan, nan}, Case{nan, 1, nan, nan, nan, nan},
                   Case{-104, 0, 0, 0.05, -106.99573516845703, -2.995732307434082}}) {
        std::vector<double> v(40);
        for (size_t i = 0; i < v.size(); ++i) v[i] = i % 2 ? c.b : c.a;
        Tensor t = make_f32({40}, v), s, l;
        ASSERT_EMBER_OK(ember_softmax(t, 0, EMBER_DTYPE_UNDEFINED, s.put()));
        ASSERT_EMBER_OK(ember_log_softmax(t, 0, EMBER_DTYPE_UNDEFINED, l.put()));
        std::vector<double> sv = values_of(s), lv = values_of(l);
        auto same = [](double got, double want) {
            return std::isnan(want) ? std::isnan(got) : std::isinf(want) ? got == want : std::fabs(got - want) <= 1e-6 * std::fabs(want) + 1e-12;
        };
        for (size_t i = 0; i < 2; ++i) {
            EXPECT_TRUE(same(sv[i], i ? c.sb : c.sa)) << "softmax of [" << c.a << ", " << c.b << "] gave " << sv[i] << " [isa " << ember_cpu_isa() << "]";
            EXPECT_TRUE(same(lv[i], i ? c.lb : c.la)) << "log_softmax of [" << c.a << ", " << c.b << "] gave " << lv[i] << " [isa " << ember_cpu_isa() << "]";
        }
    }
}

// Outputs of 32 MiB and more are streamed out (cpu/kernels/loops.h): results as plain stores
// give them, with an odd length and with an output that does not start on a cache line.
TEST(Isa, LargeBinaryOutputsAreStreamedExactly) {
    EMBER_REQUIRE(ember_binary);
    const int64_t n = (int64_t{32} << 20) / 4 + 37;
    auto arange = [](int64_t count, ember_dtype dtype) {
        Tensor t;
        EXPECT_EQ(ember_arange(ember_scalar{EMBER_SCALAR_INT, 0, 0}, ember_scalar{EMBER_SCALAR_INT, count, 0},
                               ember_scalar{EMBER_SCALAR_INT, 1, 0}, dtype, kCpu, t.put()),
                  EMBER_OK);
        return t;
    };
    for (ember_dtype dtype : {EMBER_DTYPE_FLOAT32, EMBER_DTYPE_INT64}) {
        Tensor a = arange(n, dtype), b = arange(n, dtype), big = arange(n + 1, dtype), out, r, r2;
        ASSERT_EMBER_OK(ember_narrow(big, 0, 1, n, out.put()));  // one element past a cache line start
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, a, b, out, r.put()));
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r2.put()));
        std::vector<double> sum = values_of(out), prod = values_of(r2);
        for (int64_t i = 0; i < n; i += (i < 100 || i > n - 100) ? 1 : 9973) {
            const double x = dtype == EMBER_DTYPE_FLOAT32 ? static_cast<double>(static_cast<float>(i)) : static_cast<double>(i);
            ASSERT_EQ(sum[static_cast<size_t>(i)], dtype == EMBER_DTYPE_FLOAT32 ? static_cast<double>(static_cast<float>(2 * x)) : 2 * x)
                << "add at " << i << " [isa " << ember_cpu_isa() << "]";
            ASSERT_EQ(prod[static_cast<size_t>(i)], dtype == EMBER_DTYPE_FLOAT32 ? static_cast<double>(static_cast<float>(x * x)) : x * x)
                << "mul at " << i << " [isa " << ember_cpu_isa() << "]";
        }
        ASSERT_EQ(values_of(big)[0], 0.0) << "the element before the output is untouched";
    }
}
