// Runs the PyTorch reference fixtures (tests/fixtures/*.json, see tests/fixtures/README.md)
// through the C ABI. One test per fixture file; each failing case is reported with its name.
//
// Environment: EMBER_FIXTURES_DIR overrides the directory; EMBER_FIXTURES_FILTER runs only the
// cases whose name contains the given text; EMBER_FIXTURES_VERBOSE=1 prints each case as it starts.
// Cases whose Ember function is not in this build yet are counted as skipped.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "json.h"
#include "test_util.h"

using namespace ember_test;
using json::Value;

#ifndef EMBER_FIXTURES_DIR
#define EMBER_FIXTURES_DIR "tests/fixtures"
#endif

namespace {

// Thrown when a case needs an Ember function this build does not have.
struct Missing : std::runtime_error {
    using std::runtime_error::runtime_error;
};

template <typename F>
F *need(F *fn, const char *name) {
    if (!available(fn)) throw Missing(name);
    return fn;
}
#define NEED(fn) need(&fn, #fn)

ember_dtype parse_dtype(const Value &v) {
    if (v.is_null()) return EMBER_DTYPE_UNDEFINED;
    static const std::map<std::string, ember_dtype> names = {
        {"float32", EMBER_DTYPE_FLOAT32}, {"float64", EMBER_DTYPE_FLOAT64}, {"float16", EMBER_DTYPE_FLOAT16},
        {"bfloat16", EMBER_DTYPE_BFLOAT16}, {"int8", EMBER_DTYPE_INT8},    {"uint8", EMBER_DTYPE_UINT8},
        {"int16", EMBER_DTYPE_INT16},     {"int32", EMBER_DTYPE_INT32},   {"int64", EMBER_DTYPE_INT64},
        {"bool", EMBER_DTYPE_BOOL}};
    auto it = names.find(v.as_string());
    if (it == names.end()) throw std::runtime_error("unknown dtype " + v.as_string());
    return it->second;
}

ember_scalar parse_scalar(const Value &v) {
    const std::string &kind = v["kind"].as_string();
    const Value &x = v["value"];
    if (kind == "bool") return sbool(x.as_bool());
    if (kind == "int") return sint(x.as_int());
    return sfloat(x.as_double());
}

std::vector<int64_t> parse_ints(const Value &v) {
    std::vector<int64_t> r;
    for (const Value &x : v.items()) r.push_back(x.as_int());
    return r;
}

// Raw bytes of a fixture tensor's data (int64 parsed exactly).
std::vector<unsigned char> data_bytes(ember_dtype d, const Value &data) {
    size_t es = dtype_size(d);
    std::vector<unsigned char> b(data.size() * es);
    for (size_t i = 0; i < data.size(); ++i) {
        const Value &x = data[i];
        if (d == EMBER_DTYPE_INT64) {
            int64_t v = x.as_int();
            std::memcpy(b.data() + i * es, &v, 8);
        } else if (d == EMBER_DTYPE_BOOL) {
            b[i] = x.as_bool() ? 1 : 0;
        } else {
            store(d, b.data() + i * es, x.as_double());
        }
    }
    return b;
}

Tensor apply_layout(Tensor t, const Value &layout) {
    for (const Value &step : layout.items()) {
        const auto &m = step.members().at(0);
        const std::string &kind = m.first;
        std::vector<int64_t> a = parse_ints(m.second);
        Tensor r;
        ember_status s;
        if (kind == "permute") s = NEED(ember_permute)(t, a.data(), a.size(), r.put());
        else if (kind == "transpose") s = NEED(ember_transpose)(t, a.at(0), a.at(1), r.put());
        else if (kind == "slice") s = NEED(ember_slice)(t, a.at(0), a.at(1), a.at(2), a.at(3), r.put());
        else if (kind == "expand") s = NEED(ember_expand)(t, a.data(), a.size(), r.put());
        else throw std::runtime_error("unknown layout transform " + kind);
        if (s != EMBER_OK) throw std::runtime_error("layout " + kind + " failed: " + ember_last_error_message());
        t = r;
    }
    return t;
}

Tensor make_input(const Value &spec, const std::vector<Tensor> &earlier) {
    if (spec.has("ref")) {
        Tensor base = earlier.at(static_cast<size_t>(spec["ref"].as_int()));
        return spec.has("layout") ? apply_layout(base, spec["layout"]) : base;
    }
    if (spec.has("scalar")) {
        Tensor t;
        if (ember_scalar_tensor(parse_scalar(spec["scalar"]), EMBER_DTYPE_UNDEFINED, kCpu, t.put()) != EMBER_OK)
            throw std::runtime_error(std::string("scalar_tensor failed: ") + ember_last_error_message());
        return t;
    }
    ember_dtype d = parse_dtype(spec["dtype"]);
    std::vector<int64_t> sizes = parse_ints(spec["shape"]);
    std::vector<unsigned char> bytes = data_bytes(d, spec["data"]);
    Tensor t;
    if (ember_from_data(bytes.data(), bytes.size(), sizes.data(), sizes.size(), d, t.put()) != EMBER_OK)
        throw std::runtime_error(std::string("from_data failed: ") + ember_last_error_message());
    return spec.has("layout") ? apply_layout(t, spec["layout"]) : t;
}

// What an op sees: its inputs (NULL where the fixture says null), attributes, and out.
struct Call {
    std::vector<ember_tensor> in;
    const Value *attrs;
    ember_tensor out = nullptr;
    std::vector<Tensor> results;  // reserved up front: ops keep pointers into it while they run

    Call() { results.reserve(16); }

