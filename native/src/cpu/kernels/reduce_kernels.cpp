// CPU kernels for the reductions of ops/reduce.h, as ops for the driver in reduce_loops.h.
// Accumulation follows PyTorch's CPU kernels: floating sums, products and norms in opmath (float
// for float32 and the 16-bit floats, double for float64), var/std in double, integer and bool
// sums and products in 64-bit wrapping arithmetic (then truncated to the result dtype, as
// PyTorch's int64 accumulation followed by a cast).
#include <cmath>
#include <limits>
#include <type_traits>

#include "cpu/kernels/reduce_loops.h"
#include "cpu/kernels/register.h"
#include "cpu/kernels/vecmath.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

using reduce::OutPtrs;

// Sums and products of integers and bool wrap in uint64 (no undefined signed overflow).
template <typename T>
using wide_acc_t = std::conditional_t<is_floating_v<T>, opmath_t<T>, uint64_t>;

// The value of an accumulator in the output type T.
template <typename T, typename A>
inline T narrow(A a) {
    if constexpr (std::is_same_v<T, bool>) return a != A(0);
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<int64_t>(a));
    else return static_cast<T>(a);
}

template <typename T>
inline void store(char *p, T v) { *reinterpret_cast<T *>(p) = v; }

template <typename T>
struct SumOp {
    using value_t = opmath_t<T>;
    using acc_t = wide_acc_t<T>;
    acc_t identity() const { return acc_t(0); }
    acc_t step(acc_t a, value_t x, int64_t) const { return a + static_cast<acc_t>(x); }
    acc_t combine(acc_t a, acc_t b) const { return a + b; }
    void write(const OutPtrs &out, acc_t a) const { store<T>(out[0], narrow<T>(a)); }
};

// PyTorch's CPU mean is sum(...) in the result dtype, then divided by N in that dtype.
template <typename T>
struct MeanOp : SumOp<T> {
    int64_t n;
    void write(const OutPtrs &out, typename SumOp<T>::acc_t a) const {
        using M = opmath_t<T>;
        store<T>(out[0], static_cast<T>(static_cast<M>(narrow<T>(a)) / static_cast<M>(n)));
    }
};

template <typename T>
struct ProdOp {
    using value_t = opmath_t<T>;
    using acc_t = wide_acc_t<T>;
    acc_t identity() const { return acc_t(1); }
    acc_t step(acc_t a, value_t x, int64_t) const { return a * static_cast<acc_t>(x); }
    acc_t combine(acc_t a, acc_t b) const { return a * b; }
    void write(const OutPtrs &out, acc_t a) const { store<T>(out[0], narrow<T>(a)); }
};

template <typename M>
inline bool is_nan(M x) {
    if constexpr (std::is_floating_point_v<M>) return x != x;
    else return false;
}

// max/min that propagate NaN, branch-free so that the lanes vectorise.
template <bool IsMax, typename M>
inline M pick(M a, M x) {
    bool take = IsMax ? x > a : x < a;
    return (take || is_nan(x)) ? x : a;
}

template <typename M, bool IsMax>
inline M extreme() {
    if constexpr (std::is_floating_point_v<M>)
        return IsMax ? -std::numeric_limits<M>::infinity() : std::numeric_limits<M>::infinity();
    else return IsMax ? std::numeric_limits<M>::lowest() : std::numeric_limits<M>::max();
}

template <typename T, bool IsMax>
struct MinMaxOp {
    using value_t = opmath_t<T>;
    using acc_t = value_t;
    acc_t identity() const { return extreme<acc_t, IsMax>(); }
    acc_t step(acc_t a, value_t x, int64_t) const { return pick<IsMax>(a, x); }
    acc_t combine(acc_t a, acc_t b) const { return pick<IsMax>(a, b); }
    void write(const OutPtrs &out, acc_t a) const { store<T>(out[0], static_cast<T>(a)); }
};

// all/any write 0 or 1 into a bool or uint8 output (both one byte).
template <typename T, bool IsAll>
struct AllAnyOp {
    using value_t = opmath_t<T>;
    using acc_t = uint8_t;
    acc_t identity() const { return IsAll ? 1 : 0; }
    acc_t step(acc_t a, value_t x, int64_t) const {
        uint8_t nz = x != value_t(0);
        return IsAll ? (a & nz) : (a | nz);
    }
    acc_t combine(acc_t a, acc_t b) const { return IsAll ? (a & b) : (a | b); }
    void write(const OutPtrs &out, acc_t a) const { store<uint8_t>(out[0], a); }
};

template <typename T>
struct CountNonzeroOp {
    using value_t = opmath_t<T>;
    using acc_t = uint64_t;
    acc_t identity() const { return 0; }
    acc_t step(acc_t a, value_t x, int64_t) const { return a + (x != value_t(0)); }
    acc_t combine(acc_t a, acc_t b) const { return a + b; }
    void write(const OutPtrs &out, acc_t a) const { store<int64_t>(out[0], static_cast<int64_t>(a)); }
};

// max/min with the index of the first occurrence; a NaN wins (the first NaN). combine does not
// depend on the order of its arguments, so lanes and leaves may be merged in any order.
template <typename T, bool IsMax>
struct ArgOp {
    using value_t = opmath_t<T>;
    struct acc_t {
        value_t v;
        int64_t i;
    };
    acc_t identity() const { return {extreme<value_t, IsMax>(), std::numeric_limits<int64_t>::max()}; }
    acc_t combine(acc_t a, acc_t b) const {
        const bool an = is_nan(a.v), bn = is_nan(b.v);
        if (an || bn) return an && bn ? (a.i < b.i ? a : b) : (an ? a : b);
        if (a.v != b.v) return (IsMax ? a.v > b.v : a.v < b.v) ? a : b;
        return a.i < b.i ? a : b;
    }
    acc_t step(acc_t a, value_t x, int64_t pos) const { return combine(a, acc_t{x, pos}); }
    // A contiguous run: its extreme value with vector lanes, then the first position holding it
    // (or the first NaN), searched a block at a time so that the search vectorises too.
    template <int L>
    void contig(acc_t *lanes, const value_t *p, int64_t n, int64_t pos) const {
        constexpr int64_t kBlock = 64;
        value_t m[kBlock];
        for (int64_t j = 0; j < kBlock; ++j) m[j] = extreme<value_t, IsMax>();
        int64_t i = 0;
        for (; i + kBlock <= n; i += kBlock)
            for (int64_t j = 0; j < kBlock; ++j) m[j] = pick<IsMax>(m[j], p[i + j]);
        for (int64_t j = 0; i + j < n; ++j) m[j] = pick<IsMax>(m[j], p[i + j]);
        for (int64_t w = kBlock / 2; w > 0; w /= 2)
            for (int64_t j = 0; j < w; ++j) m[j] = pick<IsMax>(m[j], m[j + w]);
        const value_t best = m[0];
        const bool nan = is_nan(best);
        auto hit = [&](value_t x) { return nan ? is_nan(x) : x == best; };
        int64_t k = 0;
        for (; k + kBlock <= n; k += kBlock) {
            bool any = false;
            for (int64_t j = 0; j < kBlock; ++j) any |= hit(p[k + j]);
            if (any) break;
        }
        while (k < n && !hit(p[k])) ++k;
        if (k < n) lanes[0] = combine(lanes[0], acc_t{best, pos + k});
    }
    void write(const OutPtrs &out, acc_t a) const {
        if (out[0]) store<T>(out[0], static_cast<T>(a.v));
        store<int64_t>(out[1], a.i);
    }
};

// Dispatches on the input dtype (restricted to Groups) and runs the one-pass op Make<T>.
template <unsigned Groups, template <typename> class Make, typename Init>
void dispatch(const ReduceGeometry &g, const char *name, const Init &init) {
    visit_dtype<Groups>(g.in_dtype, name, [&]<typename T>() {
        Make<T> op{};
        init(op);
        reduce::run<T>(g, op);
    });
}
inline constexpr auto kNoInit = [](auto &) {};