    const Value &attr(const char *k) const { return (*attrs)[k]; }
    int64_t i(const char *k) const { return attr(k).as_int(); }
    bool b(const char *k) const { return attr(k).as_bool(); }
    double d(const char *k) const { return attr(k).as_double(); }
    ember_dtype dtype() const { return parse_dtype(attr("dtype")); }
    ember_scalar scalar(const char *k) const { return parse_scalar(attr(k)); }
    std::vector<int64_t> ints(const char *k) const { return parse_ints(attr(k)); }
    ember_tensor *result() {  // the `result` out-pointer of ops with the out convention
        results.emplace_back();
        return results.back().put();
    }
    ember_tensor *next() {
        results.emplace_back();
        return results.back().put();
    }
};

using OpFn = std::function<ember_status(Call &)>;

template <typename E>
E enum_named(const std::string &name, const char *const *names, int count) {
    for (int k = 0; k < count; ++k)
        if (name == names[k]) return static_cast<E>(k);
    throw std::runtime_error("unknown op " + name);
}

const char *const kUnaryNames[] = {"neg",   "abs",      "sign",    "exp",     "expm1",       "log",   "log1p",
                                   "log2",  "sqrt",     "rsqrt",   "reciprocal", "sin",      "cos",   "tan",
                                   "tanh",  "sigmoid",  "relu",    "gelu",    "gelu_tanh",   "silu",  "erf",
                                   "floor", "ceil",     "round",   "trunc",   "logical_not", "isnan", "isinf",
                                   "isfinite", "log10", "exp2",    "asin",    "acos",        "atan",  "sinh",
                                   "cosh",  "erfc",     "square"};
static_assert(sizeof(kUnaryNames) / sizeof(kUnaryNames[0]) == EMBER_UNARY_OP_COUNT);
const char *const kBinaryNames[] = {"add", "sub", "mul", "div", "div_floor", "div_trunc", "remainder", "pow",
                                    "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "logical_and",
                                    "logical_or", "logical_xor", "fmod", "atan2", "bitwise_and", "bitwise_or",
                                    "bitwise_xor"};
static_assert(sizeof(kBinaryNames) / sizeof(kBinaryNames[0]) == EMBER_BINARY_OP_COUNT);
const char *const kReduceNames[] = {"sum", "mean", "prod", "amax", "amin", "all", "any", "logsumexp", "count_nonzero"};
static_assert(sizeof(kReduceNames) / sizeof(kReduceNames[0]) == EMBER_REDUCE_OP_COUNT);

// Runs the pieces-returning ops (split, chunk): first asks for the count.
template <typename F>
ember_status pieces(Call &c, F f) {
    size_t count = 0;
    ember_status s = f(nullptr, 0, &count);
    if (s != EMBER_OK) return s;
    std::vector<ember_tensor> outs(count, nullptr);
    s = f(outs.data(), count, &count);
    for (ember_tensor t : outs) c.results.emplace_back(t);
    return s;
}

OpFn find_op(const std::string &op) {
    auto dot = op.find('.');
    if (dot != std::string::npos) {
        std::string family = op.substr(0, dot), name = op.substr(dot + 1);
        if (family == "unary") {
            auto e = enum_named<ember_unary_op>(name, kUnaryNames, EMBER_UNARY_OP_COUNT);
            return [e](Call &c) { return ember_unary(e, c.in[0], c.out, c.result()); };
        }
        if (family == "binary") {
            auto e = enum_named<ember_binary_op>(name, kBinaryNames, EMBER_BINARY_OP_COUNT);
            return [e](Call &c) { return ember_binary(e, c.in[0], c.in[1], c.out, c.result()); };
        }
        if (family == "binary_scalar") {
            auto e = enum_named<ember_binary_op>(name, kBinaryNames, EMBER_BINARY_OP_COUNT);
            return [e](Call &c) {
                return ember_binary_scalar(e, c.in[0], c.scalar("scalar"), c.b("scalar_first"), c.out, c.result());
            };
        }
        if (family == "reduce") {
            auto e = enum_named<ember_reduce_op>(name, kReduceNames, EMBER_REDUCE_OP_COUNT);
            return [e](Call &c) {
                auto dims = c.ints("dims");
                return NEED(ember_reduce)(e, c.in[0], dims.data(), dims.size(), c.b("keepdim"), c.dtype(), c.next());
            };
        }
        throw std::runtime_error("unknown op family " + family);
    }
    static const std::map<std::string, OpFn> ops = {
        // creation
        {"zeros", [](Call &c) { auto s = c.ints("sizes"); return ember_zeros(s.data(), s.size(), c.dtype(), kCpu, c.next()); }},
        {"ones", [](Call &c) { auto s = c.ints("sizes"); return ember_ones(s.data(), s.size(), c.dtype(), kCpu, c.next()); }},
        {"empty", [](Call &c) { auto s = c.ints("sizes"); return ember_empty(s.data(), s.size(), c.dtype(), kCpu, c.next()); }},
        {"full", [](Call &c) {
             auto s = c.ints("sizes");
             return ember_full(s.data(), s.size(), c.scalar("value"), c.dtype(), kCpu, c.next());
         }},
        {"full_like", [](Call &c) { return ember_full_like(c.in[0], c.scalar("value"), c.dtype(), c.next()); }},
        {"empty_like", [](Call &c) { return ember_empty_like(c.in[0], c.dtype(), c.next()); }},
        {"arange", [](Call &c) {
             return ember_arange(c.scalar("start"), c.scalar("end"), c.scalar("step"), c.dtype(), kCpu, c.next());
         }},
        {"linspace", [](Call &c) { return ember_linspace(c.d("start"), c.d("end"), c.i("steps"), c.dtype(), kCpu, c.next()); }},
        {"eye", [](Call &c) { return ember_eye(c.i("n"), c.i("m"), c.dtype(), kCpu, c.next()); }},
        {"scalar_tensor", [](Call &c) { return ember_scalar_tensor(c.scalar("value"), c.dtype(), kCpu, c.next()); }},
        // pointwise and copies
        {"add_scaled", [](Call &c) { return ember_add_scaled(c.in[0], c.in[1], c.scalar("alpha"), c.out, c.result()); }},
        {"where", [](Call &c) { return ember_where(c.in[0], c.in[1], c.in[2], c.out, c.result()); }},
        {"clamp", [](Call &c) { return ember_clamp(c.in[0], c.in[1], c.in[2], c.out, c.result()); }},
        {"clamp_scalar", [](Call &c) {
             ember_scalar lo{}, hi{};
             bool has_lo = !c.attr("min").is_null(), has_hi = !c.attr("max").is_null();
             if (has_lo) lo = c.scalar("min");
             if (has_hi) hi = c.scalar("max");
             return ember_clamp_scalar(c.in[0], has_lo ? &lo : nullptr, has_hi ? &hi : nullptr, c.out, c.result());
         }},
        {"lerp", [](Call &c) { return ember_lerp(c.in[0], c.in[1], c.in[2], c.out, c.result()); }},
        {"softplus", [](Call &c) { return ember_softplus(c.in[0], c.d("beta"), c.d("threshold"), c.out, c.result()); }},
        {"leaky_relu", [](Call &c) { return ember_leaky_relu(c.in[0], c.d("negative_slope"), c.out, c.result()); }},
        {"masked_fill", [](Call &c) { return ember_masked_fill(c.in[0], c.in[1], c.scalar("value"), c.out, c.result()); }},
        {"fill_", [](Call &c) { return ember_fill_(c.in[0], c.scalar("value")); }},
        {"copy_", [](Call &c) { return ember_copy_(c.in[0], c.in[1]); }},
        {"cast", [](Call &c) { return ember_cast(c.in[0], c.dtype(), c.next()); }},
        {"clone", [](Call &c) { return ember_clone(c.in[0], c.next()); }},
        {"contiguous", [](Call &c) { return ember_contiguous(c.in[0], c.next()); }},
        // reductions
        {"max_dim", [](Call &c) {
             ember_tensor *v = c.next();
             ember_tensor *ix = c.next();
             return NEED(ember_max_dim)(c.in[0], c.i("dim"), c.b("keepdim"), v, ix);
         }},
        {"min_dim", [](Call &c) {
             ember_tensor *v = c.next();
             ember_tensor *ix = c.next();
             return NEED(ember_min_dim)(c.in[0], c.i("dim"), c.b("keepdim"), v, ix);
         }},
        {"argmax", [](Call &c) {
             int64_t dim = c.attr("dim").is_null() ? 0 : c.i("dim");
             return NEED(ember_argmax)(c.in[0], c.attr("dim").is_null() ? nullptr : &dim, c.b("keepdim"), c.next());
         }},
        {"argmin", [](Call &c) {
             int64_t dim = c.attr("dim").is_null() ? 0 : c.i("dim");
             return NEED(ember_argmin)(c.in[0], c.attr("dim").is_null() ? nullptr : &dim, c.b("keepdim"), c.next());
         }},
        {"var", [](Call &c) {
             auto dims = c.ints("dims");
             return NEED(ember_var)(c.in[0], dims.data(), dims.size(), c.d("correction"), c.b("keepdim"), c.next());
         }},
        {"std", [](Call &c) {
             auto dims = c.ints("dims");
             return NEED(ember_std)(c.in[0], dims.data(), dims.size(), c.d("correction"), c.b("keepdim"), c.next());
         }},
        {"norm", [](Call &c) {
             auto dims = c.ints("dims");
             return NEED(ember_norm)(c.in[0], c.d("p"), dims.data(), dims.size(), c.b("keepdim"), c.next());
         }},
        {"softmax", [](Call &c) { return NEED(ember_softmax)(c.in[0], c.i("dim"), c.dtype(), c.next()); }},
        {"log_softmax", [](Call &c) { return NEED(ember_log_softmax)(c.in[0], c.i("dim"), c.dtype(), c.next()); }},
        {"cumsum", [](Call &c) { return NEED(ember_cumsum)(c.in[0], c.i("dim"), c.dtype(), c.next()); }},
        {"cumprod", [](Call &c) { return NEED(ember_cumprod)(c.in[0], c.i("dim"), c.dtype(), c.next()); }},
        // linear algebra
        {"matmul", [](Call &c) { return NEED(ember_matmul)(c.in[0], c.in[1], c.next()); }},
        {"mm", [](Call &c) { return NEED(ember_mm)(c.in[0], c.in[1], c.next()); }},
        {"bmm", [](Call &c) { return NEED(ember_bmm)(c.in[0], c.in[1], c.next()); }},
        {"outer", [](Call &c) { return NEED(ember_outer)(c.in[0], c.in[1], c.next()); }},
        {"dot", [](Call &c) { return NEED(ember_dot)(c.in[0], c.in[1], c.next()); }},
        {"addmm", [](Call &c) {
             return NEED(ember_addmm)(c.in[0], c.in[1], c.in[2], c.scalar("beta"), c.scalar("alpha"), c.next());
         }},
        // views
        {"view", [](Call &c) { auto s = c.ints("sizes"); return NEED(ember_view)(c.in[0], s.data(), s.size(), c.next()); }},
        {"reshape", [](Call &c) { auto s = c.ints("sizes"); return NEED(ember_reshape)(c.in[0], s.data(), s.size(), c.next()); }},
        {"expand", [](Call &c) { auto s = c.ints("sizes"); return NEED(ember_expand)(c.in[0], s.data(), s.size(), c.next()); }},
        {"permute", [](Call &c) { auto s = c.ints("dims"); return NEED(ember_permute)(c.in[0], s.data(), s.size(), c.next()); }},
        {"transpose", [](Call &c) { return NEED(ember_transpose)(c.in[0], c.i("dim0"), c.i("dim1"), c.next()); }},
        {"slice", [](Call &c) {
             return NEED(ember_slice)(c.in[0], c.i("dim"), c.i("start"), c.i("end"), c.i("step"), c.next());
         }},
        {"narrow", [](Call &c) { return NEED(ember_narrow)(c.in[0], c.i("dim"), c.i("start"), c.i("length"), c.next()); }},
        {"select", [](Call &c) { return NEED(ember_select)(c.in[0], c.i("dim"), c.i("index"), c.next()); }},
        {"squeeze", [](Call &c) { auto s = c.ints("dims"); return NEED(ember_squeeze)(c.in[0], s.data(), s.size(), c.next()); }},
        {"unsqueeze", [](Call &c) { return NEED(ember_unsqueeze)(c.in[0], c.i("dim"), c.next()); }},
        {"flatten", [](Call &c) { return NEED(ember_flatten)(c.in[0], c.i("start_dim"), c.i("end_dim"), c.next()); }},
        {"unflatten", [](Call &c) {
             auto s = c.ints("sizes");
             return NEED(ember_unflatten)(c.in[0], c.i("dim"), s.data(), s.size(), c.next());
         }},
        {"as_strided", [](Call &c) {
             auto s = c.ints("sizes"), st = c.ints("strides");
             return NEED(ember_as_strided)(c.in[0], s.data(), st.data(), s.size(), c.i("storage_offset"), c.next());
         }},
        // joining, splitting, indexing
        {"cat", [](Call &c) { return NEED(ember_cat)(c.in.data(), c.in.size(), c.i("dim"), c.next()); }},
        {"stack", [](Call &c) { return NEED(ember_stack)(c.in.data(), c.in.size(), c.i("dim"), c.next()); }},
        {"split", [](Call &c) {
             auto fn = NEED(ember_split);
             return pieces(c, [&](ember_tensor *o, size_t cap, size_t *n) { return fn(c.in[0], c.i("split_size"), c.i("dim"), o, cap, n); });
         }},
        {"chunk", [](Call &c) {
             auto fn = NEED(ember_chunk);
             return pieces(c, [&](ember_tensor *o, size_t cap, size_t *n) { return fn(c.in[0], c.i("chunks"), c.i("dim"), o, cap, n); });
         }},
        {"split_with_sizes", [](Call &c) {
             auto s = c.ints("sizes");
             std::vector<ember_tensor> outs(s.size(), nullptr);
             ember_status st = NEED(ember_split_with_sizes)(c.in[0], s.data(), s.size(), c.i("dim"), outs.data());
             for (ember_tensor t : outs) c.results.emplace_back(t);
             return st;
         }},
        {"index_select", [](Call &c) { return NEED(ember_index_select)(c.in[0], c.i("dim"), c.in[1], c.next()); }},
        {"gather", [](Call &c) { return NEED(ember_gather)(c.in[0], c.i("dim"), c.in[1], c.next()); }},
        {"scatter", [](Call &c) {
             const std::string &r = c.attr("reduce").as_string();
             ember_scatter_reduce red = r == "add" ? EMBER_SCATTER_ADD : r == "multiply" ? EMBER_SCATTER_MULTIPLY
                                                                                         : EMBER_SCATTER_ASSIGN;
             return NEED(ember_scatter)(c.in[0], c.i("dim"), c.in[1], c.in[2], red, c.out, c.result());
         }},
        {"index", [](Call &c) { return NEED(ember_index)(c.in[0], c.in.data() + 1, c.in.size() - 1, c.next()); }},
        {"index_put", [](Call &c) {
             return NEED(ember_index_put)(c.in[0], c.in.data() + 2, c.in.size() - 2, c.in[1], c.b("accumulate"), c.out,
                                          c.result());
         }},
        {"masked_select", [](Call &c) { return NEED(ember_masked_select)(c.in[0], c.in[1], c.next()); }},
        {"nonzero", [](Call &c) { return NEED(ember_nonzero)(c.in[0], c.next()); }},
        {"take", [](Call &c) { return NEED(ember_take)(c.in[0], c.in[1], c.next()); }},
        {"repeat", [](Call &c) { auto r = c.ints("repeats"); return NEED(ember_repeat)(c.in[0], r.data(), r.size(), c.next()); }},
        {"tile", [](Call &c) { auto r = c.ints("repeats"); return NEED(ember_tile)(c.in[0], r.data(), r.size(), c.next()); }},
        {"flip", [](Call &c) { auto d = c.ints("dims"); return NEED(ember_flip)(c.in[0], d.data(), d.size(), c.next()); }},
        {"roll", [](Call &c) {
             auto s = c.ints("shifts"), d = c.ints("dims");
             return NEED(ember_roll)(c.in[0], s.data(), s.size(), d.data(), d.size(), c.next());
         }},
        {"tril", [](Call &c) { return NEED(ember_tril)(c.in[0], c.i("k"), c.next()); }},
        {"triu", [](Call &c) { return NEED(ember_triu)(c.in[0], c.i("k"), c.next()); }},
        // sorting
        {"sort", [](Call &c) {
             ember_tensor *v = c.next();
             ember_tensor *ix = c.next();
             return NEED(ember_sort)(c.in[0], c.i("dim"), c.b("descending"), c.b("stable"), v, ix);
         }},
        {"argsort", [](Call &c) { return NEED(ember_argsort)(c.in[0], c.i("dim"), c.b("descending"), c.next()); }},
        {"topk", [](Call &c) {
             ember_tensor *v = c.next();
             ember_tensor *ix = c.next();
             return NEED(ember_topk)(c.in[0], c.i("k"), c.i("dim"), c.b("largest"), c.b("sorted"), v, ix);
         }},
    };
    auto it = ops.find(op);
    if (it == ops.end()) throw std::runtime_error("unknown op " + op);
    return it->second;
}

std::vector<ember_tensor> handles(const std::vector<Tensor> &ts) {
    std::vector<ember_tensor> h;
    for (const Tensor &t : ts) h.push_back(t.get());
    return h;
}

// Runs the fixture op `op` through the table above; shared by the single-op cases and the steps of
// the autograd family's programs. out is the destination of the "out" and "inplace" variants
// (NULL otherwise); the op's result handles land in call.results.
ember_status invoke(const std::string &op, const Value &attrs, std::vector<ember_tensor> in, ember_tensor out,
                    Call &call) {
    OpFn fn = find_op(op);
    call.in = std::move(in);
    call.attrs = &attrs;
    call.out = out;
    return fn(call);
}

ember_status status_of_class(const std::string &cls) {
    if (cls == "shape") return EMBER_ERR_SHAPE;
    if (cls == "dtype") return EMBER_ERR_DTYPE;
    if (cls == "index") return EMBER_ERR_INDEX;
    if (cls == "invalid_argument") return EMBER_ERR_INVALID_ARGUMENT;
    if (cls == "autograd") return EMBER_ERR_AUTOGRAD;
    throw std::runtime_error("unknown error class " + cls);
}

std::string fmt(double v) {
    std::ostringstream o;
    o.precision(17);
    o << v;
    return o.str();
}

std::string shape_str(const std::vector<int64_t> &s) {
    std::string r = "[";
    for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
    return r + "]";
}

// Compares one output with its expectation; returns "" when they match.
std::string compare(ember_tensor got, const Value &exp, const Value &c, const std::vector<Tensor> &inputs) {
    if (!got) return "no output tensor";
    ember_dtype d = parse_dtype(exp["dtype"]);
    if (dtype_of(got) != d)
        return std::string("dtype ") + dtype_name(dtype_of(got)) + ", expected " + dtype_name(d);
    std::vector<int64_t> shape = parse_ints(exp["shape"]);
    std::vector<int64_t> gs = sizes_of(got);
    if (gs != shape) return "shape " + shape_str(gs) + ", expected " + shape_str(shape);
    if (exp.has("strides")) {
        std::vector<int64_t> want = parse_ints(exp["strides"]), have = strides_of(got);
        for (size_t k = 0; k < shape.size(); ++k)
            if (shape[k] > 1 && want[k] != have[k]) return "strides " + shape_str(have) + ", expected " + shape_str(want);
    }
    if (exp.has("view_of")) {
        const Value &vo = exp["view_of"];
        if (vo.is_null()) {
            for (const Tensor &in : inputs) {
                bool shares = false;
                if (in && ember_tensor_shares_storage(got, in, &shares) == EMBER_OK && shares)
                    return "the result shares storage with an input; PyTorch returns a copy";
            }
        } else {
            bool shares = false;
            ember_tensor_shares_storage(got, inputs.at(static_cast<size_t>(vo.as_int())), &shares);
            if (!shares) return "the result is a copy; PyTorch returns a view of input " + std::to_string(vo.as_int());
        }
    }
    const Value &data = exp["data"];
    if (data.is_null()) return "";
    bool has_tol = c.has("tolerance");
    double rtol = has_tol ? c["tolerance"]["rtol"].as_double() : 0.0;
    double atol = has_tol ? c["tolerance"]["atol"].as_double() : 0.0;
    bool signed_zeros = c.has("signed_zeros") && c["signed_zeros"].as_bool();
    std::vector<unsigned char> bytes = bytes_of(got);
    size_t es = dtype_size(d);
    int shown = 0;
    std::string err;
    size_t bad = 0;
    for (size_t k = 0; k < data.size(); ++k) {
        bool ok;
        std::string g, e;
        if (d == EMBER_DTYPE_INT64) {
            int64_t gv;
            std::memcpy(&gv, bytes.data() + k * es, 8);
            int64_t ev = data[k].as_int();
            ok = gv == ev;
            g = std::to_string(gv);
            e = std::to_string(ev);
        } else if (!is_floating(d)) {
            double gv = load(d, bytes.data() + k * es), ev = data[k].as_double();
            ok = gv == ev;
            g = fmt(gv);
            e = fmt(ev);
        } else {
            double gv = load(d, bytes.data() + k * es), ev = data[k].as_double();
            if (std::isnan(ev)) ok = std::isnan(gv);
            else if (std::isinf(ev) || !has_tol) ok = gv == ev;
            else ok = std::fabs(gv - ev) <= atol + rtol * std::fabs(ev);
            if (ok && signed_zeros && ev == 0 && gv == 0) ok = std::signbit(gv) == std::signbit(ev);
            g = fmt(gv);
            e = fmt(ev);
        }
        if (!ok) {
            ++bad;
            if (shown++ < 3) err += " [" + std::to_string(k) + "] got " + g + " expected " + e + ";";
        }
    }
    if (bad) return std::to_string(bad) + " of " + std::to_string(data.size()) + " values differ:" + err;
    return "";
}

// Runs one case; returns "" on success, "SKIP: ..." when an Ember function is missing.
std::string run_case(const Value &c) {
    std::vector<Tensor> inputs;
    try {
        for (const Value &spec : c["inputs"].items()) inputs.push_back(spec.is_null() ? Tensor() : make_input(spec, inputs));
        Tensor out;
        std::string variant = c.has("variant") ? c["variant"].as_string() : "";
        if (variant == "out") out = make_input(c["out"], inputs);
        Call call;
        ember_tensor dst = variant == "out" ? out.get() : variant == "inplace" ? inputs.at(0).get() : nullptr;
        ember_status s = invoke(c["op"].as_string(), c["attrs"], handles(inputs), dst, call);
        if (c.has("error")) {
            ember_status want = status_of_class(c["error"]["class"].as_string());
            if (s == want) return "";
            std::string torch = c["error"]["torch"].is_null() ? "(manual)" : c["error"]["torch"].as_string();
            if (s == EMBER_OK) return std::string("succeeded, expected ") + status_name(want) + " (PyTorch: " + torch + ")";
            return std::string(status_name(s)) + " (" + ember_last_error_message() + "), expected " + status_name(want) +
                   " (PyTorch: " + torch + ")";
        }
        if (s != EMBER_OK) return std::string(status_name(s)) + ": " + ember_last_error_message();
        std::vector<ember_tensor> got;
        if (variant == "out" || variant == "inplace") {
            ember_tensor written = variant == "out" ? out.get() : inputs.at(0).get();
            got.push_back(written);
            // the result handle (where the op has one) must be the written tensor
            if (!call.results.empty() && call.results[0]) {
                bool shares = false;
                ember_tensor_shares_storage(call.results[0], written, &shares);
                if (!shares) return "the result handle is not the out tensor";
            }
        } else {
            for (const Tensor &t : call.results) got.push_back(t.get());
        }
        const Value &expected = c["expected"];
        if (got.size() != expected.size())
            return std::to_string(got.size()) + " outputs, expected " + std::to_string(expected.size());
        for (size_t k = 0; k < got.size(); ++k) {
            std::string e = compare(got[k], expected[k], c, inputs);
            if (!e.empty()) return (got.size() > 1 ? "output " + std::to_string(k) + ": " : std::string()) + e;
        }
        return "";
    } catch (const Missing &m) {
        return std::string("SKIP: ") + m.what();
    } catch (const std::exception &e) {
        return std::string("runner error: ") + e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// The autograd family: each case is a program of fixture ops (run through invoke, as the other
// families' cases are) on inputs of which some are leaves that require grad, then ember_grad or
// ember_backward from its outputs, optionally differentiated once more (README.md, "The autograd
// family"). An expected error names the stage that must fail; every other stage must succeed.

// What a program has made so far: the case's inputs and each step's outputs.
struct Program {
    std::vector<Tensor> inputs;
    std::vector<std::vector<Tensor>> steps;

    // A step argument or gradient target: {"input": i}, {"step": k, "output": j}, a wrapped
    // scalar, or null.
    Tensor resolve(const Value &ref) const {
        if (ref.is_null()) return Tensor();
        if (ref.has("input")) return inputs.at(static_cast<size_t>(ref["input"].as_int()));
        if (ref.has("step")) {
            size_t j = ref.has("output") ? static_cast<size_t>(ref["output"].as_int()) : 0;
            return steps.at(static_cast<size_t>(ref["step"].as_int())).at(j);
        }
        return make_input(ref, inputs);  // {"scalar": ...}
    }

    std::vector<Tensor> resolve_all(const Value &refs) const {
        std::vector<Tensor> r;
        for (const Value &v : refs.items()) r.push_back(resolve(v));
        return r;
    }
};

bool requires_grad(ember_tensor t) {
    bool rg = false;
    return t && ember_requires_grad(t, &rg) == EMBER_OK && rg;
}

// Decides what a stage's status means for the case: the stage the case expects to fail ends the
// case (pass or fail); another failing stage is a failure; otherwise the program goes on.
class StageCheck {
public:
    explicit StageCheck(const Value &c) : c_(c) {
        if (!c.has("error")) return;
        const Value &at = c["error"]["at"];
        error_stage_ = at.is_number() ? "step " + std::to_string(at.as_int()) : at.as_string();
        want_ = status_of_class(c["error"]["class"].as_string());
    }

    // true when the case is decided (verdict() says how).
    bool done(const std::string &stage, ember_status s) {
        if (stage == error_stage_) {
            std::string torch = c_["error"]["torch"].is_null() ? "(manual)" : c_["error"]["torch"].as_string();
            if (s == want_) verdict_.clear();
            else if (s == EMBER_OK) verdict_ = stage + " succeeded, expected " + status_name(want_);
            else verdict_ = stage + ": " + status_name(s) + " (" + ember_last_error_message() + "), expected " +
                            status_name(want_);
            if (s != want_) verdict_ += " (PyTorch: " + torch + ")";
            return true;
        }
        if (s == EMBER_OK) return false;
        verdict_ = stage + ": " + status_name(s) + ": " + ember_last_error_message();
        return true;
    }

    // After the last stage: an expected error that never came.
    std::string finish() const {
        if (error_stage_.empty()) return "";
        return "every stage succeeded, expected " + std::string(status_name(want_)) + " at " + error_stage_;
    }

    const std::string &verdict() const { return verdict_; }

private:
    const Value &c_;
    std::string error_stage_;
    ember_status want_ = EMBER_OK;
    std::string verdict_;
};

// Compares gradients with their expectations (null: no gradient).
std::string compare_grads(const std::vector<Tensor> &got, const Value &expected, const Value &c, const char *what) {
    if (got.size() != expected.size())
        return std::string(what) + ": " + std::to_string(got.size()) + " gradients, expected " +
               std::to_string(expected.size());
    for (size_t k = 0; k < got.size(); ++k) {
        std::string e;
        if (expected[k].is_null()) e = got[k] ? "a gradient, expected none (null)" : "";
        else if (!got[k]) e = "no gradient (null)";
        else e = compare(got[k], expected[k], c, {});
        if (!e.empty()) return std::string(what) + " " + std::to_string(k) + ": " + e;
    }
    return "";
}

std::string run_program(const Value &c, std::vector<std::string> &no_history) {
    StageCheck check(c);
    ember_set_grad_enabled(true);
    Program p;
    for (const Value &spec : c["inputs"].items()) p.inputs.push_back(spec.is_null() ? Tensor() : make_input(spec, p.inputs));
    for (const Value &i : c["requires_grad"].items())
        if (check.done("requires_grad", ember_set_requires_grad(p.inputs.at(static_cast<size_t>(i.as_int())), true)))
            return check.verdict();

    const Value &steps = c["steps"];
    for (size_t k = 0; k < steps.size(); ++k) {
        const Value &step = steps[k];
        const std::string &op = step["op"].as_string();
        std::string variant = step.has("variant") ? step["variant"].as_string() : "";
        std::vector<Tensor> args = p.resolve_all(step["inputs"]);
        Tensor dst = variant == "out" ? p.resolve(step["out"]) : variant == "inplace" ? args.at(0) : Tensor();
        Call call;
        ember_status s = invoke(op, step["attrs"], handles(args), dst, call);
        if (check.done("step " + std::to_string(k), s)) return check.verdict();
        // in place (and copy_/fill_, which write input 0): the step's output is the written tensor
        bool writes_input = variant == "inplace" || op == "copy_" || op == "fill_";
        std::vector<Tensor> outs = call.results;
        if (writes_input) outs = {args.at(0)};
        else if (variant == "out") outs = {dst};
        // A differentiable input but a floating output without history: the op recorded nothing.
        bool any_rg = false;
        for (const Tensor &a : args) any_rg |= requires_grad(a);
        for (const Tensor &o : outs)
            if (any_rg && o && is_floating(dtype_of(o)) && !requires_grad(o)) {
                no_history.push_back("step " + std::to_string(k) + " " + op);
                break;
            }
        p.steps.push_back(std::move(outs));
    }

    std::vector<Tensor> outputs = p.resolve_all(c["outputs"]);
    std::vector<Tensor> grad_outputs;
    if (c.has("grad_outputs"))
        for (const Value &g : c["grad_outputs"].items()) grad_outputs.push_back(g.is_null() ? Tensor() : make_input(g, p.inputs));
    std::vector<ember_tensor> out_h = handles(outputs), go_h = handles(grad_outputs);
    const Value &attrs = c["attrs"];
    bool retain = attrs["retain_graph"].as_bool(), create = attrs["create_graph"].as_bool();
    int64_t repeat = c.has("repeat") ? c["repeat"].as_int() : 1;
    bool is_grad = c["op"].as_string() == "grad";
    std::vector<Tensor> wrt = is_grad ? p.resolve_all(c["wrt"]) : std::vector<Tensor>{};
    std::vector<ember_tensor> wrt_h = handles(wrt);
    std::vector<Tensor> grads(is_grad ? wrt.size() : 0);
    for (int64_t r = 0; r < repeat; ++r) {
        ember_status s;
        if (is_grad) {
            std::vector<ember_tensor> g(wrt.size(), nullptr);
            s = NEED(ember_grad)(out_h.data(), out_h.size(), go_h.empty() ? nullptr : go_h.data(), wrt_h.data(),
                                 wrt_h.size(), retain, create, attrs["allow_unused"].as_bool(), g.data());
            for (size_t k = 0; k < g.size(); ++k) grads[k] = Tensor(g[k]);
        } else {
            s = NEED(ember_backward)(out_h.data(), out_h.size(), go_h.empty() ? nullptr : go_h.data(), retain, create,
                                     nullptr, 0);
        }
        if (check.done(r == 0 ? "grad" : "repeat", s)) return check.verdict();
    }
    if (!is_grad) {
        for (const Value &i : c["requires_grad"].items()) {
            Tensor g;
            if (check.done("grad", ember_get_grad(p.inputs.at(static_cast<size_t>(i.as_int())), g.put())))
                return check.verdict();
            grads.push_back(g);
        }
    }
    std::string e;
    if (c.has("expected") && !(e = compare_grads(grads, c["expected"], c, "gradient")).empty()) return e;

    if (c.has("second_order")) {
        const Value &so = c["second_order"];
        bool square = so.has("square") && so["square"].as_bool();
        std::vector<Tensor> wrt2 = so.has("wrt") ? p.resolve_all(so["wrt"]) : wrt;
        std::vector<Tensor> outs2, vs;
        for (size_t k = 0; k < grads.size(); ++k) {
            if (!grads[k]) continue;
            outs2.push_back(grads[k]);
            if (square) {  // d sum(g*g) = J^T (2 g): the vector is a constant
                Tensor v;
                ember_set_grad_enabled(false);
                ember_status s = ember_binary_scalar(EMBER_BINARY_MUL, grads[k], sfloat(2.0), false, nullptr, v.put());
                ember_set_grad_enabled(true);
                if (s != EMBER_OK) return std::string("runner: 2*g failed: ") + ember_last_error_message();
                vs.push_back(v);
            } else {
                vs.push_back(make_input(so["grad_outputs"][k], p.inputs));
            }
        }
        std::vector<ember_tensor> o2 = handles(outs2), v2 = handles(vs), w2 = handles(wrt2);
        std::vector<ember_tensor> g(wrt2.size(), nullptr);
        ember_status s = NEED(ember_grad)(o2.data(), o2.size(), v2.data(), w2.data(), w2.size(), false, false, true, g.data());
        std::vector<Tensor> grads2;
        for (ember_tensor t : g) grads2.emplace_back(t);
        if (check.done("second_order", s)) return check.verdict();
        if (so.has("expected") && !(e = compare_grads(grads2, so["expected"], c, "second-order gradient")).empty())
            return e;
    }
    return check.finish();
}

// Runs one program case; a failure names the steps whose results got no history.
std::string run_program_case(const Value &c) {
    std::vector<std::string> no_history;
    std::string r;
    try {
        r = run_program(c, no_history);
    } catch (const Missing &m) {
        return std::string("SKIP: ") + m.what();
    } catch (const std::exception &e) {
        r = std::string("runner error: ") + e.what();
    }
    ember_set_grad_enabled(true);
    if (!r.empty() && !no_history.empty()) {
        r += " [no history after:";
        for (const std::string &s : no_history) r += " " + s + ";";
        r += " missing derivative formula?]";
    }
    return r;
}

std::string fixtures_dir() {
    const char *env = std::getenv("EMBER_FIXTURES_DIR");
    return env && *env ? env : EMBER_FIXTURES_DIR;
}

void run_family(const std::string &family) {
    std::string path = fixtures_dir() + "/" + family + ".json";
    std::ifstream f(path, std::ios::binary);
    if (!f) GTEST_SKIP() << "no fixture file " << path;
    std::stringstream ss;
    ss << f.rdbuf();
    Value doc = Value::parse(ss.str());
    ASSERT_EQ(doc["format"].as_string(), "ember-fixtures");
    ASSERT_EQ(doc["version"].as_int(), 1) << "fixture format version";
    const char *filter = std::getenv("EMBER_FIXTURES_FILTER");
    const char *verbose = std::getenv("EMBER_FIXTURES_VERBOSE");  // print each case before it runs
    int passed = 0, failed = 0, skipped = 0;
    std::map<std::string, int> missing;
    for (const Value &c : doc["cases"].items()) {
        const std::string &name = c["name"].as_string();
        if (filter && *filter && name.find(filter) == std::string::npos) continue;
        if (verbose && *verbose) std::fprintf(stderr, "[ case ] %s\n", name.c_str());
        std::string r = c.has("steps") ? run_program_case(c) : run_case(c);
        if (r.empty()) {
            ++passed;
        } else if (r.rfind("SKIP: ", 0) == 0) {
            ++skipped;
            ++missing[r.substr(6)];
        } else {
            ++failed;
            ADD_FAILURE() << name << ": " << r;
        }
    }
    std::string miss;
    for (auto &m : missing) miss += " " + m.first + "(" + std::to_string(m.second) + ")";
    std::printf("[ fixtures ] %s: %d passed, %d failed, %d skipped%s%s [isa %s]\n", family.c_str(), passed, failed,
                skipped, miss.empty() ? "" : "; not in this build:", miss.c_str(), ember_cpu_isa());
}

}  // namespace

TEST(Fixtures, JsonReader) {
    Value v = Value::parse(R"({"a": [1, -2.5e3, "inf", true, null], "s": "x\"\u00e9", "big": "9007199254740993"})");
    EXPECT_EQ(v["a"][0].as_int(), 1);
    EXPECT_EQ(v["a"][1].as_double(), -2500.0);
    EXPECT_TRUE(std::isinf(v["a"][2].as_double()));
    EXPECT_TRUE(v["a"][3].as_bool());
    EXPECT_TRUE(v["a"][4].is_null());
    EXPECT_EQ(v["s"].as_string(), "x\"\xc3\xa9");
    EXPECT_EQ(v["big"].as_int(), 9007199254740993LL);
    EXPECT_THROW(Value::parse("[1, 2"), std::runtime_error);
}

TEST(Fixtures, Creation) { run_family("creation"); }
TEST(Fixtures, ElementwiseUnary) { run_family("elementwise_unary"); }
TEST(Fixtures, ElementwiseBinary) { run_family("elementwise_binary"); }
TEST(Fixtures, Pointwise) { run_family("pointwise"); }
TEST(Fixtures, Promotion) { run_family("promotion"); }
TEST(Fixtures, Reductions) { run_family("reductions"); }
TEST(Fixtures, SoftmaxScan) { run_family("softmax_scan"); }
TEST(Fixtures, Linalg) { run_family("linalg"); }
TEST(Fixtures, Views) { run_family("views"); }
TEST(Fixtures, ShapeOps) { run_family("shape_ops"); }
TEST(Fixtures, Indexing) { run_family("indexing"); }
TEST(Fixtures, Sort) { run_family("sort"); }
TEST(Fixtures, Autograd) { run_family("autograd"); }