template <typename T> using MaxOp = MinMaxOp<T, true>;
template <typename T> using MinOp = MinMaxOp<T, false>;
template <typename T> using AllOp = AllAnyOp<T, true>;
template <typename T> using AnyOp = AllAnyOp<T, false>;
template <typename T> using ArgMaxOp = ArgOp<T, true>;
template <typename T> using ArgMinOp = ArgOp<T, false>;

void sum_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, SumOp>(g, "sum", kNoInit); }
void mean_kernel(const ReduceGeometry &g, const ReduceArgs &) {
    dispatch<kFloating, MeanOp>(g, "mean", [&](auto &op) { op.n = g.reduce_size; });
}
void prod_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, ProdOp>(g, "prod", kNoInit); }
void max_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, MaxOp>(g, "amax", kNoInit); }
void min_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, MinOp>(g, "amin", kNoInit); }
void all_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, AllOp>(g, "all", kNoInit); }
void any_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, AnyOp>(g, "any", kNoInit); }
void count_nonzero_kernel(const ReduceGeometry &g, const ReduceArgs &) {
    dispatch<kAll, CountNonzeroOp>(g, "count_nonzero", kNoInit);
}
void argmax_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, ArgMaxOp>(g, "argmax", kNoInit); }
void argmin_kernel(const ReduceGeometry &g, const ReduceArgs &) { dispatch<kAll, ArgMinOp>(g, "argmin", kNoInit); }

// ---- Two-pass reductions: logsumexp and var/std ----------------------------------------------

// sum(exp(x - m)); in column mode each output has its own m (ms[j]). Contiguous float runs go
// through the SLEEF exp of vecmath.h.
template <typename T>
struct SumExpOp {
    using value_t = opmath_t<T>;
    using acc_t = value_t;
    value_t m = 0;
    const value_t *ms = nullptr;
    acc_t identity() const { return 0; }
    acc_t step(acc_t a, value_t x, int64_t) const { return a + std::exp(x - m); }
    acc_t col_step(acc_t a, value_t x, int64_t j, int64_t) const { return a + std::exp(x - ms[j]); }
    acc_t combine(acc_t a, acc_t b) const { return a + b; }
    void column(acc_t *acc, const value_t *row, int64_t w, int64_t) const {
        value_t buf[reduce::kColumnWidth];
        for (int64_t j = 0; j < w; ++j) buf[j] = row[j] - ms[j];
        if constexpr (std::is_same_v<value_t, float>) vec::exp(buf, buf, w);
        else for (int64_t j = 0; j < w; ++j) buf[j] = std::exp(buf[j]);
        for (int64_t j = 0; j < w; ++j) acc[j] += buf[j];
    }
    template <int L>
    void contig(acc_t *lanes, const value_t *p, int64_t n, int64_t) const {
        if constexpr (std::is_same_v<value_t, float>) {
            float buf[reduce::kChunk];
            float acc[L];
            for (int j = 0; j < L; ++j) acc[j] = lanes[j];
            for (int64_t i = 0; i < n; i += reduce::kChunk) {
                const int64_t k = std::min(reduce::kChunk, n - i);
                for (int64_t c = 0; c < k; ++c) buf[c] = p[i + c] - m;
                vec::exp(buf, buf, k);
                int64_t c = 0;
                for (; c + L <= k; c += L)
                    for (int j = 0; j < L; ++j) acc[j] += buf[c + j];
                for (int j = 0; c + j < k; ++j) acc[j] += buf[c + j];
            }
            for (int j = 0; j < L; ++j) lanes[j] = acc[j];
        } else {
            for (int64_t i = 0; i < n; ++i) lanes[i % L] += std::exp(p[i] - m);
        }
    }
};

// PyTorch: log(sum(exp(x - m))) + m with m = amax(x), and m replaced by 0 where it is infinite
// (so that all -inf gives -inf and any +inf gives +inf rather than NaN).
template <typename T>
void logsumexp_typed(const ReduceGeometry &g) {
    using M = opmath_t<T>;
    const reduce::Plan plan = reduce::make_plan<T>(g);
    const MaxOp<T> max_op{};
    auto finite_or_zero = [](M m) { return std::isinf(m) ? M(0) : m; };
    if (plan.column) {
        reduce::for_each_column_block(plan, g, [&](const char *in, int64_t w, const OutPtrs &out) {
            M m[reduce::kColumnWidth], s[reduce::kColumnWidth];
            reduce::reduce_columns<T>(plan, g, max_op, in, w, m);
            for (int64_t j = 0; j < w; ++j) m[j] = finite_or_zero(m[j]);
            SumExpOp<T> sum_exp;
            sum_exp.ms = m;
            reduce::reduce_columns<T>(plan, g, sum_exp, in, w, s);
            for (int64_t j = 0; j < w; ++j)
                store<T>(reduce::column_out(g, out, j)[0], static_cast<T>(std::log(s[j]) + m[j]));
        });
    } else {
        reduce::for_each_output(plan, g, [&](const char *in, const OutPtrs &out) {
            SumExpOp<T> sum_exp;
            sum_exp.m = finite_or_zero(reduce::reduce_one<T>(plan, g, max_op, in));
            M s = reduce::reduce_one<T>(plan, g, sum_exp, in);
            store<T>(out[0], static_cast<T>(std::log(s) + sum_exp.m));
        });
    }
}

void logsumexp_kernel(const ReduceGeometry &g, const ReduceArgs &) {
    visit_dtype<kFloating>(g.in_dtype, "logsumexp", [&]<typename T>() { logsumexp_typed<T>(g); });
}

// var/std: two passes in double (PyTorch's CPU kernels accumulate in double too): the mean, then
// the sum of squared deviations from it.
template <typename T>
struct DoubleSumOp {
    using value_t = opmath_t<T>;
    using acc_t = double;
    acc_t identity() const { return 0; }
    acc_t step(acc_t a, value_t x, int64_t) const { return a + static_cast<double>(x); }
    acc_t combine(acc_t a, acc_t b) const { return a + b; }
};

template <typename T>
struct SquaredDeviationOp {
    using value_t = opmath_t<T>;
    using acc_t = double;
    double mean = 0;
    const double *means = nullptr;
    acc_t identity() const { return 0; }
    acc_t step(acc_t a, value_t x, int64_t) const {
        double d = static_cast<double>(x) - mean;
        return a + d * d;
    }
    acc_t col_step(acc_t a, value_t x, int64_t j, int64_t) const {
        double d = static_cast<double>(x) - means[j];
        return a + d * d;
    }
    acc_t combine(acc_t a, acc_t b) const { return a + b; }
};

template <typename T>
void var_typed(const ReduceGeometry &g, const ReduceArgs &args) {
    const reduce::Plan plan = reduce::make_plan<T>(g);
    const double n = static_cast<double>(g.reduce_size);
    const double divisor = std::max(0.0, n - args.correction);
    auto finish = [&](double m2) {
        double v = m2 / divisor;
        return static_cast<T>(static_cast<opmath_t<T>>(args.take_sqrt ? std::sqrt(v) : v));
    };
    const DoubleSumOp<T> sum_op{};
    if (plan.column) {
        reduce::for_each_column_block(plan, g, [&](const char *in, int64_t w, const OutPtrs &out) {
            double mean[reduce::kColumnWidth], m2[reduce::kColumnWidth];
            reduce::reduce_columns<T>(plan, g, sum_op, in, w, mean);
            for (int64_t j = 0; j < w; ++j) mean[j] /= n;
            SquaredDeviationOp<T> dev;
            dev.means = mean;
            reduce::reduce_columns<T>(plan, g, dev, in, w, m2);
            for (int64_t j = 0; j < w; ++j) store<T>(reduce::column_out(g, out, j)[0], finish(m2[j]));
        });
    } else {
        reduce::for_each_output(plan, g, [&](const char *in, const OutPtrs &out) {
            SquaredDeviationOp<T> dev;
            dev.mean = reduce::reduce_one<T>(plan, g, sum_op, in) / n;
            store<T>(out[0], finish(reduce::reduce_one<T>(plan, g, dev, in)));
        });
    }
}

void var_kernel(const ReduceGeometry &g, const ReduceArgs &args) {
    visit_dtype<kFloating>(g.in_dtype, "var", [&]<typename T>() { var_typed<T>(g, args); });
}

// ---- Norms -------------------------------------------------------------------------------------

enum class NormKind { Two, One, Inf, NegInf, Zero, General };

template <typename T, NormKind K>
struct NormOp {
    using value_t = opmath_t<T>;
    using acc_t = value_t;
    value_t p = 2;
    int64_t n = 0;
    acc_t identity() const { return K == NormKind::NegInf ? std::numeric_limits<acc_t>::infinity() : acc_t(0); }
    acc_t step(acc_t a, value_t x, int64_t) const {
        const value_t ax = std::abs(x);
        if constexpr (K == NormKind::Two) return a + x * x;
        else if constexpr (K == NormKind::One) return a + ax;
        else if constexpr (K == NormKind::Inf) return pick<true>(a, ax);
        else if constexpr (K == NormKind::NegInf) return pick<false>(a, ax);
        else if constexpr (K == NormKind::Zero) return a + static_cast<acc_t>(x != value_t(0));
        else return a + std::pow(ax, p);
    }
    acc_t combine(acc_t a, acc_t b) const {
        if constexpr (K == NormKind::Inf) return pick<true>(a, b);
        else if constexpr (K == NormKind::NegInf) return pick<false>(a, b);
        else return a + b;
    }
    // torch.norm gives 0 for an empty reduction, whatever p.
    void write(const OutPtrs &out, acc_t a) const {
        acc_t r = a;
        if constexpr (K == NormKind::Two) r = std::sqrt(a);
        else if constexpr (K == NormKind::General) r = p != p ? p : std::pow(a, acc_t(1) / p);
        if (n == 0) r = 0;
        store<T>(out[0], static_cast<T>(r));
    }
};

template <typename T, NormKind K>
void norm_typed(const ReduceGeometry &g, double p) {
    NormOp<T, K> op;
    op.p = static_cast<opmath_t<T>>(p);
    op.n = g.reduce_size;
    reduce::run<T>(g, op);
}

void norm_kernel(const ReduceGeometry &g, const ReduceArgs &args) {
    const double p = args.p;
    visit_dtype<kFloating>(g.in_dtype, "norm", [&]<typename T>() {
        if (p == 2) norm_typed<T, NormKind::Two>(g, p);
        else if (p == 1) norm_typed<T, NormKind::One>(g, p);
        else if (p == INFINITY) norm_typed<T, NormKind::Inf>(g, p);
        else if (p == -INFINITY) norm_typed<T, NormKind::NegInf>(g, p);
        else if (p == 0) norm_typed<T, NormKind::Zero>(g, p);
        else norm_typed<T, NormKind::General>(g, p);
    });
}

}  // namespace

void register_reduce_kernels() {
    auto &t = reduce_dispatch();
    auto set = [&](ReduceKernelOp op, ReduceKernel k) { t.set(DeviceType::CPU, static_cast<int>(op), k); };
    set(ReduceKernelOp::Sum, sum_kernel);
    set(ReduceKernelOp::Mean, mean_kernel);
    set(ReduceKernelOp::Prod, prod_kernel);
    set(ReduceKernelOp::Max, max_kernel);
    set(ReduceKernelOp::Min, min_kernel);
    set(ReduceKernelOp::All, all_kernel);
    set(ReduceKernelOp::Any, any_kernel);
    set(ReduceKernelOp::LogSumExp, logsumexp_kernel);
    set(ReduceKernelOp::CountNonzero, count_nonzero_kernel);
    set(ReduceKernelOp::ArgMax, argmax_kernel);
    set(ReduceKernelOp::ArgMin, argmin_kernel);
    set(ReduceKernelOp::Var, var_kernel);
    set(ReduceKernelOp::Norm, norm_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
